"""X (Twitter) connector: reads replies and mentions through the X API v2 with tweepy, and hides
or unhides replies in the school's own conversations.

Reading, per poll: the school's own posts of the last 7 days (to know its conversations), the
mentions timeline, and one ``conversation_id:`` recent search over all those conversations (OR-ed,
split only where X's 512-character query limit requires) so replies deep in a thread (which may
not @mention the school) are seen. The search leaves out posts that mention the school
(``-@handle``): the mentions timeline already reads those, more cheaply (an Owned Read), so no
reply is read or billed twice. Posts carry their media (``attachments.media_keys``), recorded on
``RawComment.attachments``.

Edits and deletions: an edited post is a new post on X whose ``edit_history_tweet_ids`` starts with
the original id; it is returned under the ORIGINAL id with the new text (the ingest records it as an
edit). Replies seen in the last ``deletion_check_hours`` are looked up in batches of 100
(``GET /2/tweets?ids=``) every ``deletion_check_minutes``; those X no longer has are returned as
``removed=True``.

Cursor: JSON with a ``since_id`` per query (mentions, and per conversation: a search uses its
conversations' lowest), the school's handle, and the replies watched for deletion. It advances only
past posts returned to the worker, which saves it in the same transaction as the stored batch. A
``since_id`` older than the 7-day search window falls back to ``start_time`` and filters by id, so
nothing is read twice. Every post is parsed on its own: one that cannot become a comment is returned
as ``Rejected`` and the cursor moves past it.

Limits: the connector never sends a request to an endpoint before the reset time X reported (from
``x-rate-limit-remaining``/``x-rate-limit-reset`` on every response, or a 429); it raises
``ConnectorError(effect=RETRY, endpoint=..., retry_after=...)`` instead, and ``blocked_until()`` /
``restore_blocked()`` hand those blocks to the next connector built for the account. A 402 (credits
used up) or a monthly usage cap pauses the account (``effect=PAUSE``) for hours and logs an
error-level alert; cursors do not move, so nothing is lost.
"""
from __future__ import annotations

import hashlib
import json
import logging
import math
import random
import re
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

import requests
import tweepy

from connectors.base import (PLATFORM_ACTIONS, ActionTarget, ConnectorError, Effect, FetchResult, Platform, RawComment,
                             Rejected, UnsupportedAction, read_secret)
from connectors.items import NOT_HIDEABLE, author_ref, evidence, fix_text, id_problem, load_json, sane_time

log = logging.getLogger("connectors.x")
# tweepy (Bearer token) and the OAuth 1.0a signers (consumer key, access token) log credentials at DEBUG.
for _name in ("tweepy.client", "requests_oauthlib", "oauthlib"):
    logging.getLogger(_name).setLevel(max(logging.INFO, logging.getLogger(_name).level))

# What X lets a school do to other people's posts (reference §2.4–2.5): hide and unhide replies in
# conversations the school started. Deleting others' posts is impossible; blocking was removed from
# the API in 2023; replies are restricted to "summoned" ones. The outbox turns any other action a
# rule asks for into hide + human review.
SUPPORTED_ACTIONS: frozenset[str] = PLATFORM_ACTIONS[Platform.X]

# Pay-per-use unit prices in USD (reference §2.8, docs.x.com pricing, 2026-08).
PRICES_USD = {
    "post_read": 0.005,      # posts returned by search
    "owned_read": 0.001,     # the account's own mentions and posts, read with its own app
    "user_read": 0.010,      # author objects (includes.users)
    "content_manage": 0.005,  # hide/unhide (mapping unverified)
}
DAYS_PER_MONTH = 30
DEFAULT_POLL_INTERVAL = 180.0
DEFAULT_EXPECTED_POSTS_PER_POLL = 0.05  # about 24 replies a day at one poll every 3 minutes

TWITTER_EPOCH_MS = 1288834974657
SEARCH_WINDOW = timedelta(days=7)
STALE_MARGIN = timedelta(hours=1)          # treat a since_id this close to the window's edge as stale
FALLBACK_LOOKBACK = timedelta(days=6, hours=23)
MAX_QUERY_CHARS = 512
OUT_OF_CREDITS_PAUSE = 6 * 3600.0
MONTHLY_CAP_PAUSE = 24 * 3600.0
TWEET_FIELDS = ["created_at", "conversation_id", "in_reply_to_user_id", "author_id", "referenced_tweets",
                "attachments", "edit_history_tweet_ids"]
MEDIA_FIELDS = ["type", "url", "preview_image_url"]
EXPANSIONS = ["author_id", "attachments.media_keys"]
LOOKUP_BATCH = 100  # ids per GET /2/tweets
MAX_WATCHED = 300   # replies watched for deletion (3 lookups at most)
MAX_ITEM_CHARS = 1_000_000  # a post bigger than this (serialised) is refused
USER_FIELDS = ["username", "name"]
CREDENTIALS = ("consumer_key", "consumer_secret", "access_token", "access_token_secret", "bearer_token")
OPTIONAL_CREDENTIALS = {"bearer_token"}
OPTIONS = {f"{name}_{how}" for name in CREDENTIALS for how in ("env", "file")} | {
    "user_id", "api_base_url", "timeout_seconds", "expected_posts_per_poll", "poll_interval_seconds",
    "initial_lookback_hours", "max_pages_per_query", "conversation_days", "deletion_check_minutes",
    "deletion_check_hours"}


