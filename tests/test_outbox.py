"""The outbox executor: transient platform errors are retried with backoff, permanent ones are not,
an account-level problem disables the account without losing its queued actions, workers never both
claim one action, and a re-claimed action cannot act twice on the platform.

Faults come from FlakyReplay, the replay connector with scripted errors, registered as "flaky" in
connectors.CONNECTORS for the test (the one seam that is faked here)."""
from __future__ import annotations

import logging
import threading
from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlmodel import Session

import connectors
from connectors.base import ActionTarget, ConnectorError
from connectors.replay import ReplayConnector
from moderator.act import outbox
from moderator.db import transaction, utcnow
from moderator.settings import AccountSettings
from moderator.tables import Account, Action, AuditEvent, Comment
from tests.conftest import Feed, comment_line, rows

ABUSE = "Shut up you stupid fucking moron"
THREAT = "I'll be waiting at the gates for you on Monday. Watch your back."
KIND = "Thank you so much for the lovely nativity, the children were wonderful"


class FlakyReplay(ReplayConnector):
    """The replay platform, raising the scripted errors first: one per call, in order."""

    act_errors: list[ConnectorError] = []
    fetch_errors: list[ConnectorError] = []
    act_calls: list[tuple[str, str | None, str]] = []
    fetch_calls: int = 0

    def act(self, action, target, params, idempotency_key):
        FlakyReplay.act_calls.append((action, target.comment_external_id, idempotency_key))
        if FlakyReplay.act_errors:
            raise FlakyReplay.act_errors.pop(0)
        return super().act(action, target, params, idempotency_key)

    def fetch(self, cursor, limit):
        FlakyReplay.fetch_calls += 1
        if FlakyReplay.fetch_errors:
            raise FlakyReplay.fetch_errors.pop(0)
        return super().fetch(cursor, limit)


@pytest.fixture
def flaky(monkeypatch, settings):
    """Switch the Oakfield Facebook account to the flaky replay connector."""
    monkeypatch.setitem(connectors.CONNECTORS, "flaky", f"{__name__}:FlakyReplay")
    monkeypatch.setattr(FlakyReplay, "act_errors", [])
    monkeypatch.setattr(FlakyReplay, "fetch_errors", [])
    monkeypatch.setattr(FlakyReplay, "act_calls", [])
    monkeypatch.setattr(FlakyReplay, "fetch_calls", 0)
    settings.schools[0].accounts[0].connector = "flaky"
    return FlakyReplay


@pytest.fixture
def x_feed(tmp_path, settings) -> Feed:
    """A second account (Oakfield on X) on the plain replay connector, with its own feed and state."""
    feed = Feed(tmp_path / "x-feed.jsonl")
    settings.schools[0].accounts.append(AccountSettings(
        handle="oakfield-x", platform="x", connector="replay",
        options={"feed": str(feed.path), "state": str(feed.state_path)}))
    return feed


def events_for(engine, action_id: int) -> list[AuditEvent]:
    events = rows(engine, AuditEvent, AuditEvent.subject_type == "action", AuditEvent.subject_id == action_id)
    return sorted(events, key=lambda e: e.seq)


def account(engine, handle: str) -> Account:
    (found,) = rows(engine, Account, Account.handle == handle)
    return found


def queue_hides(worker, feed, n: int, prefix: str = "c") -> list[int]:
    """Ingest and decide ``n`` abusive comments without executing anything; returns the hide action ids."""
    feed.add(*(comment_line(f"{prefix}{i}", ABUSE, author=f"parent{i}") for i in range(n)))
    while worker.poll_step(force=True):
        pass
    while worker.analyse_step():
        pass
    return sorted(a.id for a in rows(worker.engine, Action))


# -- retries --------------------------------------------------------------------------------------

