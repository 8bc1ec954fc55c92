"""The X connector against the fake X API v2, driving the real tweepy Client: reading mentions and
deep thread replies, cursors that move only past what was returned, the 7-day search window, hiding
replies, settings, check() and the cost projection.

Cast: Oakfield Primary's X account (@OakfieldPrimary), alice (kind), bob (a second parent) and
mallory (abusive)."""
from __future__ import annotations

import json
import random
import time
from datetime import datetime, timedelta, timezone

import pytest
from sqlmodel import Session, select

from connectors import CONNECTORS, ActionTarget, ConnectorError, UnsupportedAction, connector_class
from connectors.fakes.x import FakeX
from connectors.x import PRICES_USD, SUPPORTED_ACTIONS, XConnector, cost_estimate
from moderator.settings import AccountSettings, SchoolSettings, Settings
from moderator.tables import Account, Action, Comment, CommentRevision, Escalation
from tests.conftest import rows

SCHOOL_ID = "1500000000000000001"
ALICE, BOB, MALLORY = "3001", "3002", "3003"
SECRETS = {"X_CONSUMER_KEY": "oakfield-consumer-key", "X_CONSUMER_SECRET": "consumer-secret-value-123",
           "X_ACCESS_TOKEN": f"{SCHOOL_ID}-access-token-value", "X_ACCESS_TOKEN_SECRET": "access-secret-value-456"}


@pytest.fixture
def fake_x():
    fake = FakeX()
    fake.add_user(SCHOOL_ID, "OakfieldPrimary", "Oakfield Primary School", access_token=SECRETS["X_ACCESS_TOKEN"],
                  consumer_key=SECRETS["X_CONSUMER_KEY"], bearer_token="oakfield-app-bearer")
    fake.add_user(ALICE, "alice", "Alice")
    fake.add_user(BOB, "bob", "Bob")
    fake.add_user(MALLORY, "mallory", "Mallory")
    with fake:
        yield fake


@pytest.fixture
def x_options(fake_x, monkeypatch) -> dict:
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)
    return {"consumer_key_env": "X_CONSUMER_KEY", "consumer_secret_env": "X_CONSUMER_SECRET",
            "access_token_env": "X_ACCESS_TOKEN", "access_token_secret_env": "X_ACCESS_TOKEN_SECRET",
            "user_id": SCHOOL_ID, "api_base_url": fake_x.base_url, "timeout_seconds": 10}


@pytest.fixture
def connector(x_options):
    conn = XConnector(platform="x", handle="oakfield-x", **x_options)
    yield conn
    conn.close()


def x_settings(tmp_path, database_url, options: dict, **overrides) -> Settings:
    school = SchoolSettings(slug="oakfield", name="Oakfield Primary School", headteacher=["Mrs Patel"],
                            accounts=[AccountSettings(handle="oakfield-x", platform="x", connector="x", options=options)])
    values = dict(data_dir=tmp_path / "data", database_url=database_url, schools=[school], poll_interval_seconds=0.01,
                  idle_sleep_seconds=0.01, retry_base_seconds=0.01, batch_size=50)
    values.update(overrides)
    return Settings(**values)


def drain(conn: XConnector, cursor: str | None, limit: int = 1000) -> tuple[list, str | None]:
    """Fetch until nothing more is pending; returns every comment and the final cursor."""
    seen = []
    while True:
        result = conn.fetch(cursor, limit)
        seen += result.comments
        cursor = result.cursor
        if not result.more:
            return seen, cursor


def ids(comments) -> list[str]:
    return [c.external_id for c in comments]


