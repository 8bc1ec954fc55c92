"""The pipeline end to end through the worker: replay feed in, platform state and register out."""
from __future__ import annotations

from moderator.judge.policy import load_policy
from moderator.settings import DEFAULT_POLICY_FILE
from moderator.tables import Action, Analysis, AuditEvent, Comment, CommentRevision, Decision, Escalation
from tests.conftest import comment_line, rows

THREAT = "I'll be waiting at the gates for you on Monday, Mr Okafor. Watch your back."
KIND = "Thank you so much for the lovely nativity, the children were wonderful"


def decision_for(engine, ext_id):
    (comment,) = rows(engine, Comment, Comment.external_id == ext_id)
    return comment, rows(engine, Decision, Decision.comment_id == comment.id)


def test_it_hides_a_threat_and_queues_police_review(worker, feed, engine):
    feed.add(comment_line("c1", THREAT, author="mallory"))
    worker.run_until_idle()

    assert feed.hidden() == {"c1"}
    comment, (decision,) = decision_for(engine, "c1")
    assert decision.action == "hide" and "threat" in decision.rules
    assert decision.priority == "urgent"
    routes = {e.route: e for e in rows(engine, Escalation, Escalation.comment_id == comment.id)}
    assert {"headteacher", "police_review"} <= set(routes)
    assert all(e.state == "new" and e.priority == "urgent" for e in routes.values())


def test_a_kind_comment_is_left_alone(worker, feed, engine):
    feed.add(comment_line("c1", KIND))
    worker.run_until_idle()

    assert feed.hidden() == set()
    _, (decision,) = decision_for(engine, "c1")
    assert decision.action == "none" and decision.rules == []
    assert rows(engine, Action) == [] and rows(engine, Escalation) == []


def test_every_decision_cites_its_basis(worker, feed, engine, settings):
    feed.add(comment_line("c1", "You are a f***ing idiot and a disgrace, shut up"), comment_line("c2", KIND))
    worker.run_until_idle()
    policy = load_policy(DEFAULT_POLICY_FILE)

    for decision in rows(engine, Decision):
        assert decision.policy_version == policy.version
        assert decision.policy_name == policy.policy.name
        assert decision.classifier == worker.classifier.name and decision.classifier_version
        assert settings.classifier == "embedded-onnx"  # the project's own model is the default
        assert set(decision.scores) >= {"toxicity"}
        assert decision.thresholds  # every threshold the rules compared against
    _, (hidden,) = decision_for(engine, "c1")
    assert hidden.action == "hide"
    assert hidden.clauses and all(c["quote"] and c["document"] and c["section"] for c in hidden.clauses)
    (analysis,) = rows(engine, Analysis, Analysis.comment_id == hidden.comment_id)
    assert analysis.normalised_text and analysis.scores == hidden.scores


def test_a_comment_naming_a_pupil_goes_to_the_dsl_urgently(worker, feed, engine):
    feed.add(comment_line("c1", "Alfie Morgan in Year 4 keeps pushing kids over at lunch, his mum needs telling"))
    worker.run_until_idle()

    comment, (decision,) = decision_for(engine, "c1")
    assert decision.action == "hide" and "pupil_identified" in decision.rules
    (esc,) = [e for e in rows(engine, Escalation, Escalation.comment_id == comment.id) if e.route == "dsl"]
    assert esc.priority == "urgent"


def test_an_attack_on_the_headteacher_goes_to_the_chair_not_the_headteacher(worker, feed, engine):
    feed.add(comment_line("c1", "Mrs Patel is a liar and completely useless, she should be sacked"))
    worker.run_until_idle()

    comment, (decision,) = decision_for(engine, "c1")
    routes = {e.route for e in rows(engine, Escalation, Escalation.comment_id == comment.id)}
    assert "chair_of_governors" in routes
    assert "headteacher" not in routes


def test_praise_of_a_named_teacher_is_not_an_allegation(worker, feed, engine):
    feed.add(comment_line("c1", "Mr Okafor has been brilliant with our son this term, thank you!"))
    worker.run_until_idle()

    _, (decision,) = decision_for(engine, "c1")
    assert decision.action == "none"


def test_shadow_mode_records_every_decision_and_acts_on_nothing(make_worker, settings, feed, engine):
    settings.shadow_mode = True
    feed.add(comment_line("c1", THREAT), comment_line("c2", KIND))
    make_worker(settings).run_until_idle()

    assert feed.state()["log"] == []  # the platform was never called
    assert rows(engine, Action) == []
    # People still see what would have been hidden, marked as such, so the school can check the calls.
    escalations = rows(engine, Escalation)
    assert escalations and all(e.shadow for e in escalations)
    _, (decision,) = decision_for(engine, "c1")
    assert decision.shadow and decision.action == "hide"
    assert len(rows(engine, Decision)) == 2


