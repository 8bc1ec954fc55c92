"""The console's FastAPI application: the session middleware, security headers and error pages; the
pages themselves are APIRouter modules (login, queue, reports, people).

``create_app(settings, engine, clock=...)`` builds one app; any number of console processes can serve
the same database (sessions are rows in it). ``clock`` is for tests: every time the console compares
(session expiry, idle time, lockouts) comes from it. ``threads`` bounds the worker threads that run
the pages (set when the app starts, by its lifespan).
"""
from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from typing import Any, Callable
from datetime import datetime
from urllib.parse import quote

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from itsdangerous import BadSignature, URLSafeTimedSerializer
from markupsafe import escape
from sqlalchemy.engine import Engine
from sqlmodel import col, select
from starlette.exceptions import HTTPException as StarletteHTTPException

from moderator.console.web import COOKIE, HERE, Auth, HTTPProblem, LoginRequired, make_templates, render
from moderator.db import reading, transaction, utcnow
from moderator.people import auth
from moderator.settings import Settings
from moderator.tables import Account, User

log = logging.getLogger("moderator.console")
THREADS = 8  # worker threads for one console process (``moderator serve --threads``)
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
HSTS = "max-age=31536000; includeSubDomains"

__all__ = ["COOKIE", "create_app", "HTTPProblem"]


def create_app(settings: Settings, engine: Engine, *, clock: Callable[[], datetime] = utcnow,
               threads: int = THREADS) -> FastAPI:
    if settings.secret_key is None:
        raise ValueError("setting 'secret_key': the console needs it to sign sessions "
                         "(set MODERATOR_SECRET_KEY or MODERATOR_SECRET_KEY_FILE)")
    if threads < 1:
        raise ValueError("the console needs at least one thread")

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        # Every page, sign-in and session load runs in the event loop's worker threads. AnyIO's
        # default is 40, and each thread, once started, keeps its own C heap and SQLite connection
        # (page cache) for good: the server grew at each reviewer who signed in and never gave it
        # back. The work holds the GIL for all but its SQL, so a few threads serve as many
        # requests, and the rest wait their turn in the queue instead of in memory.
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        yield

    app = FastAPI(title="School moderator console", docs_url=None, redoc_url=None, openapi_url=None,
                  lifespan=lifespan)
    app.state.settings = settings
    app.state.engine = engine
    app.state.clock = clock
    app.state.templates = make_templates()
    app.state.account_problems = lambda user: _account_problems(engine, user)
    signer = URLSafeTimedSerializer(settings.secret_key.get_secret_value(), salt="moderator-console-session")
    cookie_age = settings.session_max_age_minutes * 60
    secure = not settings.console_insecure_cookies
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    def load(token: str) -> Auth:
        # Most requests only read their session: the last use is written at most once a minute. So
        # it is read without the write lock (on SQLite every write transaction queues behind every
        # other, and 20 reviewers' page views would wait in line for it), and only a session that
        # needs its touch or its end written is loaded again in a write transaction.
        now = clock()
        with reading(engine) as session:
            found = auth.load_session(session, token, settings, now=now)
            if not (session.dirty or session.new):  # nothing to write: done (nothing is written here)
                if found is None:
                    return Auth()
                row, user = found
                session.expunge(row)
                session.expunge(user)
                return Auth(row, user, token)
        with transaction(engine) as session:
            found = auth.load_session(session, token, settings, now=now)
            if found is None:
                return Auth()
            row, user = found
            session.flush()  # the touch, before the rows leave the session
            session.expunge(row)
            session.expunge(user)
            return Auth(row, user, token)

    def headers(request: Request, response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if secure:
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        if request.url.path != "/healthz" and not request.url.path.startswith("/static"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.middleware("http")
    async def session_middleware(request: Request, call_next):
        cookie: dict[str, Any] = {}
        raw = request.cookies.get(COOKIE)
        if raw:
            try:
                cookie = signer.loads(raw, max_age=cookie_age)
            except BadSignature:
                cookie = {}
        changed = False
        a = Auth()
        if cookie.get("sid"):
            a = await run_in_threadpool(load, cookie["sid"])
            if a.row is None:  # ended, expired or unknown: forget it
                cookie = {}
                changed = True
        if not cookie.get("csrf"):
            cookie["csrf"] = auth.new_csrf_token()
            changed = True
        request.state.cookie = cookie
        request.state.cookie_changed = changed
        request.state.auth = a
        try:
            response = await call_next(request)
        except Exception:  # an unexpected error still gets a page and the security headers
            log.exception("console request failed", extra={"path": request.url.path})
            response = HTMLResponse("<!doctype html><title>Error</title><p>Something went wrong. "
                                    "Nothing was changed; try again, or tell whoever runs the service.</p>",
                                    status_code=500)
        quiet = request.url.path == "/healthz" or request.url.path.startswith(("/static/", "/webhooks/"))
        if request.state.cookie_changed and not quiet:
            proxied = any(h in request.headers for h in ("x-forwarded-for", "x-forwarded-proto", "forwarded"))
            response.set_cookie(COOKIE, signer.dumps(request.state.cookie), max_age=cookie_age, httponly=True,
                                samesite="lax", path="/", secure=auth.cookie_secure(
                                    scheme=request.url.scheme, host=request.url.hostname, proxied=proxied,
                                    peer=request.client.host if request.client else None, insecure=not secure))
        return headers(request, response)

    @app.exception_handler(HTTPProblem)
    async def problem(request: Request, exc: HTTPProblem):
        return _problem_page(request, exc.status, exc.message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        return _problem_page(request, 404, "There is no such page or item.")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = "There is no such page." if exc.status_code == 404 else str(exc.detail)
        return _problem_page(request, exc.status_code, message)

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired):
        target = "/login?next=" + quote(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
        if request.headers.get("HX-Request"):
            return Response(status_code=204, headers={"HX-Redirect": target})
        return RedirectResponse(target, status_code=303)

    @app.get("/healthz")
    async def healthz():
        return {"ok": True}

    from moderator.console import login, people, queue, records, reports
    from moderator.read.webhook import create_app as create_webhook_app

    for module in (login, queue, reports, people, records):
        app.include_router(module.router)
    # Facebook's webhook lives beside the console, so one `moderator serve` behind one proxy does both.
    # It carries its own signature check instead of a session and CSRF token.
    for route in create_webhook_app(settings, engine).router.routes:
        if getattr(route, "path", "").startswith("/webhooks/"):
            app.router.routes.append(route)
    return app


def _problem_page(request: Request, status: int, message: str) -> Response:
    if request.headers.get("HX-Request"):
        return HTMLResponse(f'<p class="flash error" role="alert">{escape(message)}</p>', status_code=status)
    return render(request, "error.html", {"status": status, "message": message}, status=status)


def _account_problems(engine: Engine, user: User) -> list[tuple[str, str]]:
    """Accounts the service has stopped or paused, for the banner on every page."""
    stmt = select(Account.handle, Account.status).where(col(Account.status).in_(("disabled", "paused")))
    if user.school_id is not None:
        stmt = stmt.where(Account.school_id == user.school_id)
    with reading(engine) as session:
        return [(handle, status) for handle, status in session.exec(stmt).all()]
