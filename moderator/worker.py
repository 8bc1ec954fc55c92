"""The worker: a plain loop of steps (poll accounts, analyse, execute actions, send e-mails), each
returning whether it did any work. It sleeps when idle and stops cleanly on SIGTERM or SIGINT.

Everything it decides lives elsewhere: accounts (moderator/act/accounts.py), storing comments
(ingest.py), judging them (pipeline.py), platform actions (outbox.py), e-mails (notify.py).
The worker keeps one connector per account for its whole life, so a connector's memory of rate
limits survives between calls; its blocks are also stored on the account row for other processes.
"""
from __future__ import annotations

import logging
import os
import signal
import socket
import threading
import time
import uuid

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from connectors import Connector, ConnectorError, Effect, blocked_until, build_connector, restore_blocked
from models import Classifier, load_classifier
from moderator.act import accounts, outbox, pipeline
from moderator.db import transaction
from moderator.judge.policy import SchoolPolicy, for_school
from moderator.read import ingest
from moderator.settings import AccountSettings, SchoolSettings, Settings
from moderator.tables import Account, Action
from moderator.vocab import ActionStatus

log = logging.getLogger("moderator.worker")

sync_config = accounts.sync_config  # kept for callers that set up a database before starting workers


class Worker:
    def __init__(self, settings: Settings, engine: Engine, *, classifier: Classifier | None = None,
                 worker_id: str | None = None):
        self.settings = settings
        self.engine = engine
        self.worker_id = worker_id or f"{socket.gethostname()[:30]}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        self._classifier = classifier
        self._connectors: dict[int, Connector] = {}
        self.stop_event = threading.Event()
        self.lost_comments = 0  # comments judged here but decided by another worker first
        ids = accounts.school_ids(engine)
        self.schools: dict[int, SchoolPolicy] = {ids[cfg.slug]: for_school(settings, cfg.slug)
                                                 for cfg in settings.schools}
        self.account_cfg: dict[str, tuple[SchoolSettings, AccountSettings]] = {
            acc.handle: (cfg, acc) for cfg in settings.schools for acc in cfg.accounts}

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
                connector = build_connector(cfg.connector, platform=cfg.platform, handle=cfg.handle,
                                            options=cfg.options)
            except ConnectorError as exc:
                # A connector that cannot even be built is misconfigured: stop the account, say why.
                raise ConnectorError(f"account {cfg.handle} is misconfigured: {exc}", effect=Effect.DISABLE,
                                     code=exc.code or "config") from None
            restore_blocked(connector, accounts.blocks(self.engine, account_id))
            self._connectors[account_id] = connector
        return self._connectors[account_id]

    def _save_blocks(self, account_id: int) -> None:
        connector = self._connectors.get(account_id)
        if connector is not None:
            accounts.save_blocks(self.engine, account_id, blocked_until(connector))

    # -- steps -----------------------------------------------------------------------------
    def poll_step(self, *, force: bool = False) -> bool:
        """Poll every account that is due (``force``: every usable account) and not leased by another worker."""
        did_work = False
        for account_id in accounts.due_accounts(self.engine, list(self.account_cfg), force=force):
            if self.stop_event.is_set():
                break
            if accounts.lease(self.engine, account_id, self.worker_id, seconds=self.settings.account_lease_seconds,
                              force=force):
                try:
                    did_work |= self._poll_account(account_id)
                except Exception:
                    # A failure on our side (a database error, a bug): give the lease back so the
                    # account is polled again soon, by us or another worker, and keep going.
                    log.exception("poll failed on the service's side", extra={"account_id": account_id})
                    accounts.release(self.engine, account_id, self.worker_id)
        return did_work

    def _poll_account(self, account_id: int) -> bool:
        with Session(self.engine) as session:
            account = session.get(Account, account_id)
            cursor, handle = account.cursor, account.handle
        _, cfg = self.account_cfg[handle]
        interval = cfg.poll_interval_seconds or self.settings.poll_interval_seconds
        try:
            result = self.connector_for(account_id).fetch(cursor, self.settings.batch_size)
        except ConnectorError as exc:
            self._save_blocks(account_id)
            accounts.poll_failed(self.engine, account_id, exc, interval=interval)
            if exc.effect in (Effect.DISABLE, Effect.PAUSE):
                # Rebuilt with fresh credentials, and from the blocks stored on the row just now (so
                # `accounts enable --now`, which forgets them, takes effect in a running worker).
                self.drop_connector(account_id)
            return False
        self._save_blocks(account_id)
        with transaction(self.engine) as session:
            account = session.get(Account, account_id)
            if not accounts.holds_lease(account, self.worker_id):
                log.warning("lost the account lease before storing a batch; it will be read again",
                            extra={"account": handle})
                return False
            stats = ingest.ingest_batch(session, school_id=account.school_id, account_id=account.id,
                                        account_handle=handle, comments=result.comments, rejected=result.rejected,
                                        max_bytes=self.settings.max_comment_bytes)
            accounts.polled(session, account, cursor=result.cursor, more=result.more, interval=interval)
        if stats.new or stats.edited or stats.removed or stats.rejected:
            log.info("polled", extra={"account": handle, "new": stats.new, "edited": stats.edited,
                                      "removed": stats.removed, "duplicate": stats.duplicate,
                                      "rejected": stats.rejected})
        return bool(result.comments or result.rejected)

    def analyse_step(self) -> bool:
        result = pipeline.analyse_batch(self.engine, classifier=self.classifier, schools=self.schools,
                                        limit=self.settings.batch_size, worker_id=self.worker_id,
                                        lease_seconds=self.settings.action_lease_seconds)
        self.lost_comments += result.lost
        return result.decided + result.lost > 0

    def execute_step(self) -> bool:
        claimed = outbox.claim(self.engine, self.worker_id, lease_seconds=self.settings.action_lease_seconds,
                               limit=self.settings.batch_size)
        jobs = outbox.jobs(self.engine, claimed)  # read once for the batch; each account is checked again before its call
        used: list[int] = []
        for action_id in claimed:
            job = jobs[action_id]
            status = outbox.execute(self.engine, action_id, self.worker_id, self.connector_for,
                                    max_attempts=self.settings.action_max_attempts,
                                    retry_base=self.settings.retry_base_seconds, job=job)
            if job.account_id not in used:
                used.append(job.account_id)
            if status == outbox.STOPPED:  # the account itself stopped: its connector is rebuilt when it is back
                self._save_blocks(job.account_id)
                self.drop_connector(job.account_id)
        for account_id in used:  # the connectors' rate-limit blocks, stored once a batch for other processes
            self._save_blocks(account_id)
        return bool(claimed)

    def notify_step(self) -> bool:
        from moderator.act.notify import notify_step

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
            return session.exec(select(Action.id).where(
                col(Action.status).in_((ActionStatus.PENDING, ActionStatus.RUNNING))).limit(1)).first() is not None

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
        for account_id in list(self._connectors):
            self.drop_connector(account_id)