def test_a_transient_error_is_retried_with_backoff_until_it_succeeds(flaky, make_worker, settings, feed, engine,
                                                                     caplog):
    flaky.act_errors = [ConnectorError("Graph API timed out", code="timeout"),
                        ConnectorError("HTTP 503 from the platform", code="unavailable")]
    feed.add(comment_line("c1", ABUSE, author="mallory"))
    worker = make_worker(settings)
    with caplog.at_level(logging.INFO):
        worker.run_until_idle(wait_for_retries=20)

    (action,) = rows(engine, Action)
    assert (action.status, action.attempts, action.last_error) == ("done", 3, None)
    assert action.result == {"success": True, "changed": True}
    assert [c[1] for c in flaky.act_calls] == ["c1", "c1", "c1"]
    assert feed.hidden() == {"c1"}
    events = events_for(engine, action.id)
    assert [e.action for e in events] == ["action.queued", "action.retry_scheduled", "action.retry_scheduled",
                                          "action.hide.done"]
    first, second = events[1], events[2]
    assert first.data["error"] == "Graph API timed out" and first.data["attempts"] == 1
    assert second.data["attempts"] == 2 and events[3].data["attempts"] == 3
    for event in (first, second):
        assert event.data["permanent"] is False
        assert event.data["next_attempt_at"] > event.at.isoformat()  # not straight away: after a backoff
    retries = [r for r in caplog.records if r.getMessage() == "action failed"]
    assert [r.will_retry for r in retries] == [True, True] and retries[0].levelno == logging.WARNING


def test_backoff_grows_with_each_attempt_and_honours_retry_after():
    for attempts in range(1, 8):
        delay = outbox.backoff_seconds(attempts, 2.0, None)
        assert 0.5 * 2.0 * 2 ** (attempts - 1) <= delay <= 1.5 * 2.0 * 2 ** (attempts - 1)
    assert outbox.backoff_seconds(1, 2.0, 120.0) >= 120.0
    assert outbox.backoff_seconds(60, 2.0, None) <= 1.5 * outbox.MAX_BACKOFF_SECONDS


def test_retry_after_from_the_platform_is_respected(flaky, make_worker, settings, feed, engine):
    flaky.act_errors = [ConnectorError("rate limited", code="rate_limit", retry_after=30)]
    feed.add(comment_line("c1", ABUSE, author="mallory"))
    worker = make_worker(settings)
    worker.run_until_idle()  # does not wait for the retry

    (action,) = rows(engine, Action)
    assert action.status == "pending" and action.attempts == 1 and action.last_error == "rate limited"
    assert action.next_attempt_at >= utcnow() + timedelta(seconds=25)
    assert outbox.claim(engine, "someone-else", lease_seconds=60, limit=10) == []  # not before its time
    assert feed.hidden() == set()


def test_a_permanent_error_fails_the_action_without_retrying(flaky, make_worker, settings, feed, engine, caplog):
    flaky.act_errors = [ConnectorError("comment fb-c1 has been deleted", permanent=True, code="deleted")]
    feed.add(comment_line("c1", ABUSE, author="mallory"), comment_line("c2", ABUSE, author="mallory"))
    worker = make_worker(settings)
    with caplog.at_level(logging.INFO):
        worker.run_until_idle(wait_for_retries=5)

    by_comment = {rows(engine, Comment, Comment.id == a.comment_id)[0].external_id: a for a in rows(engine, Action)}
    failed = by_comment["c1"]
    assert (failed.status, failed.attempts, failed.last_error) == ("failed", 1, "comment fb-c1 has been deleted")
    assert [e.action for e in events_for(engine, failed.id)] == ["action.queued", "action.failed"]
    assert events_for(engine, failed.id)[1].data["permanent"] is True
    assert [c[1] for c in flaky.act_calls].count("c1") == 1  # never tried again
    assert by_comment["c2"].status == "done" and feed.hidden() == {"c2"}  # the next one is unaffected
    assert account(engine, "oakfield-facebook").status == "active"
    (record,) = [r for r in caplog.records if r.getMessage() == "action failed"]
    assert record.levelno == logging.ERROR and record.will_retry is False


