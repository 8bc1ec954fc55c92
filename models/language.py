"""Language detection for comments, offline: ``detect(text) -> (code | None, confidence)``.

Backed by ``py3langid`` (BSD-3-Clause; a maintained fork of langid.py; 97 languages; its model,
``data/model.npz.xz``, ~4.6 MB, ships inside the wheel and nothing is downloaded at run time).

* The code is ISO 639-1 (``"en"``, ``"de"``, ``"zh"``...), or ``None`` when the text is too short
  (fewer than ``MIN_LETTERS`` letters once URLs, @mentions, e-mail addresses, digits and emoji are
  removed) or the detector is unsure (confidence below ``MIN_CONFIDENCE``).
* Confidence is py3langid's normalised probability of the chosen language, in [0, 1].
* Bounded: only the first ``MAX_CHARS`` characters are looked at, so a 10 MB comment costs the same
  as a 2,000-character one; any input (``None``, bytes, lone surrogates, NUL bytes) is safe.
* The model loads once, lazily, on the first call; call ``warm_up()`` at start-up to pay that
  early. The first start on a machine unpacks it (~0.5 s) into a cache folder (``cache_root()``);
  later starts map the unpacked arrays (milliseconds). After that a typical comment takes well
  under 1 ms.

Roman Urdu and romanised Hindi are Latin-script, and py3langid reports them as another language
(often ``en`` or ``id``); a comment with several of their function words is answered ``"ur"``
(``romanised_urdu_hindi``), so it reaches the multilingual model, which was trained on Roman Urdu.
Moroccan and Egyptian Arabic, which py3langid names ``ary`` and ``arz``, are answered ``"ar"``: the
multilingual model was trained on Arabic comments from many countries and no card lists the
dialects, so they went unread. ``non_latin(text)`` says whether most of a comment's letters are in
another script than Latin (Arabic, Bengali, Gurmukhi, Devanagari, Chinese, Cyrillic...): the English
model's vocabulary cannot read those, whatever the detector's confidence.
Known limits: romanised Punjabi is not told apart; very short texts
("ok", "lol", "🙂") give ``None``; mixed-language comments get their dominant language.
"""
from __future__ import annotations

import os
import re
import threading
from pathlib import Path

__all__ = ["detect", "warm_up", "cache_root", "romanised_urdu_hindi", "non_latin", "MAX_CHARS", "MIN_LETTERS",
           "MIN_CONFIDENCE"]

MAX_CHARS = 2000
MIN_LETTERS = 4
MIN_CONFIDENCE = 0.30

_NOISE_RE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\S+|@[A-Za-z0-9_]{1,30}|#|\d+", re.IGNORECASE)
_SPACE_RE = re.compile(r"\s+")
_lock = threading.Lock()
# dialects py3langid tells apart -> the language the model cards list
_MACRO = {"ary": "ar", "arz": "ar"}
_identifier = None


def _get():
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                _identifier = _load()
    return _identifier


