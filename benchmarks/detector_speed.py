"""Detector speed and accuracy on the hand-written school comments (tests/data/school_comments.tsv).

    .venv/bin/python benchmarks/detector_speed.py            # speed: ms per comment (mean, p99)
    .venv/bin/python benchmarks/detector_speed.py --eval     # also per-signal precision and recall
    .venv/bin/python benchmarks/detector_speed.py --eval --data tests/data/school_comments_heldout.tsv

Speed is the detectors alone (``detect``), over every comment of the set and over hostile inputs
(1 MB of repeated near-matches), since the classifier has its own benchmark
(benchmarks/model_speed.py). The evaluation runs the path ``moderator classify`` uses: the
normaliser, the embedded classifier's scores, the detectors and the default policy, for the demo
school (Oakfield Primary).
"""
from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models.normalise import normalise  # noqa: E402
from moderator.judge.detectors import SchoolContext, detect  # noqa: E402
from moderator.judge.policy import decide, load_policy  # noqa: E402
from moderator.settings import DEFAULT_POLICY_FILE, SchoolSettings  # noqa: E402

DATA = ROOT / "tests" / "data" / "school_comments.tsv"
# The signals issue #15 added, each a rule of the default policy.
SIGNALS = ("staff_harm_allegation", "headteacher_harm_allegation", "self_harm_incitement", "adult_abuse_disclosure",
           "identity_abuse", "abuse_reported", "pupil_family_named", "pupil_named_in_praise", "attachment_review",
           "attachment_with_child", "confidential_matter", "ordinary_use_of_homonym")
HOSTILE = {
    "repeated near-miss slurs": "p a k " * 170_000,
    "staff words without an act": "the teacher the TA Mr Okafor " * 35_000,
    "quotes never closed": '"' + "go back to your " * 60_000,
    "kill without yourself": "kill kill kil k!ll " * 50_000,
    "one huge word": "a" * 1_000_000,
}


def oakfield() -> SchoolSettings:
    """The demo school (moderator/cli/__init__.py demo_school), without its accounts."""
    return SchoolSettings(
        slug="oakfield", name="Oakfield Primary School",
        headteacher=["Mrs Patel", "Helen Patel", "Mrs Helen Patel"],
        staff=["Mr Okafor", "David Okafor", "Miss Bennett", "Laura Bennett", "Mrs Whitfield", "Grace Whitfield",
               "Mr Rees", "Tom Rees"],
        pupil_names=["Alfie Morgan", "Maisie Clarke", "Jayden Price", "Ruby Holt"])


FIRST = ("Olivia Amelia Isla Ava Mia Ivy Lily Isabella Rosie Sophia Grace Freya Willow Florence Emily Ella Poppy Evie "
         "Noah Oliver George Arthur Muhammad Leo Harry Oscar Archie Henry Theo Freddie Jack Charlie Finley Alfie "
         "Jacob Thomas Ethan Mason Logan Aisha Zara Maryam Amir Yusuf Ibrahim Kacper Zofia Wiktor").split()
LAST = ("Smith Jones Taylor Brown Williams Wilson Johnson Davies Patel Wright Robinson Thompson Evans Walker White "
        "Roberts Green Hall Wood Jackson Clarke Khan Ahmed Hussain Ali Begum Kowalski Nowak Murphy Kelly").split()


def big_roster() -> SchoolSettings:
    """Oakfield with 420 pupils, a large primary school's roster."""
    school = oakfield()
    school.pupil_names = [f"{FIRST[i % len(FIRST)]} {LAST[(i * 7) % len(LAST)]}" for i in range(416)] + school.pupil_names
    return school


def load_rows(path: Path = DATA) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def attachments_of(row: dict) -> list[dict] | None:
    return [{"type": row["attachments"], "url": "https://example.invalid/media"}] if row["attachments"] else None


def judge_rows(rows: list[dict], classifier, policy, context: SchoolContext) -> list[dict]:  # noqa: ANN001
    """What the service decides for each row, as ``moderator classify`` does it."""
    normalised = [normalise(r["text"]) for r in rows]
    scores = classifier.score(normalised) if rows else []
    out = []
    for row, norm, score in zip(rows, normalised, scores):
        found = detect(row["text"], norm, score, context, attachments=attachments_of(row))
        outcome = decide(policy, score, found)
        routes = list(outcome.routes)
        if "headteacher_harm_allegation" in outcome.rules and "headteacher" in routes:
            routes.remove("headteacher")  # nobody reviews an allegation about themselves
        out.append({"action": outcome.action, "routes": "+".join(sorted(routes)), "priority": outcome.priority or "",
                    "rules": outcome.rules, "detectors": found, "scores": score})
    return out


