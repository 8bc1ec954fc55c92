"""The Facebook connector driving the real facebook-sdk against the fake Graph API: reading every
comment exactly once, every moderation action, settings, ``check()``, and the whole service
moderating a busy Page. Helpers here are shared with the webhook and fault tests."""
from __future__ import annotations

import logging
import random
import time
from typing import Any

import pytest
from sqlmodel import Session, select

from connectors.base import ActionTarget, ConnectorError, UnsupportedAction
from connectors.facebook import FacebookConnector
from connectors.fakes.graph import FakeGraph
from moderator.settings import AccountSettings, SchoolSettings, Settings
from moderator.tables import Account, Action, Comment
from tests.conftest import rows

TOKEN_ENV = "OAKFIELD_FB_TOKEN"
APP_SECRET = "oakfield-app-secret-for-tests-0123456789"
VERIFY_TOKEN = "oakfield-verify-token"
CLEAN = ["Thanks for the update about the trip, number {i}", "Well done to the choir at the concert, {i} cheers",
         "What time does the coach get back on Friday? asks parent {i}", "Lovely photos from sports day {i}"]
OFFENSIVE = ["You are all fucking idiots {i}", "This school is shit, useless wankers {i}",
             "Fuck off you stupid bitch {i}", "Shut up you pathetic moron and piss off {i}"]
PEOPLE = [("6100000000000101", "Alice Ahmed"), ("6100000000000102", "Bob Brown"),
          ("6100000000000103", "Mallory Mason"), ("6100000000000104", "Charlie Cole")]


@pytest.fixture
def graph(monkeypatch):
    fake = FakeGraph(app_secret=APP_SECRET).start()
    monkeypatch.setenv(TOKEN_ENV, fake.token)
    monkeypatch.setenv("OAKFIELD_FB_APP_SECRET", APP_SECRET)
    monkeypatch.setenv("OAKFIELD_FB_VERIFY", VERIFY_TOKEN)
    yield fake
    fake.stop()


def fb_options(graph: FakeGraph, **extra: Any) -> dict[str, Any]:
    options = {"page_id": graph.page_id, "access_token_env": TOKEN_ENV, "graph_base_url": graph.base_url,
               "app_secret_env": "OAKFIELD_FB_APP_SECRET", "verify_token_env": "OAKFIELD_FB_VERIFY",
               "timeout_seconds": 5, "min_pause_seconds": 2, "retry_base_seconds": 0.01, "recheck_seconds": 2}
    options.update(extra)
    return options


def fb_settings(tmp_path, database_url: str, graph: FakeGraph, *, extra_accounts: list[AccountSettings] = (),
                options: dict[str, Any] | None = None, **overrides: Any) -> Settings:
    account = AccountSettings(handle="oakfield-page", platform="facebook", connector="facebook",
                              options=fb_options(graph, **(options or {})))
    school = SchoolSettings(slug="oakfield", name="Oakfield Primary School", headteacher=["Mrs Patel"],
                            staff=["Mr Okafor"], pupil_names=["Alfie Morgan"], accounts=[account, *extra_accounts])
    values = dict(data_dir=tmp_path / "data", database_url=database_url, schools=[school], poll_interval_seconds=0.01,
                  idle_sleep_seconds=0.01, retry_base_seconds=0.01, batch_size=50)
    values.update(overrides)
    return Settings(**values)


def connector(graph: FakeGraph, **extra: Any) -> FacebookConnector:
    return FacebookConnector(platform="facebook", handle="oakfield-page", **fb_options(graph, **extra))


def populate(graph: FakeGraph, posts: int, per_post: int, *, rng: random.Random, start: float,
             offensive_every: int = 5) -> set[str]:
    """Posts with comments and replies (every third a reply). Returns the ids of the offensive ones."""
    offenders = set()
    for p in range(posts):
        post_id = graph.add_post(f"Newsletter {p}", created_time=start + p * 3600)
        add_comments(graph, post_id, per_post, rng=rng, at=start + p * 3600 + 60, offenders=offenders,
                     offensive_every=offensive_every)
    return offenders


def add_comments(graph: FakeGraph, post_id: str, n: int, *, rng: random.Random, at: float | None,
                 offenders: set[str], offensive_every: int = 5) -> list[str]:
    made: list[str] = []
    for i in range(n):
        bad = rng.randrange(offensive_every) == 0
        text = (OFFENSIVE if bad else CLEAN)[i % 4].format(i=rng.randrange(10**6))
        top = [c for c in made if graph.comments[c]["parent"] is None]
        parent = rng.choice(top) if top and i % 3 == 2 else None
        cid = graph.add_comment(post_id, text, author=PEOPLE[i % 4], parent=parent,
                                created_time=None if at is None else at + i * 7)
        made.append(cid)
        if bad:
            offenders.add(cid)
    return made


