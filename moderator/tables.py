"""Database tables. Alembic migrations in moderator/migrations must match these (a test checks).

Times are aware UTC. Comment text is evidence: written once at first sight and never updated;
later edits and removals by the author are CommentRevision rows beside it.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

from sqlalchemy import JSON, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from moderator.db import utcnow


def _json(nullable: bool = False) -> Any:
    return Field(default=None, sa_column=Column(JSON, nullable=nullable))


class School(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    slug: str = Field(max_length=64, unique=True)
    name: str = Field(max_length=200)
    created_at: datetime = Field(default_factory=utcnow)


class Account(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    school_id: int = Field(foreign_key="school.id", index=True)
    handle: str = Field(max_length=64, unique=True)
    platform: str = Field(max_length=16)
    connector: str = Field(max_length=32)
    # active | disabled (permanent error, the school must act) | paused (until paused_until)
    status: str = Field(default="active", max_length=16)
    status_reason: Optional[str] = Field(default=None, sa_column=Column(Text))
    paused_until: Optional[datetime] = None
    cursor: Optional[str] = Field(default=None, sa_column=Column(Text))
    # endpoint -> epoch seconds: the platform's rate limits, kept here so a restart, ``run --once``
    # and every other worker honour them (moderator/act/accounts.py)
    blocked: dict[str, float] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False, server_default="{}"))
    next_poll_at: Optional[datetime] = None
    last_polled_at: Optional[datetime] = None
    lease_owner: Optional[str] = Field(default=None, max_length=64)
    lease_until: Optional[datetime] = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class Author(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("platform", "external_id", name="uq_author_platform_external"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    platform: str = Field(max_length=16)
    external_id: str = Field(max_length=128)
    name: Optional[str] = Field(default=None, max_length=300)
    username: Optional[str] = Field(default=None, max_length=300)
    first_seen_at: datetime = Field(default_factory=utcnow)


class Comment(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("platform", "external_id", name="uq_comment_platform_external"),
        Index("ix_comment_state", "state"),
        Index("ix_comment_author_created", "author_id", "created_at"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    school_id: int = Field(foreign_key="school.id", index=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    platform: str = Field(max_length=16)
    external_id: str = Field(max_length=128)
    post_external_id: Optional[str] = Field(default=None, max_length=128)
    parent_external_id: Optional[str] = Field(default=None, max_length=128)
    author_id: Optional[int] = Field(default=None, foreign_key="author.id", index=True)
    text: str = Field(sa_column=Column(Text, nullable=False))
    text_sha256: str = Field(max_length=64)
    text_bytes: int = 0  # size of the text as received, before any truncation
    flags: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    permalink: Optional[str] = Field(default=None, max_length=2000)
    attachments: Optional[list[dict]] = _json(nullable=True)
    created_at: Optional[datetime] = None  # the platform's time
    fetched_at: datetime = Field(default_factory=utcnow)
    revision: int = 0  # latest revision number; 0 is the original text above
    state: str = Field(default="new", max_length=16)  # new -> decided; an edit sets it back to new
    removed_by_author_at: Optional[datetime] = None
    # A worker judging the comment holds it until claimed_until, so no two workers score it.
    claimed_by: Optional[str] = Field(default=None, max_length=64)
    claimed_until: Optional[datetime] = None


class CommentRevision(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("comment_id", "revision", name="uq_revision_comment_revision"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    comment_id: int = Field(foreign_key="comment.id", index=True)
    revision: int
    kind: str = Field(max_length=16)  # edit | removed
    # The platform's own id for this version, where an edit gets one (an X edit is a new post): a hide
    # goes to the version people see now. None: the comment's external_id (Facebook keeps one id).
    external_id: Optional[str] = Field(default=None, max_length=128)
    text: Optional[str] = Field(default=None, sa_column=Column(Text))
    text_sha256: Optional[str] = Field(default=None, max_length=64)
    flags: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    seen_at: datetime = Field(default_factory=utcnow)


class RejectedInput(SQLModel, table=True):
    """Input that could not become a comment, kept so nothing is lost and someone can look."""

    __table_args__ = (UniqueConstraint("account_id", "source_ref", name="uq_rejected_account_ref"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    source_ref: str = Field(max_length=200)
    reason: str = Field(sa_column=Column(Text, nullable=False))
    raw: str = Field(sa_column=Column(Text, nullable=False))  # escaped, bounded copy
    raw_sha256: str = Field(max_length=64)
    raw_bytes: int
    at: datetime = Field(default_factory=utcnow)


class Analysis(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("comment_id", "revision", name="uq_analysis_comment_revision"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    comment_id: int = Field(foreign_key="comment.id", index=True)
    revision: int = 0
    classifier: str = Field(max_length=100)
    classifier_version: str = Field(max_length=100)
    normalised_text: str = Field(sa_column=Column(Text, nullable=False))
    scores: dict[str, float] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    detectors: dict[str, list[str]] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # ISO 639-1 code of the language detected (None: too short or unsure) and the detector's confidence
    language: Optional[str] = Field(default=None, max_length=8)
    language_confidence: Optional[float] = None
    created_at: datetime = Field(default_factory=utcnow)


class Decision(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    comment_id: int = Field(foreign_key="comment.id", index=True)
    revision: int = 0
    analysis_id: Optional[int] = Field(default=None, foreign_key="analysis.id")
    # "<comment id>:<revision>" for the service's own decision, so it is made once; NULL for people's.
    auto_key: Optional[str] = Field(default=None, max_length=64, unique=True)
    kind: str = Field(default="automatic", max_length=16)  # automatic | human
    action: str = Field(max_length=16)  # hide | none | unhide | delete | ban | reply ...
    shadow: bool = False  # recorded only; nothing was sent to the platform
    rules: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    signals: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    routes: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    priority: Optional[str] = Field(default=None, max_length=16)
    clauses: list[dict] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # Why, as the reviewer reads it, stored when the decision is made (moderator/judge/explain.py renders it).
    explanation: list[dict] = Field(default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]"))
    policy_name: str = Field(default="", max_length=200)
    policy_version: str = Field(default="", max_length=64)
    classifier: str = Field(default="", max_length=100)
    classifier_version: str = Field(default="", max_length=100)
    scores: dict[str, float] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    thresholds: dict[str, float] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    decided_by: str = Field(default="service", max_length=100)
    reason: Optional[str] = Field(default=None, sa_column=Column(Text))
    created_at: datetime = Field(default_factory=utcnow)


class Action(SQLModel, table=True):
    """The outbox: one row per platform action, claimed atomically by the executor."""

    __table_args__ = (Index("ix_action_status_next", "status", "next_attempt_at"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    comment_id: Optional[int] = Field(default=None, foreign_key="comment.id", index=True)
    decision_id: Optional[int] = Field(default=None, foreign_key="decision.id")
    kind: str = Field(max_length=16)  # hide | unhide | delete | ban | unban | reply
    params: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    idempotency_key: str = Field(max_length=200, unique=True)
    status: str = Field(default="pending", max_length=16)  # pending | running | done | failed
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow)
    claimed_by: Optional[str] = Field(default=None, max_length=64)
    claimed_until: Optional[datetime] = None
    last_error: Optional[str] = Field(default=None, sa_column=Column(Text))
    result: Optional[dict[str, Any]] = _json(nullable=True)
    requested_by: str = Field(default="service", max_length=100)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    done_at: Optional[datetime] = None


class Escalation(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("comment_id", "route", name="uq_escalation_comment_route"),
        Index("ix_escalation_state_priority", "state", "priority"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    school_id: int = Field(foreign_key="school.id", index=True)
    comment_id: int = Field(foreign_key="comment.id", index=True)
    decision_id: Optional[int] = Field(default=None, foreign_key="decision.id")
    route: str = Field(max_length=32)  # a moderator/vocab.py Route value
    priority: str = Field(max_length=16)  # low | normal | urgent
    state: str = Field(default="new", max_length=16)
    reason: Optional[str] = Field(default=None, sa_column=Column(Text))
    shadow: bool = False  # the school is in shadow mode: nothing was hidden, a person checks the call
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class AuditEvent(SQLModel, table=True):
    """Append-only and hash-chained: each event's hash covers its content and the previous hash."""

    id: Optional[int] = Field(default=None, primary_key=True)
    seq: int = Field(unique=True)
    at: datetime = Field(default_factory=utcnow)
    actor: str = Field(max_length=100)
    action: str = Field(max_length=64, index=True)
    school_id: Optional[int] = Field(default=None, index=True)
    subject_type: Optional[str] = Field(default=None, max_length=32)
    subject_id: Optional[int] = None
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)