def precision_recall(rows: list[dict], judged: list[dict]) -> dict[str, dict]:
    table = {}
    for signal in SIGNALS:
        tp = fp = fn = 0
        for row, got in zip(rows, judged):
            want = signal in row["signals"].split()
            have = signal in got["rules"]
            tp += want and have
            fp += have and not want
            fn += want and not have
        table[signal] = {"support": tp + fn, "precision": tp / (tp + fp) if tp + fp else 1.0,
                         "recall": tp / (tp + fn) if tp + fn else 1.0}
    return table


def speed(rows: list[dict], context: SchoolContext, repeat: int = 7) -> tuple[float, float, float]:
    """(mean of every run, mean and 99th percentile of each comment's median run) in ms. The
    medians keep a busy machine's pauses out of the per-comment numbers."""
    texts = [(r["text"], normalise(r["text"]), attachments_of(r)) for r in rows]
    scores = {label: 0.1 for label in ("toxicity", "severe_toxicity", "obscene", "threat", "insult", "identity_attack")}
    for text, norm, att in texts:  # warm the caches (lexicon, compiled names)
        detect(text, norm, scores, context, attachments=att)
    every, medians = [], []
    for text, norm, att in texts:
        runs = []
        for _ in range(repeat):
            start = time.perf_counter()
            detect(text, norm, scores, context, attachments=att)
            runs.append((time.perf_counter() - start) * 1000)
        every += runs
        medians.append(statistics.median(runs))
    medians.sort()
    return statistics.fmean(every), statistics.fmean(medians), medians[int(len(medians) * 0.99) - 1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval", action="store_true", help="also print per-signal precision and recall")
    parser.add_argument("--classifier", default="embedded-onnx")
    parser.add_argument("--data", type=Path, default=DATA,
                        help="comments to evaluate (tests/data/school_comments_heldout.tsv: 40 written after the "
                             "patterns were frozen)")
    args = parser.parse_args(argv)

    rows = load_rows(args.data)
    policy = load_policy(DEFAULT_POLICY_FILE)
    context = SchoolContext.from_settings(oakfield(), policy)
    mean, typical, p99 = speed(rows, context)
    print(f"detectors: {len(rows)} comments; mean {mean:.3f} ms per comment over every run; "
          f"per-comment median: mean {typical:.3f} ms, p99 {p99:.3f} ms")
    _, big, big_p99 = speed(rows, SchoolContext.from_settings(big_roster(), policy), repeat=3)
    print(f"  with a 420-pupil roster: per-comment median: mean {big:.3f} ms, p99 {big_p99:.3f} ms")
    for name, text in HOSTILE.items():
        norm = normalise(text)  # the normaliser has its own bounds; this times the detectors alone
        start = time.perf_counter()
        detect(text, norm, {}, context)
        print(f"  hostile {name!r} ({len(text):,} chars): {(time.perf_counter() - start) * 1000:.0f} ms")
    if not args.eval:
        return 0

    from models import load_classifier

    judged = judge_rows(rows, load_classifier(args.classifier), policy, context)
    wrong = [(r, g) for r, g in zip(rows, judged)
             if (r["action"], r["routes"], r["priority"]) != (g["action"], g["routes"], g["priority"])]
    print(f"\n{len(rows)} comments; action, routes and priority as expected for {len(rows) - len(wrong)}")
    for r, g in wrong:
        print(f"  MISMATCH {r['text'][:70]!r}: want {r['action']} {r['routes'] or '-'} {r['priority'] or '-'}, "
              f"got {g['action']} {g['routes'] or '-'} {g['priority'] or '-'} {g['rules']}")
    print("\n| signal (rule) | comments | precision | recall |\n|---|---|---|---|")
    for signal, m in precision_recall(rows, judged).items():
        print(f"| `{signal}` | {m['support']} | {m['precision']:.2f} | {m['recall']:.2f} |")
    return 0 if not wrong else 1


if __name__ == "__main__":
    sys.exit(main())
