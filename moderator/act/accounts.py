"""Accounts: created from the config, leased by one worker at a time, paused, disabled and enabled.

Every change to an Account row happens here. A connector says what a failure means
(``ConnectorError.effect``); this module turns that into the account's state. Rate-limit blocks
per endpoint are stored on the row, so a restart, ``run --once`` and other workers honour them.
"""
from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta, timezone

from sqlalchemy import and_, func, or_, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from connectors.base import ConnectorError, Effect
from moderator import audit, words
from moderator.db import transaction, utcnow
from moderator.settings import Settings
from moderator.tables import Account, Action, School
from moderator.vocab import AccountStatus, ActionStatus

log = logging.getLogger("moderator.act.accounts")

MAX_POLL_BACKOFF_SECONDS = 300.0


# -- from the config ------------------------------------------------------------------------------

def sync_config(engine: Engine, settings: Settings) -> None:
    """Create or update School and Account rows for what the settings describe.

    Safe when several workers start at once on a fresh database: whoever inserts first wins and the
    others read the row it made."""
    for attempt in range(3):
        try:
            with transaction(engine) as session:
                _sync(session, settings)
            return
        except IntegrityError:
            if attempt == 2:
                raise
            log.info("another worker created the same school or account; reading it")


def _sync(session: Session, settings: Settings) -> None:
    for school_cfg in settings.schools:
        school = session.exec(select(School).where(School.slug == school_cfg.slug)).first()
        if school is None:
            school = School(slug=school_cfg.slug, name=school_cfg.name)
            session.add(school)
            session.flush()
            audit.record(session, "school.created", actor="config", school_id=school.id, subject_type="school",
                         subject_id=school.id, data={"slug": school.slug})
        elif school.name != school_cfg.name:
            school.name = school_cfg.name
            session.add(school)
        for acc_cfg in school_cfg.accounts:
            account = session.exec(select(Account).where(Account.handle == acc_cfg.handle)).first()
            if account is None:
                account = Account(school_id=school.id, handle=acc_cfg.handle, platform=acc_cfg.platform,
                                  connector=acc_cfg.connector)
                session.add(account)
                session.flush()
                audit.record(session, "account.created", actor="config", school_id=school.id,
                             subject_type="account", subject_id=account.id,
                             data={"handle": account.handle, "platform": account.platform})
            elif account.platform != acc_cfg.platform or account.school_id != school.id:
                raise ValueError(
                    f"setting 'schools.{school_cfg.slug}.accounts.{acc_cfg.handle}': this handle is already "
                    f"used for a {account.platform} account of another school or platform; choose a new handle")
            elif account.connector != acc_cfg.connector:
                account.connector = acc_cfg.connector
                session.add(account)


def school_ids(engine: Engine) -> dict[str, int]:
    with Session(engine) as session:
        return {s.slug: s.id for s in session.exec(select(School)).all()}


# -- leases ---------------------------------------------------------------------------------------

def _due(now: datetime, force: bool = False):  # noqa: ANN202
    """Usable, due (``force``: due or not, unless rate-limited or paused) and not leased by anyone."""
    return and_(
        or_(Account.status == AccountStatus.ACTIVE,
            and_(Account.status == AccountStatus.PAUSED, Account.paused_until <= now)),
        or_(Account.next_poll_at.is_(None), Account.next_poll_at <= now,
            force and Account.status == AccountStatus.ACTIVE),
        or_(Account.lease_until.is_(None), Account.lease_until < now),
    )


def due_accounts(engine: Engine, handles: list[str], *, force: bool = False) -> list[int]:
    now = utcnow()
    with Session(engine) as session:
        return list(session.exec(
            select(Account.id).where(col(Account.handle).in_(handles), _due(now, force)).order_by(col(Account.id))
        ).all())


def lease(engine: Engine, account_id: int, worker_id: str, *, seconds: float, force: bool = False) -> bool:
    """Claim the account for one poll (a conditional UPDATE: whoever changes the row owns it)."""
    now = utcnow()
    with transaction(engine) as session:
        n = session.execute(
            update(Account).where(Account.id == account_id, _due(now, force))
            .values(lease_owner=worker_id, lease_until=now + timedelta(seconds=seconds))
        ).rowcount
    return n == 1


def release(engine: Engine, account_id: int, worker_id: str) -> None:
    """Give the lease back without polling (a poll that failed on our side, say a database error)."""
    with transaction(engine) as session:
        session.execute(update(Account).where(Account.id == account_id, Account.lease_owner == worker_id)
                        .values(lease_owner=None, lease_until=None))


def holds_lease(account: Account, worker_id: str) -> bool:
    return account.lease_owner == worker_id


def polled(session: Session, account: Account, *, cursor: str | None, more: bool, interval: float) -> None:
    """A batch was stored: move the cursor, plan the next poll, end any pause, give up the lease."""
    now = utcnow()
    account.cursor = cursor
    account.last_polled_at = now
    if account.status == AccountStatus.PAUSED:
        account.status, account.status_reason, account.paused_until = AccountStatus.ACTIVE, None, None
    account.next_poll_at = now if more else now + timedelta(seconds=interval)
    account.lease_owner, account.lease_until = None, None
    account.updated_at = now
    session.add(account)


def poll_failed(engine: Engine, account_id: int, exc: ConnectorError, *, interval: float) -> None:
    """Act on what the connector said the failure means, and give up the lease."""
    with transaction(engine) as session:
        account = session.get(Account, account_id)
        account.lease_owner, account.lease_until = None, None
        if exc.effect is Effect.DISABLE:
            session.add(account)
            disable(session, account_id, str(exc))
            return
        delay = max(exc.retry_after or 0.0, min(interval, MAX_POLL_BACKOFF_SECONDS))
        account.next_poll_at = utcnow() + timedelta(seconds=delay)
        if exc.effect is Effect.PAUSE:
            _pause(session, account, str(exc), account.next_poll_at)
        session.add(account)
        handle = account.handle
    log.warning("poll failed", extra={"account": handle, "error": str(exc)[:300], "retry_in_seconds": round(delay, 1)})


