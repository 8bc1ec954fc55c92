"""The abuse register: one row per comment that matched a rule of the school's policy (hidden, left
visible by the policy, or would-have-been hidden in shadow mode), with its latest platform state
and the people's decisions on it. CSV (formula cells neutralised), JSON and JSON Lines, streamed
a page at a time, so 100,000 rows never sit in memory together.

Rows are views of the case (moderator/record/case.py); the platform state comes from
``outbox.platform_states``; the explanation is the one stored with the decision.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any, Iterator

from sqlalchemy import String, cast, func, true
from sqlmodel import Session, col, select

from moderator.act import outbox
from moderator.judge import explain
from moderator.tables import Account, Author, Comment, CommentRevision, Decision, Escalation, Referral, School
from moderator.vocab import OPEN_ESCALATION_STATES, DecisionKind

COLUMNS = [
    "comment_id", "school", "account", "platform", "external_id", "permalink", "author_id", "author_name",
    "posted_at", "first_seen_at", "text", "text_sha256", "flags", "revisions", "removed_by_author_at",
    "decision_id", "decided_at", "action", "shadow", "left_visible_by_policy", "platform_state", "hidden_on_platform",
    "deleted_on_platform", "author_banned", "signals", "rules", "routes", "priority", "explanation", "clauses",
    "policy_version", "classifier", "classifier_version", "scores", "thresholds", "escalations", "review_state",
    "human_decisions", "last_decided_by", "last_decided_at", "last_decision", "last_reason", "referrals",
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PAGE = 500
STATES = ("hidden", "visible", "deleted", "open", "decided")


def neutralise(value: str) -> str:
    """Stop spreadsheets treating comment text as a formula (CSV injection)."""
    return "'" + value if value.startswith(FORMULA_START) else value


@dataclass
class Filters:
    school: str | None = None
    since: datetime | None = None  # posted (or first seen) at or after
    until: datetime | None = None  # posted (or first seen) before
    route: str | None = None
    signal: str | None = None
    state: str | None = None  # hidden | visible | deleted | open | decided
    author: str | None = None  # the platform's author id, or part of the name

    def __post_init__(self) -> None:
        if self.state and self.state not in STATES:
            raise ValueError(f"state {self.state!r}: choose one of {', '.join(STATES)}")


def _matched():  # noqa: ANN202
    """The service's decisions that matched at least one rule (hidden or not)."""
    return (Decision.kind == DecisionKind.AUTOMATIC) & (cast(Decision.rules, String) != "[]")


def policy_counts(session: Session, school_id: int) -> tuple[int, int]:
    """(comments against the policy, of which the policy hid): the register's rows for the school, so
    a summary and the register always agree. The rest were left visible by the policy."""
    def count(where):  # noqa: ANN001, ANN202
        return session.exec(select(func.count(func.distinct(Decision.comment_id)))
                            .join(Comment, Comment.id == Decision.comment_id)
                            .where(_matched(), where, Comment.school_id == school_id)).one()

    return count(true()), count(Decision.action == "hide")


def comment_ids(session: Session, filters: Filters, *, visible=None, after: int = 0, limit: int = PAGE) -> list[int]:  # noqa: ANN001
    """One page of register comment ids in order. ``visible``: a WHERE clause on Comment for what
    the reader may see (moderator/act/review.py); None for the service's own exports."""
    posted = func.coalesce(Comment.created_at, Comment.fetched_at)
    stmt = (select(Comment.id).join(Decision, Decision.comment_id == Comment.id)
            .where(_matched(), Comment.id > after).distinct().order_by(col(Comment.id)).limit(limit))
    if filters.school:
        stmt = stmt.join(School, School.id == Comment.school_id).where(School.slug == filters.school)
    if filters.since:
        stmt = stmt.where(posted >= filters.since)
    if filters.until:
        stmt = stmt.where(posted < filters.until)
    if filters.signal:
        stmt = stmt.where(cast(Decision.signals, String).contains(json.dumps(filters.signal)[1:-1]))
    if filters.route:
        stmt = stmt.where(cast(Decision.routes, String).contains(f'"{filters.route}"'))
    if filters.author:
        stmt = stmt.join(Author, Author.id == Comment.author_id).where(
            (Author.external_id == filters.author) | col(Author.name).contains(filters.author))
    if visible is not None:
        stmt = stmt.where(visible)
    return list(session.exec(stmt).all())


