"""Write ``heads_more.tsv``: more hand-written rows for the heads' weakest signals.

The first written set (``make_heads.py``, ``heads.tsv``) left five readings weak on validation: threats
(recall 0.13 at the head's threshold), first-person suicidal or self-harm thoughts in *short*
comments, telling someone to harm themselves against begging them not to, hostility to a group
without a slur against a kind mention of the same group, and allegations that a member of staff
hurt a child without a listed phrase against kind remarks about staff. These rows are short
comments of the kind written under a primary school's Facebook or X posts (typos, slang, emoji, no
punctuation), most in minimal contrast sets, in English and the fifteen other language codes of
``heads.tsv``. Every sentence was written for this project; no test set was seen.

The sentences live in one module per area (``more_threat.py``, ``more_self_harm.py``,
``more_hate.py``, ``more_staff.py``, and ``more_everyday.py``: plain everyday comments in every
language, so the look-alikes do not make every casual comment suspect); this file fills names,
numbers the contrast sets (ids ``<lang>-m001``..., so they never collide with ``heads.tsv``'s),
checks and writes the file.
Same block format as ``make_heads.py``: blocks separated by a blank line, ``CODE text`` per line.

Run: ``python training/written/make_heads_more.py``. It fails on unknown codes, duplicate texts
(also against ``heads.tsv``), tabs or newlines, a contrast set with one signal, and a file that does
not read back as written.
"""
from __future__ import annotations

import collections
import csv
import hashlib
import pathlib
import random
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import make_heads  # noqa: E402 - the first set's codes, names and checks
import more_everyday  # noqa: E402
import more_hate  # noqa: E402
import more_self_harm  # noqa: E402
import more_staff  # noqa: E402
import more_threat  # noqa: E402

CODES = make_heads.CODES
NAMES = {lang: dict(pools) for lang, pools in make_heads.NAMES.items()}
# Languages the first set wrote without name slots; these rows use a few.
_EXTRA = {
    "ur": {"b": ["حمزہ", "موسیٰ", "ایان"], "g": ["زارا", "مریم", "عنایہ"], "t": ["اسمتھ", "جونز", "خان"],
           "w": ["صائمہ", "روبینہ"], "m": ["بلال", "عمران"]},
    "hi": {"b": ["आरव", "कबीर", "अर्जुन"], "g": ["दिया", "अनाया", "मायरा"], "t": ["स्मिथ", "जोन्स", "शर्मा"],
           "w": ["पूजा", "सुनीता"], "m": ["राहुल", "विक्रम"]},
    "pa": {"b": ["ਅਰਜਨ", "ਗੁਰਵੀਰ", "ਹਰਮਨ"], "g": ["ਸਿਮਰਨ", "ਜਸਲੀਨ", "ਨਵਨੀਤ"], "t": ["ਸਮਿਥ", "ਜੋਨਜ਼", "ਗਿੱਲ"],
           "w": ["ਕਿਰਨ", "ਰਾਜਵਿੰਦਰ"], "m": ["ਹਰਪ੍ਰੀਤ", "ਬਲਜੀਤ"]},
    "bn": {"b": ["রাইয়ান", "আয়ান", "তাহমিদ"], "g": ["নুসরাত", "আনিকা", "মাহি"], "t": ["স্মিথ", "জোন্স", "রহমান"],
           "w": ["শাহনাজ", "রুমানা"], "m": ["জামাল", "রফিক"]},
    "ar": {"b": ["يوسف", "آدم", "عمر"], "g": ["ليان", "مريم", "جنى"], "t": ["سميث", "جونز", "براون"],
           "w": ["رنا", "هبة"], "m": ["خالد", "سامر"]},
}
for _lang, _pools in _EXTRA.items():
    NAMES[_lang] = _pools
for _n in NAMES.values():
    _n["c"] = _n["b"] + _n["g"]
    _n["a"] = _n["w"] + _n["m"]

MODULES = (more_threat, more_self_harm, more_hate, more_staff, more_everyday)


def _fill(lines: list[str], lang: str) -> list[str]:
    names = NAMES.get(lang, {})
    seed = int.from_bytes(hashlib.sha256(("more\n" + "\n".join(lines) + lang).encode()).digest()[:8], "big")
    rng = random.Random(seed)
    vals: dict[str, str] = {}
    used = set(re.findall(r"\{(\w)\}", "\n".join(lines)))
    for slot, pool in (("c", "c"), ("d", "c"), ("b", "b"), ("g", "g"), ("t", "t"), ("a", "a"), ("u", "a"),
                       ("w", "w"), ("m", "m")):
        if slot not in used:
            continue  # only the slots a block uses, so a short name list never runs out
        choice = rng.choice(names[pool])
        while choice in vals.values():
            choice = rng.choice(names[pool])
        vals[slot] = choice
    return [line.format(**vals) if "{" in line else line for line in lines]


def rows() -> list[tuple[str, str, str, str]]:
    for module in MODULES:
        for lang, _ in module.BLOCKS:
            if lang not in NAMES:
                raise ValueError(f"unknown language {lang!r} in {module.__name__}")
    return make_heads.parse([block for module in MODULES for block in module.BLOCKS], _fill, pair_tag="m")


def main() -> None:
    table = rows()
    make_heads.validate(table)
    first = HERE / "heads.tsv"
    if first.exists():
        with first.open(encoding="utf-8", newline="") as fh:
            old = {r["text"].casefold() for r in csv.DictReader(fh, delimiter="\t")}
        clash = [r[3] for r in table if r[3].casefold() in old]
        if clash:
            raise ValueError(f"texts already in heads.tsv: {clash[:5]}")
    make_heads.write(HERE / "heads_more.tsv", table)
    by_sig = collections.Counter(r[1] for r in table)
    by_lang = collections.Counter(r[0] for r in table)
    paired = sum(1 for r in table if r[2])
    print(f"{len(table)} rows, {paired} in contrast sets ({paired / len(table):.0%}), "
          f"english {by_lang['en'] / len(table):.0%}", file=sys.stderr)
    for s, n in by_sig.most_common():
        langs = {r[0] for r in table if r[1] == s}
        print(f"{s:24s} {n:5d}  langs {len(langs):2d}", file=sys.stderr)
    print(dict(sorted(by_lang.items())), file=sys.stderr)


if __name__ == "__main__":
    main()
