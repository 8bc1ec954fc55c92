"""Text normaliser applied by the pipeline BEFORE scoring.

``normalise(text)`` undoes the common ways people dodge word filters, so a classifier sees
``fuck`` whether the comment said ``f.u.c.k``, ``fuuuuck``, ``ｆｕｃｋ``, ``fυck`` (Greek upsilon),
``f\u200buck`` or ``f*u*c*k``. It is:

* total: any ``str`` (NUL bytes, lone surrogates, control characters, 1 MB inputs) returns a
  ``str``; non-strings are converted with ``str()``;
* linear-time: every regular expression below is a single character class or a sequence of
  disjoint classes with bounded repeats, so there is no catastrophic backtracking;
* conservative with numbers: leetspeak is only undone inside tokens that mix letters with
  digits/symbols, and never in number-like tokens (``Year 4``, ``£5``, ``4th``, ``10am``,
  ``Y7``, ``KS2``, ``covid19``).

``model_text(text)`` is a second, model-specific step (used by the embedded classifiers and by
training) that canonicalises placeholders (@mentions, URLs, HTML entities) so the model never
sees source-specific artefacts such as ``<user>`` or ``@USER``.
"""
from __future__ import annotations

import html
import os
import re
import unicodedata
from functools import lru_cache

__all__ = ["normalise", "model_text"]

# --------------------------------------------------------------------------------------------
# Invisible / control characters
# --------------------------------------------------------------------------------------------
# C0/C1 controls (except \t \n \r, which become spaces later), soft hyphen, zero-width
# characters, bidi controls, word joiners, BOM, variation selectors, tag characters.
_INVISIBLE_RE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0"
    "\ufff0-\ufff8\U0001d173-\U0001d17a\U000e0000-\U000e007f\U000e0100-\U000e01ef]"
)
# Combining marks used as "zalgo" decoration.
_MARKS = "\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
# After NFKC, real accents on Latin letters are precomposed (é), so marks still attached to an
# ASCII letter, or stacked two or more deep, are decoration.
_ZALGO_RE = re.compile("[" + _MARKS + "]{2,}|(?<=[A-Za-z])[" + _MARKS + "]+")

# --------------------------------------------------------------------------------------------
# Emoji: a few meaningful ones become words, the rest become a space.
# --------------------------------------------------------------------------------------------
_EMOJI_WORDS = {
    "\U0001F595": " fuck you ",  # middle finger
    "\U0001F4A9": " shit ",  # pile of poo
    "\U0001F52A": " knife ",
    "\U0001F5E1": " knife ",  # dagger
    "\U0001F52B": " gun ",
    "\U0001F4A3": " bomb ",
    "\u2620": " death ",  # skull and crossbones
    "\u26B0": " coffin ",
    "\U0001FAA6": " grave ",  # headstone
    "\U0001F921": " clown ",
    "\U0001F437": " pig ",
    "\U0001F416": " pig ",
    "\U0001F412": " monkey ",
    "\U0001F435": " monkey ",
    "\U0001F98D": " gorilla ",
    "\U0001F40D": " snake ",
    "\U0001F400": " rat ",
    "\U0001F401": " rat ",
    "\U0001F92E": " disgusting ",  # vomiting face
    "\U0001F922": " disgusting ",  # nauseated face
    "\U0001F92C": " swearing ",  # face with symbols on mouth
    "\U0001F621": " angry ",
    "\U0001F620": " angry ",
}
_EMOJI_RE = re.compile(
    "[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u2300-\u23FF\u3030\u303D\u3297\u3299"
    "\U0001F1E6-\U0001F1FF\u20E3\u2190-\u21FF\u25A0-\u25FF]"
)


def _emoji_sub(m: re.Match) -> str:
    return _EMOJI_WORDS.get(m.group(0), " ")


