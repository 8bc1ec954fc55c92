"""Retention (UK GDPR storage limitation): a closed case past its school's retention_days is purged,
a held one is kept, an open or unexpired one is kept, and `moderator audit verify` passes afterwards.
The clock is injected: nothing sleeps.

Cast: mallory (abusive, twice), bob (angry, later), alice (kind); Mrs Patel (helen) reviews.
"""
from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest
from sqlmodel import Session, SQLModel, select

from moderator import audit
from moderator.act import review
from moderator.cli import main
from moderator.db import transaction, utcnow
from moderator.record import retention
from moderator.tables import (
    Action, Analysis, AuditEvent, Author, Comment, CommentRevision, Decision, Escalation, LegalHold, Referral, User,
)
from tests.conftest import comment_line, rows

THREAT = "I'll be waiting at the gates for you on Monday, Mr Okafor. Watch your back."
ABUSE = "You are a useless pathetic idiot and so is everyone at that school"
KIND = "Thank you so much for the lovely nativity, the children were wonderful"
DAYS = 365


def _settings(settings, **school):
    settings.schools[0] = settings.schools[0].model_copy(update={"retention_days": DAYS, **school})
    return settings


def close_everything(engine, comment_ids):
    """Mrs Patel decides every open item on these comments, so their cases close."""
    with transaction(engine) as session:
        helen = session.exec(select(User).where(User.username == "helen")).first()
        if helen is None:
            helen = User(username="helen", display_name="Mrs Helen Patel", role="headteacher")
            session.add(helen)
            session.flush()
        for esc in session.exec(select(Escalation).where(Escalation.comment_id.in_(comment_ids),
                                                         Escalation.state.in_(("new", "in_review"))).order_by(Escalation.id)):
            if esc.route == "police_review":
                review.record_decision(session, esc, helen, "no_police_referral", "Words only; no police referral needed",
                              ask_police=False)
            else:
                review.record_decision(session, esc, helen, "keep_hidden", "Abusive; stays hidden", ask_police=False)


def comment_id(engine, ext):
    (c,) = rows(engine, Comment, Comment.external_id == ext)
    return c.id


def case_rows(engine, cid) -> int:
    return sum(len(rows(engine, m, m.comment_id == cid)) for m in (Decision, Action, Escalation, Analysis,
                                                                     CommentRevision, Referral))


@pytest.fixture
def world(engine, worker, feed):
    """Phase one (all closed before ``cutoff``): mallory's threat (held), mallory's abuse (expires),
    alice's kind comment (expires). Phase two, after ``cutoff``: bob's abuse (closed, not expired)."""
    feed.add(comment_line("c-threat", THREAT, author="mallory"), comment_line("c-abuse", ABUSE, author="mallory"),
             comment_line("c-kind", KIND, author="alice"))
    worker.run_until_idle()
    # mallory's second comment makes her a repeat author; close every item the pipeline opened
    close_everything(engine, [comment_id(engine, e) for e in ("c-threat", "c-abuse", "c-kind")])
    worker.run_until_idle()
    cutoff = utcnow()
    feed.add(comment_line("c-bob", ABUSE + " honestly", author="bob"))
    worker.run_until_idle()
    close_everything(engine, [comment_id(engine, "c-bob")])
    worker.run_until_idle()
    return {"now": cutoff + timedelta(days=DAYS), **{e: comment_id(engine, e)
                                                      for e in ("c-threat", "c-abuse", "c-kind", "c-bob")}}


def test_a_purge_removes_expired_cases_keeps_held_and_unexpired_ones_and_the_chain_verifies(
        world, engine, settings):
    settings = _settings(settings)
    with transaction(engine) as session:
        retention.place_hold(session, comment_id=world["c-threat"], reason="police investigation CR/0451/26",
                             by="helen")
    assert case_rows(engine, world["c-abuse"]) > 0
    with transaction(engine) as session:
        result = retention.purge(session, settings, now=world["now"])

    assert sorted(result.cases) == sorted([world["c-abuse"], world["c-kind"]])
    assert result.kept_by_hold == [world["c-threat"]]
    for gone in ("c-abuse", "c-kind"):
        assert rows(engine, Comment, Comment.id == world[gone]) == []
        assert case_rows(engine, world[gone]) == 0
    for kept in ("c-threat", "c-bob"):
        assert len(rows(engine, Comment, Comment.id == world[kept])) == 1 and case_rows(engine, world[kept]) > 0
    # alice had nothing else: her details go; mallory still has the held case: hers stay
    assert {a.external_id for a in rows(engine, Author)} == {"u-mallory", "u-bob"}

    (event,) = rows(engine, AuditEvent, AuditEvent.action == "retention.purged")
    purged = {(r["table"], r["id"]) for r in event.data["purged"]}
    assert ("comment", world["c-abuse"]) in purged and ("comment", world["c-kind"]) in purged
    assert {t for t, _ in purged} >= {"comment", "decision", "analysis", "action", "escalation", "author"}
    assert event.data["reason"] and event.seq == result.event_seq
    with Session(engine) as session:
        ok, message = audit.verify_chain(session)
    assert ok, message


