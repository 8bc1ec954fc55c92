"""Nothing stalls, nothing is judged twice: poison input, rate limits that outlive a process,
several workers sharing comments, and a poll that fails on the service's own side."""
from __future__ import annotations

import json
import threading
import time
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy.exc import OperationalError

import connectors
from connectors.base import ConnectorError, Effect
from connectors.replay import ReplayConnector
from moderator import cli
from moderator.act import accounts, pipeline
from moderator.read import ingest
from moderator.tables import Account, AuditEvent, Comment, Decision, RejectedInput, School
from tests.conftest import comment_line, rows

ABUSE = "Shut up you stupid fucking moron"
KIND = "Thank you so much for the lovely nativity, the children were wonderful"


# -- 1. one bad feed item never stops ingestion ---------------------------------------------------

POISON = [
    b'{"platform": "facebook", "id": ' + b"9" * 5000 + b', "text": "x", "author": {"id": "u1", "name": "A"}}',
    json.dumps(comment_line("p-late", ABUSE, created_at="9999-12-31T23:59:59-23:59")).encode(),
    json.dumps(comment_line("p-early", ABUSE, created_at="0001-01-01T00:00:00+23:59")).encode(),
]


def test_poison_items_are_set_aside_and_every_later_comment_is_judged(worker, feed, engine):
    feed.add(*POISON)
    feed.add(*(comment_line(f"c{i}", KIND if i % 3 else ABUSE, author=f"parent{i}") for i in range(30)))
    worker.run_until_idle()

    decided = rows(engine, Comment, Comment.state == "decided")
    assert {f"c{i}" for i in range(30)} <= {c.external_id for c in decided}
    (fb,) = rows(engine, Account)
    assert fb.status == "active" and fb.cursor  # the feed position moved past the poison
    rejected = rows(engine, RejectedInput)
    assert len(rejected) == 1 and ("digit" in rejected[0].reason or "number" in rejected[0].reason)
    assert len(rejected[0].raw) <= ingest.MAX_REJECTED_RAW + 64 and rejected[0].raw_bytes > 5000
    assert rows(engine, AuditEvent, AuditEvent.action == "input.rejected")
    # Impossible dates are kept as flagged unknowns, never a reason to stop, and the abuse is still hidden.
    for ext in ("p-late", "p-early"):
        (comment,) = rows(engine, Comment, Comment.external_id == ext)
        assert comment.created_at is None and "bad_created_at" in comment.flags and comment.state == "decided"
    assert {"p-late", "p-early"} <= feed.hidden()


def test_run_once_over_poison_exits_cleanly(monkeypatch, feed, settings, tmp_path):
    feed.add(*POISON, comment_line("after", ABUSE))
    monkeypatch.setenv("MODERATOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MODERATOR_DATABASE_URL", settings.database_url)
    config = tmp_path / "moderator.toml"
    config.write_text(
        '[[schools]]\nslug = "oakfield"\nname = "Oakfield"\n'
        '[[schools.accounts]]\nhandle = "oakfield-facebook"\nplatform = "facebook"\nconnector = "replay"\n'
        f'[schools.accounts.options]\nfeed = "{feed.path}"\nstate = "{feed.state_path}"\n', "utf-8")
    assert cli.main(["--config", str(config), "run", "--once"]) == 0
    assert "after" in feed.hidden()


# -- 2. an old date cannot overflow the repeat-author check ---------------------------------------

def test_an_abusive_comment_dated_year_one_is_hidden(worker, feed, engine):
    feed.add(comment_line("old", ABUSE, author="mallory", created_at="0001-01-01T00:00:00Z"),
             comment_line("new", ABUSE, author="mallory"))
    worker.run_until_idle()
    assert feed.hidden() == {"old", "new"}
    assert rows(engine, Comment, Comment.state == "error") == []


def test_the_repeat_author_window_survives_a_date_near_year_one(engine, worker):
    item = pipeline.Pending(1, 0, 1, 1, 1, "facebook", "x", "t", datetime(1, 1, 2, tzinfo=timezone.utc))
    with pipeline.Session(engine) as session:
        assert pipeline._prior_incidents(session, item, worker.schools[1].policy, ["headteacher"]) == 0


