"""Signing in: passwords, TOTP codes, throttling, and server-side sessions.

Passwords are Argon2id hashes; anyone whose role can act also needs a TOTP code. The hasher is made
on first use, so importing this module costs nothing (the CLI and the worker never pay for it).

Throttling keeps separate counters (moderator.tables.LoginThrottle), and a success on one never
resets another:

- ``pw:<username>@<client>``: wrong passwords for one person from one address. Someone who guesses
  from one address locks only that address out of that account, so a stranger cannot hold the
  headteacher's door shut;
- ``client:<address>``: wrong passwords from one address for anyone (a per-client limit);
- ``code:<username>``: wrong second-factor codes, from anywhere. Only someone who has the password can
  add to it, so it locks the account itself; re-entering the password does not reset it;
- ``account:<username>``: wrong passwords for one person from every address together
  (``login_account_max_failures``), so guesses spread over many addresses are capped too. A stranger
  can trip it, so it does not hold the person's own door shut: an address she completed a sign-in
  from in the last ``KNOWN_FOR`` (``known:<username>@<client>``) is not held by it. Her sign-in
  clears its count of failures, never the lock or the back-off.

Each lock lasts ``login_lockout_minutes`` times 2^(locks so far), up to a day (back-off).

Sessions are rows (moderator.tables.ConsoleSession); the cookie holds only a random token. Signing
out, disabling a person or resetting their password ends the row at once. A session ends after
``session_max_age_minutes`` whatever happens, and after ``console_session_idle_minutes`` unused.
"""
from __future__ import annotations

import hashlib
import ipaddress
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

import pyotp
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from moderator import audit
from moderator.db import utcnow
from moderator.people.access import can_act
from moderator.settings import Settings
from moderator.tables import ConsoleSession, LoginThrottle, User
from moderator.vocab import ROLE_NAMES, Role

ROLES = tuple(str(r) for r in Role)
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024
CLIENT_FAILURE_FACTOR = 3  # an address may get this many times login_max_failures wrong, over all names
KNOWN_FOR = timedelta(days=30)  # an address a person signed in from is theirs for this long (account lock)
MAX_LOCK = timedelta(days=1)
TOUCH_EVERY = timedelta(seconds=60)  # how often a session's last use is written (not on every request)

__all__ = ["ROLES", "ROLE_NAMES"]


@lru_cache(maxsize=1)
def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    # Verified against when the username is unknown, so a wrong username costs as long as a wrong password.
    return _hasher().hash(secrets.token_hex(16))


def needs_totp(user: User) -> bool:
    return can_act(user.role) or bool(user.totp_secret)


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ValueError(f"a password may have at most {MAX_PASSWORD_LENGTH} characters")
    return _hasher().hash(password)


def verify_password(user: User | None, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    try:
        return _hasher().verify(user.password_hash if user and user.password_hash else _dummy_hash(),
                                password[:MAX_PASSWORD_LENGTH]) and bool(user and user.password_hash)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def password_fingerprint(user: User) -> str:
    """Changes whenever the password, the TOTP secret or the active flag changes."""
    material = f"{user.password_hash}|{user.totp_secret}|{user.is_active}"
    return hashlib.sha256(material.encode()).hexdigest()[:16]


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_uri(user: User, issuer: str = "School moderator") -> str:
    return pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.username, issuer_name=issuer)


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def csrf_ok(session_token: str | None, given: str | None) -> bool:
    return bool(session_token and given) and secrets.compare_digest(str(session_token), str(given))


# -- the client's address --------------------------------------------------------------------------

def _trusted(address: str, proxies: list[str]) -> bool:
    for proxy in proxies:
        if address == proxy:
            return True
        try:
            if ipaddress.ip_address(address) in ipaddress.ip_network(proxy, strict=False):
                return True
        except ValueError:
            continue
    return False


LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})


def cookie_secure(*, scheme: str, host: str | None, peer: str | None, proxied: bool, insecure: bool = False) -> bool:
    """Whether the session cookie must carry the Secure flag. Always, except over plain HTTP on this
    machine: a request to a loopback host from a loopback address with no proxy header in between
    (``moderator serve`` as the README starts it). There a browser or a script would otherwise never
    send the cookie back, and every form would seem expired. ``insecure``: console_insecure_cookies."""
    if insecure or scheme == "https":
        return not insecure
    return not ((host or "").lower().strip("[]") in LOOPBACK_HOSTS and _is_loopback(peer) and not proxied)


def _is_loopback(address: str | None) -> bool:
    try:
        return ipaddress.ip_address(address or "").is_loopback
    except ValueError:
        return False


