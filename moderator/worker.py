"""The worker: a plain loop of steps (poll accounts, analyse, execute actions), each returning
whether it did any work. It sleeps when idle and stops cleanly on SIGTERM or SIGINT.

Accounts are leased from the database (conditional UPDATE with an expiry), so any number of
workers can share one PostgreSQL database and a dead worker's accounts are picked up again.
"""
from __future__ import annotations

import logging
import os
import signal
import socket
import threading
import time
import uuid
from datetime import timedelta

from sqlalchemy import and_, or_, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from connectors import Connector, ConnectorError, build_connector
from models import Classifier, load_classifier
from moderator import audit, outbox, pipeline
from moderator.db import transaction, utcnow
from moderator.detectors import SchoolContext
from moderator.policy import load_policy
from moderator.settings import AccountSettings, SchoolSettings, Settings
from moderator.tables import Account, Action, School

log = logging.getLogger("moderator.worker")

# Errors that stop every call to the platform for a while, not just reading (a per-endpoint rate
# limit only delays the next poll; hides keep going).
PAUSING_CODES = {"throttled", "out_of_credits", "monthly_cap"}


def sync_config(engine: Engine, settings: Settings) -> None:
    """Create or update School and Account rows for what the settings describe."""
    with transaction(engine) as session:
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