# -- 3. ids are never rewritten into someone else's ------------------------------------------------

def test_an_id_with_spaces_is_not_merged_into_another_comment(worker, feed, engine):
    feed.add(comment_line("123", ABUSE, author="mallory"))
    spaced = comment_line("123", KIND, author="mallory")
    spaced["id"] = " 123 "
    feed.add(spaced)
    worker.run_until_idle()

    (comment,) = rows(engine, Comment)
    assert comment.external_id == "123" and comment.revision == 0 and comment.text == ABUSE
    assert feed.hidden() == {"123"}
    assert len(rows(engine, RejectedInput)) == 1


@pytest.mark.parametrize("bad_id", ["a\x00b", "\ud800x"])
def test_ids_that_would_need_rewriting_are_rejected_not_changed(engine, worker, bad_id):
    raw = connectors.RawComment(platform="facebook", external_id=bad_id, text="hello")
    with pipeline.transaction(engine) as session:
        stats = ingest.ingest_batch(session, school_id=1, account_id=1, account_handle="oakfield-facebook",
                                    comments=[raw], rejected=[], max_bytes=100_000)
    assert (stats.new, stats.rejected) == (0, 1)
    assert rows(engine, Comment) == []


# -- 4 and 5. a connector's rate-limit memory outlives retries, restarts and --once ----------------

class LimitedReplay(ReplayConnector):
    """Replay with an X-style per-endpoint limit on reading: after one 429 it refuses to call again
    until the reset time, and it hands that block over through blocked_until/restore_blocked."""

    fetch_calls = 0
    reset_in = 900.0
    built = 0

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        LimitedReplay.built += 1
        self._blocks: dict[str, float] = {}
        self.limited = True

    def blocked_until(self):
        return {k: v for k, v in self._blocks.items() if v > time.time()}

    def restore_blocked(self, blocks):
        self._blocks.update(blocks)

    def fetch(self, cursor, limit):
        until = self._blocks.get("search", 0)
        if until > time.time():
            raise ConnectorError("read limit", effect=Effect.RETRY, endpoint="search", retry_after=until - time.time())
        LimitedReplay.fetch_calls += 1
        if self.limited:
            self._blocks["search"] = time.time() + LimitedReplay.reset_in
            raise ConnectorError("429", effect=Effect.RETRY, endpoint="search", retry_after=LimitedReplay.reset_in)
        return super().fetch(cursor, limit)


@pytest.fixture
def limited(monkeypatch, settings):
    monkeypatch.setitem(connectors.CONNECTORS, "limited", f"{__name__}:LimitedReplay")
    monkeypatch.setattr(LimitedReplay, "fetch_calls", 0)
    monkeypatch.setattr(LimitedReplay, "built", 0)
    settings.schools[0].accounts[0].connector = "limited"
    return LimitedReplay


def test_a_rate_limit_block_is_honoured_by_the_next_process_and_by_run_once(limited, make_worker, settings, engine):
    first = make_worker(settings)
    first.run_until_idle()
    assert limited.fetch_calls == 1
    (fb,) = rows(engine, Account)
    assert fb.blocked.get("search", 0) > time.time() + 800  # stored on the account, not only in memory

    for _ in range(3):  # cron runs `moderator run --once` again and again: no further request
        make_worker(settings).run_until_idle()
    assert limited.fetch_calls == 1


class ThrottledActs(ReplayConnector):
    """Acts fail with a retryable error once; the connector object must survive the retry."""

    built = 0
    failures = 1

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        ThrottledActs.built += 1

    def act(self, action, target, params, idempotency_key):
        if ThrottledActs.failures:
            ThrottledActs.failures -= 1
            raise ConnectorError("throttled for this call", effect=Effect.RETRY, retry_after=0.01)
        return super().act(action, target, params, idempotency_key)


def test_a_retried_action_keeps_its_connector(monkeypatch, make_worker, settings, feed, engine):
    monkeypatch.setitem(connectors.CONNECTORS, "throttled", f"{__name__}:ThrottledActs")
    monkeypatch.setattr(ThrottledActs, "built", 0)
    monkeypatch.setattr(ThrottledActs, "failures", 1)
    settings.schools[0].accounts[0].connector = "throttled"
    feed.add(comment_line("c1", ABUSE))
    make_worker(settings).run_until_idle(wait_for_retries=10)
    assert feed.hidden() == {"c1"}
    assert ThrottledActs.built == 1  # before the fix the worker dropped it after every retry


