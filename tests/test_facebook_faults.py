"""Limits and faults: throttling stops every request until Facebook's pause ends; 5xx, timeouts and
malformed JSON lose nothing; an expired token disables only its own account, with a clear message."""
from __future__ import annotations

import logging
import random
import time

import pytest
from sqlalchemy import update
from sqlmodel import Session, select

from connectors.base import ActionTarget, ConnectorError
from moderator.db import transaction, utcnow
from moderator.settings import AccountSettings
from moderator.tables import Account, Action, Comment
from tests.conftest import comment_line, rows
from tests.test_facebook_connector import (  # noqa: F401
    PEOPLE, add_comments, connector, fb_settings, graph, populate,
)


def account(engine, handle: str = "oakfield-page") -> Account:
    with Session(engine) as session:
        return session.exec(select(Account).where(Account.handle == handle)).one()


def moderate_until_settled(worker, graph, offenders: set[str], engine, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    visitor = {c["id"] for c in graph.visitor_comments()}
    while time.monotonic() < deadline:
        worker.run_until_idle(wait_for_retries=1)
        stored = {c.external_id for c in rows(engine, Comment)}
        if stored == visitor and graph.hidden() == offenders:
            return
        time.sleep(0.05)


class Clock:
    """The connector's and the fake Graph's clock, moved by the test: no test waits on the real one."""

    def __init__(self, now: float):
        self.now, self.slept = now, []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def pause_ends(engine, clock: Clock, at: float) -> None:
    """Move time to ``at``: on the connector's clock, and for the account row, whose pause the worker
    reads from the database's time."""
    clock.now = at
    with transaction(engine) as session:
        session.execute(update(Account).values(paused_until=utcnow(), next_poll_at=utcnow()))


def test_throttling_stops_every_request_until_the_pause_ends_then_it_catches_up(tmp_path, database_url, graph,
                                                                               make_worker, engine):
    offenders = populate(graph, 3, 10, rng=random.Random(1), start=time.time() - 86400)
    clock = graph.clock = Clock(time.time())
    worker = make_worker(fb_settings(tmp_path, database_url, graph,
                                     options={"min_pause_seconds": 4.0, "clock": clock, "sleep": clock.sleep}))
    graph.throttle(0.5, code=80001)
    worker.run_until_idle()
    [throttled_at] = graph.request_times()  # one request, answered with 80001
    assert account(engine).status == "paused"
    conn = worker.connector_for(account(engine).id)
    offender = next(iter(offenders))
    while clock() < throttled_at + 3.9:  # the worker keeps stepping; the connector refuses to send
        worker.step()
        with pytest.raises(ConnectorError) as refused:
            conn.act("hide", ActionTarget("facebook", comment_external_id=offender), {}, "k")
        assert refused.value.retry_after > 0 and refused.value.code == "throttled"
        clock.now += 0.1
    assert graph.request_times() == [throttled_at]

    pause_ends(engine, clock, throttled_at + 4.0)
    moderate_until_settled(worker, graph, offenders, engine)
    later = graph.request_times()[1:]
    assert later and min(later) >= throttled_at + 4.0
    assert {c.external_id for c in rows(engine, Comment)} == {c["id"] for c in graph.visitor_comments()}
    assert graph.hidden() == offenders and account(engine).status == "active"


@pytest.mark.parametrize("code", [4, 17, 32, 613])
def test_every_throttle_code_pauses_for_at_least_the_minimum(graph, code):
    graph.add_post("x")
    conn = connector(graph, min_pause_seconds=30)
    graph.throttle(5, code=code, eta_minutes=2)
    with pytest.raises(ConnectorError) as exc:
        conn.fetch(None, 10)
    assert exc.value.code == "throttled" and 119 <= exc.value.retry_after <= 121  # Graph's estimate: 2 minutes
    sent = len(graph.requests)
    with pytest.raises(ConnectorError):
        conn.fetch(None, 10)
    assert len(graph.requests) == sent


def test_high_usage_slows_down_and_very_high_usage_pauses(graph):
    graph.add_post("x")
    clock = Clock(time.time())
    conn = connector(graph, slow_gap_seconds=0.3, min_pause_seconds=60, clock=clock, sleep=clock.sleep)
    graph.usage.update(app=80, buc=10)
    conn.fetch(None, 10)  # learns the usage
    waited, sent = len(clock.slept), len(graph.requests)
    conn.fetch(None, 10)
    conn.fetch(None, 10)
    # every request waits out the slow-down gap (the clock moves only when the connector sleeps)
    assert len(graph.requests) - sent >= 2
    assert clock.slept[waited:] == [pytest.approx(0.3, abs=0.001)] * (len(graph.requests) - sent)
    graph.usage.update(buc=95)
    sent = len(graph.requests)
    with pytest.raises(ConnectorError) as exc:
        conn.fetch(None, 10)  # the feed answer reports 95%: the next call is not sent
    assert exc.value.retry_after > 55 and len(graph.requests) == sent + 1
    with pytest.raises(ConnectorError):
        conn.fetch(None, 10)
    assert len(graph.requests) == sent + 1


def test_server_errors_timeouts_and_malformed_json_lose_nothing(tmp_path, database_url, graph, make_worker, engine,
                                                               caplog):
    rng = random.Random(2)
    offenders = populate(graph, 4, 12, rng=rng, start=time.time() - 86400)
    worker = make_worker(fb_settings(tmp_path, database_url, graph, batch_size=10,
                                     options={"timeout_seconds": 0.3, "max_retries": 1}))
    graph.fail_next(3, 500)
    graph.fail_next(2, 502)
    graph.fail_next(2, 503)  # a JSON body without "error": facebook-sdk alone would take it as data
    graph.slow_next(2, 0.6)
    graph.malformed_next(2)
    with caplog.at_level(logging.INFO):
        moderate_until_settled(worker, graph, offenders, engine)
        post = sorted(graph.posts)[0]
        more = add_comments(graph, post, 6, rng=rng, at=None, offenders=offenders)
        graph.fail_next(2, 500)  # the feed or the batched comment read
        for cid in offenders & set(more):
            graph.fail_next(1, 503, path=f"/{cid}")  # the hide itself fails once
        moderate_until_settled(worker, graph, offenders, engine)
    stored = [c.external_id for c in rows(engine, Comment)]
    assert len(stored) == len(set(stored)) and set(stored) == {c["id"] for c in graph.visitor_comments()}
    assert graph.hidden() == offenders
    assert all(a.status == "done" for a in rows(engine, Action))
    assert not graph.faults, "every injected fault was met"
    assert account(engine).status == "active"
    assert all(graph.token not in r.getMessage() and graph.token not in str(vars(r)) for r in caplog.records)


def test_an_expired_token_disables_the_account_and_the_rest_keeps_running(tmp_path, database_url, graph, feed,
                                                                          make_worker, engine, caplog):
    replay = AccountSettings(handle="oakfield-replay", platform="facebook", connector="replay",
                             options={"feed": str(feed.path), "state": str(feed.state_path)})
    offenders = populate(graph, 2, 10, rng=random.Random(3), start=time.time() - 86400)
    worker = make_worker(fb_settings(tmp_path, database_url, graph, extra_accounts=[replay]))
    feed.add(comment_line("r1", "Thanks for the newsletter"))
    worker.run_until_idle()
    read_before = {c.external_id for c in rows(engine, Comment)}
    assert graph.hidden() == offenders

    graph.expire_token()
    add_comments(graph, sorted(graph.posts)[0], 3, rng=random.Random(9), at=None, offenders=set())
    feed.add(comment_line("r2", "You are all fucking useless idiots", author="mallory"))
    with caplog.at_level(logging.INFO):
        worker.run_until_idle()
        worker.run_until_idle()

    page = account(engine)
    assert page.status == "disabled"
    assert "new Page access token" in page.status_reason and "re-enable" in page.status_reason
    assert graph.token not in page.status_reason
    assert feed.hidden() == {"r2"} and account(engine, "oakfield-replay").status == "active"
    assert read_before <= {c.external_id for c in rows(engine, Comment)}  # nothing already read is lost
    assert all(graph.token not in r.getMessage() and graph.token not in str(vars(r)) for r in caplog.records)