def test_an_action_that_keeps_failing_gives_up_after_the_maximum_attempts(flaky, make_worker, settings, feed, engine):
    settings.action_max_attempts = 3
    flaky.act_errors = [ConnectorError(f"timeout {i}") for i in range(10)]
    feed.add(comment_line("c1", ABUSE, author="mallory"))
    worker = make_worker(settings)
    worker.run_until_idle(wait_for_retries=20)

    (action,) = rows(engine, Action)
    assert (action.status, action.attempts, action.last_error) == ("failed", 3, "timeout 2")
    assert [e.action for e in events_for(engine, action.id)] == [
        "action.queued", "action.retry_scheduled", "action.retry_scheduled", "action.failed"]
    assert len(flaky.act_calls) == 3 and feed.hidden() == set()


# -- an account that cannot be used ---------------------------------------------------------------

REVOKED = "the Page access token was revoked: reconnect the Facebook Page in the console"


def test_an_account_problem_disables_the_account_and_keeps_its_other_actions(flaky, make_worker, settings, feed,
                                                                             x_feed, engine, caplog):
    flaky.act_errors = [ConnectorError(REVOKED, code="auth", account_problem=True)]
    worker = make_worker(settings)
    action_ids = queue_hides(worker, feed, 3)
    assert len(action_ids) == 3

    claimed = outbox.claim(engine, worker.worker_id, lease_seconds=60, limit=1)
    with caplog.at_level(logging.INFO):
        status = outbox.execute(engine, claimed[0], worker.worker_id, worker.connector_for, max_attempts=8,
                                retry_base=0.01)

    assert status == outbox.STOPPED  # not the action's fault: it waits, uncounted, with the others
    fb = account(engine, "oakfield-facebook")
    assert fb.status == "disabled" and fb.status_reason == REVOKED
    (disabled,) = rows(engine, AuditEvent, AuditEvent.action == "account.disabled")
    assert disabled.subject_id == fb.id and disabled.data["reason"] == REVOKED
    assert any(r.getMessage() == "account disabled" and r.reason == REVOKED for r in caplog.records)

    # Its other actions wait, untouched, for the school to reconnect the account.
    worker.run_until_idle()
    assert sorted((a.status, a.attempts) for a in rows(engine, Action)) == [("pending", 0)] * 3
    assert len(flaky.act_calls) == 1 and feed.hidden() == set()

    # Polling of that account stops; the other account carries on.
    fetches, cursor = flaky.fetch_calls, fb.cursor
    feed.add(comment_line("late", THREAT, author="mallory"))
    x_feed.add(comment_line("x1", THREAT, platform="x", author="mallory"))
    worker.run_until_idle()
    assert flaky.fetch_calls == fetches and account(engine, "oakfield-facebook").cursor == cursor
    assert rows(engine, Comment, Comment.external_id == "late") == []
    assert x_feed.hidden() == {"x1"}


def test_actions_claimed_with_the_one_that_disabled_the_account_stay_pending(flaky, make_worker, settings, feed,
                                                                             engine):
    flaky.act_errors = [ConnectorError(REVOKED, code="auth", account_problem=True) for _ in range(3)]
    worker = make_worker(settings)
    queue_hides(worker, feed, 3)
    worker.execute_step()  # claims all three, as the worker does

    assert account(engine, "oakfield-facebook").status == "disabled"
    statuses = sorted(a.status for a in rows(engine, Action))
    assert statuses.count("pending") >= 2, statuses  # nothing lost but, at most, the call that found the problem


def test_an_account_problem_while_polling_disables_the_account_and_stops_its_polling(flaky, make_worker, settings,
                                                                                     feed, x_feed, engine):
    flaky.fetch_errors = [ConnectorError("the app lost the pages_read_user_content permission", account_problem=True)]
    feed.add(comment_line("c1", ABUSE))
    x_feed.add(comment_line("x1", ABUSE, platform="x"))
    worker = make_worker(settings)
    worker.run_until_idle()

    fb = account(engine, "oakfield-facebook")
    assert fb.status == "disabled" and "pages_read_user_content" in fb.status_reason
    assert flaky.fetch_calls == 1 and fb.cursor is None
    worker.run_until_idle()
    assert flaky.fetch_calls == 1
    assert rows(engine, Comment, Comment.external_id == "c1") == []  # still in the feed, read once re-enabled
    assert x_feed.hidden() == {"x1"}


