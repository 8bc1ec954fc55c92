"""Load the labelled corpora in shared/data/train and map them onto the project's labels.

Every row gets the six Detoxify labels as 1.0 / 0.0, or NaN where the source does not annotate
that label (NaN -> masked out of the loss). The mapping is deliberate and documented in
``MAPPING`` (rendered into models/README.md):

* A clean verdict ("NOT", "neither", "normal", "OTHER", Jigsaw 0, ConvAbuse non-abusive) means the
  text is not toxic, so it is also not severe, obscene, a threat, an insult or an identity attack:
  all six labels are 0. (Jigsaw's sub-labels are subtypes of toxic.)
* A positive verdict sets only what it actually says; everything else it does not annotate is NaN.

Sources and their text column:
  olid            OLID v1.0 training (tweets)             subtask a/b/c
  davidson2017    Davidson et al. 2017 (tweets)           class 0 hate / 1 offensive / 2 neither
  tweeteval_hate  TweetEval hate train+val (HatEval)      0/1 hate (immigrants, women)
  hatexplain      HateXplain train+valid ONLY (test.tsv is never read)
  convabuse       ConvAbuse train+valid, user turn only   per-annotator severity & type
  jigsaw_binary   Jigsaw 2018 balanced binary subset      toxic 0/1
  jigsaw_ibm      Jigsaw 2018 test examples (101 rows)    all six labels
  germeval2018    GermEval 2018 training (German)         OFFENSE/OTHER; ABUSE/INSULT/PROFANITY
  jigsaw_ml       Jigsaw multilingual validation (es/it/tr) toxic 0/1
  synthetic_threats  templated threats + matched benign sentences (see training/synthetic.py)

Dedup: texts are compared after ``models.normalise.normalise`` + ``model_text`` + lower-casing and
removing everything but letters/digits. When a text occurs in several rows, the first row in
SOURCE_ORDER is kept, and its missing labels are filled from the duplicates when they agree
(conflicting labels are set to NaN). Then each source is split 90/10 with a seeded RNG.
"""
from __future__ import annotations

import hashlib
import math
import os
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from models.normalise import model_text, normalise  # noqa: E402

LABELS = ("toxicity", "severe_toxicity", "obscene", "threat", "insult", "identity_attack")
NAN = float("nan")


def shared_data_dir() -> Path:
    env = os.environ.get("MODERATOR_SHARED_DATA")
    if env:
        return Path(env)
    for cand in (Path("/work/shared/data/train"), ROOT.parent / "shared" / "data" / "train"):
        if cand.is_dir():
            return cand
    raise FileNotFoundError("shared/data/train not found; set MODERATOR_SHARED_DATA")