def drain(conn: FacebookConnector, cursor: str | None, limit: int) -> tuple[list, str | None, int]:
    seen, fetches = [], 0
    while True:
        result = conn.fetch(cursor, limit)
        fetches += 1
        assert len(result.comments) <= limit
        seen += result.comments
        cursor = result.cursor
        if not result.more:
            return seen, cursor, fetches


# -- reading --------------------------------------------------------------------------------------

def test_it_reads_every_comment_and_reply_once_in_small_batches(graph):
    post = graph.add_post("Sports day", created_time=time.time() - 86400)
    first = graph.add_comment(post, "Great day!", author=PEOPLE[0], created_time=time.time() - 3000)
    reply = graph.add_comment(post, "Agreed", author=PEOPLE[1], parent=first, created_time=time.time() - 2000)
    photo = graph.add_comment(post, "", author=PEOPLE[2], created_time=time.time() - 1000,
                              photo="https://scontent.example/photo.jpg")
    same_second = [graph.add_comment(post, f"tie {i}", author=PEOPLE[3], created_time=time.time() - 500)
                   for i in range(5)]
    graph.add_comment(post, "Thanks all", author=(graph.page_id, graph.page_name), created_time=time.time() - 400)
    conn = connector(graph)

    seen, cursor, fetches = drain(conn, None, 2)

    ids = [c.external_id for c in seen]
    assert ids == [first, reply, photo, *same_second]  # oldest first, the Page's own reply skipped
    assert fetches == 4
    by_id = {c.external_id: c for c in seen}
    assert by_id[reply].parent_id == first and by_id[first].parent_id is None
    assert by_id[first].author_id == PEOPLE[0][0] and by_id[first].author_name == "Alice Ahmed"
    assert by_id[first].post_id == post and "comment_id=" in by_id[first].permalink
    assert by_id[photo].attachments[0]["type"] == "photo" and "photo" in by_id[photo].attachments[0]["note"]
    assert by_id[first].created_at is not None
    assert conn.fetch(cursor, 2).comments == []


def test_new_comments_on_old_posts_are_read_and_nothing_twice(graph):
    rng = random.Random(4)
    populate(graph, 6, 9, rng=rng, start=time.time() - 30 * 86400)
    conn = connector(graph, recheck_seconds=0)
    seen, cursor, _ = drain(conn, None, 10)
    assert len(seen) == 54
    old_post, new_post = sorted(graph.posts)[0], graph.add_post("Fresh news")
    later = add_comments(graph, old_post, 4, rng=rng, at=None, offenders=set())
    later += add_comments(graph, new_post, 3, rng=rng, at=None, offenders=set())
    more, cursor, _ = drain(conn, cursor, 10)
    assert sorted(c.external_id for c in more) == sorted(later)
    requests_before = len(graph.requests)
    again, _, _ = drain(conn, cursor, 10)
    assert again == []
    assert len(graph.requests) - requests_before == 1  # just the feed: no post moved


def test_a_comment_in_the_same_second_as_the_last_read_is_not_missed(graph):
    post = graph.add_post("Trip")
    graph.add_comment(post, "first", author=PEOPLE[0])
    conn = connector(graph, recheck_seconds=30)
    seen, cursor, _ = drain(conn, None, 10)
    # Same second as the one just read: updated_time does not move, so only the re-check finds it.
    late = graph.add_comment(post, "second, same second", author=PEOPLE[1],
                             created_time=graph.comments[seen[0].external_id]["created_time"])
    more, cursor, _ = drain(conn, cursor, 10)
    assert [c.external_id for c in more] == [late]


# -- acting ---------------------------------------------------------------------------------------

def test_every_action_is_idempotent_and_returns_the_platform_response(graph):
    post = graph.add_post("Open day")
    cid = graph.add_comment(post, "rude", author=PEOPLE[2])
    other = graph.add_comment(post, "question", author=PEOPLE[0])
    conn = connector(graph)
    target = ActionTarget("facebook", comment_external_id=cid, author_external_id=PEOPLE[2][0], post_external_id=post)

    assert conn.act("hide", target, {}, "k1") == {"success": True}
    assert conn.act("hide", target, {}, "k1") == {"success": True}
    assert graph.hidden() == {cid}
    assert [r["params"]["is_hidden"] for r in graph.requests if r["method"] == "POST"] == ["true", "true"]
    assert conn.act("unhide", target, {}, "k2") == {"success": True} and graph.hidden() == set()
    assert conn.act("ban", target, {}, "k3") == {PEOPLE[2][0]: True}
    assert conn.act("ban", target, {}, "k3") == {PEOPLE[2][0]: True}
    assert set(graph.blocked) == {PEOPLE[2][0]}
    assert conn.act("unban", target, {}, "k4") == {"success": True} and graph.blocked == {}
    reply_target = ActionTarget("facebook", comment_external_id=other)
    first = conn.act("reply", reply_target, {"message": "Please see our complaints procedure."}, "k5")
    second = conn.act("reply", reply_target, {"message": "Please see our complaints procedure."}, "k5")
    assert first["id"] == second["id"] and len(graph.replies) == 1
    assert graph.comments[first["id"]]["from"]["id"] == graph.page_id
    assert conn.act("delete", target, {}, "k6") == {"success": True}
    assert conn.act("delete", target, {}, "k6")["success"] is True
    assert conn.act("hide", target, {}, "k7")["already"] == "gone"
    assert graph.deleted() == {cid}
    with pytest.raises(ConnectorError) as gone:
        conn.act("unhide", target, {}, "k8")
    assert gone.value.permanent and gone.value.code == "gone"
    with pytest.raises(UnsupportedAction):
        conn.act("mute", target, {}, "k9")
    assert conn.supports == {"hide", "unhide", "delete", "reply", "ban", "unban"}


