"""Read-only queries behind the console's pages. Every one goes through moderator/act/review.py's rule.

The queue is one SQL query: filters, text search, one entry per comment (a comment in two of this
person's routes, say the headteacher's and police review, is listed once), counts that follow the
filters, and pages.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time, timedelta, timezone
from urllib.parse import urlencode

from sqlalchemy import String, and_, case, cast, exists, func, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from moderator import words
from moderator.act import escalations, outbox, review
from moderator.db import utcnow
from moderator.judge import explain
from moderator.people import access
from moderator.tables import (
    Account, Action, Analysis, Author, Comment, CommentRevision, Decision, Escalation, EscalationSeen, Referral,
    School, User,
)
from moderator.vocab import OPEN_ESCALATION_STATES, Priority, Route

PAGE_SIZE = 30
THREAD_WINDOW = 3
MAX_SEARCH = 200


class FilterParams:
    """What every filter form of the console shares: whether any filter is set, and the filter as
    query parameters (empty ones left out) for page links and back links. Subclasses are dataclasses
    with a ``page`` field."""

    def active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self) if f.name != "page")

    def params(self, **changes) -> dict[str, str]:
        """The filter as query parameters (empty ones left out), with ``changes`` applied."""
        names = {"date_from": "from", "date_to": "to"}
        out = {}
        for f in fields(self):
            value = changes.get(f.name, getattr(self, f.name))
            if value and not (f.name == "page" and value == 1):
                out[names.get(f.name, f.name)] = str(value)
        return out

    def query(self, **changes) -> str:
        return urlencode(self.params(**changes))


@dataclass
class QueueFilters(FilterParams):
    route: str = ""
    priority: str = ""
    platform: str = ""
    signal: str = ""
    author: str = ""
    account: str = ""
    q: str = ""  # text search in the comment
    date_from: date | None = None
    date_to: date | None = None
    page: int = 1



def _like(text: str) -> str:
    return "%" + text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _posted():
    return func.coalesce(Comment.created_at, Comment.fetched_at)


def _rank(esc):
    return case((esc.priority == Priority.URGENT, 2), (esc.priority == Priority.NORMAL, 1), else_=0)


def _police(esc):
    return case((esc.route == Route.POLICE, 1), else_=0)


def _conditions(user: User, f: QueueFilters, *, skip: tuple[str, ...] = ()) -> list:
    """WHERE clauses on Escalation joined to Comment, Account, Author and the automatic Decision."""
    conds = [col(Escalation.state).in_(OPEN_ESCALATION_STATES), access.escalation_visible(user)]
    if f.route and "route" not in skip:
        conds.append(Escalation.route == f.route)
    if f.priority and "priority" not in skip:
        conds.append(Escalation.priority == f.priority)
    if f.platform:
        conds.append(Comment.platform == f.platform)
    if f.account:
        conds.append(Account.handle == f.account)
    if f.signal:
        conds.append(cast(Decision.signals, String).like(f'%"{f.signal}"%'))
    if f.author:
        needle = _like(f.author)
        conds.append(or_(func.lower(Author.name).like(needle, escape="\\"),
                         func.lower(Author.username).like(needle, escape="\\"),
                         func.lower(Author.external_id).like(needle, escape="\\")))
    if f.q:
        conds.append(func.lower(Comment.text).like(_like(f.q), escape="\\"))
    if f.date_from:
        conds.append(_posted() >= datetime.combine(f.date_from, time.min, tzinfo=timezone.utc))
    if f.date_to:
        conds.append(_posted() < datetime.combine(f.date_to + timedelta(days=1), time.min, tzinfo=timezone.utc))
    return conds


def _one_per_comment(user: User, f: QueueFilters):
    """No better entry for the same comment in this person's view: higher priority, then not the police
    review, then the older escalation. So each comment is listed once."""
    other = aliased(Escalation)
    better = or_(_rank(other) > _rank(Escalation),
                 and_(_rank(other) == _rank(Escalation), _police(other) < _police(Escalation)),
                 and_(_rank(other) == _rank(Escalation), _police(other) == _police(Escalation), other.id < Escalation.id))
    conds = [other.comment_id == Escalation.comment_id, other.id != Escalation.id,
             col(other.state).in_(OPEN_ESCALATION_STATES), access.escalation_visible(user, other), better]
    if f.route:
        conds.append(other.route == f.route)
    return ~exists().where(*conds)


def _joined(stmt):
    return (stmt.select_from(Escalation).join(Comment, Comment.id == Escalation.comment_id)
            .join(Account, Account.id == Comment.account_id)
            .outerjoin(Author, Author.id == Comment.author_id)
            .outerjoin(Decision, Decision.id == Escalation.decision_id))


def _order():
    return escalations.queue_order(Escalation, Decision)


@dataclass
class QueueRow:
    escalation: Escalation
    comment: Comment
    author: Author | None
    account: Account
    signals: list[str]
    reason: str
    opened: bool
    also_police: bool = False

    @property
    def posted_at(self) -> datetime:
        return self.comment.created_at or self.comment.fetched_at


@dataclass
class Queue:
    rows: list[QueueRow]
    total: int  # matching the filter
    total_open: int  # everything open in this person's queue
    by_route: dict[str, int]
    by_priority: dict[str, int]
    signals: list[str]
    platforms: list[str]
    accounts: list[str]
    page: int
    pages: int


def queue(session: Session, user: User, f: QueueFilters, *, page_size: int = PAGE_SIZE) -> Queue:
    one = _one_per_comment(user, f)
    where = _conditions(user, f)
    # Counts follow the filter: each tab counts what it would show with the rest of the filter kept.
    # Without a filter, the clauses (and the count of everything open) are the ones already built:
    # building a clause is most of a page's CPU, the SQL itself a small part. The priority tabs add
    # up to the total unless a priority is chosen.
    by_priority = dict(session.exec(_joined(select(Escalation.priority, func.count()))
                                    .where(*(_conditions(user, f, skip=("priority",)) if f.priority else where), one)
                                    .group_by(Escalation.priority)).all())
    total = by_priority.get(f.priority, 0) if f.priority else sum(by_priority.values())
    pages = max(1, -(-total // page_size))
    page = min(max(1, f.page), pages)
    # Whether it was opened, and whether its comment also waits for this person's police review, come
    # with each row (the same visibility rule, on the police twin).
    twin = aliased(Escalation)
    opened = exists().where(EscalationSeen.escalation_id == Escalation.id)
    police = exists().where(twin.comment_id == Escalation.comment_id, twin.route == Route.POLICE,
                            col(twin.state).in_(OPEN_ESCALATION_STATES), access.escalation_visible(user, twin))
    found = session.exec(_joined(select(Escalation, Comment, Author, Account, Decision, opened, police))
                         .where(*where, one)
                         .order_by(*_order()).offset((page - 1) * page_size).limit(page_size)).all()
    rows = [QueueRow(esc, comment, author, account, list(decision.signals) if decision else [],
                     explain.reason_line(decision, esc.reason or "", route=esc.route), bool(seen),
                     esc.route != Route.POLICE and bool(twin_open))
            for esc, comment, author, account, decision, seen, twin_open in found]
    no_filter = QueueFilters()
    by_route = dict(session.exec(_joined(select(Escalation.route, func.count()))
                                 .where(*(_conditions(user, f, skip=("route",)) if f.route else where))
                                 .group_by(Escalation.route)).all())
    if f.active():
        open_where = _conditions(user, no_filter)
        total_open = session.exec(_joined(select(func.count()))
                                  .where(*open_where, _one_per_comment(user, no_filter))).one()
    else:
        open_where, total_open = where, total
    facets = session.exec(_joined(select(Comment.platform, Account.handle, Decision.signals)).where(*open_where)
                          .limit(5000)).all()
    return Queue(rows=rows, total=total, total_open=total_open, by_route=by_route, by_priority=by_priority,
                 signals=sorted({s for _, _, sig in facets for s in (sig or [])}),
                 platforms=sorted({p for p, _, _ in facets}), accounts=sorted({a for _, a, _ in facets}),
                 page=page, pages=pages)


def neighbours(session: Session, user: User, f: QueueFilters, esc: Escalation) -> tuple[int | None, int | None]:
    """The previous and next items in the same filtered queue, by keyset (not by re-running the list)."""
    base = _joined(select(Escalation.id)).where(*_conditions(user, f), _one_per_comment(user, f))
    keys = _order()
    here = session.exec(_joined(select(*keys)).where(Escalation.id == esc.id)).one()

    def beyond(later: bool):  # keyset: every key equal up to one that is greater (later) or smaller
        return or_(*(and_(*(k == v for k, v in zip(keys[:n], here[:n])),
                          keys[n] > here[n] if later else keys[n] < here[n]) for n in range(len(keys))))

    nxt = session.exec(base.where(beyond(True)).order_by(*keys).limit(1)).first()
    prev = session.exec(base.where(beyond(False)).order_by(*(k.desc() for k in keys)).limit(1)).first()
    return prev, nxt


# -- one item ------------------------------------------------------------------------------------

@dataclass
class Neighbour:
    comment: Comment
    author: Author | None
    masked: bool
    is_this: bool = False


@dataclass
class HistoryEntry:
    comment: Comment
    masked: bool
    actions: list[str]
    signals: list[str]


@dataclass
class RecordEntry:
    at: datetime
    text: str
    by: str = ""


@dataclass
class Item:
    escalation: Escalation
    police: Escalation | None  # the open police question of the same comment, asked on this page
    comment: Comment
    author: Author | None
    account: Account
    school: School
    automatic: Decision | None
    analysis: Analysis | None
    revisions: list[CommentRevision]
    thread: list[Neighbour]
    history: list[HistoryEntry]
    record: list[RecordEntry]
    other_routes: list[Escalation]
    explanation: list[dict]  # {"text", "clauses"}: the stored explanation, per reason
    reason: str
    score_rows: list[tuple[str, float, float | None]]
    supports: frozenset[str]
    offered: list[str]
    platform_state: str  # outbox.PlatformState.label: hidden, visible or deleted, and what is waiting or failed
    detectors: dict[str, list[str]] = field(default_factory=dict)


def item(session: Session, user: User, escalation_id: int) -> Item | None:
    esc = session.exec(select(Escalation).where(Escalation.id == escalation_id, access.escalation_visible(user))).first()
    if esc is None:
        return None
    comment, author, account, school = session.exec(
        select(Comment, Author, Account, School).join(Account, Account.id == Comment.account_id)
        .join(School, School.id == Comment.school_id).outerjoin(Author, Author.id == Comment.author_id)
        .where(Comment.id == esc.comment_id)).one()
    # The conversation and the author's other comments first: their decisions come with this one's.
    window, others, flagged, readable = _around(session, user, comment)
    by_comment: dict[int, list[Decision]] = {}
    for d in session.exec(select(Decision).where(col(Decision.comment_id).in_(
            [comment.id] + [c.id for c in others if c.id in readable])).order_by(col(Decision.id))).all():
        by_comment.setdefault(d.comment_id, []).append(d)
    decisions = by_comment.get(comment.id, [])
    automatic = next((d for d in reversed(decisions) if d.kind == "automatic"), None)
    analysis = session.get(Analysis, automatic.analysis_id) if automatic and automatic.analysis_id else None
    revisions = list(session.exec(select(CommentRevision).where(CommentRevision.comment_id == comment.id)
                                  .order_by(col(CommentRevision.revision))).all())
    # Every item of the comment, each with whether this person may open it (the one rule, as a column).
    escs = session.exec(select(Escalation, access.escalation_visible(user)).where(Escalation.comment_id == comment.id)
                        .order_by(col(Escalation.id))).all()
    other = [e for e, visible in escs if visible and e.id != esc.id]
    police = None
    if esc.route != Route.POLICE and access.may(user, review.D.POLICE_REFERRAL):
        police = next((e for e, visible in escs if visible and e.route == Route.POLICE
                       and e.state in OPEN_ESCALATION_STATES), None)
    score_rows = []
    if automatic:
        for label, value in sorted(automatic.scores.items(), key=lambda kv: -kv[1]):
            limits = [v for k, v in automatic.thresholds.items() if k == label or k.endswith(f".{label}")]
            score_rows.append((label, value, min(limits) if limits else None))
    supports = review.supports_of(account)
    human = [d for d in decisions if d.kind == "human" and access.decision_visible(user, d)]
    # The comment's actions (its platform state) and those of the decisions shown, in one query.
    actions = list(session.exec(select(Action).where(or_(Action.comment_id == comment.id,
                                                         col(Action.decision_id).in_([d.id for d in human] or [0])))
                                .order_by(col(Action.id))).all())
    return Item(
        escalation=esc, police=police, comment=comment, author=author,
        account=account, school=school, automatic=automatic, analysis=analysis, revisions=revisions,
        thread=_thread(comment, window, flagged, readable), history=_history(user, others, readable, by_comment),
        record=_record(session, user, esc, automatic, human, actions, [e for e, _ in escs]), other_routes=other,
        explanation=explain.entries(automatic),
        reason=explain.reason_line(automatic, esc.reason or "Referred by a person.", route=esc.route),
        score_rows=score_rows, supports=supports, offered=review.offered(user, esc, supports, review.rules_of(session, esc)),
        platform_state=outbox.state_of([a for a in actions if a.comment_id == comment.id]).label, detectors=analysis.detectors if analysis else {},
    )


def _record(session: Session, user: User, esc: Escalation, automatic: Decision | None, human: list[Decision],
            actions: list[Action], escs: list[Escalation]) -> list[RecordEntry]:
    """The case as this person may see it: the service's decision, and people's decisions and referrals
    taken on this person's routes only (``human``: those access.decision_visible shows, by id; ``escs``:
    all of the comment's items)."""
    from moderator.vocab import route_name

    out = []
    if automatic is not None:
        hid = automatic.action == "hide" and not automatic.shadow
        out.append(RecordEntry(esc.created_at, f"The service {'hid it and ' if hid else ''}sent it to "
                                               f"{route_name(esc.route)}."))
    for d in human:
        done = "".join(f" ({a.kind} {a.status})" for a in actions if a.decision_id == d.id)
        out.append(RecordEntry(d.created_at, f"{d.action.replace('_', ' ')}: “{d.reason}”{done}", d.decided_by))
    routes = {e.id: e.route for e in escs}
    for r in session.exec(select(Referral).where(Referral.comment_id == esc.comment_id).order_by(col(Referral.id))).all():
        if not access.history_visible(user, [routes.get(r.escalation_id)]):
            continue
        parts = [words.referral_name(r.kind)]
        if r.reference:
            parts.append(f"reference {r.reference}")
        if r.contact:
            parts.append(f"{'officer' if r.kind == 'police' else 'contact'} {r.contact}")
        if r.referred_on:
            parts.append(f"on {r.referred_on}")
        out.append(RecordEntry(r.created_at, ", ".join(parts), r.recorded_by))
    return sorted(out, key=lambda e: e.at)


