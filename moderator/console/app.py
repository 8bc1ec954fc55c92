"""The console's FastAPI application: sessions, CSRF, security headers, sign-in and errors.

Pages live in moderator/console/views.py. ``create_app(settings, engine)`` builds one app; any
number of console processes can serve the same database (all state is in the database or the
signed cookie).
"""
from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from moderator import audit
from moderator.console import auth
from moderator.db import transaction
from moderator.settings import Settings
from moderator.tables import Account, User

log = logging.getLogger("moderator.console")
HERE = Path(__file__).resolve().parent
COOKIE = "moderator_session"
LONDON = ZoneInfo("Europe/London")
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


class HTTPProblem(Exception):
    """Rendered as an error page (or a short message for htmx) with this status."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


class LoginRequired(Exception):
    pass


def _when(value: datetime | None, fmt: str = "%a %d %b %Y, %H:%M") -> str:
    if value is None:
        return ""
    return value.astimezone(LONDON).strftime(fmt)


def _safe_next(target: str | None) -> str:
    """Only same-site paths, so the login page cannot be used to bounce people elsewhere."""
    if not target or not target.startswith("/") or target.startswith("//") or urlsplit(target).netloc:
        return "/"
    return target


def create_app(settings: Settings, engine: Engine) -> FastAPI:
    if settings.secret_key is None:
        raise ValueError("setting 'secret_key': the console needs it to sign sessions "
                         "(set MODERATOR_SECRET_KEY or MODERATOR_SECRET_KEY_FILE)")
    app = FastAPI(title="School moderator console", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.settings = settings
    app.state.engine = engine
    signer = URLSafeTimedSerializer(settings.secret_key.get_secret_value(), salt="moderator-console-session")
    max_age = settings.session_max_age_minutes * 60
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.autoescape = True  # every template, whatever its extension
    templates.env.filters["when"] = _when
    templates.env.globals["role_names"] = auth.ROLE_NAMES
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.middleware("http")
    async def session_middleware(request: Request, call_next):
        data: dict[str, Any] = {}
        raw = request.cookies.get(COOKIE)
        if raw:
            try:
                data = signer.loads(raw, max_age=max_age)
            except BadSignature:
                data = {}
        changed = False
        if not data.get("csrf"):
            data = {"csrf": auth.new_csrf_token()}
            changed = True
        request.state.session = data
        request.state.session_changed = changed
        response = await call_next(request)
        quiet = request.url.path == "/healthz" or request.url.path.startswith(("/static/", "/webhooks/"))
        if request.state.session_changed and not quiet:
            response.set_cookie(COOKIE, signer.dumps(request.state.session), max_age=max_age, httponly=True,
                                samesite="lax", secure=not settings.console_insecure_cookies, path="/")
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if request.url.path != "/healthz" and not request.url.path.startswith("/static"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.exception_handler(HTTPProblem)
    async def problem(request: Request, exc: HTTPProblem):
        if request.headers.get("HX-Request"):
            return HTMLResponse(f'<p class="flash error" role="alert">{_escape(exc.message)}</p>',
                                status_code=exc.status)
        return render(request, "error.html", {"status": exc.status, "message": exc.message}, status=exc.status)

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired):
        target = "/login?next=" + quote(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
        if request.headers.get("HX-Request"):
            return Response(status_code=204, headers={"HX-Redirect": target})
        return RedirectResponse(target, status_code=303)

    def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
        session = request.state.session
        flashes = session.pop("flash", [])
        if flashes:
            request.state.session_changed = True
        user = getattr(request.state, "user", None)
        base = {"user": user, "csrf_token": session.get("csrf", ""), "flashes": flashes,
                "account_problems": _account_problems(engine, user) if user else [],
                "can_act": auth.can_act(user.role) if user else False, "path": request.url.path}
        return templates.TemplateResponse(request, name, {**base, **context}, status_code=status)

    app.state.render = render

    # -- sign in --------------------------------------------------------------------------------
    @app.get("/login", response_class=HTMLResponse)
    async def login_page(request: Request, next: str = "/"):
        return render(request, "login.html", {"next": _safe_next(next), "error": None})

    @app.post("/login", response_class=HTMLResponse)
    async def login(request: Request):
        form = await request.form()
        check_csrf(request, form)
        username, password = str(form.get("username", "")), str(form.get("password", ""))
        target = _safe_next(str(form.get("next", "/")))
        def check():  # Argon2 is slow on purpose: keep it off the event loop
            with transaction(engine) as session:
                result, user = auth.check_password(session, username, password, settings, client=_client(request))
                if user is None:
                    return result, None, False, ""
                return result, user.id, auth.needs_totp(user), auth.password_fingerprint(user)

        result, user_id, needs_code, fingerprint = await run_in_threadpool(check)
        if not result.ok:
            return render(request, "login.html", {"next": target, "error": _login_error(result), "username": username},
                          status=429 if result.reason == "locked" else 401)
        _start_session(request, user_id, fingerprint, "totp" if needs_code else "full")
        return RedirectResponse(f"/login/code?next={quote(target)}" if needs_code else target, status_code=303)

    @app.get("/login/code", response_class=HTMLResponse)
    async def code_page(request: Request, next: str = "/"):
        if request.state.session.get("stage") != "totp":
            return RedirectResponse("/login", status_code=303)
        return render(request, "totp.html", {"next": _safe_next(next), "error": None})

    @app.post("/login/code", response_class=HTMLResponse)
    async def code(request: Request):
        form = await request.form()
        check_csrf(request, form)
        data = request.state.session
        target = _safe_next(str(form.get("next", "/")))
        if data.get("stage") != "totp":
            return RedirectResponse("/login", status_code=303)
        def check():
            with transaction(engine) as session:
                user = session.get(User, data.get("uid"))
                if user is None or not user.is_active or auth.password_fingerprint(user) != data.get("fp"):
                    return auth.LoginResult(False, "bad_code")
                return auth.check_totp(session, user, str(form.get("code", "")), settings, client=_client(request))

        result = await run_in_threadpool(check)
        if not result.ok:
            if result.reason == "locked":
                _end_session(request)
            return render(request, "totp.html", {"next": target, "error": _login_error(result)},
                          status=429 if result.reason == "locked" else 401)
        _start_session(request, data["uid"], data["fp"], "full")
        return RedirectResponse(target, status_code=303)

    @app.post("/logout")
    async def logout(request: Request):
        form = await request.form()
        check_csrf(request, form)
        uid = request.state.session.get("uid")
        if uid:
            await run_in_threadpool(_audit_logout, engine, uid, _client(request))
        _end_session(request)
        return RedirectResponse("/login", status_code=303)

    def _audit_logout(engine: Engine, uid: int, client: str) -> None:
        with transaction(engine) as session:
            user = session.get(User, uid)
            if user:
                audit.record(session, "console.logout", actor=user.username, school_id=user.school_id,
                             subject_type="user", subject_id=user.id, data={"client": client})

    @app.get("/healthz")
    async def healthz():
        return {"ok": True}

    from moderator.console import views
    from moderator.webhook import create_app as create_webhook_app

    views.register(app)
    # Facebook's webhook lives beside the console, so one `moderator serve` behind one proxy does both.
    # It carries its own signature check instead of a session and CSRF token.
    for route in create_webhook_app(settings, engine).router.routes:
        if getattr(route, "path", "").startswith("/webhooks/"):
            app.router.routes.append(route)
    return app


def _account_problems(engine: Engine, user: User) -> list[tuple[str, str]]:
    """Accounts the service has stopped or paused, for the banner on every page."""
    stmt = select(Account.handle, Account.status).where(col(Account.status).in_(("disabled", "paused")))
    if user.school_id is not None:
        stmt = stmt.where(Account.school_id == user.school_id)
    with Session(engine) as session:
        return [(handle, status) for handle, status in session.exec(stmt).all()]


def _escape(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


def _client(request: Request) -> str:
    return request.client.host if request.client else ""


def _login_error(result: auth.LoginResult) -> str:
    if result.reason == "locked":
        until = _when(result.locked_until, "%H:%M") if result.locked_until else "later"
        return f"Too many failed attempts. Signing in to this account is locked until {until}."
    if result.reason == "bad_code":
        return "That code did not work. Check your authenticator app and try the newest code."
    return "That username and password did not match an active account."


def _start_session(request: Request, user_id: int, fingerprint: str, stage: str) -> None:
    # A fresh CSRF token at each privilege change (session fixation).
    request.state.session = {"uid": user_id, "fp": fingerprint, "stage": stage, "csrf": auth.new_csrf_token()}
    request.state.session_changed = True


def _end_session(request: Request) -> None:
    request.state.session = {"csrf": auth.new_csrf_token()}
    request.state.session_changed = True


def check_csrf(request: Request, form: Any) -> None:
    given = request.headers.get("X-CSRF-Token") or (form.get("csrf_token") if form is not None else None)
    if not auth.csrf_ok(request.state.session.get("csrf"), str(given) if given else None):
        raise HTTPProblem(403, "This form has expired or did not come from this console. "
                               "Reload the page and try again.")


def current_user(request: Request) -> User:
    """The signed-in user with both factors, or LoginRequired."""
    data = request.state.session
    if data.get("stage") != "full" or not data.get("uid"):
        raise LoginRequired()
    engine: Engine = request.app.state.engine
    with Session(engine, expire_on_commit=False) as session:
        user = session.get(User, data["uid"])
    if user is None or not user.is_active or auth.password_fingerprint(user) != data.get("fp"):
        _end_session(request)
        raise LoginRequired()
    request.state.user = user
    return user


def flash(request: Request, message: str, kind: str = "ok") -> None:
    request.state.session.setdefault("flash", []).append({"kind": kind, "message": message[:500]})
    request.state.session_changed = True
