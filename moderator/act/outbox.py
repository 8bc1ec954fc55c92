"""The outbox: platform actions as rows. ``enqueue`` writes one (once per idempotency key),
``claim``/``execute`` carry it out, and ``platform_state`` answers "is it hidden?" from the
ordered actions: the register, the console and ``moderator queue`` all ask it.

A row is claimed with a conditional UPDATE (whoever changes it owns it) and a lease, so a worker
killed mid-call leaves a row that another worker re-claims once the lease runs out; the platform
call carries the row's idempotency key, so repeating it cannot act twice. No transaction is held
across the network call.
"""
from __future__ import annotations

import logging
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Callable

from sqlalchemy import and_, or_, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from connectors.base import ActionTarget, Connector, ConnectorError, Effect, UnsupportedAction
from moderator import audit
from moderator.act import accounts, escalations
from moderator.db import claim_rows, transaction, utcnow
from moderator.tables import Account, Action, Author, Comment, CommentRevision
from moderator.vocab import AccountStatus, ActionKind, ActionStatus, Priority, Route

log = logging.getLogger("moderator.act.outbox")

MAX_BACKOFF_SECONDS = 3600.0
# What ``execute`` returns when the account itself stopped (disabled or paused): the worker may
# drop its connector. Any other result leaves the connector (and its rate-limit memory) in place.
STOPPED = "stopped"


# -- queueing -------------------------------------------------------------------------------------

def action_key(kind: str, platform: str, external_id: str, decision_id: int | None = None) -> str:
    """The idempotency key: the service's own hide is one per comment; a person's action is one per decision."""
    base = f"{kind}:{platform}:{external_id}"
    return base if decision_id is None else f"{base}:{decision_id}"


def enqueue(session: Session, *, comment: Comment, kind: str, decision_id: int | None, key: str,
            requested_by: str = "service", params: dict[str, Any] | None = None,
            note: dict[str, Any] | None = None) -> Action | None:
    """Queue one platform action in the caller's transaction; None if that key was queued before."""
    (action,) = enqueue_many(session, [Wanted(account_id=comment.account_id, comment_id=comment.id,
                                              school_id=comment.school_id, kind=kind, decision_id=decision_id,
                                              key=key, requested_by=requested_by, params=params, note=note)])
    if action is not None:
        record_queued(session, action, comment.school_id, note)
    return action


@dataclass
class Wanted:
    """One action to queue (``enqueue_many``)."""

    account_id: int
    comment_id: int
    school_id: int
    kind: str
    decision_id: int | None
    key: str
    requested_by: str = "service"
    params: dict[str, Any] | None = None
    note: dict[str, Any] | None = None


def enqueue_many(session: Session, wanted: list[Wanted]) -> list[Action | None]:
    """Queue these actions in the caller's transaction, with one look-up and one insert for them all;
    None in place of each whose key was queued before (or earlier in the list). The caller records
    ``record_queued`` for each new one, in the order its own events need."""
    keys = [w.key for w in wanted]
    taken = set(session.exec(select(Action.idempotency_key).where(col(Action.idempotency_key).in_(keys))).all()) \
        if keys else set()
    out: list[Action | None] = []
    for w in wanted:
        if w.key in taken:
            out.append(None)
            continue
        taken.add(w.key)
        out.append(Action(account_id=w.account_id, comment_id=w.comment_id, decision_id=w.decision_id, kind=w.kind,
                          idempotency_key=w.key, requested_by=w.requested_by, params=w.params or {}))
    new = [a for a in out if a is not None]
    if new:
        session.add_all(new)
        session.flush()
    return out


def record_queued(session: Session, action: Action, school_id: int, note: dict[str, Any] | None = None) -> None:
    audit.record(session, "action.queued", actor=action.requested_by, school_id=school_id, subject_type="action",
                 subject_id=action.id, data={"kind": action.kind, "comment_id": action.comment_id,
                                             "key": action.idempotency_key, **(note or {})},
                 evidence=audit.evidence_of(action))


# -- what the platform shows ----------------------------------------------------------------------