def test_running_again_changes_nothing(worker, feed, engine):
    feed.add(comment_line("c1", THREAT), comment_line("c2", KIND), comment_line("c3", "buy bitcoin now https://sc.am/x"))
    worker.run_until_idle()
    counts = {m.__name__: len(rows(engine, m)) for m in (Comment, Decision, Action, Escalation, AuditEvent)}
    state = feed.state()

    with engine.begin() as conn:  # even re-reading the whole feed from the start
        conn.exec_driver_sql("UPDATE account SET cursor = NULL")
    worker.run_until_idle()
    worker.run_until_idle()

    assert {m.__name__: len(rows(engine, m)) for m in (Comment, Decision, Action, Escalation, AuditEvent)} == counts
    assert feed.state()["comments"] == state["comments"]


def test_an_edit_is_kept_beside_the_original_and_judged_again(worker, feed, engine):
    feed.add(comment_line("c1", "Lovely photos from sports day"))
    worker.run_until_idle()
    assert feed.hidden() == set()

    feed.add(comment_line("c1", "Lovely photos. " + THREAT))
    worker.run_until_idle()

    (comment,) = rows(engine, Comment)
    assert comment.text == "Lovely photos from sports day"  # evidence is never overwritten
    (revision,) = rows(engine, CommentRevision)
    assert revision.kind == "edit" and "Watch your back" in revision.text
    assert [d.action for d in sorted(rows(engine, Decision), key=lambda d: d.revision)] == ["none", "hide"]
    assert feed.hidden() == {"c1"}
    assert [e.action for e in rows(engine, AuditEvent, AuditEvent.action == "comment.edited")] == ["comment.edited"]


def test_a_removal_by_the_author_is_recorded_not_erased(worker, feed, engine):
    feed.add(comment_line("c1", THREAT))
    worker.run_until_idle()
    feed.add(comment_line("c1", "", removed=True))
    worker.run_until_idle()

    (comment,) = rows(engine, Comment)
    assert comment.text == THREAT and comment.removed_by_author_at is not None
    (revision,) = rows(engine, CommentRevision)
    assert revision.kind == "removed"


def test_a_second_abusive_comment_by_the_same_author_is_harassment(worker, feed, engine):
    feed.add(comment_line("c1", "You useless pathetic idiots, f*** this school", author="mallory",
                          created_at="2026-11-01T10:00:00Z"),
             comment_line("c2", "Absolute idiots, the lot of you, shut up", author="mallory",
                          created_at="2026-11-09T10:00:00Z"))
    worker.run_until_idle()

    _, (first,) = decision_for(engine, "c1")
    comment, (second,) = decision_for(engine, "c2")
    assert "harassment" not in first.rules
    assert "harassment" in second.rules and second.priority == "urgent"
    assert "police_review" in {e.route for e in rows(engine, Escalation, Escalation.comment_id == comment.id)}


def test_a_parent_complaining_twice_is_not_harassment(worker, feed, engine):
    feed.add(comment_line("c1", "This is unacceptable, still waiting for a reply about the trip", author="bob",
                          created_at="2026-11-01T10:00:00Z"),
             comment_line("c2", "Still no reply. Absolutely unacceptable. I will complain to the governors.",
                          author="bob", created_at="2026-11-03T10:00:00Z"))
    worker.run_until_idle()

    for ext in ("c1", "c2"):
        _, (decision,) = decision_for(engine, ext)
        assert "public_complaint" in decision.rules and "harassment" not in decision.rules


def test_audit_events_follow_every_step(worker, feed, engine):
    feed.add(comment_line("c1", THREAT))
    worker.run_until_idle()

    actions = [e.action for e in sorted(rows(engine, AuditEvent), key=lambda e: e.seq)]
    for expected in ("comment.ingested", "decision.made", "action.queued", "escalation.opened", "action.hide.done"):
        assert expected in actions
    assert actions.index("comment.ingested") < actions.index("decision.made") < actions.index("action.hide.done")


