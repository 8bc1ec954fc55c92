"""A person's decision. Who may see and do what is moderator/people/access.py.

A person's decision is one Decision row (kind "human"), the outbox action it needs, the escalation's
state change, a Referral row for referral outcomes and the audit events, all in the caller's
transaction. Platform actions are never called from here: they are Action rows with an idempotency
key ``<kind>:<platform>:<comment external id>:<decision id>``, executed by the worker's outbox.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from moderator import audit
from moderator.act import escalations, outbox
from moderator.act.escalations import transition
from moderator.people import access
from moderator.tables import Account, Action, Comment, Decision, Escalation, Referral, User
from moderator.vocab import (
    OPEN_ESCALATION_STATES, STAFF_HARM_RULES, EscalationState as E, HumanDecision as D,
    Route,
)

MAX_REASON = 2000
MAX_REPLY = 8000
MAX_REFERENCE = 100
MAX_CONTACT = 200


# -- decisions -----------------------------------------------------------------------------------

# decision -> (Decision.action, outbox action kind or None, escalation state afterwards)
DECISION_EFFECTS: dict[str, tuple[str, str | None, str]] = {
    D.KEEP_HIDDEN: ("hide", "hide", E.DECIDED),
    D.RESTORE: ("unhide", "unhide", E.DECIDED),
    D.DELETE: ("delete", "delete", E.DECIDED),
    D.BAN: ("ban", "ban", E.DECIDED),
    D.REPLY: ("reply", "reply", E.DECIDED),
    D.REFER_DSL: ("refer", None, E.REFERRED),
    D.REFER_CHAIR: ("refer", None, E.REFERRED),
    D.POLICE_REFERRAL: ("police_referral", None, E.DECIDED),
    D.NO_POLICE_REFERRAL: ("police_none", None, E.DECIDED),
    # A safeguarding outcome is recorded beside the platform decision, not instead of it: a new item
    # goes into review and stays in the queue until it is kept hidden, restored, deleted... or closed.
    D.REFER_MASH: ("mash_referral", None, E.IN_REVIEW),
    D.LADO_CONSULTED: ("lado_consulted", None, E.IN_REVIEW),
    D.EARLY_HELP: ("early_help", None, E.IN_REVIEW),
    D.NO_REFERRAL: ("no_referral", None, E.IN_REVIEW),
}
DECISION_LABELS: dict[str, str] = {
    D.KEEP_HIDDEN: "Keep hidden",
    D.RESTORE: "Restore (unhide)",
    D.DELETE: "Delete",
    D.BAN: "Ban the author",
    D.REPLY: "Send a reply",
    D.REFER_DSL: "Refer to the DSL",
    D.REFER_CHAIR: "Refer to the chair of governors",
    D.POLICE_REFERRAL: "Record a police referral",
    D.NO_POLICE_REFERRAL: "No police referral needed",
    D.REFER_MASH: "Referred to children's social care / MASH",
    D.LADO_CONSULTED: "LADO consulted (an allegation about a member of staff)",
    D.EARLY_HELP: "Early help",
    D.NO_REFERRAL: "No referral (say why)",
    D.CLOSE: "Close",
    D.REOPEN: "Reopen",
}
# The Referral row each referral outcome writes (the case history).
REFERRAL_KINDS: dict[str, str] = {
    D.POLICE_REFERRAL: "police", D.NO_POLICE_REFERRAL: "no_police", D.REFER_MASH: "mash",
    D.LADO_CONSULTED: "lado", D.EARLY_HELP: "early_help", D.NO_REFERRAL: "none",
}
SAFEGUARDING = (D.REFER_MASH, D.LADO_CONSULTED, D.EARLY_HELP, D.NO_REFERRAL)
# Outside the DSL's route, an allegation that staff harmed a child asks its reviewer one question: the LADO.
STAFF_HARM_OUTCOMES = (D.LADO_CONSULTED, D.NO_REFERRAL)
POLICE = (D.POLICE_REFERRAL, D.NO_POLICE_REFERRAL)
# The route a referral of each kind belongs to, for who may see it (``applies``: police outcomes on
# police review, safeguarding outcomes on the DSL's items).
REFERRAL_ROUTES: dict[str, str] = {**{REFERRAL_KINDS[d]: Route.POLICE for d in POLICE},
                                   **{REFERRAL_KINDS[d]: Route.DSL for d in SAFEGUARDING}}
REFER_ROUTES = {D.REFER_DSL: Route.DSL, D.REFER_CHAIR: Route.CHAIR}
BULK_DECISIONS = (D.KEEP_HIDDEN, D.RESTORE, D.CLOSE)
PLATFORM_DECISIONS = {D.KEEP_HIDDEN: "hide", D.RESTORE: "unhide", D.DELETE: "delete", D.BAN: "ban", D.REPLY: "reply"}


class Refused(Exception):
    """This person may not do this (HTTP 403)."""


class Invalid(Exception):
    """The request is incomplete or malformed (HTTP 422). ``field`` names the form field to fix."""

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.field = field


@dataclass
class Verdict:
    """What a person's decision did: the item, the Decision row and any platform action queued
    (policy.Outcome is the service's own judgement, made before anyone looks)."""

    escalation: Escalation
    decision: Decision | None
    action: Action | None


def applies(decision: str, escalation: Escalation, supports: frozenset[str] | set[str],
            rules: list[str] | tuple[str, ...] = ()) -> bool:
    """Whether ``decision`` fits this item now: its route, its state, what the platform can do and
    ``rules``, those of the automatic decision behind it. A safeguarding outcome is separate from the
    platform decision: either may come first, and it may be recorded until the item is closed."""
    state, route = escalation.state, escalation.route
    if decision == D.REOPEN:
        return state in (E.DECIDED, E.CLOSED)
    if decision == D.CLOSE:
        return state != E.CLOSED
    if decision in SAFEGUARDING:
        if state == E.CLOSED:
            return False
        staff_harm = route in (Route.HEADTEACHER, Route.CHAIR) and bool(set(STAFF_HARM_RULES) & set(rules or ()))
        return route == Route.DSL or (staff_harm and decision in STAFF_HARM_OUTCOMES)
    if state in (E.DECIDED, E.CLOSED):
        return False
    if decision in PLATFORM_DECISIONS:
        return PLATFORM_DECISIONS[decision] in supports and route != Route.POLICE
    if decision in POLICE:
        return route == Route.POLICE
    if decision in REFER_ROUTES:
        return route != REFER_ROUTES[decision] and route != Route.POLICE
    return False


def offered(user: User, escalation: Escalation, supports: frozenset[str] | set[str],
            rules: list[str] | tuple[str, ...] = ()) -> list[str]:
    """The decisions the item page offers this person, in display order. The server accepts only these."""
    return [d for d in DECISION_LABELS if access.may(user, d) and applies(d, escalation, supports, rules)]


def rules_of(session: Session, escalation: Escalation) -> list[str]:
    """The rules behind an item: those of the decision that opened it (a referral copies them)."""
    opened_by = session.get(Decision, escalation.decision_id) if escalation.decision_id else None
    return list(opened_by.rules or []) if opened_by else []


def supports_of(account: Account) -> frozenset[str]:
    from connectors import supported_actions

    return supported_actions(account.connector, account.platform)


def police_twin(session: Session, user: User, escalation: Escalation) -> Escalation | None:
    """The open police-review escalation of the same comment, when this person reviews it too: the
    police question is then part of this item instead of a second entry in the queue."""
    if escalation.route == Route.POLICE or not access.may(user, D.POLICE_REFERRAL):
        return None
    return session.exec(select(Escalation).where(
        Escalation.comment_id == escalation.comment_id, Escalation.route == Route.POLICE,
        col(Escalation.state).in_(OPEN_ESCALATION_STATES), access.escalation_visible(user))).first()


def _iso_date(value: str, field: str) -> str:
    try:
        date.fromisoformat(value)
    except ValueError:
        raise Invalid("give the date as a date such as 2026-11-23", field) from None
    return value


def _referral_details(decision: str, details: dict) -> dict:
    get = lambda k: (details.get(k) or "").strip()  # noqa: E731
    if decision == D.POLICE_REFERRAL:
        reference, officer, when = get("police_reference"), get("police_officer"), get("police_date")
        if not reference:
            raise Invalid("a police referral needs the police reference number", "police_reference")
        if not officer:
            raise Invalid("a police referral needs the officer's name", "police_officer")
        if not when:
            raise Invalid("a police referral needs the date it was made", "police_date")
        return {"reference": reference[:MAX_REFERENCE], "contact": officer[:MAX_CONTACT],
                "referred_on": _iso_date(when, "police_date")}
    if decision == D.REFER_MASH:
        reference = get("sg_reference")
        if not reference:
            raise Invalid("a referral to children's social care or the MASH needs its reference", "sg_reference")
        when = get("sg_date")
        return {"reference": reference[:MAX_REFERENCE], "contact": get("sg_contact")[:MAX_CONTACT] or None,
                "referred_on": _iso_date(when, "sg_date") if when else None}
    if decision == D.LADO_CONSULTED:
        when = get("sg_date")
        return {"reference": get("sg_reference")[:MAX_REFERENCE] or None,
                "contact": get("sg_contact")[:MAX_CONTACT] or None,
                "referred_on": _iso_date(when, "sg_date") if when else None}
    return {}


def _reason(reason: str | None, field: str = "reason") -> str:
    reason = (reason or "").strip()
    if not reason:
        raise Invalid("give a reason: it goes into the audit log and any complaint or referral file", field)
    if len(reason) > MAX_REASON:
        raise Invalid(f"the reason is {len(reason)} characters; keep it to {MAX_REASON}", field)
    return reason


def record_decision(session: Session, escalation: Escalation, user: User, decision: str, reason: str, *,
                    supports: frozenset[str] | set[str] | None = None, police_answer: str = "",
                    ask_police: bool = True, **details: str) -> Verdict:
    """Apply one decision, offered to this person for this item, and the police question when the item
    carries one (``police_answer``: "refer" or "none"). Raises Refused, Invalid or
    escalations.IllegalTransition; never commits."""
    if decision not in DECISION_LABELS:
        raise Invalid(f"unknown decision {decision!r}", "decision")
    if not access.may(user, decision):
        raise Refused(f"your role ({user.role}) cannot {DECISION_LABELS[decision].lower()}")
    if not access.can_see_escalation(session, user, escalation.id):
        raise Refused("this item is not in your queue")
    comment = session.get(Comment, escalation.comment_id)
    account = session.get(Account, comment.account_id)
    if supports is None:
        supports = supports_of(account)
    automatic = session.get(Decision, escalation.decision_id) if escalation.decision_id else None
    if not applies(decision, escalation, supports, rules_of(session, escalation)):
        from moderator.act.escalations import IllegalTransition

        if escalation.state in (E.DECIDED, E.CLOSED) and decision not in (D.CLOSE, D.REOPEN):
            raise IllegalTransition(f"escalation {escalation.id} is already {escalation.state}")
        raise Refused(f"“{DECISION_LABELS[decision]}” is not a choice for this item")
    reason = _reason(reason)
    twin = police_twin(session, user, escalation) if ask_police else None
    if twin is not None and decision not in (D.CLOSE, D.REOPEN, *REFER_ROUTES):
        if police_answer not in ("refer", "none"):
            raise Invalid("answer the police question: refer to the police, or no referral needed", "police_answer")
    if decision in (D.CLOSE, D.REOPEN):
        transition(session, escalation, E.CLOSED if decision == D.CLOSE else E.IN_REVIEW, actor=user.username,
                   reason=reason)
        audit.record(session, "decision.human", actor=user.username, school_id=escalation.school_id,
                     subject_type="comment", subject_id=escalation.comment_id,
                     data={"escalation_id": escalation.id, "decision": str(decision), "reason": reason,
                           "by": user.username, "role": user.role})
        return Verdict(escalation, None, None)

    label, action_kind, new_state = DECISION_EFFECTS[decision]
    params: dict = {}
    if decision == D.REPLY:
        text = (details.get("reply_text") or "").strip()
        if not text:
            raise Invalid("write the reply to send", "reply_text")
        if len(text) > MAX_REPLY:
            raise Invalid(f"the reply is {len(text)} characters; keep it to {MAX_REPLY}", "reply_text")
        params["message"] = text
    referral = _referral_details(decision, details) if decision in REFERRAL_KINDS else None
    police_reason = ""
    if twin is not None and police_answer == "none" and decision not in REFER_ROUTES:
        police_reason = _reason(details.get("police_reason"), "police_reason")
    if twin is not None and police_answer == "refer" and decision not in REFER_ROUTES:
        _referral_details(D.POLICE_REFERRAL, details)  # check it all before changing anything

    if decision not in SAFEGUARDING or escalation.state == E.NEW:  # an outcome leaves an open item open
        transition(session, escalation, new_state, actor=user.username,
                   reason=f"{DECISION_LABELS[decision]}: {reason}")
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
    if action_kind == "hide" and outbox.platform_state(session, comment.id).hidden_once_sent:
        action_kind = None  # already hidden: keeping it so needs no platform call
    if action_kind:
        action = outbox.enqueue(session, comment=comment, kind=action_kind, decision_id=row.id,
                                key=outbox.action_key(action_kind, comment.platform, comment.external_id, row.id),
                                requested_by=user.username, params=params, note={"decision_id": row.id})
    if referral is not None:
        kind = REFERRAL_KINDS[decision]
        ref = Referral(escalation_id=escalation.id, comment_id=comment.id, decision_id=row.id, kind=kind,
                       recorded_by=user.username, **referral)
        session.add(ref)
        session.flush()
        audit.record(session, "referral.recorded", actor=user.username, school_id=comment.school_id,
                     subject_type="comment", subject_id=comment.id,
                     data={"referral_id": ref.id, "kind": kind, "escalation_id": escalation.id, "route": escalation.route,
                           "decision_id": row.id, **referral}, evidence=audit.evidence_of(ref))
    if decision in REFER_ROUTES:
        _refer(session, escalation, REFER_ROUTES[decision], row, user, reason)
    audit.record(session, "decision.human", actor=user.username, school_id=comment.school_id,
                 subject_type="comment", subject_id=comment.id,
                 data={"decision_id": row.id, "escalation_id": escalation.id, "decision": str(decision),
                       "action": label, "reason": reason, "by": user.username, "role": user.role,
                       "action_key": action.idempotency_key if action else None,
                       "referral": referral, "reply": params.get("message")}, evidence=audit.evidence_of(row))
    if twin is not None and police_answer in ("refer", "none") and decision not in REFER_ROUTES:
        police_decision = D.POLICE_REFERRAL if police_answer == "refer" else D.NO_POLICE_REFERRAL
        record_decision(session, twin, user, police_decision, police_reason or reason, supports=supports,
                        ask_police=False, **details)
    return Verdict(escalation, row, action)


def _refer(session: Session, escalation: Escalation, route: str, decision: Decision, user: User, reason: str) -> None:
    note = f"referred by {user.username}: {reason}"
    escalations.open(session, school_id=escalation.school_id, comment_id=escalation.comment_id, route=route,
                     priority=escalation.priority, reason=note, decision_id=decision.id, actor=user.username,
                     reopen_reason=note, referred_from=escalation.id)


def record_decisions(session: Session, escalations: list[Escalation], user: User, decision: str, reason: str,
                     **details: str) -> list[Verdict]:
    """The same decision on several items, all or nothing. Only the bulk decisions; an item's police
    question stays open for its own page."""
    if decision not in BULK_DECISIONS:
        raise Invalid("choose keep hidden, restore or close for several items at once", "decision")
    if not escalations:
        raise Invalid("select at least one item", "ids")
    return [record_decision(session, esc, user, decision, reason, ask_police=False, **details) for esc in escalations]