def _flags(session: Session, user: User, ids: list[int]) -> tuple[set[int], set[int]]:
    """Of these comments, those in anyone's item (flagged) and those this person may read (in one of
    their items: access.comment_readable's rule, asked per item in one query)."""
    if not ids:
        return set(), set()
    flagged, readable = set(), set()
    for cid, visible in session.exec(select(Escalation.comment_id, access.escalation_visible(user))
                                     .where(col(Escalation.comment_id).in_(ids))).all():
        flagged.add(cid)
        if visible:
            readable.add(cid)
    return flagged, readable


def _around(session: Session, user: User, comment: Comment) -> tuple[list[tuple[Comment, Author | None]],
                                                                      list[Comment], set[int], set[int]]:
    """The conversation around the comment (with authors) and its author's other comments, and which of
    all these are in anyone's item (flagged) and which this person may read: one query for both."""
    scope = access.comment_in_scope(user)
    window: list[tuple[Comment, Author | None]] = []
    if comment.post_external_id:
        siblings = session.exec(select(Comment, Author).outerjoin(Author, Author.id == Comment.author_id)
                                .where(Comment.account_id == comment.account_id,
                                       Comment.post_external_id == comment.post_external_id, scope)
                                .order_by(_posted(), col(Comment.id)).limit(1000)).all()
        at = next((i for i, (c, _) in enumerate(siblings) if c.id == comment.id), 0)
        window = list(siblings[max(0, at - THREAD_WINDOW): at + THREAD_WINDOW + 1])
    others: list[Comment] = []
    if comment.author_id is not None:
        others = list(session.exec(select(Comment).where(Comment.author_id == comment.author_id,
                                                         Comment.id != comment.id, scope)
                                   .order_by(col(Comment.id).desc()).limit(20)).all())
    flagged, readable = _flags(session, user, list(dict.fromkeys([c.id for c, _ in window] + [c.id for c in others])))
    return window, others, flagged, readable