def test_one_school_can_run_in_shadow_mode_while_another_acts(make_worker, settings, feed, engine, tmp_path):
    from tests.conftest import Feed, oakfield

    riverside_feed = Feed(tmp_path / "riverside.jsonl")
    riverside = oakfield(riverside_feed, shadow_mode=True)
    riverside.slug, riverside.name = "riverside", "Riverside Primary"
    riverside.accounts[0].handle = "riverside-facebook"
    settings.schools.append(riverside)
    feed.add(comment_line("c1", THREAT))
    riverside_feed.add(comment_line("r1", THREAT))
    make_worker(settings).run_until_idle()

    assert feed.hidden() == {"c1"}
    assert riverside_feed.state()["log"] == []
    _, (shadowed,) = decision_for(engine, "r1")
    assert shadowed.shadow and shadowed.action == "hide"


def test_thresholds_in_the_settings_override_the_policy(make_worker, settings, feed, engine):
    from models import load_classifier
    from models.normalise import normalise

    text = "The trip letter came late, which was a bit silly"
    score = load_classifier(settings.classifier).score([normalise(text)])[0]["toxicity"]
    settings.thresholds = {"toxicity": round(score / 2, 6) or 0.000001, "insult": 1.0}
    feed.add(comment_line("c1", text))
    make_worker(settings).run_until_idle()

    _, (decision,) = decision_for(engine, "c1")
    assert decision.thresholds["abusive_language.toxicity"] == settings.thresholds["toxicity"]
    assert decision.action == "hide" and "abusive_language" in decision.rules


class FirstTokensOnly:
    """Stands in for a transformer: it reads only the start of what it is given."""

    name, version, labels = "first-tokens", "1", ("toxicity", "insult")

    def score(self, texts):
        return [{"toxicity": float("idiots" in t[:600]), "insult": 0.0} for t in texts]


def test_abuse_buried_in_a_long_comment_is_still_found(make_worker, settings, feed, engine):
    padding = "We had a lovely time at the school fair and the cakes were great. " * 200
    feed.add(comment_line("c1", padding + "You are all pathetic idiots."))
    make_worker(settings, classifier=FirstTokensOnly()).run_until_idle()

    _, (decision,) = decision_for(engine, "c1")
    assert decision.action == "hide" and "abusive_language" in decision.rules


def test_windows_cover_the_whole_text():
    from moderator.act.pipeline import WINDOW_CHARS, windows

    text = "".join(chr(ord("a") + i % 26) for i in range(5 * WINDOW_CHARS + 7))
    pieces = windows(text)
    assert pieces[0] == text[:WINDOW_CHARS] and text.endswith(pieces[-1][-50:])
    assert all(len(p) <= WINDOW_CHARS for p in pieces)
    assert windows("short") == ["short"]


class ReadsPolishMeaning:
    """A classifier double whose toxicity labels were validated on English only and whose heads
    were validated on Polish too; it reads first-person distress in the one Polish text."""

    name, version = "double", "1"
    labels = ("toxicity", "insult", "head_self_harm_ideation")
    supported_languages = frozenset({"en"})

    def __init__(self, heads_languages):
        self.heads_languages = frozenset(heads_languages)

    def score(self, texts):
        return [{"toxicity": 0.02, "insult": 0.01, "head_self_harm_ideation": 0.95 if "sensu" in t else 0.01}
                for t in texts]


DISTRESS_PL = "Nie widzę już sensu, mam dość wszystkiego i chyba nie dam rady dłużej, przepraszam was wszystkich"


def test_distress_in_a_language_the_heads_read_reaches_the_dsl(make_worker, settings, feed, engine):
    # The toxicity labels were never checked on Polish, so a person reads it; but the heads were, and
    # a parent's suicidal post must reach the DSL at once, not wait in the headteacher's queue.
    feed.add(comment_line("pl1", DISTRESS_PL))
    make_worker(settings, classifier=ReadsPolishMeaning({"pl"})).run_until_idle()
    comment, (decision,) = decision_for(engine, "pl1")
    assert "self_harm_ideation" in decision.rules and decision.priority == "urgent"
    assert "dsl" in [e.route for e in rows(engine, Escalation, Escalation.comment_id == comment.id)]


def test_distress_in_a_language_nothing_reads_goes_to_a_person_only(make_worker, settings, feed, engine):
    feed.add(comment_line("pl2", DISTRESS_PL))
    make_worker(settings, classifier=ReadsPolishMeaning(set())).run_until_idle()
    comment, (decision,) = decision_for(engine, "pl2")
    assert decision.rules == ["unsupported_language"]
    assert [e.route for e in rows(engine, Escalation, Escalation.comment_id == comment.id)] == ["headteacher"]
