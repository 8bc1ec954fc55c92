"""The outbox executor: claims action rows atomically, calls the platform, records the outcome.

A row is claimed with a conditional UPDATE (whoever changes it owns it) and a lease, so a worker
killed mid-call leaves a row that another worker re-claims once the lease runs out; the platform
call carries the row's idempotency key, so repeating it cannot act twice. No transaction is held
across the network call.
"""
from __future__ import annotations

import logging
import random
from datetime import timedelta
from typing import Callable

from sqlalchemy import and_, or_, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from connectors.base import ActionTarget, Connector, ConnectorError
from moderator import audit
from moderator.db import transaction, utcnow
from moderator.tables import Account, Action, Author, Comment, Escalation

log = logging.getLogger("moderator.outbox")

MAX_BACKOFF_SECONDS = 3600.0


def _claimable(now):
    return or_(
        and_(Action.status == "pending", Action.next_attempt_at <= now),
        and_(Action.status == "running", Action.claimed_until < now),  # its worker died
    )


def claim(engine: Engine, worker_id: str, *, lease_seconds: float, limit: int) -> list[int]:
    now = utcnow()
    with Session(engine) as session:
        candidates = session.exec(
            select(Action.id).join(Account, Account.id == Action.account_id)
            .where(_claimable(now), Account.status == "active").order_by(col(Action.id)).limit(limit)
        ).all()
    claimed = []
    for action_id in candidates:
        with transaction(engine) as session:
            n = session.execute(
                update(Action).where(Action.id == action_id, _claimable(now))
                .values(status="running", claimed_by=worker_id, claimed_until=now + timedelta(seconds=lease_seconds),
                        attempts=Action.attempts + 1, updated_at=now)
            ).rowcount
        if n == 1:  # if not, another worker got there first
            claimed.append(action_id)
    return claimed


def backoff_seconds(attempts: int, base: float, retry_after: float | None) -> float:
    delay = min(MAX_BACKOFF_SECONDS, base * (2 ** max(0, attempts - 1)))
    delay = delay * (0.5 + random.random())  # jitter, so a fleet does not retry in step
    return max(delay, retry_after or 0.0)


def execute(engine: Engine, action_id: int, worker_id: str, connector_for: Callable[[int], Connector], *,
            max_attempts: int, retry_base: float) -> str:
    """Run one claimed action. Returns its new status."""
    with Session(engine) as session:
        action = session.get(Action, action_id)
        comment = session.get(Comment, action.comment_id) if action.comment_id else None
        author = session.get(Author, comment.author_id) if comment and comment.author_id else None
        account = session.get(Account, action.account_id)
        target = ActionTarget(
            platform=account.platform,
            comment_external_id=comment.external_id if comment else action.params.get("comment_external_id"),
            author_external_id=author.external_id if author else action.params.get("author_external_id"),
            post_external_id=comment.post_external_id if comment else None,
        )
        kind, key, params, attempts, school_id = action.kind, action.idempotency_key, dict(action.params), action.attempts, account.school_id
        usable = account.status == "active"
    if not usable:
        # The account was disabled or paused after this row was claimed: hand it back untouched.
        _release(engine, action_id, worker_id)
        return "pending"
    try:
        result = connector_for(action.account_id).act(kind, target, params, key)
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
            .values(status="done", result=result, done_at=now, updated_at=now, claimed_until=None, last_error=None)
        ).rowcount
        if n != 1:
            # Our lease ran out and another worker took the row; its call used the same key.
            log.warning("action finished after its lease expired", extra={"action_id": action_id})
            return "lost"
        audit.record(session, f"action.{kind}.done", school_id=school_id, subject_type="action", subject_id=action_id,
                     data={"key": key, "attempts": attempts, "result": result})
    log.info("action done", extra={"action_id": action_id, "kind": kind, "attempts": attempts})
    return "done"


def _ours(action_id: int, worker_id: str):  # noqa: ANN202
    """An UPDATE of the row only while this worker still holds its claim."""
    return update(Action).where(Action.id == action_id, Action.status == "running", Action.claimed_by == worker_id)


def _hand_back(session: Session, action_id: int, worker_id: str, **values) -> bool:  # noqa: ANN003
    """Return a claimed row to pending without counting the attempt (the action was not at fault)."""
    return session.execute(
        _ours(action_id, worker_id).values(status="pending", claimed_by=None, claimed_until=None,
                                           attempts=Action.attempts - 1, updated_at=utcnow(), **values)
    ).rowcount == 1


