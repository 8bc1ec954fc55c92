"""Who may see and do what: ONE rule, built on moderator/vocab.py's ROLE_ROUTES, that every read
path uses: the console's queue, item, author history, record, overview counts and charts, search,
documents and the alert e-mails (moderator/act/notify.py). Two levels:

- an *item* (an escalation, and the comment text behind it) is visible to the roles that review its
  route, in their own school;
- a comment that reached a route kept *confidential* from a role (the chair of governors' items are
  about the headteacher) does not exist for that role at all: not in a list, a count, a chart, an
  author's history, a conversation or an e-mail.
"""
from __future__ import annotations

from sqlalchemy import and_, exists, false, or_, true
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from moderator.tables import Comment, Decision, Escalation, User
from moderator.vocab import ROLE_DECISIONS, ROLE_ROUTES, Role, Route

# The chair of governors' matters are about the headteacher. A comment that reached the chair's route
# is the chair's alone: kept from every other role (its police review and any other item of it
# included, so nobody the headteacher can appoint reads it), and the chair reviews each of its items,
# whatever route it was raised on. Trust-level people (no school) are no exception: their role decides.
MATTER_OWNERS: dict[str, str] = {Role.CHAIR: Route.CHAIR}
# Comments that reached these routes are none of this role's business: they may be about that person.
CONFIDENTIAL_ROUTES: dict[str, tuple[str, ...]] = {
    role: (Route.CHAIR,) for role in Role if role not in MATTER_OWNERS}


# -- who may see what ----------------------------------------------------------------------------

def routes_for(user: User) -> tuple[str, ...]:
    return tuple(ROLE_ROUTES.get(user.role, ()))


def kept_from_readers(routes) -> tuple[str, ...]:
    """The routes whose comments are kept from someone who will read a comment sent to ``routes``: what
    the service may not count for them either (an author's earlier incidents, moderator/act/pipeline.py)."""
    owners = [role for role, route in MATTER_OWNERS.items() if route in routes]
    readers = owners or [role for role, seen in ROLE_ROUTES.items() if set(seen) & set(routes)]
    return tuple(sorted({r for role in readers for r in CONFIDENTIAL_ROUTES.get(role, ())}))


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


def _reached(comment_id_col, route: str):
    other = aliased(Escalation)
    return exists().where(other.comment_id == comment_id_col, other.route == route)


def escalation_visible(user: User, esc=Escalation):
    """A WHERE clause on Escalation (or an alias of it): the items this person may open."""
    routes = routes_for(user)
    if not routes:
        return false()
    own = col(esc.route).in_(routes)
    if user.role in MATTER_OWNERS:
        own = or_(own, _reached(esc.comment_id, MATTER_OWNERS[user.role]))
    return and_(own, _school(user, esc.school_id), not_confidential(user, esc.comment_id))


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


def history_visible(user: User, routes) -> bool:
    """Whether a person's decision or referral taken on these routes is shown to this reader, on a comment
    the reader may read: taken on one of the reader's routes, or the reader owns the whole matter (the
    chair: every comment she reads reached her route)."""
    return user.role in MATTER_OWNERS or bool(set(routes or []) & set(routes_for(user)))


def decision_visible(user: User, decision: Decision) -> bool:
    """The service's own decision explains the item; a person's decision belongs to the route it was taken on."""
    if decision.kind != "human":
        return True
    return history_visible(user, decision.routes)
