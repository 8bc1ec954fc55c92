"""The audit trail: append-only, hash-chained, written with the change it records or not at all."""
from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlmodel import Session

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