def _release(engine: Engine, action_id: int, worker_id: str) -> None:
    with transaction(engine) as session:
        _hand_back(session, action_id, worker_id)


def _failed(engine: Engine, action_id: int, worker_id: str, exc: ConnectorError, attempts: int, school_id: int, *,
            max_attempts: int, retry_base: float) -> str:
    if exc.account_problem:
        # Not this action's fault: the account is stopped and the action waits, uncounted, until it is fixed.
        with transaction(engine) as session:
            if _hand_back(session, action_id, worker_id, last_error=str(exc)[:2000]):
                disable_account(session, session.get(Action, action_id).account_id, str(exc))
        return "pending"
    now = utcnow()
    give_up = exc.permanent or attempts >= max_attempts
    status = "failed" if give_up else "pending"
    next_at = now if give_up else now + timedelta(seconds=backoff_seconds(attempts, retry_base, exc.retry_after))
    with transaction(engine) as session:
        n = session.execute(
            _ours(action_id, worker_id)
            .values(status=status, last_error=str(exc)[:2000], next_attempt_at=next_at, updated_at=now,
                    claimed_until=None)
        ).rowcount
        if n != 1:
            return "lost"
        audit.record(session, "action.failed" if give_up else "action.retry_scheduled", school_id=school_id,
                     subject_type="action", subject_id=action_id,
                     data={"error": str(exc)[:500], "code": exc.code, "permanent": exc.permanent, "attempts": attempts,
                           "next_attempt_at": None if give_up else next_at.isoformat()})
        action = session.get(Action, action_id)
        if exc.code == "unsupported" and action.comment_id:
            _fall_back(session, action, school_id)
    level = logging.ERROR if give_up else logging.WARNING
    log.log(level, "action failed", extra={"action_id": action_id, "error": str(exc)[:300], "permanent": exc.permanent,
                                           "attempts": attempts, "will_retry": not give_up})
    return status


def _fall_back(session: Session, action: Action, school_id: int) -> None:
    """The platform cannot do what was asked. Delete or ban (X allows neither): hide instead and ask
    a person. Reply: ask a person to reply by hand. Anything else: nothing to do but record it."""
    comment = session.get(Comment, action.comment_id)
    if action.kind not in ("delete", "ban", "reply"):
        return
    if action.kind == "reply":
        reason = f"{comment.platform} replies cannot be sent from here; reply by hand on {comment.platform}"
        _review(session, comment, action, school_id, reason)
        return
    key = f"hide:{comment.platform}:{comment.external_id}"
    if session.exec(select(Action.id).where(Action.idempotency_key == key)).first() is None:
        hide = Action(account_id=action.account_id, comment_id=comment.id, decision_id=action.decision_id,
                      kind="hide", idempotency_key=key, requested_by=action.requested_by)
        session.add(hide)
        session.flush()
        audit.record(session, "action.queued", school_id=school_id, subject_type="action", subject_id=hide.id,
                     data={"kind": "hide", "comment_id": comment.id, "key": key, "instead_of": action.kind})
    _review(session, comment, action, school_id,
            f"{comment.platform} cannot {action.kind} other people's posts; hidden instead, needs review")


def _review(session: Session, comment: Comment, action: Action, school_id: int, reason: str) -> None:
    escalation = session.exec(
        select(Escalation).where(Escalation.comment_id == comment.id, Escalation.route == "headteacher")
    ).first()
    if escalation is None:
        escalation = Escalation(school_id=school_id, comment_id=comment.id, decision_id=action.decision_id,
                                route="headteacher", priority="normal", reason=reason)
        session.add(escalation)
        session.flush()
        audit.record(session, "escalation.opened", school_id=school_id, subject_type="escalation",
                     subject_id=escalation.id, data={"comment_id": comment.id, "route": "headteacher",
                                                     "priority": "normal", "reason": reason})
    elif escalation.state in ("decided", "closed"):
        from moderator.escalations import transition

        transition(session, escalation, "in_review", actor="service", reason=reason)


def disable_account(session: Session, account_id: int, reason: str) -> None:
    """A permanent account-level problem (revoked token, missing permission): stop until the school acts."""
    account = session.get(Account, account_id)
    if account.status == "disabled":
        return
    account.status = "disabled"
    account.status_reason = reason[:2000]
    account.updated_at = utcnow()
    session.add(account)
    audit.record(session, "account.disabled", school_id=account.school_id, subject_type="account", subject_id=account.id,
                 data={"reason": reason[:500]})
    log.error("account disabled", extra={"account": account.handle, "reason": reason[:300]})