def action_failed(session: Session, account_id: int, exc: ConnectorError) -> None:
    """An action's failure that concerns the whole account (not the action itself)."""
    if exc.effect is Effect.DISABLE:
        disable(session, account_id, str(exc))
    elif exc.effect is Effect.PAUSE:
        account = session.get(Account, account_id)
        _pause(session, account, str(exc), utcnow() + timedelta(seconds=exc.retry_after or 60.0))


def _pause(session: Session, account: Account, reason: str, until: datetime) -> None:
    # The platform refuses every call for now: show it, and hold the account's actions too.
    first = account.status != AccountStatus.PAUSED
    account.status, account.paused_until, account.status_reason = AccountStatus.PAUSED, until, reason[:2000]
    account.updated_at = utcnow()
    session.add(account)
    if first:
        audit.record(session, "account.paused", school_id=account.school_id, subject_type="account",
                     subject_id=account.id, data={"reason": reason[:500], "until": until.isoformat()})


def disable(session: Session, account_id: int, reason: str) -> None:
    """A permanent account-level problem (revoked token, missing permission): stop until the school acts."""
    account = session.get(Account, account_id)
    if account.status == AccountStatus.DISABLED:
        return
    account.status = AccountStatus.DISABLED
    account.status_reason = reason[:2000]
    account.updated_at = utcnow()
    session.add(account)
    audit.record(session, "account.disabled", school_id=account.school_id, subject_type="account", subject_id=account.id,
                 data={"reason": reason[:500]})
    log.error("account disabled", extra={"account": account.handle, "reason": reason[:300]})


def is_usable(account: Account) -> bool:
    return account.status == AccountStatus.ACTIVE


def enable(engine: Engine, handle: str, *, actor: str, now: bool = False) -> str:
    """Switch a disabled or paused account back on (after the school fixed its token, say), and say
    what will happen and when. The platform's own pause (a rate-limit block stored on the row) still
    holds: nothing is fetched or sent before it ends, so nothing is known about the token either.
    ``now``: forget the stored pause, so the next worker run calls the platform at once."""
    with transaction(engine) as session:
        account = session.exec(select(Account).where(Account.handle == handle)).first()
        if account is None:
            raise ValueError(f"no account called {handle!r}; see `moderator accounts list`")
        held = {k: float(v) for k, v in (account.blocked or {}).items()
                if isinstance(v, (int, float)) and v > time.time()}
        waiting = session.exec(select(func.count()).select_from(Action).where(
            Action.account_id == account.id, col(Action.status).in_((ActionStatus.PENDING, ActionStatus.RUNNING)))).one()
        previous, reason = account.status, account.status_reason
        if previous == AccountStatus.ACTIVE and not (now and held):
            return f"{handle} is already active" + (f"; {_pause_words(account, held, waiting)}" if held else "")
        if now:
            account.blocked = {}
        if previous != AccountStatus.ACTIVE:
            account.status, account.status_reason, account.paused_until = AccountStatus.ACTIVE, None, None
        account.next_poll_at, account.updated_at = None, utcnow()
        session.add(account)
        audit.record(session, "account.enabled", actor=actor, school_id=account.school_id, subject_type="account",
                     subject_id=account.id, data={"previous": previous, "previous_reason": (reason or "")[:500],
                                                  "now": now, "platform_pause_until": max(held.values(), default=None)})
        platform = words.platform_name(account.platform)
    was = f"{handle} is active again (it was {previous})" if previous != AccountStatus.ACTIVE else f"{handle} is active"
    if held and not now:
        return f"{was}, but {_pause_words(account, held, waiting)}"
    tried = (f"the stored {platform} pause is forgotten: " if held else "") + \
        f"the next worker run calls {platform} at once and sends the {waiting} waiting action(s)"
    return (f"{was}; {tried}. If {platform} still refuses calls the account is paused again; if the token "
            f"is no longer valid it is disabled with that reason")


def _pause_words(account: Account, held: dict[str, float], waiting: int) -> str:
    until = max(held.values())
    at = datetime.fromtimestamp(until, tz=timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
    platform = words.platform_name(account.platform)
    return (f"{platform}'s own pause holds until {at} ({until - time.time():.0f} s from now): nothing is fetched "
            f"and none of the {waiting} waiting action(s) is sent before then, and whether the token is still "
            f"valid is known only then. `moderator accounts enable {account.handle} --now` tries at once")


# -- rate-limit blocks ----------------------------------------------------------------------------

def blocks(engine: Engine, account_id: int) -> dict[str, float]:
    """The stored, unexpired blocks for this account (endpoint -> epoch seconds)."""
    with Session(engine) as session:
        account = session.get(Account, account_id)
        stored = dict(account.blocked or {}) if account else {}
    now = time.time()
    return {k: float(v) for k, v in stored.items() if isinstance(v, (int, float)) and v > now}


def save_blocks(engine: Engine, account_id: int, current: dict[str, float]) -> None:
    """Store the connector's blocks if they changed (most polls change nothing and write nothing)."""
    now = time.time()
    current = {str(k)[:64]: round(float(v), 3) for k, v in current.items() if v > now}
    if current == blocks(engine, account_id):
        return
    with transaction(engine) as session:
        session.execute(update(Account).where(Account.id == account_id).values(blocked=current))