class User(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    username: str = Field(max_length=100, unique=True)
    display_name: str = Field(max_length=200)
    email: Optional[str] = Field(default=None, max_length=320)
    role: str = Field(max_length=32)  # a moderator/vocab.py Role value
    school_id: Optional[int] = Field(default=None, foreign_key="school.id")
    password_hash: Optional[str] = Field(default=None, max_length=500)
    totp_secret: Optional[str] = Field(default=None, max_length=200)
    is_active: bool = True
    created_at: datetime = Field(default_factory=utcnow)


# -- the console's tables: login throttling, sessions, first opening of an escalation, referrals,
# -- and the e-mail outbox

class LoginThrottle(SQLModel, table=True):
    """Failed sign-ins counted under one key: ``pw:<username>@<client>`` (passwords from one address),
    ``code:<username>`` (second-factor codes, whoever sends them), ``client:<address>`` (any username) or
    ``account:<username>`` (passwords from every address); ``known:<username>@<client>`` marks an address
    the person signed in from (moderator/people/auth.py).
    A password's success never resets the code counter, nor the other way round. ``strikes`` counts the
    locks so far, so each lock lasts longer than the one before (back-off)."""

    id: Optional[int] = Field(default=None, primary_key=True)
    key: str = Field(max_length=300, unique=True)
    failures: int = 0
    strikes: int = 0
    locked_until: Optional[datetime] = None
    last_failure_at: Optional[datetime] = None
    last_totp_step: Optional[int] = None  # on code: rows; a code is accepted once, so it cannot be replayed
    updated_at: datetime = Field(default_factory=utcnow)


class ConsoleSession(SQLModel, table=True):
    """A signed-in console session. The cookie holds only a random token; this row is the session, so
    signing out, disabling a person or resetting their password ends it at once."""

    id: Optional[int] = Field(default=None, primary_key=True)
    token_sha256: str = Field(max_length=64, unique=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    stage: str = Field(max_length=16)  # totp (password given, code awaited) | full
    csrf: str = Field(max_length=64)
    client: str = Field(default="", max_length=64)
    created_at: datetime = Field(default_factory=utcnow)
    last_seen_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime  # absolute end, whatever the activity
    ended_at: Optional[datetime] = None
    end_reason: Optional[str] = Field(default=None, max_length=32)  # signed_out | disabled | password_reset | ...


class EscalationSeen(SQLModel, table=True):
    """The first time a person who can act opened an escalation (reminders go out when nobody has)."""

    id: Optional[int] = Field(default=None, primary_key=True)
    escalation_id: int = Field(foreign_key="escalation.id", unique=True)
    user_id: int = Field(foreign_key="user.id")
    opened_at: datetime = Field(default_factory=utcnow)


class Referral(SQLModel, table=True):
    """A person's record of a referral decided in the console, part of the comment's case history:
    police, children's social care or MASH, LADO consulted, early help, or no referral (with why)."""

    id: Optional[int] = Field(default=None, primary_key=True)
    escalation_id: int = Field(foreign_key="escalation.id", index=True)
    comment_id: int = Field(foreign_key="comment.id", index=True)
    decision_id: int = Field(foreign_key="decision.id")
    kind: str = Field(max_length=16)  # police | no_police | mash | lado | early_help | none
    reference: Optional[str] = Field(default=None, max_length=100)
    contact: Optional[str] = Field(default=None, max_length=200)  # the officer, social worker or LADO
    referred_on: Optional[str] = Field(default=None, max_length=10)  # ISO date, as the reviewer gave it
    recorded_by: str = Field(max_length=100)
    created_at: datetime = Field(default_factory=utcnow)


class Notification(SQLModel, table=True):
    """One e-mail to send. The unique key makes planning it idempotent; status makes sending restart-safe."""

    __table_args__ = (Index("ix_notification_status_next", "status", "next_attempt_at"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    key: str = Field(max_length=200, unique=True)  # e.g. urgent:<escalation id>:<address>
    kind: str = Field(max_length=16)  # urgent | reminder | digest | account
    recipient: str = Field(max_length=320)
    subject: str = Field(max_length=300)
    body: str = Field(sa_column=Column(Text, nullable=False))
    escalation_id: Optional[int] = Field(default=None, foreign_key="escalation.id", index=True)
    status: str = Field(default="pending", max_length=16)  # pending | sending | sent | failed
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow)
    claimed_until: Optional[datetime] = None
    last_error: Optional[str] = Field(default=None, sa_column=Column(Text))
    created_at: datetime = Field(default_factory=utcnow)
    sent_at: Optional[datetime] = None


# -- retention: legal holds (moderator/record/retention.py)

class LegalHold(SQLModel, table=True):
    """A legal hold on one comment's case or on one author: retention never purges a held case, nor any
    case or detail of a held author, while ``removed_at`` is empty. Removing a hold keeps the row (who,
    when, why). The ids carry no foreign key on purpose: once a hold is lifted its case may be purged,
    and the record that a hold existed stays."""

    id: Optional[int] = Field(default=None, primary_key=True)
    school_id: Optional[int] = Field(default=None, index=True)
    comment_id: Optional[int] = Field(default=None, index=True)
    author_id: Optional[int] = Field(default=None, index=True)
    reason: str = Field(sa_column=Column(Text, nullable=False))
    placed_by: str = Field(max_length=100)
    placed_at: datetime = Field(default_factory=utcnow)
    removed_by: Optional[str] = Field(default=None, max_length=100)
    removed_at: Optional[datetime] = None
    removed_reason: Optional[str] = Field(default=None, sa_column=Column(Text))


# Retention deletes decisions and analyses (moderator/record/retention.py); the database checks every row that
# points at each one, so those foreign keys are indexed, or a purge scans whole tables once a row.
Index("ix_action_decision_id", Action.__table__.c.decision_id)
Index("ix_escalation_decision_id", Escalation.__table__.c.decision_id)
Index("ix_referral_decision_id", Referral.__table__.c.decision_id)
Index("ix_decision_analysis_id", Decision.__table__.c.analysis_id)