@dataclass
class PlatformState:
    """A comment's state on the platform, derived from its actions in the order they were carried out."""

    hidden: bool = False
    deleted: bool = False
    author_banned: bool = False
    pending: list[str] = field(default_factory=list)  # actions queued or retrying
    failed: list[str] = field(default_factory=list)   # actions that gave up
    last_done_at: datetime | None = None
    hidden_once_sent: bool = False  # hidden when the actions still waiting have run (a person's intent)

    @property
    def label(self) -> str:
        if self.deleted:
            words = "deleted"
        elif self.hidden:
            words = "hidden"
        else:
            words = "visible"
        if self.author_banned:
            words += ", author banned"
        if self.pending:
            words += f" ({', '.join(self.pending)} pending)"
        if self.failed:
            words += f" ({', '.join(self.failed)} failed)"
        return words


def state_of(actions: list[Action]) -> PlatformState:
    """Fold a comment's actions, in the order they were carried out, into its platform state."""
    state = PlatformState()
    done = sorted((a for a in actions if a.status == ActionStatus.DONE),
                  key=lambda a: (a.done_at or a.updated_at, a.id))
    for action in done:
        if action.kind == ActionKind.HIDE:
            state.hidden = True
        elif action.kind == ActionKind.UNHIDE:
            state.hidden = False
        elif action.kind == ActionKind.DELETE:
            state.deleted, state.hidden = True, False
        elif action.kind == ActionKind.BAN:
            state.author_banned = True
        elif action.kind == ActionKind.UNBAN:
            state.author_banned = False
        state.last_done_at = action.done_at
    state.hidden_once_sent = state.hidden
    for action in sorted(actions, key=lambda a: a.id):
        if action.status in (ActionStatus.PENDING, ActionStatus.RUNNING):
            state.pending.append(action.kind)
            if action.kind in (ActionKind.HIDE, ActionKind.UNHIDE, ActionKind.DELETE):
                state.hidden_once_sent = action.kind == ActionKind.HIDE
        elif action.status == ActionStatus.FAILED:
            state.failed.append(action.kind)
    return state


def platform_states(session: Session, comment_ids: list[int]) -> dict[int, PlatformState]:
    """``platform_state`` for many comments in one query."""
    by_comment: dict[int, list[Action]] = {cid: [] for cid in comment_ids}
    for start in range(0, len(comment_ids), 500):
        chunk = comment_ids[start:start + 500]
        for action in session.exec(select(Action).where(col(Action.comment_id).in_(chunk))):
            by_comment[action.comment_id].append(action)
    return {cid: state_of(actions) for cid, actions in by_comment.items()}


def platform_state(session: Session, comment_id: int) -> PlatformState:
    return platform_states(session, [comment_id])[comment_id]


def _claimable(now):
    return or_(
        and_(Action.status == ActionStatus.PENDING, Action.next_attempt_at <= now),
        and_(Action.status == ActionStatus.RUNNING, Action.claimed_until < now),  # its worker died
    )


def claim(engine: Engine, worker_id: str, *, lease_seconds: float, limit: int) -> list[int]:
    """Claim up to ``limit`` due actions of usable accounts for this worker, lowest id first, in one
    conditional UPDATE (moderator/db.py's ``claim_rows``)."""
    now = utcnow()
    candidates = (select(Action.id).join(Account, Account.id == Action.account_id)
                  .where(_claimable(now), Account.status == AccountStatus.ACTIVE).order_by(col(Action.id)).limit(limit))
    with transaction(engine) as session:
        claimed = claim_rows(session, Action, candidates, _claimable(now), returning=(Action.id,), values={
            "status": ActionStatus.RUNNING, "claimed_by": worker_id, "claimed_until": now + timedelta(seconds=lease_seconds),
            "attempts": Action.attempts + 1, "updated_at": now})
    return sorted(row.id for row in claimed)


@dataclass
class Job:
    """What carrying out one claimed action needs, read before any platform call."""

    action_id: int
    account_id: int
    school_id: int
    kind: str
    key: str
    params: dict[str, Any]
    attempts: int
    usable: bool
    target: ActionTarget