def register_rows(session: Session, filters: Filters | None = None, *, visible=None) -> Iterator[dict[str, Any]]:  # noqa: ANN001
    """Every register row, a page at a time."""
    filters = filters or Filters()
    after = 0
    while True:
        ids = comment_ids(session, filters, visible=visible, after=after)
        if not ids:
            return
        for row in _page(session, ids):
            if state_matches(row, filters.state):
                yield row
        after = ids[-1]
        session.expunge_all()  # keep memory flat however long the register is


def state_matches(row: dict[str, Any], state: str | None) -> bool:
    """Whether a register row is in ``state`` (one of STATES): its review state or its platform state."""
    if not state:
        return True
    if state in ("open", "decided"):
        return row["review_state"] == state
    return platform_state_matches(row["platform_state"], state)


def platform_state_matches(label: str, state: str) -> bool:
    """Whether a platform state's label (outbox.PlatformState.label) is hidden, visible or deleted."""
    return label.split(" ")[0].rstrip(",") == state


def review_fields(human: list[dict[str, Any]], escalations: list[dict[str, Any]]) -> dict[str, Any]:
    """A row's review state and last decision, from its people's decisions and review items (as a
    reader may see them: the console narrows both lists first, then asks again)."""
    is_open = any(e["state"] in OPEN_ESCALATION_STATES for e in escalations)
    last = human[-1] if human else None
    return {"review_state": "open" if is_open else "decided" if human or escalations else "not reviewed",
            "last_decided_by": last["by"] if last else None, "last_decided_at": last["at"] if last else None,
            "last_decision": last["decision"] if last else None, "last_reason": last["reason"] if last else None}