# (source, condition) -> labels. Rendered into the model card.
MAPPING = [
    ("olid", "A=NOT", "all six = 0"),
    ("olid", "A=OFF", "toxicity=1"),
    ("olid", "A=OFF, B=UNT (untargeted profanity)", "toxicity=1, insult=0, threat=0, identity_attack=0"),
    ("olid", "A=OFF, B=TIN, C=IND or GRP", "toxicity=1, insult=1"),
    ("olid", "A=OFF, B=TIN, C=OTH", "toxicity=1 (insult not set: target is an organisation/event/issue)"),
    ("davidson2017", "class 2 neither", "all six = 0"),
    ("davidson2017", "class 1 offensive", "toxicity=1, identity_attack=0"),
    ("davidson2017", "class 0 hate", "toxicity=1, identity_attack=1"),
    ("tweeteval_hate", "0 not hate", "identity_attack=0 (others unknown: may still be offensive)"),
    ("tweeteval_hate", "1 hate", "toxicity=1, identity_attack=1"),
    ("hatexplain", "normal", "all six = 0"),
    ("hatexplain", "offensive", "toxicity=1, identity_attack=0"),
    ("hatexplain", "hatespeech", "toxicity=1, identity_attack=1"),
    ("convabuse", "majority not abusive (severity 1/0)", "all six = 0"),
    ("convabuse", "majority abusive (severity -1..-3)", "toxicity=1; severe_toxicity=1 if most annotators said -3 else 0; "
     "identity_attack=1 if most marked racist/sexist/homophobic/transphobic/ableist else 0"),
    ("jigsaw_binary", "label 0", "all six = 0"),
    ("jigsaw_binary", "label 1", "toxicity=1"),
    ("jigsaw_ibm", "six labels", "all six as given (toxic, severe_toxic, obscene, threat, insult, identity_hate)"),
    ("germeval2018", "OTHER", "all six = 0"),
    ("germeval2018", "OFFENSE/INSULT", "toxicity=1, insult=1, obscene=0"),
    ("germeval2018", "OFFENSE/ABUSE", "toxicity=1 (identity_attack not set: abuse is not always identity-based)"),
    ("germeval2018", "OFFENSE/PROFANITY", "toxicity=1, obscene=1, insult=0, identity_attack=0, threat=0"),
    ("jigsaw_ml", "toxic 0", "all six = 0"),
    ("jigsaw_ml", "toxic 1", "toxicity=1"),
    ("synthetic_threats", "templated threat", "toxicity=1, threat=1"),
    ("synthetic_threats", "templated benign counterpart", "all six = 0"),
    ("synthetic_school", "templated friendly school-page comment", "all six = 0"),
    ("ruhsold_ur", "task 1 label 1 (normal; inverted upstream)", "all six = 0"),
    ("ruhsold_ur", "task 1 label 0 / task 2 label 0 (abusive/offensive)", "toxicity=1"),
    ("ruhsold_ur", "task 2 label 2 religious hate / 3 sexism", "toxicity=1, identity_attack=1"),
    ("ruhsold_ur", "task 2 label 4 profane/untargeted", "toxicity=1, obscene=1, insult=0, identity_attack=0, threat=0"),
    ("ro_offense", "OTHER", "all six = 0"),
    ("ro_offense", "PROFANITY", "toxicity=1, obscene=1, insult=0, identity_attack=0, threat=0"),
    ("ro_offense", "INSULT", "toxicity=1, insult=1"),
    ("ro_offense", "ABUSE", "toxicity=1"),
    ("told_br_pt", "toxic 0", "all six = 0"),
    ("told_br_pt", "toxic 1 (any of 3 annotators)", "toxicity=1"),
    ("mpold_ar", "Non-Offensive", "all six = 0"),
    ("mpold_ar", "Offensive", "toxicity=1; identity_attack=1 if expert sub-label HS; obscene=1 if V"),
    ("mlma", "sentiment exactly normal", "all six = 0"),
    ("mlma", "any hostile sentiment", "toxicity=1; identity_attack=1 if hateful and target is origin/religion/gender/sexual_orientation/disability"),
    ("cold_zh", "label 0 safe", "all six = 0"),
    ("cold_zh", "label 1 offensive", "toxicity=1"),
    ("bengali_hate_bn", "every row (hate, positives only)", "toxicity=1; identity_attack=1 if Religious or Gender abusive"),
    ("bengali_clean", "project-written clean Bengali sentences", "all six = 0"),
    ("contrast", "project-written school contrast templates", "per template (training/contrast.py)"),
]

# Both Jigsaw 2018 files in shared/data come from the competition's TEST set: the IBM file says
# so, and the balanced "binary" file has exactly 6,090 toxic rows (the test set's toxic count) and
# holds 23 of the IBM file's 100 distinct test comments. A model must never train or tune on a
# public test split, so neither is read by default (their loaders stay, for inspection only).
EXCLUDED_SOURCES = ("jigsaw_ibm", "jigsaw_binary")
SOURCE_ORDER = (
    "olid", "convabuse", "hatexplain", "tweeteval_hate",
    "davidson2017", "germeval2018", "jigsaw_ml", "synthetic_threats", "synthetic_school",
)
# Issue #16: the multilingual model's extra sources (after SOURCE_ORDER in dedup priority).
MULTILINGUAL_SOURCES = ("contrast", "ruhsold_ur", "ro_offense", "told_br_pt", "mpold_ar", "mlma",
                        "cold_zh", "bengali_hate_bn", "bengali_clean")
ENGLISH_SOURCES = ("olid", "davidson2017", "tweeteval_hate", "hatexplain", "convabuse",
                   "synthetic_threats")


