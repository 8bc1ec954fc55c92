"""The connector protocol: fetch new comments since a cursor, and act on one comment or author."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
import os
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

# Every action a connector may support. Platforms differ: X lets an account hide replies only.
ACTIONS = ("hide", "unhide", "delete", "ban", "unban", "reply")


class ConnectorError(Exception):
    """A platform call failed.

    ``permanent``: retrying will not help (a deleted comment, an unsupported action).
    ``account_problem``: the account itself is unusable (revoked token, missing permission); the
    account is disabled with this message until the school acts. Otherwise the call is retried with
    backoff, never before ``retry_after`` seconds. Messages must never contain secrets.
    """

    def __init__(self, message: str, *, permanent: bool = False, retry_after: float | None = None,
                 code: str | None = None, account_problem: bool = False):
        super().__init__(message)
        self.permanent = permanent or account_problem
        self.retry_after = retry_after
        self.code = code
        self.account_problem = account_problem


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
