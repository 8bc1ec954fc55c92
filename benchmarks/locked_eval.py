"""How the service judges the locked test set (tests/locked/locked_test.tsv), exactly as
`moderator classify --school oakfield` judges: the configured classifier, the detectors and the
default policy, for the demo school. Prints the share right per kind and per language.

    .venv/bin/python benchmarks/locked_eval.py [--json OUT] [--classifier NAME] [--options JSON]

The set was written by someone who saw none of the training data; never tune on it (its README).
"Right" means the action, the routes and the priority all match; "hide right" only the action.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

LOCKED = ROOT / "tests" / "locked" / "locked_test.tsv"


def judge(rows: list[dict], classifier_name: str | None, options: dict) -> list[dict]:
    from models import load_classifier
    from moderator.cli.base import with_demo
    from moderator.act.pipeline import judge_texts, outcome_for
    from moderator.judge.policy import for_school
    from moderator.settings import Settings

    settings = with_demo(Settings())
    school = for_school(settings, settings.schools[0].slug)
    classifier = load_classifier(classifier_name or settings.classifier, **(options or settings.classifier_options))
    out = []
    for start in range(0, len(rows), 64):
        chunk = rows[start:start + 64]
        for row, j in zip(chunk, judge_texts([r["text"] for r in chunk], classifier=classifier,
                                             schools=[school] * len(chunk))):
            outcome, _ = outcome_for(school, j)
            routes = set(outcome.routes)
            if "headteacher_harm_allegation" in outcome.rules:
                routes.discard("headteacher")  # the conflict-of-interest rule: the chair reviews it
            out.append({"action": outcome.action, "routes": "+".join(sorted(routes)),
                        "priority": outcome.priority or "", "rules": outcome.rules})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", type=Path)
    ap.add_argument("--classifier")
    ap.add_argument("--options", type=json.loads, default={})
    args = ap.parse_args(argv)
    with LOCKED.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    got = judge(rows, args.classifier, args.options)
    by_kind, by_lang = defaultdict(lambda: [0, 0, 0]), defaultdict(lambda: [0, 0, 0])
    total = [0, 0, 0]
    for row, g in zip(rows, got):
        right = (g["action"], g["routes"], g["priority"]) == (row["action"], row["routes"], row["priority"])
        hide_right = g["action"] == row["action"]
        for bucket in (by_kind[row["kind"]], by_lang[row["lang"]], total):
            bucket[0] += 1
            bucket[1] += right
            bucket[2] += hide_right
    lookalikes = [g["action"] == "none" for row, g in zip(rows, got) if row["action"] == "none"]

    def line(name, b):
        return f"{name:28s} {b[0]:4d}   right {b[1] / b[0]:6.1%}   hide/leave right {b[2] / b[0]:6.1%}"

    print(line("ALL", total))
    print(f"{'left visible when it should be':28s} {len(lookalikes):4d}   {sum(lookalikes) / len(lookalikes):6.1%}")
    print("\nby kind")
    for k in sorted(by_kind):
        print(line(k, by_kind[k]))
    print("\nby language")
    for k in sorted(by_lang):
        print(line(k, by_lang[k]))
    if args.json:
        args.json.write_text(json.dumps({"all": total, "kind": by_kind, "lang": by_lang,
                                         "lookalikes_left_visible": [sum(lookalikes), len(lookalikes)]}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
