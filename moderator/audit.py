"""Append-only, hash-chained audit events, written in the caller's transaction."""
from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from moderator.db import is_postgres, utcnow
from moderator.tables import AuditEvent

GENESIS = "0" * 64
# Serialises appends on PostgreSQL so concurrent workers cannot fork the chain.
_PG_AUDIT_LOCK = 726_300_1


def _digest(event: AuditEvent) -> str:
    body = {
        "seq": event.seq,
        "at": event.at.isoformat(timespec="microseconds"),
        "actor": event.actor,
        "action": event.action,
        "school_id": event.school_id,
        "subject_type": event.subject_type,
        "subject_id": event.subject_id,
        "data": event.data,
        "prev_hash": event.prev_hash,
    }
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def record(
    session: Session,
    action: str,
    *,
    actor: str = "service",
    school_id: int | None = None,
    subject_type: str | None = None,
    subject_id: int | None = None,
    data: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> AuditEvent:
    """Append one event. Never commits: the event lands with the change it records or not at all."""
    if is_postgres(session):
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_AUDIT_LOCK})
    last = session.exec(select(AuditEvent).order_by(col(AuditEvent.seq).desc()).limit(1)).first()
    event = AuditEvent(
        seq=(last.seq + 1) if last else 1,
        at=at or utcnow(),
        actor=actor,
        action=action,
        school_id=school_id,
        subject_type=subject_type,
        subject_id=subject_id,
        data=json.loads(json.dumps(data or {}, default=str)),
        prev_hash=last.hash if last else GENESIS,
        hash="",
    )
    event.hash = _digest(event)
    session.add(event)
    session.flush()
    return event


def verify_chain(session: Session) -> tuple[bool, str]:
    """Recompute every hash in order. Returns (ok, message naming the first broken event)."""
    prev = GENESIS
    expected_seq = 1
    count = 0
    for event in session.exec(select(AuditEvent).order_by(col(AuditEvent.seq))):
        if event.seq != expected_seq:
            return False, f"event seq {event.seq}: expected seq {expected_seq} (an event is missing)"
        if event.prev_hash != prev:
            return False, f"event seq {event.seq}: prev_hash does not match the event before it"
        if _digest(event) != event.hash:
            return False, f"event seq {event.seq}: content does not match its hash (altered)"
        prev = event.hash
        expected_seq += 1
        count += 1
    return True, f"{count} events, chain intact"