# -- settings and diagnosis -----------------------------------------------------------------------

@pytest.mark.parametrize("change, named", [
    ({"page_id": None}, "page_id"),
    ({"access_token_env": None}, "access_token_env"),
    ({"access_token_env": "NOT_SET_ANYWHERE"}, "access_token_env"),
    ({"access_token_file": "/nonexistent/token"}, "access_token_env' and 'access_token_file"),
    ({"graph_version": "latest"}, "graph_version"),
    ({"graph_base_url": "ftp://x"}, "graph_base_url"),
    ({"timeout_seconds": "ten"}, "timeout_seconds"),
    ({"pageid": "1"}, "pageid"),
])
def test_bad_options_are_refused_with_a_message_naming_the_option(graph, change, named):
    options = fb_options(graph)
    for key, value in change.items():
        if value is None:
            options.pop(key)
        else:
            options[key] = value
    with pytest.raises(ConnectorError) as exc:
        FacebookConnector(platform="facebook", handle="h", **options)
    assert exc.value.permanent and named in str(exc.value)
    assert graph.token not in str(exc.value)


def test_secrets_can_come_from_files_and_the_version_is_pinned(graph, tmp_path):
    token_file = tmp_path / "token"
    token_file.write_text(graph.token + "\n")
    options = fb_options(graph, graph_version="26.0")
    options.pop("access_token_env")
    conn = FacebookConnector(platform="facebook", handle="h", access_token_file=str(token_file), **options)
    conn.fetch(None, 5)
    assert graph.requests[-1]["path"].startswith("/v26.0/")


def test_check_says_plainly_what_is_missing(graph, caplog):
    graph.scopes.remove("pages_manage_engagement")
    results = connector(graph).check()
    problems = [msg for ok, msg in results if not ok]
    assert any("pages_manage_engagement" in m and "MISSING" in m for m in problems)
    assert any("ban list" in m for m in problems)
    assert any(ok and "can read Page" in msg for ok, msg in results)
    graph.expire_token()
    [(ok, msg)] = connector(graph).check()
    assert not ok and "new Page access token" in msg and graph.token not in msg


def test_a_different_served_api_version_is_logged_without_secrets(graph, caplog):
    graph.served_version = "v26.0"
    with caplog.at_level(logging.DEBUG, logger="connectors.facebook"):
        connector(graph).fetch(None, 5)
    warnings = [r for r in caplog.records if "different API version" in r.getMessage()]
    assert len(warnings) == 1 and warnings[0].served == "v26.0" and warnings[0].pinned == "v25.0"
    for record in caplog.records:
        assert graph.token not in record.getMessage() and graph.token not in str(vars(record))


# -- the whole service on a busy Page -------------------------------------------------------------

@pytest.mark.slow
def test_a_busy_page_is_moderated_completely_while_comments_keep_arriving(tmp_path, database_url, graph,
                                                                          make_worker, engine):
    rng = random.Random(50)
    offenders = populate(graph, 50, 40, rng=rng, start=time.time() - 60 * 86400)
    worker = make_worker(fb_settings(tmp_path, database_url, graph))
    worker.run_until_idle()
    for round_ in range(3):  # more arrive between polls, on old and new posts alike
        targets = rng.sample(sorted(graph.posts), 4) + [graph.add_post(f"Round {round_}")]
        for post_id in targets:
            add_comments(graph, post_id, 10, rng=rng, at=None, offenders=offenders)
        worker.run_until_idle(wait_for_retries=5)

    visitor = {c["id"] for c in graph.visitor_comments()}
    stored = [c.external_id for c in rows(engine, Comment)]
    assert len(visitor) == 50 * 40 + 3 * 50
    assert len(stored) == len(set(stored)) and set(stored) == visitor
    assert graph.hidden() == offenders and offenders  # every offender hidden; nothing clean touched
    assert not graph.deleted() and not graph.blocked and not graph.replies
    assert all(a.status == "done" for a in rows(engine, Action))
    with Session(engine) as session:
        account = session.exec(select(Account).where(Account.handle == "oakfield-page")).one()
    assert account.status == "active" and graph.token not in (account.cursor or "")


