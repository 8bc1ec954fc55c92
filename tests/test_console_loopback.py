"""The console as the README starts it (`moderator serve` on http://127.0.0.1): a person or a
script signs in over plain HTTP on this machine, and nowhere else does the cookie lose Secure."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from moderator.act.accounts import sync_config
from moderator.console.app import COOKIE, create_app
from tests.e2e.support import PASSWORD, add_cast, console_settings, csrf_from, totp_now


@pytest.fixture
def app(engine, settings):
    sync_config(engine, settings)  # Oakfield, the school the cast belongs to
    secrets = add_cast(engine)
    made = create_app(console_settings(settings), engine)
    made.secrets = secrets
    return made


def sign_in(client: TestClient, secret: str) -> None:
    page = client.get("/login")
    r = client.post("/login", data={"username": "helen", "password": PASSWORD, "csrf_token": csrf_from(page.text)})
    assert r.status_code == 303, r.text
    page = client.get(r.headers["location"])
    r = client.post("/login/code", data={"code": totp_now(secret), "csrf_token": csrf_from(page.text)})
    assert r.status_code == 303, r.text


@pytest.mark.parametrize("base_url, peer", [("http://127.0.0.1:8000", "127.0.0.1"), ("http://localhost:8000", "::1")])
def test_a_script_signs_in_over_plain_http_on_this_machine(app, base_url, peer):
    client = TestClient(app, base_url=base_url, follow_redirects=False, client=(peer, 50123))
    sign_in(client, app.secrets["helen"])
    assert client.cookies.get(COOKIE)
    assert client.get("/queue").status_code == 200  # signed in: not sent back to /login


def test_the_cookie_stays_secure_over_http_from_elsewhere_or_through_a_proxy(app):
    from_lan = TestClient(app, base_url="http://127.0.0.1:8000", client=("192.168.1.20", 50123))
    assert "secure" in from_lan.get("/login").headers["set-cookie"].lower()
    proxied = TestClient(app, base_url="http://127.0.0.1:8000", client=("127.0.0.1", 50123),
                         headers={"X-Forwarded-For": "203.0.113.9"})
    assert "secure" in proxied.get("/login").headers["set-cookie"].lower()
    public = TestClient(app, base_url="http://school.example", client=("127.0.0.1", 50123))
    assert "secure" in public.get("/login").headers["set-cookie"].lower()
    over_https = TestClient(app, base_url="https://127.0.0.1", client=("127.0.0.1", 50123))
    assert "secure" in over_https.get("/login").headers["set-cookie"].lower()


def test_on_this_machine_over_http_the_cookie_is_sent_without_secure(app):
    local = TestClient(app, base_url="http://127.0.0.1:8000", client=("127.0.0.1", 50123))
    assert "secure" not in local.get("/login").headers["set-cookie"].lower()