def test_lifting_a_hold_on_an_author_lets_the_next_purge_take_their_cases(world, engine, settings):
    settings = _settings(settings)
    with transaction(engine) as session:
        mallory = retention.find_author(session, "u-mallory")
        hold = retention.place_hold(session, author_id=mallory.id, reason="harassment claim", by="helen")
    with transaction(engine) as session:
        first = retention.purge(session, settings, now=world["now"])
    assert sorted(first.kept_by_hold) == sorted([world["c-threat"], world["c-abuse"]])
    assert first.cases == [world["c-kind"]]
    with transaction(engine) as session:
        retention.lift_hold(session, hold.id, by="helen", reason="claim settled")
    with transaction(engine) as session:
        second = retention.purge(session, settings, now=world["now"])
    assert sorted(second.cases) == sorted([world["c-threat"], world["c-abuse"]])
    assert rows(engine, Author, Author.external_id == "u-mallory") == []
    (lifted,) = rows(engine, LegalHold)
    assert lifted.removed_by == "helen" and lifted.removed_reason == "claim settled"
    assert len(rows(engine, AuditEvent, AuditEvent.action == "retention.purged")) == 2
    with Session(engine) as session:
        ok, message = audit.verify_chain(session)
    assert ok, message


def test_an_open_case_is_never_purged_however_old(engine, worker, feed, settings):
    settings = _settings(settings)
    feed.add(comment_line("c-open", THREAT, author="mallory"))
    worker.run_until_idle()
    with transaction(engine) as session:
        result = retention.purge(session, settings, now=utcnow() + timedelta(days=10 * DAYS))
    assert result.cases == [] and result.purged == []
    assert rows(engine, AuditEvent, AuditEvent.action == "retention.purged") == []


def test_a_dry_run_changes_nothing_and_records_nothing(world, engine, settings):
    settings = _settings(settings)
    before = len(rows(engine, AuditEvent))
    with transaction(engine) as session:
        result = retention.purge(session, settings, now=world["now"], dry_run=True)
    assert sorted(result.cases) == sorted([world["c-abuse"], world["c-kind"], world["c-threat"]])
    assert "would remove" in result.summary()
    assert len(rows(engine, Comment)) == 4 and len(rows(engine, AuditEvent)) == before


def test_no_retention_setting_keeps_everything(world, engine, settings):
    with transaction(engine) as session:
        result = retention.purge(session, settings, now=world["now"] + timedelta(days=10 * DAYS))
    assert result.purged == [] and len(rows(engine, Comment)) == 4


def test_author_details_are_erased_sooner_while_their_cases_are_kept(world, engine, settings):
    settings = _settings(settings, retention_days=None, author_retention_days=30)
    with transaction(engine) as session:
        result = retention.purge(session, settings, now=world["now"] - timedelta(days=DAYS - 30))
    assert result.cases == []
    erased = {a.external_id: a for a in rows(engine, Author)}
    assert erased["u-alice"].name is None and erased["u-mallory"].name is None
    assert erased["u-bob"].name == "Bob"  # bob's case closed after the cutoff
    assert len(rows(engine, Comment)) == 4
    with Session(engine) as session:
        ok, message = audit.verify_chain(session)
    assert ok, message


def test_every_table_that_points_at_a_case_is_purged_with_it():
    covered = {model.__tablename__ for model, _ in retention.CASE_TABLES}
    for table in SQLModel.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name in covered and fk.column.table.name != "author":
                assert table.name in covered, f"{table.name} points at {fk.column.table.name} but is not purged"