def test_it_reads_mentions_and_replies_deep_in_a_thread_and_skips_its_own_posts(fake_x, connector):
    root = fake_x.add_post(SCHOOL_ID, "Sports day photos are up!")
    kind = fake_x.add_post(ALICE, "@OakfieldPrimary lovely photos, thank you", reply_to=root)
    deep = fake_x.add_post(BOB, "@alice agreed, great day", reply_to=kind)  # no @school: only search sees it
    own = fake_x.add_post(SCHOOL_ID, "@alice thank you!", reply_to=kind)
    elsewhere = fake_x.add_post(MALLORY, "hey @OakfieldPrimary look at this")  # a mention outside its threads

    result = connector.fetch(None, 50)

    assert ids(result.comments) == sorted([kind, deep, elsewhere], key=int) and not result.more
    assert own not in ids(result.comments)
    by_id = {c.external_id: c for c in result.comments}
    reply = by_id[deep]
    assert (reply.platform, reply.post_id, reply.parent_id) == ("x", root, kind)
    assert (reply.author_id, reply.author_name, reply.author_username) == (BOB, "Bob", "bob")
    assert reply.permalink == f"https://x.com/bob/status/{deep}"
    assert reply.created_at is not None and reply.created_at.tzinfo is not None
    assert by_id[elsewhere].post_id == elsewhere and by_id[elsewhere].parent_id is None
    # The next poll asks only for what is newer, per query.
    again = connector.fetch(result.cursor, 50)
    assert again.comments == [] and not again.more
    last = fake_x.requests()[-3:]
    assert [r["endpoint"] for r in last] == ["user_tweets", "mentions", "search"]
    assert all("since_id" in r["query"] for r in last)


def test_a_cursor_advances_only_past_what_was_returned(fake_x, x_options):
    root = fake_x.add_post(SCHOOL_ID, "Harvest festival on Friday")
    posted = [fake_x.add_post(random.choice([ALICE, BOB]), f"@OakfieldPrimary reply {i}", reply_to=root)
              for i in range(23)]
    conn = XConnector(platform="x", handle="oakfield-x", **x_options)
    first = conn.fetch(None, 10)
    assert ids(first.comments) == posted[:10] and first.more
    # A restarted worker (new connector, no memory) resumes from the saved cursor without gaps or repeats.
    fresh = XConnector(platform="x", handle="oakfield-x", **x_options)
    rest, cursor = drain(fresh, first.cursor, limit=10)
    assert ids(rest) == posted[10:]
    # The original connector serves its remaining posts from memory while given back its own cursor.
    reads = len(fake_x.requests())
    second = conn.fetch(first.cursor, 10)
    assert ids(second.comments) == posted[10:20] and len(fake_x.requests()) == reads
    assert json.loads(second.cursor)["mentions"] == int(posted[19])


def test_it_follows_pagination_across_pages(fake_x, connector):
    roots = [fake_x.add_post(SCHOOL_ID, f"Class {n} news") for n in range(3)]
    posted = [fake_x.add_post(ALICE, f"@OakfieldPrimary thanks {i}" if i % 2 else f"@bob agreed {i}",
                              reply_to=roots[i % 3]) for i in range(250)]
    seen, _ = drain(connector, None)
    assert ids(seen) == posted
    assert any("pagination_token" in r["query"] for r in fake_x.requests("mentions"))
    assert any("next_token" in r["query"] for r in fake_x.requests("search"))


def test_many_conversations_are_split_into_queries_of_at_most_512_characters(fake_x, connector):
    roots = [fake_x.add_post(SCHOOL_ID, f"Notice {n}") for n in range(30)]
    posted = [fake_x.add_post(BOB, f"@alice reply in thread {n}", reply_to=root) for n, root in enumerate(roots)]
    seen, _ = drain(connector, None)
    assert ids(seen) == posted
    queries = [r["query"]["query"] for r in fake_x.requests("search")]
    assert len(queries) >= 3 and all(len(q) <= 512 for q in queries)


