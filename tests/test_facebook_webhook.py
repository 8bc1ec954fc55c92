"""Facebook Page feed webhooks: the handshake, signatures checked over the raw body, and a pushed
comment hidden on the (fake) platform by the running service without waiting for a poll, while
polling stays the safety net. No test measures elapsed time: what shows the push path worked is that
the Page's comments were never read between the notification and the hide."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import os
import socket
import subprocess
import sys
import threading
import time

import httpx
import pytest
import uvicorn
from sqlmodel import Session, select

from connectors.fakes.graph import FakeGraph
from moderator.read.webhook import PATH, comments_from_payload, create_app
from moderator.record import register
from moderator.settings import AccountSettings, SchoolSettings
from moderator.tables import Account, AuditEvent, Comment, CommentRevision
from moderator.worker import sync_config
from tests.conftest import rows
from tests.test_facebook_connector import APP_SECRET, PEOPLE, TOKEN_ENV, VERIFY_TOKEN, fb_options, fb_settings, graph  # noqa: F401,E501

RIVERSIDE_SECRET = "riverside-app-secret-for-tests-9876543210"


def client(settings, engine) -> "_SyncASGI":
    return _SyncASGI(create_app(settings, engine))


class _SyncASGI:
    """httpx's ASGI transport is async-only; run each request on a fresh event loop."""

    def __init__(self, app):
        self.app = app

    def request(self, method: str, url: str, **kwargs) -> httpx.Response:
        import asyncio

        async def go() -> httpx.Response:
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=self.app), base_url="http://hooks") as c:
                return await c.request(method, url, **kwargs)

        return asyncio.run(go())

    def get(self, url: str, **kwargs) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs) -> httpx.Response:
        return self.request("POST", url, **kwargs)


def signed(graph: FakeGraph, cid: str, verb: str = "add") -> tuple[bytes, dict[str, str]]:
    body = json.dumps(graph.webhook_payload(cid, verb)).encode()
    return body, {"Content-Type": "application/json", "X-Hub-Signature-256": FakeGraph.sign(body, APP_SECRET)}


@pytest.fixture
def hook_settings(tmp_path, database_url, graph, engine):  # noqa: F811
    settings = fb_settings(tmp_path, database_url, graph, poll_interval_seconds=3600, idle_sleep_seconds=0.02)
    sync_config(engine, settings)  # the school and account rows
    return settings


def test_the_verification_handshake_echoes_the_challenge_only_for_our_verify_token(hook_settings, engine):
    app = client(hook_settings, engine)
    ok = app.get(PATH, params={"hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1158201444"})
    assert ok.status_code == 200 and ok.text == "1158201444"
    bad = app.get(PATH, params={"hub.mode": "subscribe", "hub.verify_token": "guess", "hub.challenge": "1"})
    assert bad.status_code == 403


def test_unsigned_or_wrongly_signed_notifications_are_refused_and_recorded(hook_settings, engine, graph,  # noqa: F811
                                                                           caplog):
    cid = graph.add_comment(graph.add_post("Trip"), "You are all fucking idiots", author=PEOPLE[2])
    body, headers = signed(graph, cid)
    app = client(hook_settings, engine)
    with caplog.at_level(logging.WARNING, logger="moderator.read.webhook"):
        unsigned = app.post(PATH, content=body, headers={"Content-Type": "application/json"})
        forged = app.post(PATH, content=body, headers=dict(headers, **{
            "X-Hub-Signature-256": FakeGraph.sign(body, "not-the-app-secret")}))
        tampered = app.post(PATH, content=body.replace(b"idiots", b"angels"), headers=headers)
    assert [r.status_code for r in (unsigned, forged, tampered)] == [403, 403, 403]
    assert rows(engine, Comment) == []
    events = sorted(rows(engine, AuditEvent, AuditEvent.action == "webhook.rejected"), key=lambda e: e.seq)
    assert [e.data["reason"] for e in events] == ["unsigned notification", "notification with a wrong signature",
                                                  "notification with a wrong signature"]
    assert sum("refused" in r.getMessage() for r in caplog.records) == 3
    assert app.post(PATH, content=body, headers=headers).status_code == 200
    assert [c.external_id for c in rows(engine, Comment)] == [cid]