# ISO 639-1 language of each source's text (jigsaw_ml and mlma carry it per row).
SOURCE_LANG = {
    "olid": "en", "davidson2017": "en", "tweeteval_hate": "en", "hatexplain": "en", "convabuse": "en",
    "jigsaw_binary": "en", "jigsaw_ibm": "en", "germeval2018": "de", "jigsaw_ml": None,
    "synthetic_threats": "en", "synthetic_school": "en", "ruhsold_ur": "ur", "ro_offense": "ro",
    "told_br_pt": "pt", "mpold_ar": "ar", "mlma": None, "cold_zh": "zh", "bengali_hate_bn": "bn",
    "contrast": None, "bengali_clean": "bn",
}


def _row(text, source, lang=None, **labels):
    r = {"text": text, "source": source, "lang": lang or SOURCE_LANG.get(source) or "und"}
    for lab in LABELS:
        r[lab] = float(labels[lab]) if lab in labels else NAN
    return r


def all_zero() -> dict:
    """All six labels present and 0: the verdict of a clean (not toxic) text."""
    return {lab: 0 for lab in LABELS}


def load_olid(d: Path) -> list[dict]:
    df = pd.read_csv(d / "olid" / "olid-training-v1.0.tsv", sep="\t", quoting=3, dtype=str,
                     keep_default_na=False)
    rows = []
    for t, a, b, c in zip(df["tweet"], df["subtask_a"], df["subtask_b"], df["subtask_c"]):
        if a == "NOT":
            rows.append(_row(t, "olid", **all_zero()))
        elif a == "OFF":
            lab = {"toxicity": 1}
            if b == "UNT":
                lab.update(insult=0, threat=0, identity_attack=0)
            elif b == "TIN" and c in ("IND", "GRP"):
                lab.update(insult=1)
            rows.append(_row(t, "olid", **lab))
    return rows


def load_davidson(d: Path) -> list[dict]:
    df = pd.read_csv(d / "davidson2017" / "labeled_data.csv")
    rows = []
    for t, c in zip(df["tweet"], df["class"]):
        if c == 2:
            rows.append(_row(t, "davidson2017", **all_zero()))
        elif c == 1:
            rows.append(_row(t, "davidson2017", toxicity=1, identity_attack=0))
        elif c == 0:
            rows.append(_row(t, "davidson2017", toxicity=1, identity_attack=1))
    return rows


def load_tweeteval(d: Path) -> list[dict]:
    rows = []
    for part in ("train", "val"):
        texts = (d / "tweeteval_hate" / f"{part}_text.txt").read_text(encoding="utf-8").split("\n")
        labels = (d / "tweeteval_hate" / f"{part}_labels.txt").read_text(encoding="utf-8").split("\n")
        texts = [t for t in texts]
        labels = [x.strip() for x in labels if x.strip()]
        texts = texts[: len(labels)]
        for t, y in zip(texts, labels):
            if y == "1":
                rows.append(_row(t, "tweeteval_hate", toxicity=1, identity_attack=1))
            else:
                rows.append(_row(t, "tweeteval_hate", identity_attack=0))
    return rows


def load_hatexplain(d: Path) -> list[dict]:
    rows = []
    for part in ("train.tsv", "valid.tsv"):  # test.tsv is a test split: never read
        df = pd.read_csv(d / "hatexplain" / part, sep="\t", quoting=3, dtype=str, keep_default_na=False)
        for y, t in zip(df["label"], df["text"]):
            y = y.strip()
            if y == "normal":
                rows.append(_row(t, "hatexplain", **all_zero()))
            elif y == "offensive":
                rows.append(_row(t, "hatexplain", toxicity=1, identity_attack=0))
            elif y == "hatespeech":
                rows.append(_row(t, "hatexplain", toxicity=1, identity_attack=1))
    return rows


