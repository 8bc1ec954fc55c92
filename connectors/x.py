"""X (Twitter) connector: reads replies and mentions through the X API v2 with tweepy, and hides
or unhides replies in the school's own conversations.

Reading, per poll: the school's own posts of the last 7 days (to know its conversations), the
mentions timeline, and a ``conversation_id:`` recent search over those conversations so replies deep
in a thread (which may not @mention the school) are seen. Every query has its own ``since_id``;
the cursor (JSON) holds them and advances only past posts returned to the worker, which saves it in
the same transaction as the stored batch. A ``since_id`` older than the 7-day search window falls
back to ``start_time`` and filters by id, so nothing is read twice.

Limits: the connector never sends a request to an endpoint before the reset time X reported (from
``x-rate-limit-remaining``/``x-rate-limit-reset`` on every response, or a 429); it raises
``ConnectorError(retry_after=...)`` instead. ``wait_on_rate_limit`` stays off so the worker loop
stays in control. A 402 (credits used up) or a monthly usage cap pauses the account for hours and
logs an error-level alert; cursors do not move, so nothing is lost.
"""
from __future__ import annotations

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

from connectors.base import ActionTarget, ConnectorError, FetchResult, RawComment, UnsupportedAction, read_secret

log = logging.getLogger("connectors.x")
# tweepy (Bearer token) and the OAuth 1.0a signers (consumer key, access token) log credentials at DEBUG.
for _name in ("tweepy.client", "requests_oauthlib", "oauthlib"):
    logging.getLogger(_name).setLevel(max(logging.INFO, logging.getLogger(_name).level))

# What X lets a school do to other people's posts (reference §2.4–2.5): hide and unhide replies in
# conversations the school started. Deleting others' posts is impossible; blocking was removed from
# the API in 2023; replies are restricted to "summoned" ones. The outbox turns any other action a
# rule asks for into hide + human review.
SUPPORTED_ACTIONS: frozenset[str] = frozenset({"hide", "unhide"})
UNSUPPORTED_REASONS: dict[str, str] = {
    "delete": "X only lets an account delete its own posts",
    "ban": "X removed the block endpoints in 2023; hide the reply and review it",
    "unban": "X removed the block endpoints in 2023",
    "reply": "X restricts programmatic replies to posts that summoned the account; reply by hand",
}

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
TWEET_FIELDS = ["created_at", "conversation_id", "in_reply_to_user_id", "author_id", "referenced_tweets"]
USER_FIELDS = ["username", "name"]
CREDENTIALS = ("consumer_key", "consumer_secret", "access_token", "access_token_secret", "bearer_token")
OPTIONAL_CREDENTIALS = {"bearer_token"}
OPTIONS = {f"{name}_{how}" for name in CREDENTIALS for how in ("env", "file")} | {
    "user_id", "api_base_url", "timeout_seconds", "expected_posts_per_poll", "poll_interval_seconds",
    "initial_lookback_hours", "max_pages_per_query", "conversation_days"}


def snowflake_time(post_id: int | str) -> datetime:
    return datetime.fromtimestamp(((int(post_id) >> 22) + TWITTER_EPOCH_MS) / 1000, tz=timezone.utc)


def cost_estimate(poll_interval_seconds: float, expected_posts_per_poll: float = DEFAULT_EXPECTED_POSTS_PER_POLL,
                  ) -> dict[str, Any]:
    """Projected pay-per-use cost. An upper bound: every new reply is counted as read twice (once as an
    Owned Read from mentions, once as a search result) and its author as one user read; empty polls
    cost nothing (X bills resources returned, not requests); hides are extra at ``hide_usd`` each."""
    if poll_interval_seconds <= 0:
        raise ValueError("poll_interval_seconds must be positive")
    per_post = PRICES_USD["owned_read"] + PRICES_USD["post_read"] + PRICES_USD["user_read"]
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
    newest: int | None = None
    roots: list[str] = field(default_factory=list)


@dataclass
class _Pending:
    """Posts read but not yet returned, valid while the worker hands back the cursor we gave it."""

    cursor: str
    posts: list[RawComment]
    state: dict[str, Any]
    tops: dict[str, int | None]


