"""The review console over HTTP (FastAPI's TestClient): access by role, CSRF, escaping, throttling,
and decisions that go through the outbox and the audit log."""
from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from moderator.audit import verify_chain
from moderator.console.app import COOKIE, create_app
from moderator.db import utcnow
from moderator.tables import Action, AuditEvent, Comment, Decision, Escalation
from tests.conftest import rows
from tests.e2e.support import PASSWORD, add_cast, console_settings, csrf_from, seed, totp_now


@pytest.fixture
def console(engine, settings, worker, feed):
    seed(feed, worker)
    secrets = add_cast(engine)
    app = create_app(console_settings(settings), engine)

    def client_for(username: str | None = None) -> TestClient:
        client = TestClient(app, base_url="https://testserver", follow_redirects=False)
        if username:
            sign_in(client, username, secrets[username])
        return client

    client_for.secrets = secrets
    return client_for


def sign_in(client: TestClient, username: str, secret: str | None) -> None:
    page = client.get("/login")
    r = client.post("/login", data={"username": username, "password": PASSWORD, "csrf_token": csrf_from(page.text)})
    assert r.status_code == 303, r.text
    if secret:
        assert r.headers["location"].startswith("/login/code")
        page = client.get(r.headers["location"])
        r = client.post("/login/code", data={"code": totp_now(secret), "csrf_token": csrf_from(page.text)})
        assert r.status_code == 303, r.text


def escalation(engine, ext_id: str, route: str) -> Escalation:
    (comment,) = rows(engine, Comment, Comment.external_id == ext_id)
    (esc,) = rows(engine, Escalation, Escalation.comment_id == comment.id, Escalation.route == route)
    return esc


def queue_ids(client: TestClient, query: str = "") -> set[int]:
    page = client.get("/queue" + query)
    assert page.status_code == 200
    return {int(i) for i in re.findall(r'href="/items/(\d+)[?"]', page.text)}


def test_signing_in_needs_the_password_and_a_totp_code_and_is_audited(console, engine):
    client = console()
    assert client.get("/queue").status_code == 303  # to the sign-in page
    page = client.get("/login")
    r = client.post("/login", data={"username": "helen", "password": PASSWORD, "csrf_token": csrf_from(page.text)})
    assert r.headers["location"].startswith("/login/code")
    assert client.get("/queue").status_code == 303  # a password alone is not enough
    page = client.get("/login/code")
    r = client.post("/login/code", data={"code": "000000", "csrf_token": csrf_from(page.text)})
    assert r.status_code == 401
    r = client.post("/login/code", data={"code": totp_now(console.secrets["helen"]), "csrf_token": csrf_from(r.text)})
    assert r.status_code == 303
    assert client.get("/queue").status_code == 200
    cookie = next(h for h in r.headers.get_list("set-cookie") if h.startswith(COOKIE))
    assert "HttpOnly" in cookie and "Secure" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax")
    actions = [e.action for e in rows(engine, AuditEvent) if e.actor == "helen"]
    assert "console.login_failed" in actions and "console.login" in actions


def test_ten_wrong_passwords_lock_the_login_for_a_while(console, engine):
    client = console()
    for _ in range(10):
        page = client.get("/login")
        r = client.post("/login", data={"username": "helen", "password": "wrong password!",
                                        "csrf_token": csrf_from(page.text)})
    assert r.status_code == 429 and "locked until" in r.text
    page = client.get("/login")
    r = client.post("/login", data={"username": "helen", "password": PASSWORD, "csrf_token": csrf_from(page.text)})
    assert r.status_code == 429, "the right password must not open a locked login"
    failures = [e for e in rows(engine, AuditEvent) if e.action == "console.login_failed"]
    assert len(failures) == 11 and failures[-1].data["reason"] == "locked"


def test_a_post_without_a_valid_csrf_token_is_refused(console, engine):
    client = console("helen")
    esc = escalation(engine, "c-threat", "headteacher")
    for token in (None, "forged"):
        data = {"decision": "restore", "reason": "fine really"}
        if token:
            data["csrf_token"] = token
        r = client.post(f"/items/{esc.id}/decide", data=data)
        assert r.status_code == 403 and "expired" in r.text
    assert rows(engine, Decision, Decision.kind == "human") == []
    r = client.post("/login", data={"username": "helen", "password": PASSWORD})
    assert r.status_code == 403


def test_comment_text_with_html_renders_as_inert_text(console, engine):
    client = console("helen")
    esc = escalation(engine, "c-script", "headteacher")
    for page in (client.get("/queue"), client.get(f"/items/{esc.id}")):
        assert page.status_code == 200
        assert "<script>alert" not in page.text and "<img src=x" not in page.text
        assert "&lt;script&gt;alert(" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]


