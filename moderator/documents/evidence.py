"""The case as a document's reader may see it (moderator/record/case.py's ``load_for``, narrowed by
moderator/people/access.py's rule), as JSON-ready data, with its slice of the audit chain and the people it names."""
from __future__ import annotations

from typing import Any, Iterable

from sqlmodel import Session, col, select

from moderator.documents.pdf import iso
from moderator.judge import explain
from moderator.record import case as cases
from moderator.tables import AuditEvent, User

def case_dict(case: cases.Case) -> dict[str, Any]:
    """The case as JSON-ready data: every stored field a reader or a court needs, text exact."""
    c = case.comment
    return {
        "comment": {
            "id": c.id, "school": case.school.slug, "school_name": case.school.name, "account": case.account.handle,
            "platform": c.platform, "external_id": c.external_id, "post_external_id": c.post_external_id,
            "parent_external_id": c.parent_external_id, "permalink": c.permalink, "posted_at": iso(c.created_at),
            "first_seen_at": iso(c.fetched_at), "text": c.text, "text_sha256": c.text_sha256,
            "text_bytes": c.text_bytes, "flags": c.flags, "attachments": c.attachments,
            "removed_by_author_at": iso(c.removed_by_author_at),
        },
        "author": None if case.author is None else {
            "id": case.author.id, "platform": case.author.platform, "platform_id": case.author.external_id,
            "name": case.author.name, "username": case.author.username},
        "revisions": [{"revision": r.revision, "kind": r.kind, "text": r.text, "text_sha256": r.text_sha256,
                       "flags": r.flags, "seen_at": iso(r.seen_at)} for r in case.revisions],
        "decisions": [{
            "id": d.id, "kind": d.kind, "revision": d.revision, "action": d.action, "shadow": d.shadow,
            "rules": d.rules, "signals": d.signals, "routes": d.routes, "priority": d.priority,
            "explanation": explain.lines(d), "clauses": d.clauses, "policy_name": d.policy_name,
            "policy_version": d.policy_version, "classifier": d.classifier,
            "classifier_version": d.classifier_version, "scores": d.scores, "thresholds": d.thresholds,
            "decided_by": d.decided_by, "reason": d.reason, "at": iso(d.created_at)} for d in case.decisions],
        "escalations": [{"id": e.id, "route": e.route, "priority": e.priority, "state": e.state, "reason": e.reason,
                         "opened_at": iso(e.created_at), "updated_at": iso(e.updated_at)} for e in case.escalations],
        "referrals": [{"id": r.id, "kind": r.kind, "reference": r.reference, "contact": r.contact,
                       "referred_on": r.referred_on, "recorded_by": r.recorded_by, "decision_id": r.decision_id,
                       "at": iso(r.created_at)} for r in case.referrals],
        "actions": [{"id": a.id, "kind": a.kind, "decision_id": a.decision_id, "requested_by": a.requested_by,
                     "status": a.status, "attempts": a.attempts, "idempotency_key": a.idempotency_key,
                     "last_error": a.last_error, "result": a.result, "queued_at": iso(a.created_at),
                     "done_at": iso(a.done_at)} for a in case.actions],
        "alerts": [{"id": n.id, "kind": n.kind, "recipient": n.recipient, "subject": n.subject, "status": n.status,
                    "queued_at": iso(n.created_at), "sent_at": iso(n.sent_at)} for n in case.alerts],
        "platform_state": {"label": case.platform.label, "hidden": case.platform.hidden,
                           "deleted": case.platform.deleted, "author_banned": case.platform.author_banned,
                           "pending": case.platform.pending, "failed": case.platform.failed},
        "timeline": [{"at": iso(e.at), "kind": e.kind, "actor": e.actor, "summary": e.summary,
                      "details": e.details} for e in case.timeline],
    }


def people(session: Session, usernames: Iterable[str]) -> dict[str, str]:
    """username -> "Mrs Helen Patel (helen, headteacher)" for the people named in a case."""
    names = {u for u in usernames if u and u != "service"}
    if not names:
        return {}
    return {u.username: f"{u.display_name} ({u.username}, {u.role.replace('_', ' ')})"
            for u in session.exec(select(User).where(col(User.username).in_(names)))}


def load_visible(session: Session, comment_id: int, reader: User | None) -> cases.Case:
    """The case as this reader may see it (moderator/record/case.py's ``load_for``; None: all of it)."""
    found = cases.load_for(session, comment_id, reader)
    if found is None:
        raise LookupError(f"there is no comment {comment_id} (it may have been purged under the retention policy)")
    return found


def case_events(session: Session, case: cases.Case) -> list[AuditEvent]:
    """The case's slice of the audit chain, less the events about decisions, review items and actions
    the reader may not see (``load_visible`` has already narrowed the case to what they may see)."""
    decisions = {d.id for d in case.decisions}
    escalations = {e.id for e in case.escalations}
    out = []
    for event in case.audit_events(session):
        data = event.data or {}
        if event.subject_type == "escalation" and event.subject_id not in escalations:
            continue
        if event.action in ("decision.human", "referral.recorded", "action.queued") and (
                ("decision_id" in data and data["decision_id"] is not None and data["decision_id"] not in decisions)
                or ("escalation_id" in data and data["escalation_id"] not in escalations)):
            continue
        out.append(event)
    return out
