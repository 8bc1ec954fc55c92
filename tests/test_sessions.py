"""Console sign-in and sessions (issue #14's security items): the second factor's lockout holds,
signing out ends the session on the server, a stranger cannot hold the headteacher's door shut, the
client's address is taken from X-Forwarded-For only behind a configured proxy, HSTS, ids that are not
ids, and decisions the page does not offer. Times come from an injected clock, never from sleeping."""
from __future__ import annotations

from datetime import timedelta

import pyotp
import pytest
from fastapi.testclient import TestClient

from moderator.console.app import COOKIE, create_app
from moderator.db import transaction, utcnow
from moderator.tables import AuditEvent, Decision
from tests.conftest import rows
from tests.e2e.support import PASSWORD, add_cast, console_settings, csrf_from, seed
from tests.test_console_web import escalation


class Clock:
    def __init__(self):
        self.now = utcnow()

    def __call__(self):
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


def trust_proxies(settings, proxies: list[str]) -> None:
    """``console_trusted_proxies`` (read with getattr until settings.py declares it)."""
    try:
        setattr(settings, "console_trusted_proxies", proxies)
    except (ValueError, AttributeError, TypeError):
        settings.__dict__["console_trusted_proxies"] = proxies


@pytest.fixture
def cast(engine, settings, worker, feed):
    seed(feed, worker)
    return add_cast(engine)


def new_client(app, **kw) -> TestClient:
    return TestClient(app, base_url="https://testserver", follow_redirects=False, **kw)


def password_step(client: TestClient, username: str = "helen", password: str = PASSWORD, headers=None):
    page = client.get("/login", headers=headers)
    return client.post("/login", data={"username": username, "password": password,
                                       "csrf_token": csrf_from(page.text)}, headers=headers)


def code_step(client: TestClient, code: str, headers=None):
    page = client.get("/login/code", headers=headers)
    return client.post("/login/code", data={"code": code, "csrf_token": csrf_from(page.text)}, headers=headers)


def sign_in(client: TestClient, secret: str, username: str = "helen", at=None) -> None:
    assert password_step(client, username).status_code == 303
    code = pyotp.TOTP(secret).at(at) if at is not None else pyotp.TOTP(secret).now()
    r = code_step(client, code)
    assert r.status_code == 303, r.text


def test_re_entering_the_password_does_not_reset_the_second_factor_lockout(cast, engine, settings):
    app = create_app(console_settings(settings), engine)
    client = new_client(app)
    wrong = f"{(int(pyotp.TOTP(cast['helen']).now()) + 1) % 1_000_000:06d}"
    statuses = []
    for _ in range(4):  # password, 9 wrong codes, password again, ... : 36 wrong codes in all
        assert password_step(client).status_code == 303
        for _ in range(9):
            r = code_step(client, wrong)
            statuses.append(r.status_code)
            if r.status_code == 429:
                break
        if 429 in statuses:
            break
    assert statuses.index(429) == 9, "the tenth wrong code must lock, whatever passwords came between"
    # Locked: neither the password step nor the right code gets in.
    r = password_step(client)
    assert r.status_code == 429 and "locked until" in r.text
    assert new_client(app).get("/queue").status_code == 303
    failures = [e.data["reason"] for e in rows(engine, AuditEvent) if e.action == "console.login_failed"]
    assert failures.count("bad_code") == 10 and failures[-1] == "locked"


def test_a_session_copied_before_sign_out_is_refused_after_it(cast, engine, settings):
    app = create_app(console_settings(settings), engine)
    helen = new_client(app)
    sign_in(helen, cast["helen"])
    esc = escalation(engine, "c-script", "headteacher")
    token = csrf_from(helen.get(f"/items/{esc.id}").text)
    copied = {"Cookie": f"{COOKIE}={helen.cookies.get(COOKIE)}"}
    thief = new_client(app)
    assert thief.get("/queue", headers=copied).status_code == 200  # the copy works while the session lives

    r = helen.post("/logout", data={"csrf_token": token})
    assert r.status_code == 303
    assert thief.get("/queue", headers=copied).status_code == 303, "a signed-out session must not be usable"
    r = thief.post(f"/items/{esc.id}/decide", headers=copied,
                   data={"decision": "restore", "reason": "copied", "csrf_token": token})
    assert r.status_code in (303, 403)
    assert rows(engine, Decision, Decision.kind == "human") == []


