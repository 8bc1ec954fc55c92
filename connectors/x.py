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

The reading (queries, paging, cursor, edits and deletions, parsing) is in connectors/x_read.py.
"""
from __future__ import annotations

import json
import logging
import math
import random
import re
import time
from datetime import timedelta
from typing import Any, Callable

import requests
import tweepy

from connectors import PLATFORMS
from connectors.base import ActionTarget, ConnectorError, Effect, UnsupportedAction, read_secret
from connectors.items import load_json
from connectors.x_read import PRICES_USD, XReading, _digits, _Pending


log = logging.getLogger("connectors.x")
# tweepy (Bearer token) and the OAuth 1.0a signers (consumer key, access token) log credentials at DEBUG.
for _name in ("tweepy.client", "requests_oauthlib", "oauthlib"):
    logging.getLogger(_name).setLevel(max(logging.INFO, logging.getLogger(_name).level))

# What X lets a school do to other people's posts (reference §2.4–2.5): hide and unhide replies in
# conversations the school started. Deleting others' posts is impossible; blocking was removed from
# the API in 2023; replies are restricted to "summoned" ones. The outbox turns any other action a
# rule asks for into hide + human review.
SUPPORTED_ACTIONS: frozenset[str] = PLATFORMS["x"].actions

DAYS_PER_MONTH = 30
DEFAULT_POLL_INTERVAL = 180.0
DEFAULT_EXPECTED_POSTS_PER_POLL = 0.05  # about 24 replies a day at one poll every 3 minutes

OUT_OF_CREDITS_PAUSE = 6 * 3600.0
MONTHLY_CAP_PAUSE = 24 * 3600.0
CREDENTIALS = ("consumer_key", "consumer_secret", "access_token", "access_token_secret", "bearer_token")
OPTIONAL_CREDENTIALS = {"bearer_token"}
OPTIONS = {f"{name}_{how}" for name in CREDENTIALS for how in ("env", "file")} | {
    "user_id", "api_base_url", "timeout_seconds", "expected_posts_per_poll", "poll_interval_seconds",
    "initial_lookback_hours", "max_pages_per_query", "conversation_days", "deletion_check_minutes",
    "deletion_check_hours"}



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


class XConnector(XReading):
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
