"""Evaluate a classifier on a labelled CSV/TSV file (``moderator eval``).

``evaluate_file(path, text_column=..., label_column=..., classifier=..., threshold=...)`` reads the
file (CSV or TSV, sniffed from the extension and the content; quoted multi-line fields, a UTF-8
BOM and missing values are handled), maps the label column to 0/1, normalises every text with
``models.normalise.normalise`` (as the pipeline does), scores it with ``classifier`` and returns
ROC AUC, average precision, and precision / recall / macro F1 at ``threshold``.
"""
from __future__ import annotations

import csv
import io
import math
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from models.normalise import normalise

DEFAULT_POSITIVE = frozenset({
    "1", "1.0", "true", "t", "yes", "y", "off", "offensive", "offence", "offense", "toxic", "hate",
    "hateful", "hatespeech", "hate_speech", "hate speech", "abusive", "abuse", "insult", "pos",
    "positive", "spam",
})
DEFAULT_NEGATIVE = frozenset({
    "0", "0.0", "false", "f", "no", "n", "not", "none", "normal", "neither", "other", "clean",
    "non-toxic", "nontoxic", "not toxic", "ok", "neg", "negative", "not_offensive", "non-offensive",
    "nothate", "not-hate", "not hate", "noHate".lower(),
})
_SCORE_CHUNK = 512


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    for enc in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace")  # pragma: no cover - latin-1 never fails


def _sniff_delimiter(path: Path, text: str) -> str:
    ext = path.suffix.lower()
    if ext in (".tsv", ".tab"):
        return "\t"
    sample = text[:65536]
    first = sample.split("\n", 1)[0]
    if ext == ".csv" and "," in first:
        return ","
    try:
        return csv.Sniffer().sniff(sample, delimiters=",\t;|").delimiter
    except csv.Error:
        pass
    counts = {d: first.count(d) for d in (",", "\t", ";", "|")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def read_table(path: str | Path) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a CSV/TSV file (all cells as strings; short rows padded with '')."""
    p = Path(path)
    if not p.is_file():
        raise ValueError(f"data file not found: {p}")
    text = _read_text(p)
    if not text.strip():
        raise ValueError(f"data file {p} is empty")
    delim = _sniff_delimiter(p, text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim, quotechar='"', doublequote=True,
                        skipinitialspace=False, strict=False)
    try:
        header = next(reader)
    except StopIteration:
        raise ValueError(f"data file {p} has no header row") from None
    header = [h.strip().lstrip("\ufeff") for h in header]
    rows = []
    for r in reader:
        if not r or all(not c.strip() for c in r):
            continue
        if len(r) < len(header):
            r = r + [""] * (len(header) - len(r))
        rows.append(r)
    return header, rows


def _find_column(header: Sequence[str], name: str, what: str, path: Path) -> int:
    if name in header:
        return header.index(name)
    folded = [h.strip().lower() for h in header]
    if name.strip().lower() in folded:
        return folded.index(name.strip().lower())
    available = ", ".join(repr(h) for h in header)
    raise ValueError(f"{what} column {name!r} not found in {path}; available columns: {available}")


def label_to_int(value: str, positive: Iterable[str] | None) -> int | None:
    """0/1 for a label cell; None for a missing value. Raises ValueError for unknown values."""
    v = (value or "").strip()
    if not v or v.lower() in ("nan", "null", "na", "n/a", "?"):
        return None
    if positive is not None:
        pos = {str(x).strip().lower() for x in positive}
        return int(v.lower() in pos)
    low = v.lower()
    if low in DEFAULT_POSITIVE:
        return 1
    if low in DEFAULT_NEGATIVE:
        return 0
    try:
        f = float(v)
    except ValueError:
        raise ValueError(
            f"label value {v!r} is not a known positive or negative value; pass positive=[...] "
            f"(--positive) to list the values that count as positive") from None
    if math.isnan(f):
        return None
    return int(f > 0.5)


def _metrics(y: list[int], p: list[float], threshold: float) -> dict[str, Any]:
    from sklearn.metrics import average_precision_score, f1_score, precision_score, recall_score, roc_auc_score

    both = 0 < sum(y) < len(y)
    pred = [int(s >= threshold) for s in p]
    return {
        "roc_auc": float(roc_auc_score(y, p)) if both else None,
        "average_precision": float(average_precision_score(y, p)) if sum(y) else None,
        "macro_f1": float(f1_score(y, pred, average="macro", labels=[0, 1], zero_division=0)),
        "precision": float(precision_score(y, pred, zero_division=0)),
        "recall": float(recall_score(y, pred, zero_division=0)),
    }


def evaluate_file(path: str | Path, *, text_column: str, label_column: str, classifier: Any,
                  threshold: float, positive: Sequence[str] | None = None,
                  label: str = "toxicity", progress: Callable[[int, int | None], None] | None = None,
                  ) -> dict[str, Any]:
    """Score a labelled file and return metrics (see module docstring). ``progress(done, total)`` is
    told after each chunk scored (moderator/progress.py)."""
    p = Path(path)
    try:
        threshold = float(threshold)
    except (TypeError, ValueError):
        raise ValueError(f"threshold must be a number, got {threshold!r}") from None
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be in [0, 1], got {threshold}")
    labels = tuple(getattr(classifier, "labels", ()) or ())
    if labels and label not in labels:
        raise ValueError(f"classifier {getattr(classifier, 'name', classifier)!r} has no label {label!r}; "
                         f"its labels are: {', '.join(labels)}")
    if isinstance(positive, str):
        positive = [x for x in positive.split(",") if x.strip()]
    header, rows = read_table(p)
    ti = _find_column(header, text_column, "text", p)
    li = _find_column(header, label_column, "label", p)
    texts: list[str] = []
    y: list[int] = []
    skipped = 0
    for r in rows:
        lab = label_to_int(r[li] if li < len(r) else "", positive)
        if lab is None:
            skipped += 1
            continue
        texts.append(normalise(r[ti] if ti < len(r) else ""))
        y.append(lab)
    if not y:
        raise ValueError(f"no rows with a label value in column {label_column!r} of {p}")
    scores: list[float] = []
    for i in range(0, len(texts), _SCORE_CHUNK):
        chunk = texts[i : i + _SCORE_CHUNK]
        res = classifier.score(chunk)
        if len(res) != len(chunk):
            raise ValueError(f"classifier returned {len(res)} results for {len(chunk)} texts")
        for d in res:
            if label not in d:
                raise ValueError(f"classifier result has no label {label!r}; it has: {', '.join(d)}")
            scores.append(float(d[label]))
        if progress:
            progress(len(scores), len(texts))
    out: dict[str, Any] = {"n": len(y), "positives": int(sum(y))}
    out.update(_metrics(y, scores, threshold))
    out.update({
        "threshold": threshold, "label": label,
        "classifier": getattr(classifier, "name", type(classifier).__name__),
        "classifier_version": getattr(classifier, "version", None),
        "skipped_missing_label": skipped,
    })
    return out