def client_address(peer: str, forwarded_for: str | None, trusted_proxies: list[str]) -> str:
    """The address a request came from. X-Forwarded-For counts only when the peer is a configured
    proxy; then the right-most address that is not one of our proxies is the client."""
    if not forwarded_for or not _trusted(peer, trusted_proxies):
        return peer[:64]
    hops = [h.strip() for h in forwarded_for.split(",") if h.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, trusted_proxies):
            return hop[:64]
    return (hops[0] if hops else peer)[:64]


# -- throttling ------------------------------------------------------------------------------------

@dataclass
class LoginResult:
    ok: bool
    reason: str = ""  # bad_password | locked | disabled | bad_code
    locked_until: datetime | None = None


def _row(session: Session, key: str) -> LoginThrottle:
    key = key[:300]
    stmt = select(LoginThrottle).where(LoginThrottle.key == key)
    row = session.exec(stmt).first()
    if row is None:
        try:
            with session.begin_nested():  # two wrong passwords for one name may arrive at once
                row = LoginThrottle(key=key)
                session.add(row)
                session.flush()
        except IntegrityError:
            row = session.exec(stmt).one()
    return row


def _locked(session: Session, keys: list[str], now: datetime) -> datetime | None:
    rows = session.exec(select(LoginThrottle).where(LoginThrottle.key.in_([k[:300] for k in keys]))).all()
    until = [r.locked_until for r in rows if r.locked_until and r.locked_until > now]
    return max(until) if until else None


def _count_failure(session: Session, key: str, limit: int, settings: Settings, now: datetime) -> LoginThrottle:
    row = _row(session, key)
    row.failures += 1
    row.last_failure_at = now
    row.updated_at = now
    if row.failures >= limit:
        lock = timedelta(minutes=settings.login_lockout_minutes) * (2 ** min(row.strikes, 16))
        row.locked_until = now + min(lock, MAX_LOCK)
        row.strikes += 1
        row.failures = 0
    session.add(row)
    return row


def _clear(session: Session, key: str, now: datetime) -> None:
    row = session.exec(select(LoginThrottle).where(LoginThrottle.key == key[:300])).first()
    if row is not None and (row.failures or row.strikes or row.locked_until):
        row.failures, row.strikes, row.locked_until, row.updated_at = 0, 0, None, now
        session.add(row)


def _keys_for_password(username: str, client: str, known: bool = False) -> list[str]:
    keys = [f"pw:{username}@{client}", f"client:{client}", f"code:{username}"]
    return keys if known else keys + [f"account:{username}"]


def _known(session: Session, username: str, client: str, now: datetime) -> bool:
    """Whether this person completed a sign-in from this address lately (the account lock spares it)."""
    row = session.exec(select(LoginThrottle).where(LoginThrottle.key == f"known:{username}@{client}"[:300])).first()
    return row is not None and row.updated_at >= now - KNOWN_FOR


def _signed_in(session: Session, username: str, client: str, now: datetime) -> None:
    """A full sign-in: the address becomes known, and the account's count of failures starts again."""
    known = _row(session, f"known:{username}@{client}")
    known.updated_at = now
    session.add(known)
    account = session.exec(select(LoginThrottle).where(LoginThrottle.key == f"account:{username}"[:300])).first()
    if account is not None and account.failures:
        account.failures, account.updated_at = 0, now
        session.add(account)


def _audit_failure(session: Session, username: str, reason: str, client: str, until: datetime | None) -> None:
    audit.record(session, "console.login_failed", actor=username[:100] or "anonymous",
                 data={"username": username[:100], "reason": reason, "client": client,
                       "locked_until": until.isoformat() if until else None})


def check_password(session: Session, username: str, password: str, settings: Settings, *, client: str = "",
                   now: datetime | None = None) -> tuple[LoginResult, User | None]:
    """The first step of signing in. Audits success and failure in the caller's transaction."""
    now = now or utcnow()
    username = username.strip().lower()[:100]
    keys = _keys_for_password(username, client, _known(session, username, client, now))
    until = _locked(session, keys, now)
    if until:
        _audit_failure(session, username, "locked", client, until)
        return LoginResult(False, "locked", until), None
    user = session.exec(select(User).where(User.username == username)).first()
    if not verify_password(user, password):
        limit = settings.login_max_failures
        pair = _count_failure(session, f"pw:{username}@{client}", limit, settings, now)
        per_client = _count_failure(session, f"client:{client}", limit * CLIENT_FAILURE_FACTOR, settings, now)
        per_account = _count_failure(session, f"account:{username}", settings.login_account_max_failures,
                                     settings, now)
        until = _locked(session, keys, now)
        _audit_failure(session, username, "bad_password", client, until)
        del pair, per_client, per_account
        return (LoginResult(False, "locked", until) if until else LoginResult(False, "bad_password")), None
    if not user.is_active:
        _audit_failure(session, username, "disabled", client, None)
        return LoginResult(False, "disabled"), None
    _clear(session, f"pw:{username}@{client}", now)  # never the code counter
    if not needs_totp(user):
        _signed_in(session, user.username, client, now)
    audit.record(session, "console.password_ok" if needs_totp(user) else "console.login", actor=user.username,
                 school_id=user.school_id, subject_type="user", subject_id=user.id,
                 data={"stage": "totp" if needs_totp(user) else "full", "client": client, "role": user.role})
    return LoginResult(True), user


