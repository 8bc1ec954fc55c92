"""Rate-limit blocks outlive the connector that met them: ``blocked_until()`` reports them (endpoint
-> epoch seconds) and a freshly built connector given them by ``restore_blocked()`` sends nothing to
a blocked endpoint until the block ends, raising ``ConnectorError`` with the time left instead.
Time comes from an injected clock shared with the fake servers; nothing sleeps."""
from __future__ import annotations

import time

import pytest

from connectors import ActionTarget, ConnectorError, Effect, blocked_until, restore_blocked
from tests.test_facebook_connector import PEOPLE, connector as fb_connector, graph  # noqa: F401 - fixtures
from tests.test_x_connector import BOB, MALLORY, SCHOOL_ID, XConnector, fake_x, ids, x_options  # noqa: F401

T0 = float(int(time.time()))


class Clock:
    """A clock that moves only when the test says so."""

    def __init__(self, now: float = T0):
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(fake_x) -> Clock:  # noqa: F811
    clock = Clock()
    fake_x.clock = clock
    return clock


def test_an_x_search_limit_is_handed_to_the_next_connector_which_sends_no_search_until_it_resets(
        fake_x, x_options, clock):  # noqa: F811
    root = fake_x.add_post(SCHOOL_ID, "Nativity play tickets")
    deep = fake_x.add_post(BOB, "@alice see you there", reply_to=root)  # only search finds it
    fake_x.fail_next("429", endpoint="search", reset_in=600)
    first = XConnector(platform="x", handle="oakfield-x", clock=clock, **x_options)
    with pytest.raises(ConnectorError) as err:
        first.fetch(None, 50)
    assert err.value.effect is Effect.RETRY and err.value.endpoint == "search"
    assert err.value.retry_after == 601
    blocks = blocked_until(first)
    assert blocks == {"search": T0 + 601}

    # A new process builds a new connector and restores the block from the database.
    clock.now += 100
    second = XConnector(platform="x", handle="oakfield-x", clock=clock, **x_options)
    restore_blocked(second, blocks)
    sent = len(fake_x.requests("search"))
    with pytest.raises(ConnectorError) as err:
        second.fetch(None, 50)
    assert len(fake_x.requests("search")) == sent  # not one search request
    assert err.value.effect is Effect.RETRY and err.value.endpoint == "search" and err.value.retry_after == 501
    assert blocked_until(second) == {"search": T0 + 601}
    # Hides use another endpoint: they go on.
    assert second.act("hide", ActionTarget(platform="x", comment_external_id=deep), {}, "k1") == {"hidden": True,
                                                                                                    "acted_on": deep}

    clock.now = T0 + 602
    assert blocked_until(second) == {}
    result = second.fetch(None, 50)
    assert ids(result.comments) == [deep]


def test_a_paused_x_account_sends_nothing_at_all_after_a_restart(fake_x, x_options, clock):  # noqa: F811
    fake_x.add_post(MALLORY, "hey @OakfieldPrimary")
    fake_x.fail_next("402")
    first = XConnector(platform="x", handle="oakfield-x", clock=clock, **x_options)
    with pytest.raises(ConnectorError) as err:
        first.fetch(None, 50)
    assert err.value.effect is Effect.PAUSE
    blocks = blocked_until(first)
    assert blocks == {"*": T0 + 6 * 3600}
    second = XConnector(platform="x", handle="oakfield-x", clock=clock, **x_options)
    second.restore_blocked(blocks)
    sent = len(fake_x.requests())
    with pytest.raises(ConnectorError) as err:
        second.fetch(None, 50)
    assert len(fake_x.requests()) == sent and err.value.effect is Effect.PAUSE
    assert err.value.retry_after == 6 * 3600


def test_expired_or_unreadable_blocks_are_ignored(fake_x, x_options, clock):  # noqa: F811
    conn = XConnector(platform="x", handle="oakfield-x", clock=clock, **x_options)
    conn.restore_blocked({"search": T0 - 1, "mentions": "soon", "user_tweets": float("inf")})
    assert conn.blocked_until() == {}
    conn.fetch(None, 50)
    assert {r["endpoint"] for r in fake_x.requests()} >= {"user_tweets", "mentions"}


def test_a_facebook_throttle_is_handed_to_the_next_connector_which_sends_nothing_until_it_ends(graph):  # noqa: F811
    clock = Clock()
    graph.clock = clock
    post = graph.add_post("Sports day")
    graph.add_comment(post, "Lovely photos", author=PEOPLE[0])
    graph.throttle(3600, code=80001)
    first = fb_connector(graph, clock=clock, sleep=lambda s: None, min_pause_seconds=300)
    with pytest.raises(ConnectorError) as err:
        first.fetch(None, 50)
    assert err.value.effect is Effect.PAUSE and err.value.retry_after == 300
    blocks = blocked_until(first)
    assert blocks == {"*": T0 + 300}

    clock.now += 60
    second = fb_connector(graph, clock=clock, sleep=lambda s: None)
    restore_blocked(second, blocks)
    sent = len(graph.requests)
    for call in (lambda: second.fetch(None, 50),
                 lambda: second.act("hide", ActionTarget(platform="facebook", comment_external_id="1_2"), {}, "k")):
        with pytest.raises(ConnectorError) as err:
            call()
        assert err.value.effect is Effect.PAUSE and err.value.retry_after == 240
    assert len(graph.requests) == sent  # not one request

    clock.now = T0 + 301
    graph.throttle_until = 0
    assert blocked_until(second) == {}
    assert [c.text for c in second.fetch(None, 50).comments] == ["Lovely photos"]