def snowflake_time(post_id: int | str) -> datetime:
    return datetime.fromtimestamp(((int(post_id) >> 22) + TWITTER_EPOCH_MS) / 1000, tz=timezone.utc)


def cost_estimate(poll_interval_seconds: float, expected_posts_per_poll: float = DEFAULT_EXPECTED_POSTS_PER_POLL,
                  deletion_check_hours: float = 24.0) -> dict[str, Any]:
    """Projected pay-per-use cost. An upper bound: every new reply is counted as read once at the search
    price (replies that mention the school are read through mentions instead, more cheaply, never both),
    its author as one user read, and one more Post read per UTC day it is watched for deletion (X bills
    a resource once a day); empty polls cost nothing (X bills resources returned, not requests); hides
    are extra at ``hide_usd`` each."""
    if poll_interval_seconds <= 0:
        raise ValueError("poll_interval_seconds must be positive")
    watch_days = math.ceil(deletion_check_hours / 24) + 1 if deletion_check_hours > 0 else 0
    per_post = PRICES_USD["post_read"] * (1 + watch_days) + PRICES_USD["user_read"]
    polls_per_day = 86400 / poll_interval_seconds
    per_poll = expected_posts_per_poll * per_post
    return {
        "poll_interval_seconds": poll_interval_seconds,
        "expected_posts_per_poll": expected_posts_per_poll,
        "polls_per_day": round(polls_per_day, 3),
        "polls_per_month": round(polls_per_day * DAYS_PER_MONTH, 3),
        "posts_per_month": round(expected_posts_per_poll * polls_per_day * DAYS_PER_MONTH, 3),
        "usd_per_post": round(per_post, 6),
        "usd_per_poll": round(per_poll, 6),
        "usd_per_day": round(per_poll * polls_per_day, 4),
        "usd_per_month": round(per_poll * polls_per_day * DAYS_PER_MONTH, 2),
        "hide_usd": PRICES_USD["content_manage"],
        "deletion_check_reads_per_post": watch_days,
        "prices_usd": dict(PRICES_USD),
    }


class _Session(requests.Session):
    """tweepy 4.17 hard-codes https://api.twitter.com; send its requests to ``base`` instead, with a timeout."""

    def __init__(self, base: str, timeout: float):
        super().__init__()
        self.base, self.timeout = base.rstrip("/"), timeout

    def request(self, method, url, *args, **kwargs):
        kwargs.setdefault("timeout", self.timeout)
        return super().request(method, url.replace("https://api.twitter.com", self.base, 1), *args, **kwargs)


@dataclass
class _Read:
    """One query's outcome within a poll."""

    posts: list[dict[str, Any]] = field(default_factory=list)
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    media: dict[str, dict[str, Any]] = field(default_factory=dict)
    newest: int | None = None
    roots: list[str] = field(default_factory=list)


@dataclass
class _Pending:
    """Posts read but not yet returned, valid while the worker hands back the cursor we gave it."""

    cursor: str
    posts: list[tuple[int | None, RawComment]]
    state: dict[str, Any]
    tops: dict[str, int | None]


def _digits(value: Any) -> int | None:
    """An X id as an int, or None when it is not a plain decimal string."""
    if isinstance(value, str) and 0 < len(value) <= 20 and value.isascii() and value.isdigit():
        return int(value)
    return None


