"""Who may sign in, what each role sees and may do, and the session, CSRF and throttling rules.

Passwords are Argon2id hashes; anyone whose role can act also needs a TOTP code. The session is a
signed cookie (itsdangerous) holding the user id, a fingerprint of the password hash (so a reset
ends every session) and the CSRF token; the user row is read on every request, so disabling a user
takes effect at once. Wrong passwords and codes are counted per username in the database, so a
lock holds across console processes and restarts.
"""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from moderator import audit
from moderator.tables import LoginState
from moderator.db import utcnow
from moderator.settings import Settings
from moderator.tables import User

ROLES = ("headteacher", "dsl", "moderator", "chair_of_governors", "governor")
ROLE_NAMES = {
    "headteacher": "Headteacher",
    "dsl": "Designated Safeguarding Lead",
    "moderator": "Office moderator",
    "chair_of_governors": "Chair of governors",
    "governor": "Governor (read only)",
}
# Which escalation routes each role reviews. The headteacher never sees the chair's items.
ROLE_ROUTES: dict[str, tuple[str, ...]] = {
    "headteacher": ("headteacher", "police_review"),
    "dsl": ("dsl", "police_review"),
    "moderator": ("headteacher",),
    "chair_of_governors": ("chair_of_governors",),
    "governor": (),
}
DECISIONS = ("keep_hidden", "restore", "delete", "ban", "reply", "refer_dsl", "refer_chair",
             "police_referral", "no_police_referral", "close", "reopen")
# Office staff have limited rights: nothing irreversible, nothing that speaks for the school.
ROLE_DECISIONS: dict[str, frozenset[str]] = {
    "headteacher": frozenset(DECISIONS),
    "dsl": frozenset(DECISIONS),
    "chair_of_governors": frozenset(DECISIONS),
    "moderator": frozenset({"keep_hidden", "restore", "refer_dsl", "refer_chair"}),
    "governor": frozenset(),
}

_hasher = PasswordHasher()
# Verified against when the username is unknown, so a wrong username costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))
MIN_PASSWORD_LENGTH = 12


def can_act(role: str) -> bool:
    return bool(ROLE_DECISIONS.get(role))


def needs_totp(user: User) -> bool:
    return can_act(user.role) or bool(user.totp_secret)


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    return _hasher.hash(password)


def verify_password(user: User | None, password: str) -> bool:
    try:
        return _hasher.verify(user.password_hash if user and user.password_hash else _DUMMY_HASH, password) \
            and bool(user and user.password_hash)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def password_fingerprint(user: User) -> str:
    """Changes whenever the password (or the TOTP secret) changes, ending older sessions."""
    material = f"{user.password_hash}|{user.totp_secret}|{user.is_active}"
    return hashlib.sha256(material.encode()).hexdigest()[:16]


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_uri(user: User, issuer: str = "School moderator") -> str:
    return pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.username, issuer_name=issuer)


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def csrf_ok(session_token: str | None, given: str | None) -> bool:
    return bool(session_token and given) and secrets.compare_digest(session_token, given)


# -- throttling ---------------------------------------------------------------------------------

@dataclass
class LoginResult:
    ok: bool
    reason: str = ""  # bad_password | locked | disabled | bad_code
    locked_until: datetime | None = None


def _state(session: Session, username: str) -> LoginState:
    stmt = select(LoginState).where(LoginState.username == username)
    state = session.exec(stmt).first()
    if state is None:
        try:
            with session.begin_nested():  # two wrong passwords for one name may arrive at once
                state = LoginState(username=username)
                session.add(state)
                session.flush()
        except IntegrityError:
            state = session.exec(stmt).one()
    return state


def locked_until(session: Session, username: str) -> datetime | None:
    state = session.exec(select(LoginState).where(LoginState.username == username)).first()
    if state and state.locked_until and state.locked_until > utcnow():
        return state.locked_until
    return None


def _fail(session: Session, username: str, settings: Settings, reason: str, client: str) -> LoginResult:
    state = _state(session, username)
    now = utcnow()
    state.failures += 1
    state.last_failure_at = now
    state.updated_at = now
    if state.failures >= settings.login_max_failures:
        state.locked_until = now + timedelta(minutes=settings.login_lockout_minutes)
        state.failures = 0
    session.add(state)
    audit.record(session, "console.login_failed", actor=username[:100] or "anonymous",
                 data={"username": username[:100], "reason": reason, "client": client,
                       "locked_until": state.locked_until.isoformat() if state.locked_until else None})
    if state.locked_until and state.locked_until > now:
        return LoginResult(False, "locked", state.locked_until)
    return LoginResult(False, reason)


def _succeed(session: Session, user: User, stage: str, client: str) -> None:
    state = _state(session, user.username)
    state.failures = 0
    state.locked_until = None
    state.updated_at = utcnow()
    session.add(state)
    audit.record(session, "console.login" if stage == "full" else "console.password_ok", actor=user.username,
                 school_id=user.school_id, subject_type="user", subject_id=user.id,
                 data={"stage": stage, "client": client, "role": user.role})


def check_password(session: Session, username: str, password: str, settings: Settings, *,
                   client: str = "") -> tuple[LoginResult, User | None]:
    """The first step of signing in. Audits success and failure in the caller's transaction."""
    username = username.strip().lower()[:100]
    until = locked_until(session, username)
    if until:
        audit.record(session, "console.login_failed", actor=username or "anonymous",
                     data={"username": username, "reason": "locked", "client": client})
        return LoginResult(False, "locked", until), None
    user = session.exec(select(User).where(User.username == username)).first()
    if not verify_password(user, password):
        return _fail(session, username, settings, "bad_password", client), None
    if not user.is_active:
        audit.record(session, "console.login_failed", actor=username, data={"username": username,
                                                                            "reason": "disabled", "client": client})
        return LoginResult(False, "disabled"), None
    _succeed(session, user, "totp" if needs_totp(user) else "full", client)
    return LoginResult(True), user


def check_totp(session: Session, user: User, code: str, settings: Settings, *, client: str = "") -> LoginResult:
    """The second step: a current code, used once."""
    until = locked_until(session, user.username)
    if until:
        audit.record(session, "console.login_failed", actor=user.username,
                     data={"username": user.username, "reason": "locked", "client": client})
        return LoginResult(False, "locked", until)
    code = "".join(ch for ch in code if ch.isdigit())
    state = _state(session, user.username)
    totp = pyotp.TOTP(user.totp_secret) if user.totp_secret else None
    now = utcnow()
    step = None
    if totp and len(code) == 6:
        for offset in (0, -1, 1):  # allow one step of clock drift either way
            candidate = totp.timecode(now) + offset
            if secrets.compare_digest(totp.generate_otp(candidate), code):
                step = candidate
                break
    if step is None or (state.last_totp_step is not None and step <= state.last_totp_step):
        return _fail(session, user.username, settings, "bad_code", client)
    state.last_totp_step = step
    _succeed(session, user, "full", client)
    return LoginResult(True)