def test_each_role_sees_its_own_routes(console, engine):
    threat_head = escalation(engine, "c-threat", "headteacher").id
    threat_police = escalation(engine, "c-threat", "police_review").id
    pupil = escalation(engine, "c-pupil", "dsl").id
    about_head = escalation(engine, "c-head", "chair_of_governors").id

    helen, dina, carol, omar = console("helen"), console("dina"), console("carol"), console("omar")
    # One entry per comment: the police question is part of the headteacher's item, not a twin entry.
    assert threat_head in queue_ids(helen) and threat_police not in queue_ids(helen)
    assert threat_police in queue_ids(helen, "?route=police_review")
    assert not {pupil, about_head} & queue_ids(helen)
    assert pupil in queue_ids(dina) and about_head not in queue_ids(dina)
    assert queue_ids(carol) == {about_head}
    assert threat_head in queue_ids(omar) and threat_police not in queue_ids(omar)
    # Not listed, and not reachable by its address either.
    assert dina.get(f"/items/{about_head}").status_code == 404
    assert helen.get(f"/items/{about_head}").status_code == 404
    assert helen.get(f"/items/{pupil}").status_code == 404
    assert carol.get(f"/items/{about_head}").status_code == 200


def test_a_governor_sees_reports_but_cannot_decide(console, engine):
    gary = console("gary")  # read-only: no second factor required
    assert gary.get("/overview").status_code == 200
    assert gary.get("/status").status_code == 200
    esc = escalation(engine, "c-threat", "headteacher")
    token = csrf_from(gary.get("/overview").text)
    r = gary.post(f"/items/{esc.id}/decide", data={"decision": "restore", "reason": "x", "csrf_token": token})
    assert r.status_code == 403
    r = gary.post("/queue/bulk", data={"decision": "keep_hidden", "reason": "x", "ids": [esc.id], "csrf_token": token})
    assert r.status_code == 403
    assert rows(engine, Decision, Decision.kind == "human") == [] and escalation(engine, "c-threat", "headteacher").state == "new"


def test_a_decision_goes_through_the_outbox_with_an_audit_trail(console, engine, worker, feed):
    helen = console("helen")
    esc = escalation(engine, "c-script", "headteacher")
    page = helen.get(f"/items/{esc.id}")
    r = helen.post(f"/items/{esc.id}/decide", data={"decision": "restore", "reason": "Robust but not abusive",
                                                     "csrf_token": csrf_from(page.text)})
    assert r.status_code == 303
    (decision,) = rows(engine, Decision, Decision.kind == "human")
    assert decision.action == "unhide" and decision.decided_by == "helen" and decision.reason == "Robust but not abusive"
    (action,) = rows(engine, Action, Action.kind == "unhide")
    assert action.idempotency_key == f"unhide:facebook:c-script:{decision.id}" and action.requested_by == "helen"
    assert escalation(engine, "c-script", "headteacher").state == "decided"
    worker.run_until_idle()
    assert "c-script" not in feed.hidden()
    with Session(engine) as session:
        events = session.exec(select(AuditEvent).where(AuditEvent.action == "decision.human")).all()
        assert events[0].actor == "helen" and events[0].data["reason"] == "Robust but not abusive"
        assert verify_chain(session)[0]


def test_an_illegal_transition_is_refused_with_409(console, engine):
    helen = console("helen")
    esc = escalation(engine, "c-threat", "headteacher")
    token = csrf_from(helen.get(f"/items/{esc.id}").text)
    data = {"decision": "keep_hidden", "reason": "A threat to staff", "csrf_token": token,
            "police_answer": "none", "police_reason": "The parent apologised to Mr Okafor"}
    assert helen.post(f"/items/{esc.id}/decide", data=data).status_code == 303
    r = helen.post(f"/items/{esc.id}/decide", data=data)
    assert r.status_code == 409 and "is already decided" in r.text
    assert len(rows(engine, Decision, Decision.kind == "human")) == 2  # the item and its police question


def test_a_decision_needs_a_reason_and_office_staff_cannot_ban(console, engine):
    esc = escalation(engine, "c-threat", "headteacher")
    omar = console("omar")
    token = csrf_from(omar.get(f"/items/{esc.id}").text)
    assert omar.post(f"/items/{esc.id}/decide", data={"decision": "ban", "reason": "x",
                                                      "csrf_token": token}).status_code == 403
    assert omar.post(f"/items/{esc.id}/decide", data={"decision": "keep_hidden", "reason": " ",
                                                      "csrf_token": token}).status_code == 422