class XConnector:
    platform = "x"
    supports = SUPPORTED_ACTIONS

    def __init__(self, *, platform: str = "x", handle: str | None = None, clock: Callable[[], float] = time.time,
                 **options: Any):
        if platform != "x":
            raise ConnectorError(f"the x connector serves platform 'x', not {platform!r}", effect=Effect.DISABLE,
                                 code="config")
        self.handle = handle or "x"
        self.clock = clock
        unknown = sorted(set(options) - OPTIONS)
        if unknown:
            raise ConnectorError(f"unknown X option(s) {', '.join(map(repr, unknown))}; allowed: "
                                 f"{', '.join(sorted(OPTIONS))}", effect=Effect.DISABLE, code="bad_option")
        secrets = {name: self._secret(name, options) for name in CREDENTIALS}
        self.user_id = str(options.get("user_id") or "").strip()
        if not self.user_id.isdigit():
            raise ConnectorError("X option 'user_id' is required: the school account's numeric id (the number "
                                 "before the '-' in its OAuth 1.0a access token)", effect=Effect.DISABLE,
                                 code="bad_option")
        self.api_base_url = str(options.get("api_base_url") or "https://api.x.com")
        if not re.match(r"^https?://[^/\s]+", self.api_base_url):
            raise ConnectorError("X option 'api_base_url' must be an http(s) URL, e.g. https://api.x.com",
                                 effect=Effect.DISABLE, code="bad_option")
        self.timeout = self._number(options, "timeout_seconds", 30.0, 1, 300)
        self.expected_posts_per_poll = self._number(options, "expected_posts_per_poll",
                                                    DEFAULT_EXPECTED_POSTS_PER_POLL, 0, 100_000)
        self.poll_interval_seconds = self._number(options, "poll_interval_seconds", DEFAULT_POLL_INTERVAL, 1, 86400)
        self.initial_lookback = timedelta(hours=self._number(options, "initial_lookback_hours", 24, 0, 24 * 7))
        self.max_pages = int(self._number(options, "max_pages_per_query", 100, 1, 1000))
        # How long the school's posts are searched for replies. X search reaches back 7 days, but a thread
        # can live longer; beyond 7 days only its newest 7 days of replies can be found.
        self.conversation_window = timedelta(days=self._number(options, "conversation_days", 7, 1, 30))
        # Deletions: replies seen in the last deletion_check_hours are looked up every deletion_check_minutes
        # (each lookup is billed as a Post read once per UTC day); 0 minutes turns it off.
        self.deletion_every = 60 * self._number(options, "deletion_check_minutes", 60, 0, 24 * 60)
        self.deletion_window = 3600 * self._number(options, "deletion_check_hours", 24, 1, 24 * 7)
        self._has_bearer = secrets["bearer_token"] is not None
        self._access_token_user = (secrets["access_token"] or "").partition("-")[0]
        # return_type=Response: the JSON is parsed here, item by item, so one bad post cannot fail a page
        # (tweepy's models would raise on an id that is not a number or a date they cannot parse).
        self.client = tweepy.Client(bearer_token=secrets["bearer_token"], consumer_key=secrets["consumer_key"],
                                    consumer_secret=secrets["consumer_secret"], access_token=secrets["access_token"],
                                    access_token_secret=secrets["access_token_secret"], wait_on_rate_limit=False,
                                    return_type=requests.Response)
        self.client.session = _Session(self.api_base_url, self.timeout)
        self.client.session.hooks["response"].append(self._observe)
        self._endpoint = ""
        self._blocked: dict[str, float] = {}  # endpoint -> epoch seconds before which nothing is sent
        self._paused_until = 0.0             # the whole account (credits, monthly cap)
        self._failures = 0
        self._requests = 0
        self._pending: _Pending | None = None
        self._billed: tuple[str, set[str]] = ("", set())     # (UTC day, resources billed that day)

    # -- options ---------------------------------------------------------------------------
    @staticmethod
    def _secret(name: str, options: dict[str, Any]) -> str | None:
        return read_secret(options, name, required=name not in OPTIONAL_CREDENTIALS,
                           why="OAuth 1.0a user-context credentials of the school's X app: hiding replies needs them")

    @staticmethod
    def _number(options: dict[str, Any], name: str, default: float, lo: float, hi: float) -> float:
        value = options.get(name, default)
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = math.nan
        if not lo <= number <= hi:
            raise ConnectorError(f"X option {name!r} must be a number from {lo:g} to {hi:g} (got {str(value)[:40]!r})",
                                 effect=Effect.DISABLE, code="bad_option")
        return number

    # -- rate-limit blocks, handed from one connector to the next --------------------------
    def blocked_until(self) -> dict[str, float]:
        """Endpoint -> epoch seconds before which this connector will not call it (unexpired only).
        ``"*"`` is the whole account (credits used up, monthly cap)."""
        now = self.clock()
        blocks = {k: v for k, v in self._blocked.items() if v > now}
        if self._paused_until > now:
            blocks["*"] = self._paused_until
        return blocks

    def restore_blocked(self, blocks: dict[str, float]) -> None:
        """Adopt blocks an earlier connector for this account reported (expired ones are ignored)."""
        now = self.clock()
        for endpoint, until in (blocks or {}).items():
            try:
                until = float(until)
            except (TypeError, ValueError):
                continue
            if until <= now or not math.isfinite(until):
                continue
            if endpoint == "*":
                self._paused_until = max(self._paused_until, until)
            else:
                self._blocked[str(endpoint)] = max(self._blocked.get(str(endpoint), 0.0), until)

    # -- calls, limits and errors ----------------------------------------------------------
    def _observe(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        self._requests += 1
        remaining, reset = response.headers.get("x-rate-limit-remaining"), response.headers.get("x-rate-limit-reset")
        if remaining is not None and reset is not None and remaining.strip() == "0" and response.status_code < 400:
            try:
                self._blocked[self._endpoint] = max(self._blocked.get(self._endpoint, 0.0), int(reset) + 1.0)
            except ValueError:
                pass

    def _guard(self, endpoint: str) -> None:
        now = self.clock()
        if self._paused_until > now:
            raise ConnectorError(f"X reading is paused for @{self.handle} (credits or monthly cap); "
                                 "waiting before trying again", effect=Effect.PAUSE,
                                 retry_after=self._paused_until - now, code="paused")
        until = self._blocked.get(endpoint, 0.0)
        if until > now:
            raise ConnectorError(f"X rate limit for {endpoint} reached; no requests until it resets",
                                 effect=Effect.RETRY, endpoint=endpoint, retry_after=until - now, code="rate_limited")

    def _call(self, endpoint: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> dict[str, Any]:
        """The response's JSON object (parsed with ``load_json``), or a ConnectorError saying what to do."""
        self._guard(endpoint)
        self._endpoint = endpoint
        try:
            response = fn(*args, **kwargs)
            body = load_json(response.content)
            if not isinstance(body, dict):
                raise ValueError("not a JSON object")
        except tweepy.TooManyRequests as exc:
            raise self._too_many(endpoint, exc) from None
        except tweepy.Unauthorized:
            raise ConnectorError(
                f"X rejected the credentials of @{self.handle} (401 Unauthorized). The school must create new "
                "access tokens for its X app (console.x.com), update the *_env/*_file settings and re-enable "
                "the account", effect=Effect.DISABLE, code="unauthorized") from None
        except tweepy.Forbidden as exc:
            if endpoint == "hidden":
                raise ConnectorError("X refused to hide/unhide this reply (403): only replies in conversations the "
                                     "school started can be hidden", effect=Effect.GIVE_UP, code="forbidden") from None
            raise ConnectorError(
                f"X refused the {endpoint} request for @{self.handle} (403: {self._messages(exc)}). The school's X "
                "app needs read and write access and must be attached to a project with credits",
                effect=Effect.DISABLE, code="forbidden") from None
        except tweepy.NotFound as exc:
            raise ConnectorError(f"X: not found ({self._messages(exc)})", effect=Effect.GIVE_UP,
                                 code="not_found") from None
        except tweepy.BadRequest as exc:
            text = self._messages(exc)
            code = "stale_since_id" if "since_id" in text else "bad_request"
            raise ConnectorError(f"X rejected the {endpoint} request (400: {text})", effect=Effect.GIVE_UP,
                                 code=code) from None
        except tweepy.TwitterServerError as exc:
            raise self._transient(f"X server error on {endpoint} ({exc.response.status_code})", "server_error") from None
        except tweepy.HTTPException as exc:
            if exc.response.status_code == 402:
                raise self._pause("out_of_credits", "X pay-per-use credits are used up (402 CreditsDepleted): top up "
                                  "the school's X developer account (console.x.com) to resume reading",
                                  OUT_OF_CREDITS_PAUSE) from None
            raise self._transient(f"X answered {exc.response.status_code} on {endpoint}", "http_error") from None
        except (ValueError, RecursionError):
            raise self._transient(f"X sent malformed JSON on {endpoint}", "malformed") from None
        except requests.RequestException as exc:
            raise self._transient(f"cannot reach X ({type(exc).__name__}) on {endpoint}", "network") from None
        self._failures = 0
        return body

    @staticmethod
    def _messages(exc: tweepy.HTTPException) -> str:
        return "; ".join(str(m)[:300] for m in exc.api_messages) or "no detail"

    def _too_many(self, endpoint: str, exc: tweepy.TooManyRequests) -> ConnectorError:
        try:
            kind = str(exc.response.json().get("type", ""))
        except (ValueError, AttributeError):
            kind = ""
        if kind.endswith("usage-capped"):
            return self._pause("monthly_cap", "X monthly usage cap reached (429 UsageCapExceeded): reading resumes "
                               "when the billing cycle renews or the cap is raised in console.x.com", MONTHLY_CAP_PAUSE)
        now = self.clock()
        reset = exc.reset_time if exc.reset_time is not None else now + 60
        self._blocked[endpoint] = max(self._blocked.get(endpoint, 0.0), reset + 1.0)
        wait = max(1.0, self._blocked[endpoint] - now)
        log.warning("x rate limited", extra={"account": self.handle, "endpoint": endpoint,
                                             "retry_in_seconds": round(wait, 1)})
        return ConnectorError(f"X rate limit for {endpoint} reached (429); retry after reset", effect=Effect.RETRY,
                              endpoint=endpoint, retry_after=wait, code="rate_limited")

    def _pause(self, code: str, message: str, seconds: float) -> ConnectorError:
        self._paused_until = self.clock() + seconds
        log.error("x account paused", extra={"account": self.handle, "code": code, "alert": message,
                                             "retry_in_seconds": seconds})
        return ConnectorError(message, effect=Effect.PAUSE, retry_after=seconds, code=code)

    def _transient(self, message: str, code: str) -> ConnectorError:
        self._failures += 1
        delay = min(300.0, 2.0 * 2 ** (self._failures - 1)) * (0.5 + random.random() / 2)
        return ConnectorError(message, effect=Effect.RETRY, retry_after=delay, code=code)

    # -- reading ---------------------------------------------------------------------------
    def fetch(self, cursor: str | None, limit: int) -> FetchResult:
        if self._pending is not None and self._pending.cursor == (cursor or ""):
            pending, self._pending = self._pending, None
            return self._deliver(pending.posts, [], pending.state, pending.tops, limit)
        self._pending = None
        state = self._decode(cursor)
        started, requests_before = self.clock(), self._requests
        bill = {"owned_read": 0, "post_read": 0, "user_read": 0}
        self._refresh_roots(state, started, bill)
        self._learn_handle(state)
        tops: dict[str, int | None] = {}  # "mentions" or a root id -> newest id its query reported
        found: dict[str, tuple[int, RawComment]] = {}
        rejected: dict[str, Rejected] = {}
        errors: list[ConnectorError] = []
        sources: list[tuple[str, Callable[..., _Read]]] = [("mentions", self._read_mentions)]
        sources += [(f"search:{n}", self._read_search) for n in range(len(self._search_groups(state)))]
        for source, run in sources:
            try:
                read = run(state, source, started)
            except ConnectorError as exc:
                if exc.effect in (Effect.DISABLE, Effect.PAUSE):
                    raise
                errors.append(exc)
                continue
            for key in (["mentions"] if source == "mentions" else read.roots):
                tops[key] = read.newest
            kind = "owned_read" if source == "mentions" else "post_read"
            for post in read.posts:
                item = self._to_comment(post, read.users, read.media, started, state["roots"])
                if isinstance(item, Rejected):
                    rejected.setdefault(item.source_ref, item)
                    continue
                post_key, comment = item
                if self._bill(kind, str(post_key)):
                    bill[kind] += 1
                if post.get("author_id") == self.user_id:
                    continue  # the school's own posts and replies
                if comment.external_id not in found or found[comment.external_id][0] < post_key:
                    found[comment.external_id] = (post_key, comment)  # the newest version of an edited post
            bill["user_read"] += sum(self._bill("user_read", uid) for uid in read.users)
        removed: list[tuple[int | None, RawComment]] = []
        if not errors:
            removed = self._check_deletions(state, started, bill)
        usd = sum(PRICES_USD[k] * n for k, n in bill.items())
        log.info("x poll", extra={"account": self.handle, "requests": self._requests - requests_before,
                                  "posts_read": bill["owned_read"] + bill["post_read"], "users_read": bill["user_read"],
                                  "new": len(found), "removed": len(removed), "rejected": len(rejected),
                                  "usd": round(usd, 4), "errors": len(errors)})
        if errors:
            log.warning("x poll incomplete", extra={"account": self.handle, "errors": [e.code for e in errors]})
        if errors and not found and not rejected:
            first = errors[0]
            if len(errors) == 1:
                raise first
            waits = [e.retry_after for e in errors if e.retry_after]
            raise ConnectorError(str(first), effect=first.effect, retry_after=min(waits) if waits else None,
                                 code=first.code, endpoint=first.endpoint if len({e.endpoint for e in errors}) == 1
                                 else None)
        posts = removed + sorted(found.values(), key=lambda pair: pair[0])
        return self._deliver(posts, list(rejected.values()), state, tops, limit)

    def _deliver(self, posts: list[tuple[int | None, RawComment]], rejected: list[Rejected], state: dict[str, Any],
                 tops: dict[str, int | None], limit: int) -> FetchResult:
        """Return the oldest ``limit`` posts; each query's since_id moves only past what is returned."""
        batch, rest = posts[:limit], posts[limit:]
        keys = [key for key, _ in batch if key is not None]
        last = max(keys) if keys else None
        new_state = json.loads(json.dumps(state))

        def advance(old: int | None, top: int | None) -> int | None:
            if top is None:
                return old
            if rest:
                if last is None:
                    return old
                top = min(top, last)
            return top if old is None else max(old, top)

        for key, top in tops.items():
            if key == "mentions":
                new_state["mentions"] = advance(state["mentions"], top)
            elif key in state["roots"]:
                new_state["roots"][key] = advance(state["roots"][key], top)
        now = self.clock()
        watched = new_state["watch"]
        for key, comment in batch:
            if comment.removed:
                watched.pop(comment.external_id, None)
            elif key is not None:
                watched[comment.external_id] = [str(key), int(now)]
        if len(watched) > MAX_WATCHED:
            newest = sorted(watched.items(), key=lambda kv: int(kv[1][0]))[-MAX_WATCHED:]
            new_state["watch"] = dict(newest)
        cursor = json.dumps(new_state, separators=(",", ":"), sort_keys=True)
        if rest:
            self._pending = _Pending(cursor=cursor, posts=rest, state=new_state, tops=tops)
        return FetchResult(comments=[c for _, c in batch], cursor=cursor, rejected=rejected, more=bool(rest))

    def _decode(self, cursor: str | None) -> dict[str, Any]:
        state: dict[str, Any] = {"v": 2, "mentions": None, "own": None, "roots": {}, "me": None, "watch": {},
                                 "checked": 0}
        if cursor:
            try:
                loaded = json.loads(cursor)
                if isinstance(loaded, dict) and loaded.get("v") in (1, 2):
                    state.update({k: loaded.get(k, state[k]) for k in state if k != "v"})
            except ValueError:
                log.warning("x cursor unreadable; starting from the lookback window", extra={"account": self.handle})
        return state

    def _since(self, since: int | None, now: float, *, search: bool) -> dict[str, Any]:
        """since_id, or a start_time where there is none or search would refuse it as too old."""
        now_dt = datetime.fromtimestamp(now, tz=timezone.utc)
        if since is None:
            return {"start_time": now_dt - self.initial_lookback}
        if search and snowflake_time(since) < now_dt - SEARCH_WINDOW + STALE_MARGIN:
            return {"start_time": now_dt - FALLBACK_LOOKBACK}
        return {"since_id": since}

    def _paged(self, endpoint: str, fn: Callable[..., Any], token_name: str, params: dict[str, Any],
               floor: int | None) -> _Read:
        read, token = _Read(), None
        for page_no in range(self.max_pages):
            body = self._call(endpoint, fn, **params, **({token_name: token} if token else {}))
            meta = body.get("meta") if isinstance(body.get("meta"), dict) else {}
            includes = body.get("includes") if isinstance(body.get("includes"), dict) else {}
            data = body.get("data") if isinstance(body.get("data"), list) else []
            ids = [_digits(p.get("id")) for p in data if isinstance(p, dict)]
            newest = max([i for i in ids + [_digits(meta.get("newest_id"))] if i is not None], default=None)
            if page_no == 0 and newest is not None:
                read.newest = newest
            for post in data:
                post_id = _digits(post.get("id")) if isinstance(post, dict) else None
                if floor is None or post_id is None or post_id > floor:
                    read.posts.append(post)
            for user in includes.get("users") or []:
                if isinstance(user, dict) and isinstance(user.get("id"), str):
                    read.users[user["id"]] = user
            for media in includes.get("media") or []:
                if isinstance(media, dict) and isinstance(media.get("media_key"), str):
                    read.media[media["media_key"]] = media
            token = meta.get("next_token")
            if not token or not isinstance(token, str):
                return read
        log.error("x query has more pages than max_pages_per_query; older posts in this poll were skipped",
                  extra={"account": self.handle, "endpoint": endpoint})
        return read

    def _read_mentions(self, state: dict[str, Any], source: str, now: float) -> _Read:
        since = state["mentions"]
        params = dict(self._since(since, now, search=False), max_results=100, expansions=EXPANSIONS,
                      tweet_fields=TWEET_FIELDS, user_fields=USER_FIELDS, media_fields=MEDIA_FIELDS, user_auth=True)
        return self._paged("mentions", self.client.get_users_mentions, "pagination_token",
                           dict(params, id=self.user_id), since)

    def _search_groups(self, state: dict[str, Any]) -> list[list[str]]:
        return _groups(sorted(state["roots"], key=int), self._search_tail(state))

    def _search_tail(self, state: dict[str, Any]) -> str:
        me = state.get("me")
        mention = f" -@{me}" if isinstance(me, str) and re.fullmatch(r"\w{1,15}", me) else ""
        return f" -from:{self.user_id}{mention} -is:retweet"

    def _read_search(self, state: dict[str, Any], source: str, now: float) -> _Read:
        """One search over a group of conversations, from the group's lowest since_id (a conversation
        further on skips, by id, what it has already read)."""
        roots = self._search_groups(state)[int(source.partition(":")[2])]
        values = [state["roots"][r] for r in roots]
        since = None if any(v is None for v in values) else min(values)
        query = f"({' OR '.join(f'conversation_id:{r}' for r in roots)}){self._search_tail(state)}"
        params = dict(query=query, max_results=100, expansions=EXPANSIONS, tweet_fields=TWEET_FIELDS,
                      user_fields=USER_FIELDS, media_fields=MEDIA_FIELDS, user_auth=not self._has_bearer)
        try:
            read = self._paged("search", self.client.search_recent_tweets, "next_token",
                               dict(params, **self._since(since, now, search=True)), since)
        except ConnectorError as exc:
            if exc.code != "stale_since_id":
                raise
            # Our clock and X's disagree about the window's edge: use X's edge as a time window.
            edge = re.search(r"created after (\d{4}-\d\d-\d\dT\d\d:\d\d)Z", str(exc))
            start = (datetime.fromisoformat(edge.group(1)).replace(tzinfo=timezone.utc) + timedelta(minutes=1)
                     if edge else datetime.fromtimestamp(now, tz=timezone.utc) - FALLBACK_LOOKBACK)
            read = self._paged("search", self.client.search_recent_tweets, "next_token",
                               dict(params, start_time=start), since)
        floors = {r: state["roots"][r] for r in roots}
        read.posts = [p for p in read.posts if not self._already_read(p, floors)]
        read.roots = roots
        return read

    @staticmethod
    def _already_read(post: Any, floors: dict[str, int | None]) -> bool:
        if not isinstance(post, dict):
            return False
        post_id, floor = _digits(post.get("id")), floors.get(str(post.get("conversation_id")))
        return post_id is not None and floor is not None and post_id <= floor

    def _learn_handle(self, state: dict[str, Any]) -> None:
        """The school's @handle, once (kept in the cursor), so search can leave out what mentions read."""
        if state.get("me") or not state["roots"]:
            return
        try:
            data = self._call("me", self.client.get_me, user_auth=True).get("data") or {}
        except ConnectorError as exc:
            if exc.effect in (Effect.DISABLE, Effect.PAUSE):
                raise
            return  # search without the exclusion this time; duplicates are dropped by id
        if isinstance(data, dict) and str(data.get("id")) == self.user_id and isinstance(data.get("username"), str):
            state["me"] = data["username"]

    def _refresh_roots(self, state: dict[str, Any], now: float, bill: dict[str, int]) -> None:
        """Learn the school's new posts (conversation roots) and forget those past ``conversation_days``.
        A new root's replies are searched from the root itself; on the first run, from the lookback."""
        oldest = datetime.fromtimestamp(now, tz=timezone.utc) - self.conversation_window
        state["roots"] = {r: v for r, v in state["roots"].items() if _digits(r) and snowflake_time(r) >= oldest}
        first_run = state["own"] is None
        params: dict[str, Any] = {"since_id": state["own"]} if state["own"] else {"start_time": oldest}
        read = self._paged("user_tweets", self.client.get_users_tweets, "pagination_token",
                           dict(params, id=self.user_id, max_results=100, exclude=["retweets", "replies"],
                                tweet_fields=["created_at", "conversation_id"], user_auth=True), state["own"])
        for post in read.posts:
            post_id = _digits(post.get("id")) if isinstance(post, dict) else None
            if post_id is None:
                continue
            if self._bill("owned_read", str(post_id)):
                bill["owned_read"] += 1
            is_root = post.get("conversation_id", post["id"]) == post["id"]
            if is_root and post["id"] not in state["roots"] and snowflake_time(post_id) >= oldest:
                state["roots"][post["id"]] = None if first_run else post_id
        if read.newest is not None:
            state["own"] = max(state["own"] or 0, read.newest)
        elif state["own"] is None:
            state["own"] = 0  # first run done: roots found later are new

    def _check_deletions(self, state: dict[str, Any], now: float, bill: dict[str, int]) -> list[tuple[None, RawComment]]:
        """Replies watched for deletion that X no longer has, as removed comments (at most every
        ``deletion_check_minutes``; one request per 100 replies)."""
        watch: dict[str, list[Any]] = state["watch"]
        for original, (_, seen) in list(watch.items()):
            if seen < now - self.deletion_window:
                del watch[original]
        if not state["checked"]:
            state["checked"] = int(now)  # the first check comes one interval after the first poll
        if not self.deletion_every or not watch or now - state["checked"] < self.deletion_every:
            return []
        latest = {str(v[0]): original for original, v in watch.items()}
        gone: list[str] = []
        ids = sorted(latest, key=int)
        for start in range(0, len(ids), LOOKUP_BATCH):
            chunk = ids[start:start + LOOKUP_BATCH]
            try:
                body = self._call("lookup", self.client.get_tweets, ids=chunk, tweet_fields=["edit_history_tweet_ids"],
                                  user_auth=not self._has_bearer)
            except ConnectorError as exc:
                if exc.effect in (Effect.DISABLE, Effect.PAUSE):
                    raise
                log.warning("x deletion check failed; trying again next poll",
                            extra={"account": self.handle, "error": exc.code})
                return []
            present = {p.get("id") for p in body.get("data") or [] if isinstance(p, dict)}
            not_found = {e.get("resource_id") or e.get("value") for e in body.get("errors") or []
                         if isinstance(e, dict) and str(e.get("type", "")).endswith("/resource-not-found")}
            for post_id in present:
                if isinstance(post_id, str) and self._bill("post_read", post_id):
                    bill["post_read"] += 1
            # Missing from the answer, or reported not found: gone. Other errors (a protected or suspended
            # author) say nothing about the post itself.
            others = {e.get("resource_id") or e.get("value") for e in body.get("errors") or []
                      if isinstance(e, dict)} - not_found
            gone += [i for i in chunk if i in not_found or (i not in present and i not in others)]
        state["checked"] = int(now)
        return [(None, RawComment(platform="x", external_id=latest[i], text="", removed=True)) for i in gone]

    def _bill(self, kind: str, resource: str) -> bool:
        """True the first time a resource is read in a UTC day (X bills each once a day)."""
        day = datetime.fromtimestamp(self.clock(), tz=timezone.utc).strftime("%Y-%m-%d")
        if self._billed[0] != day:
            self._billed = (day, set())
        key = f"{kind}:{resource}"
        if key in self._billed[1]:
            return False
        self._billed[1].add(key)
        return True

    def _hideable(self, post_ids: set[str], conversation: str | None, roots: dict[str, Any], now: float) -> bool:
        """False when X will refuse to hide this post: only replies in a conversation the school started
        can be hidden, and every root the school posted since ``conversation_days`` ago is in ``roots``.
        An older conversation, or one X did not name, may be the school's: True (the hide is tried)."""
        if conversation is None or conversation in roots:
            return True
        if conversation in post_ids:
            return False  # a post of its own, not a reply
        if _digits(conversation) is None:
            return True
        since = datetime.fromtimestamp(now, tz=timezone.utc) - self.conversation_window + STALE_MARGIN
        try:
            return snowflake_time(conversation) < since
        except (OverflowError, ValueError, OSError):
            return True

    def _to_comment(self, post: Any, users: dict[str, dict[str, Any]], media: dict[str, dict[str, Any]],
                    now: float, roots: dict[str, Any] | None = None) -> tuple[int, RawComment] | Rejected:
        """(the post's own id, the comment under its ORIGINAL id) or why the post cannot be a comment."""
        def reject(reason: str) -> Rejected:
            raw = evidence(post)
            shown = post.get("id") if isinstance(post, dict) and isinstance(post.get("id"), str) else None
            ref = f"x post {shown!r}" if shown is not None and len(shown) <= 40 and not id_problem(shown) \
                else f"x post sha256:{hashlib.sha256(raw).hexdigest()[:32]}"
            return Rejected(ref, reason, raw)

        if not isinstance(post, dict):
            return reject("post is not a JSON object")
        problem = id_problem(post.get("id"), "id", numeric=True)
        if problem:
            return reject(problem)
        if len(evidence(post)) >= MAX_ITEM_CHARS:
            return reject(f"post is larger than {MAX_ITEM_CHARS} characters")
        post_id = int(post["id"])
        history = post.get("edit_history_tweet_ids", [post["id"]])
        if not isinstance(history, list) or not history:
            return reject("'edit_history_tweet_ids' must be a non-empty list of ids")
        original = history[0]
        if problem := id_problem(original, "edit_history_tweet_ids[0]", numeric=True):
            return reject(problem)
        text = post.get("text")
        if not isinstance(text, str):
            return reject("'text' must be a string")
        refs: dict[str, str | None] = {}
        value = post.get("conversation_id")
        if value is not None and (problem := id_problem(value, "conversation_id", numeric=True)):
            return reject(problem)
        refs["conversation_id"] = value
        refs["author_id"], author_problem = author_ref(post.get("author_id"), "author_id", numeric=True)
        parent = None
        referenced = post.get("referenced_tweets") or []
        if not isinstance(referenced, list):
            return reject("'referenced_tweets' must be a list")
        for ref in referenced:
            if isinstance(ref, dict) and ref.get("type") == "replied_to":
                if problem := id_problem(ref.get("id"), "referenced_tweets.id", numeric=True):
                    return reject(problem)
                parent = ref["id"]
        flags: list[str] = []
        text, fixed = fix_text(text)
        author = users.get(refs["author_id"] or "", {})
        username = author.get("username") if isinstance(author.get("username"), str) else None
        name = author.get("name") if isinstance(author.get("name"), str) else None
        if username is not None and not re.fullmatch(r"\w{1,50}", username):
            username = None  # not an X handle: keep it out of the permalink
        if name is not None:
            name, bad = fix_text(name[:300])
            fixed = fixed or bad
        if fixed:
            flags.append("invalid_utf8")
        created, bad_time = sane_time(post.get("created_at"), now)
        if bad_time:
            flags.append("bad_created_at")
        if roots is not None and not self._hideable({post["id"], *map(str, history)}, refs["conversation_id"],
                                                    roots, now):
            flags.append(NOT_HIDEABLE)
        return post_id, RawComment(
            platform="x", external_id=original, version_id=None if str(post_id) == original else str(post_id),
            text=text, author_id=refs["author_id"], author_name=name,
            author_username=username, post_id=refs["conversation_id"], parent_id=parent, created_at=created,
            permalink=f"https://x.com/{username or 'i/web'}/status/{original}",
            attachments=self._attachments(post, media), flags=flags, author_problem=author_problem,
        )

    @staticmethod
    def _attachments(post: dict[str, Any], media: dict[str, dict[str, Any]]) -> list[dict[str, Any]] | None:
        keys = (post.get("attachments") or {}).get("media_keys") if isinstance(post.get("attachments"), dict) else None
        if not isinstance(keys, list):
            return None
        out = []
        for key in keys[:20]:
            if not isinstance(key, str):
                continue
            item = media.get(key, {})

            def text(name: str, limit: int = 2000) -> str | None:
                value = item.get(name)
                return value[:limit] if isinstance(value, str) else None

            out.append({"type": text("type", 40) or "media", "url": text("url"),
                        "preview_url": text("preview_image_url"), "media_key": key[:128]})
        return out or None

    # -- acting ----------------------------------------------------------------------------
    def act(self, action: str, target: ActionTarget, params: dict[str, Any], idempotency_key: str) -> dict[str, Any]:
        if action not in self.supports:
            raise UnsupportedAction(self.platform, action)
        # An edit is a post of its own on X: act on the version people see now (the ingest stored its id).
        post_id = target.version_external_id or target.comment_external_id
        if _digits(post_id) is None:
            raise ConnectorError(f"{action} needs the reply's numeric X id", effect=Effect.GIVE_UP, code="bad_target")
        fn = self.client.hide_reply if action == "hide" else self.client.unhide_reply
        try:
            body = self._call("hidden", fn, post_id, user_auth=True)
        except ConnectorError as exc:
            if exc.code == "not_found":  # deleted by its author: nothing left to hide
                return {"hidden": action == "hide", "gone": True, "acted_on": post_id}
            raise
        log.info("x action", extra={"account": self.handle, "action": action, "usd": PRICES_USD["content_manage"]})
        data = body.get("data") if isinstance(body.get("data"), dict) else {}
        return {"hidden": bool(data.get("hidden")), "acted_on": post_id}

    # -- operator checks -------------------------------------------------------------------
    def cost_estimate(self, poll_interval_seconds: float | None = None) -> dict[str, Any]:
        return cost_estimate(poll_interval_seconds or self.poll_interval_seconds, self.expected_posts_per_poll,
                             self.deletion_window / 3600 if self.deletion_every else 0)

    def check(self, poll_interval_seconds: float | None = None) -> list[tuple[bool, str]]:
        lines: list[tuple[bool, str]] = []
        try:
            me = self._call("me", self.client.get_me, user_auth=True).get("data") or {}
            me_id, me_name = str(me.get("id")), str(me.get("username"))[:50]
            if me_id == self.user_id:
                lines.append((True, f"X credentials accepted: authenticated as @{me_name} ({me_id})"))
            else:
                lines.append((False, f"X credentials belong to @{me_name} ({me_id[:30]}), but option 'user_id' is "
                                     f"{self.user_id}: use the school account's own tokens"))
        except ConnectorError as exc:
            lines.append((False, f"X credentials check failed: {exc}"))
        if self._access_token_user and self._access_token_user != self.user_id:
            lines.append((False, f"the access token was issued for user {self._access_token_user}, not option "
                                 f"'user_id' {self.user_id}; hiding replies needs the school account's own token"))
        est = self.cost_estimate(poll_interval_seconds)
        lines.append((True, f"projected X API cost at one poll every {est['poll_interval_seconds']:g} s and "
                            f"{est['expected_posts_per_poll']:g} new posts per poll: about ${est['usd_per_month']:.2f} "
                            f"a month (${est['usd_per_post']:.3f} per post read; hides ${est['hide_usd']:.3f} each)"))
        return lines

    def close(self) -> None:
        self.client.session.close()


def _groups(roots: list[str], tail: str) -> list[list[str]]:
    """Conversations OR-joined into as few queries as X's 512-character limit allows."""
    groups: list[list[str]] = []
    current: list[str] = []
    for root in roots:
        trial = current + [root]
        if len(f"({' OR '.join(f'conversation_id:{r}' for r in trial)}){tail}") > MAX_QUERY_CHARS and current:
            groups.append(current)
            trial = [root]
        current = trial
    if current:
        groups.append(current)
    return groups
