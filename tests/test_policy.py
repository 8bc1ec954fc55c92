"""The policy file: validated at start-up, every rule citing the schools' own words."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from moderator.judge.policy import DETECTORS, PolicyError, decide, load_policy
from moderator.settings import DEFAULT_POLICY_FILE

DEFAULT = DEFAULT_POLICY_FILE.read_text("utf-8")
MODEL_POLICY_TEXT = (DEFAULT_POLICY_FILE.parent / "model-policy.md").read_text("utf-8")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture
def policy():
    return load_policy(DEFAULT_POLICY_FILE)


def test_the_default_policy_loads(policy):
    assert policy.version and policy.rules


def test_every_clause_of_the_default_quotes_the_model_policy_word_for_word(policy):
    document = squash(MODEL_POLICY_TEXT)
    for cid, clause in policy.clauses.items():
        assert clause.document == "The model policy" and clause.school == "", cid
        assert squash(clause.quote) in document, f"clause {cid} is not a verbatim quote of the model policy"
        assert squash(clause.section.split(". ", 1)[-1]) in document, f"clause {cid} names no section of it"


def test_the_default_policy_names_no_real_school_and_no_internal_file():
    assert not re.search(r"[0-9]{3}_[0-9a-f]{16}|\.txt\b", DEFAULT)
    # the four schools whose policies the design was read from (../shared/policies)
    for name in ("Woolhampton", "Beechwood", "Thomas of Canterbury", "Cavendish"):
        assert name not in DEFAULT and name not in MODEL_POLICY_TEXT, name


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
        "obscene": ("hide", {"headteacher"}, "normal"),
        "severe_obscene": ("hide", {"headteacher", "police_review"}, "urgent"),
        # identity-based abuse, whether a slur or the model's reading of hostility to a group says so
        "implicit_identity_hate": ("hide", {"headteacher", "police_review"}, "urgent"),
        "staff_allegation": ("hide", {"headteacher"}, "normal"),
        "public_complaint": ("hide", {"headteacher"}, "normal"),
        "adult_abuse_disclosure": ("hide", {"dsl"}, "urgent"),
        "self_harm_ideation": ("hide", {"dsl"}, "urgent"),
        "self_harm_incitement": ("hide", {"dsl", "headteacher"}, "urgent"),
        "adult_contact_pupils": ("hide", {"dsl"}, "urgent"),
        "staff_harm_allegation": ("hide", {"headteacher"}, "urgent"),
        "headteacher_harm_allegation": ("hide", {"chair_of_governors"}, "urgent"),
        "confidential_matter": ("hide", {"headteacher"}, "normal"),
        "personal_data": ("hide", {"headteacher"}, "normal"),
    }
    for rid, (action, routes, priority) in expected.items():
        rule = by_id[rid]
        assert (rule.action, set(rule.routes), rule.priority) == (action, routes, priority), rid
    assert all(rule.action in ("hide", "none") for rule in policy.rules)  # the service itself only hides
    # every detector is read by some rule: to fire it, or (unread_language) to stop one
    used = {d for rule in policy.rules for d in [*rule.when_detectors, *rule.unless_detectors]}
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


def test_a_rule_that_would_leave_a_comment_visible_does_not_say_so_when_another_hides_it(policy):
    # abusive words and a possible hostility to a group: hidden, and no reason may say "Left visible"
    outcome = decide(policy, {"toxicity": 0.99, "head_identity_hate": 0.75}, {})
    assert outcome.action == "hide" and {"abusive_language", "possible_identity_hate"} <= set(outcome.rules)
    texts = {e["rule"]: e["text"] for e in outcome.explanation}
    assert not any(t.startswith(("Left visible", "Not hidden")) for t in texts.values()), texts
    assert "hostile to a group" in texts["possible_identity_hate"]
    # on its own the same rule says it was left visible
    alone = decide(policy, {"head_identity_hate": 0.75}, {})
    assert alone.action == "none" and alone.explanation[0]["text"].startswith("Left visible")
    # every rule of the default that can leave a comment visible has words for when it is hidden
    assert all(rule.explanation_if_hidden for rule in policy.rules
               if rule.action == "none" and rule.explanation.startswith(("Left visible", "Not hidden")))


def test_an_unless_threshold_for_a_label_the_rule_does_not_use_is_refused(tmp_path):
    path = tmp_path / "policy.toml"
    path.write_text(DEFAULT.replace('unless_thresholds = {head_identity_hate = 0.80}',
                                    'unless_thresholds = {head_support = 0.80}'), encoding="utf-8")
    with pytest.raises(PolicyError, match="unless_thresholds for 'head_support'"):
        load_policy(path)


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


def test_hostility_to_a_group_without_a_slur_is_hidden_for_the_head_to_check(policy):
    # "Disabled children should be kept away from normal kids": the model's reading of the hate, no
    # slur and no identity-attack score. It was left visible; the school's policy removes it.
    outcome = decide(policy, {"head_identity_hate": 0.9}, {})
    assert (outcome.action, outcome.rules, set(outcome.routes), outcome.priority) == \
        ("hide", ["implicit_identity_hate"], {"headteacher", "police_review"}, "urgent")  # as a slur would be
    assert "model-discriminatory" in {c["id"] for c in outcome.clauses}
    # less sure: left visible, and the head is asked to read it (one rule, so one explanation)
    outcome = decide(policy, {"head_identity_hate": 0.75}, {})
    assert (outcome.action, outcome.rules, outcome.routes) == ("none", ["possible_identity_hate"], ["headteacher"])
    # reporting or condemning it, or a language the heads were not checked on: not hidden
    assert decide(policy, {"head_identity_hate": 0.9, "head_counter_speech": 0.9}, {}).action == "none"
    unread = {"unsupported_language": ["nl (confidence 0.99)"], "unread_language": ["nl (confidence 0.99)"]}
    assert decide(policy, {"head_identity_hate": 0.9}, unread).action == "none"
    assert decide(policy, {"head_identity_hate": 0.75}, unread).rules == ["unsupported_language"]


def test_hostility_to_a_group_is_hidden_in_a_language_the_heads_read_though_the_toxicity_model_does_not(policy):
    """Polish: the toxicity labels were not validated on it, so a person reads what they say
    (unsupported_language); the heads were (heads.json ``languages``), so what the heads read counts."""
    outcome = decide(policy, {"head_identity_hate": 0.9}, {"unsupported_language": ["pl (confidence 0.99)"]})
    assert outcome.action == "hide" and "implicit_identity_hate" in outcome.rules
    assert {"headteacher", "police_review"} <= set(outcome.routes) and outcome.priority == "urgent"
    outcome = decide(policy, {"head_identity_hate": 0.75}, {"unsupported_language": ["pl (confidence 0.99)"]})
    assert outcome.action == "none" and "possible_identity_hate" in outcome.rules


# -- each school's record quotes its own policy ------------------------------------------------------

OWN_CLAUSE = '''
[clauses.oak-threats]
document = "Oakfield social media policy"
school = "Oakfield Primary School"
title = "Social media policy"
section = "4. Threats"
quote = "Oakfield reports any threat against our staff to the police."
'''


def _own_policy(tmp_path, *, cite: str = "oak-threats") -> Path:
    """The default, with a clause of Oakfield's own that the threat rule cites instead of the model's."""
    text = DEFAULT.replace("# RULES: one per kind", OWN_CLAUSE + "\n# RULES: one per kind", 1)
    text = text.replace('clauses = ["model-harassment", "model-police"]', f'clauses = ["{cite}"]', 1)
    return write(tmp_path, text)


def _threat_decision(engine, feed, worker):
    from sqlmodel import Session, select

    from moderator.tables import Comment, Decision
    from tests.conftest import comment_line

    feed.add(comment_line("c-threat", "I'll be waiting at the gates for you Mr Okafor, watch your back",
                          created_at="2026-11-02T09:00:00Z"))
    worker.run_until_idle()
    with Session(engine) as session:
        comment = session.exec(select(Comment).where(Comment.external_id == "c-threat")).one()
        decision = session.exec(select(Decision).where(Decision.comment_id == comment.id)).first()
        return comment.id, decision


def test_a_school_on_the_default_policy_records_the_model_policys_words_everywhere(engine, feed, worker):
    import json
    import zipfile
    from io import BytesIO

    from sqlmodel import Session

    from moderator import documents
    from moderator.record.register import register_rows

    comment_id, decision = _threat_decision(engine, feed, worker)
    assert decision.rules and decision.clauses
    assert all(c["document"] == "The model policy" and c["school"] == "" for c in decision.clauses)
    with Session(engine) as session:
        pack = zipfile.ZipFile(BytesIO(documents.police_pack(session, comment_id)))
        (case_json,) = [n for n in pack.namelist() if n.endswith("case.json")]
        record = pack.read(case_json).decode()
        (row,) = [r for r in register_rows(session) if r["comment_id"] == comment_id]
    quoted = json.loads(record)["case"]
    assert "The model policy" in record and "The model policy" in json.dumps(row["clauses"])
    for text in (record, json.dumps(row["clauses"])):
        assert not re.search(r"[0-9]{3}_[0-9a-f]{16}|Woolhampton|Cavendish|Canterbury|Beechwood", text)
    assert quoted


def test_a_school_with_its_own_policy_records_its_own_words(engine, feed, settings, make_worker, tmp_path):
    settings.schools[0].policy_file = _own_policy(tmp_path)
    _, decision = _threat_decision(engine, feed, make_worker(settings))
    assert "threat" in decision.rules
    own = [c for c in decision.clauses if c["id"] == "oak-threats"]
    assert own and own[0]["school"] == "Oakfield Primary School"
    assert own[0]["quote"] == "Oakfield reports any threat against our staff to the police."


def _config(tmp_path, schools: str) -> Path:
    path = tmp_path / "moderator.toml"
    path.write_text(f'data_dir = "{tmp_path / "data"}"\n' + schools, "utf-8")
    return path


def test_policy_check_names_a_school_whose_rule_quotes_another_schools_policy(tmp_path, capsys):
    from moderator.cli import main

    borrowed = _own_policy(tmp_path).read_text("utf-8").replace(
        '[clauses.model-police]', '[clauses.elsewhere-police]\ndocument = "Their policy"\n'
        'school = "Elsewhere Primary School"\ntitle = "Policy"\nsection = "1"\nquote = "Their words."\n\n'
        '[clauses.model-police]', 1)
    borrowed = borrowed.replace('clauses = ["model-discriminatory", "model-police"]', 'clauses = ["elsewhere-police"]', 1)
    (tmp_path / "oak.toml").write_text(borrowed, "utf-8")
    config = _config(tmp_path, f'''
[[schools]]
slug = "oakfield"
name = "Oakfield Primary School"
policy_file = "{tmp_path / 'oak.toml'}"

[[schools]]
slug = "ashby"
name = "Ashby Primary School"
''')
    code = main(["--config", str(config), "policy", "check"])
    out = capsys.readouterr().out
    assert code == 1
    oak = out.split("ashby (")[0]
    # Its identity_abuse rule quotes another school; every other rule that quotes only the model
    # policy, in a file that quotes Oakfield's own words for threats, is named too.
    assert "oakfield (Oakfield Primary School)" in oak
    assert "rule 'identity_abuse' quotes only Elsewhere Primary School's policy" in oak
    assert "rule 'abusive_language' quotes only the model policy" in oak
    assert "'threat'" not in oak
    # A school on the default policy quotes the model policy for every rule: nothing to report.
    assert "ashby (Ashby Primary School)" in out and "quoting the model policy: every rule quoted" in out


def test_policy_check_passes_when_every_rule_quotes_the_schools_own_words(tmp_path, capsys):
    from moderator.cli import main

    text = DEFAULT.replace('document = "The model policy"', 'document = "Ashby policy"\nschool = "Ashby Primary School"')
    (tmp_path / "ashby.toml").write_text(text, "utf-8")
    config = _config(tmp_path, f'''
[[schools]]
slug = "ashby"
name = "Ashby Primary School"
policy_file = "{tmp_path / 'ashby.toml'}"
''')
    assert main(["--config", str(config), "policy", "check"]) == 0
    assert "ashby (Ashby Primary School)" in capsys.readouterr().out


# -- a rule that needs all of its signals ------------------------------------------------------------

SEN_RULE = '''
[[rules]]
id = "pupil_sen_named"
signal = "A pupil named with a special educational need"
match = "all"
when_detectors = ["pupil_named"]
words = ["ehcp", "dyslexi*"]
action = "hide"
routes = ["dsl"]
priority = "normal"
clauses = ["%s"]
explanation = "A named pupil's special educational needs are confidential."
'''


def _with_sen_rule(tmp_path):
    clause = next(iter(tomllib.loads(DEFAULT)["clauses"]))
    return load_policy(write(tmp_path, DEFAULT + SEN_RULE % clause))


def test_a_rule_with_match_all_fires_only_when_every_signal_is_there(tmp_path):
    policy = _with_sen_rule(tmp_path)
    both = decide(policy, {}, {"pupil_named": ["Amy"], "words:pupil_sen_named": ["ehcp"]})
    assert "pupil_sen_named" in both.rules and "dsl" in both.routes
    assert "pupil_sen_named" not in decide(policy, {}, {"pupil_named": ["Amy"]}).rules
    assert "pupil_sen_named" not in decide(policy, {}, {"words:pupil_sen_named": ["ehcp"]}).rules


def test_a_rule_with_match_all_needs_its_labels_too(tmp_path):
    clause = next(iter(tomllib.loads(DEFAULT)["clauses"]))
    rule = SEN_RULE.replace('words = ["ehcp", "dyslexi*"]', 'when_labels = ["insult"]') % clause
    policy = load_policy(write(tmp_path, DEFAULT + rule))
    limit = policy.thresholds["insult"]
    assert "pupil_sen_named" in decide(policy, {"insult": min(1.0, limit + 0.3)}, {"pupil_named": ["Amy"]}).rules
    assert "pupil_sen_named" not in decide(policy, {"insult": limit / 3}, {"pupil_named": ["Amy"]}).rules
    assert "pupil_sen_named" not in decide(policy, {"insult": min(1.0, limit + 0.3)}, {}).rules


def test_match_all_with_a_single_signal_is_refused_as_a_mistake(tmp_path):
    clause = next(iter(tomllib.loads(DEFAULT)["clauses"]))
    rule = SEN_RULE.replace('words = ["ehcp", "dyslexi*"]\n', '') % clause
    with pytest.raises(PolicyError, match=r"pupil_sen_named.*at least two"):
        load_policy(write(tmp_path, DEFAULT + rule))


def test_reporting_abuse_to_the_head_is_not_an_attack_on_the_head_nor_a_complaint(policy):
    """ "quoting it so the head sees it: '...are cockroaches'. disgraceful." names the head and
    sounds negative, but the model reads it as condemning abuse: nobody is accused of anything."""
    found = {"headteacher_allegation": ["the head", "negative tone (classifier)"], "complaint": ["disgraceful"],
             "staff_allegation": ["Mrs Patel", "disgraceful"]}
    reporting = decide(policy, {"toxicity": 0.3, "head_counter_speech": 0.95}, found)
    assert (reporting.action, reporting.rules, reporting.routes) == ("none", [], [])
    attack = decide(policy, {"toxicity": 0.3, "head_counter_speech": 0.05}, found)
    assert attack.action == "hide"
    assert {"headteacher_allegation", "staff_allegation", "public_complaint"} <= set(attack.rules)
    assert "chair_of_governors" in attack.routes
    # an allegation of harm is never set aside by a reading of stance
    harm = decide(policy, {"head_counter_speech": 0.95}, {"headteacher_harm_allegation": ["the head", "slapped"]})
    assert harm.action == "hide" and "chair_of_governors" in harm.routes


def test_begging_someone_not_to_harm_themselves_is_not_hidden_as_abuse(policy):
    """ "please don't harm yourself, we all love you" (in Urdu) read 0.9-ish toxic from its words;
    the model that reads meaning reads support, so it is not hidden as abusive language. An insult
    the support head does not read stays hidden."""
    support = decide(policy, {"toxicity": 0.92, "head_support": 0.95}, {})
    assert support.action == "none" and "abusive_language" not in support.rules
    insult = decide(policy, {"toxicity": 0.92, "head_support": 0.05}, {})
    assert insult.action == "hide" and "abusive_language" in insult.rules
