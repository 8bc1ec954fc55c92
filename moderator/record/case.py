"""The case: one per comment, its whole history in order.

Captured evidence (the text as first seen, later edits and removals by the author, SHA-256,
permalink, times), the automatic decisions (stored explanation, clauses, policy and model
versions, scores, thresholds), every person's decision and referral, every platform action and its
result, every e-mail alert. The register, the console's case page and the documents are all views
of this one record. Platform state comes from ``outbox.platform_state``, never guessed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable

from sqlmodel import Session, col, select

from moderator import words
from moderator.act import outbox
from moderator.judge import explain
from moderator.people import access
from moderator.tables import (
    Account, Action, AuditEvent, Author, Comment, CommentRevision, Decision, Escalation, Notification, Referral, School,
    User,
)
from moderator.vocab import DecisionKind, route_name


@dataclass
class Entry:
    """One step of the history: when, what kind, who, and the details a reader needs."""

    at: datetime | None
    kind: str  # posted | captured | edited | removed_by_author | decision | human_decision | referral | action | alert
    actor: str
    summary: str
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class Case:
    comment: Comment
    school: School
    account: Account
    author: Author | None
    revisions: list[CommentRevision]
    decisions: list[Decision]
    escalations: list[Escalation]
    referrals: list[Referral]
    actions: list[Action]
    alerts: list[Notification]
    platform: outbox.PlatformState
    timeline: list[Entry] = field(default_factory=list)

    @property
    def automatic(self) -> Decision | None:
        found = [d for d in self.decisions if d.kind == DecisionKind.AUTOMATIC]
        return found[-1] if found else None

    @property
    def human(self) -> list[Decision]:
        return [d for d in self.decisions if d.kind == DecisionKind.HUMAN]

    def audit_events(self, session: Session) -> list[AuditEvent]:
        """The slice of the audit chain that records this case (for the police evidence pack)."""
        subjects = [("comment", self.comment.id)] + [("action", a.id) for a in self.actions] \
            + [("escalation", e.id) for e in self.escalations]
        events: dict[int, AuditEvent] = {}
        for kind, ids in _group(subjects).items():
            for event in session.exec(select(AuditEvent).where(AuditEvent.subject_type == kind,
                                                               col(AuditEvent.subject_id).in_(ids))):
                events[event.seq] = event
        return [events[seq] for seq in sorted(events)]


def _group(pairs: list[tuple[str, int]]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for kind, ident in pairs:
        out.setdefault(kind, []).append(ident)
    return out


def load(session: Session, comment_id: int, *, decision_visible=None,  # noqa: ANN001
         escalation_visible: Callable[[Escalation], bool] | None = None) -> Case | None:
    """The case of one comment. ``decision_visible(decision) -> bool`` hides people's decisions a
    viewer may not see (moderator/act/review.py decides that), together with their referrals and actions;
    ``escalation_visible(escalation) -> bool`` hides review items the viewer may not open, with their alerts."""
    comment = session.get(Comment, comment_id)
    if comment is None:
        return None
    decisions = list(session.exec(select(Decision).where(Decision.comment_id == comment_id)
                                  .order_by(col(Decision.created_at), col(Decision.id))))
    if decision_visible is not None:
        decisions = [d for d in decisions if d.kind == DecisionKind.AUTOMATIC or decision_visible(d)]
    shown = {d.id for d in decisions}
    actions = [a for a in session.exec(select(Action).where(Action.comment_id == comment_id).order_by(col(Action.id)))
               if a.decision_id is None or a.decision_id in shown]
    referrals = [r for r in session.exec(select(Referral).where(Referral.comment_id == comment_id)
                                         .order_by(col(Referral.id))) if r.decision_id in shown]
    escalations = list(session.exec(select(Escalation).where(Escalation.comment_id == comment_id)
                                    .order_by(col(Escalation.id))))
    if escalation_visible is not None:
        escalations = [e for e in escalations if escalation_visible(e)]
    alert_ids = [e.id for e in escalations]
    alerts = list(session.exec(select(Notification).where(col(Notification.escalation_id).in_(alert_ids))
                               .order_by(col(Notification.id)))) if alert_ids else []
    case = Case(
        comment=comment, school=session.get(School, comment.school_id), account=session.get(Account, comment.account_id),
        author=session.get(Author, comment.author_id) if comment.author_id else None,
        revisions=list(session.exec(select(CommentRevision).where(CommentRevision.comment_id == comment_id)
                                    .order_by(col(CommentRevision.revision)))),
        decisions=decisions, escalations=escalations, referrals=referrals, actions=actions, alerts=alerts,
        platform=outbox.platform_state(session, comment_id),
    )
    case.timeline = _timeline(case)
    return case


def load_for(session: Session, comment_id: int, reader: User | None) -> Case | None:
    """The case as ``reader`` may see it, by moderator/people/access.py's rule: people's decisions (with
    their referrals and actions) taken on the reader's routes, and the review items the reader may
    open (with their alerts). The console's case page and every document ask this; ``reader=None``
    is the service's own whole record (the command line, run by whoever runs the service)."""
    if reader is None:
        return load(session, comment_id)
    mine = set(session.exec(select(Escalation.id).where(Escalation.comment_id == comment_id,
                                                        access.escalation_visible(reader))).all())
    return load(session, comment_id, decision_visible=lambda d: access.decision_visible(reader, d),
                escalation_visible=lambda e: e.id in mine)


