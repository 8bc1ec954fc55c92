"""The abuse register: every comment the service hid (or would have hidden, in shadow mode), with
what was done, by whom and why. CSV cells that a spreadsheet would run as a formula are neutralised."""
from __future__ import annotations

import csv
import json
from typing import IO, Iterator

from sqlmodel import Session, col, select

from moderator.tables import Account, Action, Author, Comment, Decision, Escalation, School

COLUMNS = [
    "comment_id", "school", "account", "platform", "external_id", "permalink", "author_id", "author_name",
    "posted_at", "first_seen_at", "text", "text_sha256", "flags", "decision_id", "decided_at", "action", "shadow",
    "hidden_on_platform", "signals", "rules", "routes", "priority", "clauses", "policy_version", "classifier",
    "classifier_version", "scores", "thresholds", "escalations",
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """Stop spreadsheets treating comment text as a formula (CSV injection)."""
    return "'" + value if value.startswith(FORMULA_START) else value


def register_rows(session: Session, school_slug: str | None = None) -> Iterator[dict]:
    stmt = (
        select(Decision, Comment, Account, School)
        .join(Comment, Comment.id == Decision.comment_id)
        .join(Account, Account.id == Comment.account_id)
        .join(School, School.id == Comment.school_id)
        .where(Decision.action == "hide")
        .order_by(col(Comment.id), col(Decision.id))
    )
    if school_slug:
        stmt = stmt.where(School.slug == school_slug)
    for decision, comment, account, school in session.exec(stmt):
        author = session.get(Author, comment.author_id) if comment.author_id else None
        hide = session.exec(
            select(Action).where(Action.comment_id == comment.id, Action.kind == "hide")
        ).first()
        escalations = session.exec(select(Escalation).where(Escalation.comment_id == comment.id)).all()
        yield {
            "comment_id": comment.id,
            "school": school.slug,
            "account": account.handle,
            "platform": comment.platform,
            "external_id": comment.external_id,
            "permalink": comment.permalink,
            "author_id": author.external_id if author else None,
            "author_name": author.name if author else None,
            "posted_at": comment.created_at.isoformat() if comment.created_at else None,
            "first_seen_at": comment.fetched_at.isoformat(),
            "text": comment.text,
            "text_sha256": comment.text_sha256,
            "flags": comment.flags,
            "decision_id": decision.id,
            "decided_at": decision.created_at.isoformat(),
            "action": decision.action,
            "shadow": decision.shadow,
            "hidden_on_platform": bool(hide and hide.status == "done"),
            "signals": decision.signals,
            "rules": decision.rules,
            "routes": decision.routes,
            "priority": decision.priority,
            "clauses": decision.clauses,
            "policy_version": decision.policy_version,
            "classifier": decision.classifier,
            "classifier_version": decision.classifier_version,
            "scores": decision.scores,
            "thresholds": decision.thresholds,
            "escalations": [{"id": e.id, "route": e.route, "priority": e.priority, "state": e.state} for e in escalations],
        }


def _cell(key: str, value) -> str:
    if value is None:
        return ""
    if key == "clauses":
        value = "; ".join(f"{c['id']} ({c['document']}, {c['section']}): \"{c['quote']}\"" for c in value)
    elif key == "escalations":
        value = "; ".join(f"{e['route']}/{e['priority']}/{e['state']}" for e in value)
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
