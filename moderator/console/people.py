"""People management for the headteacher: add (the two-factor key shown once, as a QR code drawn
here, never fetched from elsewhere), disable, reset a password. Every change is audited by
moderator/people/users.py with the headteacher's name. The chair of governors and other
headteachers are managed from the command line only (see vocab.MANAGED_BY_HEADTEACHER)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlmodel import Session

from moderator.console.web import HTTPProblem, checked_form, current_user, db, engine_of, flash, parse_id, render
from moderator.db import transaction
from moderator.people import users
from moderator.people.auth import MIN_PASSWORD_LENGTH
from moderator.tables import User
from moderator.vocab import MANAGED_BY_HEADTEACHER, manages_people

router = APIRouter()


NOT_YOURS = ("Not allowed: the headteacher manages office staff and governors only. The DSL, the chair of "
             "governors and trust-level people see what she does not, so they are managed with "
             "`moderator users` on the command line.")


def _refuse(request: Request, me: User, what: str, role: str, target: User | None = None) -> HTTPProblem:
    with transaction(engine_of(request)) as session:
        users.refused(session, me, what, role=role, target=target)
    return HTTPProblem(403, NOT_YOURS)


def manager(user: User = Depends(current_user)) -> User:
    if not manages_people(user.role):
        raise HTTPProblem(403, "Not allowed: only the headteacher manages people in the console.")
    return user


def qr_data_uri(text: str) -> str | None:
    try:
        import segno
    except ImportError:  # the key and link below it still work
        return None
    return segno.make(text, error="m").svg_data_uri(scale=5, border=2)


def _page(request: Request, session: Session, me: User, *, errors=None, typed=None, enrolment=None, status=200):
    everyone = users.people(session, me)
    session.close()  # before rendering, which reads the database too (SQLite: one writer at a time)
    return render(request, "people.html", {
        "people": everyone, "roles": MANAGED_BY_HEADTEACHER, "errors": errors or {}, "typed": typed or {},
        "enrolment": enrolment, "min_password": MIN_PASSWORD_LENGTH,
        "qr": qr_data_uri(enrolment.totp_uri) if enrolment and enrolment.totp_uri else None,
        "manageable": {u.id for u in everyone if users.may_manage(me, u.role, u.school_id)},
    }, status=status)


@router.get("/people", response_class=HTMLResponse)
def people_page(request: Request, me: User = Depends(manager), session: Session = Depends(db)):
    return _page(request, session, me)


def _field(message: str) -> str:
    for name in ("username", "password", "e-mail", "role"):
        if name in message:
            return {"e-mail": "email"}.get(name, name)
    return "username"


@router.post("/people", response_class=HTMLResponse)
async def add_person(request: Request, me: User = Depends(manager), form=Depends(checked_form)):
    typed = {k: str(form.get(k, ""))[:320] for k in ("username", "display_name", "email", "role")}
    role = typed["role"]

    if role in users.ROLES and role not in MANAGED_BY_HEADTEACHER:
        raise await run_in_threadpool(_refuse, request, me, "add", role)

    def add():
        if role not in MANAGED_BY_HEADTEACHER:
            raise users.UserError("choose the role: office moderator or governor")
        with transaction(engine_of(request)) as session:
            # Always her school (for a trust-level headteacher: the one school there is, else refused).
            school_id = me.school_id
            if school_id is None:
                try:
                    school_id = users.school_for(session, None)
                except users.UserError:
                    raise users.UserError("you belong to no one school, so the operator adds people for a school "
                                          "with `moderator users add --school`") from None
            return users.add_user(session, username=typed["username"], role=role,
                                  display_name=typed["display_name"] or typed["username"],
                                  password=str(form.get("password", "")), email=typed["email"].strip() or None,
                                  school_id=school_id, actor=me.username)

    try:
        enrolment = await run_in_threadpool(add)
    except users.UserError as exc:
        with Session(engine_of(request), expire_on_commit=False) as session:
            return _page(request, session, me, errors={_field(str(exc)): str(exc)}, typed=typed, status=422)
    with Session(engine_of(request), expire_on_commit=False) as session:
        return _page(request, session, me, enrolment=enrolment)


def _check_target(request: Request, me: User, user_id: str, what: str) -> None:
    """Before changing anything: 404 when she cannot see this person on People, 403 (audited, in its
    own transaction) when she can but may not manage them."""
    with Session(engine_of(request), expire_on_commit=False) as session:
        target = session.get(User, parse_id(user_id))
    if target is None or (me.school_id is not None and target.school_id != me.school_id):
        raise HTTPProblem(404, "There is no such person that you can manage.")
    if not users.may_manage(me, target.role, target.school_id):
        raise _refuse(request, me, what, target.role, target)


def _target(session: Session, me: User, user_id: str) -> User:
    target = session.get(User, parse_id(user_id))
    if target is None or not users.may_manage(me, target.role, target.school_id):
        raise HTTPProblem(404, "There is no such person that you can manage.")
    return target


@router.post("/people/{user_id}/disable")
def disable_person(request: Request, user_id: str, me: User = Depends(manager), form=Depends(checked_form)):
    reason = str(form.get("reason", "")).strip()[:500]
    _check_target(request, me, user_id, "disable")
    with transaction(engine_of(request)) as session:
        target = _target(session, me, user_id)
        if not reason:
            session.rollback()
            return _page(request, session, me, errors={f"disable-{target.id}": "Give a reason."}, status=422)
        users.disable_user(session, target.username, reason=reason, actor=me.username)
        name = target.username
    flash(request, f"{name} can no longer sign in; their sessions have ended.")
    return RedirectResponse("/people", status_code=303)


@router.post("/people/{user_id}/reset", response_class=HTMLResponse)
async def reset_person(request: Request, user_id: str, me: User = Depends(manager), form=Depends(checked_form)):
    def reset():
        _check_target(request, me, user_id, "reset")
        with transaction(engine_of(request)) as session:
            target = _target(session, me, user_id)
            return users.reset_password(session, target.username, password=str(form.get("password", "")),
                                        new_totp=bool(form.get("new_totp")), actor=me.username)

    try:
        enrolment = await run_in_threadpool(reset)
    except users.UserError as exc:
        with Session(engine_of(request), expire_on_commit=False) as session:
            return _page(request, session, me, errors={f"reset-{user_id}": str(exc)}, status=422)
    with Session(engine_of(request), expire_on_commit=False) as session:
        return _page(request, session, me, enrolment=enrolment)
