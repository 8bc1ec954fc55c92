"""Verifying a long audit chain: a statement per chunk of events, not one per evidence row (each
statement is a round-trip to PostgreSQL), and tampering is still found in any chunk."""
from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import event, text
from sqlmodel import Session

from moderator import audit
from moderator.db import transaction
from moderator.tables import Account, Comment, School


def _oakfield_ingests(engine, comments: int) -> None:
    """Oakfield's page gets ``comments`` comments, each recorded with its evidence as ingest does."""
    with transaction(engine) as session:
        school = School(slug="oakfield", name="Oakfield Primary School")
        session.add(school)
        session.flush()
        account = Account(school_id=school.id, handle="oakfield-facebook", platform="facebook", connector="replay")
        session.add(account)
        session.flush()
        audit.record(session, "school.created", school_id=school.id)
        for n in range(comments):
            words = f"Lovely assembly, thank you ({n})"
            comment = Comment(school_id=school.id, account_id=account.id, platform="facebook",
                              external_id=f"c{n}", text=words, text_sha256=hashlib.sha256(words.encode()).hexdigest(),
                              text_bytes=len(words))
            session.add(comment)
            session.flush()
            audit.record(session, "comment.ingested", school_id=school.id, subject_type="comment",
                         subject_id=comment.id, evidence=audit.evidence_of(comment))


def _statements_while_verifying(engine) -> tuple[tuple[bool, str], int]:
    count = 0

    def _count(*args) -> None:  # noqa: ANN002
        nonlocal count
        count += 1

    event.listen(engine, "before_cursor_execute", _count)
    try:
        with Session(engine) as session:
            result = audit.verify_chain(session)
    finally:
        event.remove(engine, "before_cursor_execute", _count)
    return result, count


def test_verifying_reads_evidence_a_chunk_at_a_time_not_a_row_at_a_time(engine, monkeypatch):
    monkeypatch.setattr(audit, "CHUNK", 40)
    _oakfield_ingests(engine, 200)  # 201 events: six chunks
    (ok, message), statements = _statements_while_verifying(engine)
    assert ok, message
    assert message.startswith("201 events")
    # Per chunk: the events, then the comments they record. Plus the purge list and the empty last read.
    assert statements <= 2 * 6 + 4, f"{statements} statements for 201 events"


@pytest.mark.parametrize("tamper, problem", [
    ("UPDATE comment SET text = 'a polite remark' WHERE external_id = 'c150'", "comment {id} (recorded by event 152) "
                                                                               "was changed"),
    ("DELETE FROM comment WHERE external_id = 'c150'", "comment {id} (recorded by event 152) is missing"),
    ("UPDATE auditevent SET actor = 'someone-else' WHERE seq = 152", "event seq 152: content does not match"),
    ("DELETE FROM auditevent WHERE seq = 121", "event seq 122: expected seq 121"),
])
def test_tampering_in_a_later_chunk_is_found(engine, monkeypatch, tamper, problem):
    monkeypatch.setattr(audit, "CHUNK", 40)
    _oakfield_ingests(engine, 200)
    with engine.begin() as conn:
        (comment_id,) = conn.execute(text("SELECT id FROM comment WHERE external_id = 'c150'")).one()
        assert conn.execute(text(tamper)).rowcount == 1
    with Session(engine) as session:
        ok, message = audit.verify_chain(session)
    assert not ok and problem.format(id=comment_id) in message, message


def test_two_changed_rows_are_reported_in_the_order_of_their_events(engine, monkeypatch):
    monkeypatch.setattr(audit, "CHUNK", 40)
    _oakfield_ingests(engine, 200)
    with engine.begin() as conn:
        conn.execute(text("UPDATE comment SET text = 'edited' WHERE external_id IN ('c10', 'c190')"))
        ids = dict(conn.execute(text("SELECT external_id, id FROM comment WHERE external_id IN ('c10', 'c190')")).all())
    with Session(engine) as session:
        ok, message = audit.verify_chain(session)
    assert not ok
    first, second = message.index(f"comment {ids['c10']} "), message.index(f"comment {ids['c190']} ")
    assert first < second, message
