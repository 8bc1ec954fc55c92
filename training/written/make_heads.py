"""Write ``heads.tsv``: hand-written training rows for the stance and safeguarding heads.

Every sentence (in blocks/, one text file per language and theme) was written for this project (no
test set was seen). Rows are grouped into blocks; a block of two or more lines is a contrast set (same words, the one thing that decides the
signal changed: speaker, negation, quotation, target, tense, innocent vs harmful) and its lines
share a ``pair`` id; a one-line block is a single row with an empty ``pair``.

Line format inside a block: ``CODE text``. ``{c}``/``{d}`` (any pupil), ``{b}``/``{g}`` (a boy, a
girl), ``{t}`` (staff surname), ``{a}``/``{u}`` (any adult), ``{w}``/``{m}`` (a woman, a man) are filled
from per-language name lists with a generator seeded by the block's text, so the output is
deterministic and a block's lines share their names.

Run: ``python training/written/make_heads.py`` (writes ``heads.tsv`` beside this file and prints
counts). It fails on duplicate texts, unknown codes, tabs or newlines.
"""
from __future__ import annotations

import collections
import csv
import hashlib
import pathlib
import random
import sys

CODES = {
    "N": "none", "CS": "counter_speech", "IH": "identity_hate", "AB": "abuse", "TH": "threat",
    "CD": "child_disclosure", "AR": "adult_risk_disclosure", "SI": "self_harm_ideation",
    "SX": "self_harm_incitement", "SU": "support", "ST": "staff_harm_allegation",
    "HH": "head_harm_allegation", "CM": "confidential_matter", "AC": "adult_contact_pupils",
    "PP": "praise_pupil",
}
SIGNALS = tuple(CODES.values())

