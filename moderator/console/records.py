"""Records: the history of every case this person may read, one case's whole history, and the
downloads made from them (the register as CSV or JSON Lines, the incident report, the police
evidence pack and the governors' termly report).

Who may see what is moderator/act/review.py's rule, and nothing else: the list, its counts and every
download read only comments ``access.comment_readable`` lets through (so a comment that went to the
chair of governors does not exist for the headteacher); a case page shows people's decisions by
``access.decision_visible`` and review items (with their alerts) by ``access.escalation_visible``.
A case the person may not read is "not found" (404), never "forbidden", so its existence is not
confirmed. Governors (no routes) read no comment text: here they get the termly report only.

Downloads are POSTs with the CSRF token (each writes a ``document.exported`` audit event, in the
same transaction that produces the bytes); the pages are GETs that only read. Every download carries
the audit chain head it was made at in ``X-Audit-Chain-Head`` and in its file name.
"""
from __future__ import annotations

import hashlib
import io
import itertools
import re
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta, timezone
from typing import Iterator
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse
from sqlalchemy import String, and_, case, cast, event, exists, func, or_
from sqlalchemy.orm import aliased, with_loader_criteria
from sqlmodel import Session, col, select

from moderator import audit, documents
from moderator.act import outbox, review
from moderator.console.queries import FilterParams
from moderator.judge import explain
from moderator.people import access
from moderator.record import case as cases, register
from moderator.console.web import (
    HTTPProblem, checked_form, clock_of, current_user, db, engine_of, parse_date, parse_id, parse_page, release,
    render,
)
from moderator.db import reading, transaction
from moderator.tables import Account, Author, Comment, Decision, Escalation, School, User
from moderator.vocab import OPEN_ESCALATION_STATES, ROUTE_NAMES, TERMLY_ROLES, DecisionKind

router = APIRouter()

PAGE_SIZE = 30
MAX_SEARCH = 200
STATES = ("open", "decided", "hidden", "visible", "deleted")  # the register's states (moderator/record/register.py)
PLATFORM_STATES = ("hidden", "visible", "deleted")
EXPORTS = {"csv": ("text/csv; charset=utf-8", "csv"), "jsonl": ("application/x-ndjson; charset=utf-8", "jsonl")}
STREAM_BATCH = 200


# -- the filter -----------------------------------------------------------------------------------

@dataclass
class RecordFilters(FilterParams):
    q: str = ""          # text search in the comment as first seen
    author: str = ""     # part of the author's name, username or platform id
    date_from: date | None = None
    date_to: date | None = None
    route: str = ""      # one of this person's routes
    state: str = ""      # open | decided | hidden | visible | deleted
    decided: str = ""    # yes: a person (on one of this person's routes) decided it; no: not yet
    page: int = 1


def filters_from(params, user: User) -> RecordFilters:
    get = lambda k: str(params.get(k) or "")  # noqa: E731
    page = parse_page(get("page"))
    return RecordFilters(
        q=get("q")[:MAX_SEARCH], author=get("author")[:100], date_from=parse_date(get("from")),
        date_to=parse_date(get("to")),
        route=get("route") if get("route") in access.routes_for(user) else "",
        state=get("state") if get("state") in STATES else "",
        decided=get("decided") if get("decided") in ("yes", "no") else "", page=page,
    )


def _back_filters(value: str, user: User) -> RecordFilters:
    return filters_from({k: v[0] for k, v in parse_qs(value or "").items()}, user)


# -- the list, in SQL -----------------------------------------------------------------------------

def _like(text: str) -> str:
    return "%" + text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _posted():
    return func.coalesce(Comment.created_at, Comment.fetched_at)


def _visible_escalation(user: User, *where):
    esc = aliased(Escalation)
    return exists().where(esc.comment_id == Comment.id, access.escalation_visible(user, esc),
                          *[w(esc) for w in where])


def _decided_by_a_person(user: User):
    """A person's decision this reader may see (access.decision_visible: taken on one of their routes)."""
    d = aliased(Decision)
    if access.history_visible(user, ()):  # the chair: every decision on a comment she reads
        return exists().where(d.comment_id == Comment.id, d.kind == DecisionKind.HUMAN)
    routes = access.routes_for(user)
    return exists().where(d.comment_id == Comment.id, d.kind == DecisionKind.HUMAN,
                          or_(*[cast(d.routes, String).like(f'%"{r}"%') for r in routes]))


