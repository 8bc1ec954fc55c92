"""The fake X API's data: its posts, users, credentials, rate-limit windows and injected faults, and
the wire shapes they are sent in (snowflake ids, ``created_at`` with milliseconds, problem-style
error bodies). ``connectors/fakes/x.py`` serves them; ``x_endpoints.py`` answers the reading and
hiding endpoints from them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

TWITTER_EPOCH_MS = 1288834974657
SEARCH_WINDOW = timedelta(days=7)
PROBLEMS = "https://api.twitter.com/2/problems/"
MENTIONS_REACH = 800  # only the most recent 800 mentions can be reached
# Default per-15-minute limits (per user; app-only Bearer reads get the app limit).
DEFAULT_LIMITS = {"me": 75, "mentions": 300, "search": 300, "user_tweets": 900, "hidden": 50, "lookup": 900,
                  "lookup_many": 900, "delete": 50, "muting": 50}

BODY_429 = {"title": "Too Many Requests", "detail": "Too Many Requests", "type": "about:blank", "status": 429}
BODY_401 = {"title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized"}
BODY_403 = {"detail": "You are not permitted to perform this action.", "type": "about:blank", "title": "Forbidden",
            "status": 403}
BODY_CAPPED = {"title": "UsageCapExceeded", "detail": "Usage cap exceeded: Monthly product cap",
               "type": PROBLEMS + "usage-capped", "period": "Monthly", "scope": "Product"}
BODY_402 = {"account_id": 1243608864848629761, "title": "CreditsDepleted",
            "detail": "Your enrolled account [1243608864848629761] does not have any credits to fulfill this request.",
            "type": PROBLEMS + "credits"}
BODY_CLIENT_FORBIDDEN = {"client_id": "23074266", "title": "Client Forbidden", "reason": "client-not-enrolled",
                         "detail": "When authenticating requests to the Twitter API v2 endpoints, you must use keys and "
                                   "tokens from a Twitter developer App that is attached to a Project.",
                         "type": PROBLEMS + "client-forbidden"}
BODY_404_PAGE = {"title": "Not Found Error", "detail": "Sorry, that page does not exist", "type": "about:blank",
                 "status": 404}
BODY_500 = {"title": "Internal Server Error", "detail": "Internal Server Error", "type": "about:blank", "status": 503}


def snowflake_time(post_id: int | str) -> datetime:
    return datetime.fromtimestamp(((int(post_id) >> 22) + TWITTER_EPOCH_MS) / 1000, tz=timezone.utc)


def x_time(dt: datetime) -> str:
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def parse_x_time(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(timezone.utc)


def invalid_request(message: str, parameters: dict[str, list[str]]) -> dict[str, Any]:
    return {"errors": [{"parameters": parameters, "message": message}], "title": "Invalid Request",
            "detail": "One or more parameters to your request was invalid.", "type": PROBLEMS + "invalid-request"}


@dataclass
class Fault:
    kind: str  # "429", "capped", "402", "401", "403", "5xx", "malformed"
    endpoint: str | None  # None: any endpoint
    times: int
    reset_in: float = 60.0


@dataclass
class Post:
    id: int
    text: str
    author_id: str
    created_at: datetime
    conversation_id: int
    in_reply_to_user_id: str | None = None
    replied_to: int | None = None
    hidden: bool = False
    history: list[int] = field(default_factory=list)  # every version's id, oldest first (this one last)
    edited_to: int | None = None  # a newer version replaced this one
    media: list[dict[str, str]] = field(default_factory=list)  # {"media_key", "type", "url", "preview_image_url"}
    raw: bytes | None = None  # sent verbatim in place of this post's JSON (poison tests)

    def wire(self, fields: set[str]) -> dict[str, Any]:
        history = [str(i) for i in (self.history or [self.id])]
        out: dict[str, Any] = {"id": str(self.id), "text": self.text, "edit_history_tweet_ids": history}
        optional = {
            "author_id": self.author_id, "created_at": x_time(self.created_at),
            "conversation_id": str(self.conversation_id), "in_reply_to_user_id": self.in_reply_to_user_id,
            "referenced_tweets": [{"type": "replied_to", "id": str(self.replied_to)}] if self.replied_to else None,
            "reply_settings": "everyone",
            "attachments": {"media_keys": [m["media_key"] for m in self.media]} if self.media else None,
        }
        for name, value in optional.items():
            if name in fields and value is not None:
                out[name] = value
        return out


@dataclass
class Window:
    started: float
    used: int = 0


@dataclass
class FakeState:
    users: dict[str, dict[str, str]] = field(default_factory=dict)
    posts: dict[int, Post] = field(default_factory=dict)
    # Credentials: consumer keys, OAuth1 access token -> user id, app-only bearer tokens.
    consumer_keys: set[str] = field(default_factory=set)
    access_tokens: dict[str, str] = field(default_factory=dict)
    bearer_tokens: set[str] = field(default_factory=set)
    requests: list[dict[str, Any]] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    limits: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_LIMITS))
    window_seconds: float = 900.0
    windows: dict[tuple[str, str], Window] = field(default_factory=dict)



def not_found(resource_id: str, kind: str = "tweet") -> dict[str, Any]:
    return {"errors": [{"value": resource_id, "detail": f"Could not find {kind} with id: [{resource_id}].",
                        "title": "Not Found Error", "resource_type": kind, "parameter": "id",
                        "resource_id": resource_id, "type": PROBLEMS + "resource-not-found"}],
            "title": "Not Found Error", "detail": f"Could not find {kind}.", "type": PROBLEMS + "resource-not-found"}


def tweet_fields(query: dict[str, str]) -> set[str]:
    return set(filter(None, query.get("tweet.fields", "").split(",")))

