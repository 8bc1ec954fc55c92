"""The console's pages: queue, item, decisions (single and bulk), overview, status. Thin routes:
they read the request, call a query or service function, and render a template."""
from __future__ import annotations

from datetime import date

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlmodel import Session, col, select

from moderator import audit
from moderator.console import charts, queries
from moderator.console.access import escalation_filter, may, routes_for
from moderator.console.app import HTTPProblem, check_csrf, current_user, flash
from moderator.console.auth import ROLE_DECISIONS
from moderator.console.decisions import DECISION_LABELS, Invalid, Refused, decide_many
from moderator.db import transaction
from moderator.escalations import IllegalTransition
from moderator.policy import PRIORITIES, ROUTE_NAMES
from moderator.tables import Author, Escalation

BULK_DECISIONS = ("keep_hidden", "restore", "close")
SIGNAL_NAMES = {  # detector names in plain English, for the item page
    "threat_phrases": "threatening phrases", "pupil_named": "a pupil's name", "staff_allegation": "a named member of staff",
    "headteacher_allegation": "the headteacher", "complaint": "a complaint", "safeguarding_disclosure":
    "a possible safeguarding disclosure", "personal_data": "personal data", "spam_link": "a suspicious link",
    "repeat_author": "the same author again",
}


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _filters(request: Request) -> queries.QueueFilters:
    q = request.query_params
    return queries.QueueFilters(
        route=q.get("route", "") if q.get("route", "") in ROUTE_NAMES else "",
        priority=q.get("priority", "") if q.get("priority", "") in PRIORITIES else "",
        platform=q.get("platform", "")[:16], signal=q.get("signal", "")[:200], author=q.get("author", "")[:100],
        account=q.get("account", "")[:64], date_from=_date(q.get("from")), date_to=_date(q.get("to")),
    )