def test_a_cursor_older_than_the_search_window_falls_back_to_a_time_window(fake_x, x_options):
    now = datetime.now(timezone.utc)
    conn = XConnector(platform="x", handle="oakfield-x", conversation_days=14, **x_options)
    root = fake_x.add_post(SCHOOL_ID, "Term dates", created_at=now - timedelta(days=10))
    seen_before = fake_x.add_post(BOB, "@alice first", reply_to=root, created_at=now - timedelta(days=8))
    fake_x.add_post(ALICE, "@bob beyond reach", reply_to=root, created_at=now - timedelta(days=7, hours=2))
    after = [fake_x.add_post(BOB, f"@alice reply {d}", reply_to=root, created_at=now - timedelta(days=d))
             for d in (6.9, 3, 1)]
    # The worker was stopped for eight days: its search since_id is older than X's 7-day window.
    cursor = json.dumps({"v": 1, "mentions": int(seen_before), "own": int(root), "roots": {root: int(seen_before)}})
    seen, cursor = drain(conn, cursor)
    assert ids(seen) == after  # nothing in reach lost, nothing repeated
    search = fake_x.requests("search")[-1]["query"]
    assert "start_time" in search and "since_id" not in search
    assert json.loads(cursor)["roots"][root] == int(after[-1])
    assert all(r["status"] == 200 for r in fake_x.requests())
    # From then on it is an ordinary since_id again.
    assert conn.fetch(cursor, 50).comments == []
    assert fake_x.requests("search")[-1]["query"]["since_id"] == after[-1]


def test_when_x_calls_a_since_id_stale_it_retries_with_a_time_window(fake_x, x_options):
    now = datetime.now(timezone.utc)
    root = fake_x.add_post(SCHOOL_ID, "Term dates", created_at=now - timedelta(days=9))
    old = fake_x.add_post(BOB, "@alice reply", reply_to=root, created_at=now - timedelta(days=7, minutes=30))
    new = fake_x.add_post(ALICE, "@bob reply", reply_to=root)
    skewed = XConnector(platform="x", handle="oakfield-x", clock=lambda: time.time() - 7200, conversation_days=14,
                        **x_options)
    cursor = json.dumps({"v": 1, "mentions": int(new), "own": int(root), "roots": {root: int(old)}})
    seen, _ = drain(skewed, cursor)  # its clock is two hours slow, so only X notices the stale since_id
    assert ids(seen) == [new]
    assert [r["status"] for r in fake_x.requests("search")] == [400, 200]


def test_it_hides_and_unhides_replies_in_the_schools_conversations(fake_x, connector):
    root = fake_x.add_post(SCHOOL_ID, "School fair raised £2,000!")
    nasty = fake_x.add_post(MALLORY, "@OakfieldPrimary you are all useless idiots", reply_to=root)
    target = ActionTarget(platform="x", comment_external_id=nasty, post_external_id=root)
    assert connector.act("hide", target, {}, "hide:x:1") == {"hidden": True, "acted_on": nasty}
    assert connector.act("hide", target, {}, "hide:x:1") == {"hidden": True, "acted_on": nasty}  # already hidden: success
    assert fake_x.hidden() == {nasty}
    assert connector.act("unhide", target, {}, "unhide:x:1") == {"hidden": False, "acted_on": nasty}
    assert fake_x.hidden() == set()
    assert all(r["user_context"] for r in fake_x.requests("hidden"))


def test_replies_outside_the_schools_conversations_cannot_be_hidden(fake_x, connector):
    their_post = fake_x.add_post(BOB, "Anyone going to the fair?")
    reply = fake_x.add_post(MALLORY, "@bob @OakfieldPrimary is rubbish", reply_to=their_post)
    with pytest.raises(ConnectorError) as err:
        connector.act("hide", ActionTarget(platform="x", comment_external_id=reply), {}, "k")
    assert err.value.permanent and err.value.code == "forbidden" and not err.value.account_problem
    gone = connector.act("hide", ActionTarget(platform="x", comment_external_id="1234567"), {}, "k2")
    assert gone["gone"] is True  # deleted by its author: nothing left to hide


