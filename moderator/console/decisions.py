"""A person's decision on an escalation: one Decision row (kind "human"), the outbox action it needs,
the escalation's state change and the audit events, all in the caller's transaction.

Platform actions are never called from here: they are Action rows with an idempotency key
``<kind>:<platform>:<comment external id>:<decision id>``, executed by the worker's outbox.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from moderator import audit
from moderator.console.access import can_see_escalation, may
from moderator.tables import PoliceReferral
from moderator.escalations import transition
from moderator.tables import Account, Action, Comment, Decision, Escalation, User

# decision -> (Decision.action, outbox action kind or None, escalation state afterwards)
DECISION_EFFECTS: dict[str, tuple[str, str | None, str]] = {
    "keep_hidden": ("hide", "hide", "decided"),
    "restore": ("unhide", "unhide", "decided"),
    "delete": ("delete", "delete", "decided"),
    "ban": ("ban", "ban", "decided"),
    "reply": ("reply", "reply", "decided"),
    "refer_dsl": ("refer", None, "referred"),
    "refer_chair": ("refer", None, "referred"),
    "police_referral": ("police_referral", None, "decided"),
    "no_police_referral": ("police_none", None, "decided"),
}
DECISION_LABELS = {
    "keep_hidden": "Keep hidden",
    "restore": "Restore (unhide)",
    "delete": "Delete",
    "ban": "Ban the author",
    "reply": "Send a reply",
    "refer_dsl": "Refer to the DSL",
    "refer_chair": "Refer to the chair of governors",
    "police_referral": "Record a police referral",
    "no_police_referral": "No police referral needed",
    "close": "Close",
    "reopen": "Reopen",
}
REFER_ROUTES = {"refer_dsl": "dsl", "refer_chair": "chair_of_governors"}
MAX_REASON = 2000
MAX_REPLY = 8000


class Refused(Exception):
    """This person may not do this (HTTP 403)."""


class Invalid(Exception):
    """The request is incomplete or malformed (HTTP 422); the message says what to fix."""


@dataclass
class Outcome:
    escalation: Escalation
    decision: Decision | None
    action: Action | None


def _is_hidden(session: Session, comment: Comment) -> bool:
    last = session.exec(select(Action).where(Action.comment_id == comment.id, col(Action.kind).in_(("hide", "unhide")),
                                             Action.status != "failed")
                        .order_by(col(Action.id).desc()).limit(1)).first()
    return last is not None and last.kind == "hide"


def _police_details(details: dict) -> dict:
    reference = (details.get("police_reference") or "").strip()
    officer = (details.get("police_officer") or "").strip()
    when = (details.get("police_date") or "").strip()
    if not reference or not officer or not when:
        raise Invalid("a police referral needs the reference number, the officer's name and the date")
    try:
        date.fromisoformat(when)
    except ValueError:
        raise Invalid("the referral date must be a date such as 2026-11-23") from None
    return {"reference": reference[:100], "officer": officer[:200], "referred_on": when}


def decide(session: Session, escalation: Escalation, user: User, decision: str, reason: str,
           **details: str) -> Outcome:
    """Apply one decision. Raises Refused, Invalid or escalations.IllegalTransition; never commits."""
    if decision not in DECISION_LABELS:
        raise Invalid(f"unknown decision {decision!r}")
    if not may(user, decision):
        raise Refused(f"your role ({user.role}) cannot {DECISION_LABELS[decision].lower()}")
    if not can_see_escalation(session, user, escalation.id):
        raise Refused("this item is not in your queue")
    reason = (reason or "").strip()
    if not reason:
        raise Invalid("give a reason: it goes into the audit log and any complaint or police file")
    reason = reason[:MAX_REASON]
    if decision in ("close", "reopen"):
        transition(session, escalation, "closed" if decision == "close" else "in_review", actor=user.username,
                   reason=reason)
        return Outcome(escalation, None, None)

    label, action_kind, new_state = DECISION_EFFECTS[decision]
    params: dict = {}
    if decision == "reply":
        text = (details.get("reply_text") or "").strip()
        if not text:
            raise Invalid("write the reply to send")
        params["message"] = text[:MAX_REPLY]
    police = _police_details(details) if decision == "police_referral" else None

    comment = session.get(Comment, escalation.comment_id)
    account = session.get(Account, comment.account_id)
    automatic = session.get(Decision, escalation.decision_id) if escalation.decision_id else None
    transition(session, escalation, new_state, actor=user.username, reason=f"{DECISION_LABELS[decision]}: {reason}")

    row = Decision(
        comment_id=comment.id, revision=comment.revision, analysis_id=automatic.analysis_id if automatic else None,
        kind="human", action=label, rules=automatic.rules if automatic else [],
        signals=automatic.signals if automatic else [], routes=[escalation.route], priority=escalation.priority,
        clauses=automatic.clauses if automatic else [], policy_name=automatic.policy_name if automatic else "",
        policy_version=automatic.policy_version if automatic else "", decided_by=user.username, reason=reason,
    )
    session.add(row)
    session.flush()

    action = None
    if action_kind == "hide" and _is_hidden(session, comment):
        action_kind = None  # already hidden: keeping it so needs no platform call
    if action_kind:
        key = f"{action_kind}:{comment.platform}:{comment.external_id}:{row.id}"
        action = Action(account_id=account.id, comment_id=comment.id, decision_id=row.id, kind=action_kind,
                        params=params, idempotency_key=key, requested_by=user.username)
        session.add(action)
        session.flush()
        audit.record(session, "action.queued", actor=user.username, school_id=comment.school_id,
                     subject_type="action", subject_id=action.id,
                     data={"kind": action_kind, "comment_id": comment.id, "key": key, "decision_id": row.id})
    if police is not None or decision == "no_police_referral":
        session.add(PoliceReferral(escalation_id=escalation.id, comment_id=comment.id, decision_id=row.id,
                                   referred=police is not None, recorded_by=user.username, **(police or {})))
    if decision in REFER_ROUTES:
        _refer(session, escalation, REFER_ROUTES[decision], row, user, reason)
    audit.record(session, "decision.human", actor=user.username, school_id=comment.school_id,
                 subject_type="comment", subject_id=comment.id,
                 data={"decision_id": row.id, "escalation_id": escalation.id, "decision": decision,
                       "action": label, "reason": reason, "by": user.username, "role": user.role,
                       "action_key": action.idempotency_key if action else None,
                       "police": police, "reply": params.get("message")})
    return Outcome(escalation, row, action)


def _refer(session: Session, escalation: Escalation, route: str, decision: Decision, user: User, reason: str) -> None:
    if route == escalation.route:
        raise Invalid("this item is already with that reviewer")
    existing = session.exec(select(Escalation).where(Escalation.comment_id == escalation.comment_id,
                                                     Escalation.route == route)).first()
    note = f"referred by {user.username}: {reason}"
    if existing is None:
        new = Escalation(school_id=escalation.school_id, comment_id=escalation.comment_id, decision_id=decision.id,
                         route=route, priority=escalation.priority, reason=note[:2000])
        session.add(new)
        session.flush()
        audit.record(session, "escalation.opened", actor=user.username, school_id=new.school_id,
                     subject_type="escalation", subject_id=new.id,
                     data={"comment_id": new.comment_id, "route": route, "priority": new.priority,
                           "referred_from": escalation.id})
    elif existing.state in ("decided", "closed"):
        transition(session, existing, "in_review", actor=user.username, reason=note)


def decide_many(session: Session, escalations: list[Escalation], user: User, decision: str, reason: str,
                **details: str) -> list[Outcome]:
    """The same decision on several items, all or nothing."""
    if not escalations:
        raise Invalid("select at least one item")
    return [decide(session, esc, user, decision, reason, **details) for esc in escalations]