def _thread(comment: Comment, window: list[tuple[Comment, Author | None]], flagged: set[int],
            readable: set[int]) -> list[Neighbour]:
    if not comment.post_external_id:
        return [Neighbour(comment, None, False, True)]
    # A comment nobody flagged is public on the platform; one in someone else's queue is shown as such.
    return [Neighbour(c, author, c.id in flagged and c.id not in readable and c.id != comment.id, c.id == comment.id)
            for c, author in window]


def _history(user: User, others: list[Comment], readable: set[int],
             decisions: dict[int, list[Decision]]) -> list[HistoryEntry]:
    out = []
    for c in others:
        if c.id not in readable:  # someone else's item: that it exists, nothing more
            out.append(HistoryEntry(c, True, [], []))
            continue
        ds = [d for d in decisions.get(c.id, []) if access.decision_visible(user, d)]
        out.append(HistoryEntry(c, False, [f"{d.action} ({d.decided_by})" for d in ds if d.action != "none"],
                                sorted({s for d in ds if d.kind == "automatic" for s in d.signals})))
    return out


def mark_opened(session: Session, user: User, escalation: Escalation) -> bool:
    """Record the first opening by someone who can act (the reminder clock stops). True if this was it."""
    if session.exec(select(EscalationSeen.id).where(EscalationSeen.escalation_id == escalation.id)).first():
        return False
    session.add(EscalationSeen(escalation_id=escalation.id, user_id=user.id))
    return True


