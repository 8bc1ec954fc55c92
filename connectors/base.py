"""The connector protocol: fetch new comments since a cursor, and act on one comment or author."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
import os
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

# Every action a connector may support. Platforms differ: X lets an account hide replies only.
ACTIONS = ("hide", "unhide", "delete", "ban", "unban", "reply")


@dataclass(frozen=True)
class PlatformInfo:
    """Everything the service needs to know about a platform, said once, in its entry in
    connectors.PLATFORMS: the console, e-mails, documents, logs, detectors and settings ask there."""

    name: str  # as people read it: "Open on X", "Facebook: oakfield-facebook"
    connector: str  # "module:factory" of its own connector, registered under the platform's value
    # What the platform lets a school's account do to other people's comments. A connector does at
    # most this for the platform (the replay connector, standing in for any platform, does exactly this).
    actions: frozenset[str] = frozenset(ACTIONS)
    # The platform's own domains: a link to them in a comment is never counted as a suspicious link.
    domains: tuple[str, ...] = ()
    # Loggers of the platform's client library that log tokens or request headers at DEBUG: held at
    # INFO whatever the service's log level (moderator/logs.py).
    loggers: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        unknown = set(self.actions) - set(ACTIONS)
        if unknown:
            raise ValueError(f"unknown actions {sorted(unknown)}; allowed: {', '.join(ACTIONS)}")
        object.__setattr__(self, "actions", frozenset(self.actions))


class Effect(StrEnum):
    """What a failed platform call means for the service. The connector decides; the worker and
    the outbox act on it without knowing any platform's error codes."""

    RETRY = "retry"      # try this call again later (never before ``retry_after``)
    GIVE_UP = "give_up"  # this call will never succeed (a deleted comment, an unsupported action)
    PAUSE = "pause"      # the platform refuses every call for this account until ``retry_after``
    DISABLE = "disable"  # the account is unusable (revoked token, missing permission) until the school acts


class ConnectorError(Exception):
    """A platform call failed; ``effect`` says what to do about it.

    ``retry_after``: seconds before the call (or, for PAUSE, the account) may be tried again.
    ``endpoint``: set when only one endpoint is rate-limited (other calls may go on).
    ``code``: a short machine word for logs and the audit trail, never acted on by callers.
    Messages must never contain secrets. ``permanent=True`` and ``account_problem=True`` are the
    older spellings of GIVE_UP and DISABLE.
    """

    def __init__(self, message: str, *, effect: Effect | str | None = None, permanent: bool = False,
                 retry_after: float | None = None, code: str | None = None, account_problem: bool = False,
                 endpoint: str | None = None):
        super().__init__(message)
        if effect is None:
            effect = Effect.DISABLE if account_problem else Effect.GIVE_UP if permanent else Effect.RETRY
        self.effect = Effect(effect)
        self.retry_after = retry_after
        self.code = code
        self.endpoint = endpoint

    @property
    def permanent(self) -> bool:
        """Retrying this call will not help."""
        return self.effect in (Effect.GIVE_UP, Effect.DISABLE)

    @property
    def account_problem(self) -> bool:
        return self.effect is Effect.DISABLE


class UnsupportedAction(ConnectorError):
    def __init__(self, platform: str, action: str):
        super().__init__(f"{platform} cannot {action} other people's posts through its API", permanent=True,
                         code="unsupported")


def read_secret(options: dict[str, Any], name: str, *, required: bool, why: str = "") -> str | None:
    """A secret given by reference: ``{name}_env`` (environment variable) or ``{name}_file`` (path).

    Secrets are never accepted inline in the config, so they stay out of config files and logs."""
    env_key, file_key = options.get(f"{name}_env"), options.get(f"{name}_file")
    if env_key and file_key:
        raise ConnectorError(f"option '{name}_env' and '{name}_file': give only one", permanent=True, code="config")
    if env_key:
        value = os.environ.get(str(env_key), "").strip()
        if not value:
            raise ConnectorError(f"option '{name}_env': environment variable {env_key} is not set or empty",
                                 permanent=True, code="config")
        return value
    if file_key:
        try:
            value = Path(str(file_key)).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConnectorError(f"option '{name}_file': cannot read {file_key}: {exc.strerror}", permanent=True,
                                 code="config") from None
        if not value:
            raise ConnectorError(f"option '{name}_file': {file_key} is empty", permanent=True, code="config")
        return value
    if required:
        raise ConnectorError(f"option '{name}_env' or '{name}_file' is required ({why or 'the ' + name.replace('_', ' ')}"
                             "; given by reference, never inline)", permanent=True, code="config")
    return None


@dataclass
class RawComment:
    """One comment as a connector saw it, before it is stored. Text is untrusted."""

    platform: str
    external_id: str
    text: str
    author_id: str | None = None
    author_name: str | None = None
    author_username: str | None = None
    post_id: str | None = None
    parent_id: str | None = None
    created_at: datetime | None = None
    permalink: str | None = None
    attachments: list[dict[str, Any]] | None = None
    flags: list[str] = field(default_factory=list)  # e.g. invalid_utf8 when bytes were replaced
    removed: bool = False  # the platform says the author removed it
    # The platform's own id for this version, where an edit gets one (an X edit is a new post under
    # ``external_id``, the original's id); None where the platform keeps one id (Facebook).
    version_id: str | None = None
    # The author field as sent, when it cannot serve as an id (``items.author_ref``): the comment is
    # kept with its author unknown, flagged ``bad_author_id``, and this goes into the audit log.
    author_problem: dict[str, Any] | None = None


@dataclass
class Rejected:
    """Input the connector could not turn into a comment. Stored, never silently dropped."""

    source_ref: str
    reason: str
    raw: bytes


@dataclass
class FetchResult:
    comments: list[RawComment]
    cursor: str | None  # saved only after the batch is stored, in the same transaction
    rejected: list[Rejected] = field(default_factory=list)
    more: bool = False  # more is waiting: fetch again without sleeping


@dataclass
class ActionTarget:
    platform: str
    comment_external_id: str | None = None
    # The id of the version people see now, where the platform gave an edit an id of its own (X):
    # act on this one. None: the comment's own id.
    version_external_id: str | None = None
    author_external_id: str | None = None
    post_external_id: str | None = None


@runtime_checkable
class Connector(Protocol):
    platform: str
    supports: frozenset[str]

    def fetch(self, cursor: str | None, limit: int) -> FetchResult: ...

    def act(self, action: str, target: ActionTarget, params: dict[str, Any], idempotency_key: str) -> dict[str, Any]:
        """Carry out ``action``; succeed (return the platform's response) if it is already in effect."""
        ...

    def close(self) -> None: ...


def blocked_until(connector: Connector) -> dict[str, float]:
    """The connector's rate-limit blocks: endpoint -> epoch seconds before which it must not be
    called. The worker stores them per account, so a restart, ``--once`` and other workers honour them."""
    get = getattr(connector, "blocked_until", None)
    return dict(get()) if callable(get) else {}


def restore_blocked(connector: Connector, blocks: dict[str, float]) -> None:
    """Give a newly built connector the blocks stored for its account (expired ones are ignored)."""
    put = getattr(connector, "restore_blocked", None)
    if callable(put) and blocks:
        put(dict(blocks))