@pytest.mark.parametrize("action", ["delete", "ban", "unban", "reply"])
def test_x_offers_only_hide_and_unhide(connector, fake_x, action):
    assert SUPPORTED_ACTIONS == frozenset({"hide", "unhide"}) == connector.supports
    assert CONNECTORS["x"] == "connectors.x:XConnector" and connector_class("x").supports == SUPPORTED_ACTIONS
    before = len(fake_x.requests())
    with pytest.raises(UnsupportedAction) as err:
        connector.act(action, ActionTarget(platform="x", comment_external_id="1", author_external_id=MALLORY), {}, "k")
    assert err.value.code == "unsupported" and err.value.permanent
    assert len(fake_x.requests()) == before


@pytest.mark.parametrize("change, named", [
    ({"user_id": ""}, "'user_id'"),
    ({"user_id": "@oakfield"}, "'user_id'"),
    ({"access_token_env": None}, "'access_token_env' or 'access_token_file'"),
    ({"access_token_env": "NOT_SET_ANYWHERE"}, "'access_token_env'"),
    ({"consumer_secret_file": "/nonexistent/secret"}, "'consumer_secret_env' and 'consumer_secret_file'"),
    ({"consumer_secret_env": None, "consumer_secret_file": "/nonexistent/secret"}, "'consumer_secret_file'"),
    ({"timeout_seconds": 0}, "'timeout_seconds'"),
    ({"expected_posts_per_poll": "lots"}, "'expected_posts_per_poll'"),
    ({"api_base_url": "api.x.com"}, "'api_base_url'"),
    ({"acess_token_env": "X"}, "'acess_token_env'"),
])
def test_options_are_checked_with_messages_that_name_the_option(x_options, change, named):
    options = {k: v for k, v in {**x_options, **change}.items() if v is not None}
    with pytest.raises(ConnectorError) as err:
        XConnector(platform="x", handle="oakfield-x", **options)
    assert err.value.permanent and named in str(err.value)
    assert not any(secret in str(err.value) for secret in SECRETS.values())


def test_credentials_can_be_given_as_files(tmp_path, x_options, fake_x):
    options = dict(x_options)
    for name in ("access_token", "access_token_secret"):
        path = tmp_path / name
        path.write_text(SECRETS[f"X_{name.upper()}"] + "\n")
        options.pop(f"{name}_env")
        options[f"{name}_file"] = str(path)
    conn = XConnector(platform="x", handle="oakfield-x", **options)
    assert conn.check(180)[0][0] is True


def test_check_verifies_the_credentials_and_reports_the_projected_cost(connector, x_options, fake_x):
    lines = connector.check(poll_interval_seconds=180)
    assert all(ok for ok, _ in lines)
    assert "@OakfieldPrimary" in lines[0][1]
    assert "$" in lines[-1][1] and "180 s" in lines[-1][1]
    wrong = XConnector(platform="x", handle="oakfield-x", **{**x_options, "user_id": BOB})
    problems = [msg for ok, msg in wrong.check(180) if not ok]
    assert any("'user_id'" in msg for msg in problems)
    assert not any(secret in msg for msg in problems for secret in SECRETS.values())


def test_the_cost_projection_uses_the_pay_per_use_prices():
    est = cost_estimate(180, expected_posts_per_poll=2, deletion_check_hours=0)
    # Per new reply, at most: one search Post read $0.005 (never mentions and search both) + its author $0.010.
    assert est["usd_per_post"] == pytest.approx(0.015)
    assert est["polls_per_month"] == pytest.approx(30 * 86400 / 180) == 14400
    assert est["usd_per_poll"] == pytest.approx(0.030)
    assert est["usd_per_month"] == pytest.approx(432.00)
    assert est["hide_usd"] == PRICES_USD["content_manage"] == 0.005
    assert cost_estimate(60, 2, deletion_check_hours=0)["usd_per_month"] == pytest.approx(3 * 432.00)
    assert cost_estimate(300, 0)["usd_per_month"] == 0
    # Watching a reply for deletion for 24 hours: looked up on at most two UTC days, $0.005 each.
    assert cost_estimate(180, 2)["usd_per_post"] == pytest.approx(0.025)