def jobs(engine: Engine, action_ids: list[int]) -> dict[int, Job]:
    """The jobs of these actions, read in two queries however many there are."""
    if not action_ids:
        return {}
    with Session(engine) as session:
        rows = session.exec(
            select(Action, Account, Comment, Author).join(Account, Account.id == Action.account_id)
            .outerjoin(Comment, Comment.id == Action.comment_id).outerjoin(Author, Author.id == Comment.author_id)
            .where(col(Action.id).in_(action_ids))
        ).all()
        versions = current_versions(session, [c.id for _, _, c, _ in rows if c is not None and c.revision])
    out = {}
    for action, account, comment, author in rows:
        target = ActionTarget(
            platform=account.platform,
            comment_external_id=comment.external_id if comment else action.params.get("comment_external_id"),
            version_external_id=versions.get(comment.id) if comment else None,
            author_external_id=author.external_id if author else action.params.get("author_external_id"),
            post_external_id=comment.post_external_id if comment else None,
        )
        out[action.id] = Job(action.id, action.account_id, account.school_id, action.kind, action.idempotency_key,
                             dict(action.params), action.attempts, accounts.is_usable(account), target)
    return out


def backoff_seconds(attempts: int, base: float, retry_after: float | None) -> float:
    delay = min(MAX_BACKOFF_SECONDS, base * (2 ** max(0, attempts - 1)))
    delay = delay * (0.5 + random.random())  # jitter, so a fleet does not retry in step
    return max(delay, retry_after or 0.0)


def execute(engine: Engine, action_id: int, worker_id: str, connector_for: Callable[[int], Connector], *,
            max_attempts: int, retry_base: float, job: Job | None = None) -> str:
    """Run one claimed action. Returns its new status, or STOPPED if its account stopped (the row
    waits, uncounted, until the account is usable again). ``job``: the action's job, read earlier
    with others (``jobs``); the account is then checked again here, just before the call."""
    if job is None:
        job = jobs(engine, [action_id])[action_id]
    else:
        with Session(engine) as session:
            job.usable = accounts.is_usable(session.get(Account, job.account_id))
    kind, key, params, attempts, school_id = job.kind, job.key, job.params, job.attempts, job.school_id
    if not job.usable:
        # The account was disabled or paused after this row was claimed: hand it back untouched.
        _release(engine, action_id, worker_id)
        return STOPPED
    try:
        result = connector_for(job.account_id).act(kind, job.target, params, key)
    except ConnectorError as exc:
        return _failed(engine, action_id, worker_id, exc, attempts, school_id, max_attempts=max_attempts,
                       retry_base=retry_base)
    except Exception as exc:  # a bug or an unexpected library error: retry, never lose the row
        log.exception("action raised unexpectedly", extra={"action_id": action_id})
        return _failed(engine, action_id, worker_id, ConnectorError(f"{type(exc).__name__}: {exc}"), attempts,
                       school_id, max_attempts=max_attempts, retry_base=retry_base)
    now = utcnow()
    with transaction(engine) as session:
        n = session.execute(
            _ours(action_id, worker_id)
            .values(status=ActionStatus.DONE, result=result, done_at=now, updated_at=now, claimed_until=None, last_error=None)
        ).rowcount
        if n != 1:
            # Our lease ran out and another worker took the row; its call used the same key.
            log.warning("action finished after its lease expired", extra={"action_id": action_id})
            return "lost"
        audit.record(session, f"action.{kind}.done", school_id=school_id, subject_type="action", subject_id=action_id,
                     data={"key": key, "attempts": attempts, "result": result, "done_at": now.isoformat()})
    log.info("action done", extra={"action_id": action_id, "kind": kind, "attempts": attempts})
    return ActionStatus.DONE


def current_version(session: Session, comment: Comment) -> str | None:
    """The platform's id for the version of the comment people see now, where an edit got an id of
    its own (X); None where the comment's own id is it. Read from the stored revisions, so any
    worker, after any restart, acts on the same post."""
    return current_versions(session, [comment.id]).get(comment.id)


def current_versions(session: Session, comment_ids: list[int]) -> dict[int, str]:
    """``current_version`` of many comments in one query (a comment absent: its own id is it)."""
    out: dict[int, str] = {}
    if comment_ids:
        for comment_id, _, external_id in session.exec(
            select(CommentRevision.comment_id, CommentRevision.revision, CommentRevision.external_id)
            .where(col(CommentRevision.comment_id).in_(comment_ids), CommentRevision.kind == "edit",
                   col(CommentRevision.external_id).is_not(None))
            .order_by(col(CommentRevision.comment_id), col(CommentRevision.revision))
        ).all():
            out[comment_id] = external_id  # ascending: the last one seen is the latest
    return out


