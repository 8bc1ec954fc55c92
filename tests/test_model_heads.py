"""What a comment says, not its words (issue #19): the stance and safeguarding heads, the policy
rules that read them, and the rule that a phrase alone never sends a comment to the police or
marks it urgent. Policy logic is tested with fixed scores (a classifier double); the shipped heads
with texts whose verdict is far from any threshold."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from models.base import DETOXIFY_LABELS, HEAD_LABELS
from models.language import detect, romanised_urdu_hindi
from moderator.judge.policy import decide, load_policy
from moderator.settings import DEFAULT_POLICY_FILE

ROOT = Path(__file__).resolve().parents[1]
QUIET = {label: 0.01 for label in DETOXIFY_LABELS}
QUIET_HEADS = {label: 0.01 for label in HEAD_LABELS}


@pytest.fixture(scope="module")
def policy():
    return load_policy(DEFAULT_POLICY_FILE)


# -- the policy reads the heads ------------------------------------------------------------------

def test_a_child_disclosure_read_by_the_model_goes_to_the_dsl_at_once(policy):
    out = decide(policy, {**QUIET, **QUIET_HEADS, "head_child_disclosure": 0.95}, {})
    assert (out.action, out.routes, out.priority) == ("hide", ["dsl"], "urgent")
    assert "safeguarding_concern" in out.rules


def test_first_person_suicidal_thoughts_go_to_the_dsl_and_never_to_the_police(policy):
    out = decide(policy, {**QUIET, **QUIET_HEADS, "head_self_harm_ideation": 0.95}, {})
    assert out.rules == ["self_harm_ideation"]
    assert (out.action, out.routes, out.priority) == ("hide", ["dsl"], "urgent")


def test_distress_reaches_the_dsl_a_step_before_the_other_heads_act_unless_it_reads_as_support(policy):
    """A person looking gently costs little; a missed suicidal parent costs much: the distress rule
    acts at 0.65 where the other heads act at 0.70, except on what the model reads as support (from
    0.60), which begs someone not to harm themselves in the same words."""
    distress = decide(policy, {**QUIET, **QUIET_HEADS, "head_self_harm_ideation": 0.68}, {})
    assert distress.rules == ["self_harm_ideation"] and distress.routes == ["dsl"]
    support = decide(policy, {**QUIET, **QUIET_HEADS, "head_self_harm_ideation": 0.68, "head_support": 0.66}, {})
    assert support.action == "none" and "self_harm_ideation" not in support.rules
    calm = decide(policy, {**QUIET, **QUIET_HEADS, "head_self_harm_ideation": 0.55}, {})
    assert "self_harm_ideation" not in calm.rules


def test_telling_someone_to_harm_themselves_without_the_usual_words_is_read_by_the_model(policy):
    """ "do everyone a favour and jump" has no phrase from the list: the model's reading alone sends
    it to the DSL, as the distress rule does; support read by the model still sets it aside."""
    out = decide(policy, {**QUIET, **QUIET_HEADS, "head_self_harm_incitement": 0.93}, {})
    assert "self_harm_incitement" in out.rules and "dsl" in out.routes and out.priority == "urgent"
    support = decide(policy, {**QUIET, **QUIET_HEADS, "head_self_harm_incitement": 0.93, "head_support": 0.95}, {})
    assert "self_harm_incitement" not in support.rules


def test_counter_speech_is_not_hidden_for_the_words_it_quotes(policy):
    # A condemnation of a slur: the toxicity and identity labels fire on the quoted word, and the
    # slur list matches it, but the model reads the comment as counter-speech.
    scores = {**QUIET, **QUIET_HEADS, "toxicity": 0.97, "identity_attack": 0.95, "head_counter_speech": 0.93}
    out = decide(policy, scores, {"identity_terms": ["a slur"]})
    assert out.action == "none"
    assert "identity_abuse" not in out.rules and "abusive_language" not in out.rules
    # The same words without the counter-speech reading are hidden and go to police review.
    out = decide(policy, {**scores, "head_counter_speech": 0.05}, {"identity_terms": ["a slur"]})
    assert out.action == "hide" and "police_review" in out.routes


def test_begging_someone_not_to_hurt_themselves_is_not_incitement(policy):
    scores = {**QUIET, **QUIET_HEADS, "head_support": 0.92}
    out = decide(policy, scores, {"self_harm_incitement": ["hurt yourself"]})
    assert "self_harm_incitement" not in out.rules and out.action == "none"
    out = decide(policy, {**scores, "head_support": 0.05, "head_self_harm_incitement": 0.93},
                 {"self_harm_incitement": ["kill yourself"]})
    assert "self_harm_incitement" in out.rules and out.priority == "urgent"


def test_a_phrase_alone_never_sends_a_comment_to_the_police_or_marks_it_urgent(policy):
    # "I'll get you through this, I promise": the threat phrase list matched, the model (which has
    # heads, so it reads meaning) saw no threat.
    out = decide(policy, {**QUIET, **QUIET_HEADS}, {"threat_phrases": ["get you"]})
    assert "threat" in out.rules  # a person still looks at it
    assert "police_review" not in out.routes and out.priority == "normal"
    assert any(e["rule"] == "phrase_only" for e in out.explanation)
    # When the model reads a threat too, it is urgent and goes to police review.
    out = decide(policy, {**QUIET, **QUIET_HEADS, "threat": 0.9}, {"threat_phrases": ["get you"]})
    assert "police_review" in out.routes and out.priority == "urgent"


def test_facts_still_decide_on_their_own(policy):
    # A pupil's name is a fact, not a reading: it routes to the DSL, urgent, whatever the heads say.
    out = decide(policy, {**QUIET, **QUIET_HEADS}, {"pupil_named": ["Ruby Holt"]})
    assert (out.routes, out.priority) == (["dsl"], "urgent")


def test_a_classifier_without_heads_keeps_the_phrase_rules_as_they_were(policy):
    # No head scores at all (e.g. a Detoxify model): nothing can overrule a phrase.
    out = decide(policy, dict(QUIET), {"threat_phrases": ["watch your back"]})
    assert "police_review" in out.routes and out.priority == "urgent"


def test_every_head_label_the_policy_uses_has_a_threshold(policy):
    used = {label for rule in policy.rules for label in [*rule.when_labels, *rule.unless_labels]}
    assert used & set(HEAD_LABELS), "the default policy reads the heads"
    assert all(label in policy.thresholds for label in used)


# -- the shipped heads ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def routed():
    from models.routed import RoutedClassifier

    return RoutedClassifier(threads=2)


def test_the_multilingual_model_carries_the_heads_on_an_unchanged_graph():
    from models.onnx_backend import OnnxClassifier

    for name in ("multilingual",):  # one reading of meaning, for every language
        folder = ROOT / "models" / name
        spec = json.loads((folder / "heads.json").read_text(encoding="utf-8"))
        assert ["head_" + h for h in spec["heads"]] == list(HEAD_LABELS)
        clf = OnnxClassifier(model_dir=str(folder), threads=2)
        assert clf.heads is not None
        sha = hashlib.sha256((folder / "model.int8.onnx").read_bytes()).hexdigest()
        assert clf.version.startswith(sha[:12] + "+h")  # the weights file is the one that shipped


def test_the_calibration_map_puts_each_heads_threshold_at_the_policy_point():
    import numpy as np

    from models.onnx_backend import CALIBRATED_AT, Heads

    spec = {"heads": ["a", "b"], "thresholds": {"a": 0.3, "b": 0.9}, "mean": [0.0], "std": [1.0],
            "W": [[1.0], [1.0]], "b": [0.0, 0.0]}
    heads = Heads(spec)
    for name, t in (("a", 0.3), ("b", 0.9)):
        x = np.log(t / (1 - t))  # the logit that gives probability t
        col = heads.names.index(name)
        assert heads.predict(np.array([[x]]))[0, col] == pytest.approx(CALIBRATED_AT)
    xs = np.linspace(-8, 8, 200)[:, None]
    mapped = heads.predict(xs)
    assert (np.diff(mapped, axis=0) >= 0).all() and mapped.min() >= 0 and mapped.max() <= 1


def test_heads_that_name_a_fine_tuned_graph_fail_loudly_without_it(tmp_path):
    # Judging on without the heads would quietly drop every safeguarding signal: a folder whose
    # heads.json names a graph that is missing or unreadable is an error, not "no heads".
    from models.base import ClassifierError
    from models.onnx_backend import load_heads

    (tmp_path / "heads.json").write_text(json.dumps({"heads": ["a"], "thresholds": {"a": 0.9},
                                                     "model": "heads.int8.onnx"}), encoding="utf-8")
    with pytest.raises(ClassifierError, match="heads.int8.onnx"):
        load_heads(tmp_path)
    (tmp_path / "heads.int8.onnx").write_bytes(b"not a graph")
    with pytest.raises(ClassifierError, match="cannot be loaded"):
        load_heads(tmp_path)
    # A folder without heads.json has no heads, as before.
    assert load_heads(tmp_path / "elsewhere") is None


def test_fine_tuned_heads_read_the_encoders_token_states_and_are_calibrated(tmp_path):
    # A tiny graph in the shipped branch's shape (hidden_mid + attention_mask -> heads): its
    # probabilities are mapped so each head's own threshold reads as the policy point.
    import shutil

    import numpy as np

    from models.onnx_backend import CALIBRATED_AT, BranchHeads, load_heads

    # tests/data/toy_heads.onnx: heads = sigmoid(the first two columns of hidden_mid averaged over
    # tokens), in the shipped branch's shape; made once with plain ONNX ops (onnx.helper), so the test
    # needs only onnxruntime, as the service does
    shutil.copy(ROOT / "tests" / "data" / "toy_heads.onnx", tmp_path / "heads.int8.onnx")
    (tmp_path / "heads.json").write_text(json.dumps({"heads": ["a", "b"], "thresholds": {"a": 0.3, "b": 0.9},
                                                     "model": "heads.int8.onnx"}), encoding="utf-8")
    heads = load_heads(tmp_path)
    assert isinstance(heads, BranchHeads) and heads.reads == ("hidden_mid",)
    hidden = np.zeros((2, 3, 384), dtype=np.float32)
    hidden[0, :, 0] = np.log(0.3 / 0.7)  # head a exactly at its threshold for the first text
    hidden[1, :, 1] = np.log(0.9 / 0.1)  # head b exactly at its threshold for the second
    got = heads.score([hidden], np.ones((2, 3), dtype=np.int64))
    assert got.shape == (2, 2)
    assert got[0, 0] == pytest.approx(CALIBRATED_AT, abs=1e-4) and got[1, 1] == pytest.approx(CALIBRATED_AT, abs=1e-4)
    assert got[0, 1] < CALIBRATED_AT < got[1, 0]  # a plain 0.5: under b's threshold (0.9), over a's (0.3)


@pytest.mark.slow
def test_the_heads_read_meaning_on_clear_cases(routed):
    # Each with the readings that lead to the right outcome: a child's disclosure and an adult's
    # disclosure of harm at home both go to the DSL at once, so either may lead.
    disclosure = {"head_child_disclosure", "head_adult_risk_disclosure"}
    cases = {
        "my dad hits me every night and I am scared to go home": disclosure,
        "I can't do this any more, I just want to die": {"head_self_harm_ideation"},
        "please don't hurt yourself, we love you and we're here for you": {"head_support"},
    }
    got = routed.score(list(cases))
    for (text, heads), scores in zip(cases.items(), got):
        assert set(HEAD_LABELS) <= set(scores), text
        # The right reading leads, and is strong enough to confirm what a phrase found.
        lead = max(HEAD_LABELS, key=scores.__getitem__)
        assert lead in heads and scores[lead] >= 0.5, (text, lead, scores[lead])
    kind = routed.score(["Thank you for a lovely harvest festival assembly"])[0]
    assert max(kind[h] for h in HEAD_LABELS if h != "head_praise_pupil") < 0.5, kind


# -- Roman Urdu and romanised Hindi reach the multilingual model ------------------------------------

@pytest.mark.parametrize("text", ["Aap ka beta bohat acha hai", "tum pagal ho kya, school band karo",
                                  "Mujhe ye school bilkul pasand nahi hai"])
def test_romanised_urdu_and_hindi_are_told_apart_from_english(text):
    assert romanised_urdu_hindi(text)
    assert detect(text)[0] == "ur"


@pytest.mark.parametrize("text", ["Thank you to the teachers for a lovely day",
                                  "main road is closed so the kids go to the side gate", "ok ok ok"])
def test_english_is_not_taken_for_roman_urdu(text):
    assert not romanised_urdu_hindi(text)


def test_roman_urdu_is_routed_to_the_multilingual_model(routed):
    routed.score(["Aap ka beta bohat acha hai, shukriya teacher"])
    assert routed.last_routes == [("multilingual", "ur")]


def test_english_comments_get_their_labels_from_the_english_model_and_their_heads_from_the_multilingual(routed):
    from models.onnx_backend import OnnxClassifier, english

    text = "please don't hurt yourself, we are all here for you"
    got = routed.score([text])[0]
    assert routed.last_routes[0][0] == "en"
    own = english(threads=2).score([text])[0]
    heads = OnnxClassifier(threads=2).score([text])[0]
    # the labels the English readers read are averaged with them (tests/test_model_routing.py)
    read = set(routed.multilingual.readers.labels)
    assert {k: got[k] for k in DETOXIFY_LABELS if k not in read} == pytest.approx(
        {k: own[k] for k in DETOXIFY_LABELS if k not in read})
    assert {k: got[k] for k in HEAD_LABELS} == pytest.approx({k: heads[k] for k in HEAD_LABELS})


def test_a_reply_handle_does_not_change_what_a_comment_says(routed):
    # Every reply on X starts with the handles it answers; the heads learnt replies too
    # (training/heads.py), so "@someone kill yourself" reads as telling someone to kill themselves.
    plain, reply = routed.score(["kill yourself", "@someone kill yourself"])
    assert plain["head_self_harm_incitement"] > 0.9
    assert reply["head_self_harm_incitement"] > 0.8