def test_each_poll_logs_its_cost_without_secrets(fake_x, connector, caplog):
    root = fake_x.add_post(SCHOOL_ID, "Open evening tonight")
    fake_x.add_post(ALICE, "@OakfieldPrimary see you there", reply_to=root)
    with caplog.at_level("INFO", logger="connectors.x"):
        connector.fetch(None, 50)
    poll = [r for r in caplog.records if r.getMessage() == "x poll"][0]
    # The reply is read once (mentions at $0.001; search leaves out what mentions the school); the own post
    # $0.001; alice $0.010. Requests: the school's posts, its handle (first poll only), mentions, search.
    assert poll.usd == pytest.approx(0.001 + 0.001 + 0.010)
    assert poll.requests == 4 and poll.users_read == 1
    for record in caplog.records:
        assert not any(secret in str(record.__dict__) for secret in SECRETS.values())


OFFENSIVE = ["@OakfieldPrimary you are a fucking idiot", "@OakfieldPrimary shut up you stupid bitch",
             "@OakfieldPrimary this school is shit and the teachers are crap"]
CLEAN = ["@OakfieldPrimary thank you for the lovely assembly today", "@OakfieldPrimary great photos from sports day",
         "@OakfieldPrimary what time does the fair start", "well said, what a kind idea"]


def moderate_many(tmp_path, database_url, fake_x, x_options, make_worker, engine, *, per_wave: int, waves: int):
    """Replies and mentions arrive in waves across 30 conversations; the real worker polls after each."""
    fake_x.state.limits["hidden"] = 100_000  # measure the pipeline, not the 50-hides-per-15-minutes limit
    rng = random.Random(5)
    people = [str(4000 + n) for n in range(60)]
    for person in people:
        fake_x.add_user(person, f"parent{person}")
    roots = [fake_x.add_post(SCHOOL_ID, f"Newsletter item {n}") for n in range(30)]
    worker = make_worker(x_settings(tmp_path, database_url, x_options))
    offending, clean, threads = set(), set(), {r: [r] for r in roots}
    for wave in range(waves):
        for _ in range(per_wave):
            root = rng.choice(roots)
            parent = rng.choice(threads[root])
            bad = rng.random() < 0.3
            text = rng.choice(OFFENSIVE if bad else CLEAN)
            if parent != root and rng.random() < 0.5:
                text = text.replace("@OakfieldPrimary", "@someone")  # deep replies that do not mention the school
            post = fake_x.add_post(rng.choice(people), text, reply_to=parent)
            threads[root].append(post)
            (offending if bad else clean).add(post)
        # a mention outside the school's conversations is read too
        clean.add(fake_x.add_post(rng.choice(people), f"@OakfieldPrimary well done on the play, wave {wave}"))
        worker.run_until_idle()
    stored = rows(engine, Comment)
    assert len(stored) == len(offending) + len(clean) == (per_wave + 1) * waves  # no duplicates, no gaps
    assert {c.external_id for c in stored} == offending | clean
    assert fake_x.hidden() == offending  # every offending reply hidden, clean ones untouched
    with Session(engine) as session:
        account = session.exec(select(Account)).one()
    assert account.status == "active"
    mentions = [int(p) for p in offending | clean if "@OakfieldPrimary" in fake_x.state.posts[int(p)].text]
    assert json.loads(account.cursor)["mentions"] == max(mentions)


def test_replies_arriving_over_several_polls_are_all_moderated(tmp_path, database_url, fake_x, x_options,
                                                              make_worker, engine):
    moderate_many(tmp_path, database_url, fake_x, x_options, make_worker, engine, per_wave=60, waves=3)


@pytest.mark.slow
def test_two_thousand_replies_over_several_polls_are_all_moderated(tmp_path, database_url, fake_x, x_options,
                                                                   make_worker, engine):
    moderate_many(tmp_path, database_url, fake_x, x_options, make_worker, engine, per_wave=399, waves=5)