def register(app: FastAPI) -> None:
    engine = app.state.engine
    settings = app.state.settings

    def render(request, name, context, status=200):
        return app.state.render(request, name, context, status)

    @app.get("/")
    def home(request: Request):
        user = current_user(request)
        return RedirectResponse("/queue" if routes_for(user) else "/overview", status_code=303)

    @app.get("/queue", response_class=HTMLResponse)
    def queue_page(request: Request):
        user = current_user(request)
        filters = _filters(request)
        with Session(engine) as session:
            q = queries.queue(session, user, filters)
        context = {"queue": q, "filters": filters, "routes": routes_for(user), "route_names": ROUTE_NAMES,
                   "bulk_decisions": [d for d in BULK_DECISIONS if may(user, d)],
                   "decision_labels": DECISION_LABELS, "query": str(request.url.query)}
        if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "results":
            return render(request, "_queue_results.html", context)
        return render(request, "queue.html", context)

    @app.get("/items/{escalation_id}", response_class=HTMLResponse)
    def item_page(request: Request, escalation_id: int):
        user = current_user(request)
        with Session(engine) as session:
            it = queries.item(session, user, escalation_id, settings)
        if it is None:
            raise HTTPProblem(404, "There is no such item in your queue.")
        if ROLE_DECISIONS.get(user.role):
            with transaction(engine) as session:
                if queries.mark_opened(session, user, it.escalation):
                    audit.record(session, "escalation.viewed", actor=user.username, school_id=it.escalation.school_id,
                                 subject_type="escalation", subject_id=it.escalation.id, data={"first": True})
        neighbours = _neighbours(user, escalation_id, request)
        allowed = [d for d in DECISION_LABELS if may(user, d) and _applies(d, it)]
        return render(request, "item.html", {
            "it": it, "route_names": ROUTE_NAMES, "decision_labels": DECISION_LABELS, "allowed": allowed,
            "signal_names": SIGNAL_NAMES, "prev_id": neighbours[0], "next_id": neighbours[1],
            "back": "/queue" + (f"?{request.query_params.get('q')}" if request.query_params.get("q") else ""),
        })

    def _neighbours(user, escalation_id, request):
        with Session(engine) as session:
            q = queries.queue(session, user, queries.QueueFilters())
        ids = [r.escalation.id for r in q.rows]
        if escalation_id not in ids:
            return None, None
        i = ids.index(escalation_id)
        return (ids[i - 1] if i > 0 else None), (ids[i + 1] if i + 1 < len(ids) else None)

    @app.post("/items/{escalation_id}/decide")
    async def decide_one(request: Request, escalation_id: int):
        user = await run_in_threadpool(current_user, request)
        form = await request.form()
        check_csrf(request, form)
        decision = str(form.get("decision", ""))
        nxt = (await run_in_threadpool(_neighbours, user, escalation_id, request))[1]  # before it leaves the queue
        await run_in_threadpool(_apply, user, [escalation_id], decision, form)
        flash(request, _done_message(decision, 1))
        return RedirectResponse(f"/items/{nxt}" if nxt and form.get("then") == "next" else "/queue", status_code=303)

    @app.post("/queue/bulk")
    async def bulk(request: Request):
        user = await run_in_threadpool(current_user, request)
        form = await request.form()
        check_csrf(request, form)
        decision = str(form.get("decision", ""))
        if decision not in BULK_DECISIONS:
            raise HTTPProblem(422, "Choose keep hidden, restore or close for several items at once.")
        try:
            ids = [int(v) for v in form.getlist("ids")][:200]
        except ValueError:
            raise HTTPProblem(422, "The selection was not understood. Reload the page and try again.") from None
        await run_in_threadpool(_apply, user, ids, decision, form)
        flash(request, _done_message(decision, len(ids)))
        return RedirectResponse("/queue", status_code=303)

    def _apply(user, ids, decision, form):
        details = {k: str(form.get(k, "")) for k in ("reply_text", "police_reference", "police_officer", "police_date")}
        if decision not in DECISION_LABELS:
            raise HTTPProblem(422, "Choose what to do.")
        if not may(user, decision):
            raise HTTPProblem(403, f"Not allowed: your role cannot {DECISION_LABELS[decision].lower()}.")
        try:
            with transaction(engine) as session:
                found = {e.id: e for e in session.exec(select(Escalation).where(col(Escalation.id).in_(ids or [0]),
                                                                               escalation_filter(user))).all()}
                if len(found) != len(set(ids)):
                    raise HTTPProblem(404, "One or more of these items are not in your queue.")
                decide_many(session, [found[i] for i in ids if i in found], user, decision,
                            str(form.get("reason", "")), **details)
        except Refused as exc:
            raise HTTPProblem(403, f"Not allowed: {exc}.") from None
        except Invalid as exc:
            raise HTTPProblem(422, f"Not done: {exc}.") from None
        except IllegalTransition as exc:
            raise HTTPProblem(409, f"Not done: {exc}. Someone may have decided it already; reload to see its "
                                   "current state.") from None

    @app.get("/overview", response_class=HTMLResponse)
    def overview_page(request: Request):
        user = current_user(request)
        with Session(engine) as session:
            ov = queries.overview(session, user)
        per_day = charts.column_chart(
            [(f"{d:%a %d %b}: {n} comments", n, f"{d:%d %b}" if i % 7 == 0 else "") for i, (d, n) in enumerate(ov.days)],
            title="Comments per day", summary=f"{ov.totals['comments']} comments in the last 30 days")
        by_signal = charts.bar_list(ov.signals, title="Hidden, by reason",
                                    summary=f"{ov.totals['hidden']} comments hidden in the last 30 days")
        review = charts.bar_list(ov.review_buckets, title="Time to review",
                                 summary="How long items waited for a person's decision")
        overturned = charts.paired_chart(
            [(f"week of {wk:%d %b}", a, b, f"{wk:%d %b}") for wk, a, b in ov.overturned_weeks],
            title="Decisions overturned",
            summary=f"{ov.totals['restored']} of {ov.totals['hidden']} hidden comments restored by a person")
        return render(request, "overview.html", {"ov": ov, "per_day": per_day, "by_signal": by_signal,
                                                 "review": review, "overturned": overturned})

    @app.get("/status", response_class=HTMLResponse)
    def status_page(request: Request):
        user = current_user(request)
        with Session(engine) as session:
            accounts = queries.account_status(session, user)
        return render(request, "status.html", {"accounts": accounts})

    @app.get("/authors/{author_id}", response_class=HTMLResponse)
    def author_page(request: Request, author_id: int):
        current_user(request)
        with Session(engine) as session:
            author = session.get(Author, author_id)
        if author is None:
            raise HTTPProblem(404, "No such author.")
        return RedirectResponse(f"/queue?author={author.external_id}", status_code=303)


def _applies(decision: str, it: queries.Item) -> bool:
    """Offer only what makes sense for this item and this platform."""
    if decision == "reopen":
        return it.escalation.state in ("decided", "closed")
    if decision == "close":
        return it.escalation.state != "closed"
    if it.escalation.state in ("decided", "closed"):
        return False
    if decision in ("delete", "ban", "reply", "restore", "keep_hidden"):
        kind = {"keep_hidden": "hide", "restore": "unhide"}.get(decision, decision)
        return kind in it.supports
    if decision in ("police_referral", "no_police_referral"):
        return it.escalation.route == "police_review"
    if decision == "refer_dsl":
        return it.escalation.route != "dsl"
    if decision == "refer_chair":
        return it.escalation.route != "chair_of_governors"
    return True


def _done_message(decision: str, n: int) -> str:
    what = DECISION_LABELS.get(decision, decision)
    items = "1 item" if n == 1 else f"{n} items"
    queued = " The platform action is queued and will run in a moment." if decision in (
        "keep_hidden", "restore", "delete", "ban", "reply") else ""
    return f"{what}: done for {items}.{queued}"