class Worker:
    def __init__(self, settings: Settings, engine: Engine, *, classifier: Classifier | None = None,
                 worker_id: str | None = None):
        self.settings = settings
        self.engine = engine
        self.worker_id = worker_id or f"{socket.gethostname()[:30]}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        self._classifier = classifier
        self._connectors: dict[int, Connector] = {}
        self.stop_event = threading.Event()
        self.schools: dict[int, pipeline.SchoolRuntime] = {}
        self.account_cfg: dict[str, tuple[SchoolSettings, AccountSettings]] = {}
        self._load_schools()

    # -- set-up ----------------------------------------------------------------------------
    def _load_schools(self) -> None:
        default_policy = load_policy(self.settings.policy_file)
        with Session(self.engine) as session:
            slugs = {s.slug: s.id for s in session.exec(select(School)).all()}
        for cfg in self.settings.schools:
            policy = load_policy(cfg.policy_file) if cfg.policy_file else default_policy
            if self.settings.thresholds:
                policy = policy.model_copy(update={"thresholds": {**policy.thresholds, **self.settings.thresholds}})
            self.schools[slugs[cfg.slug]] = pipeline.SchoolRuntime(
                policy=policy,
                context=SchoolContext(headteacher=cfg.headteacher, staff=cfg.staff, pupil_names=cfg.all_pupil_names()),
                shadow=self.settings.shadow_mode if cfg.shadow_mode is None else cfg.shadow_mode,
            )
            for acc in cfg.accounts:
                self.account_cfg[acc.handle] = (cfg, acc)

    @property
    def classifier(self) -> Classifier:
        if self._classifier is None:
            started = time.monotonic()
            self._classifier = load_classifier(self.settings.classifier, **self.settings.classifier_options)
            log.info("classifier loaded", extra={"classifier": self._classifier.name,
                                                 "version": self._classifier.version,
                                                 "seconds": round(time.monotonic() - started, 2)})
        return self._classifier

    def connector_for(self, account_id: int) -> Connector:
        if account_id not in self._connectors:
            with Session(self.engine) as session:
                account = session.get(Account, account_id)
            _, cfg = self.account_cfg[account.handle]
            try:
                self._connectors[account_id] = build_connector(cfg.connector, platform=cfg.platform,
                                                               handle=cfg.handle, options=cfg.options)
            except ConnectorError as exc:
                # A connector that cannot even be built is misconfigured: stop the account, say why.
                raise ConnectorError(f"account {cfg.handle} is misconfigured: {exc}", account_problem=True,
                                     code=exc.code or "config") from None
        return self._connectors[account_id]

    # -- steps -----------------------------------------------------------------------------
    def poll_step(self, *, force: bool = False) -> bool:
        """Poll every account that is due (``force``: every usable account) and not leased by another worker."""
        did_work = False
        now = utcnow()
        with Session(self.engine) as session:
            handles = list(self.account_cfg)
            due = session.exec(
                select(Account.id).where(col(Account.handle).in_(handles), self._due(now, force))
                .order_by(col(Account.id))
            ).all()
        for account_id in due:
            if self.stop_event.is_set():
                break
            if self._lease(account_id, force):
                did_work |= self._poll_account(account_id)
        return did_work

    @staticmethod
    def _due(now, force: bool = False):
        return and_(
            or_(Account.status == "active", and_(Account.status == "paused", Account.paused_until <= now)),
            or_(Account.next_poll_at.is_(None), Account.next_poll_at <= now, force and Account.status == "active"),
            or_(Account.lease_until.is_(None), Account.lease_until < now),
        )

    def _lease(self, account_id: int, force: bool = False) -> bool:
        now = utcnow()
        until = now + timedelta(seconds=self.settings.account_lease_seconds)
        with transaction(self.engine) as session:
            n = session.execute(
                update(Account).where(Account.id == account_id, self._due(now, force))
                .values(lease_owner=self.worker_id, lease_until=until)
            ).rowcount
        return n == 1

    def _poll_account(self, account_id: int) -> bool:
        with Session(self.engine) as session:
            account = session.get(Account, account_id)
            cursor, handle = account.cursor, account.handle
        _, cfg = self.account_cfg[handle]
        interval = cfg.poll_interval_seconds or self.settings.poll_interval_seconds
        try:
            result = self.connector_for(account_id).fetch(cursor, self.settings.batch_size)
        except ConnectorError as exc:
            self._poll_failed(account_id, exc, interval)
            return False
        with transaction(self.engine) as session:
            account = session.get(Account, account_id)
            if account.lease_owner != self.worker_id:
                log.warning("lost the account lease before storing a batch; it will be read again",
                            extra={"account": handle})
                return False
            stats = pipeline.ingest(session, account, result, max_bytes=self.settings.max_comment_bytes)
            if account.status == "paused":
                account.status, account.status_reason, account.paused_until = "active", None, None
            account.next_poll_at = utcnow() if result.more else utcnow() + timedelta(seconds=interval)
            account.lease_owner, account.lease_until = None, None
            session.add(account)
        if stats.new or stats.edited or stats.removed or stats.rejected:
            log.info("polled", extra={"account": handle, "new": stats.new, "edited": stats.edited,
                                      "removed": stats.removed, "duplicate": stats.duplicate,
                                      "rejected": stats.rejected})
        return bool(result.comments or result.rejected)

    def _poll_failed(self, account_id: int, exc: ConnectorError, interval: float) -> None:
        with transaction(self.engine) as session:
            account = session.get(Account, account_id)
            account.lease_owner, account.lease_until = None, None
            if exc.account_problem:
                session.add(account)
                outbox.disable_account(session, account_id, str(exc))
                self.drop_connector(account_id)  # rebuilt with fresh credentials once re-enabled
                return
            delay = max(exc.retry_after or 0.0, min(interval, 300.0))
            account.next_poll_at = utcnow() + timedelta(seconds=delay)
            if exc.code in PAUSING_CODES:
                # The platform refuses every call for now: show it, and hold the account's actions too.
                account.status, account.paused_until = "paused", account.next_poll_at
                account.status_reason = str(exc)[:2000]
            session.add(account)
        log.warning("poll failed", extra={"account": account.handle, "error": str(exc)[:300],
                                          "retry_in_seconds": round(delay, 1)})

    def analyse_step(self) -> bool:
        return pipeline.analyse_batch(self.engine, classifier=self.classifier, schools=self.schools,
                                      limit=self.settings.batch_size) > 0

    def execute_step(self) -> bool:
        claimed = outbox.claim(self.engine, self.worker_id, lease_seconds=self.settings.action_lease_seconds,
                               limit=self.settings.batch_size)
        for action_id in claimed:
            status = outbox.execute(self.engine, action_id, self.worker_id, self.connector_for,
                                    max_attempts=self.settings.action_max_attempts,
                                    retry_base=self.settings.retry_base_seconds)
            if status == "pending":  # handed back because its account is stopped
                with Session(self.engine) as session:
                    self.drop_connector(session.get(Action, action_id).account_id)
        return bool(claimed)

    def notify_step(self) -> bool:
        from moderator.notify import notify_step

        return notify_step(self.engine, self.settings)

    def step(self) -> bool:
        did = False
        for fn in (self.poll_step, self.analyse_step, self.execute_step, self.notify_step):
            if self.stop_event.is_set():
                break
            did |= fn()
        return did

    # -- loops -----------------------------------------------------------------------------
    def run_until_idle(self, *, wait_for_retries: float = 0.0) -> None:
        """``--once``: work until nothing is left to do now. With ``wait_for_retries``, keep going
        (up to that many seconds) while actions are waiting for a retry."""
        deadline = time.monotonic() + wait_for_retries
        self.poll_step(force=True)  # a run on demand reads every account once, due or not
        while not self.stop_event.is_set():
            if self.step():
                continue
            if time.monotonic() < deadline and self._retries_waiting():
                self.stop_event.wait(min(1.0, self.settings.idle_sleep_seconds))
                continue
            break

    def _retries_waiting(self) -> bool:
        with Session(self.engine) as session:
            return session.exec(select(Action.id).where(col(Action.status).in_(("pending", "running"))).limit(1)).first() is not None

    def run_forever(self) -> None:
        log.info("worker started", extra={"worker_id": self.worker_id, "accounts": len(self.account_cfg)})
        while not self.stop_event.is_set():
            try:
                busy = self.step()
            except Exception:  # keep the service alive; the failing step is retried after a pause
                log.exception("worker step failed")
                busy = False
            if not busy:
                self.stop_event.wait(self.settings.idle_sleep_seconds)
        self.close()
        log.info("worker stopped", extra={"worker_id": self.worker_id})

    def install_signal_handlers(self) -> None:
        def _stop(signum, _frame):
            log.info("stopping", extra={"signal": signal.Signals(signum).name})
            self.stop_event.set()

        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)

    def drop_connector(self, account_id: int) -> None:
        connector = self._connectors.pop(account_id, None)
        if connector is not None:
            try:
                connector.close()
            except Exception:
                log.exception("closing connector failed")

    def close(self) -> None:
        for connector in self._connectors.values():
            try:
                connector.close()
            except Exception:
                log.exception("closing connector failed")
        self._connectors.clear()


def enable_account(engine: Engine, handle: str, *, actor: str) -> str:
    """Switch a disabled or paused account back on (after the school fixed its token, say)."""
    with transaction(engine) as session:
        account = session.exec(select(Account).where(Account.handle == handle)).first()
        if account is None:
            raise ValueError(f"no account called {handle!r}; see `moderator accounts list`")
        if account.status == "active":
            return f"{handle} is already active"
        previous, reason = account.status, account.status_reason
        account.status, account.status_reason, account.paused_until = "active", None, None
        account.next_poll_at, account.updated_at = None, utcnow()
        session.add(account)
        audit.record(session, "account.enabled", actor=actor, school_id=account.school_id, subject_type="account",
                     subject_id=account.id, data={"previous": previous, "previous_reason": (reason or "")[:500]})
    return f"{handle} is active again (it was {previous}); waiting actions will now be sent"
