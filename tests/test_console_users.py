"""`moderator users add|disable|reset-password|list`, and the service functions behind them."""
from __future__ import annotations

import io

import pyotp
import pytest

from moderator.cli import build_parser
from moderator.cli.base import CliError
from moderator.db import transaction
from moderator.people.auth import verify_password
from moderator.people.users import UserError, add_user
from moderator.tables import AuditEvent, School, User
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


@pytest.fixture
def oakfield_school(engine) -> School:
    """One school in the database: a person added without --school belongs to it."""
    with transaction(engine) as session:
        school = School(slug="oakfield", name="Oakfield Primary School")
        session.add(school)
    return rows(engine, School)[0]


def refused(run, *argv: str) -> str:
    with pytest.raises(CliError) as caught:
        run(*argv, stdin=PASSWORD + "\n")
    return str(caught.value)


def user(engine, username: str) -> User:
    (u,) = rows(engine, User, User.username == username)
    return u


def test_adding_a_dsl_prints_a_totp_key_and_hashes_the_password(run, engine, oakfield_school):
    out = run("users", "add", "dina", "--role", "dsl", "--name", "Ms Dina Shah", "--email", "dsl@oakfield.sch.uk",
              "--password-stdin", stdin=PASSWORD + "\n")
    dina = user(engine, "dina")
    assert dina.role == "dsl" and dina.totp_secret and f"key:  {dina.totp_secret}" in out
    assert "otpauth://totp/" in out and PASSWORD not in out
    assert dina.password_hash.startswith("$argon2id$") and verify_password(dina, PASSWORD)
    assert [e.action for e in rows(engine, AuditEvent) if e.action.startswith("user.")] == ["user.added"]


def test_a_governor_needs_no_totp_and_roles_are_checked(engine, oakfield_school):
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


def test_disable_and_reset_password(run, engine, oakfield_school):
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


def test_a_person_added_without_a_school_belongs_to_the_only_school(run, engine, oakfield_school):
    run("users", "add", "helen", "--role", "headteacher", "--password-stdin", stdin=PASSWORD + "\n")
    assert user(engine, "helen").school_id == oakfield_school.id


def test_with_several_schools_a_person_needs_a_school_or_an_explicit_trust_level(run, engine, oakfield_school):
    with transaction(engine) as session:
        session.add(School(slug="elmwood", name="Elmwood Primary School"))
    message = refused(run, "users", "add", "helen", "--role", "headteacher", "--password-stdin")
    assert "--school" in message and "--trust" in message and "elmwood" in message
    assert not rows(engine, User)
    run("users", "add", "helen", "--role", "headteacher", "--school", "elmwood", "--password-stdin",
        stdin=PASSWORD + "\n")
    run("users", "add", "tom", "--role", "headteacher", "--trust", "--password-stdin", stdin=PASSWORD + "\n")
    elmwood = rows(engine, School, School.slug == "elmwood")[0]
    assert user(engine, "helen").school_id == elmwood.id and user(engine, "tom").school_id is None
    assert "not both" in refused(run, "users", "add", "x", "--role", "dsl", "--trust", "--school", "elmwood",
                                 "--password-stdin")


def test_without_any_school_nobody_becomes_trust_level_by_accident(run, engine):
    assert "--trust" in refused(run, "users", "add", "helen", "--role", "headteacher", "--password-stdin")
    assert not rows(engine, User)


def test_the_first_person_belongs_to_the_configured_school_before_any_worker_has_run(run, engine, tmp_path):
    config = tmp_path / "moderator.toml"
    config.write_text('[[schools]]\nslug = "oakfield"\nname = "Oakfield Primary School"\n')
    run("--config", str(config), "users", "add", "helen", "--role", "headteacher", "--password-stdin",
        stdin=PASSWORD + "\n")
    (school,) = rows(engine, School)
    assert school.slug == "oakfield" and user(engine, "helen").school_id == school.id