def check_totp(session: Session, user: User, code: str, settings: Settings, *, client: str = "",
               now: datetime | None = None) -> LoginResult:
    """The second step: a current code, used once. Wrong codes lock the account, whoever sends them."""
    now = now or utcnow()
    key = f"code:{user.username}"
    until = _locked(session, [key, f"client:{client}"], now)
    if until:
        _audit_failure(session, user.username, "locked", client, until)
        return LoginResult(False, "locked", until)
    code = "".join(ch for ch in code if ch.isdigit())
    row = _row(session, key)
    totp = pyotp.TOTP(user.totp_secret) if user.totp_secret else None
    step = None
    if totp and len(code) == 6:
        for offset in (0, -1, 1):  # allow one step of clock drift either way
            candidate = totp.timecode(now) + offset
            if secrets.compare_digest(totp.generate_otp(candidate), code):
                step = candidate
                break
    if step is None or (row.last_totp_step is not None and step <= row.last_totp_step):
        row = _count_failure(session, key, settings.login_max_failures, settings, now)
        until = row.locked_until if row.locked_until and row.locked_until > now else None
        _audit_failure(session, user.username, "bad_code", client, until)
        return LoginResult(False, "locked", until) if until else LoginResult(False, "bad_code")
    row.last_totp_step = step
    row.failures, row.strikes, row.locked_until, row.updated_at = 0, 0, None, now
    session.add(row)
    _signed_in(session, user.username, client, now)
    audit.record(session, "console.login", actor=user.username, school_id=user.school_id, subject_type="user",
                 subject_id=user.id, data={"stage": "full", "client": client, "role": user.role})
    return LoginResult(True)


# -- sessions --------------------------------------------------------------------------------------

def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def idle_limit(settings: Settings) -> timedelta:
    return timedelta(minutes=settings.console_session_idle_minutes)


def start_session(session: Session, user: User, stage: str, settings: Settings, *, client: str = "",
                  now: datetime | None = None, replaces: str | None = None) -> tuple[str, ConsoleSession]:
    """A new session for ``user`` at ``stage`` (totp or full). Returns the cookie token and the row.
    ``replaces`` (an older token) is ended: a fresh token and CSRF token at each step up (fixation)."""
    now = now or utcnow()
    if replaces:
        end_session(session, replaces, "stepped_up", now=now)
    token = secrets.token_urlsafe(32)
    row = ConsoleSession(token_sha256=_digest(token), user_id=user.id, stage=stage, csrf=new_csrf_token(),
                         client=client[:64], created_at=now, last_seen_at=now,
                         expires_at=now + timedelta(minutes=settings.session_max_age_minutes))
    session.add(row)
    session.flush()
    return token, row


def load_session(session: Session, token: str, settings: Settings, *,
                 now: datetime | None = None) -> tuple[ConsoleSession, User] | None:
    """The live session for this token, or None (unknown, ended, expired, idle too long, or its person
    disabled or given a new password). Records the use, at most once a minute."""
    now = now or utcnow()
    row = session.exec(select(ConsoleSession).where(ConsoleSession.token_sha256 == _digest(token))).first()
    if row is None or row.ended_at is not None:
        return None
    user = session.get(User, row.user_id)
    reason = None
    if now >= row.expires_at:
        reason = "expired"
    elif now - row.last_seen_at >= idle_limit(settings):
        reason = "idle"
    elif user is None or not user.is_active:
        reason = "disabled"
    if reason:
        row.ended_at, row.end_reason = now, reason
        session.add(row)
        return None
    if now - row.last_seen_at >= TOUCH_EVERY:
        row.last_seen_at = now
        session.add(row)
    return row, user


def end_session(session: Session, token: str, reason: str, *, now: datetime | None = None) -> ConsoleSession | None:
    row = session.exec(select(ConsoleSession).where(ConsoleSession.token_sha256 == _digest(token))).first()
    if row is not None and row.ended_at is None:
        row.ended_at, row.end_reason = now or utcnow(), reason
        session.add(row)
    return row


def end_user_sessions(session: Session, user_id: int, reason: str, *, now: datetime | None = None) -> int:
    """End every live session of one person (disabled, password reset). Returns how many."""
    return session.execute(update(ConsoleSession).where(ConsoleSession.user_id == user_id,
                                                        ConsoleSession.ended_at.is_(None))
                           .values(ended_at=now or utcnow(), end_reason=reason)).rowcount
