"""Signing in (password, then a TOTP code for those who can act) and signing out."""
from __future__ import annotations

from urllib.parse import quote, urlsplit

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse

from moderator import audit
from moderator.console.web import checked_form, client, clock_of, engine_of, render, when
from moderator.db import transaction
from moderator.people import auth
from moderator.tables import User

router = APIRouter()


def safe_next(target: str | None) -> str:
    """Only same-site paths, so the login page cannot be used to bounce people elsewhere."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target \
            or urlsplit(target).netloc:
        return "/"
    return target


def _login_error(result: auth.LoginResult) -> str:
    if result.reason == "locked":
        until = when(result.locked_until, "%H:%M") if result.locked_until else "later"
        return f"Too many failed attempts. Signing in to this account from here is locked until {until}."
    if result.reason == "bad_code":
        return "That code did not work. Check your authenticator app and try the newest code."
    return "That username and password did not match an active account."


def _set_session(request: Request, token: str | None) -> None:
    cookie = {"csrf": auth.new_csrf_token()}  # a fresh CSRF token at each privilege change
    if token:
        cookie["sid"] = token
    request.state.cookie = cookie
    request.state.cookie_changed = True


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/"):
    return render(request, "login.html", {"next": safe_next(next), "error": None})


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request, form=Depends(checked_form)):
    username, password = str(form.get("username", ""))[:200], str(form.get("password", ""))
    target = safe_next(str(form.get("next", "/")))
    settings, engine, now, where = request.app.state.settings, engine_of(request), clock_of(request)(), client(request)
    old = request.state.auth.token

    def check():  # Argon2 is slow on purpose: keep it off the event loop
        with transaction(engine) as session:
            result, user = auth.check_password(session, username, password, settings, client=where, now=now)
            if user is None:
                return result, None, False
            stage = "totp" if auth.needs_totp(user) else "full"
            token, _ = auth.start_session(session, user, stage, settings, client=where, now=now, replaces=old)
            return result, token, stage == "totp"

    result, token, needs_code = await run_in_threadpool(check)
    if not result.ok:
        return render(request, "login.html", {"next": target, "error": _login_error(result),
                                              "username": username[:100]},
                      status=429 if result.reason == "locked" else 401)
    _set_session(request, token)
    return RedirectResponse(f"/login/code?next={quote(target)}" if needs_code else target, status_code=303)


@router.get("/login/code", response_class=HTMLResponse)
def code_page(request: Request, next: str = "/"):
    if request.state.auth.row is None or request.state.auth.row.stage != "totp":
        return RedirectResponse("/login", status_code=303)
    return render(request, "totp.html", {"next": safe_next(next), "error": None})


@router.post("/login/code", response_class=HTMLResponse)
async def code(request: Request, form=Depends(checked_form)):
    a = request.state.auth
    target = safe_next(str(form.get("next", "/")))
    if a.row is None or a.row.stage != "totp":
        return RedirectResponse("/login", status_code=303)
    settings, engine, now, where = request.app.state.settings, engine_of(request), clock_of(request)(), client(request)

    def check():
        with transaction(engine) as session:
            user = session.get(User, a.row.user_id)
            if user is None or not user.is_active:
                return auth.LoginResult(False, "bad_code"), None
            result = auth.check_totp(session, user, str(form.get("code", ""))[:20], settings, client=where, now=now)
            if not result.ok:
                if result.reason == "locked":
                    auth.end_session(session, a.token, "locked", now=now)
                return result, None
            token, _ = auth.start_session(session, user, "full", settings, client=where, now=now, replaces=a.token)
            return result, token

    result, token = await run_in_threadpool(check)
    if not result.ok:
        if result.reason == "locked":
            _set_session(request, None)
        return render(request, "totp.html", {"next": target, "error": _login_error(result)},
                      status=429 if result.reason == "locked" else 401)
    _set_session(request, token)
    return RedirectResponse(target, status_code=303)


@router.post("/logout")
async def logout(request: Request, form=Depends(checked_form)):
    a = request.state.auth
    engine, now, where = engine_of(request), clock_of(request)(), client(request)

    def end():
        with transaction(engine) as session:
            if a.token:
                auth.end_session(session, a.token, "signed_out", now=now)
            if a.user is not None:
                audit.record(session, "console.logout", actor=a.user.username, school_id=a.user.school_id,
                             subject_type="user", subject_id=a.user.id, data={"client": where})

    await run_in_threadpool(end)
    _set_session(request, None)
    return RedirectResponse("/login", status_code=303)