# --------------------------------------------------------------------------------------------
# Homoglyphs (Cyrillic / Greek look-alikes of Latin letters), applied per word.
# --------------------------------------------------------------------------------------------
_CONFUSABLES = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d",
    "ԛ": "q", "ԝ": "w", "һ": "h", "ү": "y", "ɡ": "g", "ӏ": "l", "ո": "n", "ս": "u",
    "А": "A", "В": "B", "Е": "E", "Ё": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ї": "I", "Ј": "J", "Ԁ": "D",
    "Ԛ": "Q", "Ԝ": "W", "Һ": "H", "Ү": "Y", "Ӏ": "I",
    # Greek
    "α": "a", "β": "b", "γ": "y", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o",
    "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ϲ": "c", "ϳ": "j", "ς": "s",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    # Latin-ish symbols that survive NFKC
    "ı": "i", "ȷ": "j", "ſ": "s", "ℓ": "l", "ƒ": "f",
}
_CONFUSABLE_TABLE = str.maketrans(_CONFUSABLES)
_CONFUSABLE_SET = frozenset(_CONFUSABLES)
_WORD_RE = re.compile(r"[^\W_]+")
_LATIN_RE = re.compile(r"[A-Za-z]")
_CYR_GREEK_RE = re.compile("[\u0370-\u03ff\u0400-\u052f]")


def _fix_homoglyphs(text: str) -> str:
    if text.isascii():
        return text
    latin = len(_LATIN_RE.findall(text))
    other = len(_CYR_GREEK_RE.findall(text))
    if other == 0 and not any(ch in _CONFUSABLE_SET for ch in ("ı", "ȷ", "ſ", "ℓ", "ƒ") if ch in text):
        return text
    mostly_latin = latin >= other

    def sub(m: re.Match) -> str:
        w = m.group(0)
        if w.isascii():
            return w
        has_latin = _LATIN_RE.search(w) is not None
        if has_latin:  # mixed-script word: always a disguise
            return w.translate(_CONFUSABLE_TABLE)
        if mostly_latin and all(ch in _CONFUSABLE_SET for ch in w):
            # Whole word of look-alikes inside mostly-Latin text ("ѕтυріd" in an English comment).
            return w.translate(_CONFUSABLE_TABLE)
        return w  # genuine Cyrillic / Greek text is left alone

    return _WORD_RE.sub(sub, text)


# --------------------------------------------------------------------------------------------
# Word list used to choose between candidate repairs (1 -> i or l; "stuuupid" -> stupid).
# --------------------------------------------------------------------------------------------
_BUILTIN_WORDS = """
fuck fucking fucker fucked fucks motherfucker shit shitty bullshit bitch bitches bastard
asshole ass arse arsehole cunt dick dickhead prick wanker twat slut whore hoe pussy cock
idiot idiots idiotic stupid stupidity moron moronic retard retarded dumb dumbass loser ugly
fat pathetic worthless useless disgusting freak kill killing die dead hate hell damn crap
piss pissed suck sucks nigger nigga faggot fag dyke tranny spastic spaz scum trash rubbish
bellend knob knobhead git tosser pillock muppet minger skank hell hello cool good so lol
fool fools nazi terrorist rape rapist pedo paedo paedophile pedophile kys shut up you your
are the and teacher school children kids parents idiota stfu wtf omg lmao wow book look see
too all will well off bully bullied sucker jerk cow pig pigs clown clowns rat rats snake
""".split()