def test_a_ban_asked_for_on_x_becomes_a_hide_and_a_review(tmp_path, database_url, fake_x, x_options, make_worker,
                                                           engine):
    root = fake_x.add_post(SCHOOL_ID, "Reading week starts Monday")
    nasty = fake_x.add_post(MALLORY, "@OakfieldPrimary watch yourselves", reply_to=root)
    worker = make_worker(x_settings(tmp_path, database_url, x_options))
    worker.poll_step(force=True)
    comment = rows(engine, Comment)[0]
    with Session(engine) as session:  # a person in the console asked for a ban
        session.add(Action(account_id=comment.account_id, comment_id=comment.id, kind="ban",
                           idempotency_key=f"ban:x:{nasty}", requested_by="mrs.patel"))
        session.commit()
    while worker.execute_step():
        pass
    ban = rows(engine, Action, Action.kind == "ban")[0]
    assert ban.status == "failed" and "ban" in ban.last_error
    assert fake_x.hidden() == {nasty}
    assert [e.route for e in rows(engine, Escalation, Escalation.comment_id == comment.id)] == ["headteacher"]
    assert not fake_x.requests("blocking")  # never tried


def test_a_reply_edited_into_abuse_is_hidden_as_it_now_reads_by_whichever_worker_acts(tmp_path, database_url, fake_x,
                                                                                    x_options, make_worker, engine):
    root = fake_x.add_post(SCHOOL_ID, "Sports day results")
    reply = fake_x.add_post(BOB, "@alice well done everyone", reply_to=root)
    settings = x_settings(tmp_path, database_url, x_options)
    make_worker(settings).run_until_idle()  # read and judged: kind, left up
    newer = fake_x.edit_post(reply, "@alice your kid cheated, you fucking useless idiots")
    make_worker(settings).poll_step(force=True)  # one worker reads the edit...
    make_worker(settings).run_until_idle()  # ...another (or the same after a restart) judges and hides it
    assert fake_x.hidden() == {reply}, "the version people see now is hidden"
    assert fake_x.state.posts[int(newer)].hidden
    (revision,) = rows(engine, CommentRevision)
    assert (revision.kind, revision.external_id) == ("edit", newer)
    (hide,) = rows(engine, Action, Action.kind == "hide")
    assert hide.status == "done" and hide.result["acted_on"] == newer


def test_an_offending_mention_in_someone_elses_conversation_goes_straight_to_a_person_without_a_doomed_hide(
        tmp_path, database_url, fake_x, x_options, make_worker, engine):
    their_post = fake_x.add_post(BOB, "Anyone going to the fair?")
    theirs = fake_x.add_post(MALLORY, "@bob @OakfieldPrimary is shit and the teachers are fucking useless idiots",
                             reply_to=their_post)
    alone = fake_x.add_post(MALLORY, "@OakfieldPrimary you are all fucking idiots")  # a post of its own, no reply
    root = fake_x.add_post(SCHOOL_ID, "Fair on Saturday")
    ours = fake_x.add_post(MALLORY, "@OakfieldPrimary you are all fucking idiots", reply_to=root)
    make_worker(x_settings(tmp_path, database_url, x_options)).run_until_idle()
    assert fake_x.hidden() == {ours}
    assert [r["path"] for r in fake_x.requests("hidden")] == [f"/2/tweets/{ours}/hidden"], "no hide X must refuse"
    stored = {c.external_id: c for c in rows(engine, Comment)}
    assert set(stored) == {theirs, alone, ours}
    for cid in (theirs, alone):
        assert "not_hideable" in stored[cid].flags and "not_hideable" not in stored[ours].flags
        assert rows(engine, Action, Action.comment_id == stored[cid].id) == []
        escalations = rows(engine, Escalation, Escalation.comment_id == stored[cid].id)
        assert escalations and all("only lets the account that started a conversation hide" in e.reason
                                   for e in escalations)
    assert rows(engine, Action, Action.status == "failed") == []