# -- 8 and 10. comments are claimed before scoring, in the order they were posted -----------------

def _ingested(make_worker, settings, feed, lines):
    worker = make_worker(settings)
    feed.add(*lines)
    while worker.poll_step(force=True):
        pass
    return worker


def test_two_workers_never_claim_the_same_comment(make_worker, settings, feed, engine):
    a = _ingested(make_worker, settings, feed, [comment_line(f"c{i}", KIND, author=f"p{i}") for i in range(40)])
    b = make_worker(settings)
    first = pipeline.claim_pending(engine, a.worker_id, school_ids=list(a.schools), limit=25, lease_seconds=60)
    second = pipeline.claim_pending(engine, b.worker_id, school_ids=list(b.schools), limit=25, lease_seconds=60)
    assert len(first) == 25 and len(second) == 15
    assert not {p.comment_id for p in first} & {p.comment_id for p in second}


def test_racing_workers_throw_away_no_classifier_work(make_worker, settings, feed, engine):
    lines = [comment_line(f"c{i}", ABUSE if i % 3 == 0 else KIND, author=f"p{i}") for i in range(120)]
    workers = [_ingested(make_worker, settings, feed, lines)] + [make_worker(settings) for _ in range(2)]
    for w in workers[1:]:
        w._classifier = workers[0].classifier
    threads = [threading.Thread(target=lambda w=w: [None for _ in iter(w.analyse_step, False)]) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(rows(engine, Decision)) == 120
    assert sum(w.lost_comments for w in workers) == 0


def test_a_later_comment_waits_while_another_worker_judges_the_authors_earlier_one(make_worker, settings, feed,
                                                                                   engine):
    early = (datetime.now(timezone.utc) - timedelta(hours=2)).isoformat()
    late = (datetime.now(timezone.utc) - timedelta(hours=1)).isoformat()
    # fetched in the opposite order to the one they were posted in
    a = _ingested(make_worker, settings, feed, [comment_line("second", ABUSE, author="mallory", created_at=late),
                                                 comment_line("first", ABUSE, author="mallory", created_at=early)])
    b = make_worker(settings)
    (claimed,) = pipeline.claim_pending(engine, a.worker_id, school_ids=list(a.schools), limit=1, lease_seconds=60)
    assert claimed.external_id == "first"
    assert pipeline.claim_pending(engine, b.worker_id, school_ids=list(b.schools), limit=10, lease_seconds=60) == []

    judged = pipeline.judge_texts([claimed.text], classifier=a.classifier, schools=[a.schools[claimed.school_id]])
    with pipeline.transaction(engine) as session:
        pipeline.record_decision(session, claimed, judged[0], school=a.schools[claimed.school_id],
                                 classifier=a.classifier)
    b._classifier = a.classifier
    b.analyse_step()
    (comment,) = rows(engine, Comment, Comment.external_id == "second")
    (decision,) = rows(engine, Decision, Decision.comment_id == comment.id)
    assert "harassment" in decision.rules  # the earlier incident was decided first, so it counted


# -- 9. workers starting together on a fresh database ----------------------------------------------

def test_workers_starting_together_create_each_school_once(engine, settings):
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def start():
        barrier.wait()
        try:
            accounts.sync_config(engine, settings)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(rows(engine, School)) == 1 and len(rows(engine, Account)) == 1


# -- 11. a poll that fails on the service's side gives its lease back ------------------------------

def test_a_database_error_while_storing_a_poll_releases_the_lease(monkeypatch, worker, feed, engine):
    feed.add(comment_line("c1", ABUSE))

    def broken(*args, **kwargs):
        raise OperationalError("INSERT", {}, Exception("server closed the connection unexpectedly"))

    monkeypatch.setattr(ingest, "ingest_batch", broken)
    worker.poll_step(force=True)
    (fb,) = rows(engine, Account)
    assert fb.lease_owner is None and fb.lease_until is None

    monkeypatch.undo()
    worker.run_until_idle()
    assert feed.hidden() == {"c1"}