@lru_cache(maxsize=1)
def _wordlist() -> dict[str, int]:
    """word -> rank (lower = more common). BERT's uncased vocab.txt is roughly frequency-ordered
    after its special tokens, so its line number is a usable commonness rank."""
    words: dict[str, int] = {}
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "embedded", "vocab.txt")
    try:
        with open(path, encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                w = line.strip()
                if len(w) >= 2 and w.isalpha() and w.isascii() and w not in words:
                    words[w] = i
    except OSError:
        pass
    for w in _BUILTIN_WORDS:
        words.setdefault(w, 40_000)
    return words


def _best_known(cands) -> str | None:
    """The most common known word among candidates (None if none is known)."""
    words = _wordlist()
    best, rank = None, None
    for c in cands:
        r = words.get(c.lower())
        if r is not None and (rank is None or r < rank):
            best, rank = c, r
    return best


# --------------------------------------------------------------------------------------------
# Spaced / dotted letters: "f.u.c.k", "s t u p i d", "f - u - c - k" -> joined.
# --------------------------------------------------------------------------------------------
_SEP = r"[ .\-_*·~+|/\\]"
_SPACED_RE = re.compile(
    r"(?<![^\W_])[^\W_](?:" + _SEP + r"{1,3}[^\W_](?![^\W_])){2,}"
)
_UNIT_RE = re.compile(r"[^\W_]")


def _join_spaced(m: re.Match) -> str:
    s = m.group(0)
    units = _UNIT_RE.findall(s)
    letters = sum(1 for u in units if u.isalpha())
    if letters < 2 or letters < len(units) - 2:
        return s  # "1 2 3", "4 5 6 A" - numbers, leave alone
    words = _wordlist()
    joined = "".join(units)
    if joined.lower() not in words and len(units) >= 4:
        # "i am a s t u p i d": a real one-letter word ("a", "I") glued onto the spaced word
        head, rest = units[0], "".join(units[1:])
        if head.lower() in ("a", "i") and rest.lower() in words:
            return head + " " + rest
        rest, tail = "".join(units[:-1]), units[-1]
        if tail.lower() in ("a", "i") and rest.lower() in words:
            return rest + " " + tail
    if len(units) <= 3 and joined.lower() not in words:
        # three single characters ("I a m", "A B C", "U.S.A") are only joined into a word we
        # know, to spare initials and list bullets
        return s
    return joined


# --------------------------------------------------------------------------------------------
# Leetspeak inside tokens mixing letters with digits/symbols.
# --------------------------------------------------------------------------------------------
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
_LEET_TOKEN_RE = re.compile(r"[A-Za-z0-9@$]+")
_HAS_LEET_RE = re.compile(r"[013457@$]")
# Number-like tokens that must survive: 4th 2nd 10am 5pm 100m 3g 24h, Y7 Yr4 KS2 MP3 covid19 A1
_NUMBERISH_RE = re.compile(
    r"(?:\d+(?:st|nd|rd|th|s|am|pm|k|m|g|h|kg|km|mb|gb|kb|p|x|v|d|hr|hrs|min|mins|yo|yr|yrs|"
    r"ft|in|cm|mm|ml|l|lbs|mph|kph|v|w)|[A-Za-z]\d+|[A-Za-z]{1,5}\d+|\d+[A-Za-z])",
    re.IGNORECASE,
)


def _leet_candidates(tok: str) -> list[str]:
    ones = tok.count("1")
    if ones == 0 or ones > 3:
        return ["".join(_LEET.get(c, c) for c in tok)]
    out = [""]
    for c in tok:
        if c == "1":
            out = [o + "i" for o in out] + [o + "l" for o in out]
        else:
            rep = _LEET.get(c, c)
            out = [o + rep for o in out]
    return out


def _fix_leet_token(m: re.Match) -> str:
    tok = m.group(0)
    if len(tok) > 40 or tok.isalpha() or not _HAS_LEET_RE.search(tok) or not _LATIN_RE.search(tok):
        return tok
    if "@" in tok and m.end() < len(m.string) and m.string[m.end()] == ".":
        return tok  # an email address: name@domain.tld
    return _repair_leet(tok)


@lru_cache(maxsize=4096)
def _repair_leet(tok: str) -> str:
    if tok.startswith("@") and tok[1:2].isalpha():
        body = tok[1:]
        # "@john" is a mention; only "@ss"-style words with another leet char are considered
        if not _HAS_LEET_RE.search(body):
            return tok
    cands = _leet_candidates(tok)
    known = _best_known(cands)
    if known is not None:
        return known
    if _NUMBERISH_RE.fullmatch(tok):
        return tok
    # Convert when every leet character sits strictly inside the word (between letters/leet),
    # e.g. "sh1t", "1d10t", "b1tch"; a trailing or leading digit alone is not enough.
    letters = sum(1 for c in tok if c.isalpha())
    if letters < 2:
        return tok
    first_alpha = next(i for i, c in enumerate(tok) if c.isalpha())
    last_alpha = len(tok) - 1 - next(i for i, c in enumerate(reversed(tok)) if c.isalpha())
    inner = tok[first_alpha : last_alpha + 1]
    if not _HAS_LEET_RE.search(inner):
        return tok
    # digits outside the letter span must themselves be leet characters ("1d10t")
    if any(c not in _LEET and not c.isalpha() for c in tok):
        return tok
    return cands[0]


# --------------------------------------------------------------------------------------------
# Repeated characters: "stuuuupid" -> "stupid", "coooool" -> "cool", "!!!!!!" -> "!!!".
# --------------------------------------------------------------------------------------------
_REPEAT_LETTER_RE = re.compile(r"([^\W\d_])\1{2,}")
_LETTER_WORD_RE = re.compile(r"[^\W\d_]{3,}")
_REPEAT_OTHER_RE = re.compile(r"([^\w\s])\1{3,}")
_SPACE_RE = re.compile(r"\s+")


def _fix_repeats(m: re.Match) -> str:
    w = m.group(0)
    if not _REPEAT_LETTER_RE.search(w):
        return w
    return _repair_repeats(w) if len(w) <= 64 else _repair_repeats.__wrapped__(w)


@lru_cache(maxsize=4096)
def _repair_repeats(w: str) -> str:
    if len(w) > 200:
        return _REPEAT_LETTER_RE.sub(r"\1", w)
    two = _REPEAT_LETTER_RE.sub(r"\1\1", w)
    one = _REPEAT_LETTER_RE.sub(r"\1", w)
    words = _wordlist()
    runs = len(_REPEAT_LETTER_RE.findall(w))
    if runs <= 3:
        # try each run as double or single; prefer a known word
        parts = _REPEAT_LETTER_RE.split(w)  # [text, ch, text, ch, ...]
        cands = [""]
        for i, p in enumerate(parts):
            if i % 2 == 0:
                cands = [c + p for c in cands]
            else:
                cands = [c + p + p for c in cands] + [c + p for c in cands]
        known = _best_known(cands)
        if known is not None:
            return known
    if two.lower() in words:
        return two
    return one


# --------------------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Return a canonical, de-obfuscated form of ``text`` (see module docstring)."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if not text:
        return ""
    # lone surrogates (and anything else unencodable) are dropped
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "ignore").decode("utf-8", "ignore")
    text = _INVISIBLE_RE.sub("", text)
    if not text.isascii():
        # zalgo marks go before NFKC, which would otherwise compose the first mark into the
        # letter ("c" + cedilla -> "ç"); precomposed accented letters are not marks and survive.
        text = _ZALGO_RE.sub("", text)
        text = unicodedata.normalize("NFKC", text)
        text = _INVISIBLE_RE.sub("", text)
        text = _ZALGO_RE.sub("", text)
        text = _EMOJI_RE.sub(_emoji_sub, text)
        text = _fix_homoglyphs(text)
    text = _SPACE_RE.sub(" ", text)
    text = _SPACED_RE.sub(_join_spaced, text)
    text = _LEET_TOKEN_RE.sub(_fix_leet_token, text)
    if _REPEAT_LETTER_RE.search(text):
        text = _LETTER_WORD_RE.sub(_fix_repeats, text)
    text = _REPEAT_OTHER_RE.sub(r"\1\1\1", text)
    return text.strip()


# --------------------------------------------------------------------------------------------
# Model-specific canonicalisation (placeholders), used by training and the embedded models.
# --------------------------------------------------------------------------------------------
_URL_RE = re.compile(r"(?:https?://|www\.)\S+|\bURL\b", re.IGNORECASE)
_MENTION_RE = re.compile(r"(?:<user>|@[A-Za-z0-9_]{1,30})", re.IGNORECASE)
_RT_RE = re.compile(r"^(?:RT\s+)+|(?<=\s)RT(?=\s+@user)")
_NUMBER_TAG_RE = re.compile(r"<number>", re.IGNORECASE)
_MULTI_USER_RE = re.compile(r"(?:@user[\s:,]*){2,}")


def model_text(text: str) -> str:
    """Canonicalise placeholders for the model: URLs -> ``http``, mentions -> ``@user``."""
    if "&" in text:
        text = html.unescape(text)
    text = _URL_RE.sub(" http ", text)
    text = _MENTION_RE.sub("@user", text)
    text = _NUMBER_TAG_RE.sub("1", text)
    text = _RT_RE.sub("", text)
    text = _MULTI_USER_RE.sub("@user ", text)
    return _SPACE_RE.sub(" ", text).strip()