def test_bulk_decisions_and_a_police_referral_record(console, engine):
    helen = console("helen")
    one, two = escalation(engine, "c-threat", "headteacher"), escalation(engine, "c-threat2", "headteacher")
    token = csrf_from(helen.get("/queue").text)
    r = helen.post("/queue/bulk", data={"decision": "keep_hidden", "reason": "Threats to staff",
                                        "ids": [one.id, two.id], "csrf_token": token})
    assert r.status_code == 303
    assert {escalation(engine, x, "headteacher").state for x in ("c-threat", "c-threat2")} == {"decided"}
    police = escalation(engine, "c-threat", "police_review")
    r = helen.post(f"/items/{police.id}/decide", data={
        "decision": "police_referral", "reason": "Threat to a teacher", "police_reference": "WMP-2611-0042",
        "police_officer": "PC 1234 Jones", "police_date": "2026-11-03", "csrf_token": token})
    assert r.status_code == 303
    page = helen.get(f"/items/{police.id}")
    assert "WMP-2611-0042" in page.text and "PC 1234 Jones" in page.text


def test_referring_to_the_dsl_opens_an_item_for_the_dsl(console, engine):
    helen, dina = console("helen"), console("dina")
    esc = escalation(engine, "c-script", "headteacher")
    token = csrf_from(helen.get(f"/items/{esc.id}").text)
    r = helen.post(f"/items/{esc.id}/decide", data={"decision": "refer_dsl", "reason": "Mentions a child at home",
                                                     "csrf_token": token})
    assert r.status_code == 303
    assert escalation(engine, "c-script", "headteacher").state == "referred"
    assert escalation(engine, "c-script", "dsl").id in queue_ids(dina)


def test_the_queue_filters_and_counts(console, engine):
    helen = console("helen")
    urgent = queue_ids(helen, "?priority=urgent")
    assert escalation(engine, "c-threat", "headteacher").id in urgent
    assert escalation(engine, "c-script", "headteacher").id not in urgent
    assert queue_ids(helen, "?author=trent") == {escalation(engine, "c-threat2", "headteacher").id}
    assert queue_ids(helen, "?platform=x") == set()
    assert queue_ids(helen, "?from=2026-11-03") == set()
    page = helen.get("/queue", headers={"HX-Request": "true", "HX-Target": "results"})
    assert page.text.lstrip().startswith('<section id="results"')


def test_overview_and_status_pages_render_charts(console, engine, settings):
    # The overview shows the last 30 days by the console's clock: anchor that clock a week after the
    # seeded comments (2026-11-02), so the test means the same on any date.
    import pyotp

    started = utcnow()

    def clock() -> datetime:
        return datetime(2026, 11, 9, 12, tzinfo=timezone.utc) + (utcnow() - started)

    app = create_app(console_settings(settings), engine, clock=clock)
    helen = TestClient(app, base_url="https://testserver", follow_redirects=False)
    page = helen.get("/login")
    r = helen.post("/login", data={"username": "helen", "password": PASSWORD, "csrf_token": csrf_from(page.text)})
    page = helen.get(r.headers["location"])
    code = pyotp.TOTP(console.secrets["helen"]).at(clock())  # the code for the console's own clock
    r = helen.post("/login/code", data={"code": code, "csrf_token": csrf_from(page.text)})
    assert r.status_code == 303, r.text
    page = helen.get("/overview")
    assert page.status_code == 200
    for title in ("Comments per day", "Hidden, by reason", "Time to review", "Decisions overturned"):
        assert title in page.text
    # The seeded comments fall inside the window: the summary counts the five in the headteacher's
    # scope (the kind one included; the chair's comment about her is not hers to count).
    posted = int(re.search(r"(\d+) comments posted in the last 30 days", page.text).group(1))
    assert posted == 5
    assert "oakfield-facebook" in helen.get("/status").text


def test_a_disabled_user_is_signed_out_at_once(console, engine):
    from moderator.people.users import disable_user
    from moderator.db import transaction

    helen = console("helen")
    assert helen.get("/queue").status_code == 200
    with transaction(engine) as session:
        disable_user(session, "helen", reason="left the school", actor="test")
    assert helen.get("/queue").status_code == 303


def test_a_stopped_account_is_shown_on_every_page_and_the_status_page(console, engine):
    from sqlalchemy import update

    from moderator.db import transaction
    from moderator.tables import Account

    with transaction(engine) as session:
        session.execute(update(Account).values(status="disabled", status_reason="the page token was revoked"))
    helen = console("helen")
    assert "The service has stopped using oakfield-facebook" in helen.get("/queue").text
    status = helen.get("/status").text
    assert "Stopped" in status and "the page token was revoked" in status
