"""Bad input loses nothing and stops nothing: every odd line in a replay feed is either stored (cleaned,
with a flag saying how) or kept as a RejectedInput row with a readable reason, with a log line either
way; the comments around it are still ingested and moderated, and the worker carries on."""
from __future__ import annotations

import hashlib
import json
import logging

import pytest
from sqlalchemy import update

from moderator.db import transaction
from moderator.tables import (
    Account, Action, Analysis, AuditEvent, Comment, CommentRevision, Decision, RejectedInput,
)
from tests.conftest import comment_line, rows

KIND = "Thank you so much for the lovely nativity, the children were wonderful"
ABUSE = "Shut up you stupid fucking moron"
THREAT = "I'll be waiting at the gates for you on Monday. Watch your back."
MAX_LINE = 4 * 1_048_576


def around(feed, tag: str, *bad) -> None:
    """A kind comment, the bad line(s), then an abusive comment."""
    feed.add(comment_line(f"{tag}-before", KIND), *bad, comment_line(f"{tag}-after", ABUSE, author="mallory"))


def comment(engine, ext_id: str) -> Comment:
    (found,) = rows(engine, Comment, Comment.external_id == ext_id)
    return found


def assert_neighbours_moderated(engine, feed, tag: str) -> None:
    before, after = comment(engine, f"{tag}-before"), comment(engine, f"{tag}-after")
    assert before.state == after.state == "decided"
    assert [d.action for d in rows(engine, Decision, Decision.comment_id == before.id)] == ["none"]
    assert [d.action for d in rows(engine, Decision, Decision.comment_id == after.id)] == ["hide"]
    assert f"{tag}-after" in feed.hidden() and f"{tag}-before" not in feed.hidden()


def logged(caplog, message: str) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.getMessage() == message]


def carries_on(worker, feed, engine, tag: str = "later") -> None:
    """The worker is still working: a new abusive comment after the bad input is hidden."""
    feed.add(comment_line(tag, THREAT, author="mallory"))
    worker.run_until_idle()
    assert comment(engine, tag).state == "decided" and tag in feed.hidden()


# -- lines that cannot become a comment -----------------------------------------------------------

REJECTED = {
    "truncated JSON": (b'{"platform": "facebook", "id": "t1", "text": "I will be at the', "malformed JSON"),
    "not an object": (b'["facebook", "t2", "hello"]', "line is not a JSON object"),
    "a bare string": (b'"hello from nowhere"', "line is not a JSON object"),
    "binary garbage": (bytes(range(0x80, 0x100)) + b"\x00\x01\x02\x7f\x89PNG\r\x1a", "malformed JSON"),
    "unknown platform": (json.dumps(comment_line("t3", KIND, platform="myspace")).encode(),
                         "unknown platform 'myspace'; allowed: facebook, x"),
    "the wrong platform": (json.dumps(comment_line("t4", KIND, platform="x")).encode(),
                           "does not match this account's platform 'facebook'"),
    "missing id": (json.dumps({"platform": "facebook", "text": ABUSE}).encode(), "'id' must be a non-empty string"),
    "blank id": (json.dumps(comment_line("   ", ABUSE)).encode(), "'id' must be a non-empty string"),
    "over-long id": (json.dumps(comment_line("x" * 129, ABUSE)).encode(), "at most 128 characters"),
    "number as text": (json.dumps(comment_line("t5", 42)).encode(), "'text' must be a string"),
    "null text": (json.dumps(comment_line("t6", None)).encode(), "'text' must be a string"),
}


@pytest.mark.parametrize("case", list(REJECTED))
def test_a_line_that_is_not_a_comment_is_rejected_with_a_reason_and_nothing_else_is_lost(
        case, worker, feed, engine, caplog):
    bad, reason = REJECTED[case]
    around(feed, "n", bad)
    with caplog.at_level(logging.INFO):
        worker.run_until_idle()

    (rejected,) = rows(engine, RejectedInput)
    assert reason in rejected.reason
    assert rejected.raw_bytes == len(bad) + 1 and rejected.raw_sha256 == hashlib.sha256(bad + b"\n").hexdigest()
    assert rejected.raw and "\x00" not in rejected.raw  # an escaped copy anyone can read, storable anywhere
    (record,) = logged(caplog, "input rejected")
    assert record.reason == rejected.reason and record.source_ref == rejected.source_ref
    (event,) = rows(engine, AuditEvent, AuditEvent.action == "input.rejected")
    assert event.data["reason"] == rejected.reason
    assert {c.external_id for c in rows(engine, Comment)} == {"n-before", "n-after"}
    assert_neighbours_moderated(engine, feed, "n")
    carries_on(worker, feed, engine)


