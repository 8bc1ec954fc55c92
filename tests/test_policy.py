"""The policy file: validated at start-up, every rule citing the schools' own words."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from moderator.policy import DETECTORS, PolicyError, decide, load_policy
from moderator.settings import DEFAULT_POLICY_FILE

SHARED_POLICIES = Path(__file__).resolve().parents[1].parent / "shared" / "policies"
DEFAULT = DEFAULT_POLICY_FILE.read_text("utf-8")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture
def policy():
    return load_policy(DEFAULT_POLICY_FILE)


def test_the_default_policy_loads(policy):
    assert policy.version and policy.rules


@pytest.mark.skipif(not SHARED_POLICIES.is_dir(), reason="../shared/policies is not beside the repository")
def test_every_quoted_clause_appears_word_for_word_in_its_document(policy):
    for cid, clause in policy.clauses.items():
        document = squash((SHARED_POLICIES / clause.document).read_text("utf-8"))
        assert squash(clause.quote) in document, f"clause {cid} is not a verbatim quote of {clause.document}"


def test_every_row_of_the_design_table_has_a_rule(policy):
    by_id = {rule.id: rule for rule in policy.rules}
    expected = {
        "abusive_language": ("hide", {"headteacher"}, "normal"),
        "threat": ("hide", {"headteacher", "police_review"}, "urgent"),
        "identity_abuse": ("hide", {"headteacher", "police_review"}, "urgent"),
        "harassment": ("hide", {"headteacher", "police_review"}, "urgent"),
        "pupil_identified": ("hide", {"dsl"}, "urgent"),
        "safeguarding_concern": ("hide", {"dsl"}, "urgent"),
        "headteacher_allegation": ("hide", {"chair_of_governors"}, "normal"),
        "spam": ("hide", {"register"}, "low"),
    }
    for rid, (action, routes, priority) in expected.items():
        rule = by_id[rid]
        assert (rule.action, set(rule.routes), rule.priority) == (action, routes, priority), rid
    assert all(rule.action in ("hide", "none") for rule in policy.rules)  # the service itself only hides
    used = {d for rule in policy.rules for d in rule.when_detectors}
    assert used == set(DETECTORS)


def write(tmp_path, text: str) -> Path:
    path = tmp_path / "policy.toml"
    path.write_text(text, "utf-8")
    return path


@pytest.mark.parametrize("change, message", [
    (('routes = ["headteacher"]', 'routes = ["headmaster"]'), "routes"),
    (('when_detectors = ["threat_phrases"]', 'when_detectors = ["crystal_ball"]'), "crystal_ball"),
    (('\naction = "hide"', '\naction = "delete"'), "action"),
    (("[thresholds]\n", "[thresholds]\nsarcasm = 0.5\n"), "sarcasm"),
    (('priority = "urgent"', 'priority = "asap"'), "priority"),
])
def test_a_mistake_in_the_policy_is_refused_with_a_message_naming_it(tmp_path, change, message):
    old, new = change
    assert old in DEFAULT
    with pytest.raises(PolicyError) as err:
        load_policy(write(tmp_path, DEFAULT.replace(old, new, 1)))
    assert message in str(err.value)


def test_a_rule_citing_a_missing_clause_names_the_rule(tmp_path):
    text = re.sub(r'clauses = \["', 'clauses = ["no-such-clause", "', DEFAULT, count=1)
    with pytest.raises(PolicyError, match="no-such-clause"):
        load_policy(write(tmp_path, text))


def test_broken_toml_is_refused(tmp_path):
    with pytest.raises(PolicyError, match="not valid TOML"):
        load_policy(write(tmp_path, DEFAULT + "\n[[rules]\n"))


def test_decide_takes_the_most_urgent_priority_and_all_routes(policy):
    outcome = decide(policy, {"toxicity": 0.99, "insult": 0.99}, {"threat_phrases": ["watch your back"]})
    assert outcome.action == "hide"
    assert {"abusive_language", "threat"} <= set(outcome.rules)
    assert outcome.priority == "urgent"
    assert {"headteacher", "police_review"} <= set(outcome.routes)
    assert outcome.clauses and len({c["id"] for c in outcome.clauses}) == len(outcome.clauses)


def test_below_every_threshold_nothing_happens(policy):
    outcome = decide(policy, {label: 0.01 for label in policy.thresholds}, {})
    assert outcome.action == "none" and outcome.routes == [] and outcome.priority is None
