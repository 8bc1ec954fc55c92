"""355 hand-written comments for the demo school (Oakfield Primary), each with the action, routes
and priority a headteacher would expect, judged the way ``moderator classify`` judges them: the
normaliser, the embedded classifier's scores, the detectors and the default policy.

The table is tests/data/school_comments.tsv (columns: text, attachments, action, routes,
priority, signals). It holds kind look-alikes beside every new signal: "the teacher touched on
fractions today", "I'd kill for a coffee", "please delete the racist comment about the Khans",
pupils named in praise, film titles and dishes that share a word with a slur.
``benchmarks/detector_speed.py --eval`` prints per-signal precision and recall on it.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from models import load_classifier
from models.normalise import normalise
from moderator.judge.detectors import SchoolContext, detect
from moderator.judge.policy import decide, load_policy
from moderator.settings import DEFAULT_POLICY_FILE, SchoolSettings
from training.record_scores import key as record_key

TABLE = Path(__file__).resolve().parent / "data" / "school_comments.tsv"
with TABLE.open(encoding="utf-8", newline="") as fh:
    ROWS = list(csv.DictReader(fh, delimiter="\t"))
OAKFIELD = SchoolSettings(  # as moderator/cli/__init__.py demo_school
    slug="oakfield", name="Oakfield Primary School",
    headteacher=["Mrs Patel", "Helen Patel", "Mrs Helen Patel"],
    staff=["Mr Okafor", "David Okafor", "Miss Bennett", "Laura Bennett", "Mrs Whitfield", "Grace Whitfield",
           "Mr Rees", "Tom Rees"],
    pupil_names=["Alfie Morgan", "Maisie Clarke", "Jayden Price", "Ruby Holt"])


RECORDED = json.loads((TABLE.parent / "school_comments_scores.json").read_text(encoding="utf-8"))


class RecordedClassifier:
    """The shipped model's scores for these texts, as training/record_scores.py recorded them: the
    table then tests the detectors and the policy, and gives the same verdicts on every CPU (int8
    scores move by a few hundredths between CPUs). The last test below checks the real model."""

    def score(self, texts: list[str]) -> list[dict[str, float]]:
        missing = [t for t in texts if record_key(t) not in RECORDED["scores"]]
        assert not missing, f"no recorded scores for {missing[:3]}: run python -m training.record_scores"
        return [dict(RECORDED["scores"][record_key(t)]) for t in texts]


@pytest.fixture(scope="module")
def judged() -> list[dict]:
    policy = load_policy(DEFAULT_POLICY_FILE)
    context = SchoolContext.from_settings(OAKFIELD, policy)
    normalised = [normalise(row["text"]) for row in ROWS]
    scores = RecordedClassifier().score(normalised)
    out = []
    for row, norm, score in zip(ROWS, normalised, scores):
        attachments = [{"type": row["attachments"], "url": "https://example.invalid/a"}] if row["attachments"] else None
        outcome = decide(policy, score, detect(row["text"], norm, score, context, attachments=attachments))
        routes = set(outcome.routes)
        if "headteacher_harm_allegation" in outcome.rules:
            routes.discard("headteacher")  # conflict of interest: the chair reviews it instead
        out.append({"action": outcome.action, "routes": "+".join(sorted(routes)),
                    "priority": outcome.priority or "", "rules": outcome.rules})
    return out


def test_the_table_is_big_enough_and_covers_every_new_signal():
    assert len(ROWS) >= 300
    signals = {s for row in ROWS for s in row["signals"].split()}
    policy = load_policy(DEFAULT_POLICY_FILE)
    new_rules = {"staff_harm_allegation", "headteacher_harm_allegation", "self_harm_incitement",
                 "adult_abuse_disclosure", "abuse_reported", "pupil_family_named", "pupil_named_in_praise",
                 "attachment_review", "attachment_with_child", "confidential_matter", "ordinary_use_of_homonym"}
    assert new_rules <= signals <= {r.id for r in policy.rules}
    kind = [row for row in ROWS if row["action"] == "none" and not row["routes"]]
    assert len(kind) >= 100  # kind and ordinary comments, look-alikes included


@pytest.mark.parametrize("index", range(len(ROWS)), ids=[f"{i + 2}:{r['text'][:40]}" for i, r in enumerate(ROWS)])
def test_each_comment_gets_the_action_routes_and_priority_a_headteacher_expects(judged, index):
    row, got = ROWS[index], judged[index]
    want = (row["action"], row["routes"], row["priority"])
    assert (got["action"], got["routes"], got["priority"]) == want, f"{row['text']!r} fired {got['rules']}"
    for signal in row["signals"].split():
        assert signal in got["rules"], f"{row['text']!r}: {signal} did not fire ({got['rules']})"


def test_no_kind_comment_is_hidden_or_counted_as_an_incident(judged):
    policy = load_policy(DEFAULT_POLICY_FILE)
    incident = set(policy.harassment.incident_rules)
    for row, got in zip(ROWS, judged):
        if row["action"] == "none":
            assert got["action"] == "none", row["text"]
            assert not incident.intersection(got["rules"]), row["text"]


@pytest.mark.slow
def test_the_shipped_model_still_gives_the_recorded_scores():
    """Within 0.05 on every label: the recorded scores are the shipped model's, not numbers of our own."""
    normalised = [normalise(row["text"]) for row in ROWS]
    clf = load_classifier("embedded-onnx")
    assert clf.version == RECORDED["version"], "the model changed: run python -m training.record_scores"
    for text, got in zip(normalised, clf.score(normalised)):
        want = RECORDED["scores"][record_key(text)]
        assert set(got) == set(want), text
        for label, value in want.items():
            assert abs(got[label] - value) <= 0.05, (text, label, got[label], value)
