"""The audit trail: append-only, hash-chained, written with the change it records or not at all."""
from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from moderator import audit
from moderator.db import transaction
from moderator.tables import AuditEvent, School
from tests.conftest import comment_line, rows


def test_the_chain_verifies_after_a_run(worker, feed, engine):
    feed.add(comment_line("c1", "I'll be waiting at the gates for you"), comment_line("c2", "Lovely assembly"))
    worker.run_until_idle()
    with Session(engine) as session:
        ok, message = audit.verify_chain(session)
    assert ok, message
    events = sorted(rows(engine, AuditEvent), key=lambda e: e.seq)
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert all(later.prev_hash == earlier.hash for earlier, later in zip(events, events[1:]))


@pytest.mark.parametrize("tamper, problem", [
    ("UPDATE auditevent SET actor = 'someone-else' WHERE seq = 2", "altered"),
    ("DELETE FROM auditevent WHERE seq = 2", "missing"),
])
def test_tampering_is_detected(worker, feed, engine, tamper, problem):
    feed.add(comment_line("c1", "I'll be waiting at the gates for you"))
    worker.run_until_idle()
    with engine.begin() as conn:
        conn.execute(text(tamper))
    with Session(engine) as session:
        ok, message = audit.verify_chain(session)
    assert not ok and problem in message and "seq 2" in message


def test_an_event_is_lost_with_a_rolled_back_change(engine):
    with pytest.raises(RuntimeError):
        with transaction(engine) as session:
            school = School(slug="riverside", name="Riverside Primary")
            session.add(school)
            session.flush()
            audit.record(session, "school.created", school_id=school.id)
            raise RuntimeError("the change failed")
    assert rows(engine, AuditEvent) == [] and rows(engine, School) == []


# -- the evidence itself is covered, and a removed tail is found --------------------------------

ABUSE = "Shut up you stupid fucking moron"


def _verify(engine, **kwargs) -> tuple[bool, str]:
    with Session(engine) as session:
        return audit.verify_chain(session, **kwargs)


@pytest.mark.parametrize("tamper, what", [
    ("UPDATE comment SET text = 'a polite remark' WHERE external_id = 'c1'", "comment"),
    ("UPDATE decision SET action = 'none', rules = '[]' WHERE kind = 'automatic'", "decision"),
    ("UPDATE action SET kind = 'unhide' WHERE kind = 'hide'", "action"),
    ("UPDATE commentrevision SET text = 'nothing to see' WHERE kind = 'edit'", "commentrevision"),
])
def test_an_edited_evidence_row_is_reported_by_name(worker, feed, engine, tamper, what):
    feed.add(comment_line("c1", "Lovely assembly", author="mallory"))
    worker.run_until_idle()
    feed.add(comment_line("c1", ABUSE, author="mallory"))  # edited by the author into abuse
    worker.run_until_idle()
    assert _verify(engine)[0]
    with engine.begin() as conn:
        assert conn.execute(text(tamper)).rowcount >= 1
    ok, message = _verify(engine)
    assert not ok and f"{what} " in message and "was changed" in message


def test_dropping_the_newest_events_is_found_with_the_head_printed_earlier(worker, feed, engine):
    feed.add(*(comment_line(f"c{i}", ABUSE, author=f"p{i}") for i in range(5)))
    worker.run_until_idle()
    with Session(engine) as session:
        head = audit.parse_expect(audit.head_text(session))
    assert _verify(engine, expect=head)[0]
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM auditevent WHERE seq > :s"), {"s": head[0] - 10})
    assert _verify(engine)[0]  # the shorter chain is still a valid chain on its own...
    ok, message = _verify(engine, expect=head)
    assert not ok and "removed from its end" in message  # ...but not the one that was printed


