"""The school's own checks beside the classifier: rosters kept as hashes, nicknames, the policy's
own word lists, counter-speech, photos, and hostile input. The cast: Oakfield Primary (Mrs Patel,
Mr Okafor, pupils Alfie Morgan and Ruby Holt)."""
from __future__ import annotations

import re

import pytest

from models.normalise import normalise
from moderator.judge.detectors import LexiconError, SchoolContext, detect, load_lexicon, name_hash
from moderator.judge.policy import DETECTORS, PolicyError, decide, load_policy
from moderator.settings import DEFAULT_POLICY_FILE, SchoolSettings

DEFAULT = DEFAULT_POLICY_FILE.read_text("utf-8")
CALM = {"toxicity": 0.05, "insult": 0.02, "identity_attack": 0.01, "threat": 0.01, "obscene": 0.01,
        "severe_toxicity": 0.0}


@pytest.fixture(scope="module")
def policy():
    return load_policy(DEFAULT_POLICY_FILE)


def oakfield(**extra) -> SchoolSettings:
    return SchoolSettings(slug="oakfield", name="Oakfield Primary School", headteacher=["Mrs Patel", "Helen Patel"],
                          staff=["Mr Okafor", "David Okafor"], pupil_names=["Alfie Morgan", "Ruby Holt"], **extra)


def judge(text: str, school: SchoolSettings | None = None, policy=None, scores=None, **kwargs):  # noqa: ANN001
    context = SchoolContext.from_settings(school or oakfield(), policy)
    found = detect(text, normalise(text), scores or CALM, context, **kwargs)
    return found, (decide(policy, scores or CALM, found) if policy else None)


def test_a_trust_can_keep_the_roster_as_salted_hashes():
    school = SchoolSettings(slug="oakfield", name="Oakfield", pupil_name_salt="s3cret-salt",
                            pupil_name_hashes=[name_hash("Ruby Holt", "s3cret-salt"), name_hash("Ruby", "s3cret-salt")])
    assert "Ruby" not in repr(school.model_dump())
    assert "pupil_named" in judge("ruby holt keeps pushing my son", school)[0]
    assert "pupil_named" in judge("Ruby in year 3 keeps pushing my son", school)[0]
    assert judge("what a lovely ruby red colour", school)[0] == {}
    assert judge("ruby holt keeps pushing my son", SchoolSettings(
        slug="oakfield", name="Oakfield", pupil_name_salt="another-salt",
        pupil_name_hashes=[name_hash("Ruby Holt", "s3cret-salt")]))[0] == {}


def test_hashes_without_their_salt_or_not_hex_are_refused():
    with pytest.raises(ValueError, match="pupil_name_salt"):
        SchoolSettings(slug="a", name="A", pupil_name_hashes=[name_hash("Ruby Holt", "x")])
    with pytest.raises(ValueError, match="64 hex"):
        SchoolSettings(slug="a", name="A", pupil_name_hashes=["ruby holt"], pupil_name_salt="x")


@pytest.mark.parametrize("text", [
    "RUBY HOLT pushed my son", "ruby holts mum is a nightmare", "Rubys dad shouted at me",
    "Jaden-free zone: Alfie Morgen keeps hitting", "Alf Morgan hit my son", "Ruby Hoult hit my son",
])
def test_the_roster_survives_case_possessives_nicknames_and_misspellings(text):
    found, _ = judge(text)
    assert found.get("pupil_named") or found.get("pupil_family_named"), found


def test_the_school_can_add_its_own_nicknames():
    school = oakfield(pupil_nicknames={"Ruby Holt": ["Roo"]})
    assert "pupil_family_named" in judge("Roo's mum is always late", school)[0]
    assert "pupil_family_named" not in judge("Roo's mum is always late")[0]


def test_a_pupil_named_in_praise_is_hidden_but_not_urgent(policy):
    found, outcome = judge("Well done to Ruby Holt for winning the sprint", policy=policy)
    assert outcome.action == "hide" and outcome.routes == ["dsl"] and outcome.priority == "normal"
    assert "pupil_named_in_praise" in outcome.rules
    [praise] = [e for e in outcome.explanation if e["rule"] == "pupil_named_in_praise"]
    assert praise["text"] and praise["routes"] == ["dsl"]  # the stored explanation says why, and where it went
    _, outcome = judge("Ruby Holt is a nasty little bully", policy=policy)
    assert outcome.priority == "urgent"