def test_a_line_over_4_mb_is_rejected_and_skipped_whole(worker, feed, engine, caplog):
    huge = b'{"platform": "facebook", "id": "huge", "text": "' + b"a" * (MAX_LINE + 10) + b'"}'
    around(feed, "n", huge)
    with caplog.at_level(logging.INFO):
        worker.run_until_idle()

    (rejected,) = rows(engine, RejectedInput)
    assert rejected.reason == f"line longer than {MAX_LINE} bytes"
    assert rejected.raw.startswith('{"platform": "facebook", "id": "huge"') and len(rejected.raw) <= 4096
    assert logged(caplog, "input rejected")
    assert rows(engine, Comment, Comment.external_id == "huge") == []
    assert_neighbours_moderated(engine, feed, "n")


# -- lines that are stored, cleaned and flagged ---------------------------------------------------

def test_a_1_mb_comment_is_stored_whole_and_judged(worker, feed, engine):
    text = THREAT + " " + "The children loved the café trip — thank you! " * 22_000
    data = text.encode("utf-8")
    assert 1_000_000 < len(data) < 2 * 1_048_576  # over 1 MB, under the default max_comment_bytes
    around(feed, "n", comment_line("big", text, author="mallory"))
    worker.run_until_idle()

    big = comment(engine, "big")
    assert big.text == text and big.text_bytes == len(data) and big.text_sha256 == hashlib.sha256(data).hexdigest()
    assert big.flags == []
    (analysis,) = rows(engine, Analysis, Analysis.comment_id == big.id)
    assert "toxicity" in analysis.scores and analysis.normalised_text
    (decision,) = rows(engine, Decision, Decision.comment_id == big.id)
    assert decision.action == "hide" and "threat" in decision.rules and "big" in feed.hidden()
    assert_neighbours_moderated(engine, feed, "n")


def test_a_comment_over_the_size_limit_is_stored_truncated_with_the_hash_of_the_whole(worker, settings, feed,
                                                                                      engine, caplog):
    settings.max_comment_bytes = 4096
    text = THREAT + " " + "é" * 5000
    data = text.encode("utf-8")
    feed.add(comment_line("long", text, author="mallory"))
    with caplog.at_level(logging.INFO):
        worker.run_until_idle()

    long = comment(engine, "long")
    assert "truncated" in long.flags
    assert long.text_bytes == len(data) and long.text_sha256 == hashlib.sha256(data).hexdigest()
    assert text.startswith(long.text) and len(long.text.encode("utf-8")) <= 4096
    assert "long" in feed.hidden()
    (record,) = logged(caplog, "comment needed cleaning")
    assert record.flags == ["truncated"] and record.bytes == len(data)


def test_nul_bytes_are_stored_as_replacement_characters_and_flagged(worker, feed, engine, caplog):
    around(feed, "n", comment_line("nul", "Lovely\x00 assembly\x00 today"))
    with caplog.at_level(logging.INFO):
        worker.run_until_idle()

    nul = comment(engine, "nul")
    assert nul.text == "Lovely\ufffd assembly\ufffd today" and nul.flags == ["nul_replaced"]
    assert nul.text_sha256 == hashlib.sha256(nul.text.encode("utf-8")).hexdigest()
    assert nul.state == "decided"
    (record,) = logged(caplog, "comment needed cleaning")
    assert record.flags == ["nul_replaced"] and record.external_id == "nul"
    assert_neighbours_moderated(engine, feed, "n")


