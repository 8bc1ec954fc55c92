"""moderator.judge.evaluate.evaluate_file on small CSV/TSV files with a deterministic fake scorer."""
from __future__ import annotations

from pathlib import Path

import pytest

from moderator.judge.evaluate import evaluate_file, label_to_int, read_table


class KeywordScorer:
    """Test double for a classifier: toxicity = 0.9 if the (normalised) text contains 'idiot' or
    'stupid', 0.6 if it contains 'rubbish', else 0.1. It records what it was asked to score."""

    name = "keyword-fake"
    version = "test-1"
    labels = ("toxicity", "insult")

    def __init__(self):
        self.seen: list[str] = []

    def score(self, texts):
        self.seen.extend(texts)
        out = []
        for t in texts:
            low = t.lower()
            s = 0.9 if ("idiot" in low or "stupid" in low) else 0.6 if "rubbish" in low else 0.1
            out.append({"toxicity": s, "insult": s / 2})
        return out


def write(tmp_path: Path, name: str, content: str, encoding: str = "utf-8") -> Path:
    p = tmp_path / name
    p.write_bytes(content.encode(encoding))
    return p


CSV = (
    "id,comment,label\n"
    '1,"you are an idiot",1\n'
    '2,"lovely trip, thanks",0\n'
    '3,"what a s t u p i d idea",1\n'
    '4,"rubbish weather today",0\n'
    '5,"see you at\nthe fair",0\n'  # quoted multi-line field
    '6,"the food was rubbish, idiot",1\n'
)


def test_csv_metrics(tmp_path):
    clf = KeywordScorer()
    r = evaluate_file(write(tmp_path, "d.csv", CSV), text_column="comment", label_column="label",
                      classifier=clf, threshold=0.5)
    assert r["n"] == 6 and r["positives"] == 3
    # scores: pos 0.9, 0.9 (after normalising the spaced letters), 0.9; neg 0.1, 0.6, 0.1
    assert r["roc_auc"] == pytest.approx(1.0)
    assert r["average_precision"] == pytest.approx(1.0)
    # at 0.5: TP=3, FP=1 ("rubbish weather"), FN=0
    assert r["precision"] == pytest.approx(0.75)
    assert r["recall"] == pytest.approx(1.0)
    # macro F1: pos F1 = 6/7, neg F1 = 2*1*(2/3)/(1+2/3) = 0.8
    assert r["macro_f1"] == pytest.approx((6 / 7 + 0.8) / 2)
    assert r["threshold"] == 0.5 and r["label"] == "toxicity" and r["classifier"] == "keyword-fake"
    # texts were normalised before scoring, and the multi-line field arrived whole
    assert "what a stupid idea" in clf.seen
    assert "see you at the fair" in clf.seen


def test_threshold_changes_precision(tmp_path):
    r = evaluate_file(write(tmp_path, "d.csv", CSV), text_column="comment", label_column="label",
                      classifier=KeywordScorer(), threshold=0.7)
    assert r["precision"] == pytest.approx(1.0)
    assert r["macro_f1"] == pytest.approx(1.0)


def test_tsv_with_bom_text_labels_and_missing_values(tmp_path):
    tsv = ("\ufefftweet\tsubtask_a\n"
           "@USER you idiot\tOFF\n"
           "have a nice day\tNOT\n"
           "stuuupid game\tOFF\n"
           "no label here\t\n"  # missing value: skipped
           "great result for Year 4\tNOT\n")
    clf = KeywordScorer()
    r = evaluate_file(write(tmp_path, "olid.tsv", tsv), text_column="tweet", label_column="subtask_a",
                      classifier=clf, threshold=0.5)
    assert r["n"] == 4 and r["positives"] == 2
    assert r["skipped_missing_label"] == 1
    assert r["roc_auc"] == pytest.approx(1.0)
    assert "stupid game" in clf.seen