def test_audit_verify_expect_on_the_command_line(worker, feed, engine, monkeypatch, tmp_path, database_url, capsys):
    from moderator import cli

    monkeypatch.setenv("MODERATOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MODERATOR_DATABASE_URL", database_url)
    feed.add(comment_line("c1", ABUSE))
    worker.run_until_idle()
    with Session(engine) as session:
        head = audit.head_text(session)
    assert cli.main(["audit", "verify", "--expect", head]) == 0
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM auditevent WHERE seq = (SELECT MAX(seq) FROM auditevent)"))
    assert cli.main(["audit", "verify", "--expect", head]) == 1
    assert "AUDIT CHAIN BROKEN" in capsys.readouterr().out


# -- people's decisions, their actions and referrals, scores and escalation state are evidence too ----

def _helen_replies_and_refers_to_the_police(worker, feed, engine) -> None:
    from moderator.act import review
    from moderator.tables import Comment, Escalation, User
    from tests.e2e.support import THREAT

    feed.add(comment_line("c1", THREAT, author="mallory"))
    worker.run_until_idle()
    with transaction(engine) as session:
        helen = User(username="helen", display_name="Mrs Helen Patel", role="headteacher")
        session.add(helen)
        session.flush()
        comment = session.exec(select(Comment).where(Comment.external_id == "c1")).one()
        item = session.exec(select(Escalation).where(Escalation.comment_id == comment.id,
                                                     Escalation.route == "headteacher")).one()
        review.record_decision(session, item, helen, "reply", "Pointing them to the complaints procedure",
                      reply_text="Please contact the school office.", police_answer="refer",
                      police_reference="WMP-2611-0042", police_officer="PC 1234 Jones", police_date="2026-11-03")


@pytest.mark.parametrize("tamper, what", [
    ("UPDATE decision SET reason = 'It was fine really' WHERE kind = 'human'", "decision"),
    ("UPDATE action SET params = '{\"message\": \"You are all idiots\"}' WHERE kind = 'reply'", "action"),
    ("UPDATE referral SET reference = 'WMP-0000-0000' WHERE kind = 'police'", "referral"),
    ("UPDATE analysis SET scores = '{}'", "analysis"),
    ("UPDATE escalation SET state = 'new' WHERE route = 'police_review'", "escalation"),
    ("UPDATE escalation SET priority = 'low' WHERE route = 'headteacher'", "escalation"),
])
def test_a_persons_decision_action_referral_scores_and_escalation_are_covered(worker, feed, engine, tamper, what):
    _helen_replies_and_refers_to_the_police(worker, feed, engine)
    ok, message = _verify(engine)
    assert ok, message
    with engine.begin() as conn:
        assert conn.execute(text(tamper)).rowcount >= 1
    ok, message = _verify(engine)
    assert not ok and f"{what} " in message and "was changed" in message, message


def test_an_escalation_that_changed_through_its_transitions_still_verifies(worker, feed, engine):
    from moderator.act.escalations import transition
    from moderator.tables import Escalation

    _helen_replies_and_refers_to_the_police(worker, feed, engine)
    with transaction(engine) as session:
        item = session.exec(select(Escalation).where(Escalation.route == "headteacher")).one()
        transition(session, item, "in_review", actor="helen", reason="Reopened to look again")
        transition(session, item, "closed", actor="helen", reason="Nothing more to do")
    ok, message = _verify(engine)
    assert ok, message


def test_audit_verify_names_an_edited_human_decision(worker, feed, engine, monkeypatch, tmp_path, database_url,
                                                     capsys):
    from moderator import cli

    monkeypatch.setenv("MODERATOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MODERATOR_DATABASE_URL", database_url)
    _helen_replies_and_refers_to_the_police(worker, feed, engine)
    assert cli.main(["audit", "verify"]) == 0
    with engine.begin() as conn:
        (decision_id,) = conn.execute(text("SELECT id FROM decision WHERE kind = 'human' AND action = 'reply'")).one()
        conn.execute(text("UPDATE decision SET decided_by = 'dina' WHERE id = :i"), {"i": decision_id})
    assert cli.main(["audit", "verify"]) == 1
    assert f"decision {decision_id} (recorded by event" in capsys.readouterr().out