# py3langid ships its model xz-compressed (4.6 MB): unpacking it (68 MB) took ~0.5 s of CPU at every
# start, the largest part of a worker's cold start, and its tables then sat in each worker's private
# memory. The first start unpacks it once into a cache folder (``MODERATOR_CACHE_DIR``, else
# ``$XDG_CACHE_HOME/school-moderator``, else ``~/.cache/school-moderator``; in the Docker image the
# data volume), named by the model file's SHA-256; later starts map those arrays read-only: no
# unpacking, and the pages are shared between workers and only read where comments lead. The
# arrays are the same, so is every answer. Without a writable cache the model loads as before.
_CACHE_FORMAT = "langid-npy1"
_CACHE_KEYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def cache_root() -> Path:
    """Where models.language keeps the unpacked language-detection model."""
    env = os.environ.get("MODERATOR_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "school-moderator"


def _load():
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    try:
        return _load_cached(Path(MODEL_DIR) / MODEL_FILE, LanguageIdentifier)
    except Exception:  # noqa: BLE001 - no cache (read-only home, full disk, a damaged file): load as shipped
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _load_cached(source: Path, identifier_cls):  # noqa: ANN001, ANN202 - py3langid's class
    import hashlib

    import numpy as np

    h = hashlib.sha256()
    with open(source, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    folder = cache_root() / f"{_CACHE_FORMAT}-{h.hexdigest()[:16]}"
    if not all((folder / f"{k}.npy").is_file() for k in _CACHE_KEYS):
        _write_cache(source, folder)
    arrays = {k: np.load(folder / f"{k}.npy", mmap_mode="r" if k in ("ptc", "nextmove") else None,
                         allow_pickle=False) for k in _CACHE_KEYS}
    ptc, pc, nextmove = np.asarray(arrays["ptc"]), np.asarray(arrays["pc"]), np.asarray(arrays["nextmove"])
    classes = arrays["classes"].tolist()
    row, out_feat = arrays["nextmove_row"], arrays["out_feat"]
    typecode = {2: "H", 4: "I", 8: "Q"}[nextmove.dtype.itemsize]
    if (ptc.ndim != 2 or not ptc.shape[1] == len(pc) == len(classes) or nextmove.dtype.kind != "u"
            or len(out_feat) != len(row) or len(nextmove) != 256 * (int(row.max()) + 1)):
        raise ValueError(f"{folder}: not the layout this code wrote")
    # py3langid walks its DFA one byte at a time with Python indexing: a memoryview of the mapped
    # table gives the same ints as the array('I') it builds itself.
    return identifier_cls(ptc, pc, classes, memoryview(nextmove).cast("B").cast(typecode), out_feat.tolist(),
                          norm_probs=True, tk_row=row.tolist())


def _write_cache(source: Path, folder: Path) -> None:
    import lzma
    import shutil
    import tempfile

    import numpy as np

    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        with tempfile.TemporaryFile(dir=tmp) as raw:
            with lzma.open(source) as src:
                shutil.copyfileobj(src, raw, 1 << 20)
            raw.seek(0)
            with np.load(raw, allow_pickle=False) as data:
                for k in _CACHE_KEYS:
                    np.save(tmp / f"{k}.npy", data[k], allow_pickle=False)
        try:
            os.replace(tmp, folder)  # whole, or not at all: another worker may be writing it too
        except OSError:
            if not folder.is_dir():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def warm_up() -> None:
    """Load the detector's model now (it is otherwise loaded by the first ``detect`` call)."""
    _get()


def _clean(text) -> str:
    if text is None:
        return ""
    if isinstance(text, bytes):
        text = text[: MAX_CHARS * 4].decode("utf-8", "ignore")
    elif not isinstance(text, str):
        text = str(text)
    text = text[:MAX_CHARS]
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "ignore").decode("utf-8", "ignore")
    text = text.replace("\x00", " ")
    text = _NOISE_RE.sub(" ", text)
    return _SPACE_RE.sub(" ", text).strip()


def detect(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code or None, confidence in [0, 1]) for one comment; see the module docstring."""
    t = _clean(text)
    letters = sum(1 for ch in t if ch.isalpha())
    if letters < MIN_LETTERS:
        return None, 0.0
    share = _roman_share(t)
    if share is not None:  # Roman Urdu / romanised Hindi: py3langid has no Latin-script Urdu
        return "ur", share
    lang, prob = _get().classify(t)
    prob = float(prob)
    if prob != prob:  # NaN guard
        return None, 0.0
    prob = min(1.0, max(0.0, prob))
    if prob < MIN_CONFIDENCE:
        return None, prob
    return _MACRO.get(str(lang), str(lang)), prob


def non_latin(text) -> bool:
    """Whether most of the comment's letters (URLs, @mentions, digits and emoji aside) are in a
    script other than Latin."""
    latin = other = 0
    for ch in _clean(text):
        if ch.isalpha():
            o = ord(ch)
            if o < 0x250 or 0x1E00 <= o < 0x1F00 or 0x2C60 <= o < 0x2C80 or 0xA720 <= o < 0xA800 or 0xFF21 <= o < 0xFF5B:
                latin += 1
            else:
                other += 1
    return other > latin


# Function and everyday words of Urdu and Hindi as they are written in Latin letters, and none that
# is also a common English word ("main", "to", "so", "ho" and "the", Urdu for "were", are left out:
# with "the" in the list, 101 of the heads' 6,014 English rows were read as Roman Urdu). A comment
# with several of them is Roman Urdu or romanised Hindi, which py3langid reports as English or
# Indonesian.
_ROMAN_UR_HI = frozenset(
    "hai hain hay nahi nahin nhi nai kya kyun kyon kyu aap ap tum tu mein mujhe mujhko hum hamara hamari humara "
    "tumhara tumhari apna apni apne yeh ye woh wo aur bhi ka ki ke ko se tha thi thay raha rahi rahe gaya "
    "gayi bohat bahut bohot acha accha achha karo karna kar kiya kijiye diya lekin magar sirf abhi kab kahan "
    "kaise kaisa kisi koi sab bachon bachay bacha bachche bachchon beta beti baap maa ammi abbu jaan yaar "
    "bakwas chup pagal ullu kutta kutte haramzada bewakoof shukriya meherbani inshallah mashallah "
    # stop 27: everyday words of Roman Urdu tweets (RUHSOLD's train split) that English, Spanish,
    # Italian, Portuguese, Polish and French do not use ("mai", "dia", "tak", "jab", "bola" left out)
    "kr kia bhai hota hoti hoga hoon hein baat pata pta liye toh tou khud sath dekh phir phr rha rhi rhy kon aik "
    "mera meri tera teri tere kro krna krta karta gya gai itna itni agar agr hua kaha apko apki apke apny wali "
    "wala jata jaye jao jis kabhi kis bht bhe yar kaam keh ghar logon naam mulk mard soch aaj pehle baad tujhe "
    "yahan nikal lagta aurat aulad jism ahmaq lanat bhen chod bhenchod madarchod harami randi rundi saali gaand "
    "gashti charsi bhaunk hijra yahoodi yahodi".split())
_WORDS_RE = re.compile(r"[a-z]+")


def romanised_urdu_hindi(text) -> bool:
    """Whether a Latin-script comment reads as Roman Urdu or romanised Hindi: at least three of its
    words, and a fifth of them, are Urdu/Hindi function or everyday words. ``detect`` then answers
    "ur" (the multilingual model was trained on Roman Urdu), with that fifth-or-more as confidence."""
    return _roman_share(_clean(text)) is not None


def _roman_share(cleaned: str) -> float | None:
    words = _WORDS_RE.findall(cleaned.lower())
    if len(words) < 3:
        return None
    hits = sum(1 for w in words if w in _ROMAN_UR_HI)
    if hits >= 3 and hits >= 0.2 * len(words):
        return round(min(1.0, 0.5 + hits / len(words)), 4)
    return None
