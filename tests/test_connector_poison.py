"""One bad platform item never stops reading, on every connector: an id that is a 5,000-digit
number, a date at the edge of what Python can represent, an id that would need rewriting (NUL,
bytes that are not UTF-8, a lone surrogate, surrounding whitespace), wrong-typed fields. Such an item
becomes a ``Rejected`` (its bytes kept as evidence) or, for a date, a comment with no ``created_at``
flagged ``bad_created_at``; the items after it are read and the cursor moves past it.

The replay feed, the fake Graph API and the fake X API each serve the same poison bytes."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from connectors.items import id_problem, load_json, sane_time
from connectors.replay import ReplayConnector
from moderator.tables import AuditEvent, Author, Comment, CommentRevision, Decision, RejectedInput
from tests.conftest import comment_line, rows
from tests.test_facebook_connector import PEOPLE, connector as fb_connector, graph  # noqa: F401 - fixtures
from tests.test_x_connector import ALICE, BOB, SCHOOL_ID, XConnector, fake_x, ids, x_options  # noqa: F401

HUGE = "9" * 5000
LATE = "9999-12-31T23:59:59-23:59"   # overflows when turned into UTC
EARLY = "0001-01-01T00:00:00+23:59"  # underflows when turned into UTC


# -- the checks themselves --------------------------------------------------------------------------

def test_a_5000_digit_number_is_read_as_a_number_that_can_never_be_an_id():
    with pytest.raises(ValueError):
        json.loads('{"id": ' + HUGE + "}")  # what Python's json does: the whole document is lost
    item = load_json(('{"id": ' + HUGE + ', "text": "hi"}').encode())
    assert item["text"] == "hi" and "5000 digits" in id_problem(item["id"])


@pytest.mark.parametrize("value", [LATE, EARLY, "2003-12-31T23:59:59Z", "not a date", 1700000000, "2026-13-01T00:00:00Z"])
def test_impossible_dates_are_unknown_and_flagged(value):
    assert sane_time(value, datetime(2026, 11, 27, tzinfo=timezone.utc).timestamp()) == (None, True)


def test_a_date_more_than_a_day_ahead_is_flagged_but_a_little_skew_is_not():
    now = datetime(2026, 11, 27, 12, tzinfo=timezone.utc)
    assert sane_time((now + timedelta(hours=2)).isoformat(), now.timestamp())[1] is False
    assert sane_time((now + timedelta(days=2)).isoformat(), now.timestamp()) == (None, True)


@pytest.mark.parametrize("value, why", [
    (" 123", "whitespace"), ("123 ", "whitespace"), ("12\x003", "NUL"), ("12\udcff3", "invalid UTF-8"),
    ("12\ud800", "surrogate"), ("x" * 129, "129 characters"), (123, "int"), (None, "nothing"), ("", "blank"),
])
def test_ids_that_would_need_rewriting_are_refused_not_cleaned(value, why):
    assert why in id_problem(value)


# -- replay -----------------------------------------------------------------------------------------

def line(ext_id, text="Lovely assembly", **extra) -> bytes:
    return json.dumps({"platform": "facebook", "id": ext_id, "text": text, **extra}).encode() + b"\n"


def test_the_replay_feed_reads_past_every_poison_line(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(b"".join([
        line("before"),
        b'{"platform": "facebook", "id": ' + HUGE.encode() + b', "text": "huge id"}\n',
        line("late", created_at=LATE),
        line("early", created_at=EARLY),
        line(" 123", "spaced"),
        line("123", "plain"),
        b'{"platform": "facebook", "id": "nul\\u0000", "text": "nul"}\n',
        b'{"platform": "facebook", "id": "caf\xe9", "text": "latin-1 byte in the id"}\n',
        b'{"platform": "facebook", "id": "sur\\ud800", "text": "surrogate"}\n',
        line("typed", author={"id": ["a", "list"]}),
        line("after"),
    ]))
    conn = ReplayConnector(platform="facebook", feed=feed, state=tmp_path / "state.json")
    result = conn.fetch(None, 100)

    assert [c.external_id for c in result.comments] == ["before", "late", "early", "123", "typed", "after"]
    by_id = {c.external_id: c for c in result.comments}
    for dated in ("late", "early"):
        assert by_id[dated].created_at is None and by_id[dated].flags == ["bad_created_at"]
    # A bad author costs the author, not the comment (see the tests on malformed authors below).
    assert by_id["typed"].author_id is None and by_id["typed"].author_problem["sent"] == '["a", "list"]'
    reasons = [r.reason for r in result.rejected]
    assert len(reasons) == 5
    assert "5000 digits" in reasons[0] and "whitespace" in reasons[1] and "NUL" in reasons[2]
    assert "invalid UTF-8" in reasons[3] and "surrogate" in reasons[4]
    assert b"caf\xe9" in result.rejected[3].raw  # the evidence is the bytes as they came
    assert int(result.cursor) == feed.stat().st_size and not result.more
    assert conn.fetch(result.cursor, 100).comments == []


# -- Facebook ---------------------------------------------------------------------------------------

def fb_raw(cid: str, message: str, *, created: str = "2026-11-27T08:00:00+0000") -> bytes:
    return (b'{"id": ' + cid.encode("latin-1") + b', "message": "' + message.encode() + b'", "created_time": "'
            + created.encode() + b'", "from": {"id": "6100000000000101", "name": "Alice Ahmed"}}')


def test_facebook_reads_past_every_poison_comment(graph):  # noqa: F811
    post = graph.add_post("Harvest festival")
    before = graph.add_comment(post, "Lovely harvest display", author=PEOPLE[0])
    poison = [
        graph.add_raw_comment(post, fb_raw(HUGE, "huge id")),
        graph.add_raw_comment(post, fb_raw('"901_late"', "late", created=LATE)),
        graph.add_raw_comment(post, fb_raw('"901_early"', "early", created=EARLY)),
        graph.add_raw_comment(post, fb_raw('" 901_1"', "spaced")),
        graph.add_raw_comment(post, fb_raw('"901_nul\\u0000"', "nul")),
        graph.add_raw_comment(post, fb_raw('"901_caf\xe9"', "latin-1 byte in the id")),
        graph.add_raw_comment(post, b'{"id": "901_typed", "message": ["not", "text"]}'),
    ]
    after = graph.add_comment(post, "Thank you to the PTA", author=PEOPLE[1])
    conn = fb_connector(graph)
    result = conn.fetch(None, 50)

    assert [c.external_id for c in result.comments] == [before, "901_late", "901_early", after]
    for c in result.comments[1:3]:
        assert c.created_at is None and c.flags == ["bad_created_at"]
    reasons = sorted(r.reason for r in result.rejected)
    assert len(reasons) == 5 and len({r.source_ref for r in result.rejected}) == 5
    assert any("5000 digits" in r for r in reasons) and any("whitespace" in r for r in reasons)
    assert any("NUL" in r for r in reasons) and any("invalid UTF-8" in r for r in reasons)
    assert any("'message' must be a string" in r for r in reasons)
    assert len(poison) == 7
    again = conn.fetch(result.cursor, 50)
    assert again.comments == []


# -- X ----------------------------------------------------------------------------------------------

def x_raw(post_id: str, text: str, *, created: str = "2026-11-27T08:00:00.000Z", extra: str = "") -> bytes:
    return (b'{"id": ' + post_id.encode("latin-1") + b', "text": "' + text.encode() + b'", "author_id": "' + ALICE.encode()
            + b'", "created_at": "' + created.encode() + b'", "edit_history_tweet_ids": ["1"]' + extra.encode() + b"}")


def test_x_reads_past_every_poison_post(fake_x, x_options):  # noqa: F811
    root = fake_x.add_post(SCHOOL_ID, "Sports day photos are up!")
    before = fake_x.add_post(BOB, "@alice lovely photos", reply_to=root)
    late = fake_x.add_post(BOB, "@alice late", reply_to=root)
    early = fake_x.add_post(BOB, "@alice early", reply_to=root)
    for raw in [x_raw(HUGE, "huge id"), x_raw('" 1900000000000000001"', "spaced"),
                x_raw('"1900000000000000002\\u0000"', "nul"), x_raw('"19000000000000000\xe9"', "latin-1 byte"),
                x_raw('"1900000000000000003"', "typed", extra=', "conversation_id": 42')]:
        fake_x.add_post(BOB, "@alice poison", reply_to=root, raw=raw)
    after = fake_x.add_post(BOB, "@alice after", reply_to=root)
    # The two dated posts are sent with impossible dates instead of their own.
    for post_id, created in ((late, LATE), (early, EARLY)):
        fake_x.state.posts[int(post_id)].raw = (
            '{"id": "%s", "text": "@alice dated", "author_id": "%s", "conversation_id": "%s", "created_at": "%s", '
            '"edit_history_tweet_ids": ["%s"]}' % (post_id, BOB, root, created, post_id)).encode()
    conn = XConnector(platform="x", handle="oakfield-x", **x_options)
    result = conn.fetch(None, 50)

    assert ids(result.comments) == [before, late, early, after]
    for c in result.comments[1:3]:
        assert c.created_at is None and c.flags == ["bad_created_at"]
    reasons = [r.reason for r in result.rejected]
    assert len(reasons) == 5
    for why in ("5000 digits", "whitespace", "NUL", "invalid UTF-8", "'conversation_id'"):
        assert any(why in r for r in reasons), why
    assert json.loads(result.cursor)["roots"][root] == int(after)  # past the poison
    assert conn.fetch(result.cursor, 50).comments == [] and conn.fetch(result.cursor, 50).rejected == []


# -- ids are strings; a malformed author costs the author, never the comment ----------------------------

def test_a_feed_id_that_is_a_number_is_refused_never_read_as_the_string_it_prints_as(feed, worker, engine):
    feed.add(comment_line("0", "Lovely assembly this morning"),
             dict(comment_line("0", "You are all fucking idiots"), id=0),
             dict(comment_line("p1", "Thanks!"), post_id=7), dict(comment_line("p2", "Agreed"), parent_id=8))
    worker.run_until_idle()
    (comment,) = rows(engine, Comment)
    assert (comment.external_id, comment.text, comment.revision) == ("0", "Lovely assembly this morning", 0)
    assert rows(engine, CommentRevision) == []
    reasons = sorted(r.reason for r in rows(engine, RejectedInput))
    assert len(reasons) == 3 and all("must be a non-empty string" in r and "(got int)" in r for r in reasons)
    assert [r for r in reasons if r.startswith("'id'")] and [r for r in reasons if r.startswith("'post_id'")]


def test_an_abusive_comment_with_a_malformed_author_id_is_kept_judged_and_hidden(feed, worker, engine):
    long_id = "u" * 5000
    feed.add(dict(comment_line("c-long", "You are all fucking useless idiots"), author={"id": long_id, "name": "M"}),
             b'{"platform": "facebook", "id": "c-inf", "post_id": "post-1", "author": {"id": 1e400, "name": "M"},'
             b' "text": "Shut up you stupid bitch"}',
             comment_line("c-kind", "Lovely assembly this morning"))
    worker.run_until_idle()
    stored = {c.external_id: c for c in rows(engine, Comment)}
    assert set(stored) == {"c-long", "c-inf", "c-kind"}
    for cid in ("c-long", "c-inf"):
        assert stored[cid].author_id is None and "bad_author_id" in stored[cid].flags
    assert stored["c-kind"].author_id is not None and stored["c-kind"].flags == []
    assert [a.external_id for a in rows(engine, Author)] == ["u-alice"]
    assert feed.hidden() == {"c-long", "c-inf"}, "judged and hidden like any other comment"
    assert {d.comment_id for d in rows(engine, Decision) if d.action == "hide"} == {stored["c-long"].id,
                                                                                     stored["c-inf"].id}
    ingested = {e.subject_id: e.data for e in rows(engine, AuditEvent, AuditEvent.action == "comment.ingested")}
    long_note, inf_note = ingested[stored["c-long"].id]["bad_author"], ingested[stored["c-inf"].id]["bad_author"]
    assert long_note["field"] == "author.id" and "5000 characters" in long_note["problem"]
    assert long_note["bytes"] == 5002 and long_note["sent"].startswith('"uuu') and len(long_note["sha256"]) == 64
    assert inf_note["sent"] == '"1e400"', "the number as it was sent, not Python's inf"
    assert rows(engine, RejectedInput) == []


def test_facebook_and_x_keep_a_comment_whose_author_id_is_malformed(graph, fake_x, x_options):  # noqa: F811
    post = graph.add_post("Harvest festival")
    graph.add_comment(post, "Lovely harvest display", author=PEOPLE[0])
    graph.add_raw_comment(post, b'{"id": "901_huge", "message": "You are idiots", "from": {"id": "'
                          + b"6" * 5000 + b'", "name": "M"}}')
    graph.add_raw_comment(post, b'{"id": "901_inf", "message": "Shut up", "from": {"id": 1e400}}')
    graph.add_comment(post, "Thank you to the PTA", author=PEOPLE[1])
    huge, inf = "901_huge", "901_inf"
    by_id = {c.external_id: c for c in fb_connector(graph).fetch(None, 50).comments}
    assert len(by_id) == 4 and by_id[huge].text == "You are idiots"
    assert by_id[huge].author_id is None and "5000 characters" in by_id[huge].author_problem["problem"]
    assert by_id[inf].author_id is None and by_id[inf].author_problem["sent"] == '"1e400"'

    root = fake_x.add_post(SCHOOL_ID, "Sports day photos are up!")
    fake_x.add_post(BOB, "@alice poison", reply_to=root, raw=(
        '{"id": "1900000000000000007", "text": "@alice you idiot", "author_id": 1e400, "conversation_id": "%s", '
        '"edit_history_tweet_ids": ["1900000000000000007"], "referenced_tweets": [{"type": "replied_to", "id": "%s"}]}'
        % (root, root)).encode())
    conn = XConnector(platform="x", handle="oakfield-x", **x_options)
    (comment,) = conn.fetch(None, 50).comments
    assert comment.external_id == "1900000000000000007" and comment.text == "@alice you idiot"
    assert comment.author_id is None and comment.author_problem["field"] == "author_id"
