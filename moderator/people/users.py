"""People who use the console: add, disable, reset a password. Service functions take the session
and never commit; every change is audited with it."""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlmodel import Session, select

from moderator import audit
from moderator.people.access import can_act
from moderator.people.auth import ROLES, end_user_sessions, hash_password, new_totp_secret, totp_uri
from moderator.tables import School, User
from moderator.vocab import MANAGED_BY_HEADTEACHER, manages_people

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,62}$")
EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")


class UserError(Exception):
    """A request about a user that cannot be done; the message says why."""


@dataclass
class Enrolment:
    """What a new or reset user needs to sign in. Shown once, never stored in clear."""

    user: User
    totp_secret: str | None
    totp_uri: str | None


def school_for(session: Session, slug: str | None, *, trust: bool = False) -> int | None:
    """The school a new person belongs to. Nobody is trust-level (sees every school) by accident: that
    needs ``trust``; without a slug, the one school there is, else a refusal."""
    if trust:
        if slug:
            raise UserError("a trust-level person belongs to no school: give --school or --trust, not both")
        return None
    if slug:
        school = session.exec(select(School).where(School.slug == slug)).first()
        if school is None:
            raise UserError(f"no school {slug!r}; schools are created from the config file")
        return school.id
    schools = list(session.exec(select(School).order_by(School.slug)).all())
    if len(schools) == 1:
        return schools[0].id
    if not schools:
        raise UserError("no school is configured yet: add [[schools]] to the config file, or give --trust for "
                        "a trust-level person who sees every school")
    raise UserError(f"there are {len(schools)} schools ({', '.join(s.slug for s in schools)}): give --school, "
                    "or --trust for a trust-level person who sees every school")


def get_user(session: Session, username: str) -> User:
    user = session.exec(select(User).where(User.username == username.strip().lower())).first()
    if user is None:
        raise UserError(f"no user {username!r}")
    return user


def add_user(session: Session, *, username: str, role: str, display_name: str, password: str,
             email: str | None = None, school: str | None = None, school_id: int | None = None,
             trust: bool = False, actor: str = "cli") -> Enrolment:
    username = username.strip().lower()
    if not USERNAME.match(username):
        raise UserError("a username is 1-63 lower-case letters, digits, '.', '_' or '-'")
    if role not in ROLES:
        raise UserError(f"unknown role {role!r}; allowed: {', '.join(ROLES)}")
    if email and not EMAIL.match(email):
        raise UserError(f"{email!r} does not look like an e-mail address")
    if session.exec(select(User).where(User.username == username)).first():
        raise UserError(f"user {username!r} already exists")
    if school_id is None:
        school_id = school_for(session, school, trust=trust)
    try:
        password_hash = hash_password(password)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    user = User(username=username, display_name=display_name.strip()[:200] or username, email=email or None,
                role=role, school_id=school_id, password_hash=password_hash,
                totp_secret=new_totp_secret() if can_act(role) else None)
    session.add(user)
    session.flush()
    audit.record(session, "user.added", actor=actor, school_id=user.school_id, subject_type="user",
                 subject_id=user.id, data={"username": username, "role": role, "email": bool(email),
                                           "totp": bool(user.totp_secret)})
    return Enrolment(user, user.totp_secret, totp_uri(user) if user.totp_secret else None)


def disable_user(session: Session, username: str, *, reason: str, actor: str = "cli") -> User:
    user = get_user(session, username)
    if not reason.strip():
        raise UserError("a reason is required")
    user.is_active = False
    session.add(user)
    ended = end_user_sessions(session, user.id, "disabled")
    audit.record(session, "user.disabled", actor=actor, school_id=user.school_id, subject_type="user",
                 subject_id=user.id, data={"username": user.username, "reason": reason[:500], "sessions_ended": ended})
    return user


def reset_password(session: Session, username: str, *, password: str, new_totp: bool = False,
                   actor: str = "cli") -> Enrolment:
    """Set a new password (ending the user's sessions); optionally a new TOTP secret too (lost phone)."""
    user = get_user(session, username)
    try:
        user.password_hash = hash_password(password)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    if new_totp or (can_act(user.role) and not user.totp_secret):
        user.totp_secret = new_totp_secret()
    else:
        new_totp = False
    user.is_active = True
    session.add(user)
    ended = end_user_sessions(session, user.id, "password_reset")
    audit.record(session, "user.password_reset", actor=actor, school_id=user.school_id, subject_type="user",
                 subject_id=user.id, data={"username": user.username, "new_totp": new_totp, "sessions_ended": ended})
    return Enrolment(user, user.totp_secret if new_totp else None, totp_uri(user) if new_totp else None)


def refused(session: Session, manager: User, what: str, *, role: str, target: User | None = None) -> None:
    """Audit a console request to manage someone the manager may not (see may_manage)."""
    audit.record(session, "user.refused", actor=manager.username, school_id=manager.school_id,
                 subject_type="user", subject_id=target.id if target else None,
                 data={"what": what, "role": role[:40], "username": target.username if target else None,
                       "by_role": manager.role})


def may_manage(manager: User, target_role: str, target_school_id: int | None = None) -> bool:
    """Whether ``manager`` may add, disable or reset a person with this role and school (in the console):
    a headteacher, for office staff and governors of a school she sees (never a trust-level person)."""
    if not manages_people(manager.role) or target_role not in MANAGED_BY_HEADTEACHER or target_school_id is None:
        return False
    return manager.school_id is None or target_school_id == manager.school_id


def people(session: Session, manager: User) -> list[User]:
    """Everyone in the manager's school (everyone, for a headteacher not tied to one school)."""
    stmt = select(User).order_by(User.username)
    if manager.school_id is not None:
        stmt = stmt.where(User.school_id == manager.school_id)
    return list(session.exec(stmt).all())
