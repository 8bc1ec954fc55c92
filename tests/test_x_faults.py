"""The X connector under faults injected by the fake X API: rate limits (429 and exhausted
``x-rate-limit-remaining``), credits used up (402), the monthly cap, revoked credentials (401),
server errors and malformed JSON. Nothing is sent before X's reset time and nothing is lost.
Time comes from a clock the test moves, shared by the connector and the fake; nothing sleeps."""
from __future__ import annotations

import logging
import time

import pytest
from sqlmodel import Session, select

from connectors import ActionTarget, ConnectorError, Effect
from connectors.x import XConnector
from moderator.db import utcnow
from moderator.tables import Account, Comment
from tests.conftest import rows
from tests.test_x_connector import (  # noqa: F401 - fixtures
    ALICE, BOB, MALLORY, SCHOOL_ID, SECRETS, drain, fake_x, ids, x_options, x_settings,
)


class Clock:
    """Real time plus an offset a test can move forward."""

    def __init__(self):
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset


class FixedClock:
    """A clock that moves only when the test moves it."""

    def __init__(self):
        self.now = float(int(time.time()))

    def __call__(self) -> float:
        return self.now


def thread(fake_x, replies: int, author: str = ALICE, text: str = "@OakfieldPrimary thank you {i}") -> list[str]:
    root = fake_x.add_post(SCHOOL_ID, "Christmas concert tickets")
    return [fake_x.add_post(author, text.format(i=i), reply_to=root) for i in range(replies)]


def account(engine) -> Account:
    with Session(engine) as session:
        return session.exec(select(Account)).one()


def test_after_a_429_nothing_is_sent_before_the_reset_and_then_it_catches_up(
        tmp_path, database_url, fake_x, x_options, make_worker, engine):
    clock = FixedClock()
    fake_x.clock = clock
    posted = thread(fake_x, 30)
    outside = fake_x.add_post(MALLORY, "hey @OakfieldPrimary")  # reachable through mentions only
    fake_x.fail_next("429", reset_in=120)  # on the poll's first request
    worker = make_worker(x_settings(tmp_path, database_url, dict(x_options, clock=clock)))
    worker.poll_step(force=True)
    limited = [r for r in fake_x.requests() if r["status"] == 429]
    # A per-endpoint limit only delays the next poll; the account stays active so hides carry on.
    assert len(limited) == 1 and account(engine).status == "active"
    reset = clock.now + 120
    # The connector itself refuses to call X before the reset, whoever asks.
    clock.now += 60
    sent = len(fake_x.requests())
    with pytest.raises(ConnectorError) as err:
        worker.connector_for(account(engine).id).fetch(account(engine).cursor, 50)
    assert err.value.code == "rate_limited" and err.value.retry_after == 61
    assert err.value.effect is Effect.RETRY and err.value.endpoint == limited[0]["endpoint"]
    assert len(fake_x.requests()) == sent
    later = fake_x.add_post(BOB, "@OakfieldPrimary posted while we waited", reply_to=posted[0])
    clock.now += 61
    for _ in range(20):
        if len(rows(engine, Comment)) >= 32:
            break
        worker.poll_step(force=True)
    after = [r for r in fake_x.requests() if r["t"] > limited[0]["t"]]
    assert after and all(r["t"] >= reset for r in after)
    assert sorted(c.external_id for c in rows(engine, Comment)) == sorted(posted + [later, outside], key=int)
    assert account(engine).status == "active"


def test_an_exhausted_rate_limit_is_honoured_before_x_says_429(fake_x, x_options):
    clock = FixedClock()
    fake_x.clock = clock
    fake_x.state.limits["mentions"] = 2
    fake_x.state.window_seconds = 2
    conn = XConnector(platform="x", handle="oakfield-x", clock=clock, **x_options)
    cursor = None
    for _ in range(2):
        cursor = conn.fetch(cursor, 50).cursor
    assert fake_x.requests("mentions")[-1]["status"] == 200
    posted = thread(fake_x, 3, author=BOB, text="@alice agreed {i}")  # seen by search even while mentions wait
    result = conn.fetch(cursor, 50)
    assert ids(result.comments) == posted
    with pytest.raises(ConnectorError) as err:
        conn.fetch(result.cursor, 50)
    assert err.value.code == "rate_limited" and err.value.retry_after == 4 and err.value.endpoint == "mentions"
    assert len(fake_x.requests("mentions")) == 2 and all(r["status"] != 429 for r in fake_x.requests())
    clock.now += err.value.retry_after
    mention = fake_x.add_post(MALLORY, "hey @OakfieldPrimary")
    seen, _ = drain(conn, result.cursor)
    assert ids(seen) == [mention]