def _conditions(user: User, f: RecordFilters, *, skip: tuple[str, ...] = ()) -> list:
    """WHERE clauses on Comment (outer-joined to Author): what this person may read, then the filter."""
    conds = [access.comment_readable(user, Comment.id)]
    if f.q:
        conds.append(func.lower(Comment.text).like(_like(f.q), escape="\\"))
    if f.author:
        needle = _like(f.author)
        conds.append(or_(func.lower(Author.name).like(needle, escape="\\"),
                         func.lower(Author.username).like(needle, escape="\\"),
                         func.lower(Author.external_id).like(needle, escape="\\")))
    if f.date_from:
        conds.append(_posted() >= datetime.combine(f.date_from, time.min, tzinfo=timezone.utc))
    if f.date_to:
        conds.append(_posted() < datetime.combine(f.date_to + timedelta(days=1), time.min, tzinfo=timezone.utc))
    if f.route and "route" not in skip:
        conds.append(_on_route(user, f.route))
    if f.state in ("open", "decided") and "state" not in skip:
        conds.append(_in_state(user, f.state))
    if f.decided and "decided" not in skip and access.routes_for(user):
        conds.append(_decided_by_a_person(user) if f.decided == "yes" else ~_decided_by_a_person(user))
    return conds


def _on_route(user: User, route: str):
    return _visible_escalation(user, lambda e: e.route == route)


def _in_state(user: User, state: str):
    is_open = _visible_escalation(user, lambda e: col(e.state).in_(OPEN_ESCALATION_STATES))
    return is_open if state == "open" else ~is_open


def _base(stmt):
    return stmt.select_from(Comment).outerjoin(Author, Author.id == Comment.author_id)


def _order():
    return (_posted().desc(), col(Comment.id).desc())


@dataclass
class RecordRow:
    comment: Comment
    author: Author | None
    account: Account
    routes: list[str]
    open: bool
    platform: str

    @property
    def posted_at(self) -> datetime:
        return self.comment.created_at or self.comment.fetched_at


@dataclass
class Records:
    rows: list[RecordRow]
    total: int
    by_state: dict[str, int]   # open / decided, with the rest of the filter kept
    by_route: dict[str, int]   # each of this person's routes, with the rest of the filter kept
    page: int
    pages: int


def _platform_filtered(session: Session, ids: list[int], state: str) -> list[int]:
    """The platform state is the outbox's fold of a comment's actions (outbox.platform_states, as the
    register reports it): filter by it a chunk at a time rather than restating it in SQL."""
    out = []
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        states = outbox.platform_states(session, chunk)
        out += [i for i in chunk if register.platform_state_matches(states[i].label, state)]
    return out


def _counts(session: Session, user: User, f: RecordFilters) -> tuple[int, dict[str, int], dict[str, int]]:
    """The total and each tab's count (the tab's value with the rest of the filter kept), in one query:
    the clauses common to all of them in WHERE, each one's own route or state as a conditional sum."""
    routes = access.routes_for(user)
    state = f.state if f.state in ("open", "decided") else ""
    route_of = {r: _on_route(user, r) for r in routes}
    state_of = {s: _in_state(user, s) for s in ("open", "decided")}
    chosen_route = [route_of[f.route]] if f.route else []
    chosen_state = [state_of[state]] if state else []
    tabs = {("total", ""): chosen_route + chosen_state}
    tabs.update({("state", s): chosen_route + [state_of[s]] for s in state_of})
    tabs.update({("route", r): [route_of[r]] + chosen_state for r in routes})

    def counted(extra: list):
        return func.coalesce(func.sum(case((and_(*extra), 1), else_=0)), 0) if extra else func.count(Comment.id)

    got = session.exec(_base(select(*(counted(extra) for extra in tabs.values())))
                       .where(*_conditions(user, f, skip=("route", "state")))).one()
    found = dict(zip(tabs, got))
    return (found["total", ""], {s: found["state", s] for s in state_of},
            {r: found["route", r] for r in routes})


