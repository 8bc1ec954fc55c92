"""The console's own tables: login throttling, first opening of an escalation, police referrals
and the e-mail outbox. moderator/migrations/versions/0002_console.py must match them."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import Column, Index, Text
from sqlmodel import Field, SQLModel

from moderator.db import utcnow


class LoginState(SQLModel, table=True):
    """Wrong passwords or codes in a row for one username (known or not), and the last TOTP step used."""

    id: Optional[int] = Field(default=None, primary_key=True)
    username: str = Field(max_length=100, unique=True)
    failures: int = 0
    locked_until: Optional[datetime] = None
    last_failure_at: Optional[datetime] = None
    last_totp_step: Optional[int] = None  # a code is accepted once, so a shoulder-surfed code cannot be replayed
    updated_at: datetime = Field(default_factory=utcnow)


class EscalationSeen(SQLModel, table=True):
    """The first time a person who can act opened an escalation (reminders go out when nobody has)."""

    id: Optional[int] = Field(default=None, primary_key=True)
    escalation_id: int = Field(foreign_key="escalation.id", unique=True)
    user_id: int = Field(foreign_key="user.id")
    opened_at: datetime = Field(default_factory=utcnow)


class PoliceReferral(SQLModel, table=True):
    """A person's record that a comment was referred to the police, or that no referral is needed."""

    id: Optional[int] = Field(default=None, primary_key=True)
    escalation_id: int = Field(foreign_key="escalation.id", index=True)
    comment_id: int = Field(foreign_key="comment.id", index=True)
    decision_id: int = Field(foreign_key="decision.id")
    referred: bool  # False: the reviewer decided no referral is needed
    reference: Optional[str] = Field(default=None, max_length=100)
    officer: Optional[str] = Field(default=None, max_length=200)
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