# -- several workers ------------------------------------------------------------------------------

def test_two_workers_never_claim_the_same_action(worker, feed, engine):
    action_ids = queue_hides(worker, feed, 20)

    first = outbox.claim(engine, "w1", lease_seconds=60, limit=8)
    second = outbox.claim(engine, "w2", lease_seconds=60, limit=50)
    third = outbox.claim(engine, "w3", lease_seconds=60, limit=50)
    assert len(first) == 8 and not set(first) & set(second) and third == []
    assert sorted(first + second) == action_ids
    owners = {a.id: a.claimed_by for a in rows(engine, Action)}
    assert all(owners[i] == "w1" for i in first) and all(owners[i] == "w2" for i in second)
    assert {a.attempts for a in rows(engine, Action)} == {1}


def test_racing_threads_never_claim_the_same_action(worker, feed, engine):
    action_ids = queue_hides(worker, feed, 30)
    n = 4
    barrier = threading.Barrier(n)
    claimed: dict[str, list[int]] = {}
    errors: list[BaseException] = []

    def claimer(worker_id: str) -> None:
        try:
            barrier.wait(10)
            got = []
            while batch := outbox.claim(engine, worker_id, lease_seconds=60, limit=5):
                got += batch
            claimed[worker_id] = got
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=claimer, args=(f"t{i}",)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    everything = [i for got in claimed.values() for i in got]
    assert sorted(everything) == action_ids  # each claimed once, by exactly one thread
    owners = {a.id: a.claimed_by for a in rows(engine, Action)}
    assert all(owners[i] == wid for wid, got in claimed.items() for i in got)
    assert {a.attempts for a in rows(engine, Action)} == {1}


def test_an_expired_lease_is_reclaimed_and_the_idempotency_key_stops_a_second_hide(worker, feed, engine):
    (action_id,) = queue_hides(worker, feed, 1)
    with Session(engine) as session:
        action = session.get(Action, action_id)
        key, account_id = action.idempotency_key, action.account_id
    assert key == "hide:facebook:c0"

    # Worker w1 claims the action, hides the comment on the platform, and dies before recording it.
    assert outbox.claim(engine, "w1", lease_seconds=60, limit=10) == [action_id]
    worker.connector_for(account_id).act("hide", ActionTarget(platform="facebook", comment_external_id="c0"), {}, key)
    assert outbox.claim(engine, "w2", lease_seconds=60, limit=10) == []  # not while w1's lease runs
    with transaction(engine) as session:  # the lease runs out (moved into the past, not waited for)
        session.execute(update(Action).where(Action.id == action_id)
                        .values(claimed_until=utcnow() - timedelta(seconds=1)))

    # Once the lease has run out, w2 takes it over and finishes it: the platform sees the same key.
    assert outbox.claim(engine, "w2", lease_seconds=60, limit=10) == [action_id]
    assert outbox.execute(engine, action_id, "w2", worker.connector_for, max_attempts=8, retry_base=0.01) == "done"
    (action,) = rows(engine, Action)
    assert (action.status, action.claimed_by, action.attempts) == ("done", "w2", 2)
    assert [e.action for e in events_for(engine, action_id)] == ["action.queued", "action.hide.done"]

    # w1 was only slow, not dead: its late finish changes nothing.
    assert outbox.execute(engine, action_id, "w1", worker.connector_for, max_attempts=8, retry_base=0.01) == "lost"
    assert rows(engine, Action)[0].claimed_by == "w2"
    log = feed.state()["log"]
    assert [e["effect"] for e in log] == ["applied", "duplicate_key", "duplicate_key"]
    assert {e["key"] for e in log} == {key} and feed.hidden() == {"c0"}
    assert len(events_for(engine, action_id)) == 2  # no second "done" in the audit log