def test_the_subject_access_export_holds_everything_about_the_author_and_is_audited(world, engine):
    out = io.StringIO()
    with transaction(engine) as session:
        mallory = retention.find_author(session, "u-mallory")
        done = retention.export_subject_access(session, mallory, out, actor="dpo")
    record = json.loads(out.getvalue())
    assert record["author"]["platform_id"] == "u-mallory" and record["author"]["name"] == "Mallory"
    texts = {c["comment"]["text"] for c in record["comments"]}
    assert texts == {THREAT, ABUSE}
    for case in record["comments"]:
        assert case["decisions"] and case["actions"] and case["escalations"] and case["analyses"]
        assert any(d["decided_by"] == "helen" for d in case["decisions"])
    assert any(r["kind"] == "no_police" for c in record["comments"] for r in c["referrals"])
    assert record["audit_chain_head"].count(":") == 1
    (event,) = rows(engine, AuditEvent, AuditEvent.action == "subject_access.exported")
    assert event.actor == "dpo" and event.data["comments"] == 2 and event.data["sha256"] == done["sha256"]
    import hashlib
    assert hashlib.sha256(out.getvalue().encode()).hexdigest() == done["sha256"]


def test_a_hold_needs_a_reason_and_exactly_one_subject(world, engine):
    with transaction(engine) as session:
        with pytest.raises(retention.RetentionError):
            retention.place_hold(session, comment_id=world["c-kind"], reason=" ", by="helen")
        with pytest.raises(retention.RetentionError):
            retention.place_hold(session, reason="x", by="helen")
        with pytest.raises(retention.RetentionError):
            retention.place_hold(session, comment_id=999_999, reason="x", by="helen")


# -- the command line ---------------------------------------------------------------------------------

@pytest.fixture
def cli_env(monkeypatch, settings, database_url, tmp_path):
    school = settings.schools[0].model_dump(mode="json")
    school["retention_days"] = DAYS
    monkeypatch.setenv("MODERATOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MODERATOR_DATABASE_URL", database_url)
    monkeypatch.setenv("MODERATOR_SCHOOLS", json.dumps([school]))
    monkeypatch.setenv("USER", "helen")


def test_the_hold_retention_and_subject_access_commands(world, engine, cli_env, capsys, tmp_path):
    assert main(["hold", "add", "--comment", str(world["c-threat"]), "--reason", "police investigation"]) == 0
    assert main(["hold", "add", "--author", "u-bob", "--reason", "complaint"]) == 0
    assert main(["hold", "list"]) == 0
    listed = capsys.readouterr().out
    assert f"comment {world['c-threat']}" in listed and "police investigation" in listed and "complaint" in listed
    assert main(["hold", "add", "--comment", str(world["c-threat"])]) == 2  # no reason
    assert main(["retention", "purge", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "would remove 0 case(s)" in out and "2 expired case(s) kept by a legal hold" not in out
    hold_id = rows(engine, LegalHold, LegalHold.author_id.is_not(None))[0].id
    assert main(["hold", "remove", str(hold_id), "--reason", "complaint closed"]) == 0
    target = tmp_path / "sar.json"
    assert main(["subject-access", "--author", "u-mallory", "--output", str(target)]) == 0
    assert json.loads(target.read_text())["author"]["platform_id"] == "u-mallory"
    assert main(["subject-access", "--author", "u-nobody", "--output", str(tmp_path / "x.json")]) == 2
    (event,) = rows(engine, AuditEvent, AuditEvent.action == "subject_access.exported")
    assert event.actor == "helen"


def test_the_purge_removes_console_sessions_that_ended_or_expired(engine, settings):
    from moderator.tables import ConsoleSession, User

    now = utcnow()
    with transaction(engine) as session:
        helen = User(username="helen", display_name="Mrs Helen Patel", role="headteacher")
        session.add(helen)
        session.flush()
        for token, ended, expires in (("signed-out", now - timedelta(days=3), now + timedelta(hours=4)),
                                      ("expired", None, now - timedelta(hours=1)),
                                      ("live", None, now + timedelta(hours=4))):
            session.add(ConsoleSession(token_sha256=token.ljust(64, "0"), user_id=helen.id, stage="full", csrf="x",
                                       expires_at=expires, ended_at=ended,
                                       end_reason="signed_out" if ended else None))
    with transaction(engine) as session:
        dry = retention.purge(session, settings, now=now, dry_run=True)
    assert dry.sessions == 2 and "2 ended console session(s) would be removed" in dry.summary()
    assert len(rows(engine, ConsoleSession)) == 3
    with transaction(engine) as session:
        result = retention.purge(session, settings, now=now)
    assert result.sessions == 2 and "2 ended console session(s) removed" in result.summary()
    assert [s.token_sha256[:4] for s in rows(engine, ConsoleSession)] == ["live"]