def test_deleted_posts_are_forgotten_so_the_cursor_stays_small(graph):
    keep, gone = graph.add_post("Keep"), graph.add_post("Gone")
    graph.add_comment(keep, "hello", author=PEOPLE[0])
    graph.add_comment(gone, "hello too", author=PEOPLE[1])
    conn = connector(graph, recheck_seconds=0)
    _, cursor, _ = drain(conn, None, 10)
    assert gone in cursor
    del graph.posts[gone]
    _, cursor, _ = drain(conn, cursor, 10)
    assert gone not in cursor and keep in cursor


# -- requests, edits and deletions ------------------------------------------------------------------

class FixedClock:
    """A clock that moves only when the test moves it (shared by the connector and the fake)."""

    def __init__(self):
        self.now = float(int(time.time()))

    def __call__(self) -> float:
        return self.now


def test_a_page_with_250_older_posts_is_read_in_a_handful_of_requests(graph):
    rng = random.Random(11)
    populate(graph, 250, 2, rng=rng, start=time.time() - 250 * 3600 - 86400)
    big = sorted(graph.posts)[-1]
    add_comments(graph, big, 230, rng=rng, at=time.time() - 3600, offenders=set())  # more than one page of its own
    conn = connector(graph)
    seen, cursor, _ = drain(conn, None, 1000)
    assert len(seen) == 250 * 2 + 230 == len({c.external_id for c in seen})
    paths = [r["path"] for r in graph.requests]
    # 3 feed pages, 5 requests of 50 posts each by field expansion, 2 more pages for the busy post.
    assert len(paths) <= 10, paths
    assert sum(p.endswith("/feed") for p in paths) == 3
    batched = [r for r in graph.requests if r["params"].get("ids")]
    assert len(batched) == 5 and all(len(r["params"]["ids"].split(",")) == 50 for r in batched)
    before = len(graph.requests)
    assert conn.fetch(cursor, 1000).comments == [] and len(graph.requests) - before == 3  # an idle poll: the feed


def test_edits_and_deletions_are_found_by_re_reading_recently_active_posts(graph):
    clock = FixedClock()
    graph.clock = clock
    old = graph.add_post("Last month's trip", created_time=clock.now - 40 * 86400)
    old_comment = graph.add_comment(old, "Lovely trip", author=PEOPLE[0], created_time=clock.now - 39 * 86400)
    post = graph.add_post("Nativity play")
    kind = graph.add_comment(post, "Can't wait!", author=PEOPLE[0])
    edited = graph.add_comment(post, "Looking forward to it", author=PEOPLE[2])
    removed = graph.add_comment(post, "See you all there", author=PEOPLE[1])
    conn = connector(graph, clock=clock, recheck_minutes=15, recheck_days=3)
    seen, cursor, _ = drain(conn, None, 50)
    assert [c.external_id for c in seen] == [old_comment, kind, edited, removed]

    graph.edit_comment(edited, "The head is a useless idiot")  # updated_time does not move
    graph.remove_comment(removed)
    graph.edit_comment(old_comment, "edited long ago")  # outside the recheck window: not re-read
    clock.now += 60
    before = len(graph.requests)
    assert drain(conn, cursor, 50)[0] == []  # the re-read is not due yet
    assert len(graph.requests) - before == 1

    clock.now += 15 * 60
    changes, cursor, _ = drain(conn, cursor, 50)
    assert [(c.external_id, c.text, c.removed) for c in changes] == [
        (edited, "The head is a useless idiot", False), (removed, "", True)]
    assert changes[1].post_id == post
    clock.now += 16 * 60
    assert drain(conn, cursor, 50)[0] == []  # each change reported once


def test_a_deleted_post_takes_its_watched_comments_with_it(graph):
    keep, gone = graph.add_post("Keep"), graph.add_post("Gone")
    graph.add_comment(keep, "hello", author=PEOPLE[0])
    lost = [graph.add_comment(gone, f"hello {n}", author=PEOPLE[1]) for n in range(2)]
    conn = connector(graph)
    _, cursor, _ = drain(conn, None, 10)
    graph.delete_post(gone)
    seen, cursor, _ = drain(conn, cursor, 10)
    assert sorted((c.external_id, c.removed, c.post_id) for c in seen) == [(cid, True, gone) for cid in lost]
    assert gone not in cursor and keep in cursor
    assert drain(conn, cursor, 10)[0] == []