def _timeline(case: Case) -> list[Entry]:
    c = case.comment
    author = case.author.name if case.author and case.author.name else "the author"
    out = [Entry(c.created_at, "posted", author, f"Posted on {words.platform_name(c.platform)} ({case.account.handle})",
                 {"permalink": c.permalink}),
           Entry(c.fetched_at, "captured", "service", "Captured as evidence",
                 {"text_sha256": c.text_sha256, "bytes": c.text_bytes, "flags": c.flags})]
    for rev in case.revisions:
        if rev.kind == "edit":
            out.append(Entry(rev.seen_at, "edited", author, f"Edited by the author (revision {rev.revision})",
                             {"text": rev.text, "text_sha256": rev.text_sha256}))
        else:
            out.append(Entry(rev.seen_at, "removed_by_author", author, "Removed by the author", {}))
    for d in case.decisions:
        if d.kind == DecisionKind.AUTOMATIC:
            what = words.service_did(d.action, d.shadow)
            out.append(Entry(d.created_at, "decision", "service",
                             f"Automatic decision: {what}" + (f"; to {', '.join(route_name(r) for r in d.routes)}"
                                                              if d.routes else ""),
                             {"decision_id": d.id, "action": d.action, "shadow": d.shadow, "rules": d.rules,
                              "explanation": explain.lines(d), "priority": d.priority,
                              "policy_version": d.policy_version, "classifier": d.classifier,
                              "classifier_version": d.classifier_version, "scores": d.scores,
                              "thresholds": d.thresholds}))
        else:
            out.append(Entry(d.created_at, "human_decision", d.decided_by, f"{d.action.replace('_', ' ').capitalize()}",
                             {"decision_id": d.id, "action": d.action, "reason": d.reason,
                              "routes": d.routes}))
    for r in case.referrals:
        out.append(Entry(r.created_at, "referral", r.recorded_by, _referral_words(r),
                         {"kind": r.kind, "reference": r.reference, "contact": r.contact, "referred_on": r.referred_on}))
    for a in case.actions:
        result = {"done": "done", "failed": "failed", "pending": "waiting", "running": "in progress"}.get(a.status, a.status)
        out.append(Entry(a.done_at or a.created_at, "action", a.requested_by, f"Platform: {a.kind} ({result})",
                         {"action_id": a.id, "kind": a.kind, "status": a.status, "attempts": a.attempts,
                          "error": a.last_error, "key": a.idempotency_key}))
    for n in case.alerts:
        out.append(Entry(n.sent_at or n.created_at, "alert", "service", f"E-mail alert ({n.kind}) {n.status}",
                         {"to": n.recipient, "subject": n.subject}))
    return sorted(out, key=lambda e: (e.at is None, e.at.replace(tzinfo=None) if e.at else datetime.min))


def _referral_words(referral: Referral) -> str:
    return words.referral_name(referral.kind) + (f" (reference {referral.reference})" if referral.reference else "")
