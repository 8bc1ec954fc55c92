"""Tiny fixture files laid out like shared/data/train (same file names, columns, separators and line
endings) for tests/test_training_data.py, and helpers to read labels back."""
from __future__ import annotations

import csv
import math
from pathlib import Path

import pandas as pd

from training.data import LABELS

# --------------------------------------------------------------------------------------------
# Label helpers: a label is its float value, or None where it is masked (NaN).
# --------------------------------------------------------------------------------------------
def labels_of(row) -> dict:
    return {lab: (None if math.isnan(row[lab]) else row[lab]) for lab in LABELS}


def expect(**given) -> dict:
    """The six labels with the given values; every label not given must be masked (None)."""
    assert set(given) <= set(LABELS)
    return {lab: (float(given[lab]) if lab in given else None) for lab in LABELS}


ZEROS = expect(**{lab: 0 for lab in LABELS})


def by_text(rows) -> dict:
    return {r["text"]: labels_of(r) for r in rows}


# --------------------------------------------------------------------------------------------
# Fixture writers, one per source, mimicking the real files in shared/data/train.
# --------------------------------------------------------------------------------------------
def write_olid(d: Path, rows) -> None:
    """rows: (tweet, subtask_a, subtask_b, subtask_c). The real file is TSV with CRLF endings."""
    (d / "olid").mkdir(parents=True, exist_ok=True)
    lines = ["id\ttweet\tsubtask_a\tsubtask_b\tsubtask_c"]
    lines += [f"{1000 + i}\t{t}\t{a}\t{b}\t{c}" for i, (t, a, b, c) in enumerate(rows)]
    (d / "olid" / "olid-training-v1.0.tsv").write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))


def write_davidson(d: Path, rows) -> None:
    """rows: (tweet, class). Header as upstream: unnamed index, vote counts, class, tweet."""
    (d / "davidson2017").mkdir(parents=True, exist_ok=True)
    with open(d / "davidson2017" / "labeled_data.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["", "count", "hate_speech", "offensive_language", "neither", "class", "tweet"])
        for i, (t, c) in enumerate(rows):
            votes = [0, 0, 0]
            votes[c] = 3
            w.writerow([i, 3, *votes, c, t])


def write_tweeteval(d: Path, train, val) -> None:
    """train/val: (text, label) pairs, written as parallel *_text.txt / *_labels.txt files."""
    (d / "tweeteval_hate").mkdir(parents=True, exist_ok=True)
    for part, rows in (("train", train), ("val", val)):
        (d / "tweeteval_hate" / f"{part}_text.txt").write_text(
            "".join(t + "\n" for t, _ in rows), encoding="utf-8")
        (d / "tweeteval_hate" / f"{part}_labels.txt").write_text(
            "".join(f"{y}\n" for _, y in rows), encoding="utf-8")


def write_hatexplain(d: Path, train, valid, test=()) -> None:
    """(label, text) TSVs with CRLF endings, like the third-party copy in shared/data."""
    (d / "hatexplain").mkdir(parents=True, exist_ok=True)
    for name, rows in (("train.tsv", train), ("valid.tsv", valid), ("test.tsv", test)):
        lines = ["label\ttext"] + [f"{y}\t{t}" for y, t in rows]
        (d / "hatexplain" / name).write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))


CONVABUSE_TYPES = ("ableist", "homophobic", "intellectual", "racist", "sexist", "sex_harassment",
                   "transphobic")
CONVABUSE_LEVELS = ("1", "0", "-1", "-2", "-3")


def convabuse_columns() -> list[str]:
    cols = ["example_id", "conv_id", "prev_agent", "prev_user", "agent", "user", "bot"]
    for a in range(1, 9):
        cols += [f"Annotator{a}_is_abuse.{lv}" for lv in CONVABUSE_LEVELS]
        cols += [f"Annotator{a}_{t}" for t in CONVABUSE_TYPES]
        cols += [f"Annotator{a}_target.{t}" for t in ("generalised", "individual", "system")]
        cols += [f"Annotator{a}_explicit", f"Annotator{a}_implicit"]
    return cols