def test_the_policy_files_own_words_fire_their_rule_after_normalisation(tmp_path):
    text = DEFAULT.replace('words = []', 'words = ["gremlin*", "those lot"]', 1)
    path = tmp_path / "policy.toml"
    path.write_text(text, "utf-8")
    policy = load_policy(path)
    found, outcome = judge("you gr3mlins again", policy=policy)
    assert found["words:identity_abuse"] == ["gremlins"]
    assert "identity_abuse" in outcome.rules and outcome.action == "hide"
    assert judge("those lottery tickets", policy=policy)[0].get("words:identity_abuse") is None  # whole words only
    assert "words:identity_abuse" in judge("T H O S E  lot again", policy=policy)[0]


@pytest.mark.parametrize("word", ["*", "a", "x" * 101, "semi;colon"])
def test_a_bad_word_in_the_policy_is_refused_naming_the_rule(tmp_path, word):
    path = tmp_path / "policy.toml"
    path.write_text(DEFAULT.replace('words = []', f'words = ["{word}"]', 1), "utf-8")
    with pytest.raises(PolicyError, match="identity_abuse"):
        load_policy(path)


def test_unless_detectors_stops_the_score_alone_but_not_the_rules_own_checks(policy):
    scores = dict(CALM, toxicity=0.99, identity_attack=0.99)
    outcome = decide(policy, scores, {"counter_speech": ["please remove"]})
    assert "abusive_language" not in outcome.rules and "identity_abuse" not in outcome.rules
    assert outcome.action == "none" and outcome.rules == ["abuse_reported"]
    outcome = decide(policy, scores, {"counter_speech": ["please remove"], "identity_terms": ["paki"]})
    assert "identity_abuse" in outcome.rules


def test_an_unknown_detector_in_unless_detectors_is_refused(tmp_path):
    path = tmp_path / "policy.toml"
    edited = re.sub(r'^unless_detectors = \[.*\]$', 'unless_detectors = ["crystal_ball"]', DEFAULT, count=1,
                    flags=re.M)
    assert edited != DEFAULT
    path.write_text(edited, "utf-8")
    with pytest.raises(PolicyError, match="crystal_ball"):
        load_policy(path)


def test_a_report_quoting_a_slur_is_counter_speech_but_using_one_is_not():
    found, _ = judge('Someone wrote "dirty p4ki" under the post, please remove it')
    assert "identity_terms" not in found and "counter_speech" in found
    found, _ = judge("please remove this you dirty p4ki")
    assert "identity_terms" in found and "counter_speech" not in found


def test_a_photo_on_a_post_that_names_a_pupil_goes_to_the_dsl(policy):
    photo = [{"type": "photo", "url": "https://example.invalid/p.jpg"}]
    _, outcome = judge("", attachments=photo, policy=policy)
    assert outcome.rules == ["attachment_review"] and outcome.action == "none" and outcome.routes == ["headteacher"]
    _, outcome = judge("so cute", attachments=photo, post_text="Congratulations to Alfie Morgan, star of the week",
                       policy=policy)
    assert "attachment_with_child" in outcome.rules and outcome.action == "hide" and outcome.priority == "urgent"
    _, outcome = judge("so cute", attachments=[{"type": "share", "url": "https://www.bbc.co.uk/x"}], policy=policy)
    assert outcome.rules == []


def test_a_school_can_hide_every_photo_until_someone_looks(tmp_path):
    text = DEFAULT.replace('when_detectors = ["attachment"]\nthresholds = {}\naction = "none"',
                           'when_detectors = ["attachment"]\nthresholds = {}\naction = "hide"', 1)
    path = tmp_path / "policy.toml"
    path.write_text(text, "utf-8")
    _, outcome = judge("", attachments=[{"type": "sticker"}], policy=load_policy(path))
    assert outcome.action == "hide" and outcome.rules == ["attachment_review"]


def test_the_lexicon_refuses_a_malformed_entry(tmp_path):
    path = tmp_path / "identity.toml"
    path.write_text('[[terms]]\nterm = "x.y"\ngroup = "g"\n', "utf-8")
    with pytest.raises(LexiconError, match="letters"):
        load_lexicon(path)
    path.write_text('[[terms]]\nterm = "abc"\n', "utf-8")
    with pytest.raises(LexiconError, match="group"):
        load_lexicon(path)


def test_every_lexicon_term_is_found_in_disguise_and_no_place_name_fires():
    words, phrases, _ = load_lexicon()
    for term, entry in list(words.items())[:40]:
        if entry.targeted or not term.isalpha() or len(term) < 4:
            continue
        disguised = " ".join(term) if len(term) <= 6 else term[:2] + term[2] * 3 + term[3:]
        found = detect(f"you {disguised}", normalise(f"you {disguised}"), CALM, SchoolContext())
        assert "identity_terms" in found, (term, disguised)
    for place in ("Scunthorpe", "Penistone", "Pakistan", "Cockermouth", "Niger Delta", "Middlesex", "Spic and span"):
        assert "identity_terms" not in detect(place, normalise(place), CALM, SchoolContext()), place


