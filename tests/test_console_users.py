"""`moderator users add|disable|reset-password|list`, and the service functions behind them."""
from __future__ import annotations

import io

import pyotp
import pytest

from moderator.console.auth import verify_password
from moderator.cli import build_parser
from moderator.console.users import UserError, add_user
from moderator.db import transaction
from moderator.tables import AuditEvent, User
from tests.conftest import rows

PASSWORD = "a long enough passphrase"


@pytest.fixture
def run(monkeypatch, engine, database_url, tmp_path):
    monkeypatch.setenv("MODERATOR_DATABASE_URL", database_url)
    monkeypatch.setenv("MODERATOR_DATA_DIR", str(tmp_path / "data"))
    parser = build_parser()

    def _run(*argv: str, stdin: str = "") -> str:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        args = parser.parse_args(list(argv))
        out = io.StringIO()
        monkeypatch.setattr("sys.stdout", out)
        assert args.func(args) == 0
        return out.getvalue()

    return _run


def user(engine, username: str) -> User:
    (u,) = rows(engine, User, User.username == username)
    return u


def test_adding_a_dsl_prints_a_totp_key_and_hashes_the_password(run, engine):
    out = run("users", "add", "dina", "--role", "dsl", "--name", "Ms Dina Shah", "--email", "dsl@oakfield.sch.uk",
              "--password-stdin", stdin=PASSWORD + "\n")
    dina = user(engine, "dina")
    assert dina.role == "dsl" and dina.totp_secret and f"key:  {dina.totp_secret}" in out
    assert "otpauth://totp/" in out and PASSWORD not in out
    assert dina.password_hash.startswith("$argon2id$") and verify_password(dina, PASSWORD)
    assert [e.action for e in rows(engine, AuditEvent) if e.action.startswith("user.")] == ["user.added"]


def test_a_governor_needs_no_totp_and_roles_are_checked(engine):
    with transaction(engine) as session:
        enrolment = add_user(session, username="gary", role="governor", display_name="Mr Gary Hughes",
                             password=PASSWORD)
        assert enrolment.totp_secret is None
        with pytest.raises(UserError, match="unknown role"):
            add_user(session, username="x", role="admin", display_name="X", password=PASSWORD)
        with pytest.raises(UserError, match="at least 12"):
            add_user(session, username="y", role="dsl", display_name="Y", password="short")
        with pytest.raises(UserError, match="already exists"):
            add_user(session, username="gary", role="governor", display_name="G", password=PASSWORD)


def test_disable_and_reset_password(run, engine):
    run("users", "add", "helen", "--role", "headteacher", "--password-stdin", stdin=PASSWORD + "\n")
    old_secret = user(engine, "helen").totp_secret
    run("users", "disable", "helen", "--reason", "on leave")
    assert user(engine, "helen").is_active is False
    out = run("users", "reset-password", "helen", "--new-totp", "--password-stdin", stdin="another long passphrase\n")
    helen = user(engine, "helen")
    assert helen.is_active and helen.totp_secret != old_secret and helen.totp_secret in out
    assert verify_password(helen, "another long passphrase") and not verify_password(helen, PASSWORD)
    assert pyotp.TOTP(helen.totp_secret).now().isdigit()
    assert "helen" in run("users", "list")
    actions = [e.action for e in rows(engine, AuditEvent) if e.action.startswith("user.")]
    assert actions == ["user.added", "user.disabled", "user.password_reset"]


def test_the_serve_command_is_registered():
    args = build_parser().parse_args(["serve", "--port", "8123"])
    assert args.port == 8123 and args.func.__name__ == "cmd_serve"
