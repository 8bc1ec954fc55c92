"""Append-only, hash-chained audit events, written in the caller's transaction.

An event that records evidence (a comment, a revision, an analysis, a decision, an action, a
referral, an escalation) carries the SHA-256 of that row's fixed fields in ``data["evidence"]``, so
``verify_chain`` detects an edited evidence row as well as an edited or removed event. An
escalation's state and priority change over its life: every change is an event carrying the row's
new hash, and the row must match the *latest* of them. A removed tail of the chain is found
by checking that a chain head printed earlier (on an export, a document or the daily digest) is
still there: ``verify_chain(expect=(seq, hash))``.
"""
from __future__ import annotations

import hashlib
import json
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Callable, Iterator

from sqlalchemy import event as sa_event, insert, text
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, SQLModel, col, select

from moderator import tables
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


@dataclass(frozen=True)
class Appended:
    """The event just written (its seq and hash are what a reader may print)."""

    seq: int
    at: datetime
    actor: str
    action: str
    school_id: int | None
    subject_type: str | None
    subject_id: int | None
    data: dict[str, Any]
    prev_hash: str
    hash: str


# session.info key for the chain's head as this transaction last wrote it; dropped at commit and at
# any rollback (a savepoint's included), so it is only ever trusted inside the transaction that holds
# the append lock (PostgreSQL's advisory lock, SQLite's write lock).
_HEAD = "moderator.audit.head"


# session.info key for events appended inside ``batch`` and not yet written (see ``batch``).
_BUFFER = "moderator.audit.buffer"
_LOST = "moderator.audit.buffer_lost"


@sa_event.listens_for(OrmSession, "after_commit")
@sa_event.listens_for(OrmSession, "after_soft_rollback")
def _forget_head(session, *args) -> None:  # noqa: ANN001, ANN002
    session.info.pop(_HEAD, None)
    if session.info.get(_BUFFER):
        # A rollback (a savepoint's, say) inside ``batch``: the events buffered so far may record
        # changes that survive it. Refuse to write a chain with a hole: the transaction must fail.
        session.info[_BUFFER] = []
        session.info[_LOST] = True


@sa_event.listens_for(OrmSession, "before_commit")
def _write_before_commit(session) -> None:  # noqa: ANN001
    # A commit inside ``batch`` (not how it is meant to be used) still lands every event with its change.
    write_buffered(session)


@contextmanager
def batch(session: Session) -> Iterator[None]:
    """Append the events recorded inside this block in one statement, when it ends (or at commit).

    The chain is the same as appending them one by one: seq and hashes are computed as each is
    recorded, under the append lock taken by the first. Nothing inside the block may read the
    audit table expecting its own events (they are not written yet)."""
    outer = _BUFFER in session.info and session.info[_BUFFER] is not None
    if not outer:
        session.info[_BUFFER] = []
    try:
        yield
        if not outer:
            write_buffered(session)
    finally:
        if not outer:
            session.info.pop(_BUFFER, None)
            session.info.pop(_LOST, None)


def write_buffered(session: Session) -> None:
    if session.info.get(_LOST):
        raise RuntimeError("audit events buffered by audit.batch were lost to a rollback; not committing without them")
    rows = session.info.get(_BUFFER)
    if rows:
        session.info[_BUFFER] = []
        session.execute(insert(AuditEvent), rows)


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
    evidence: list[dict[str, Any]] | dict[str, Any] | None = None,
) -> Appended:
    """Append one event. Never commits: the event lands with the change it records or not at all.

    ``evidence``: what ``evidence_of(row)`` returned for the rows this event records."""
    if evidence:
        data = dict(data or {}, evidence=evidence if isinstance(evidence, list) else [evidence])
    head = session.info.get(_HEAD)
    if head is None:
        if is_postgres(session):
            session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_AUDIT_LOCK})
        last = session.execute(select(AuditEvent.seq, AuditEvent.hash)
                               .order_by(col(AuditEvent.seq).desc()).limit(1)).first()
        head = (last[0], last[1]) if last else (0, GENESIS)
    appended = Appended(seq=head[0] + 1, at=at or utcnow(), actor=actor, action=action, school_id=school_id,
                        subject_type=subject_type, subject_id=subject_id,
                        data=json.loads(json.dumps(data or {}, default=str)), prev_hash=head[1], hash="")
    appended = replace(appended, hash=_digest(appended))
    row = dict(seq=appended.seq, at=appended.at, actor=actor, action=action, school_id=school_id,
               subject_type=subject_type, subject_id=subject_id, data=appended.data, prev_hash=appended.prev_hash,
               hash=appended.hash)
    buffered = session.info.get(_BUFFER)
    if buffered is not None:
        buffered.append(row)
    else:
        session.execute(insert(AuditEvent).values(**row))
    session.info[_HEAD] = (appended.seq, appended.hash)
    return appended


