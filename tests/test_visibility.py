"""One visibility rule on every read path: each page, count, chart, search and e-mail, for each role.

The chair of governors' items are about the headteacher. Here bob, who wrote a comment that went to
the headteacher, also wrote one about Mrs Patel that went to the chair (and to police review); the
chair decided it with a reason only she should know. Nothing the headteacher can reach, no list,
count, chart, search, author history or e-mail, may tell her any of it.
"""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from moderator.act.notify import plan
from moderator.console import queries
from moderator.console.app import create_app
from moderator.db import utcnow
from moderator.people.access import can_see_escalation
from moderator.tables import Author, Comment, Escalation, Notification, User
from tests.conftest import comment_line, rows
from tests.e2e.support import ABOUT_HEAD, CAST, add_cast, console_settings, csrf_from, seed
from tests.test_console_web import escalation, sign_in

CHAIR_REASON = "CHAIR-ONLY the governing body is reviewing the head"
BOB_AGAIN = "Mr Okafor you stupid idiot"


@pytest.fixture
def world(engine, settings, worker, feed):
    seed(feed, worker)
    feed.add(comment_line("c-bob-head", BOB_AGAIN, author="bob", created_at="2026-11-02T10:00:00Z"))
    worker.run_until_idle()
    # The comment about Mrs Patel went to the chair and to police review (the policy may do this itself).
    with Session(engine) as session:
        (about_head,) = session.exec(select(Comment).where(Comment.external_id == "c-head")).all()
        routes = set(session.exec(select(Escalation.route).where(Escalation.comment_id == about_head.id)).all())
        assert "chair_of_governors" in routes
        if "police_review" not in routes:
            session.add(Escalation(school_id=about_head.school_id, comment_id=about_head.id, route="police_review",
                                   priority="urgent", reason="Threat of violence"))
            session.commit()
    secrets = add_cast(engine)
    app = create_app(console_settings(settings), engine)

    clients: dict[str, TestClient] = {}

    def client_for(username: str) -> TestClient:  # once each: a TOTP code is accepted only once
        if username not in clients:
            clients[username] = TestClient(app, base_url="https://testserver", follow_redirects=False)
            sign_in(clients[username], username, secrets[username])
        return clients[username]

    carol = client_for("carol")
    chair_item = escalation(engine, "c-head", "chair_of_governors")
    token = csrf_from(carol.get(f"/items/{chair_item.id}").text)
    # Its police review is the chair's too: she answers the police question on her own item.
    r = carol.post(f"/items/{chair_item.id}/decide", data={"decision": "keep_hidden", "reason": CHAIR_REASON,
                                                            "police_answer": "none", "police_reason": CHAIR_REASON,
                                                            "csrf_token": token})
    assert r.status_code == 303, r.text
    client_for.app = app
    return client_for


def _sees(engine, user: User, esc_id: int) -> bool:
    with Session(engine) as session:
        return can_see_escalation(session, user, esc_id)


def _user(engine, username: str) -> User:
    (user,) = rows(engine, User, User.username == username)
    return user


def _routes(routes) -> list[APIRoute]:
    out = []
    for route in routes:
        if isinstance(route, APIRoute):
            out.append(route)
        elif getattr(route, "original_router", None) is not None:  # FastAPI's included routers
            out += _routes(route.original_router.routes)
    return out


def _pages(app, engine) -> list[str]:
    """Every GET page of the console, with every id the database holds."""
    with Session(engine) as session:
        ids = {"escalation_id": [e.id for e in session.exec(select(Escalation)).all()],
               "author_id": [a.id for a in session.exec(select(Author)).all()],
               "user_id": [u.id for u in session.exec(select(User)).all()],
               "comment_id": [c.id for c in session.exec(select(Comment)).all()]}
    paths = []
    for route in _routes(app.routes):
        if "GET" not in route.methods or route.path.startswith("/webhooks"):
            continue
        params = re.findall(r"{(\w+)}", route.path)
        if not params:
            paths.append(route.path)
            continue
        (name,) = params
        paths += [route.path.replace("{" + name + "}", str(i)) for i in ids[name]]
    searches = ["?q=Patel", "?q=liar", "?q=useless", "?route=police_review", "?author=bob", "?priority=urgent",
                "?route=chair_of_governors", "?signal=headteacher_allegation"]
    return paths + [f"/queue{s}" for s in searches] + [f"/records{s}" for s in searches + ["?state=decided"]]