def test_edits_and_removals_are_kept_beside_the_original_and_the_cursor_is_untouched(hook_settings, engine,
                                                                                    graph, make_worker):  # noqa: F811
    polled = graph.add_comment(graph.add_post("Welcome back"), "Happy new term", author=PEOPLE[3])
    make_worker(hook_settings).run_until_idle()  # a real polling cursor to keep
    with Session(engine) as session:
        before = session.exec(select(Account).where(Account.handle == "oakfield-page")).one()
    assert before.cursor and before.last_polled_at
    post = graph.add_post("Concert")
    cid = graph.add_comment(post, "Lovely concert", author=PEOPLE[0], photo="https://scontent.example/p.jpg")
    reply = graph.add_comment(post, "It was!", author=PEOPLE[1], parent=cid)
    app = client(hook_settings, engine)
    for target, verb in ((cid, "add"), (reply, "add"), (cid, "add")):  # Meta retries: duplicates are harmless
        assert app.post(PATH, content=signed(graph, target, verb)[0], headers=signed(graph, target, verb)[1]).status_code == 200
    graph.edit_comment(cid, "Lovely concert, shame about the car park")
    assert app.post(PATH, content=signed(graph, cid, "edited")[0], headers=signed(graph, cid, "edited")[1]).status_code == 200
    assert app.post(PATH, content=signed(graph, reply, "remove")[0], headers=signed(graph, reply, "remove")[1]).status_code == 200

    stored = {c.external_id: c for c in rows(engine, Comment)}
    assert set(stored) == {polled, cid, reply}
    assert stored[cid].text == "Lovely concert" and stored[cid].attachments[0]["type"] == "photo"
    assert stored[reply].parent_external_id == cid and stored[cid].parent_external_id is None
    assert stored[reply].removed_by_author_at is not None
    kinds = sorted(r.kind for r in rows(engine, CommentRevision))
    assert kinds == ["edit", "removed"]
    with Session(engine) as session:
        after = session.exec(select(Account).where(Account.handle == "oakfield-page")).one()
    assert (after.cursor, after.last_polled_at) == (before.cursor, before.last_polled_at)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_pushed_comment_is_hidden_on_the_page_without_waiting_for_a_poll(hook_settings, engine, graph,  # noqa: F811
                                                                           make_worker):
    worker = make_worker(hook_settings)
    worker.classifier.score(["warm up"])  # load the model before the clock starts
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(hook_settings, engine), host="127.0.0.1", port=port,
                                           log_config=None, access_log=False))
    threads = [threading.Thread(target=server.run, daemon=True), threading.Thread(target=worker.run_forever, daemon=True)]
    for t in threads:
        t.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.01)
        polled = None
        while polled is None and time.monotonic() < deadline:  # the worker's first poll, stored
            with Session(engine) as session:
                polled = session.exec(select(Account).where(Account.handle == "oakfield-page")).one().last_polled_at
            time.sleep(0.01)
        post = graph.add_post("Sports day")
        clean = graph.add_comment(post, "Thanks for a lovely sports day", author=PEOPLE[0])
        bad = graph.add_comment(post, "You are all fucking useless idiots", author=PEOPLE[2])
        pushed_at = len(graph.requests)
        for cid in (clean, bad):
            assert graph.deliver_webhook(f"http://127.0.0.1:{port}{PATH}", cid) == 200
        deadline = time.monotonic() + 30  # a guard against hanging, not a measurement
        while bad not in graph.hidden() and time.monotonic() < deadline:
            time.sleep(0.01)
        reads = [r for r in graph.requests[pushed_at:] if r["method"] == "GET"]
    finally:
        worker.stop_event.set()
        server.should_exit = True
        for t in threads:
            t.join(10)
    assert graph.hidden() == {bad}, "the offensive comment is hidden, the clean one is not"
    assert reads == [], "the Page was not polled: the notification alone brought the comment in"
    with Session(engine) as session:
        account = session.exec(select(Account).where(Account.handle == "oakfield-page")).one()
    assert account.last_polled_at == polled