def records(session: Session, user: User, f: RecordFilters, *, page_size: int = PAGE_SIZE) -> Records:
    where = _conditions(user, f)
    if f.state in PLATFORM_STATES:
        ids = list(session.exec(_base(select(Comment.id)).where(*where).order_by(*_order())).all())
        ids = _platform_filtered(session, ids, f.state)
        total = len(ids)
    else:
        total, by_state, by_route = _counts(session, user, f)
    pages = max(1, -(-total // page_size))
    page = min(max(1, f.page), pages)
    if f.state in PLATFORM_STATES:
        wanted = ids[(page - 1) * page_size: page * page_size]
        found = {c.id: (c, author, account) for c, author, account in session.exec(
            _base(select(Comment, Author, Account)).join(Account, Account.id == Comment.account_id)
            .where(col(Comment.id).in_(wanted or [0]))).all()}
        listed = [found[i] for i in wanted]
    else:
        listed = list(session.exec(_base(select(Comment, Author, Account)).join(Account, Account.id == Comment.account_id)
                                   .where(*where).order_by(*_order())
                                   .offset((page - 1) * page_size).limit(page_size)).all())
    ids = [c.id for c, _, _ in listed]
    escs: dict[int, list[Escalation]] = {i: [] for i in ids}
    if ids:
        for e in session.exec(select(Escalation).where(col(Escalation.comment_id).in_(ids),
                                                       access.escalation_visible(user)).order_by(col(Escalation.id))):
            escs[e.comment_id].append(e)
    states = outbox.platform_states(session, ids) if ids else {}
    rows = [RecordRow(c, author, account, list(dict.fromkeys(e.route for e in escs[c.id])),
                      any(e.state in OPEN_ESCALATION_STATES for e in escs[c.id]), states[c.id].label)
            for c, author, account in listed]
    if f.state in PLATFORM_STATES:
        # Counts follow the filter: each route tab counts what it would list with the rest kept.
        by_state, by_route = {}, {}
        for r in access.routes_for(user):
            g = RecordFilters(**{**{x.name: getattr(f, x.name) for x in fields(f)}, "route": r})
            by_route[r] = len(_platform_filtered(session, list(session.exec(
                _base(select(Comment.id)).where(*_conditions(user, g))).all()), f.state))
    return Records(rows=rows, total=total, by_state=by_state, by_route=by_route, page=page, pages=pages)


def readable(session: Session, user: User, comment_id: int) -> bool:
    return session.exec(select(Comment.id).where(Comment.id == comment_id,
                                                  access.comment_readable(user, Comment.id))).first() is not None


def load_case(session: Session, user: User, comment_id: int) -> cases.Case:
    """The case as this person may see it, or HTTPProblem(404) when they may not read it at all."""
    if not readable(session, user, comment_id):
        raise HTTPProblem(404, "There is no such case in your records.")
    found = cases.load_for(session, comment_id, user)
    if found is None:
        raise HTTPProblem(404, "There is no such case in your records.")
    return found


# -- pages ----------------------------------------------------------------------------------------

def _schools(session: Session, user: User) -> list[School]:
    stmt = select(School).order_by(col(School.slug))
    if user.school_id is not None:
        stmt = stmt.where(School.id == user.school_id)
    return list(session.exec(stmt).all())


def _term_defaults(today: date) -> tuple[date, date]:
    return today - timedelta(days=90), today


@router.get("/records", response_class=HTMLResponse)
def records_page(request: Request, user: User = Depends(current_user), session: Session = Depends(db)):
    f = filters_from(request.query_params, user)
    routes = access.routes_for(user)
    since, until = _term_defaults(clock_of(request)().date())
    context = {"filters": f, "routes": routes, "route_names": ROUTE_NAMES, "back": f.query(),
               "exports": bool(routes), "termly": user.role in TERMLY_ROLES, "schools": _schools(session, user),
               "term_since": since, "term_until": until, "states": STATES,
               "rec": records(session, user, f) if routes else None}
    return render(request, "records.html", context)


@router.get("/records/{comment_id}", response_class=HTMLResponse)
def case_page(request: Request, comment_id: str, back: str = "", user: User = Depends(current_user),
              session: Session = Depends(db)):
    found = load_case(session, user, parse_id(comment_id))
    f = _back_filters(back[:1000], user)
    mine = {e.id for e in found.escalations}
    return render(request, "case.html", {
        "case": found, "back": f.query(), "route_names": ROUTE_NAMES, "explanation":
        explain.entries(found.automatic), "documents": access.can_act(user.role),
        "items": sorted(mine),
        "score_rows": _score_rows(found.automatic)})


def _score_rows(decision: Decision | None) -> list[tuple[str, float, float | None]]:
    if decision is None:
        return []
    out = []
    for label, value in sorted((decision.scores or {}).items(), key=lambda kv: -kv[1]):
        limits = [v for k, v in (decision.thresholds or {}).items() if k == label or k.endswith(f".{label}")]
        out.append((label, value, min(limits) if limits else None))
    return out


# -- downloads ------------------------------------------------------------------------------------

def _head_name(head: str) -> str:
    seq, _, digest = head.partition(":")
    return f"chain-{seq}-{digest}"


def _download(content: bytes, media_type: str, filename: str, head: str) -> Response:
    return Response(content, media_type=media_type, headers={
        "Content-Disposition": f'attachment; filename="{filename}"', "X-Audit-Chain-Head": head})


def _register_filters(f: RecordFilters) -> register.Filters:
    """The rest of the filter is the list's own SQL (``visible``); the platform state is the register's,
    which reads it from outbox.platform_states, as the list does. Open and decided are this reader's
    review items, so they are in the SQL too."""
    return register.Filters(state=f.state if f.state in PLATFORM_STATES else None)


def _viewer_row(row: dict, user: User) -> dict:
    """A register row as this person may see it: people's decisions on their routes only (as on the
    case page), and only the review items they may open."""
    human = [d for d in row["human_decisions"] if access.history_visible(user, d.get("routes"))]
    escalations = [e for e in row["escalations"] if access.history_visible(user, [e["route"]])]
    return {**row, "escalations": escalations, "human_decisions": human, **register.review_fields(human, escalations),
            "referrals": [r for r in row["referrals"]
                          if access.history_visible(user, [review.REFERRAL_ROUTES.get(r["kind"])])]}


class _Chunks(io.StringIO):
    def take(self) -> str:
        out = self.getvalue()
        self.seek(0)
        self.truncate()
        return out


@router.post("/records/export")
def export_register(request: Request, user: User = Depends(current_user), form=Depends(checked_form)):
    fmt = str(form.get("format", ""))
    if fmt not in EXPORTS:
        raise HTTPProblem(404, "There is no such export.")
    if not access.routes_for(user):
        raise HTTPProblem(403, "Not allowed: your role sees the overview only, not the register.")
    f = _back_filters(str(form.get("back", ""))[:1000], user)
    extra = _conditions(user, f)  # the same clauses as the list: what they may read, and the filter
    visible = Comment.id.in_(_base(select(Comment.id)).where(*extra).correlate(None))
    engine = engine_of(request)
    release(request)
    with Session(engine) as session:  # the head printed on it; the export itself comes after it
        head = audit.head_text(session)
    writer = register.WRITERS[fmt]
    header = ""
    if fmt == "csv":
        buf = _Chunks()
        writer(iter(()), buf)
        header = buf.getvalue()

    def body() -> Iterator[bytes]:
        """The rows, read once the download starts (with no write lock, so the worker goes on), then
        the audit event in its own short transaction. A download cut short is recorded too, as not
        complete, with the hash of what was sent."""
        digest, size, count, complete = hashlib.sha256(), 0, 0, False
        session = reading(engine)
        try:
            rows = (_viewer_row(r, user) for r in register.register_rows(session, _register_filters(f),
                                                                        visible=visible))
            if fmt == "csv":
                chunk = header.encode("utf-8")
                digest.update(chunk)
                size += len(chunk)
                yield chunk
            while True:
                batch = list(itertools.islice(rows, STREAM_BATCH))
                if not batch:
                    break
                buf = _Chunks()
                count += writer(iter(batch), buf)
                text = buf.take()
                if fmt == "csv":
                    text = text[len(header):]  # each call writes the header again
                chunk = text.encode("utf-8")
                digest.update(chunk)
                size += len(chunk)
                yield chunk
            complete = True
        finally:
            session.close()
            with transaction(engine) as writing:
                documents.record_export(writing, f"register-{fmt}", b"", actor=user.username, school_id=user.school_id,
                                        details={"sha256": digest.hexdigest(), "bytes": size, "rows": count,
                                                 "complete": complete, "filters": f.params(page=1),
                                                 "chain_head": head})

    media, ext = EXPORTS[fmt]
    return StreamingResponse(body(), media_type=media, headers={
        "Content-Disposition": f'attachment; filename="register-{_head_name(head)}.{ext}"',
        "X-Audit-Chain-Head": head})


def _case_document(request: Request, user: User, comment_id: str, kind: str) -> Response:
    if not access.can_act(user.role):
        raise HTTPProblem(404, "There is no such case in your records.")
    cid = parse_id(comment_id)
    release(request)
    with transaction(engine_of(request)) as session:
        if not readable(session, user, cid):
            raise HTTPProblem(404, "There is no such case in your records.")
        head = audit.head_text(session)
        build = documents.incident_report if kind == "incident" else documents.police_pack
        content = build(session, cid, staff_name=user.display_name, reader=user)
        comment = session.get(Comment, cid)
        documents.record_export(session, kind, content, actor=user.username, school_id=comment.school_id,
                                comment_id=cid, details={"chain_head": head, "via": "console"})
    if kind == "incident":
        return _download(content, "application/pdf", f"incident-{cid}-{_head_name(head)}.pdf", head)
    return _download(content, "application/zip", f"case-{cid}-{_head_name(head)}.zip", head)


@router.post("/records/{comment_id}/incident-report")
def incident_report(request: Request, comment_id: str, user: User = Depends(current_user), form=Depends(checked_form)):
    return _case_document(request, user, comment_id, "incident")


@router.post("/records/{comment_id}/police-pack")
def police_pack(request: Request, comment_id: str, user: User = Depends(current_user), form=Depends(checked_form)):
    return _case_document(request, user, comment_id, "police-pack")


def _in_scope(session: Session, user: User) -> None:
    """Every query of this session sees only the comments this person may count (access.comment_in_scope):
    the termly report's figures then leave out what this person may not know exists."""
    scope = access.comment_in_scope(user)

    @event.listens_for(session, "do_orm_execute")
    def _scoped(state):  # noqa: ANN001
        if state.is_select:
            state.statement = state.statement.options(with_loader_criteria(Comment, scope, include_aliases=False))


@router.post("/records/termly-report")
def termly_report(request: Request, user: User = Depends(current_user), form=Depends(checked_form)):
    if user.role not in TERMLY_ROLES:
        raise HTTPProblem(403, "Not allowed: the termly report is for the headteacher and the governors.")
    since, until = parse_date(str(form.get("since", ""))), parse_date(str(form.get("until", "")))
    if since is None or until is None or until < since:
        raise HTTPProblem(422, "Give the term's first and last days as dates, the first before the last.")
    slug = str(form.get("school", ""))[:64]
    release(request)
    with transaction(engine_of(request)) as session:
        schools = _schools(session, user)
        school = next((s for s in schools if s.slug == slug), schools[0] if len(schools) == 1 and not slug else None)
        if school is None:
            raise HTTPProblem(404, "There is no such school.")
        head = audit.head_text(session)
        start = datetime.combine(since, time.min, tzinfo=timezone.utc)
        end = datetime.combine(until + timedelta(days=1), time.min, tzinfo=timezone.utc)
        _in_scope(session, user)
        content = documents.termly_report(session, school=school.slug, since=start, until=end)
        documents.record_export(session, "termly", content, actor=user.username, school_id=school.id,
                                details={"since": start.isoformat(), "until": end.isoformat(), "chain_head": head,
                                         "via": "console"})
    slug = re.sub(r"[^A-Za-z0-9_-]", "_", school.slug)
    return _download(content, "application/pdf", f"termly-{slug}-{since}-{until}-{_head_name(head)}.pdf", head)