def _get(client: TestClient, path: str) -> str:
    r = client.get(path)
    body = r.text
    if r.status_code == 303 and r.headers["location"].startswith("/queue"):
        body += client.get(r.headers["location"]).text
    return body


def test_the_headteacher_learns_nothing_about_a_chair_item_on_any_page(world, engine):
    helen = world("helen")
    chair_comment = rows(engine, Comment, Comment.external_id == "c-head")[0]
    secret_ids = {e.id for e in rows(engine, Escalation, Escalation.comment_id == chair_comment.id)}
    markers = [ABOUT_HEAD[:30], "is a liar and", CHAIR_REASON, "CHAIR-ONLY", "<strong>carol</strong>", "(carol)"]
    pages = _pages(world.app, engine)
    assert any(p.startswith("/authors/") for p in pages) and "/overview" in pages
    assert f"/records/{chair_comment.id}" in pages and "/records" in pages
    for path in pages:
        body = _get(helen, path)
        for marker in markers:
            assert marker not in body, f"{path} shows {marker!r} to the headteacher"
        linked = {int(i) for i in re.findall(r'/items/(\d+)', body)}
        assert not linked & secret_ids, f"{path} links the headteacher to a chair item"
    for esc_id in secret_ids:
        assert helen.get(f"/items/{esc_id}").status_code == 404
    assert helen.get(f"/records/{chair_comment.id}").status_code == 404
    assert f"/records/{chair_comment.id}" not in "".join(_get(helen, p) for p in ("/records", "/records?q=liar"))


def test_other_comments_by_the_author_hide_the_chair_item_entirely(world, engine):
    helen = world("helen")
    mine = escalation(engine, "c-bob-head", "headteacher")
    page = helen.get(f"/items/{mine.id}").text
    history = page.split('id="history-h"', 1)[1]
    assert "carol" not in history and "CHAIR-ONLY" not in history and ABOUT_HEAD[:20] not in history
    # bob's other comments: one in the DSL's queue (shown as existing, nothing more); the chair's not at all.
    assert history.count("A comment in another reviewer's queue") == 1


def test_overview_counts_leave_out_the_chair_items_for_the_headteacher(world, engine):
    helen, carol = _user(engine, "helen"), _user(engine, "carol")
    everything = rows(engine, Comment)
    with Session(engine) as session:
        chair = set(session.exec(select(Escalation.comment_id).where(Escalation.route == "chair_of_governors")).all())
        today = max((c.created_at or c.fetched_at) for c in everything).date()
        seen_by_head = queries.overview(session, helen, today=today)
        seen_by_chair = queries.overview(session, carol, today=today)
    assert chair
    assert seen_by_head.totals["comments"] == len(everything) - len(chair)
    assert seen_by_chair.totals["comments"] == len(everything)
    assert seen_by_head.totals["hidden"] < seen_by_chair.totals["hidden"]
    assert "headteacher_allegation" not in dict(seen_by_head.signals)


