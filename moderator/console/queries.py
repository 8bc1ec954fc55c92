"""Read-only queries behind the console's pages. Every one is limited to what the user may see."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path

from sqlmodel import Session, col, select

from connectors import connector_class
from moderator.console.access import escalation_filter, masked_comment_ids, routes_for
from moderator.tables import EscalationSeen, PoliceReferral
from moderator.db import utcnow
from moderator.escalations import OPEN_STATES
from moderator.policy import PRIORITY_RANK, ROUTE_NAMES, load_policy
from moderator.settings import Settings
from moderator.tables import (
    Account, Action, Analysis, Author, Comment, CommentRevision, Decision, Escalation, School, User,
)

MAX_QUEUE_ROWS = 500
THREAD_WINDOW = 3


@dataclass
class QueueFilters:
    route: str = ""
    priority: str = ""
    platform: str = ""
    signal: str = ""
    author: str = ""
    account: str = ""
    date_from: date | None = None
    date_to: date | None = None

    def active(self) -> bool:
        return any([self.route, self.priority, self.platform, self.signal, self.author, self.account,
                    self.date_from, self.date_to])


@dataclass
class QueueRow:
    escalation: Escalation
    comment: Comment
    author: Author | None
    account: Account
    signals: list[str]
    opened: bool

    @property
    def posted_at(self) -> datetime:
        return self.comment.created_at or self.comment.fetched_at


@dataclass
class Queue:
    rows: list[QueueRow]
    total_open: int
    by_route: dict[str, int]
    by_priority: dict[str, int]
    signals: list[str]
    platforms: list[str]
    accounts: list[str]
    truncated: bool = False


def queue(session: Session, user: User, filters: QueueFilters) -> Queue:
    stmt = (select(Escalation, Comment, Author, Account, Decision)
            .join(Comment, Comment.id == Escalation.comment_id)
            .join(Account, Account.id == Comment.account_id)
            .outerjoin(Author, Author.id == Comment.author_id)
            .outerjoin(Decision, Decision.id == Escalation.decision_id)
            .where(col(Escalation.state).in_(OPEN_STATES), escalation_filter(user)))
    found = session.exec(stmt).all()
    seen = set(session.exec(select(EscalationSeen.escalation_id).where(
        col(EscalationSeen.escalation_id).in_([r[0].id for r in found] or [0]))).all())
    every = [QueueRow(esc, comment, author, account, list(decision.signals) if decision else [], esc.id in seen)
             for esc, comment, author, account, decision in found]
    by_route = Counter(r.escalation.route for r in every)
    by_priority = Counter(r.escalation.priority for r in every)
    rows = [r for r in every if _matches(r, filters)]
    rows.sort(key=lambda r: (-PRIORITY_RANK.get(r.escalation.priority, 0), r.escalation.created_at, r.escalation.id))
    return Queue(rows=rows[:MAX_QUEUE_ROWS], total_open=len(every), by_route=dict(by_route),
                 by_priority=dict(by_priority), signals=sorted({s for r in every for s in r.signals}),
                 platforms=sorted({r.comment.platform for r in every}),
                 accounts=sorted({r.account.handle for r in every}), truncated=len(rows) > MAX_QUEUE_ROWS)


def _matches(row: QueueRow, f: QueueFilters) -> bool:
    if f.route and row.escalation.route != f.route:
        return False
    if f.priority and row.escalation.priority != f.priority:
        return False
    if f.platform and row.comment.platform != f.platform:
        return False
    if f.signal and f.signal not in row.signals:
        return False
    if f.account and row.account.handle != f.account:
        return False
    if f.author:
        needle = f.author.lower()
        names = [row.author.name, row.author.username, row.author.external_id] if row.author else []
        if not any(needle in (n or "").lower() for n in names):
            return False
    day = row.posted_at.date()
    if f.date_from and day < f.date_from:
        return False
    if f.date_to and day > f.date_to:
        return False
    return True


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
class Item:
    escalation: Escalation
    comment: Comment
    author: Author | None
    account: Account
    school: School
    automatic: Decision | None
    analysis: Analysis | None
    revisions: list[CommentRevision]
    thread: list[Neighbour]
    history: list[HistoryEntry]
    human: list[tuple[Decision, list[Action]]]
    other_routes: list[Escalation]
    police: list[PoliceReferral]
    explanations: list[str]
    score_rows: list[tuple[str, float, float | None]]
    supports: frozenset[str]
    platform_state: str  # not_hidden | hidden | visible | pending_hide | pending_unhide | failed_hide ...
    detectors: dict[str, list[str]] = field(default_factory=dict)


@lru_cache(maxsize=16)
def _rule_explanations(path: str) -> dict[str, str]:
    policy = load_policy(Path(path))
    return {rule.id: rule.explanation for rule in policy.rules}


def explanations_for(settings: Settings, school_slug: str, rules: list[str]) -> list[str]:
    cfg = next((s for s in settings.schools if s.slug == school_slug), None)
    path = cfg.policy_file if cfg and cfg.policy_file else settings.policy_file
    try:
        known = _rule_explanations(str(path))
    except Exception:  # the policy file changed or vanished: the stored clauses still explain the decision
        known = {}
    return [known[r] for r in rules if r in known]


def item(session: Session, user: User, escalation_id: int, settings: Settings) -> Item | None:
    esc = session.exec(select(Escalation).where(Escalation.id == escalation_id, escalation_filter(user))).first()
    if esc is None:
        return None
    comment = session.get(Comment, esc.comment_id)
    author = session.get(Author, comment.author_id) if comment.author_id else None
    account = session.get(Account, comment.account_id)
    school = session.get(School, comment.school_id)
    automatic = session.get(Decision, esc.decision_id) if esc.decision_id else None
    if automatic is not None and automatic.kind != "automatic":  # opened by a referral: show the service's decision
        automatic = session.exec(select(Decision).where(Decision.comment_id == comment.id,
                                                        Decision.kind == "automatic")
                                 .order_by(col(Decision.id).desc())).first()
    analysis = session.get(Analysis, automatic.analysis_id) if automatic and automatic.analysis_id else None
    revisions = list(session.exec(select(CommentRevision).where(CommentRevision.comment_id == comment.id)
                                  .order_by(col(CommentRevision.revision))).all())
    human = []
    for d in session.exec(select(Decision).where(Decision.comment_id == comment.id, Decision.kind == "human")
                          .order_by(col(Decision.id))).all():
        human.append((d, list(session.exec(select(Action).where(Action.decision_id == d.id)).all())))
    other = [e for e in session.exec(select(Escalation).where(Escalation.comment_id == comment.id,
                                                              Escalation.id != esc.id, escalation_filter(user))).all()]
    police = list(session.exec(select(PoliceReferral).where(PoliceReferral.comment_id == comment.id)).all())
    score_rows = []
    if automatic:
        for label, value in sorted(automatic.scores.items(), key=lambda kv: -kv[1]):
            limits = [v for k, v in automatic.thresholds.items() if k.endswith(f".{label}")]
            score_rows.append((label, value, min(limits) if limits else None))
    last = session.exec(select(Action).where(Action.comment_id == comment.id, col(Action.kind).in_(("hide", "unhide")))
                        .order_by(col(Action.id).desc())).first()
    try:
        supports = connector_class(account.connector).supports
    except Exception:
        supports = frozenset()
    return Item(
        escalation=esc, comment=comment, author=author, account=account, school=school, automatic=automatic,
        analysis=analysis, revisions=revisions, thread=_thread(session, user, comment),
        history=_history(session, user, comment), human=human, other_routes=other, police=police,
        explanations=explanations_for(settings, school.slug, automatic.rules if automatic else []),
        score_rows=score_rows, supports=frozenset(supports),
        platform_state=_platform_state(last),
        detectors=analysis.detectors if analysis else {},
    )


def _platform_state(last: Action | None) -> str:
    if last is None:
        return "not_hidden"
    if last.status == "done":
        return "hidden" if last.kind == "hide" else "visible"
    return f"{'failed' if last.status == 'failed' else 'pending'}_{last.kind}"


def _thread(session: Session, user: User, comment: Comment) -> list[Neighbour]:
    if not comment.post_external_id:
        return [Neighbour(comment, None, False, True)]
    posted = lambda c: c.created_at or c.fetched_at  # noqa: E731
    siblings = session.exec(select(Comment).where(Comment.account_id == comment.account_id,
                                                  Comment.post_external_id == comment.post_external_id)
                            .limit(1000)).all()
    siblings = sorted(siblings, key=lambda c: (posted(c), c.id))
    at = next(i for i, c in enumerate(siblings) if c.id == comment.id)
    window = siblings[max(0, at - THREAD_WINDOW): at + THREAD_WINDOW + 1]
    masked = masked_comment_ids(session, user, [c.id for c in window if c.id != comment.id])
    authors = {a.id: a for a in session.exec(select(Author).where(
        col(Author.id).in_([c.author_id for c in window if c.author_id] or [0]))).all()}
    return [Neighbour(c, authors.get(c.author_id), c.id in masked, c.id == comment.id) for c in window]


def _history(session: Session, user: User, comment: Comment) -> list[HistoryEntry]:
    if comment.author_id is None:
        return []
    others = session.exec(select(Comment).where(Comment.author_id == comment.author_id, Comment.id != comment.id)
                          .order_by(col(Comment.id).desc()).limit(20)).all()
    ids = [c.id for c in others]
    masked = masked_comment_ids(session, user, ids)
    decisions: dict[int, list[Decision]] = {}
    for d in session.exec(select(Decision).where(col(Decision.comment_id).in_(ids or [0]))).all():
        decisions.setdefault(d.comment_id, []).append(d)
    out = []
    for c in others:
        ds = decisions.get(c.id, [])
        out.append(HistoryEntry(c, c.id in masked, [f"{d.action} ({d.decided_by})" for d in ds if d.action != "none"],
                                sorted({s for d in ds for s in d.signals})))
    return out


def mark_opened(session: Session, user: User, escalation: Escalation) -> bool:
    """Record the first opening by someone who can act (the reminder clock stops). True if this was it."""
    if session.exec(select(EscalationSeen.id).where(EscalationSeen.escalation_id == escalation.id)).first():
        return False
    session.add(EscalationSeen(escalation_id=escalation.id, user_id=user.id))
    return True


# -- overview and status -------------------------------------------------------------------------

@dataclass
class Overview:
    days: list[tuple[date, int]]
    signals: list[tuple[str, int]]
    review_buckets: list[tuple[str, int]]
    overturned_weeks: list[tuple[date, int, int]]  # week start, automatic hides, restored by a person
    median_review_hours: float | None
    totals: dict[str, int]


REVIEW_BUCKETS = [("under 1 hour", 1), ("1 to 4 hours", 4), ("4 to 24 hours", 24), ("1 to 3 days", 72),
                  ("over 3 days", None)]


def overview(session: Session, user: User, *, days: int = 30, today: date | None = None) -> Overview:
    today = today or utcnow().date()
    start = today - timedelta(days=days - 1)
    since = datetime.combine(start, datetime.min.time()).replace(tzinfo=utcnow().tzinfo)
    school = user.school_id
    cstmt = select(Comment.created_at, Comment.fetched_at).where(Comment.fetched_at >= since - timedelta(days=365))
    if school is not None:
        cstmt = cstmt.where(Comment.school_id == school)
    per_day: Counter = Counter()
    for created, fetched in session.exec(cstmt).all():
        d = (created or fetched).date()
        if start <= d <= today:
            per_day[d] += 1
    dstmt = (select(Decision, Comment.school_id).join(Comment, Comment.id == Decision.comment_id)
             .where(Decision.created_at >= since))
    if school is not None:
        dstmt = dstmt.where(Comment.school_id == school)
    decisions = [d for d, _ in session.exec(dstmt).all()]
    signals = Counter(s for d in decisions if d.kind == "automatic" and d.action == "hide" for s in d.signals)
    weeks: dict[date, list[int]] = {}
    first_week = start - timedelta(days=start.weekday())
    for i in range(0, (today - first_week).days // 7 + 1):
        weeks[first_week + timedelta(weeks=i)] = [0, 0]
    for d in decisions:
        wk = d.created_at.date() - timedelta(days=d.created_at.weekday())
        if wk not in weeks:
            continue
        if d.kind == "automatic" and d.action == "hide":
            weeks[wk][0] += 1
        elif d.kind == "human" and d.action == "unhide":
            weeks[wk][1] += 1
    # Time to review: from an escalation opening to the first decision a person made on its comment.
    first_human: dict[int, datetime] = {}
    for d in sorted(decisions, key=lambda d: d.created_at):
        if d.kind == "human":
            first_human.setdefault(d.comment_id, d.created_at)
    estmt = select(Escalation).where(Escalation.created_at >= since)
    if school is not None:
        estmt = estmt.where(Escalation.school_id == school)
    waits = []
    for esc in session.exec(estmt).all():
        done = first_human.get(esc.comment_id)
        if done and done >= esc.created_at:
            waits.append((done - esc.created_at).total_seconds() / 3600)
    buckets = []
    lower = 0.0
    for label, upper in REVIEW_BUCKETS:
        buckets.append((label, sum(1 for w in waits if w >= lower and (upper is None or w < upper))))
        lower = upper or lower
    waits.sort()
    median = waits[len(waits) // 2] if waits else None
    open_stmt = select(Escalation).where(col(Escalation.state).in_(OPEN_STATES), escalation_filter(user)) \
        if routes_for(user) else None
    open_items = session.exec(open_stmt).all() if open_stmt is not None else []
    return Overview(
        days=[(start + timedelta(days=i), per_day.get(start + timedelta(days=i), 0)) for i in range(days)],
        signals=signals.most_common(12), review_buckets=buckets,
        overturned_weeks=[(wk, v[0], v[1]) for wk, v in sorted(weeks.items())], median_review_hours=median,
        totals={"comments": sum(per_day.values()), "hidden": sum(1 for d in decisions
                                                                 if d.kind == "automatic" and d.action == "hide"),
                "restored": sum(1 for d in decisions if d.kind == "human" and d.action == "unhide"),
                "open": len(open_items), "urgent": sum(1 for e in open_items if e.priority == "urgent")},
    )


@dataclass
class AccountStatus:
    account: Account
    school: School
    failed_actions: int
    waiting_actions: int


def account_status(session: Session, user: User) -> list[AccountStatus]:
    stmt = select(Account, School).join(School, School.id == Account.school_id).order_by(col(School.slug),
                                                                                         col(Account.handle))
    if user.school_id is not None:
        stmt = stmt.where(Account.school_id == user.school_id)
    out = []
    for account, school in session.exec(stmt).all():
        statuses = Counter(session.exec(select(Action.status).where(Action.account_id == account.id)).all())
        out.append(AccountStatus(account, school, statuses.get("failed", 0),
                                 statuses.get("pending", 0) + statuses.get("running", 0)))
    return out


def route_name(route: str) -> str:
    return ROUTE_NAMES.get(route, route)