def _page(session: Session, ids: list[int]) -> Iterator[dict[str, Any]]:
    comments = {c.id: c for c in session.exec(select(Comment).where(col(Comment.id).in_(ids)))}
    decisions: dict[int, list[Decision]] = {i: [] for i in ids}
    for d in session.exec(select(Decision).where(col(Decision.comment_id).in_(ids)).order_by(col(Decision.id))):
        decisions[d.comment_id].append(d)
    escalations: dict[int, list[Escalation]] = {i: [] for i in ids}
    for e in session.exec(select(Escalation).where(col(Escalation.comment_id).in_(ids)).order_by(col(Escalation.id))):
        escalations[e.comment_id].append(e)
    referrals: dict[int, list[Referral]] = {i: [] for i in ids}
    for r in session.exec(select(Referral).where(col(Referral.comment_id).in_(ids)).order_by(col(Referral.id))):
        referrals[r.comment_id].append(r)
    revisions: dict[int, list[CommentRevision]] = {i: [] for i in ids}
    for v in session.exec(select(CommentRevision).where(col(CommentRevision.comment_id).in_(ids))
                          .order_by(col(CommentRevision.comment_id), col(CommentRevision.revision))):
        revisions[v.comment_id].append(v)
    states = outbox.platform_states(session, ids)
    author_ids = {c.author_id for c in comments.values() if c.author_id}
    authors = {a.id: a for a in session.exec(select(Author).where(col(Author.id).in_(author_ids)))} if author_ids else {}
    account_ids = {c.account_id for c in comments.values()}
    accounts = {a.id: a for a in session.exec(select(Account).where(col(Account.id).in_(account_ids)))}
    schools = {s.id: s for s in session.exec(select(School).where(col(School.id).in_({c.school_id for c in comments.values()})))}
    for cid in ids:
        yield _row(comments[cid], decisions[cid], escalations[cid], referrals[cid], states[cid],
                   authors.get(comments[cid].author_id), accounts[comments[cid].account_id],
                   schools[comments[cid].school_id], revisions[cid])


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _row(comment: Comment, decisions: list[Decision], escalations: list[Escalation], referrals: list[Referral],
         state: outbox.PlatformState, author: Author | None, account: Account, school: School,
         revisions: list[CommentRevision]) -> dict[str, Any]:
    automatic = [d for d in decisions if d.kind == DecisionKind.AUTOMATIC and d.rules]
    decision = automatic[-1]
    human = [{"at": _iso(d.created_at), "by": d.decided_by, "decision": d.action, "reason": d.reason,
              "routes": d.routes} for d in decisions if d.kind == DecisionKind.HUMAN]
    items = [{"id": e.id, "route": e.route, "priority": e.priority, "state": e.state} for e in escalations]
    return {
        "comment_id": comment.id,
        "school": school.slug,
        "account": account.handle,
        "platform": comment.platform,
        "external_id": comment.external_id,
        "permalink": comment.permalink,
        "author_id": author.external_id if author else None,
        "author_name": author.name if author else None,
        "posted_at": _iso(comment.created_at),
        "first_seen_at": _iso(comment.fetched_at),
        "text": comment.text,
        "text_sha256": comment.text_sha256,
        "flags": comment.flags,
        # Every later version as the service saw it, so the complaints process sees what was judged.
        "revisions": [{"revision": v.revision, "kind": v.kind, "seen_at": _iso(v.seen_at), "text": v.text,
                       "text_sha256": v.text_sha256, "version_id": v.external_id} for v in revisions],
        "removed_by_author_at": _iso(comment.removed_by_author_at),
        "decision_id": decision.id,
        "decided_at": _iso(decision.created_at),
        "action": decision.action,
        "shadow": decision.shadow,
        "left_visible_by_policy": decision.action == "none",
        "platform_state": state.label,
        "hidden_on_platform": state.hidden,
        "deleted_on_platform": state.deleted,
        "author_banned": state.author_banned,
        "signals": decision.signals,
        "rules": decision.rules,
        "routes": decision.routes,
        "priority": decision.priority,
        "explanation": explain.lines(decision),
        "clauses": decision.clauses,
        "policy_version": decision.policy_version,
        "classifier": decision.classifier,
        "classifier_version": decision.classifier_version,
        "scores": decision.scores,
        "thresholds": decision.thresholds,
        "escalations": items,
        "human_decisions": human,
        **review_fields(human, items),
        "referrals": [{"kind": r.kind, "reference": r.reference, "contact": r.contact, "referred_on": r.referred_on,
                       "recorded_by": r.recorded_by, "at": _iso(r.created_at)} for r in referrals],
    }


def _cell(key: str, value: Any) -> str:
    if value is None:
        return ""
    if key == "clauses":
        value = "; ".join(f"{c['id']} ({c['document']}, {c['section']}): \"{c['quote']}\"" for c in value)
    elif key == "escalations":
        value = "; ".join(f"{e['route']}/{e['priority']}/{e['state']}" for e in value)
    elif key == "human_decisions":
        value = "; ".join(f"{d['at']} {d['by']}: {d['decision']} ({d['reason'] or ''})" for d in value)
    elif key == "referrals":
        value = "; ".join(f"{r['kind']} {r['reference'] or ''} {r['contact'] or ''} by {r['recorded_by']}".strip()
                          for r in value)
    elif key == "explanation":
        value = " | ".join(value)
    elif key == "revisions":
        value = json.dumps(value, ensure_ascii=False) if value else ""
    elif isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    elif isinstance(value, dict):
        value = json.dumps(value, sort_keys=True)
    return neutralise(str(value))


def write_csv(rows: Iterator[dict], out: IO[str]) -> int:
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    n = 0
    for row in rows:
        writer.writerow([_cell(k, row[k]) for k in COLUMNS])
        n += 1
    return n


def write_json(rows: Iterator[dict], out: IO[str]) -> int:
    """A JSON array, streamed one row at a time."""
    out.write("[")
    n = 0
    for row in rows:
        out.write(("," if n else "") + "\n  " + json.dumps(row, ensure_ascii=False, default=str))
        n += 1
    out.write("\n]\n" if n else "]\n")
    return n


def write_jsonl(rows: Iterator[dict], out: IO[str]) -> int:
    """JSON Lines: one row per line."""
    n = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        n += 1
    return n


WRITERS = {"csv": write_csv, "json": write_json, "jsonl": write_jsonl}