def test_running_out_of_credits_pauses_reading_with_an_alert_and_loses_nothing(
        tmp_path, database_url, fake_x, x_options, make_worker, engine, caplog):
    clock = Clock()
    posted = thread(fake_x, 12)
    fake_x.fail_next("402", endpoint="search")
    worker = make_worker(x_settings(tmp_path, database_url, dict(x_options, clock=clock)))
    with caplog.at_level(logging.INFO):
        worker.poll_step(force=True)
    acc = account(engine)
    assert acc.status == "paused" and "credits" in acc.status_reason and acc.cursor is None
    alerts = [r for r in caplog.records if r.levelno == logging.ERROR and getattr(r, "code", "") == "out_of_credits"]
    assert alerts and "console.x.com" in alerts[0].alert
    assert not any(secret in caplog.text for secret in SECRETS.values())
    # Until the pause is over the connector sends nothing, even when asked directly.
    sent = len(fake_x.requests())
    with pytest.raises(ConnectorError) as err:
        worker.connector_for(acc.id).fetch(None, 50)
    assert err.value.code == "paused" and err.value.retry_after > 5 * 3600
    assert len(fake_x.requests()) == sent
    # Six hours later (the school has topped up), everything posted meanwhile is read.
    more = thread(fake_x, 5, author=BOB, text="@alice and this {i}")
    clock.offset = 6 * 3600 + 1
    with Session(engine) as session:
        row = session.get(Account, acc.id)
        row.paused_until = row.next_poll_at = utcnow()  # the pause is over
        session.add(row)
        session.commit()
    worker.run_until_idle()
    assert sorted(c.external_id for c in rows(engine, Comment)) == sorted(posted + more, key=int)
    assert account(engine).status == "active"


def test_the_monthly_usage_cap_pauses_reading_for_a_day(fake_x, x_options, caplog):
    thread(fake_x, 2)
    fake_x.fail_next("capped")
    conn = XConnector(platform="x", handle="oakfield-x", **x_options)
    with caplog.at_level(logging.ERROR), pytest.raises(ConnectorError) as err:
        conn.fetch(None, 50)
    assert err.value.code == "monthly_cap" and err.value.retry_after == 24 * 3600
    assert err.value.effect is Effect.PAUSE
    assert [r for r in caplog.records if getattr(r, "code", "") == "monthly_cap"]


def test_revoked_credentials_disable_the_account_saying_what_the_school_must_do(
        tmp_path, database_url, fake_x, x_options, make_worker, engine):
    thread(fake_x, 2)
    fake_x.fail_next("401")
    worker = make_worker(x_settings(tmp_path, database_url, x_options))
    worker.poll_step(force=True)
    acc = account(engine)
    assert acc.status == "disabled"
    assert "401" in acc.status_reason and "new access tokens" in acc.status_reason
    assert not any(secret in acc.status_reason for secret in SECRETS.values())


def test_an_app_without_api_access_is_an_account_problem(fake_x, x_options):
    fake_x.fail_next("403")
    conn = XConnector(platform="x", handle="oakfield-x", **x_options)
    with pytest.raises(ConnectorError) as err:
        conn.fetch(None, 50)
    assert err.value.effect is Effect.DISABLE and err.value.code == "forbidden"


def test_server_errors_and_malformed_json_back_off_and_then_nothing_is_lost(fake_x, x_options):
    posted = thread(fake_x, 8)
    conn = XConnector(platform="x", handle="oakfield-x", **x_options)
    fake_x.fail_next("5xx", times=2)
    waits = []
    for _ in range(2):
        with pytest.raises(ConnectorError) as err:
            conn.fetch(None, 50)
        assert err.value.code == "server_error" and err.value.effect is Effect.RETRY
        waits.append(err.value.retry_after)
    assert 1 <= waits[0] <= 2 <= waits[1] <= 4  # exponential backoff with jitter
    fake_x.fail_next("malformed")
    with pytest.raises(ConnectorError) as err:
        conn.fetch(None, 50)
    assert err.value.code == "malformed" and err.value.effect is Effect.RETRY
    seen, _ = drain(conn, None)
    assert ids(seen) == posted


def test_the_hide_rate_limit_is_honoured(fake_x, x_options):
    fake_x.state.limits["hidden"] = 1
    replies = thread(fake_x, 2, author=MALLORY, text="@OakfieldPrimary you idiots {i}")
    conn = XConnector(platform="x", handle="oakfield-x", **x_options)
    conn.act("hide", ActionTarget(platform="x", comment_external_id=replies[0]), {}, "k1")
    with pytest.raises(ConnectorError) as err:
        conn.act("hide", ActionTarget(platform="x", comment_external_id=replies[1]), {}, "k2")
    assert err.value.code == "rate_limited" and err.value.retry_after > 60 and err.value.effect is Effect.RETRY
    assert err.value.endpoint == "hidden"
    assert len(fake_x.requests("hidden")) == 1 and fake_x.hidden() == {replies[0]}


def test_debug_logging_never_shows_the_tokens(fake_x, x_options, monkeypatch, caplog):
    monkeypatch.setenv("X_BEARER", "oakfield-app-bearer")
    conn = XConnector(platform="x", handle="oakfield-x", bearer_token_env="X_BEARER", **x_options)
    thread(fake_x, 1, author=BOB, text="@alice hello {i}")
    with caplog.at_level(logging.DEBUG):
        drain(conn, None)
    assert fake_x.requests("search") and not any(r["user_context"] for r in fake_x.requests("search"))
    assert "oakfield-app-bearer" not in caplog.text
    assert not any(secret in caplog.text for secret in SECRETS.values())