def test_sessions_end_when_idle_and_after_their_maximum_age(cast, engine, settings):
    clock = Clock()
    app = create_app(console_settings(settings, session_max_age_minutes=480), engine, clock=clock)
    idle = new_client(app)
    sign_in(idle, cast["helen"], at=clock.now)
    clock.advance(minutes=59)
    assert idle.get("/queue").status_code == 200
    clock.advance(minutes=61)
    assert idle.get("/queue").status_code == 303, "an hour unused ends the session"

    busy = new_client(app)
    clock.advance(minutes=1)
    sign_in(busy, cast["dina"], username="dina", at=clock.now)
    for _ in range(15):  # in use every half hour for seven and a half hours
        clock.advance(minutes=30)
        assert busy.get("/queue").status_code == 200
    clock.advance(minutes=30)
    assert busy.get("/queue").status_code == 303, "eight hours is the most, however busy"


def test_disabling_or_resetting_a_password_ends_sessions_at_once(cast, engine, settings):
    from moderator.people.users import disable_user, reset_password

    app = create_app(console_settings(settings), engine)
    helen, dina = new_client(app), new_client(app)
    sign_in(helen, cast["helen"])
    sign_in(dina, cast["dina"], username="dina")
    with transaction(engine) as session:
        reset_password(session, "dina", password="another long password", actor="test")
        disable_user(session, "helen", reason="left", actor="test")
    assert helen.get("/queue").status_code == 303
    assert dina.get("/queue").status_code == 303


def test_a_stranger_cannot_lock_the_headteacher_out(cast, engine, settings):
    trust_proxies(settings, ["testclient"])
    app = create_app(console_settings(settings), engine)
    stranger = {"X-Forwarded-For": "203.0.113.66"}
    attacker = new_client(app)
    for _ in range(12):
        r = password_step(attacker, password="not her password", headers=stranger)
    assert r.status_code == 429
    assert password_step(attacker, headers=stranger).status_code == 429  # that address stays locked out
    school = {"X-Forwarded-For": "198.51.100.7"}
    helen = new_client(app)
    assert password_step(helen, headers=school).status_code == 303, "her own address is not locked"
    events = [e for e in rows(engine, AuditEvent) if e.action == "console.login_failed"]
    assert {e.data["client"] for e in events} == {"203.0.113.66"}


def test_one_address_trying_many_names_is_limited(cast, engine, settings):
    trust_proxies(settings, ["testclient"])
    app = create_app(console_settings(settings), engine)
    where = {"X-Forwarded-For": "203.0.113.9"}
    client = new_client(app)
    for i in range(settings.login_max_failures * 3):
        password_step(client, username=f"guess{i}", password="password123456", headers=where)
    assert password_step(client, headers=where).status_code == 429
    assert password_step(new_client(app), headers={"X-Forwarded-For": "198.51.100.7"}).status_code == 303


def test_x_forwarded_for_counts_only_from_a_configured_proxy(cast, engine, settings):
    app = create_app(console_settings(settings), engine)  # no trusted proxies
    client = new_client(app)
    for i in range(10):  # a different forged address each time makes no difference
        r = password_step(client, password="wrong password!", headers={"X-Forwarded-For": f"192.0.2.{i}"})
    assert r.status_code == 429
    events = [e for e in rows(engine, AuditEvent) if e.action == "console.login_failed"]
    assert {e.data["client"] for e in events} == {"testclient"}


def test_hsts_is_sent_when_cookies_are_secure(cast, engine, settings):
    secure = new_client(create_app(console_settings(settings), engine))
    assert secure.get("/login").headers["strict-transport-security"].startswith("max-age=")
    insecure = new_client(create_app(console_settings(settings, console_insecure_cookies=True), engine))
    assert "strict-transport-security" not in insecure.get("/login").headers


