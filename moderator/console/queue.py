"""The queue, one item, decisions (single and bulk) and an author's comments. Thin routes: they read
the request, call a query or moderator/act/review.py, and render a template. A refused or incomplete
decision shows the same page again, with the message beside the field and what was typed kept."""
from __future__ import annotations

from urllib.parse import parse_qs, quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlmodel import Session, col, select

from moderator import audit
from moderator.act import review
from moderator.console import queries
from moderator.people import access
from moderator.console.web import (
    HTTPProblem, acting_user, checked_form, current_user, db, engine_of, flash, parse_date, parse_id, parse_page,
    release, render,
)
from moderator.act.escalations import IllegalTransition
from moderator.db import transaction
from moderator.tables import Escalation, User
from moderator.vocab import ROUTE_NAMES, Priority

router = APIRouter()

DETAIL_FIELDS = ("reply_text", "police_reference", "police_officer", "police_date", "police_reason",
                 "sg_reference", "sg_contact", "sg_date")
LIMITS = {"reason": review.MAX_REASON, "reply_text": review.MAX_REPLY, "police_reason": review.MAX_REASON,
          "police_reference": review.MAX_REFERENCE, "sg_reference": review.MAX_REFERENCE,
          "police_officer": review.MAX_CONTACT, "sg_contact": review.MAX_CONTACT}


def filters_from(params) -> queries.QueueFilters:
    get = lambda k: (params.get(k) or "")  # noqa: E731
    page = parse_page(get("page"))
    return queries.QueueFilters(
        route=get("route") if get("route") in ROUTE_NAMES else "",
        priority=get("priority") if get("priority") in tuple(Priority) else "",
        platform=get("platform")[:16], signal=get("signal")[:100].replace('"', ""), author=get("author")[:100],
        account=get("account")[:64], q=get("q")[:queries.MAX_SEARCH], date_from=parse_date(get("from")),
        date_to=parse_date(get("to")), page=page,
    )


def _back_filters(value: str) -> queries.QueueFilters:
    return filters_from({k: v[0] for k, v in parse_qs(value or "").items()})


def _queue_context(session: Session, user: User, f: queries.QueueFilters) -> dict:
    q = queries.queue(session, user, f)
    return {"queue": q, "filters": f, "routes": access.routes_for(user), "route_names": ROUTE_NAMES,
            "bulk_decisions": [d for d in review.BULK_DECISIONS if access.may(user, d)],
            "decision_labels": review.DECISION_LABELS, "back": f.query(), "limits": LIMITS,
            "errors": {}, "typed": {}, "selected": set()}


@router.get("/")
def home(user: User = Depends(current_user)):
    return RedirectResponse("/queue" if access.routes_for(user) else "/overview", status_code=303)


@router.get("/queue", response_class=HTMLResponse)
def queue_page(request: Request, user: User = Depends(current_user), session: Session = Depends(db)):
    context = _queue_context(session, user, filters_from(request.query_params))
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "results":
        return render(request, "_queue_results.html", context)
    return render(request, "queue.html", context)


def _item_context(session: Session, user: User, escalation_id: int, back: str) -> dict:
    it = queries.item(session, user, escalation_id)
    if it is None:
        raise HTTPProblem(404, "There is no such item in your queue.")
    f = _back_filters(back)
    prev_id, next_id = queries.neighbours(session, user, f, it.escalation)
    return {"it": it, "route_names": ROUTE_NAMES, "decision_labels": review.DECISION_LABELS, "allowed": it.offered,
            "prev_id": prev_id, "next_id": next_id, "back": f.query(),
            "police_allowed": it.police is not None, "limits": LIMITS, "errors": {}, "typed": {},
            "safeguarding": [d for d in it.offered if d in review.SAFEGUARDING]}


@router.get("/items/{escalation_id}", response_class=HTMLResponse)
def item_page(request: Request, escalation_id: str, back: str = "", user: User = Depends(current_user),
              session: Session = Depends(db)):
    context = _item_context(session, user, parse_id(escalation_id), back[:1000])
    release(request)
    if access.can_act(user.role):
        with transaction(engine_of(request)) as tx:
            esc = context["it"].escalation
            if queries.mark_opened(tx, user, esc):
                audit.record(tx, "escalation.viewed", actor=user.username, school_id=esc.school_id,
                             subject_type="escalation", subject_id=esc.id, data={"first": True})
    return render(request, "item.html", context)


def _details(form) -> dict[str, str]:
    return {k: str(form.get(k, "")) for k in DETAIL_FIELDS}