# b: boys, g: girls, w: women, m: men, t: staff surnames (used with Mr/Mrs/Miss). {c}/{d} take any pupil,
# {a}/{u} any adult; {b}/{g}/{w}/{m} are used where the sentence's grammar or pronouns fix the gender.
NAMES = {
    "en": {"b": ["Alfie", "Oliver", "Jayden", "Harry", "Theo", "Kai", "Mason", "Leo", "Zain", "Kacper", "Tyler",
                 "Noah", "Reggie", "Archie", "Tommy", "Ibrahim", "Callum", "Oscar", "Rory", "Jenson", "Finley"],
           "g": ["Isla", "Amelia", "Poppy", "Ava", "Lily-Mae", "Freya", "Ruby", "Evie", "Aisha", "Ellie", "Darcy",
                 "Sienna", "Nevaeh", "Maisie", "Precious", "Hafsa", "Skye", "Amara", "Lacey"],
           "t": ["Hughes", "Patel", "Barnes", "O'Neill", "Whitfield", "Okafor", "Dempsey", "Clarke", "Ahmed", "Shaw",
                 "Lomax", "Pritchard", "Singh", "Fenwick", "Doyle", "Nowak", "Greaves", "Mensah", "Holloway", "Hussain"],
           "w": ["Karen", "Stacey", "Gemma", "Kelly", "Jo", "Shaz", "Becky", "Tasha", "Donna", "Leanne", "Nadia",
                 "Rach", "Michelle", "Tanya", "Shabnam", "Kirsty"],
           "m": ["Lee", "Dean", "Wayne", "Carl", "Gaz", "Sam", "Darren"]},
    "pl": {"b": ["Kacper", "Filip", "Szymon", "Antoś", "Igor"], "g": ["Zuzia", "Oliwia", "Wiktoria", "Lena", "Maja"],
           "t": ["Smith", "Jones", "Brown", "Taylor", "Wilson", "Evans"],
           "w": ["Kasia", "Marta", "Agnieszka", "Ewa", "Gosia"], "m": ["Tomek", "Paweł", "Bartek"]},
    "ro": {"b": ["Andrei", "Luca", "David", "Matei", "Rareș"], "g": ["Ioana", "Maria", "Sofia", "Bianca", "Alesia"],
           "t": ["Smith", "Green", "Taylor", "Walker", "Hall", "Wood"],
           "w": ["Ana", "Mihaela", "Cristina", "Roxana"], "m": ["Florin", "Vasile", "Ionuț"]},
    "es": {"b": ["Mateo", "Hugo", "Diego", "Leo", "Álvaro"], "g": ["Lucía", "Valeria", "Martina", "Carla", "Daniela"],
           "t": ["Smith", "Cooper", "Turner", "Hill", "Ward", "Morris"],
           "w": ["Marisa", "Pili", "Rocío", "Nuria"], "m": ["Javi", "Sergio", "Kike"]},
    "pt": {"b": ["Tiago", "Rodrigo", "Gabriel", "Rafael", "Davi"], "g": ["Beatriz", "Leonor", "Matilde", "Inês", "Yasmin"],
           "t": ["Smith", "Baker", "Collins", "Bell", "Murphy", "King"],
           "w": ["Cláudia", "Sandra", "Vanessa", "Jaqueline"], "m": ["Rui", "Fábio", "Paulo"]},
    "fr": {"b": ["Noah", "Adam", "Yanis", "Ibrahima", "Rayan"], "g": ["Inès", "Chloé", "Léa", "Manon", "Jade"],
           "t": ["Smith", "Wright", "Harris", "Lewis", "Robinson", "Young"],
           "w": ["Sandrine", "Nathalie", "Fatou", "Aurélie"], "m": ["Karim", "Julien", "Moussa"]},
    "de": {"b": ["Leon", "Finn", "Paul", "Elias", "Jonas"], "g": ["Mia", "Emma", "Hanna", "Lina", "Emilia"],
           "t": ["Smith", "Edwards", "Hughes", "Green", "Carter", "Mitchell"],
           "w": ["Sabine", "Anja", "Katrin", "Steffi"], "m": ["Jens", "Dirk", "Uwe"]},
    "tr": {"b": ["Yusuf", "Ömer", "Emir", "Kerem", "Mert"], "g": ["Elif", "Zeynep", "Defne", "Asel", "Ecrin"],
           "t": ["Smith", "Jackson", "White", "Martin", "Thompson", "Moore"],
           "w": ["Ayşe", "Hatice", "Emine", "Gülsüm"], "m": ["Murat", "Serkan", "Tolga"]},
    "so": {"b": ["Abdirahman", "Mustafe", "Liban", "Guled", "Warsame"], "g": ["Hodan", "Ayaan", "Sagal", "Hibo", "Ifrah"],
           "t": ["Smith", "Johnson", "Roberts", "Phillips", "Campbell", "Parker"],
           "w": ["Faadumo", "Xaliimo", "Ubah", "Nimco"], "m": ["Cabdi", "Maxamed", "Yuusuf"]},
    "ur-Latn": {"b": ["Hamza", "Ayaan", "Musa", "Zayan", "Rayyan"], "g": ["Zara", "Inaya", "Maryam", "Haniya", "Eman"],
                "t": ["Smith", "Jones", "Khan", "Davies", "Hussain", "Wood"],
                "w": ["Saima", "Nabeela", "Rubina", "Shazia"], "m": ["Bilal", "Imran", "Asif"]},
    "hi-Latn": {"b": ["Aarav", "Vihaan", "Arjun", "Kabir", "Reyansh"], "g": ["Anaya", "Diya", "Myra", "Ishita", "Saanvi"],
                "t": ["Smith", "Jones", "Sharma", "Brown", "Mehta", "Wilson"],
                "w": ["Pooja", "Neha", "Sunita", "Priya"], "m": ["Rahul", "Vikram", "Deepak"]},
}
for _n in NAMES.values():
    _n["c"] = _n["b"] + _n["g"]
    _n["a"] = _n["w"] + _n["m"]

# The blocks themselves are plain text in blocks/ beside this file, one file per language and theme,
# read in the order of their numbers (the order decides each contrast set's pair id: a new block
# numbered after the others leaves every earlier pair id as it was).
BLOCKS_DIR = pathlib.Path(__file__).with_name("blocks")


def _blocks() -> list[tuple[str, str]]:
    """(language, text) for each file in blocks/: ``NN-<language>.txt``."""
    return [(path.stem.split("-", 1)[1], path.read_text(encoding="utf-8"))
            for path in sorted(BLOCKS_DIR.glob("*.txt"), key=lambda p: (int(p.stem.split("-", 1)[0]), p.name))]


BLOCKS: list[tuple[str, str]] = _blocks()























































