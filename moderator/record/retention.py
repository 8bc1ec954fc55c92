"""Retention and data protection (UK GDPR): how long a closed case is kept, legal holds, the purge,
and the subject access export.

A case (one comment, moderator/record/case.py) *closes* when nothing is left to do on it: it has been
judged, no escalation is open and no platform action is waiting. Its closing time is the latest
thing that happened to it (an edit, a decision, an action's result, an escalation's last change, a
referral). A school's ``retention_days`` after that, ``purge`` removes the case; its
``author_retention_days`` after the author's last case closed, the author's name and username are
erased (the platform id stays while a case of theirs is kept, so the repeat-author rule still works).
A legal hold on the case, or on its author, keeps everything until the hold is lifted.

The purge **deletes** rows rather than redacting them. Redacting would leave the author's platform
id, the times and the reviewers' reasons behind (still personal data, so storage limitation is not
met), and every evidence row is hashed into the audit chain: a redacted row would read as
tampering, whereas a deleted row listed in the purge's own audit event is, for ``verify_chain``,
legitimately gone. The audit events themselves stay (the chain cannot lose links); they hold ids,
hashes and the reviewers' words, never comment text. One purge writes ONE ``retention.purged`` event
listing every row it removed.

Nothing here commits: the caller's transaction holds the deletions and the event together.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import IO, Any, Callable

from sqlalchemy import delete, func, or_
from sqlmodel import Session, SQLModel, col, select

from moderator import audit
from moderator.db import utcnow
from moderator.settings import Settings
from moderator.tables import (
    Account, Action, Analysis, Author, Comment, CommentRevision, ConsoleSession, Decision, Escalation, EscalationSeen,
    LegalHold, Notification, Referral, RejectedInput, School,
)
from moderator.vocab import OPEN_ESCALATION_STATES, ActionStatus, CommentState

PAGE = 500

# What one case is made of, in the order it can be deleted (foreign keys). Each entry: the table
# and how its rows are found from the case's comment ids (``c``) and escalation ids (``e``).
# tests/test_retention.py checks that every table pointing at these is listed here.
CASE_TABLES: list[tuple[type[SQLModel], str]] = [
    (Notification, "escalation"),
    (EscalationSeen, "escalation"),
    (Referral, "comment"),
    (Escalation, "comment"),
    (Action, "comment"),
    (Decision, "comment"),
    (Analysis, "comment"),
    (CommentRevision, "comment"),
    (Comment, "self"),
]


class RetentionError(ValueError):
    """A hold or an export was asked for something that does not exist (the message says what)."""


def _aware(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


# -- legal holds ----------------------------------------------------------------------------------

def place_hold(session: Session, *, reason: str, by: str, comment_id: int | None = None,
               author_id: int | None = None) -> LegalHold:
    """Hold one case or one author (never both in one hold). Recorded in the audit log."""
    if (comment_id is None) == (author_id is None):
        raise RetentionError("a hold is on a comment or on an author: give exactly one")
    reason = (reason or "").strip()
    if not reason:
        raise RetentionError("give the reason for the hold (e.g. the complaint or police reference)")
    if comment_id is not None:
        comment = session.get(Comment, comment_id)
        if comment is None:
            raise RetentionError(f"there is no comment {comment_id}")
        school_id = comment.school_id
    else:
        if session.get(Author, author_id) is None:
            raise RetentionError(f"there is no author {author_id}")
        school_id = None
    hold = LegalHold(school_id=school_id, comment_id=comment_id, author_id=author_id, reason=reason[:2000],
                     placed_by=by)
    session.add(hold)
    session.flush()
    audit.record(session, "retention.hold_placed", actor=by, school_id=school_id, subject_type="legal_hold",
                 subject_id=hold.id, data={"comment_id": comment_id, "author_id": author_id, "reason": hold.reason})
    return hold


def lift_hold(session: Session, hold_id: int, *, by: str, reason: str) -> LegalHold:
    hold = session.get(LegalHold, hold_id)
    if hold is None or hold.removed_at is not None:
        raise RetentionError(f"there is no hold {hold_id} in force")
    reason = (reason or "").strip()
    if not reason:
        raise RetentionError("give the reason the hold is lifted")
    hold.removed_at, hold.removed_by, hold.removed_reason = utcnow(), by, reason[:2000]
    session.add(hold)
    session.flush()
    audit.record(session, "retention.hold_lifted", actor=by, school_id=hold.school_id, subject_type="legal_hold",
                 subject_id=hold.id, data={"comment_id": hold.comment_id, "author_id": hold.author_id,
                                           "reason": hold.removed_reason})
    return hold


def holds(session: Session, *, in_force_only: bool = True) -> list[LegalHold]:
    stmt = select(LegalHold).order_by(col(LegalHold.id))
    if in_force_only:
        stmt = stmt.where(col(LegalHold.removed_at).is_(None))
    return list(session.exec(stmt))


def find_author(session: Session, external_id: str, platform: str | None = None) -> Author:
    """The author with this platform id (``platform`` picks one when both platforms have the id)."""
    stmt = select(Author).where(Author.external_id == external_id)
    if platform:
        stmt = stmt.where(Author.platform == platform)
    found = list(session.exec(stmt))
    if not found:
        raise RetentionError(f"no author has the platform id {external_id!r}")
    if len(found) > 1:
        raise RetentionError(f"authors on {', '.join(a.platform for a in found)} have the id {external_id!r}: "
                             f"say which platform")
    return found[0]


def _held(session: Session) -> tuple[set[int], set[int]]:
    """(held comment ids, held author ids)."""
    comments, authors = set(), set()
    for hold in holds(session):
        if hold.comment_id is not None:
            comments.add(hold.comment_id)
        if hold.author_id is not None:
            authors.add(hold.author_id)
    return comments, authors


# -- when a case closed -----------------------------------------------------------------------------

def closed_at(session: Session, comment_ids: list[int]) -> dict[int, datetime | None]:
    """When each case closed; None while it is still open (not yet judged, an escalation open, an
    action waiting)."""
    if not comment_ids:
        return {}
    # Columns, not Comment objects: a purge of a large register keeps the session's identity map small.
    comments = {cid: (state, fetched, removed) for cid, state, fetched, removed in session.exec(
        select(Comment.id, Comment.state, Comment.fetched_at, Comment.removed_by_author_at)
        .where(col(Comment.id).in_(comment_ids)))}
    latest: dict[int, datetime] = {}
    for cid, (_, fetched, removed) in comments.items():
        latest[cid] = max(t for t in (_aware(fetched), _aware(removed)) if t)
    for model, column in ((CommentRevision, CommentRevision.seen_at), (Decision, Decision.created_at),
                          (Action, Action.updated_at), (Escalation, Escalation.updated_at),
                          (Referral, Referral.created_at)):
        stmt = (select(model.comment_id, func.max(column)).where(col(model.comment_id).in_(comment_ids))
                .group_by(model.comment_id))
        for cid, when in session.exec(stmt):
            when = _aware(when)
            if when and when > latest[cid]:
                latest[cid] = when
    open_ids = set(session.exec(select(Escalation.comment_id).where(
        col(Escalation.comment_id).in_(comment_ids), col(Escalation.state).in_(OPEN_ESCALATION_STATES))))
    open_ids |= set(session.exec(select(Action.comment_id).where(
        col(Action.comment_id).in_(comment_ids), col(Action.status).in_((ActionStatus.PENDING, ActionStatus.RUNNING)))))
    open_ids |= {cid for cid, (state, _, _) in comments.items() if state != CommentState.DECIDED}
    return {cid: None if cid in open_ids else latest[cid] for cid in comments}


# -- the purge --------------------------------------------------------------------------------------

@dataclass
class PurgeResult:
    now: datetime
    dry_run: bool
    cases: list[int] = field(default_factory=list)        # comment ids whose cases were removed
    kept_by_hold: list[int] = field(default_factory=list)  # expired, but held
    authors_removed: list[int] = field(default_factory=list)
    authors_erased: list[int] = field(default_factory=list)  # name and username erased, row kept
    purged: list[dict[str, Any]] = field(default_factory=list)
    sessions: int = 0  # console sign-ins that ended or expired (not evidence: removed, counted here)
    event_seq: int | None = None

    def summary(self) -> str:
        counts: dict[str, int] = {}
        for ref in self.purged:
            counts[ref["table"]] = counts.get(ref["table"], 0) + 1
        verb = "would remove" if self.dry_run else "removed"
        rows = ", ".join(f"{n} {t}" for t, n in sorted(counts.items())) or "nothing"
        return (f"retention {verb} {len(self.cases)} case(s) ({rows}); "
                f"{len(self.authors_erased)} author(s) {'would have' if self.dry_run else 'had'} their name erased; "
                f"{len(self.kept_by_hold)} expired case(s) kept by a legal hold; "
                f"{self.sessions} ended console session(s) {'would be removed' if self.dry_run else 'removed'}"
                + (f"; audit event seq {self.event_seq}" if self.event_seq else ""))


def _school_ids(session: Session, settings: Settings) -> dict[str, int]:
    slugs = [s.slug for s in settings.schools]
    return {s.slug: s.id for s in session.exec(select(School).where(col(School.slug).in_(slugs)))} if slugs else {}


def expired_cases(session: Session, settings: Settings, *, now: datetime) -> tuple[list[int], list[int]]:
    """(comment ids whose cases closed more than their school's retention_days before ``now``, and of
    those the ones kept by a legal hold)."""
    held_comments, held_authors = _held(session)
    ids = _school_ids(session, settings)
    expired, kept = [], []
    for school in settings.schools:
        if school.retention_days is None or school.slug not in ids:
            continue
        cutoff = now - timedelta(days=school.retention_days)
        after = 0
        while True:
            page = list(session.exec(select(Comment.id, Comment.author_id).where(
                Comment.school_id == ids[school.slug], Comment.id > after, Comment.fetched_at < cutoff)
                .order_by(col(Comment.id)).limit(PAGE)))
            if not page:
                break
            closed = closed_at(session, [cid for cid, _ in page])
            for cid, author_id in page:
                when = closed.get(cid)
                if when is None or when >= cutoff:
                    continue
                (kept if cid in held_comments or author_id in held_authors else expired).append(cid)
            after = page[-1][0]
    return expired, kept


def _case_rows(session: Session, comment_ids: list[int]) -> list[tuple[type[SQLModel], list[int]]]:
    escalation_ids = list(session.exec(select(Escalation.id).where(col(Escalation.comment_id).in_(comment_ids))))
    out = []
    for model, by in CASE_TABLES:
        if by == "self":
            ids = list(comment_ids)
        elif by == "escalation":
            ids = list(session.exec(select(model.id).where(col(model.escalation_id).in_(escalation_ids)))) \
                if escalation_ids else []
        else:
            ids = list(session.exec(select(model.id).where(col(model.comment_id).in_(comment_ids))))
        out.append((model, sorted(ids)))
    return out


def _erasable_authors(session: Session, settings: Settings, *, now: datetime, held: set[int],
                      leaving: set[int]) -> list[int]:
    """Authors whose name and username may be erased: every one of their remaining cases belongs to a
    school with author_retention_days and closed more than that long ago."""
    days = {sid: s.author_retention_days for slug, sid in _school_ids(session, settings).items()
            for s in settings.schools if s.slug == slug}
    if not any(days.values()):
        return []
    out = []
    after = 0
    while True:
        authors = list(session.exec(select(Author.id).where(
            Author.id > after, or_(col(Author.name).is_not(None), col(Author.username).is_not(None)))
            .order_by(col(Author.id)).limit(PAGE)))
        if not authors:
            return out
        for author_id in authors:
            if author_id in held:
                continue
            rows = [(cid, sid) for cid, sid in session.exec(select(Comment.id, Comment.school_id).where(
                Comment.author_id == author_id)) if cid not in leaving]
            if not rows or any(not days.get(sid) for _, sid in rows):
                continue
            closed = closed_at(session, [cid for cid, _ in rows])
            if all(closed[cid] is not None and closed[cid] < now - timedelta(days=days[sid]) for cid, sid in rows):
                out.append(author_id)
        after = authors[-1]


def purge(session: Session, settings: Settings, *, now: datetime | None = None, dry_run: bool = False,
          actor: str = "retention", progress: Callable[[int, int | None], None] | None = None) -> PurgeResult:
    """Remove every expired case that no legal hold keeps, the details of authors past their
    author_retention_days, authors left with no case, and rejected input older than the school's
    retention. Records ONE ``retention.purged`` audit event listing every row removed (none when
    nothing was due). ``now`` is injectable so tests never wait. ``progress(done, total)`` is told
    after each page of cases (moderator/progress.py). Never commits."""
    now = _aware(now) or utcnow()
    result = PurgeResult(now=now, dry_run=dry_run)
    held_comments, held_authors = _held(session)
    result.cases, result.kept_by_hold = expired_cases(session, settings, now=now)
    leaving = set(result.cases)
    author_ids = set()
    for start in range(0, len(result.cases), PAGE):
        chunk = result.cases[start:start + PAGE]
        author_ids |= {a for a in session.exec(select(Comment.author_id).where(col(Comment.id).in_(chunk))) if a}
        for model, ids in _case_rows(session, chunk):
            result.purged += [{"table": model.__tablename__, "id": i} for i in ids]
            if ids and not dry_run:
                session.execute(delete(model).where(col(model.id).in_(ids)))
        if progress:
            progress(start + len(chunk), len(result.cases))
    candidates = sorted(author_ids - held_authors)
    for start in range(0, len(candidates), PAGE):
        chunk = candidates[start:start + PAGE]
        still = {a for a, cid in session.exec(select(Comment.author_id, Comment.id).where(
            col(Comment.author_id).in_(chunk))) if cid not in leaving}
        gone = [a for a in chunk if a not in still]  # no case of theirs is left
        result.authors_removed += gone
        result.purged += [{"table": "author", "id": a} for a in gone]
        if gone and not dry_run:
            session.execute(delete(Author).where(col(Author.id).in_(gone)))
    removed = set(result.authors_removed)
    for author_id in _erasable_authors(session, settings, now=now, held=held_authors, leaving=leaving):
        if author_id in removed:
            continue
        result.authors_erased.append(author_id)
        result.purged.append({"table": "author", "id": author_id, "fields": ["name", "username"]})
        if not dry_run:
            author = session.get(Author, author_id)
            author.name = author.username = None
            session.add(author)
    ids = _school_ids(session, settings)
    for school in settings.schools:
        if school.retention_days is None or school.slug not in ids:
            continue
        cutoff = now - timedelta(days=school.retention_days)
        rejected = list(session.exec(select(RejectedInput.id).join(Account, Account.id == RejectedInput.account_id)
                                     .where(Account.school_id == ids[school.slug], RejectedInput.at < cutoff)))
        result.purged += [{"table": "rejectedinput", "id": i} for i in rejected]
        if rejected and not dry_run:
            session.execute(delete(RejectedInput).where(col(RejectedInput.id).in_(rejected)))
    ended = or_(col(ConsoleSession.ended_at).is_not(None), ConsoleSession.expires_at < now)
    result.sessions = session.exec(select(func.count()).select_from(ConsoleSession).where(ended)).one()
    if result.sessions and not dry_run:
        session.execute(delete(ConsoleSession).where(ended))
    if result.purged and not dry_run:
        session.flush()
        event = audit.record(session, "retention.purged", actor=actor, at=now, data={
            "purged": result.purged,
            "reason": "retention: cases closed longer ago than their school's retention_days, authors' details "
                      "past author_retention_days or with no case left, and old rejected input; legal holds kept",
            "retention_days": {s.slug: s.retention_days for s in settings.schools},
            "author_retention_days": {s.slug: s.author_retention_days for s in settings.schools},
            "cases": len(result.cases), "kept_by_hold": result.kept_by_hold})
        result.event_seq = event.seq
    return result


# -- subject access ---------------------------------------------------------------------------------

def subject_access(session: Session, author: Author) -> dict[str, Any]:
    """Everything held about one author: their row, each of their comments with its whole case
    (revisions, analyses, decisions, escalations, referrals, platform actions and state), and any
    legal hold on them or their cases. Reviewers' names and reasons are included: the school's DPO
    decides what third-party information to withhold before sending it."""
    from moderator.record import case as cases
    from moderator.documents import case_dict

    comments = []
    for cid in session.exec(select(Comment.id).where(Comment.author_id == author.id).order_by(col(Comment.id))):
        found = cases.load(session, cid)
        record = case_dict(found)
        record["analyses"] = [
            {"revision": a.revision, "classifier": a.classifier, "classifier_version": a.classifier_version,
             "normalised_text": a.normalised_text, "scores": a.scores, "detectors": a.detectors,
             "at": _iso(a.created_at)}
            for a in session.exec(select(Analysis).where(Analysis.comment_id == cid).order_by(col(Analysis.id)))]
        comments.append(record)
    comment_ids = [c["comment"]["id"] for c in comments]
    hold_rows = session.exec(select(LegalHold).where(or_(
        LegalHold.author_id == author.id, col(LegalHold.comment_id).in_(comment_ids or [-1]))).order_by(col(LegalHold.id)))
    return {
        "kind": "subject access export",
        "generated_at": _iso(utcnow()),
        "audit_chain_head": audit.head_text(session),
        "author": {"id": author.id, "platform": author.platform, "platform_id": author.external_id,
                   "name": author.name, "username": author.username, "first_seen_at": _iso(author.first_seen_at)},
        "comments": comments,
        "legal_holds": [{"id": h.id, "comment_id": h.comment_id, "author_id": h.author_id, "reason": h.reason,
                         "placed_by": h.placed_by, "placed_at": _iso(h.placed_at), "removed_at": _iso(h.removed_at)}
                        for h in hold_rows],
    }


def export_subject_access(session: Session, author: Author, out: IO[str], *, actor: str) -> dict[str, Any]:
    """Write the subject access export as JSON and record the export itself in the audit log (with the
    SHA-256 of what was written). Returns the event's data. Never commits."""
    record = subject_access(session, author)
    body = json.dumps(record, ensure_ascii=False, indent=2, default=str) + "\n"
    out.write(body)
    data = {"author_id": author.id, "platform": author.platform, "comments": len(record["comments"]),
            "sha256": hashlib.sha256(body.encode("utf-8")).hexdigest(), "bytes": len(body.encode("utf-8"))}
    event = audit.record(session, "subject_access.exported", actor=actor, subject_type="author",
                         subject_id=author.id, data=data)
    return {**data, "event_seq": event.seq, "event_hash": event.hash}


def _iso(value: datetime | None) -> str | None:
    return _aware(value).isoformat() if value else None

