"""Escalations: ``open`` (the one way an item reaches a person), ``transition`` (the one way its
state changes) and ``queue_order`` (the one order every queue lists them in)."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import String, case, cast, exists, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from moderator import audit
from moderator.db import utcnow
from moderator.tables import Decision, Escalation
from moderator.vocab import (
    CHILD_AT_RISK_RULES, OPEN_ESCALATION_STATES, THREAT_RULES, EscalationState, Priority, Route,
)

E = EscalationState
STATES = tuple(EscalationState)
OPEN_STATES = OPEN_ESCALATION_STATES

# (from, to) pairs a person may make happen; anything else is refused.
ALLOWED = {
    (E.NEW, E.IN_REVIEW), (E.NEW, E.DECIDED), (E.NEW, E.REFERRED), (E.NEW, E.CLOSED),
    (E.IN_REVIEW, E.DECIDED), (E.IN_REVIEW, E.REFERRED), (E.IN_REVIEW, E.NEW), (E.IN_REVIEW, E.CLOSED),
    (E.REFERRED, E.IN_REVIEW), (E.REFERRED, E.DECIDED), (E.REFERRED, E.CLOSED),
    (E.DECIDED, E.CLOSED), (E.DECIDED, E.IN_REVIEW), (E.CLOSED, E.IN_REVIEW),
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
    session.flush()
    audit.record(session, "escalation.transition", actor=actor, school_id=escalation.school_id,
                 subject_type="escalation", subject_id=escalation.id,
                 data={"from": previous, "to": to, "reason": reason[:2000]}, evidence=audit.evidence_of(escalation))
    return escalation


def open(session: Session, *, school_id: int, comment_id: int, route: str, priority: str | None, reason: str,
         decision_id: int | None, actor: str = "service", reopen_reason: str | None = None,
         shadow: bool = False, referred_from: int | None = None) -> Escalation:  # noqa: A001
    """The escalation of this comment to ``route``, created if there is none (one per comment and
    route). ``reopen_reason``: if it exists and was already decided or closed, put it back in review.
    ``shadow``: the school runs in shadow mode, so the item is what the service *would have* done.
    ``referred_from``: the escalation a person referred it from (moderator/act/review.py)."""
    ((escalation, created),) = open_many(session, [Wanted(school_id, comment_id, route, priority, reason, decision_id,
                                                          shadow)])
    if created:
        record_opened(session, escalation, actor=actor, reason=reason, referred_from=referred_from)
    elif reopen_reason and escalation.state in (EscalationState.DECIDED, EscalationState.CLOSED):
        transition(session, escalation, EscalationState.IN_REVIEW, actor=actor, reason=reopen_reason)
    return escalation


@dataclass
class Wanted:
    """One escalation to open (``open_many``)."""

    school_id: int
    comment_id: int
    route: str
    priority: str | None
    reason: str
    decision_id: int | None
    shadow: bool = False


def open_many(session: Session, wanted: list[Wanted]) -> list[tuple[Escalation, bool]]:
    """Each comment's escalation to its route, created where there is none, with one look-up and one
    insert for them all: (escalation, created) in the order asked. The caller records ``record_opened``
    for each created one, in the order its own events need."""
    found: dict[tuple[int, str], Escalation] = {}
    comment_ids = sorted({w.comment_id for w in wanted})
    if comment_ids:
        for esc in session.exec(select(Escalation).where(col(Escalation.comment_id).in_(comment_ids))):
            found[(esc.comment_id, esc.route)] = esc
    out: list[tuple[Escalation, bool]] = []
    new: list[Escalation] = []
    for w in wanted:
        escalation = found.get((w.comment_id, w.route))
        if escalation is not None:
            out.append((escalation, False))
            continue
        escalation = Escalation(school_id=w.school_id, comment_id=w.comment_id, decision_id=w.decision_id,
                                route=w.route, priority=w.priority or Priority.NORMAL, reason=w.reason[:2000],
                                shadow=w.shadow)
        found[(w.comment_id, w.route)] = escalation
        new.append(escalation)
        out.append((escalation, True))
    if new:
        session.add_all(new)
        session.flush()
    return out


def record_opened(session: Session, escalation: Escalation, *, actor: str = "service", reason: str | None = None,
                  referred_from: int | None = None) -> None:
    data = {"comment_id": escalation.comment_id, "route": escalation.route, "priority": escalation.priority,
            "reason": (escalation.reason if reason is None else reason)[:500], "shadow": escalation.shadow}
    if referred_from is not None:
        data["referred_from"] = referred_from
    audit.record(session, "escalation.opened", actor=actor, school_id=escalation.school_id, subject_type="escalation",
                 subject_id=escalation.id, data=data, evidence=audit.evidence_of(escalation))


# -- the order of a queue -------------------------------------------------------------------------

def harm_rank(esc=Escalation, decision=Decision):
    """A SQL expression on an Escalation (or alias) joined to its Decision: 0 a child at risk, 1 a threat
    or police review (this entry, or an open police review of the same comment), 2 the rest."""
    rules = cast(decision.rules, String)
    police = aliased(Escalation)
    under_police = exists().where(police.comment_id == esc.comment_id, police.route == Route.POLICE,
                                  col(police.state).in_(OPEN_STATES))
    return case((or_(*(rules.like(f'%"{r}"%') for r in CHILD_AT_RISK_RULES)), 0),
                (or_(esc.route == Route.POLICE, under_police, *(rules.like(f'%"{r}"%') for r in THREAT_RULES)), 1),
                else_=2)


def priority_rank(esc=Escalation):
    return case((esc.priority == Priority.URGENT, 0), (esc.priority == Priority.NORMAL, 1), else_=2)


def queue_order(esc=Escalation, decision=Decision) -> tuple:
    """ORDER BY keys, all ascending: harm, priority, age, id. Join ``decision`` on ``esc.decision_id``."""
    return harm_rank(esc, decision), priority_rank(esc), col(esc.created_at), col(esc.id)
