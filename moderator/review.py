"""A person's decision, and who may see what.

Who may see what is ONE rule, built on moderator/vocab.py's ROLE_ROUTES, and every read path uses
it: the console's queue, item, author history, record, overview counts and charts, search, and the
alert e-mails (moderator/notify.py). Two levels:

- an *item* (an escalation, and the comment text behind it) is visible to the roles that review its
  route, in their own school;
- a comment that reached a route kept *confidential* from a role (the chair of governors' items are
  about the headteacher) does not exist for that role at all: not in a list, a count, a chart, an
  author's history, a conversation or an e-mail.

A person's decision is one Decision row (kind "human"), the outbox action it needs, the escalation's
state change, a Referral row for referral outcomes and the audit events, all in the caller's
transaction. Platform actions are never called from here: they are Action rows with an idempotency
key ``<kind>:<platform>:<comment external id>:<decision id>``, executed by the worker's outbox.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, exists, false, true
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from moderator import audit, outbox
from moderator.escalations import transition
from moderator.tables import Account, Action, Comment, Decision, Escalation, Referral, User
from moderator.vocab import (
    OPEN_ESCALATION_STATES, ROLE_DECISIONS, ROLE_ROUTES, HumanDecision as D, Role, Route,
)

# Comments that reached these routes are none of this role's business: they may be about that person.
CONFIDENTIAL_ROUTES: dict[str, tuple[str, ...]] = {Role.HEADTEACHER: (Route.CHAIR,)}

MAX_REASON = 2000
MAX_REPLY = 8000
MAX_REFERENCE = 100
MAX_CONTACT = 200


# -- who may see what ----------------------------------------------------------------------------

def routes_for(user: User) -> tuple[str, ...]:
    return tuple(ROLE_ROUTES.get(user.role, ()))


def may(user: User, decision: str) -> bool:
    return decision in ROLE_DECISIONS.get(user.role, frozenset())


def can_act(role: str) -> bool:
    return bool(ROLE_DECISIONS.get(role))


def _school(user: User, school_id_col):
    return true() if user.school_id is None else school_id_col == user.school_id


def not_confidential(user: User, comment_id_col):
    """A WHERE clause: the comment never reached a route kept confidential from this person."""
    hidden = CONFIDENTIAL_ROUTES.get(user.role)
    if not hidden:
        return true()
    other = aliased(Escalation)
    return ~exists().where(other.comment_id == comment_id_col, col(other.route).in_(hidden))


def escalation_visible(user: User, esc=Escalation):
    """A WHERE clause on Escalation (or an alias of it): the items this person may open."""
    routes = routes_for(user)
    if not routes:
        return false()
    return and_(col(esc.route).in_(routes), _school(user, esc.school_id), not_confidential(user, esc.comment_id))


def comment_in_scope(user: User, comment=Comment):
    """A WHERE clause on Comment: what may be counted for this person (overview totals and charts)."""
    return and_(_school(user, comment.school_id), not_confidential(user, comment.id))


def comment_readable(user: User, comment_id_col):
    """A WHERE clause: this person may read the comment's text (it is in one of their items)."""
    esc = aliased(Escalation)
    return exists().where(esc.comment_id == comment_id_col, escalation_visible(user, esc))


def can_see_escalation(session: Session, user: User, escalation_id: int) -> bool:
    return session.exec(select(Escalation.id).where(Escalation.id == escalation_id,
                                                    escalation_visible(user))).first() is not None


def decision_visible(user: User, decision: Decision) -> bool:
    """The service's own decision explains the item; a person's decision belongs to the route it was taken on."""
    if decision.kind != "human":
        return True
    return bool(set(decision.routes or []) & set(routes_for(user)))


# -- explanations: the stored record, never today's policy file ------------------------------------

def explanation_entries(decision: Decision | None) -> list[dict]:
    """The decision's stored explanation, one entry per reason: {"text", "clauses": [stored clause dicts]}.
    Rendered by moderator/explain.py from the row itself; an older row without one falls back to its
    rule ids and all its stored clauses. The policy file is never read."""
    if decision is None:
        return []
    out: list[dict] = []
    if getattr(decision, "explanation", None):
        try:
            from moderator import explain

            rendered = explain.render(decision)
        except Exception:  # it could not render this row: the stored text still can
            rendered = decision.explanation
        for entry in rendered or []:
            if isinstance(entry, str):
                out.append({"text": entry, "clauses": []})
            elif isinstance(entry, dict) and entry.get("text"):
                clauses = [c for c in entry.get("clauses") or [] if isinstance(c, dict)]
                out.append({"text": str(entry["text"]), "clauses": clauses})
    if not out:
        rules = [str(rule).replace("_", " ") for rule in (decision.rules or [])]
        out = [{"text": text, "clauses": []} for text in rules]
        if out:
            out[-1]["clauses"] = [c for c in (decision.clauses or []) if isinstance(c, dict)]
    return out