class XConnector:
    platform = "x"
    supports = SUPPORTED_ACTIONS
    unsupported_reasons = UNSUPPORTED_REASONS  # for the register, CLI and console to explain "cannot"

    def __init__(self, *, platform: str = "x", handle: str | None = None, clock: Callable[[], float] = time.time,
                 **options: Any):
        if platform != "x":
            raise ConnectorError(f"the x connector serves platform 'x', not {platform!r}", permanent=True)
        self.handle = handle or "x"
        self.clock = clock
        unknown = sorted(set(options) - OPTIONS)
        if unknown:
            raise ConnectorError(f"unknown X option(s) {', '.join(map(repr, unknown))}; allowed: "
                                 f"{', '.join(sorted(OPTIONS))}", permanent=True, code="bad_option")
        secrets = {name: self._secret(name, options) for name in CREDENTIALS}
        self.user_id = str(options.get("user_id") or "").strip()
        if not self.user_id.isdigit():
            raise ConnectorError("X option 'user_id' is required: the school account's numeric id (the number "
                                 "before the '-' in its OAuth 1.0a access token)", permanent=True, code="bad_option")
        self.api_base_url = str(options.get("api_base_url") or "https://api.x.com")
        if not re.match(r"^https?://[^/\s]+", self.api_base_url):
            raise ConnectorError("X option 'api_base_url' must be an http(s) URL, e.g. https://api.x.com",
                                 permanent=True, code="bad_option")
        self.timeout = self._number(options, "timeout_seconds", 30.0, 1, 300)
        self.expected_posts_per_poll = self._number(options, "expected_posts_per_poll",
                                                    DEFAULT_EXPECTED_POSTS_PER_POLL, 0, 100_000)
        self.poll_interval_seconds = self._number(options, "poll_interval_seconds", DEFAULT_POLL_INTERVAL, 1, 86400)
        self.initial_lookback = timedelta(hours=self._number(options, "initial_lookback_hours", 24, 0, 24 * 7))
        self.max_pages = int(self._number(options, "max_pages_per_query", 100, 1, 1000))
        # How long the school's posts are searched for replies. X search reaches back 7 days, but a thread
        # can live longer; beyond 7 days only its newest 7 days of replies can be found.
        self.conversation_window = timedelta(days=self._number(options, "conversation_days", 7, 1, 30))
        self._has_bearer = secrets["bearer_token"] is not None
        self._access_token_user = (secrets["access_token"] or "").partition("-")[0]
        self.client = tweepy.Client(bearer_token=secrets["bearer_token"], consumer_key=secrets["consumer_key"],
                                    consumer_secret=secrets["consumer_secret"], access_token=secrets["access_token"],
                                    access_token_secret=secrets["access_token_secret"], wait_on_rate_limit=False)
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
                                 permanent=True, code="bad_option")
        return number

    # -- calls, limits and errors ----------------------------------------------------------
    def _observe(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        self._requests += 1
        remaining, reset = response.headers.get("x-rate-limit-remaining"), response.headers.get("x-rate-limit-reset")
        if remaining is not None and reset is not None and remaining.strip() == "0":
            try:
                self._blocked[self._endpoint] = max(self._blocked.get(self._endpoint, 0.0), int(reset) + 1.0)
            except ValueError:
                pass

    def _guard(self, endpoint: str) -> None:
        now = self.clock()
        if self._paused_until > now:
            raise ConnectorError(f"X reading is paused for @{self.handle} (credits or monthly cap); "
                                 "waiting before trying again", retry_after=self._paused_until - now, code="paused")
        until = self._blocked.get(endpoint, 0.0)
        if until > now:
            raise ConnectorError(f"X rate limit for {endpoint} reached; no requests until it resets",
                                 retry_after=until - now, code="rate_limited")

    def _call(self, endpoint: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        self._guard(endpoint)
        self._endpoint = endpoint
        try:
            result = fn(*args, **kwargs)
        except tweepy.TooManyRequests as exc:
            raise self._too_many(endpoint, exc) from None
        except tweepy.Unauthorized:
            raise ConnectorError(
                f"X rejected the credentials of @{self.handle} (401 Unauthorized). The school must create new "
                "access tokens for its X app (console.x.com), update the *_env/*_file settings and re-enable "
                "the account", account_problem=True, code="unauthorized") from None
        except tweepy.Forbidden as exc:
            if endpoint == "hidden":
                raise ConnectorError("X refused to hide/unhide this reply (403): only replies in conversations the "
                                     "school started can be hidden", permanent=True, code="forbidden") from None
            raise ConnectorError(
                f"X refused the {endpoint} request for @{self.handle} (403: {self._messages(exc)}). The school's X "
                "app needs read and write access and must be attached to a project with credits",
                account_problem=True, code="forbidden") from None
        except tweepy.NotFound as exc:
            raise ConnectorError(f"X: not found ({self._messages(exc)})", permanent=True, code="not_found") from None
        except tweepy.BadRequest as exc:
            text = self._messages(exc)
            code = "stale_since_id" if "since_id" in text else "bad_request"
            raise ConnectorError(f"X rejected the {endpoint} request (400: {text})", permanent=True, code=code) from None
        except tweepy.TwitterServerError as exc:
            raise self._transient(f"X server error on {endpoint} ({exc.response.status_code})", "server_error") from None
        except tweepy.HTTPException as exc:
            if exc.response.status_code == 402:
                raise self._pause("out_of_credits", "X pay-per-use credits are used up (402 CreditsDepleted): top up "
                                  "the school's X developer account (console.x.com) to resume reading",
                                  OUT_OF_CREDITS_PAUSE) from None
            raise self._transient(f"X answered {exc.response.status_code} on {endpoint}", "http_error") from None
        except requests.JSONDecodeError:
            raise self._transient(f"X sent malformed JSON on {endpoint}", "malformed") from None
        except requests.RequestException as exc:
            raise self._transient(f"cannot reach X ({type(exc).__name__}) on {endpoint}", "network") from None
        self._failures = 0
        return result

    @staticmethod
    def _messages(exc: tweepy.HTTPException) -> str:
        return "; ".join(str(m)[:300] for m in exc.api_messages) or "no detail"

    def _too_many(self, endpoint: str, exc: tweepy.TooManyRequests) -> ConnectorError:
        try:
            kind = str(exc.response.json().get("type", ""))
        except ValueError:
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
        return ConnectorError(f"X rate limit for {endpoint} reached (429); retry after reset", retry_after=wait,
                              code="rate_limited")

    def _pause(self, code: str, message: str, seconds: float) -> ConnectorError:
        self._paused_until = self.clock() + seconds
        log.error("x account paused", extra={"account": self.handle, "code": code, "alert": message,
                                             "retry_in_seconds": seconds})
        return ConnectorError(message, retry_after=seconds, code=code)

    def _transient(self, message: str, code: str) -> ConnectorError:
        self._failures += 1
        delay = min(300.0, 2.0 * 2 ** (self._failures - 1)) * (0.5 + random.random() / 2)
        return ConnectorError(message, retry_after=delay, code=code)

    # -- reading ---------------------------------------------------------------------------
    def fetch(self, cursor: str | None, limit: int) -> FetchResult:
        if self._pending is not None and self._pending.cursor == (cursor or ""):
            pending, self._pending = self._pending, None
            return self._deliver(pending.posts, pending.state, pending.tops, limit)
        self._pending = None
        state = self._decode(cursor)
        started, requests_before = self.clock(), self._requests
        bill = {"owned_read": 0, "post_read": 0, "user_read": 0}
        self._refresh_roots(state, started, bill)
        tops: dict[str, int | None] = {}  # "mentions" or a root id -> newest id its query reported
        found: dict[str, RawComment] = {}
        errors: list[ConnectorError] = []
        # Conversations are searched in groups that share a since_id (usually one group).
        groups = sorted({json.dumps(v) for v in state["roots"].values()})
        for source, run in [("mentions", self._read_mentions)] + [(f"search:{g}", self._read_group) for g in groups]:
            try:
                read = run(state, source, started)
            except ConnectorError as exc:
                if exc.account_problem or exc.code in ("out_of_credits", "monthly_cap"):
                    raise
                errors.append(exc)
                continue
            for key in (["mentions"] if source == "mentions" else read.roots):
                tops[key] = read.newest
            kind = "owned_read" if source == "mentions" else "post_read"
            for post in read.posts:
                if self._bill(kind, post["id"]):
                    bill[kind] += 1
                if post.get("author_id") == self.user_id:
                    continue  # the school's own posts and replies
                found.setdefault(post["id"], self._to_comment(post, read.users))
            bill["user_read"] += sum(self._bill("user_read", uid) for uid in read.users)
        usd = sum(PRICES_USD[k] * n for k, n in bill.items())
        log.info("x poll", extra={"account": self.handle, "requests": self._requests - requests_before,
                                  "posts_read": bill["owned_read"] + bill["post_read"], "users_read": bill["user_read"],
                                  "new": len(found), "usd": round(usd, 4), "errors": len(errors)})
        if errors:
            log.warning("x poll incomplete", extra={"account": self.handle, "errors": [e.code for e in errors]})
        if errors and not found:
            waits = [e.retry_after for e in errors if e.retry_after]
            first = errors[0]
            raise ConnectorError(str(first), retry_after=min(waits) if waits else None, code=first.code,
                                 permanent=first.permanent and not waits)
        posts = sorted(found.values(), key=lambda c: int(c.external_id))
        return self._deliver(posts, state, tops, limit)

    def _deliver(self, posts: list[RawComment], state: dict[str, Any], tops: dict[str, int | None],
                 limit: int) -> FetchResult:
        """Return the oldest ``limit`` posts; each query's since_id moves only past what is returned."""
        batch, rest = posts[:limit], posts[limit:]
        last = int(batch[-1].external_id) if batch and rest else None
        new_state = json.loads(json.dumps(state))

        def advance(old: int | None, top: int | None) -> int | None:
            if top is None:
                return old
            target = top if last is None else min(top, last)
            return target if old is None else max(old, target)

        for key, top in tops.items():
            if key == "mentions":
                new_state["mentions"] = advance(state["mentions"], top)
            elif key in state["roots"]:
                new_state["roots"][key] = advance(state["roots"][key], top)
        cursor = json.dumps(new_state, separators=(",", ":"), sort_keys=True)
        if rest:
            self._pending = _Pending(cursor=cursor, posts=rest, state=new_state, tops=tops)
        return FetchResult(comments=batch, cursor=cursor, more=bool(rest))

    def _decode(self, cursor: str | None) -> dict[str, Any]:
        state: dict[str, Any] = {"v": 1, "mentions": None, "own": None, "roots": {}}
        if cursor:
            try:
                loaded = json.loads(cursor)
                if isinstance(loaded, dict) and loaded.get("v") == 1:
                    state.update({k: loaded.get(k, state[k]) for k in state})
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
            resp = self._call(endpoint, fn, **params, **({token_name: token} if token else {}))
            if page_no == 0 and resp.meta.get("newest_id"):
                read.newest = int(resp.meta["newest_id"])
            read.posts += [t.data for t in resp.data or [] if floor is None or int(t.data["id"]) > floor]
            read.users.update({u.data["id"]: u.data for u in resp.includes.get("users", [])})
            token = resp.meta.get("next_token")
            if not token:
                return read
        log.error("x query has more pages than max_pages_per_query; older posts in this poll were skipped",
                  extra={"account": self.handle, "endpoint": endpoint})
        return read

    def _read_mentions(self, state: dict[str, Any], source: str, now: float) -> _Read:
        since = state["mentions"]
        params = dict(self._since(since, now, search=False), max_results=100, expansions=["author_id"],
                      tweet_fields=TWEET_FIELDS, user_fields=USER_FIELDS, user_auth=True)
        return self._paged("mentions", self.client.get_users_mentions, "pagination_token",
                           dict(params, id=self.user_id), since)

    def _read_group(self, state: dict[str, Any], source: str, now: float) -> _Read:
        since = json.loads(source.partition(":")[2])
        roots = sorted(r for r, v in state["roots"].items() if v == since)
        total = _Read(roots=roots)
        for query in _queries(roots, self.user_id):
            params = dict(query=query, max_results=100, expansions=["author_id"], tweet_fields=TWEET_FIELDS,
                          user_fields=USER_FIELDS, user_auth=not self._has_bearer)
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
            total.posts += read.posts
            total.users.update(read.users)
            if read.newest is not None:
                total.newest = max(total.newest or 0, read.newest)
        return total

    def _refresh_roots(self, state: dict[str, Any], now: float, bill: dict[str, int]) -> None:
        """Learn the school's new posts (conversation roots) and forget those past ``conversation_days``.
        A new root's replies are searched from the root itself; on the first run, from the lookback."""
        oldest = datetime.fromtimestamp(now, tz=timezone.utc) - self.conversation_window
        state["roots"] = {r: v for r, v in state["roots"].items() if snowflake_time(r) >= oldest}
        first_run = state["own"] is None
        params: dict[str, Any] = {"since_id": state["own"]} if state["own"] else {"start_time": oldest}
        read = self._paged("user_tweets", self.client.get_users_tweets, "pagination_token",
                           dict(params, id=self.user_id, max_results=100, exclude=["retweets", "replies"],
                                tweet_fields=["created_at", "conversation_id"], user_auth=True), state["own"])
        for post in read.posts:
            if self._bill("owned_read", post["id"]):
                bill["owned_read"] += 1
            is_root = post.get("conversation_id", post["id"]) == post["id"]
            if is_root and post["id"] not in state["roots"] and snowflake_time(post["id"]) >= oldest:
                state["roots"][post["id"]] = None if first_run else int(post["id"])
        if read.newest is not None:
            state["own"] = max(state["own"] or 0, read.newest)
        elif state["own"] is None:
            state["own"] = 0  # first run done: roots found later are new

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

    def _to_comment(self, post: dict[str, Any], users: dict[str, dict[str, Any]]) -> RawComment:
        author = users.get(post.get("author_id", ""), {})
        parent = next((r["id"] for r in post.get("referenced_tweets", []) if r.get("type") == "replied_to"), None)
        created = post.get("created_at")
        username = author.get("username")
        return RawComment(
            platform="x", external_id=post["id"], text=post.get("text", ""), author_id=post.get("author_id"),
            author_name=author.get("name"), author_username=username, post_id=post.get("conversation_id"),
            parent_id=parent,
            created_at=datetime.fromisoformat(created.replace("Z", "+00:00")) if created else snowflake_time(post["id"]),
            permalink=f"https://x.com/{username or 'i/web'}/status/{post['id']}",
        )

    # -- acting ----------------------------------------------------------------------------
    def act(self, action: str, target: ActionTarget, params: dict[str, Any], idempotency_key: str) -> dict[str, Any]:
        if action not in self.supports:
            raise UnsupportedAction(self.platform, action)
        post_id = target.comment_external_id
        if not post_id or not str(post_id).isdigit():
            raise ConnectorError(f"{action} needs the reply's numeric X id", permanent=True, code="bad_target")
        fn = self.client.hide_reply if action == "hide" else self.client.unhide_reply
        try:
            resp = self._call("hidden", fn, post_id, user_auth=True)
        except ConnectorError as exc:
            if exc.code == "not_found":  # deleted by its author: nothing left to hide
                return {"hidden": action == "hide", "gone": True}
            raise
        log.info("x action", extra={"account": self.handle, "action": action, "usd": PRICES_USD["content_manage"]})
        return {"hidden": bool((resp.data or {}).get("hidden"))}

    # -- operator checks -------------------------------------------------------------------
    def cost_estimate(self, poll_interval_seconds: float | None = None) -> dict[str, Any]:
        return cost_estimate(poll_interval_seconds or self.poll_interval_seconds, self.expected_posts_per_poll)

    def check(self, poll_interval_seconds: float | None = None) -> list[tuple[bool, str]]:
        lines: list[tuple[bool, str]] = []
        try:
            me = self._call("me", self.client.get_me, user_auth=True).data
            if str(me.id) == self.user_id:
                lines.append((True, f"X credentials accepted: authenticated as @{me.username} ({me.id})"))
            else:
                lines.append((False, f"X credentials belong to @{me.username} ({me.id}), but option 'user_id' is "
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


def _queries(roots: list[str], user_id: str) -> list[str]:
    """OR-joined conversation_id: queries within X's 512-character limit, leaving out the school's own
    posts (they would be billed as reads and then skipped)."""
    tail = f" -from:{user_id} -is:retweet"
    queries, current = [], []
    for root in roots:
        trial = current + [f"conversation_id:{root}"]
        if len(f"({' OR '.join(trial)}){tail}") > MAX_QUERY_CHARS and current:
            queries.append(current)
            trial = [f"conversation_id:{root}"]
        current = trial
    if current:
        queries.append(current)
    return [f"({' OR '.join(q)}){tail}" for q in queries]
