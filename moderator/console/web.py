"""What every console route shares: templates, errors, and the dependencies for the database session,
the signed-in person and the CSRF check.

The session cookie is signed (itsdangerous) and holds the session token (the session itself is a
database row, see moderator/people/auth.py), a CSRF token while nobody is signed in, and one-shot
flash messages.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable, Iterator
from zoneinfo import ZoneInfo

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from sqlalchemy.engine import Engine
from sqlmodel import Session

from moderator import words
from moderator.db import reading
from moderator.people import auth
from moderator.people.access import can_act
from moderator.tables import ConsoleSession, User
from moderator.vocab import ROLE_NAMES, has_queue, manages_people

HERE = Path(__file__).resolve().parent
COOKIE = "moderator_session"
LONDON = ZoneInfo("Europe/London")
MAX_ID = 2**63 - 1


class HTTPProblem(Exception):
    """Rendered as an error page (or a short message for htmx) with this status."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


class LoginRequired(Exception):
    pass


def when(value: datetime | None, fmt: str = "%a %d %b %Y, %H:%M") -> str:
    if value is None:
        return ""
    return value.astimezone(LONDON).strftime(fmt)


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.autoescape = True  # every template, whatever its extension
    templates.env.filters["when"] = when
    templates.env.globals["role_names"] = ROLE_NAMES
    # The words people read (moderator/words.py), so no template spells a platform or referral itself.
    templates.env.globals.update(platform_name=words.platform_name, referral_name=words.referral_name,
                                 detector_name=words.detector_name, service_did=words.service_did)
    return templates


@dataclass
class Auth:
    """The request's session: the row and its person, when someone is (partly) signed in."""

    row: ConsoleSession | None = None
    user: User | None = None
    token: str | None = None

    @property
    def full(self) -> bool:
        return self.row is not None and self.row.stage == "full"


def engine_of(request: Request) -> Engine:
    return request.app.state.engine


def clock_of(request: Request) -> Callable[[], datetime]:
    return request.app.state.clock


def db(request: Request) -> Iterator[Session]:
    """A read session for one request, read-only: on SQLite it takes no write lock (moderator/db.py's
    ``reading``), so reviewers reading pages never queue behind one another or the worker. Routes
    write in their own ``transaction``, after ``release``."""
    with reading(engine_of(request)) as session:
        request.state.db = session
        yield session


def release(request: Request) -> None:
    """End the request's read session; what it loaded stays usable (nothing is lazy-loaded)."""
    session = getattr(request.state, "db", None)
    if session is not None:
        session.close()


def csrf_token(request: Request) -> str:
    a: Auth = request.state.auth
    return a.row.csrf if a.row is not None else request.state.cookie.get("csrf", "")


def client(request: Request) -> str:
    settings = request.app.state.settings
    peer = request.client.host if request.client else ""
    return auth.client_address(peer, request.headers.get("x-forwarded-for"),
                               list(settings.console_trusted_proxies))


def current_user(request: Request) -> User:
    """The signed-in person with both factors, or LoginRequired."""
    a: Auth = request.state.auth
    if not a.full or a.user is None:
        raise LoginRequired()
    request.state.user = a.user
    return a.user


def acting_user(user: User = Depends(current_user)) -> User:
    """A signed-in person whose role can decide something."""
    if not can_act(user.role):
        raise HTTPProblem(403, "Not allowed: your role is read only.")
    return user


async def checked_form(request: Request):
    """The posted form, after the CSRF check."""
    form = await request.form()
    given = request.headers.get("X-CSRF-Token") or form.get("csrf_token")
    if not auth.csrf_ok(csrf_token(request), str(given) if given else None):
        raise HTTPProblem(403, "This form has expired or did not come from this console. "
                               "Reload the page and try again.")
    return form


def flash(request: Request, message: str, kind: str = "ok") -> None:
    request.state.cookie.setdefault("flash", []).append({"kind": kind, "message": message[:500]})
    request.state.cookie_changed = True


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    release(request)
    cookie = request.state.cookie
    flashes = cookie.pop("flash", [])
    if flashes:
        request.state.cookie_changed = True
    user = getattr(request.state, "user", None)
    base = {"user": user, "csrf_token": csrf_token(request), "flashes": flashes,
            "account_problems": request.app.state.account_problems(user) if user else [],
            "can_act": can_act(user.role) if user else False, "path": request.url.path,
            "manages_people": bool(user and manages_people(user.role)),
            "has_queue": bool(user and has_queue(user.role))}
    return request.app.state.templates.TemplateResponse(request, name, {**base, **context}, status_code=status)


# -- ids and dates from URLs and forms: the one place they are read ------------------------------
# ASCII only: str.isdigit() and int() also take "²", "١" and "１", which would make "/items/١" item 1.
# Dates stay within years the console can count in, so "the day after" never overflows.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)
_ID = re.compile(r"[0-9]{1,19}")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_id(value: str) -> int:
    """A row id from a URL or form: anything that is not one is simply not found (404)."""
    if not (_ID.fullmatch(value or "") and 0 < int(value) <= MAX_ID):
        raise HTTPProblem(404, "There is no such item.")
    return int(value)


def parse_date(value: str | None) -> date | None:
    """A day given as YYYY-MM-DD in ASCII digits between 1900 and 2999; blank is None. Anything else
    is not understood (422)."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        day = date.fromisoformat(value) if _DAY.fullmatch(value) else None
    except ValueError:
        day = None
    if day is None or not FIRST_DAY <= day <= LAST_DAY:
        raise HTTPProblem(422, f"Give dates as YYYY-MM-DD, between {FIRST_DAY.year} and {LAST_DAY.year}.")
    return day


def parse_page(value: str | None, last: int = 100_000) -> int:
    """A page number from a URL: ASCII digits, 1 to ``last``; anything else is the first page."""
    return max(1, min(int(value), last)) if _ID.fullmatch(value or "") else 1