def test_the_fake_speaks_the_x_wire_protocol(fake_x):
    import requests

    base = fake_x.base_url
    bearer = {"Authorization": "Bearer oakfield-app-bearer"}
    empty = requests.get(f"{base}/2/users/{SCHOOL_ID}/mentions", params={"max_results": 5}, headers=bearer)
    assert empty.status_code == 200 and empty.json() == {"meta": {"result_count": 0}}
    assert {"x-rate-limit-limit", "x-rate-limit-remaining", "x-rate-limit-reset"} <= set(empty.headers)
    too_few = requests.get(f"{base}/2/tweets/search/recent", params={"query": "@x", "max_results": 5}, headers=bearer)
    assert too_few.status_code == 400 and too_few.json()["type"].endswith("/invalid-request")
    root = fake_x.add_post(SCHOOL_ID, "Welcome")
    reply = fake_x.add_post(ALICE, "@OakfieldPrimary hi", reply_to=root)
    app_only = requests.put(f"{base}/2/tweets/{reply}/hidden", json={"hidden": True}, headers=bearer)
    assert app_only.status_code == 403 and fake_x.hidden() == set()  # hiding needs user context
    assert requests.post(f"{base}/2/users/{SCHOOL_ID}/blocking", json={"target_user_id": MALLORY},
                         headers=bearer).status_code == 404  # removed in 2023
    assert requests.get(f"{base}/2/users/me", headers={"Authorization": "Bearer wrong"}).status_code == 401
    page = requests.get(f"{base}/2/tweets/search/recent", headers=bearer, params={
        "query": f"conversation_id:{root}", "max_results": 10, "expansions": "author_id",
        "tweet.fields": "created_at,conversation_id,referenced_tweets"}).json()
    post = page["data"][0]
    assert post["id"] == reply and post["edit_history_tweet_ids"] == [reply]
    assert post["created_at"].endswith("Z") and post["created_at"][-5] == "."  # milliseconds, as tweepy needs
    assert post["referenced_tweets"] == [{"type": "replied_to", "id": root}]
    assert {u["username"] for u in page["includes"]["users"]} == {"alice", "OakfieldPrimary"}
    assert page["meta"]["newest_id"] == reply and "next_token" not in page["meta"]
    assert all(isinstance(r["t"], float) for r in fake_x.requests())


# -- one search a poll, media, edits and deletions ---------------------------------------------------

class OffsetClock:
    """Real time plus an offset the test moves forward (never by sleeping)."""

    def __init__(self):
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset


def test_conversations_followed_since_different_polls_share_one_search_request(fake_x, connector):
    cursor = None
    roots = []
    for n in range(5):  # a new post each poll: each conversation starts from its own since_id
        roots.append(fake_x.add_post(SCHOOL_ID, f"Notice {n}"))
        fake_x.add_post(BOB, f"@alice reply {n}", reply_to=roots[-1])
        cursor = connector.fetch(cursor, 50).cursor
    searches = len(fake_x.requests("search"))
    late = [fake_x.add_post(ALICE, f"@bob later {n}", reply_to=root) for n, root in enumerate(roots)]
    result = connector.fetch(cursor, 50)
    assert ids(result.comments) == late
    assert len(fake_x.requests("search")) == searches + 1  # one request for all five conversations
    query = fake_x.requests("search")[-1]["query"]["query"]
    assert all(f"conversation_id:{root}" in query for root in roots) and len(query) <= 512


def test_a_reply_that_mentions_the_school_is_read_and_billed_once(fake_x, connector, caplog):
    root = fake_x.add_post(SCHOOL_ID, "Book fair on Thursday")
    cursor = connector.fetch(None, 50).cursor
    mention = fake_x.add_post(ALICE, "@OakfieldPrimary can we pay by card?", reply_to=root)
    deep = fake_x.add_post(BOB, "@alice yes you can", reply_to=mention)
    with caplog.at_level("INFO", logger="connectors.x"):
        result = connector.fetch(cursor, 50)
    assert ids(result.comments) == [mention, deep]
    poll = [r for r in caplog.records if r.getMessage() == "x poll"][-1]
    assert poll.posts_read == 2  # the mention through mentions only, the deep reply through search only
    assert "-@OakfieldPrimary" in fake_x.requests("search")[-1]["query"]["query"]