def _cell_flag(v) -> float | None:
    """ConvAbuse cells hold '1', '0', '1, 1' (repeat annotations) or NaN."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    vals = [x.strip() for x in str(v).split(",") if x.strip()]
    nums = []
    for x in vals:
        try:
            nums.append(float(x))
        except ValueError:
            pass
    if not nums:
        return None
    return sum(nums) / len(nums)


def load_convabuse(d: Path) -> list[dict]:
    rows = []
    identity_types = ("ableist", "homophobic", "racist", "sexist", "transphobic")
    for part in ("ConvAbuseEMNLPtrain.csv", "ConvAbuseEMNLPvalid.csv"):
        df = pd.read_csv(d / "convabuse" / part, dtype=str)
        for _, r in df.iterrows():
            n = abusive = severe = ident = 0
            for a in range(1, 9):
                levels = {lv: _cell_flag(r.get(f"Annotator{a}_is_abuse.{lv}")) for lv in ("1", "0", "-1", "-2", "-3")}
                if all(v is None for v in levels.values()):
                    continue
                chosen = max(levels, key=lambda k: levels[k] or 0)
                if not levels[chosen]:
                    continue
                n += 1
                if chosen in ("-1", "-2", "-3"):
                    abusive += 1
                if chosen == "-3":
                    severe += 1
                if any((_cell_flag(r.get(f"Annotator{a}_{t}")) or 0) >= 0.5 for t in identity_types):
                    ident += 1
            text = r.get("user")
            if n == 0 or not isinstance(text, str):
                continue
            if abusive * 2 > n:
                rows.append(_row(text, "convabuse", toxicity=1, severe_toxicity=int(severe * 2 > n),
                                 identity_attack=int(ident * 2 > n)))
            else:
                rows.append(_row(text, "convabuse", **all_zero()))
    return rows


def load_jigsaw_binary(d: Path) -> list[dict]:
    df = pd.read_csv(d / "jigsaw2018_subsets" / "robtest_jigsaw_binary_balanced.csv")
    rows = []
    for t, y in zip(df["comment_text"], df["label"]):
        if int(y) == 1:
            rows.append(_row(t, "jigsaw_binary", toxicity=1))
        else:
            rows.append(_row(t, "jigsaw_binary", **all_zero()))
    return rows


def load_jigsaw_ibm(d: Path) -> list[dict]:
    df = pd.read_csv(d / "jigsaw2018_subsets" / "ibm_max_test_examples.csv")
    cols = {"toxic": "toxicity", "severe_toxic": "severe_toxicity", "obscene": "obscene",
            "threat": "threat", "insult": "insult", "identity_hate": "identity_attack"}
    rows = []
    for _, r in df.iterrows():
        rows.append(_row(r["comment_text"], "jigsaw_ibm", **{v: int(r[k]) for k, v in cols.items()}))
    return rows


def load_germeval(d: Path) -> list[dict]:
    rows = []
    with open(d / "germeval2018" / "germeval2018.training.txt", encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3:
                continue
            t, coarse, fine = parts
            if coarse == "OTHER":
                rows.append(_row(t, "germeval2018", **all_zero()))
            elif fine == "INSULT":
                rows.append(_row(t, "germeval2018", toxicity=1, insult=1, obscene=0))
            elif fine == "PROFANITY":
                rows.append(_row(t, "germeval2018", toxicity=1, obscene=1, insult=0, identity_attack=0, threat=0))
            else:
                rows.append(_row(t, "germeval2018", toxicity=1))
    return rows


def load_jigsaw_ml(d: Path) -> list[dict]:
    df = pd.read_csv(d / "jigsaw_multilingual" / "validation.csv")
    rows = []
    langs = df["lang"] if "lang" in df.columns else [None] * len(df)
    for t, y, lg in zip(df["comment_text"], df["toxic"], langs):
        if int(y) == 1:
            rows.append(_row(t, "jigsaw_ml", lang=lg, toxicity=1))
        else:
            rows.append(_row(t, "jigsaw_ml", lang=lg, **all_zero()))
    return rows


def load_synthetic(d: Path) -> list[dict]:
    from training.synthetic import threat_rows

    return [_row(t, "synthetic_threats", **lab) for t, lab in threat_rows()]


def load_school_chatter(d: Path) -> list[dict]:
    from training.synthetic import school_chatter_rows

    return [_row(t, "synthetic_school", **lab) for t, lab in school_chatter_rows()]



# ---------------------------------------------------------------------------------------------
# Non-English sources (issue #16). Each mapping is deliberate; see MAPPING.
# ---------------------------------------------------------------------------------------------
def load_ruhsold(d: Path) -> list[dict]:
    """RUHSOLD (Roman Urdu). Task 1 labels are INVERTED upstream: 0 = abusive/offensive, 1 = normal.
    Task 2 (fine-grained, same texts in another order) adds: 2 religious hate, 3 sexism ->
    identity_attack=1; 4 profane/untargeted -> obscene=1, insult=0; 0 abusive -> toxicity only.
    Rows are merged by text in the dedup step (agreeing labels kept, conflicts masked)."""
    rows = []
    base = d / "ruhsold-ur"
    for part in ("task_2_train.tsv", "task_1_train.tsv", "task_1_validation.tsv"):
        f = base / part
        if not f.is_file():
            continue
        df = pd.read_csv(f, sep="\t", header=None, quoting=3, dtype=str, keep_default_na=False)
        for t, y in zip(df[0], df[1]):
            y = str(y).strip()
            if y == "1":
                rows.append(_row(t, "ruhsold_ur", **all_zero()))
            elif y == "0":
                rows.append(_row(t, "ruhsold_ur", toxicity=1))
            elif part.startswith("task_2") and y in ("2", "3"):
                rows.append(_row(t, "ruhsold_ur", toxicity=1, identity_attack=1))
            elif part.startswith("task_2") and y == "4":
                rows.append(_row(t, "ruhsold_ur", toxicity=1, obscene=1, insult=0, identity_attack=0, threat=0))
    return rows


def load_ro_offense(d: Path) -> list[dict]:
    """RO-Offense (Romanian), the names-masked train file; GermEval-2019-style classes."""
    df = pd.read_csv(d / "ro-offense" / "train_ner.csv", dtype=str, keep_default_na=False)
    rows = []
    for t, y in zip(df["text"], df["label"]):
        y = y.strip().upper()
        if y == "OTHER":
            rows.append(_row(t, "ro_offense", **all_zero()))
        elif y == "PROFANITY":
            rows.append(_row(t, "ro_offense", toxicity=1, obscene=1, insult=0, identity_attack=0, threat=0))
        elif y == "INSULT":
            rows.append(_row(t, "ro_offense", toxicity=1, insult=1))
        elif y == "ABUSE":
            rows.append(_row(t, "ro_offense", toxicity=1))
    return rows


def load_told_br(d: Path) -> list[dict]:
    """ToLD-Br (Brazilian Portuguese), train + validation (1-annotator files: lenient positives)."""
    rows = []
    for part in ("ptbr_train_1annotator.csv", "ptbr_validation_1annotator.csv"):
        df = pd.read_csv(d / "told-br-pt" / part, dtype=str, keep_default_na=False)
        for t, y in zip(df["text"], df["toxic"]):
            y = y.strip()
            if y in ("1", "1.0"):
                rows.append(_row(t, "told_br_pt", toxicity=1))
            elif y in ("0", "0.0"):
                rows.append(_row(t, "told_br_pt", **all_zero()))
    return rows


def _read_xlsx_rows(path: Path) -> list[list[str]]:
    """First sheet of an .xlsx as lists of cell strings, from the XML (no openpyxl needed)."""
    import zipfile
    import xml.etree.ElementTree as ET

    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(path) as z:
        shared = []
        if "xl/sharedStrings.xml" in z.namelist():
            root = ET.fromstring(z.read("xl/sharedStrings.xml"))
            for si in root.findall("m:si", ns):
                shared.append("".join(x.text or "" for x in si.iter(f"{{{ns['m']}}}t")))
        root = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
    out = []
    for r in root.iter(f"{{{ns['m']}}}row"):
        cells = {}
        for c in r.findall("m:c", ns):
            ref = c.get("r", "")
            col = 0
            for ch in ref:
                if ch.isalpha():
                    col = col * 26 + (ord(ch.upper()) - 64)
            v = c.find("m:v", ns)
            if c.get("t") == "s" and v is not None:
                val = shared[int(v.text)]
            elif c.get("t") == "inlineStr":
                val = "".join(x.text or "" for x in c.iter(f"{{{ns['m']}}}t"))
            else:
                val = v.text if v is not None else ""
            cells[col - 1] = val or ""
        if cells:
            out.append([cells.get(i, "") for i in range(max(cells) + 1)])
    return out


def load_mpold(d: Path) -> list[dict]:
    """MPOLD (Arabic news comments): Offensive -> toxicity=1 (+ identity_attack=1 when the expert
    sub-label is HS, obscene=1 when V); Non-Offensive -> all six 0."""
    folder = d / "mpold-ar"
    files = sorted(folder.glob("*.xlsx"))
    if not files:
        return []
    table = _read_xlsx_rows(files[0])
    head = [h.strip() for h in table[0]]
    ci, cl = head.index("Comment"), head.index("Majority_Label")
    cs = next((i for i, h in enumerate(head) if h.startswith("Vulgar")), None)
    rows = []
    for r in table[1:]:
        r = r + [""] * (len(head) - len(r))
        t, y = r[ci], r[cl].strip().lower()
        sub = r[cs].strip().upper() if cs is not None else ""
        if y == "non-offensive":
            rows.append(_row(t, "mpold_ar", **all_zero()))
        elif y == "offensive":
            lab = {"toxicity": 1}
            if sub == "HS":
                lab["identity_attack"] = 1
            elif sub == "V":
                lab["obscene"] = 1
            rows.append(_row(t, "mpold_ar", **lab))
    return rows


MLMA_IDENTITY_TARGETS = ("origin", "religion", "gender", "sexual_orientation", "disability")


def load_mlma(d: Path) -> list[dict]:
    """MLMA French + Arabic: sentiment exactly "normal" -> all six 0; anything else -> toxicity=1;
    "hateful" aimed at an identity attribute (origin, religion, gender, sexual orientation,
    disability) -> identity_attack=1 too. Crowd labels, keyword-sampled: noisy, capped in training."""
    rows = []
    for lang in ("fr", "ar"):
        f = d / "mlma-fr-ar" / f"{lang}_dataset.csv"
        if not f.is_file():
            continue
        df = pd.read_csv(f, dtype=str, keep_default_na=False)
        for t, sent, target in zip(df["tweet"], df["sentiment"], df["target"]):
            parts = set(sent.strip().lower().split("_"))
            if parts == {"normal"}:
                rows.append(_row(t, "mlma", lang=lang, **all_zero()))
            elif parts:
                lab = {"toxicity": 1}
                if "hateful" in parts and target.strip().lower() in MLMA_IDENTITY_TARGETS:
                    lab["identity_attack"] = 1
                rows.append(_row(t, "mlma", lang=lang, **lab))
    return rows


def load_cold(d: Path) -> list[dict]:
    """COLD (Chinese): train + dev; 1 offensive -> toxicity=1, 0 safe -> all six 0."""
    rows = []
    for part in ("train.csv", "dev.csv"):
        df = pd.read_csv(d / "cold-zh" / part, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        for t, y in zip(df["TEXT"], df["label"]):
            y = y.strip()
            if y == "1":
                rows.append(_row(t, "cold_zh", toxicity=1))
            elif y == "0":
                rows.append(_row(t, "cold_zh", **all_zero()))
    return rows


def load_bengali_hate(d: Path) -> list[dict]:
    """Bengali Hate Speech v1 + v2: every row is hate (positives only) -> toxicity=1; religious
    and gender-abusive rows -> identity_attack=1. Clean Bengali comes from training/contrast.py."""
    rows = []
    folder = d / "bengali-hate-bn"
    for name, sep in (("bengali_hate_v2.0.csv", ","), ("bengali_ hate_v1.0.csv", "\t")):
        f = folder / name
        if not f.is_file():
            continue
        df = pd.read_csv(f, sep=sep, dtype=str, keep_default_na=False, quoting=3 if sep == "\t" else 0)
        for t, y in zip(df["text"], df["label"]):
            lab = {"toxicity": 1}
            if y.strip().lower() in ("religious", "gender abusive"):
                lab["identity_attack"] = 1
            rows.append(_row(t, "bengali_hate_bn", **lab))
    return rows


def load_contrast(d: Path) -> list[dict]:
    from training.contrast import contrast_rows

    return [_row(t, "contrast", lang=lg, **lab) for t, lg, lab, _kind in contrast_rows("train")]


def load_bengali_clean(d: Path) -> list[dict]:
    from training.contrast import bengali_clean_rows

    return [_row(t, "bengali_clean", **all_zero()) for t in bengali_clean_rows("train")]

LOADERS = {
    "olid": load_olid, "davidson2017": load_davidson, "tweeteval_hate": load_tweeteval,
    "hatexplain": load_hatexplain, "convabuse": load_convabuse, "jigsaw_binary": load_jigsaw_binary,
    "jigsaw_ibm": load_jigsaw_ibm, "germeval2018": load_germeval, "jigsaw_ml": load_jigsaw_ml,
    "synthetic_threats": load_synthetic, "synthetic_school": load_school_chatter,
    "ruhsold_ur": load_ruhsold, "ro_offense": load_ro_offense, "told_br_pt": load_told_br,
    "mpold_ar": load_mpold, "mlma": load_mlma, "cold_zh": load_cold, "bengali_hate_bn": load_bengali_hate,
    "contrast": load_contrast, "bengali_clean": load_bengali_clean,
}

_KEY_RE = re.compile(r"[^\w]+|_")


def prepare_text(raw: str) -> str:
    """What the model sees: pipeline normaliser, then model-specific placeholder cleanup."""
    return model_text(normalise(raw))


def dedup_key(text: str) -> str:
    return _KEY_RE.sub("", text.lower())


def build_dataset(sources=None, val_fraction: float = 0.1, seed: int = 13,
                  data_dir: Path | None = None) -> pd.DataFrame:
    """All sources -> one frame: text (prepared), raw, source, six labels (NaN = masked), split."""
    d = data_dir or shared_data_dir()
    sources = tuple(sources or SOURCE_ORDER)
    frames = []
    for s in (*SOURCE_ORDER, *MULTILINGUAL_SOURCES, *EXCLUDED_SOURCES):
        if s in sources:
            rows = LOADERS[s](d)
            frames.append(pd.DataFrame(rows))
    df = pd.concat(frames, ignore_index=True)
    df = df[df["text"].map(lambda x: isinstance(x, str))]
    df = df.rename(columns={"text": "raw"})
    df["text"] = df["raw"].map(prepare_text)
    df["key"] = df["text"].map(dedup_key)
    df = df[df["key"].str.len() > 0].reset_index(drop=True)

    # dedup across and within sources: keep the first occurrence (SOURCE_ORDER priority),
    # fill its NaN labels from duplicates that agree, NaN where duplicates disagree.
    lab = df[list(LABELS)]
    agg_min = lab.groupby(df["key"], sort=False).min()
    agg_max = lab.groupby(df["key"], sort=False).max()
    first = df.drop_duplicates("key", keep="first").set_index("key")
    merged = agg_max.where(agg_min == agg_max)  # agree -> value; conflict or all-NaN -> NaN
    first[list(LABELS)] = merged.loc[first.index, list(LABELS)].values
    n_dups = len(df) - len(first)
    df = first.reset_index()
    df.attrs["n_duplicates_removed"] = int(n_dups)

    # seeded per-source split on a hash of (seed, key) so it is stable under row order
    def bucket(k: str) -> float:
        h = hashlib.sha256(f"{seed}:{k}".encode()).digest()
        return int.from_bytes(h[:8], "big") / 2**64

    df["split"] = np.where(df["key"].map(bucket) < val_fraction, "val", "train")
    return df[["text", "raw", "source", "lang", "split", *LABELS, "key"]]


def label_table(df: pd.DataFrame) -> pd.DataFrame:
    """positives / annotated per source and label."""
    out = {}
    for s, g in df.groupby("source"):
        row = {"rows": len(g)}
        for lab in LABELS:
            ann = g[lab].notna().sum()
            row[lab] = f"{int(g[lab].sum())}/{ann}" if ann else "-"
        out[s] = row
    return pd.DataFrame(out).T


if __name__ == "__main__":
    df = build_dataset()
    print("duplicates removed:", df.attrs.get("n_duplicates_removed"))
    print(label_table(df).to_string())
    print(df.groupby(["source", "split"]).size().unstack())
