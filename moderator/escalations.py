"""Escalations: ``open`` (the one way an item reaches a person) and ``transition`` (the one way its
state changes)."""
from __future__ import annotations

from sqlmodel import Session, select

from moderator import audit
from moderator.db import utcnow
from moderator.tables import Escalation
from moderator.vocab import OPEN_ESCALATION_STATES, EscalationState, Priority

STATES = tuple(EscalationState)
OPEN_STATES = OPEN_ESCALATION_STATES

# (from, to) pairs a person may make happen; anything else is refused.
ALLOWED = {
    ("new", "in_review"), ("new", "decided"), ("new", "referred"), ("new", "closed"),
    ("in_review", "decided"), ("in_review", "referred"), ("in_review", "new"), ("in_review", "closed"),
    ("referred", "in_review"), ("referred", "decided"), ("referred", "closed"),
    ("decided", "closed"), ("decided", "in_review"), ("closed", "in_review"),
}


class IllegalTransition(Exception):
    """The change is not allowed from the escalation's current state; the message says why (HTTP 409)."""


def _words(state: str) -> str:
    return state.replace("_", " ")


def transition(session: Session, escalation: Escalation, to: str, *, actor: str, reason: str) -> Escalation:
    """Move ``escalation`` to state ``to`` and audit it in the caller's transaction."""
    previous = escalation.state
    if to not in STATES:
        raise IllegalTransition(f"unknown state {to!r}; states: {', '.join(STATES)}")
    if (previous, to) not in ALLOWED:
        if previous == to:
            raise IllegalTransition(f"escalation {escalation.id} is already {_words(to)}")
        allowed = sorted(_words(b) for a, b in ALLOWED if a == previous)
        raise IllegalTransition(f"escalation {escalation.id} cannot go from {_words(previous)} to {_words(to)} "
                                f"(from {_words(previous)} it can go to: {', '.join(allowed)})")
    if not reason or not reason.strip():
        raise IllegalTransition("a reason is required")
    escalation.state = to
    escalation.updated_at = utcnow()
    session.add(escalation)
    audit.record(session, "escalation.transition", actor=actor, school_id=escalation.school_id,
                 subject_type="escalation", subject_id=escalation.id,
                 data={"from": previous, "to": to, "reason": reason[:2000]})
    return escalation


def open(session: Session, *, school_id: int, comment_id: int, route: str, priority: str | None, reason: str,
         decision_id: int | None, actor: str = "service", reopen_reason: str | None = None,
         shadow: bool = False) -> Escalation:  # noqa: A001
    """The escalation of this comment to ``route``, created if there is none (one per comment and
    route). ``reopen_reason``: if it exists and was already decided or closed, put it back in review.
    ``shadow``: the school runs in shadow mode, so the item is what the service *would have* done."""
    escalation = session.exec(
        select(Escalation).where(Escalation.comment_id == comment_id, Escalation.route == route)
    ).first()
    if escalation is None:
        escalation = Escalation(school_id=school_id, comment_id=comment_id, decision_id=decision_id, route=route,
                                priority=priority or Priority.NORMAL, reason=reason[:2000], shadow=shadow)
        session.add(escalation)
        session.flush()
        audit.record(session, "escalation.opened", actor=actor, school_id=school_id, subject_type="escalation",
                     subject_id=escalation.id, data={"comment_id": comment_id, "route": route,
                                                     "priority": escalation.priority, "reason": reason[:500],
                                                     "shadow": shadow})
    elif reopen_reason and escalation.state in (EscalationState.DECIDED, EscalationState.CLOSED):
        transition(session, escalation, EscalationState.IN_REVIEW, actor=actor, reason=reopen_reason)
    return escalation
