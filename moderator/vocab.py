"""The service's words, in one place: routes, roles, priorities, states, people's decisions, their
display names, which role reviews which route and which decisions each role may take.

Values are ``StrEnum`` members, so they compare equal to the plain strings stored in the database
and in policy files. Adding a route (say, for the SENCo) is one member of ``Route`` and, for a new
reviewer, one member of ``Role`` (README.md, "Adding a route"); everything else asks here.
"""
from __future__ import annotations

from enum import StrEnum

from connectors import Platform  # noqa: F401 - the platforms, one entry each in connectors.PLATFORMS


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    URGENT = "urgent"


class AccountStatus(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"      # the platform refuses calls until paused_until
    DISABLED = "disabled"  # a permanent problem; the school must act


class CommentState(StrEnum):
    NEW = "new"            # waiting to be judged (an edit sets it back to new)
    DECIDED = "decided"
    ERROR = "error"        # could not be decided; a person looks


class ActionStatus(StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class ActionKind(StrEnum):
    HIDE = "hide"
    UNHIDE = "unhide"
    DELETE = "delete"
    BAN = "ban"
    UNBAN = "unban"
    REPLY = "reply"


class EscalationState(StrEnum):
    NEW = "new"
    IN_REVIEW = "in_review"
    REFERRED = "referred"
    DECIDED = "decided"
    CLOSED = "closed"


OPEN_ESCALATION_STATES = (EscalationState.NEW, EscalationState.IN_REVIEW, EscalationState.REFERRED)


class DecisionKind(StrEnum):
    AUTOMATIC = "automatic"
    HUMAN = "human"


class HumanDecision(StrEnum):
    """What a person may decide about an item in the console."""

    KEEP_HIDDEN = "keep_hidden"
    RESTORE = "restore"
    DELETE = "delete"
    BAN = "ban"
    REPLY = "reply"
    REFER_DSL = "refer_dsl"
    REFER_CHAIR = "refer_chair"
    POLICE_REFERRAL = "police_referral"
    NO_POLICE_REFERRAL = "no_police_referral"
    # Safeguarding outcomes on the DSL's route, each recorded in the case history with its reference.
    REFER_MASH = "refer_mash"          # referred to children's social care or the MASH
    LADO_CONSULTED = "lado_consulted"  # an allegation about a member of staff: the LADO was consulted
    EARLY_HELP = "early_help"
    NO_REFERRAL = "no_referral"        # no safeguarding referral; the reason says why
    CLOSE = "close"
    REOPEN = "reopen"


class Route(StrEnum):
    """Where a hidden comment is sent for review: one member each, its value (stored, and written in
    policy files) and its name as people read it. Who reviews it: the roles below."""

    HEADTEACHER = "headteacher", "Headteacher"
    DSL = "dsl", "Designated Safeguarding Lead"
    CHAIR = "chair_of_governors", "Chair of governors"
    POLICE = "police_review", "Police-referral review"
    REGISTER = "register", "Abuse register only"  # recorded only; nobody is asked to review

    def __new__(cls, value: str, label: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member


# What a role may decide. Office staff have limited rights: nothing irreversible, nothing that speaks
# for the school.
EVERY_DECISION = frozenset(HumanDecision)
OFFICE_DECISIONS = frozenset({HumanDecision.KEEP_HIDDEN, HumanDecision.RESTORE, HumanDecision.REFER_DSL,
                              HumanDecision.REFER_CHAIR})


class Role(StrEnum):
    """Who uses the console: one member each, its value (stored with each user), its name as people
    read it, the routes it reviews and the decisions it may take. The headteacher never sees the
    chair's items (they may be about her); moderator/people/access.py applies that on every read path."""

    HEADTEACHER = "headteacher", "Headteacher", (Route.HEADTEACHER, Route.POLICE), EVERY_DECISION
    DSL = "dsl", "Designated Safeguarding Lead", (Route.DSL, Route.POLICE), EVERY_DECISION
    MODERATOR = "moderator", "Office moderator", (Route.HEADTEACHER,), OFFICE_DECISIONS  # office staff
    CHAIR = "chair_of_governors", "Chair of governors", (Route.CHAIR,), EVERY_DECISION
    GOVERNOR = "governor", "Governor (read only)", (), frozenset()

    def __new__(cls, value: str, label: str, routes: tuple[Route, ...], decisions: frozenset[HumanDecision]):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label, member.routes, member.decisions = label, tuple(routes), frozenset(decisions)
        return member


# Derived from the members above, for those who ask one question of every route or role.
ROUTE_NAMES: dict[str, str] = {route: route.label for route in Route}
ROLE_NAMES: dict[str, str] = {role: role.label for role in Role}
ROLE_ROUTES: dict[str, tuple[Route, ...]] = {role: role.routes for role in Role}
ROLE_DECISIONS: dict[str, frozenset[HumanDecision]] = {role: role.decisions for role in Role}


PRIORITY_RANK: dict[str, int] = {p: i for i, p in enumerate(Priority)}

# The harm an item may mean, by the policy's rule ids: every queue lists a child at risk first (a
# child's or an adult's disclosure, self-harm, an allegation that staff harmed a child), then threats
# and anything under police review, then the rest; then by priority and age. The order itself is
# moderator/act/escalations.py's queue_order.
# An allegation that staff (or the headteacher) harmed a child: its reviewer decides whether to consult
# the LADO, so that outcome is offered on its route too (moderator/act/review.py).
STAFF_HARM_RULES = ("staff_harm_allegation", "headteacher_harm_allegation")
CHILD_AT_RISK_RULES = ("safeguarding_concern", "adult_abuse_disclosure", "self_harm_incitement", "self_harm_ideation",
                       "adult_contact_pupils", *STAFF_HARM_RULES)
THREAT_RULES = ("threat", "identity_abuse", "severe_obscene", "harassment")

# Who manages people in the console: the headteacher, and only people who see no more than she does
# (office staff, governors), in her school. Not the DSL (who reviews items she does not), not the chair
# of governors (whose items are about her), not another headteacher and nobody trust-level: minting or
# resetting their password or second factor would let her read what they read. The operator manages
# those with `moderator users` on the command line (moderator/people/users.py applies the rule).
PEOPLE_MANAGER = Role.HEADTEACHER
MANAGED_BY_HEADTEACHER: tuple[Role, ...] = tuple(
    role for role in Role if role != PEOPLE_MANAGER and set(ROLE_ROUTES[role]) <= set(ROLE_ROUTES[PEOPLE_MANAGER]))
# Who may read and download the governors' termly report.
TERMLY_ROLES: tuple[Role, ...] = (Role.HEADTEACHER, Role.CHAIR, Role.GOVERNOR)


def manages_people(role: str | None) -> bool:
    """Whether this role manages people in the console (the People page)."""
    return role == PEOPLE_MANAGER


def has_queue(role: str | None) -> bool:
    """Whether this role reviews any route (a governor reads the overview and reports only)."""
    return bool(ROLE_ROUTES.get(role or "", ()))


def route_name(route: str) -> str:
    return ROUTE_NAMES.get(route, route.replace("_", " "))
