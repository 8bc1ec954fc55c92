"""The headteacher cannot make herself a way in: she adds, disables and resets only people who see no more
than she does (office staff, governors), always in her own school. A DSL, the chair of governors and
trust-level people are managed by the operator with `moderator users`; every refusal is audited."""
from __future__ import annotations

import re

import pytest
from sqlmodel import select

from moderator.db import transaction
from moderator.people.users import add_user
from moderator.tables import AuditEvent, School, User
from tests.conftest import rows
from tests.e2e.support import csrf_from
from tests.test_console_web import console  # noqa: F401 (a fixture)

NEW_PASSWORD = "helen would know this one"


def _user(engine, username: str) -> User | None:
    found = rows(engine, User, User.username == username)
    return found[0] if found else None


def _refusals(engine) -> list[AuditEvent]:
    return [e for e in rows(engine, AuditEvent) if e.action == "user.refused"]


@pytest.mark.parametrize("role", ["dsl", "chair_of_governors", "headteacher"])
def test_the_headteacher_cannot_add_anyone_who_sees_more_than_she_does(console, engine, role):
    helen = console("helen")
    token = csrf_from(helen.get("/people").text)
    r = helen.post("/people", data={"username": "dee", "display_name": "Ms Dee Lane", "role": role,
                                    "password": "a long deputy password", "email": "", "csrf_token": token})
    assert r.status_code == 403 and "data-totp-key" not in r.text and "otpauth://" not in r.text
    assert _user(engine, "dee") is None
    (refusal,) = _refusals(engine)
    assert refusal.actor == "helen" and refusal.data["what"] == "add" and refusal.data["role"] == role


@pytest.mark.parametrize("target", ["dina", "carol"])
def test_the_headteacher_cannot_reset_the_password_or_second_factor_of_the_dsl_or_the_chair(console, engine, target):
    helen = console("helen")
    before = _user(engine, target)
    token = csrf_from(helen.get("/people").text)
    r = helen.post(f"/people/{before.id}/reset", data={"password": NEW_PASSWORD, "new_totp": "1",
                                                       "csrf_token": token})
    assert r.status_code == 403 and "otpauth://" not in r.text
    after = _user(engine, target)
    assert (after.password_hash, after.totp_secret) == (before.password_hash, before.totp_secret)
    (refusal,) = _refusals(engine)
    assert refusal.actor == "helen" and refusal.data == {"what": "reset", "role": before.role, "username": target,
                                                         "by_role": "headteacher"}
    assert helen.post(f"/people/{before.id}/disable", data={"reason": "x", "csrf_token": token}).status_code == 403
    assert _user(engine, target).is_active


def test_the_people_page_offers_only_office_staff_and_governors(console):
    page = console("helen").get("/people").text
    offered = set(re.findall(r'<option value="([a-z_]+)"', page))
    assert offered == {"moderator", "governor"}


def test_a_trust_level_person_is_not_the_headteachers_to_manage(console, engine):
    with transaction(engine) as session:
        add_user(session, username="tessa", role="moderator", display_name="Tessa (trust office)",
                 password="a trust office password", trust=True, actor="test")
    helen = console("helen")
    tessa = _user(engine, "tessa")
    assert tessa.school_id is None
    token = csrf_from(helen.get("/people").text)
    assert helen.post(f"/people/{tessa.id}/reset", data={"password": NEW_PASSWORD,
                                                         "csrf_token": token}).status_code == 404
    assert _user(engine, "tessa").password_hash == tessa.password_hash


def test_people_the_headteacher_adds_belong_to_her_school_even_when_she_is_trust_level(console, engine):
    (school,) = rows(engine, School)
    with transaction(engine) as session:
        helen = session.exec(select(User).where(User.username == "helen")).one()
        helen.school_id = None  # a trust-level headteacher, in a trust of one school
        session.add(helen)
    head = console("helen")
    token = csrf_from(head.get("/people").text)
    r = head.post("/people", data={"username": "gwen", "display_name": "Mrs Gwen Hill", "role": "governor",
                                   "password": "a long governor password", "email": "", "csrf_token": token})
    assert r.status_code == 200, r.text
    assert _user(engine, "gwen").school_id == school.id
    with transaction(engine) as session:
        session.add(School(slug="elmwood", name="Elmwood Primary School"))
    r = head.post("/people", data={"username": "owen", "display_name": "Mr Owen Hill", "role": "governor",
                                   "password": "a long governor password", "email": "", "csrf_token": token})
    assert r.status_code == 422 and "moderator users add --school" in r.text and _user(engine, "owen") is None