def test_ids_that_are_not_ids_are_not_found_with_the_security_headers(cast, engine, settings):
    app = create_app(console_settings(settings), engine)
    helen = new_client(app, raise_server_exceptions=False)
    sign_in(helen, cast["helen"])
    for path in ("/authors/18446744073709551616", "/items/99999999999999999999999", "/authors/-1", "/items/abc"):
        r = helen.get(path)
        assert r.status_code == 404, (path, r.status_code)
        assert "default-src 'self'" in r.headers["content-security-policy"]


def test_an_author_page_needs_an_item_the_reader_may_open(cast, engine, settings):
    from moderator.tables import Author, Comment

    app = create_app(console_settings(settings), engine)
    helen, gary = new_client(app), new_client(app)
    sign_in(helen, cast["helen"])
    assert password_step(gary, "gary").status_code == 303  # read only: no second factor
    (mallory,) = rows(engine, Author, Author.external_id == "u-mallory")
    assert helen.get(f"/authors/{mallory.id}").status_code == 303
    assert gary.get(f"/authors/{mallory.id}").status_code == 404, "a governor has no items, so no authors"
    (pupil_comment,) = rows(engine, Comment, Comment.external_id == "c-pupil")
    (bob,) = rows(engine, Author, Author.id == pupil_comment.author_id)
    assert helen.get(f"/authors/{bob.id}").status_code == 404, "bob's comments are the DSL's and the chair's"


def test_the_server_accepts_only_decisions_the_page_offers(cast, engine, settings):
    app = create_app(console_settings(settings), engine)
    helen = new_client(app)
    sign_in(helen, cast["helen"])
    esc = escalation(engine, "c-script", "headteacher")
    page = helen.get(f"/items/{esc.id}").text
    assert 'value="police_referral"' not in page
    r = helen.post(f"/items/{esc.id}/decide", data={
        "decision": "police_referral", "reason": "forged", "police_reference": "X1", "police_officer": "PC 1",
        "police_date": "2026-11-03", "csrf_token": csrf_from(page)})
    assert r.status_code == 403
    assert rows(engine, Decision, Decision.kind == "human") == []


def test_wrong_passwords_spread_over_many_addresses_lock_the_account(cast, engine, settings):
    """36 wrong passwords over four addresses (nine each, under the per-address limit), then the right one
    from a fifth address the person never used: refused, the account's cap holds across addresses."""
    trust_proxies(settings, ["testclient"])
    app = create_app(console_settings(settings), engine)  # the default cap, 20
    for a in range(4):
        stranger = new_client(app)
        for _ in range(settings.login_max_failures - 1):
            password_step(stranger, username="gary", password="not his password", headers={
                "X-Forwarded-For": f"203.0.113.{a + 1}"})
    fifth = {"X-Forwarded-For": "203.0.113.99"}
    r = password_step(new_client(app), username="gary", headers=fifth)
    assert r.status_code == 429 and "locked until" in r.text
    locks = [e for e in rows(engine, AuditEvent) if e.action == "console.login_failed" and e.data["locked_until"]]
    assert locks and all(e.data["username"] == "gary" for e in locks)
    assert not [e for e in rows(engine, AuditEvent) if e.action == "console.login" and e.actor == "gary"]


def test_an_account_lock_does_not_shut_the_person_out_of_an_address_they_use(cast, engine, settings):
    trust_proxies(settings, ["testclient"])
    clock = Clock()
    app = create_app(console_settings(settings, login_account_max_failures=5), engine, clock=clock)
    home = {"X-Forwarded-For": "198.51.100.7"}
    assert password_step(new_client(app), username="gary", headers=home).status_code == 303  # his own address
    for a in range(5):
        password_step(new_client(app), username="gary", password="not his password",
                      headers={"X-Forwarded-For": f"203.0.113.{a + 1}"})
    assert password_step(new_client(app), username="gary", headers={"X-Forwarded-For": "203.0.113.50"}
                         ).status_code == 429, "a new address is held by the account lock"
    assert password_step(new_client(app), username="gary", headers=home).status_code == 303
    # The lock ends by itself (login_lockout_minutes), so nobody is shut out for ever.
    clock.advance(minutes=settings.login_lockout_minutes + 1)
    assert password_step(new_client(app), username="gary", headers={"X-Forwarded-For": "203.0.113.50"}
                         ).status_code == 303