def test_invalid_utf8_is_ingested_with_replacement_and_flagged(worker, feed, engine, caplog):
    line = b'{"platform": "facebook", "id": "latin1", "text": "The caf\xe9 at the fair was lovely \xff\xfe"}'
    around(feed, "n", line)
    with caplog.at_level(logging.INFO):
        worker.run_until_idle()

    latin1 = comment(engine, "latin1")
    assert latin1.text == "The caf\ufffd at the fair was lovely \ufffd\ufffd"
    assert latin1.flags == ["invalid_utf8"] and latin1.state == "decided"
    (record,) = logged(caplog, "comment needed cleaning")
    assert record.flags == ["invalid_utf8"]
    assert_neighbours_moderated(engine, feed, "n")


def test_lone_surrogate_escapes_in_the_text_are_replaced_and_flagged(worker, feed, engine, caplog):
    line = b'{"platform": "facebook", "id": "sur", "text": "Shut up you stupid fucking moron \\ud800 \\udfff"}'
    around(feed, "n", line)
    with caplog.at_level(logging.INFO):
        worker.run_until_idle()

    sur = comment(engine, "sur")
    assert sur.flags == ["surrogates_replaced"]
    assert sur.text.startswith(ABUSE) and "\ufffd" in sur.text
    assert not any(0xD800 <= ord(ch) <= 0xDFFF for ch in sur.text)
    sur.text.encode("utf-8")  # storable anywhere
    assert "sur" in feed.hidden()  # still judged on what is left
    (record,) = logged(caplog, "comment needed cleaning")
    assert record.flags == ["surrogates_replaced"]
    assert_neighbours_moderated(engine, feed, "n")


OUTSIDE_TEXT = {
    "surrogate in id": b'"id": "sur\\ud800"',
    "surrogate in author name": b'"id": "odd", "author": {"id": "u-odd", "name": "Bob \\udfff"}',
    "surrogate in post id": b'"id": "odd", "post_id": "p\\ud800"',
    "NUL in id": b'"id": "nul\\u0000"',
    "NUL in author name": b'"id": "odd", "author": {"id": "u-odd", "name": "Bob \\u0000"}',
}


@pytest.mark.parametrize("case", OUTSIDE_TEXT)
def test_odd_characters_outside_the_text_do_not_block_the_account(case, worker, feed, engine):
    around(feed, "n", b'{"platform": "facebook", "text": "Lovely assembly", ' + OUTSIDE_TEXT[case] + b"}")
    worker.run_until_idle()

    # Stored (cleaned) or rejected with a reason: either way, not lost and not blocking the lines after it.
    stored = [c for c in rows(engine, Comment) if c.external_id not in ("n-before", "n-after")]
    assert len(stored) + len(rows(engine, RejectedInput)) == 1
    assert_neighbours_moderated(engine, feed, "n")


def test_deeply_nested_json_is_rejected_not_fatal(worker, feed, engine):
    around(feed, "n", b'{"platform": "facebook", "id": "deep", "text": "hi", "attachments": '
           + b"[" * 100_000 + b"]" * 100_000 + b"}")
    worker.run_until_idle()

    (rejected,) = rows(engine, RejectedInput)
    assert "JSON" in rejected.reason
    assert_neighbours_moderated(engine, feed, "n")


# -- the same comment again -----------------------------------------------------------------------

def test_a_clean_comment_edited_into_abuse_is_recorded_as_an_edit_and_hidden(worker, feed, engine, caplog):
    feed.add(comment_line("c1", KIND, author="mallory"))
    worker.run_until_idle()
    assert feed.hidden() == set()

    feed.add(comment_line("c1", ABUSE, author="mallory"))
    with caplog.at_level(logging.INFO):
        worker.run_until_idle()

    c1 = comment(engine, "c1")
    assert c1.text == KIND and c1.revision == 1  # the original stays as evidence
    (revision,) = rows(engine, CommentRevision, CommentRevision.comment_id == c1.id)
    assert (revision.kind, revision.revision, revision.text) == ("edit", 1, ABUSE)
    assert revision.text_sha256 == hashlib.sha256(ABUSE.encode()).hexdigest()
    decisions = sorted(rows(engine, Decision, Decision.comment_id == c1.id), key=lambda d: d.revision)
    assert [(d.revision, d.action) for d in decisions] == [(0, "none"), (1, "hide")]
    (analysis,) = rows(engine, Analysis, Analysis.comment_id == c1.id, Analysis.revision == 1)
    assert analysis.normalised_text and analysis.scores["toxicity"] > 0.5
    assert feed.hidden() == {"c1"}
    assert len(rows(engine, Action)) == 1
    (record,) = logged(caplog, "comment edited")
    assert record.external_id == "c1" and record.revision == 1