def test_the_record_shows_only_decisions_taken_on_the_readers_routes(world, engine):
    omar, dina, carol = world("omar"), world("dina"), world("carol")
    # Office staff refer a headteacher item to the chair; the chair decides it.
    item = escalation(engine, "c-script", "headteacher")
    token = csrf_from(omar.get(f"/items/{item.id}").text)
    assert omar.post(f"/items/{item.id}/decide", data={"decision": "refer_chair", "reason": "Looks personal",
                                                        "csrf_token": token}).status_code == 303
    chair_item = escalation(engine, "c-script", "chair_of_governors")
    token = csrf_from(carol.get(f"/items/{chair_item.id}").text)
    assert carol.post(f"/items/{chair_item.id}/decide", data={"decision": "keep_hidden", "reason": CHAIR_REASON,
                                                               "csrf_token": token}).status_code == 303
    # Once it is the chair's matter, it is hers alone: office staff who referred it no longer open it.
    assert omar.get(f"/items/{item.id}").status_code == 404
    assert "Looks personal" in carol.get(f"/items/{chair_item.id}").text
    # The DSL refers a safeguarding item to the chair; the chair decides it; the DSL's record leaves it out.
    pupil = escalation(engine, "c-pupil", "dsl")
    token = csrf_from(dina.get(f"/items/{pupil.id}").text)
    assert dina.post(f"/items/{pupil.id}/decide", data={"decision": "refer_chair", "reason": "About the head",
                                                         "csrf_token": token}).status_code == 303
    chair_pupil = escalation(engine, "c-pupil", "chair_of_governors")
    token = csrf_from(carol.get(f"/items/{chair_pupil.id}").text)
    assert carol.post(f"/items/{chair_pupil.id}/decide", data={"decision": "keep_hidden", "reason": CHAIR_REASON,
                                                                "csrf_token": token}).status_code == 303
    assert dina.get(f"/items/{pupil.id}").status_code == 404  # the same for the DSL
    page = carol.get(f"/items/{chair_pupil.id}").text
    assert "About the head" in page and CHAIR_REASON in page


@pytest.mark.parametrize("username", sorted(CAST))
def test_every_page_links_only_to_items_the_reader_may_open(world, engine, username):
    client, user = world(username), _user(engine, username)
    for path in _pages(world.app, engine):
        r = client.get(path)
        assert r.status_code in (200, 303, 403, 404), (path, r.status_code)
        for esc_id in {int(i) for i in re.findall(r'/items/(\d+)', r.text)}:
            assert _sees(engine, user, esc_id), f"{path} links {username} to item {esc_id}"


def test_no_email_of_any_kind_tells_anyone_about_an_item_they_may_not_open(world, engine, settings):
    settings.alert_digest_hour = 0
    settings.alert_deputies = {"police_review": ["head@oakfield.sch.uk", "deputy@oakfield.sch.uk"]}
    settings.console_base_url = "https://console.oakfield.sch.uk"
    with Session(engine) as session:
        from sqlalchemy import update

        session.execute(update(Escalation).values(created_at=utcnow() - timedelta(hours=2)))
        session.commit()
    plan(engine, settings)
    sent = rows(engine, Notification)
    assert {n.kind for n in sent} >= {"urgent", "digest", "reminder"}
    people = {u.email: u for u in rows(engine, User) if u.email}
    chair_comment = rows(engine, Comment, Comment.external_id == "c-head")[0]
    chair_items = {e.id for e in rows(engine, Escalation, Escalation.comment_id == chair_comment.id)}
    for n in sent:
        reader = people.get(n.recipient)
        if reader is None:
            continue
        linked = {int(i) for i in re.findall(r"/items/(\d+)", n.body)} | ({n.escalation_id} if n.escalation_id else set())
        for esc_id in linked:
            assert _sees(engine, reader, esc_id), (n.kind, n.recipient, esc_id)
        if reader.role == "headteacher":
            assert CHAIR_REASON not in n.body and "headteacher_allegation" not in n.body
            assert not linked & chair_items, (n.kind, n.body)
    head_urgent = [n for n in sent if n.recipient == "head@oakfield.sch.uk" and n.kind in ("urgent", "reminder")]
    assert head_urgent, "the headteacher still gets her own urgent items"