def author_visible(session: Session, user: User, author_id: int) -> Author | None:
    """The author, when this person has one of their comments in an item they may open."""
    return session.exec(select(Author).join(Comment, Comment.author_id == Author.id)
                        .where(Author.id == author_id, access.comment_readable(user, Comment.id))).first()


# -- overview and status -------------------------------------------------------------------------

@dataclass
class Overview:
    days: list[tuple[date, int, int]]  # day, comments posted, of which hidden by the service
    signals: list[tuple[str, int]]
    review_buckets: list[tuple[str, int]]
    overturned_weeks: list[tuple[date, int, int]]  # week start, hidden by the service, of which restored
    median_review_hours: float | None
    totals: dict[str, int]


REVIEW_BUCKETS = [("under 1 hour", 1), ("1 to 4 hours", 4), ("4 to 24 hours", 24), ("1 to 3 days", 72),
                  ("over 3 days", None)]


def overview(session: Session, user: User, *, days: int = 30, today: date | None = None) -> Overview:
    """Everything is by the day the comment was posted, so "per day", "hidden" and "overturned" agree.
    Only comments in this person's scope are counted (access.comment_in_scope)."""
    today = today or utcnow().date()
    start = today - timedelta(days=days - 1)
    since = datetime.combine(start, time.min, tzinfo=timezone.utc)
    scope = access.comment_in_scope(user)
    comments = session.exec(select(Comment.id, Comment.created_at, Comment.fetched_at)
                            .where(scope, _posted() >= since)).all()
    posted = {cid: (created or fetched).date() for cid, created, fetched in comments}
    ids = list(posted)
    decisions: list[Decision] = []
    for chunk in range(0, len(ids), 500):
        decisions += session.exec(select(Decision).where(col(Decision.comment_id).in_(ids[chunk:chunk + 500]))
                                  .order_by(col(Decision.id))).all()
    hidden = {d.comment_id for d in decisions if d.kind == "automatic" and d.action == "hide" and not d.shadow}
    restored = {d.comment_id for d in decisions if d.kind == "human" and d.action == "unhide"} & hidden
    signals = Counter(s for d in decisions if d.kind == "automatic" and d.comment_id in hidden for s in d.signals)
    per_day, hidden_day = Counter(posted.values()), Counter(posted[c] for c in hidden)
    first_week = start - timedelta(days=start.weekday())
    weeks = {first_week + timedelta(weeks=i): [0, 0] for i in range((today - first_week).days // 7 + 1)}
    for cid in hidden:
        wk = posted[cid] - timedelta(days=posted[cid].weekday())
        weeks[wk][0] += 1
        weeks[wk][1] += cid in restored
    # Time to review: from an escalation opening to the first decision a person made on its comment.
    first_human: dict[int, datetime] = {}
    for d in decisions:
        if d.kind == "human":
            first_human.setdefault(d.comment_id, d.created_at)
    waits = []
    for esc in session.exec(select(Escalation).where(col(Escalation.comment_id).in_(ids or [0]))).all():
        done = first_human.get(esc.comment_id)
        if done and done >= esc.created_at:
            waits.append((done - esc.created_at).total_seconds() / 3600)
    buckets, lower = [], 0.0
    for label, upper in REVIEW_BUCKETS:
        buckets.append((label, sum(1 for w in waits if w >= lower and (upper is None or w < upper))))
        lower = upper or lower
    waits.sort()
    no_filter = QueueFilters()
    open_rows = session.exec(_joined(select(Escalation.priority)).where(
        *_conditions(user, no_filter), _one_per_comment(user, no_filter))).all() if access.routes_for(user) else []
    return Overview(
        days=[(start + timedelta(days=i), per_day.get(start + timedelta(days=i), 0),
               hidden_day.get(start + timedelta(days=i), 0)) for i in range(days)],
        signals=words.most_first(signals, 12), review_buckets=buckets,
        overturned_weeks=[(wk, v[0], v[1]) for wk, v in sorted(weeks.items())],
        median_review_hours=waits[len(waits) // 2] if waits else None,
        totals={"comments": len(posted), "hidden": len(hidden), "restored": len(restored),
                "open": len(open_rows), "urgent": sum(1 for p in open_rows if p == Priority.URGENT)},
    )


@dataclass
class AccountHealth:
    """An account on the status page, with its failed and waiting platform actions (vocab.AccountStatus
    is the account's own state: active, paused, disabled)."""

    account: Account
    school: School
    failed_actions: int
    waiting_actions: int


def account_status(session: Session, user: User) -> list[AccountHealth]:
    stmt = select(Account, School).join(School, School.id == Account.school_id).order_by(col(School.slug),
                                                                                         col(Account.handle))
    if user.school_id is not None:
        stmt = stmt.where(Account.school_id == user.school_id)
    out = []
    for account, school in session.exec(stmt).all():
        statuses = Counter(session.exec(select(Action.status).outerjoin(Comment, Comment.id == Action.comment_id)
                                        .where(Action.account_id == account.id,
                                               or_(col(Action.comment_id).is_(None),
                                                   access.comment_in_scope(user)))).all())
        out.append(AccountHealth(account, school, statuses.get("failed", 0),
                                 statuses.get("pending", 0) + statuses.get("running", 0)))
    return out