# The fields of each evidence table that never change once written. A row's status (an action
# going from pending to done) is recorded by later events, not by rewriting this hash.
EVIDENCE_FIELDS: dict[str, tuple[str, ...]] = {
    "comment": ("id", "school_id", "account_id", "platform", "external_id", "post_external_id",
                "parent_external_id", "author_id", "text", "text_sha256", "text_bytes", "flags", "permalink",
                "attachments", "created_at", "fetched_at"),
    "commentrevision": ("id", "comment_id", "revision", "kind", "text", "text_sha256", "flags", "seen_at"),
    "decision": ("id", "comment_id", "revision", "analysis_id", "kind", "action", "shadow", "rules", "signals",
                 "routes", "priority", "clauses", "explanation", "policy_name", "policy_version", "classifier",
                 "classifier_version", "scores", "thresholds", "decided_by", "reason", "created_at"),
    "action": ("id", "account_id", "comment_id", "decision_id", "kind", "params", "idempotency_key",
               "requested_by", "created_at"),
    "analysis": ("id", "comment_id", "revision", "classifier", "classifier_version", "normalised_text", "scores",
                 "detectors", "language", "language_confidence", "created_at"),
    "referral": ("id", "escalation_id", "comment_id", "decision_id", "kind", "reference", "contact", "referred_on",
                 "recorded_by", "created_at"),
    "escalation": ("id", "school_id", "comment_id", "decision_id", "route", "priority", "state", "reason", "shadow",
                   "created_at", "updated_at"),
}
# Rows that legitimately change (through moderator/act/escalations.py, which records each change): only
# the latest event's hash must match the row.
CHANGING = frozenset({"escalation"})
_TABLES: dict[str, type[SQLModel]] = {}


def _table(name: str) -> type[SQLModel]:
    if not _TABLES:
        for cls in (tables.Comment, tables.CommentRevision, tables.Decision, tables.Action, tables.Analysis,
                    tables.Referral, tables.Escalation):
            _TABLES[cls.__tablename__] = cls
    return _TABLES[name]


def _row_hash(table: str, row: SQLModel) -> str:
    body = {f: getattr(row, f, None) for f in EVIDENCE_FIELDS[table]}
    for key, value in body.items():
        if isinstance(value, datetime):  # SQLite hands back naive UTC; PostgreSQL aware
            body[key] = value.replace(tzinfo=None).isoformat(timespec="microseconds")
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def evidence_of(row: SQLModel) -> dict[str, Any]:
    """The reference an audit event keeps to an evidence row: its table, id and the hash of its fixed fields."""
    table = row.__tablename__
    return {"table": table, "id": row.id, "sha256": _row_hash(table, row)}


def head(session: Session) -> tuple[int, str] | None:
    """The newest event's (seq, hash): print it where a reader may later want to check the chain."""
    last = session.exec(select(AuditEvent).order_by(col(AuditEvent.seq).desc()).limit(1)).first()
    return (last.seq, last.hash) if last else None


def head_text(session: Session) -> str:
    found = head(session)
    return f"{found[0]}:{found[1]}" if found else "0:" + GENESIS


def parse_expect(value: str) -> tuple[int, str]:
    seq, sep, digest = value.strip().partition(":")
    if not sep or not seq.isdigit() or len(digest) != 64:
        raise ValueError(f"--expect {value!r}: give SEQ:HASH as printed on an export or document")
    return int(seq), digest.lower()


# Events read, and evidence rows fetched, per statement while verifying: memory stays bounded, and
# PostgreSQL is asked once per chunk rather than once per row (a round-trip each).
CHUNK = 2000
# The events are read as plain rows: no ORM objects to build, track or expunge.
_EVENT_COLUMNS = (AuditEvent.seq, AuditEvent.at, AuditEvent.actor, AuditEvent.action, AuditEvent.school_id,
                  AuditEvent.subject_type, AuditEvent.subject_id, AuditEvent.data, AuditEvent.prev_hash,
                  AuditEvent.hash)


def _chunks(session: Session) -> Iterator[list[Any]]:
    """Every event in seq order, a chunk at a time, so a long chain is checked in bounded memory."""
    after = 0
    while True:
        chunk = session.execute(select(*_EVENT_COLUMNS).where(col(AuditEvent.seq) > after)
                                .order_by(col(AuditEvent.seq)).limit(CHUNK)).all()
        if not chunk:
            return
        yield chunk
        after = chunk[-1].seq