def test_tsv_sniffed_without_extension(tmp_path):
    content = "text\tis_toxic\nidiot\tyes\nhello\tno\n"
    r = evaluate_file(write(tmp_path, "data.txt", content), text_column="text", label_column="is_toxic",
                      classifier=KeywordScorer(), threshold=0.5)
    assert r["n"] == 2 and r["positives"] == 1 and r["roc_auc"] == pytest.approx(1.0)


def test_explicit_positive_values_and_other_label(tmp_path):
    content = "text,class\nyou idiot,hate\nrubbish,offensive\nhello,neither\n"
    r = evaluate_file(write(tmp_path, "d.csv", content), text_column="text", label_column="class",
                      classifier=KeywordScorer(), threshold=0.4, positive=["hate"], label="insult")
    # only "hate" counts as positive here; "offensive" is negative
    assert r["positives"] == 1 and r["n"] == 3
    assert r["label"] == "insult"
    assert r["precision"] == pytest.approx(1.0)  # insult = 0.45 for the idiot row, 0.3 / 0.05 else


def test_numeric_probability_labels(tmp_path):
    content = "text,toxic\nyou idiot,0.8\nhello,0.2\nrubbish,0.5\n"
    r = evaluate_file(write(tmp_path, "d.csv", content), text_column="text", label_column="toxic",
                      classifier=KeywordScorer(), threshold=0.5)
    assert r["positives"] == 1  # 0.5 is not > 0.5


def test_missing_column_error_lists_available(tmp_path):
    p = write(tmp_path, "d.csv", CSV)
    with pytest.raises(ValueError) as e:
        evaluate_file(p, text_column="text", label_column="label", classifier=KeywordScorer(), threshold=0.5)
    msg = str(e.value)
    assert "'text'" in msg and "'comment'" in msg and "'label'" in msg and "'id'" in msg
    with pytest.raises(ValueError, match="label column 'y' not found"):
        evaluate_file(p, text_column="comment", label_column="y", classifier=KeywordScorer(), threshold=0.5)


def test_unknown_label_values_error(tmp_path):
    p = write(tmp_path, "d.csv", "text,label\nhello,maybe\n")
    with pytest.raises(ValueError, match="maybe"):
        evaluate_file(p, text_column="text", label_column="label", classifier=KeywordScorer(), threshold=0.5)


def test_label_not_scored_by_classifier(tmp_path):
    p = write(tmp_path, "d.csv", CSV)
    with pytest.raises(ValueError, match="threat"):
        evaluate_file(p, text_column="comment", label_column="label", classifier=KeywordScorer(),
                      threshold=0.5, label="threat")


def test_missing_and_empty_files(tmp_path):
    with pytest.raises(ValueError, match="not found"):
        evaluate_file(tmp_path / "nope.csv", text_column="a", label_column="b", classifier=KeywordScorer(),
                      threshold=0.5)
    with pytest.raises(ValueError, match="empty"):
        evaluate_file(write(tmp_path, "e.csv", ""), text_column="a", label_column="b",
                      classifier=KeywordScorer(), threshold=0.5)


def test_single_class_gives_no_auc(tmp_path):
    r = evaluate_file(write(tmp_path, "d.csv", "text,label\nhello,0\nhi,0\n"), text_column="text",
                      label_column="label", classifier=KeywordScorer(), threshold=0.5)
    assert r["roc_auc"] is None and r["positives"] == 0


def test_label_mapping_defaults():
    assert label_to_int("OFF", None) == 1
    assert label_to_int("NOT", None) == 0
    assert label_to_int("True", None) == 1
    assert label_to_int("toxic", None) == 1
    assert label_to_int("0.7", None) == 1
    assert label_to_int("", None) is None
    assert label_to_int("TIN", ["tin", "unt"]) == 1


def test_read_table_cp1252_and_short_rows(tmp_path):
    p = write(tmp_path, "w.csv", "text,label\ncaf\xe9 idiot,1\nshort\n", encoding="cp1252")
    header, rows = read_table(p)
    assert header == ["text", "label"]
    assert rows[0][0] == "café idiot" and rows[1] == ["short", ""]