def test_photos_and_videos_are_recorded_as_attachments(fake_x, connector):
    root = fake_x.add_post(SCHOOL_ID, "Our new library")
    reply = fake_x.add_post(MALLORY, "@OakfieldPrimary look at this", reply_to=root, media=["photo", "video"])
    (comment,) = connector.fetch(None, 50).comments
    assert comment.external_id == reply
    photo, video = comment.attachments
    assert photo["type"] == "photo" and photo["url"].startswith("https://pbs.twimg.com/") and photo["media_key"]
    assert video["type"] == "video" and video["url"] is None and video["preview_url"].startswith("https://")
    query = fake_x.requests("mentions")[-1]["query"]
    assert "attachments.media_keys" in query["expansions"] and "preview_image_url" in query["media.fields"]


def test_an_edited_reply_comes_back_under_its_original_id_with_the_new_text(fake_x, connector):
    root = fake_x.add_post(SCHOOL_ID, "Sports day results")
    reply = fake_x.add_post(BOB, "@alice well done everyone", reply_to=root)
    first = connector.fetch(None, 50)
    assert [(c.external_id, c.text) for c in first.comments] == [(reply, "@alice well done everyone")]
    newer = fake_x.edit_post(reply, "@alice your kid cheated, you idiots")
    again = connector.fetch(first.cursor, 50)
    assert [(c.external_id, c.text) for c in again.comments] == [(reply, "@alice your kid cheated, you idiots")]
    assert again.comments[0].permalink.endswith(f"/status/{reply}")
    assert json.loads(again.cursor)["watch"][reply][0] == newer
    assert again.comments[0].version_id == newer
    # Hiding the comment as it now reads: the newest version's own id, and the answer says which id it was.
    done = connector.act("hide", ActionTarget(platform="x", comment_external_id=reply, version_external_id=newer), {},
                         "hide-1")
    assert done == {"hidden": True, "acted_on": newer}
    assert fake_x.state.posts[int(newer)].hidden and fake_x.hidden() == {reply}


def test_deleted_replies_are_found_by_a_batched_lookup_and_returned_as_removed(fake_x, x_options):
    clock = OffsetClock()
    conn = XConnector(platform="x", handle="oakfield-x", clock=clock, deletion_check_minutes=30, **x_options)
    root = fake_x.add_post(SCHOOL_ID, "Christmas jumper day")
    kept = fake_x.add_post(ALICE, "@OakfieldPrimary lovely idea", reply_to=root)
    gone = fake_x.add_post(MALLORY, "@OakfieldPrimary you are all idiots", reply_to=root)
    edited = fake_x.add_post(BOB, "@alice first words", reply_to=root)
    cursor = conn.fetch(None, 50).cursor
    newer = fake_x.edit_post(edited, "@alice second words")
    cursor = conn.fetch(cursor, 50).cursor
    fake_x.delete_post(gone)
    fake_x.delete_post(edited)
    assert conn.fetch(cursor, 50).comments == []  # not due yet: no lookup
    assert not fake_x.requests("lookup_many")
    clock.offset = 31 * 60
    result = conn.fetch(cursor, 50)
    removed = {c.external_id: c for c in result.comments if c.removed}
    assert set(removed) == {gone, edited} and all(c.text == "" for c in removed.values())
    (lookup,) = fake_x.requests("lookup_many")
    assert set(lookup["query"]["ids"].split(",")) == {kept, gone, newer}  # the newest version of each
    assert set(json.loads(result.cursor)["watch"]) == {kept}
    clock.offset = 62 * 60
    assert conn.fetch(result.cursor, 50).comments == []  # reported once
