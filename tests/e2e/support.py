"""Shared set-up for the console tests: the cast of people, comments that reach each route, sign-in."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pyotp
import pytest
from pydantic import SecretStr

from moderator.db import transaction
from moderator.people.users import add_user
from moderator.settings import Settings
from tests.conftest import comment_line

PASSWORD = "correct horse battery staple"
SECRET_KEY = "test-only-" + "k3y" * 12
# username: (role, display name, e-mail)
CAST = {
    "helen": ("headteacher", "Mrs Helen Patel", "head@oakfield.sch.uk"),
    "dina": ("dsl", "Ms Dina Shah", "dsl@oakfield.sch.uk"),
    "omar": ("moderator", "Mr Omar Ali", "office@oakfield.sch.uk"),
    "carol": ("chair_of_governors", "Mrs Carol Evans", "chair@oakfield.sch.uk"),
    "gary": ("governor", "Mr Gary Hughes", None),
}
THREAT = "I'll be waiting at the gates for you on Monday, Mr Okafor. Watch your back."
THREAT_2 = "Mr Okafor you had better watch your back, I know where you park"
PUPIL = "Alfie Morgan in Year 4 keeps pushing kids over at lunch, his mum needs telling"
ABOUT_HEAD = "Mrs Patel is a liar and completely useless, she should be sacked"
SCRIPT = "<script>alert('pwned')</script><img src=x onerror=alert(1)> you f***ing idiot"
KIND = "Thank you so much for the lovely nativity, the children were wonderful"


def console_settings(settings: Settings, **changes) -> Settings:
    settings.secret_key = SecretStr(SECRET_KEY)
    for key, value in changes.items():
        setattr(settings, key, value)
    return settings


def add_cast(engine) -> dict[str, str | None]:
    """Adds everyone; returns each person's TOTP secret (None for the read-only governor)."""
    from sqlmodel import select

    from moderator.tables import School

    secrets = {}
    with transaction(engine) as session:
        if session.exec(select(School)).first() is None:  # before the worker's first run: the config's school
            session.add(School(slug="oakfield", name="Oakfield Primary School"))
            session.flush()
        for username, (role, name, email) in CAST.items():
            enrolment = add_user(session, username=username, role=role, display_name=name, password=PASSWORD,
                                 email=email, actor="test")
            secrets[username] = enrolment.totp_secret
    return secrets


def seed(feed, worker) -> None:
    """Comments for every route; the worker hides them and opens escalations."""
    feed.add(
        comment_line("c-threat", THREAT, author="mallory", created_at="2026-11-02T09:00:00Z"),
        comment_line("c-threat2", THREAT_2, author="trent", created_at="2026-11-02T09:05:00Z"),
        comment_line("c-pupil", PUPIL, author="bob", created_at="2026-11-02T09:10:00Z"),
        comment_line("c-head", ABOUT_HEAD, author="bob", created_at="2026-11-02T09:20:00Z"),
        comment_line("c-script", SCRIPT, author="eve", created_at="2026-11-02T09:30:00Z"),
        comment_line("c-kind", KIND, author="alice", created_at="2026-11-02T09:40:00Z"),
    )
    worker.run_until_idle()


def csrf_from(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


def totp_now(secret: str) -> str:
    return pyotp.TOTP(secret).now()

DISCLOSURE = "My teacher hits me when nobody is looking and I am scared to go home"


def many_items(engine, n: int, *, prefix: str = "Parking again outside the gates, complaint number") -> list[int]:
    """``n`` open headteacher items written straight to the database (no classifier): a long queue."""
    from datetime import timedelta

    from sqlmodel import select

    from moderator.db import utcnow
    from moderator.tables import Account, Comment, Decision, Escalation

    ids = []
    start = utcnow() - timedelta(days=1)
    with transaction(engine) as session:
        account = session.exec(select(Account)).first()
        for i in range(n):
            at = start + timedelta(minutes=i)
            comment = Comment(school_id=account.school_id, account_id=account.id, platform=account.platform,
                              external_id=f"bulk-{i:03d}", text=f"{prefix} {i:03d}", text_sha256="0" * 64,
                              created_at=at, state="decided")
            session.add(comment)
            session.flush()
            decision = Decision(comment_id=comment.id, kind="automatic", action="hide", rules=["complaint"],
                                signals=["complaint"], routes=["headteacher"], priority="normal",
                                auto_key=f"{comment.id}:0", created_at=at)
            session.add(decision)
            session.flush()
            esc = Escalation(school_id=account.school_id, comment_id=comment.id, decision_id=decision.id,
                             route="headteacher", priority="normal", reason="A complaint posted publicly",
                             created_at=at)
            session.add(esc)
            session.flush()
            ids.append(esc.id)
    return ids


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_MISSING = ("Debian's Chromium is not installed at /usr/bin/chromium "
                    "(apt-get install -y --no-install-recommends chromium)")


def needs_chromium() -> pytest.MarkDecorator:
    """Skip a browser test when Chromium is missing, loudly; with MODERATOR_TEST_REQUIRE_BROWSER=1
    (set by .ci/run and by scripts/test once it has installed Chromium) a missing browser fails."""
    if not CHROMIUM.exists() and os.environ.get("MODERATOR_TEST_REQUIRE_BROWSER") == "1":
        pytest.fail(CHROMIUM_MISSING + "; MODERATOR_TEST_REQUIRE_BROWSER=1 says the browser tests must run",
                    pytrace=False)
    return pytest.mark.skipif(not CHROMIUM.exists(), reason=CHROMIUM_MISSING)