def _ours(action_id: int, worker_id: str):  # noqa: ANN202
    """An UPDATE of the row only while this worker still holds its claim."""
    return update(Action).where(Action.id == action_id, Action.status == ActionStatus.RUNNING, Action.claimed_by == worker_id)


def _hand_back(session: Session, action_id: int, worker_id: str, **values) -> bool:  # noqa: ANN003
    """Return a claimed row to pending without counting the attempt (the action was not at fault)."""
    return session.execute(
        _ours(action_id, worker_id).values(status=ActionStatus.PENDING, claimed_by=None, claimed_until=None,
                                           attempts=Action.attempts - 1, updated_at=utcnow(), **values)
    ).rowcount == 1


def _release(engine: Engine, action_id: int, worker_id: str) -> None:
    with transaction(engine) as session:
        _hand_back(session, action_id, worker_id)


def _failed(engine: Engine, action_id: int, worker_id: str, exc: ConnectorError, attempts: int, school_id: int, *,
            max_attempts: int, retry_base: float) -> str:
    if exc.effect in (Effect.DISABLE, Effect.PAUSE):
        # Not this action's fault: the account is stopped and the action waits, uncounted, until it is usable.
        with transaction(engine) as session:
            if _hand_back(session, action_id, worker_id, last_error=str(exc)[:2000]):
                accounts.action_failed(session, session.get(Action, action_id).account_id, exc)
        return STOPPED
    now = utcnow()
    give_up = exc.permanent or attempts >= max_attempts
    status = ActionStatus.FAILED if give_up else ActionStatus.PENDING
    next_at = now if give_up else now + timedelta(seconds=backoff_seconds(attempts, retry_base, exc.retry_after))
    with transaction(engine) as session:
        n = session.execute(
            _ours(action_id, worker_id)
            .values(status=status, last_error=str(exc)[:2000], next_attempt_at=next_at, updated_at=now,
                    claimed_until=None)
        ).rowcount
        if n != 1:
            return "lost"
        # The event carries the failure's own time, so "next attempt after the failure" holds by construction.
        audit.record(session, "action.failed" if give_up else "action.retry_scheduled", school_id=school_id,
                     subject_type="action", subject_id=action_id, at=now,
                     data={"error": str(exc)[:500], "code": exc.code, "permanent": exc.permanent, "attempts": attempts,
                           "next_attempt_at": None if give_up else next_at.isoformat()})
        action = session.get(Action, action_id)
        if isinstance(exc, UnsupportedAction) and action.comment_id \
                and action.kind in (ActionKind.DELETE, ActionKind.BAN, ActionKind.REPLY):
            _fall_back(session, action, school_id)
    level = logging.ERROR if give_up else logging.WARNING
    log.log(level, "action failed", extra={"action_id": action_id, "error": str(exc)[:300], "permanent": exc.permanent,
                                           "attempts": attempts, "will_retry": not give_up})
    return status


def _fall_back(session: Session, action: Action, school_id: int) -> None:
    """The platform cannot do what was asked. Delete or ban (X allows neither): hide instead and ask
    a person. Reply: ask a person to reply by hand."""
    comment = session.get(Comment, action.comment_id)
    if action.kind == ActionKind.REPLY:
        reason = f"{comment.platform} replies cannot be sent from here; reply by hand on {comment.platform}"
    else:
        enqueue(session, comment=comment, kind=ActionKind.HIDE, decision_id=action.decision_id,
                key=action_key(ActionKind.HIDE, comment.platform, comment.external_id),
                requested_by=action.requested_by, note={"instead_of": action.kind})
        reason = f"{comment.platform} cannot {action.kind} other people's posts; hidden instead, needs review"
    escalations.open(session, school_id=school_id, comment_id=comment.id, route=Route.HEADTEACHER,
                     priority=Priority.NORMAL, reason=reason, decision_id=action.decision_id, reopen_reason=reason)
