"""What a signed-in person may see: routes by role, their own school, and no conflict of interest."""
from __future__ import annotations

from sqlalchemy import and_, exists, false, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from moderator.console.auth import ROLE_DECISIONS, ROLE_ROUTES
from moderator.tables import Comment, Escalation, User

_Other = aliased(Escalation)


def routes_for(user: User) -> tuple[str, ...]:
    return ROLE_ROUTES.get(user.role, ())


def may(user: User, decision: str) -> bool:
    return decision in ROLE_DECISIONS.get(user.role, frozenset())


def escalation_filter(user: User):
    """A WHERE clause on Escalation: the rows this person may see."""
    routes = routes_for(user)
    if not routes:
        return false()
    clause = col(Escalation.route).in_(routes)
    if user.school_id is not None:
        clause = and_(clause, Escalation.school_id == user.school_id)
    if user.role == "headteacher":
        # A comment that went to the chair of governors is about the headteacher: none of it is theirs to see.
        clause = and_(clause, ~exists().where(_Other.comment_id == Escalation.comment_id,
                                              _Other.route == "chair_of_governors"))
    return clause


def can_see_escalation(session: Session, user: User, escalation_id: int) -> bool:
    return session.exec(select(Escalation.id).where(Escalation.id == escalation_id,
                                                    escalation_filter(user))).first() is not None


def masked_comment_ids(session: Session, user: User, comment_ids: list[int]) -> set[int]:
    """Of these comments, the ones routed only to other people: show that they exist, not their text."""
    if not comment_ids:
        return set()
    routed = set(session.exec(select(Escalation.comment_id).where(col(Escalation.comment_id).in_(comment_ids))).all())
    visible = set(session.exec(select(Escalation.comment_id).where(col(Escalation.comment_id).in_(comment_ids),
                                                                   escalation_filter(user))).all())
    masked = routed - visible
    if user.role == "headteacher":
        masked |= set(session.exec(select(Escalation.comment_id).where(
            col(Escalation.comment_id).in_(comment_ids), Escalation.route == "chair_of_governors")).all())
    if user.school_id is not None:
        masked |= set(session.exec(select(Comment.id).where(col(Comment.id).in_(comment_ids),
                                                            or_(Comment.school_id != user.school_id))).all())
    return masked