def _apply(engine, user: User, ids: list[int], decision: str, form, *, bulk: bool) -> None:
    """Raises HTTPProblem for what cannot be shown beside a field, review.Invalid for what can."""
    if decision not in review.DECISION_LABELS:
        raise review.Invalid("choose what should happen", "decision")
    if not access.may(user, decision):
        raise HTTPProblem(403, f"Not allowed: your role cannot {review.DECISION_LABELS[decision].lower()}.")
    try:
        with transaction(engine) as session:
            found = {e.id: e for e in session.exec(select(Escalation).where(col(Escalation.id).in_(ids or [0]),
                                                                           access.escalation_visible(user))).all()}
            if len(found) != len(set(ids)):
                raise HTTPProblem(404, "One or more of these items are not in your queue.")
            reason = str(form.get("reason", ""))
            if bulk:
                review.record_decisions(session, [found[i] for i in dict.fromkeys(ids)], user, decision, reason,
                                        **_details(form))
            else:
                review.record_decision(session, found[ids[0]], user, decision, reason,
                                       police_answer=str(form.get("police_answer", "")), **_details(form))
    except review.Refused as exc:
        raise HTTPProblem(403, f"Not allowed: {exc}.") from None
    except IllegalTransition as exc:
        raise HTTPProblem(409, f"Not done: {exc}. Someone may have decided it already; reload to see its "
                               "current state.") from None


def _typed(form) -> dict[str, str]:
    return {k: str(v)[:20000] for k, v in form.items() if k not in ("csrf_token", "ids")}


@router.post("/items/{escalation_id}/decide")
def decide_one(request: Request, escalation_id: str, user: User = Depends(acting_user), form=Depends(checked_form)):
    esc_id = parse_id(escalation_id)
    decision = str(form.get("decision", ""))
    back = str(form.get("back", ""))[:1000]
    engine = engine_of(request)
    with Session(engine) as session:
        esc = session.get(Escalation, esc_id)
        nxt = None
        if esc is not None and access.can_see_escalation(session, user, esc_id):
            nxt = queries.neighbours(session, user, _back_filters(back), esc)[1]  # before it leaves the queue
    try:
        _apply(engine, user, [esc_id], decision, form, bulk=False)
    except review.Invalid as exc:
        with Session(engine, expire_on_commit=False) as session:
            context = _item_context(session, user, esc_id, back)
        context.update(errors={exc.field or "decision": _sentence(exc)}, typed=_typed(form))
        return render(request, "item.html", context, status=422)
    flash(request, _done_message(decision, 1))
    if nxt and form.get("then") == "next":
        return RedirectResponse(f"/items/{nxt}" + (f"?back={quote(back)}" if back else ""), status_code=303)
    return RedirectResponse("/queue" + (f"?{back}" if back else ""), status_code=303)


@router.post("/queue/bulk")
def bulk(request: Request, user: User = Depends(acting_user), form=Depends(checked_form)):
    decision = str(form.get("decision", ""))
    back = str(form.get("back", ""))[:1000]
    ids = []
    for value in form.getlist("ids")[:500]:
        try:
            ids.append(parse_id(str(value)))
        except HTTPProblem:
            raise HTTPProblem(422, "The selection was not understood. Reload the page and try again.") from None
    try:
        if decision and decision not in review.BULK_DECISIONS:
            raise review.Invalid("choose keep hidden, restore or close for several items at once", "decision")
        _apply(engine_of(request), user, ids, decision, form, bulk=True)
    except review.Invalid as exc:
        with Session(engine_of(request), expire_on_commit=False) as session:
            context = _queue_context(session, user, _back_filters(back))
        context.update(errors={exc.field or "decision": _sentence(exc)}, typed=_typed(form), selected=set(ids))
        return render(request, "queue.html", context, status=422)
    flash(request, _done_message(decision, len(set(ids))))
    return RedirectResponse("/queue" + (f"?{back}" if back else ""), status_code=303)


@router.get("/authors/{author_id}")
def author_page(author_id: str, user: User = Depends(current_user), session: Session = Depends(db)):
    author = queries.author_visible(session, user, parse_id(author_id))
    if author is None:
        raise HTTPProblem(404, "There is no such author in your queue.")
    return RedirectResponse(f"/queue?author={quote(author.external_id)}", status_code=303)


def _sentence(exc: Exception) -> str:
    text = str(exc)
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _done_message(decision: str, n: int) -> str:
    what = review.DECISION_LABELS.get(decision, decision)
    items = "1 item" if n == 1 else f"{n} items"
    queued = " The platform action is queued and will run in a moment." if decision in review.PLATFORM_DECISIONS else ""
    return f"{what}: done for {items}.{queued}"