@pytest.mark.parametrize("hostile", [
    "p a k " * 200_000, "the teacher the TA Mr Okafor " * 40_000, '"' + "go back to your " * 70_000,
    "kill kill kil k!ll " * 60_000, "a" * 1_000_000, "Ruby's " * 150_000, "please remove " * 80_000,
    "(" * 500_000 + ")" * 500_000, "my husband " * 100_000,
])
def test_hostile_huge_text_is_judged_in_bounded_time(hostile):
    """A megabyte of near-matches is judged, and each detector reports a bounded list of what it found
    (benchmarks/text_bounds.py times it: catastrophic backtracking would take minutes)."""
    found = detect(hostile, normalise(hostile), CALM, SchoolContext.from_settings(oakfield()),
                   attachments=[{"type": "photo"}] * 50)
    assert set(found) <= set(DETECTORS)
    assert all(isinstance(hits, list) and len(hits) <= 1000 for hits in found.values())


def test_a_long_word_list_is_looked_up_not_scanned(tmp_path):
    many = ", ".join('"w' + "".join(chr(97 + int(d)) for d in str(i)) + 'zz"' for i in range(1500))
    path = tmp_path / "policy.toml"
    path.write_text(DEFAULT.replace('words = []', f'words = [{many}, "snowflake", "karen*"]', 1), "utf-8")
    policy = load_policy(path)
    context = SchoolContext.from_settings(oakfield(), policy)
    wordlist = context.words["identity_abuse"]
    assert "snowflake" in wordlist.plain and len(wordlist.plain) > 1000
    assert wordlist.pattern.pattern.count("|") == 0  # only "karen*" needs a pattern
    text = "ok snowflake, calm down karens " * 20
    found = detect(text, normalise(text), CALM, context)
    assert found["words:identity_abuse"] == ["snowflake", "karens"]
    assert decide(policy, CALM, found).rules == ["identity_abuse"]


@pytest.mark.parametrize("text", [
    "I'll get you through this, I promise, ring me tonight",
    "we'll get you through it hun, one day at a time",
    "I'm gonna get you home safe after the disco, don't worry",
    "I'll get you a coffee at the gate tomorrow x",
    "we will find you a seat at the front for the nativity",
    "I'll sort you out a lift to the match",
])
def test_a_promise_of_help_is_not_a_threat_phrase(text):
    # "get you through it", "get you a coffee", "find you a seat": help, not "I'll get you"
    assert "threat_phrases" not in judge(text)[0], text


@pytest.mark.parametrize("text", [
    "I'll get you for this", "I'll get you after school", "we'll find you", "I'm going to get you back for this",
    "I'll sort you out properly when I see you", "I'll get you through the window if you don't open up",
])
def test_the_threats_those_words_also_make_stay_threat_phrases(text):
    assert "threat_phrases" in judge(text)[0], text


@pytest.mark.parametrize("text, signal", [
    # a child shut in a room
    ("The head shut my daughter in her office all lunchtime as a punishment, she is 5", "headteacher_harm_allegation"),
    ("Mr Okafor shut my son in the store room for talking", "staff_harm_allegation"),
    ("my boy was shut in a cupboard by his teacher for an hour", "staff_harm_allegation"),
    # secrecy asked of a child, the "(((them)))" echo, staffing from a governors' meeting
    ("Mr Okafor gave my daughter a lift home after netball and told her not to tell her mum", "staff_harm_allegation"),
    ("the coach asked my son to keep it a secret from his dad", "staff_harm_allegation"),
    ("the ((( bankers ))) running this trust again, funny how it's always (((them)))", "identity_terms"),
    ("Governors are getting rid of two TAs and the SENCO from September, heard it all at the governors meeting",
     "confidential_matter"),
    ("the governors meeting last night decided to cut the TA hours, and one of the teachers is being made redundant",
     "confidential_matter"),
])
def test_shutting_in_secrecy_echoes_and_staffing_from_a_governors_meeting_are_read(text, signal):
    assert signal in judge(text)[0], text


@pytest.mark.parametrize("text", [
    "The head shut the office door and we had a lovely chat about Year 6",
    "Mr Okafor shut the classroom windows because of the wasps, thank you",
    "the teacher shut the hall early because of the snow",
    "Mr Okafor told the class not to tell their mums about the surprise assembly, shh",
    "(((hugs))) to everyone who ran the fete, what a day",
    "the governors meeting is on Tuesday in the hall, all welcome",
    "lovely to hear at the governors meeting that the new library is finally open",
])
def test_their_look_alikes_are_not(text):
    found = judge(text)[0]
    signals = {"staff_harm_allegation", "headteacher_harm_allegation", "identity_terms", "confidential_matter"}
    assert not signals & set(found), (text, found)