def test_payloads_old_and_new_are_understood_and_other_events_ignored():
    def change(**value):
        return {"field": "feed", "value": dict({"item": "comment", "post_id": "111_222"}, **value)}

    payload = {"object": "page", "entry": [{"id": "111", "time": 1742667607, "changes": [
        change(verb="add", comment_id="222_1", parent_id="111_222", message="hi", created_time=1742667604,
               sender_id="61", sender_name="Old Style"),
        change(verb="add", comment_id="222_2", parent_id="222_1", message="reply", from_={"id": "62"}),
        change(verb="hide", comment_id="222_1"),
        change(verb="add", comment_id="222_3", message="from the Page", **{"from": {"id": "111", "name": "School"}}),
        {"field": "mention", "value": {}}, "junk",
    ]}]}
    [old, reply] = comments_from_payload(payload)["111"]
    assert (old.external_id, old.author_id, old.author_name, old.parent_id) == ("222_1", "61", "Old Style", None)
    assert old.created_at is not None and old.post_id == "111_222" and "comment_id=1" in old.permalink
    assert reply.parent_id == "222_1"
    assert comments_from_payload({"object": "user", "entry": []}) == {}
    assert comments_from_payload(["not", "a", "dict"]) == {}


# -- nothing acknowledged that was not stored; each Page only through its own app's secret ------------

def test_on_a_fresh_database_a_push_is_answered_503_and_recorded_until_it_can_be_stored(tmp_path, database_url,
                                                                                     graph, engine, caplog):  # noqa: F811
    settings = fb_settings(tmp_path, database_url, graph)  # the config names the Page; no worker has run yet
    cid = graph.add_comment(graph.add_post("Trip"), "You are all fucking idiots", author=PEOPLE[2])
    body, headers = signed(graph, cid)
    app = client(settings, engine)
    with caplog.at_level(logging.WARNING, logger="moderator.read.webhook"):
        first = app.post(PATH, content=body, headers=headers)
    assert first.status_code == 503, "never 200 for a comment that was not stored: Facebook retries a 5xx"
    assert rows(engine, Comment) == []
    (event,) = rows(engine, AuditEvent, AuditEvent.action == "webhook.not_stored")
    assert event.data["pages"][0]["page_id"] == graph.page_id and event.data["pages"][0]["items"] == 1
    assert any(r.levelno == logging.ERROR and "not stored" in r.getMessage() for r in caplog.records)
    sync_config(engine, settings)
    assert app.post(PATH, content=body, headers=headers).status_code == 200  # Facebook's retry
    assert [c.external_id for c in rows(engine, Comment)] == [cid]


def _riverside(tmp_path, database_url, oakfield_graph, riverside_graph, monkeypatch):
    monkeypatch.setenv("RIVERSIDE_FB_TOKEN", riverside_graph.token)
    monkeypatch.setenv("RIVERSIDE_FB_APP_SECRET", RIVERSIDE_SECRET)
    settings = fb_settings(tmp_path, database_url, oakfield_graph)
    options = dict(fb_options(riverside_graph), access_token_env="RIVERSIDE_FB_TOKEN",
                   app_secret_env="RIVERSIDE_FB_APP_SECRET")
    settings.schools.append(SchoolSettings(slug="riverside", name="Riverside Primary School", accounts=[
        AccountSettings(handle="riverside-page", platform="facebook", connector="facebook", options=options)]))
    return settings


def test_one_schools_app_secret_cannot_push_comments_into_another_schools_page(tmp_path, database_url, graph,  # noqa: F811
                                                                              engine, monkeypatch):
    with FakeGraph(app_secret=RIVERSIDE_SECRET, page_id="9876543210123", first_id=950000000000001) as riverside:
        settings = _riverside(tmp_path, database_url, graph, riverside, monkeypatch)
        sync_config(engine, settings)
        app = client(settings, engine)
        planted = graph.add_comment(graph.add_post("Trip"), "Mrs Patel is a liar and a thief", author=PEOPLE[2])
        body = json.dumps(graph.webhook_payload(planted)).encode()
        forged = app.post(PATH, content=body, headers={"Content-Type": "application/json",
                                                       "X-Hub-Signature-256": FakeGraph.sign(body, RIVERSIDE_SECRET)})
        ours = riverside.add_comment(riverside.add_post("Fair"), "Lovely fair", author=PEOPLE[0])
        mixed_payload = graph.webhook_payload(planted)
        mixed_payload["entry"] += riverside.webhook_payload(ours)["entry"]
        mixed = json.dumps(mixed_payload).encode()
        answers = [app.post(PATH, content=mixed, headers={"X-Hub-Signature-256": FakeGraph.sign(mixed, secret)})
                   for secret in (APP_SECRET, RIVERSIDE_SECRET)]
        assert forged.status_code == 403 and [a.status_code for a in answers] == [403, 403]
        assert rows(engine, Comment) == []
        events = sorted(rows(engine, AuditEvent, AuditEvent.action == "webhook.rejected"), key=lambda e: e.seq)
        assert [e.data["reason"] for e in events] == [
            "notification signed with the app secret of another Page's account",
            "notification names Pages of different apps", "notification names Pages of different apps"]
        assert events[0].data["pages"] == [graph.page_id]
        # Each school's own app secret still brings in its own Page's comments, under its own account.
        own = json.dumps(riverside.webhook_payload(ours)).encode()
        assert app.post(PATH, content=own, headers={"X-Hub-Signature-256": riverside.sign(own, RIVERSIDE_SECRET)}
                        ).status_code == 200
        assert app.post(PATH, content=body, headers={"X-Hub-Signature-256": graph.sign(body, APP_SECRET)}
                        ).status_code == 200
    with Session(engine) as session:
        handles = {c.external_id: session.get(Account, c.account_id).handle for c in session.exec(select(Comment))}
    assert handles == {ours: "riverside-page", planted: "oakfield-page"}