def convabuse_row(user, votes: dict, types: dict | None = None, raw_cells: dict | None = None) -> dict:
    """votes: annotator number -> chosen severity ('1', '0', '-1', '-2', '-3'); annotators not in
    votes leave their cells empty, as in the real file. types: annotator -> abuse types marked.
    raw_cells: exact cell overrides (e.g. repeat annotations '1, 1')."""
    types = types or {}
    r = {"example_id": "1.0", "conv_id": "2.0", "prev_agent": "How are you?", "prev_user": "hi",
         "agent": "Please go on.", "user": user, "bot": "E.L.I.Z.A."}
    for a, chosen in votes.items():
        for lv in CONVABUSE_LEVELS:
            r[f"Annotator{a}_is_abuse.{lv}"] = "1" if lv == chosen else "0"
        for t in CONVABUSE_TYPES:
            r[f"Annotator{a}_{t}"] = "1" if t in types.get(a, ()) else "0"
    r.update(raw_cells or {})
    return r


def write_convabuse(d: Path, train, valid=()) -> None:
    (d / "convabuse").mkdir(parents=True, exist_ok=True)
    cols = convabuse_columns()
    for name, rows in (("ConvAbuseEMNLPtrain.csv", train), ("ConvAbuseEMNLPvalid.csv", valid)):
        pd.DataFrame(list(rows), columns=cols).to_csv(d / "convabuse" / name, index=False)


def write_germeval(d: Path, rows) -> None:
    """rows: (text, coarse, fine) or a raw line string. No header, tab-separated, LF."""
    (d / "germeval2018").mkdir(parents=True, exist_ok=True)
    lines = [r if isinstance(r, str) else "\t".join(r) for r in rows]
    (d / "germeval2018" / "germeval2018.training.txt").write_text(
        "".join(line + "\n" for line in lines), encoding="utf-8")


def write_jigsaw_ml(d: Path, rows) -> None:
    """rows: (comment_text, toxic)."""
    (d / "jigsaw_multilingual").mkdir(parents=True, exist_ok=True)
    pd.DataFrame({"id": range(len(rows)), "comment_text": [t for t, _ in rows],
                  "lang": ["es"] * len(rows), "toxic": [y for _, y in rows]}).to_csv(
        d / "jigsaw_multilingual" / "validation.csv", index=False)


JIGSAW_BINARY_TEXT = "binary jigsaw test comment about wikipedia edits"
JIGSAW_IBM_TEXT = "ibm jigsaw test comment you are a stupid vandal"


def write_jigsaw_2018(d: Path) -> None:
    (d / "jigsaw2018_subsets").mkdir(parents=True, exist_ok=True)
    pd.DataFrame({"comment_text": [JIGSAW_BINARY_TEXT, "another binary toxic idiot comment"],
                  "label": [0, 1]}).to_csv(
        d / "jigsaw2018_subsets" / "robtest_jigsaw_binary_balanced.csv", index=False)
    pd.DataFrame({"comment_text": [JIGSAW_IBM_TEXT], "toxic": [1], "severe_toxic": [0], "obscene": [0],
                  "threat": [0], "insult": [1], "identity_hate": [0]}).to_csv(
        d / "jigsaw2018_subsets" / "ibm_max_test_examples.csv", index=False)


def write_all_sources(d: Path) -> Path:
    """One or two rows per file-backed source, plus both Jigsaw 2018 files."""
    write_olid(d, [("@USER what a lovely assembly", "NOT", "NULL", "NULL")])
    write_convabuse(d, [convabuse_row("you are a useless bot", {1: "-2", 2: "-1", 3: "1"})])
    write_hatexplain(d, [("normal", "the bus was late again")], [("offensive", "shut up you muppet")])
    write_tweeteval(d, [("@user immigrants are welcome here", 0)], [("@user build the wall now", 1)])
    write_davidson(d, [("RT @bob: good morning everyone", 2)])
    write_germeval(d, [("Guten Morgen zusammen", "OTHER", "OTHER")])
    write_jigsaw_ml(d, [("hola a todos", 0)])
    write_jigsaw_2018(d)
    return d