def test_an_edit_in_the_same_batch_is_judged_on_the_new_text(worker, feed, engine):
    feed.add(comment_line("c1", KIND), comment_line("c1", THREAT))
    worker.run_until_idle()

    c1 = comment(engine, "c1")
    assert c1.text == KIND and c1.revision == 1 and c1.state == "decided"
    (decision,) = rows(engine, Decision, Decision.comment_id == c1.id)
    assert decision.revision == 1 and decision.action == "hide" and "threat" in decision.rules
    assert feed.hidden() == {"c1"}


def test_the_same_line_repeated_is_stored_and_judged_once(worker, settings, feed, engine):
    line = comment_line("c1", ABUSE, author="mallory")
    feed.add(line, line, line)
    worker.run_until_idle()
    settings.batch_size = 1  # and again, one line per poll
    feed.add(line, line)
    worker.run_until_idle()

    (c1,) = rows(engine, Comment)
    assert c1.revision == 0 and rows(engine, CommentRevision) == []
    assert len(rows(engine, Decision)) == 1 and len(rows(engine, Action)) == 1
    assert len(rows(engine, AuditEvent, AuditEvent.action == "comment.ingested")) == 1
    applied = [e for e in feed.state()["log"] if e["effect"] == "applied"]
    assert [e["comment"] for e in applied] == ["c1"]


# -- a line still being written -------------------------------------------------------------------

def test_a_partial_last_line_waits_until_it_is_complete(worker, feed, engine):
    feed.add(comment_line("c1", KIND))
    whole = json.dumps(comment_line("c2", THREAT, author="mallory")).encode()
    with feed.path.open("ab") as fh:
        fh.write(whole[:40])  # a writer is half-way through this line
    worker.run_until_idle()

    assert [c.external_id for c in rows(engine, Comment)] == ["c1"]
    assert rows(engine, RejectedInput) == []
    (account,) = rows(engine, Account)
    assert int(account.cursor) == feed.path.stat().st_size - 40  # the half line is not consumed

    with feed.path.open("ab") as fh:
        fh.write(whole[40:] + b"\n")
    worker.run_until_idle()

    c2 = comment(engine, "c2")
    assert c2.text == THREAT and c2.flags == [] and c2.state == "decided"
    assert feed.hidden() == {"c2"} and rows(engine, RejectedInput) == []
    (account,) = rows(engine, Account)
    assert int(account.cursor) == feed.path.stat().st_size


# -- reading the feed again -----------------------------------------------------------------------

def test_reading_the_feed_again_from_the_start_duplicates_nothing(worker, feed, engine, caplog):
    for i, (case, (bad, _)) in enumerate(REJECTED.items()):
        feed.add(comment_line(f"ok{i}", ABUSE if i % 2 else KIND, author=f"parent{i}"), bad)
    feed.add(b'{"platform": "facebook", "id": "latin1", "text": "caf\xe9"}',
             comment_line("nul", "a\x00b"), comment_line("last", THREAT, author="mallory"))
    worker.run_until_idle()

    def snapshot():
        return {model.__name__: sorted(r.id for r in rows(engine, model))
                for model in (Comment, CommentRevision, RejectedInput, Analysis, Decision, Action, AuditEvent)}

    first = snapshot()
    assert len(first["RejectedInput"]) == len(REJECTED) and len(first["Comment"]) == len(REJECTED) + 3
    hidden, log_length = feed.hidden(), len(feed.state()["log"])

    with transaction(engine) as session:  # rewind the account to the start of the feed
        session.execute(update(Account).values(cursor=None, next_poll_at=None))
    caplog.clear()
    with caplog.at_level(logging.INFO):
        worker.run_until_idle()

    assert snapshot() == first
    assert rows(engine, Account)[0].cursor == str(feed.path.stat().st_size)  # it did read it all again
    assert feed.hidden() == hidden and len(feed.state()["log"]) == log_length
    assert logged(caplog, "input rejected") == []