def test_moderator_serve_writes_the_config_into_the_database_so_pushes_are_stored_before_any_worker_runs(
        tmp_path, database_url, graph, engine):  # noqa: F811
    settings = fb_settings(tmp_path, database_url, graph)
    port = _free_port()
    env = dict(os.environ, MODERATOR_DATABASE_URL=database_url, MODERATOR_DATA_DIR=str(tmp_path / "data"),
               MODERATOR_SECRET_KEY="serve-test-secret-key-0123456789abcdefghij", MODERATOR_LOG_FORMAT="text",
               MODERATOR_SCHOOLS=json.dumps([s.model_dump(mode="json", exclude_none=True) for s in settings.schools]))
    cid = graph.add_comment(graph.add_post("Trip"), "You are all fucking idiots", author=PEOPLE[2])
    log_file = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen([sys.executable, "-m", "moderator.cli", "serve", "--port", str(port)], env=env,
                              stdout=log_file, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60  # a guard against hanging, not a measurement
        while time.monotonic() < deadline and server.poll() is None:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        status = graph.deliver_webhook(f"http://127.0.0.1:{port}{PATH}", cid)
    finally:
        server.terminate()
        server.wait(20)
        log_file.close()
    assert status == 200, (tmp_path / "serve.log").read_text(errors="replace")[-2000:]
    assert [c.external_id for c in rows(engine, Comment)] == [cid]
    assert [a.handle for a in rows(engine, Account)] == ["oakfield-page"]


def test_the_register_of_a_comment_edited_into_abuse_carries_every_revision_in_every_format(hook_settings, engine,
                                                                                           graph, make_worker):  # noqa: F811
    cid = graph.add_comment(graph.add_post("Concert"), "Lovely concert", author=PEOPLE[2])
    app = client(hook_settings, engine)
    worker = make_worker(hook_settings)
    assert app.post(PATH, content=signed(graph, cid)[0], headers=signed(graph, cid)[1]).status_code == 200
    worker.run_until_idle()  # judged kind: left up
    abuse = "Lovely concert, shame the teachers are fucking useless idiots"
    graph.edit_comment(cid, abuse)
    assert app.post(PATH, content=signed(graph, cid, "edited")[0],
                    headers=signed(graph, cid, "edited")[1]).status_code == 200
    worker.run_until_idle()
    assert graph.hidden() == {cid}
    sha = hashlib.sha256(abuse.encode()).hexdigest()
    with Session(engine) as session:
        (row,) = register.register_rows(session)
        exports = {}
        for fmt, write in register.WRITERS.items():
            out = io.StringIO()
            write(register.register_rows(session), out)
            exports[fmt] = out.getvalue()
    assert row["text"] == "Lovely concert"  # the original, as first seen
    (revision,) = row["revisions"]
    assert (revision["revision"], revision["kind"], revision["text"], revision["text_sha256"]) == (1, "edit", abuse, sha)
    assert revision["seen_at"] and revision["seen_at"] >= row["first_seen_at"]
    (line,) = [json.loads(x) for x in exports["jsonl"].splitlines()]
    assert line["revisions"] == json.loads(exports["json"])[0]["revisions"] == [revision]
    (cells,) = list(csv.DictReader(io.StringIO(exports["csv"])))
    assert json.loads(cells["revisions"]) == [revision]
