"""Facebook Page feed webhooks: the handshake, signatures checked over the raw body, and a pushed
comment hidden on the (fake) platform by the running service without waiting for a poll, while
polling stays the safety net. No test measures elapsed time: what shows the push path worked is that
the Page's comments were never read between the notification and the hide."""
from __future__ import annotations

import json
import logging
import socket
import threading
import time

import httpx
import pytest
import uvicorn
from sqlmodel import Session, select

from connectors.fakes.graph import FakeGraph
from moderator.tables import Account, AuditEvent, Comment, CommentRevision
from moderator.webhook import PATH, comments_from_payload, create_app
from moderator.worker import sync_config
from tests.conftest import rows
from tests.test_facebook_connector import APP_SECRET, PEOPLE, VERIFY_TOKEN, fb_settings, graph  # noqa: F401


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
    with caplog.at_level(logging.WARNING, logger="moderator.webhook"):
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