# ==========================================================================================
def _fill(lines: list[str], lang: str) -> list[str]:
    names = NAMES.get(lang, {})
    seed = int.from_bytes(hashlib.sha256(("\n".join(lines) + lang).encode()).digest()[:8], "big")
    rng = random.Random(seed)
    vals = {}
    for slot, pool in (("c", "c"), ("d", "c"), ("b", "b"), ("g", "g"), ("t", "t"), ("a", "a"), ("u", "a"),
                       ("w", "w"), ("m", "m")):
        if pool in names:
            choice = rng.choice(names[pool])
            while choice in vals.values():
                choice = rng.choice(names[pool])
            vals[slot] = choice
    out = []
    for line in lines:
        if "{" in line and not names:
            raise ValueError(f"{lang}: slot in a language without names: {line}")
        out.append(line.format(**vals) if "{" in line else line)
    return out


def parse(blocks: list[tuple[str, str]], fill, pair_tag: str = "") -> list[tuple[str, str, str, str]]:
    """(lang, signal, pair, text) rows from (language, text) blocks; ``fill`` puts names in a block's
    slots; contrast sets are numbered per language, ``<lang>-<pair_tag>NNN``."""
    out = []
    n_pair = collections.Counter()
    for lang, text in blocks:
        for block in text.strip().split("\n\n"):
            lines = [ln.strip() for ln in block.strip().split("\n") if ln.strip() and not ln.startswith("#")]
            if not lines:
                continue
            coded = []
            for ln in lines:
                code, _, body = ln.partition(" ")
                if code not in CODES or not body.strip():
                    raise ValueError(f"{lang}: bad line: {ln!r}")
                coded.append((CODES[code], body.strip()))
            texts = fill([b for _, b in coded], lang)
            pair = ""
            if len(coded) > 1:
                if len({s for s, _ in coded}) < 2:
                    raise ValueError(f"{lang}: a contrast set needs two signals: {lines}")
                n_pair[lang] += 1
                pair = f"{lang}-{pair_tag}{n_pair[lang]:03d}"
            for (signal, _), t in zip(coded, texts):
                out.append((lang, signal, pair, t))
    return out


def rows() -> list[tuple[str, str, str, str]]:
    return parse(BLOCKS, _fill)


def write(path: pathlib.Path, table: list[tuple[str, str, str, str]]) -> None:
    """Write the rows as a TSV and check they read back exactly."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        # Standard CSV quoting (a field holding a double quote is quoted), so csv.DictReader(delimiter="\t")
        # and pandas read every text back exactly; training/heads.py reads it that way.
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["lang", "signal", "pair", "text"])
        w.writerows(table)
    with path.open(encoding="utf-8", newline="") as fh:
        back = [tuple(r) for r in csv.reader(fh, delimiter="\t")]
    if back[0] != ("lang", "signal", "pair", "text") or back[1:] != table:
        raise ValueError(f"{path.name} does not read back as written")
    validate(back[1:])


def validate(table: list[tuple[str, str, str, str]]) -> None:
    seen = {}
    for row in table:
        if len(row) != 4:
            raise ValueError(f"row has {len(row)} fields: {row}")
        lang, signal, pair, text = row
        if signal not in SIGNALS:
            raise ValueError(f"unknown signal {signal!r}")
        if any(ch in f for f in row for ch in "\t\r\n"):
            raise ValueError(f"tab or newline in {row}")
        key = text.casefold()
        if key in seen:
            raise ValueError(f"duplicate text: {text!r} ({seen[key]} and {lang})")
        seen[key] = lang


def main() -> None:
    table = rows()
    validate(table)
    write(pathlib.Path(__file__).with_name("heads.tsv"), table)
    by_sig = collections.Counter(r[1] for r in table)
    by_lang = collections.Counter(r[0] for r in table)
    paired = sum(1 for r in table if r[2])
    print(f"{len(table)} rows, {paired} in contrast sets ({paired / len(table):.0%}), "
          f"english {by_lang['en'] / len(table):.0%}", file=sys.stderr)
    for s in SIGNALS:
        langs = collections.Counter(r[0] for r in table if r[1] == s)
        print(f"{s:24s} {by_sig[s]:5d}  non-en langs {len([k for k in langs if k != 'en']):2d}", file=sys.stderr)
    print(dict(sorted(by_lang.items())), file=sys.stderr)


if __name__ == "__main__":
    main()