def explanation_lines(decision: Decision | None) -> list[str]:
    """The stored explanation as plain lines (e-mails, lists)."""
    return [entry["text"] for entry in explanation_entries(decision)]


def reason_line(decision: Decision | None, fallback: str = "") -> str:
    """One line that says why: the first stored explanation, else the signals, else ``fallback``."""
    lines = explanation_lines(decision)
    if lines:
        return lines[0][:300]
    if decision is not None and decision.signals:
        return "; ".join(decision.signals)[:300]
    return (fallback or "")[:300]


# -- decisions -----------------------------------------------------------------------------------

# decision -> (Decision.action, outbox action kind or None, escalation state afterwards)
DECISION_EFFECTS: dict[str, tuple[str, str | None, str]] = {
    D.KEEP_HIDDEN: ("hide", "hide", "decided"),
    D.RESTORE: ("unhide", "unhide", "decided"),
    D.DELETE: ("delete", "delete", "decided"),
    D.BAN: ("ban", "ban", "decided"),
    D.REPLY: ("reply", "reply", "decided"),
    D.REFER_DSL: ("refer", None, "referred"),
    D.REFER_CHAIR: ("refer", None, "referred"),
    D.POLICE_REFERRAL: ("police_referral", None, "decided"),
    D.NO_POLICE_REFERRAL: ("police_none", None, "decided"),
    D.REFER_MASH: ("mash_referral", None, "decided"),
    D.LADO_CONSULTED: ("lado_consulted", None, "decided"),
    D.EARLY_HELP: ("early_help", None, "decided"),
    D.NO_REFERRAL: ("no_referral", None, "decided"),
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
REFERRAL_NAMES: dict[str, str] = {
    "police": "Referred to the police", "no_police": "No police referral needed",
    "mash": "Referred to children's social care / MASH", "lado": "LADO consulted",
    "early_help": "Early help", "none": "No safeguarding referral",
}
SAFEGUARDING = (D.REFER_MASH, D.LADO_CONSULTED, D.EARLY_HELP, D.NO_REFERRAL)
POLICE = (D.POLICE_REFERRAL, D.NO_POLICE_REFERRAL)
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
class Outcome:
    escalation: Escalation
    decision: Decision | None
    action: Action | None


def applies(decision: str, escalation: Escalation, supports: frozenset[str] | set[str]) -> bool:
    """Whether ``decision`` fits this item now: its route, its state, what the platform can do."""
    state, route = escalation.state, escalation.route
    if decision == D.REOPEN:
        return state in ("decided", "closed")
    if decision == D.CLOSE:
        return state != "closed"
    if state in ("decided", "closed"):
        return False
    if decision in PLATFORM_DECISIONS:
        return PLATFORM_DECISIONS[decision] in supports and route != Route.POLICE
    if decision in POLICE:
        return route == Route.POLICE
    if decision in SAFEGUARDING:
        return route == Route.DSL
    if decision in REFER_ROUTES:
        return route != REFER_ROUTES[decision] and route != Route.POLICE
    return False


def offered(user: User, escalation: Escalation, supports: frozenset[str] | set[str]) -> list[str]:
    """The decisions the item page offers this person, in display order. The server accepts only these."""
    return [d for d in DECISION_LABELS if may(user, d) and applies(d, escalation, supports)]


def supports_of(account: Account) -> frozenset[str]:
    try:
        from connectors import connector_class

        return frozenset(connector_class(account.connector).supports)
    except Exception:
        return frozenset()


def police_twin(session: Session, user: User, escalation: Escalation) -> Escalation | None:
    """The open police-review escalation of the same comment, when this person reviews it too: the
    police question is then part of this item instead of a second entry in the queue."""
    if escalation.route == Route.POLICE or not may(user, D.POLICE_REFERRAL):
        return None
    return session.exec(select(Escalation).where(
        Escalation.comment_id == escalation.comment_id, Escalation.route == Route.POLICE,
        col(Escalation.state).in_(OPEN_ESCALATION_STATES), escalation_visible(user))).first()


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


def decide(session: Session, escalation: Escalation, user: User, decision: str, reason: str, *,
           supports: frozenset[str] | set[str] | None = None, police_answer: str = "", ask_police: bool = True,
           **details: str) -> Outcome:
    """Apply one decision, offered to this person for this item, and the police question when the item
    carries one (``police_answer``: "refer" or "none"). Raises Refused, Invalid or
    escalations.IllegalTransition; never commits."""
    if decision not in DECISION_LABELS:
        raise Invalid(f"unknown decision {decision!r}", "decision")
    if not may(user, decision):
        raise Refused(f"your role ({user.role}) cannot {DECISION_LABELS[decision].lower()}")
    if not can_see_escalation(session, user, escalation.id):
        raise Refused("this item is not in your queue")
    comment = session.get(Comment, escalation.comment_id)
    account = session.get(Account, comment.account_id)
    if supports is None:
        supports = supports_of(account)
    if not applies(decision, escalation, supports):
        from moderator.escalations import IllegalTransition

        if escalation.state in ("decided", "closed") and decision not in (D.CLOSE, D.REOPEN):
            raise IllegalTransition(f"escalation {escalation.id} is already {escalation.state}")
        raise Refused(f"“{DECISION_LABELS[decision]}” is not a choice for this item")
    reason = _reason(reason)
    twin = police_twin(session, user, escalation) if ask_police else None
    if twin is not None and decision not in (D.CLOSE, D.REOPEN, *REFER_ROUTES):
        if police_answer not in ("refer", "none"):
            raise Invalid("answer the police question: refer to the police, or no referral needed", "police_answer")
    if decision in (D.CLOSE, D.REOPEN):
        transition(session, escalation, "closed" if decision == D.CLOSE else "in_review", actor=user.username,
                   reason=reason)
        audit.record(session, "decision.human", actor=user.username, school_id=escalation.school_id,
                     subject_type="comment", subject_id=escalation.comment_id,
                     data={"escalation_id": escalation.id, "decision": str(decision), "reason": reason,
                           "by": user.username, "role": user.role})
        return Outcome(escalation, None, None)

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
    if action_kind == "hide" and outbox.platform_state(session, comment.id).hidden_once_sent:
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
    if referral is not None:
        kind = REFERRAL_KINDS[decision]
        ref = Referral(escalation_id=escalation.id, comment_id=comment.id, decision_id=row.id, kind=kind,
                       recorded_by=user.username, **referral)
        session.add(ref)
        session.flush()
        audit.record(session, "referral.recorded", actor=user.username, school_id=comment.school_id,
                     subject_type="comment", subject_id=comment.id,
                     data={"referral_id": ref.id, "kind": kind, "escalation_id": escalation.id, "route": escalation.route,
                           "decision_id": row.id, **referral})
    if decision in REFER_ROUTES:
        _refer(session, escalation, REFER_ROUTES[decision], row, user, reason)
    audit.record(session, "decision.human", actor=user.username, school_id=comment.school_id,
                 subject_type="comment", subject_id=comment.id,
                 data={"decision_id": row.id, "escalation_id": escalation.id, "decision": str(decision),
                       "action": label, "reason": reason, "by": user.username, "role": user.role,
                       "action_key": action.idempotency_key if action else None,
                       "referral": referral, "reply": params.get("message")})
    if twin is not None and police_answer in ("refer", "none") and decision not in REFER_ROUTES:
        police_decision = D.POLICE_REFERRAL if police_answer == "refer" else D.NO_POLICE_REFERRAL
        decide(session, twin, user, police_decision, police_reason or reason, supports=supports, ask_police=False,
               **details)
    return Outcome(escalation, row, action)


def _refer(session: Session, escalation: Escalation, route: str, decision: Decision, user: User, reason: str) -> None:
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
    """The same decision on several items, all or nothing. Only the bulk decisions; an item's police
    question stays open for its own page."""
    if decision not in BULK_DECISIONS:
        raise Invalid("choose keep hidden, restore or close for several items at once", "decision")
    if not escalations:
        raise Invalid("select at least one item", "ids")
    return [decide(session, esc, user, decision, reason, ask_police=False, **details) for esc in escalations]