def verify_chain(session: Session, *, expect: tuple[int, str] | None = None,
                 check_evidence: bool = True, progress: Callable[[int, int | None], None] | None = None,
                 ) -> tuple[bool, str]:
    """Recompute every hash in order, and every evidence row's hash. Returns (ok, message naming the
    first problem). ``expect``: a (seq, hash) that must still be in the chain (detects a removed tail).
    ``progress(done, total)`` is told after each chunk (moderator/progress.py)."""
    total = (head(session) or (0, ""))[0] if progress else None
    prev = GENESIS
    expected_seq = 1
    count = 0
    # Every row a retention purge removed, read once: a row's events come before the purge that removed it.
    purged: set[tuple[str, int]] = _purged_rows(session) if check_evidence else set()
    problems: list[str] = []
    latest: dict[tuple[str, int], tuple[int, dict]] = {}  # a changing row's newest (event seq, evidence ref)
    seen_expected = expect is None
    for chunk in _chunks(session):
        refs: list[tuple[str, int, dict, int]] = []  # this chunk's unchanging evidence, in event order
        for event in chunk:
            if event.seq != expected_seq:
                return False, f"event seq {event.seq}: expected seq {expected_seq} (an event is missing)"
            if event.prev_hash != prev:
                return False, f"event seq {event.seq}: prev_hash does not match the event before it"
            if _digest(event) != event.hash:
                return False, f"event seq {event.seq}: content does not match its hash (altered)"
            if expect is not None and event.seq == expect[0]:
                if event.hash != expect[1]:
                    return False, f"event seq {event.seq}: its hash is not the expected {expect[1][:12]}…"
                seen_expected = True
            for ref in event.data.get("purged") or []:
                purged.add((ref["table"], ref["id"]))
            if check_evidence:
                refs += _evidence_refs(event, latest)
            prev = event.hash
            expected_seq += 1
            count += 1
        problems += _compare(session, refs, purged)
        if progress:
            progress(count, total)
    if not seen_expected:
        return False, (f"the chain ends at seq {expected_seq - 1} but seq {expect[0]} was expected: "
                       f"events have been removed from its end")
    if check_evidence:
        problems += _check_latest(session, latest, purged)
    if problems:
        shown = "; ".join(problems[:10]) + (f"; and {len(problems) - 10} more" if len(problems) > 10 else "")
        return False, f"{count} events, chain intact, but evidence was altered: {shown}"
    return True, f"{count} events, chain intact, evidence matches"


def _evidence_refs(event: Any, latest: dict[tuple[str, int], tuple[int, dict]]) -> list[tuple[str, int, dict, int]]:
    """The event's references to unchanging rows, as (table, id, ref, seq); a changing row's newest
    reference goes to ``latest`` instead, to be checked once the whole chain is read."""
    out = []
    for ref in event.data.get("evidence") or []:
        table, row_id = ref.get("table"), ref.get("id")
        if table not in EVIDENCE_FIELDS or not isinstance(row_id, int):
            continue
        if table in CHANGING:
            latest[(table, row_id)] = (event.seq, ref)
            continue
        out.append((table, row_id, ref, event.seq))
    return out


def _compare(session: Session, refs: list[tuple[str, int, dict, int]], purged: set[tuple[str, int]]) -> list[str]:
    """Problems with the referenced rows, in the order of ``refs``; the rows are read a table at a time."""
    wanted: dict[str, set[int]] = {}
    for table, row_id, _, _ in refs:
        wanted.setdefault(table, set()).add(row_id)
    hashes = {(table, row_id): digest for table, ids in wanted.items()
              for row_id, digest in _row_hashes(session, table, ids)}
    out = []
    for table, row_id, ref, seq in refs:
        digest = hashes.get((table, row_id))
        if digest is None:
            if (table, row_id) not in purged:
                out.append(f"{table} {row_id} (recorded by event {seq}) is missing")
        elif digest != ref.get("sha256"):
            out.append(f"{table} {row_id} (recorded by event {seq}) was changed")
    return out


def _row_hashes(session: Session, table: str, ids: set[int]) -> Iterator[tuple[int, str]]:
    """(id, hash of the fixed fields) of each row of ``table`` among ``ids`` that exists."""
    model = _table(table)
    columns = [getattr(model, f) for f in EVIDENCE_FIELDS[table] if hasattr(model, f)]
    ordered = sorted(ids)
    for start in range(0, len(ordered), CHUNK):
        part = ordered[start:start + CHUNK]
        for row in session.execute(select(*columns).where(col(model.id).in_(part))):
            yield row.id, _row_hash(table, row)


def _check_latest(session: Session, latest: dict[tuple[str, int], tuple[int, dict]],
                  purged: set[tuple[str, int]]) -> list[str]:
    refs = [(table, row_id, ref, seq)
            for (table, row_id), (seq, ref) in sorted(latest.items(), key=lambda kv: kv[1][0])]
    out = []
    for start in range(0, len(refs), CHUNK):
        out += _compare(session, refs[start:start + CHUNK], purged)
    return out


def _purged_rows(session: Session) -> set[tuple[str, int]]:
    """(table, id) of every row a retention purge recorded removing (moderator/record/retention.py). One pass,
    so verifying after large purges stays linear (a look-up per missing row was quadratic)."""
    out: set[tuple[str, int]] = set()
    for data in session.exec(select(AuditEvent.data).where(AuditEvent.action == "retention.purged")):
        out.update((r.get("table"), r.get("id")) for r in (data or {}).get("purged") or [])
    return out
