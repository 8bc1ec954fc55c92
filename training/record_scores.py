"""Record the shipped default classifier's scores on the project's 355 school comments
(tests/data/school_comments.tsv) into tests/data/school_comments_scores.json.

tests/test_detectors_table.py judges the table with these recorded scores, so whether a comment is
hidden, routed and prioritised as expected is a test of the detectors and the policy, the same on
every CPU; tests/test_detectors_table.py::test_the_shipped_model_still_gives_the_recorded_scores
checks, within 0.05, that the shipped model still gives them. Run this after changing the model:

    .venv/bin/python -m training.record_scores
"""
from __future__ import annotations

import csv
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
TABLE = ROOT / "tests" / "data" / "school_comments.tsv"
OUT = ROOT / "tests" / "data" / "school_comments_scores.json"


def key(normalised: str) -> str:
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def main() -> int:
    from models import load_classifier
    from models.normalise import normalise

    with TABLE.open(encoding="utf-8", newline="") as fh:
        texts = [normalise(r["text"]) for r in csv.DictReader(fh, delimiter="\t")]
    clf = load_classifier("embedded-onnx")
    scores = clf.score(texts)
    OUT.write_text(json.dumps({"classifier": clf.name, "version": clf.version,
                               "scores": {key(t): {k: round(v, 4) for k, v in s.items()}
                                          for t, s in zip(texts, scores)}}, indent=0, sort_keys=True) + "\n",
                   encoding="utf-8")
    print(f"wrote {OUT} ({len(texts)} texts, {clf.name} {clf.version})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
