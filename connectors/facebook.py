"""Facebook Page connector (facebook-sdk 3.1.0 behind a thin adapter; reference/platform-apis.md §1, §4, §6).

Reading: the Page feed is read on every poll (ids and ``updated_time`` only). Comments (with
replies, ``filter=stream``) are read for many posts in one request by field expansion
(``GET /?ids=a,b,...&fields=comments.filter(stream).order(reverse_chronological).limit(100){...}``,
up to 50 posts a request, following a post's own comment paging only when it has more), for the
posts whose ``updated_time`` moved, and, every ``recheck_minutes``, for the posts with a comment in
the last ``recheck_days`` (at most ``max_recheck_posts``). Re-reading those posts in full finds edits
(same id, new message: returned with the new text) and deletions (a comment gone: returned with
``removed=True``) without the webhook (moderator/webhook.py), which stays the fast path.

The cursor is JSON of our own: per post the ``updated_time`` last drained, the comment high-water
mark (created_time plus the ids seen in that second, since Graph times have one-second resolution)
and when it was drained; for recently active posts a short hash of each comment's text; plus the
posts still to drain. A fetch returns at most ``limit`` comments and its cursor points exactly after
the last one returned. Every comment is parsed on its own: one that cannot become a comment (an id
of the wrong type or too long, wrong-typed fields) is returned as ``Rejected`` and reading goes on.

Adapter duties (facebook-sdk traps): the version is set after construction (its check rejects
modern versions); booleans go as the string ``"true"``; HTTP status is checked here (the library
never does); the base URL is rewritten in our own ``requests.Session`` rather than by mutating the
library's global, so connectors pointing at different hosts can share a process. Tokens never
appear in messages or logs: URLs are stripped of ``access_token`` before being shown anywhere.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import math
import logging
import random
import re
import threading
import time
from datetime import datetime, timezone
from typing import Any, Callable
from urllib.parse import parse_qsl, urlsplit, urlunsplit, urlencode

import requests

from connectors.base import (ActionTarget, ConnectorError, Effect, FetchResult, RawComment, Rejected, UnsupportedAction,
                             read_secret)
from connectors.items import BigNumber, author_ref, evidence, fix_text, id_problem, load_json, sane_time

log = logging.getLogger("connectors.facebook")

DEFAULT_GRAPH_VERSION = "v25.0"
DEFAULT_BASE_URL = "https://graph.facebook.com"
SDK_BASE_URL = "https://graph.facebook.com/"
COMMENT_FIELDS = "id,message,created_time,from{id,name},parent{id},is_hidden,can_hide,permalink_url,attachment"
FEED_FIELDS = "id,created_time,updated_time"
THROTTLE_CODES = {4, 17, 32, 613, 80001, 341}
TOKEN_CODES = {190, 102}
PERMISSION_CODES = {10} | set(range(200, 300))
TRANSIENT_CODES = {1, 2}
READ_SCOPES = ("pages_read_engagement", "pages_read_user_content")
WRITE_SCOPES = ("pages_manage_engagement",)
WEBHOOK_SCOPES = ("pages_manage_metadata",)
OPTIONS = {"page_id", "access_token_env", "access_token_file", "app_secret_env", "app_secret_file",
           "verify_token_env", "verify_token_file", "graph_version", "graph_base_url", "timeout_seconds",
           "min_pause_seconds", "slow_gap_seconds", "max_retries", "retry_base_seconds", "recheck_seconds",
           "max_feed_pages", "recheck_minutes", "recheck_days", "max_recheck_posts"}
BATCH_POSTS = 50             # ids in one ?ids= request (Graph's limit)
NESTED_LIMIT = 100           # comments per post in the nested read
MAX_TRACKED_COMMENTS = 500   # a post with more is not re-read in full for edits and deletions
ALL = "*"                    # blocked_until() key: every call (Facebook throttles a Page as a whole)


def redact(url: str) -> str:
    """The URL without access_token / appsecret_proof, safe to log or put in an error."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if k not in ("access_token", "appsecret_proof", "input_token")]
    return urlunsplit(parts._replace(query=urlencode(query)))


def _strptime(value: str) -> datetime:
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S%z")


def parse_fb_time(value: Any, now: float | None = None) -> datetime | None:
    """A Graph time (``2025-03-22T18:20:04+0000``, or epoch seconds in webhooks) as aware UTC; None when
    absent, unparseable, or outside the sane window (before 2004, more than a day ahead)."""
    return fb_time_checked(value, time.time() if now is None else now)[0]


def fb_time_checked(value: Any, now: float) -> tuple[datetime | None, bool]:
    """(time or None, bad?)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            value = datetime.fromtimestamp(value, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+0000")
        except (ValueError, OverflowError, OSError):
            return None, True
    return sane_time(value, now, parse=_strptime)


def _epoch(value: Any, now: float | None = None) -> int:
    parsed = parse_fb_time(value, now)
    return int(parsed.timestamp()) if parsed else 0


def comment_from_graph(item: dict[str, Any], post_id: str | None) -> RawComment:
    """A Graph comment object (read or webhook-shaped) as a RawComment, without checks (``check_comment``
    says whether it may become one)."""
    sender = item.get("from") if isinstance(item.get("from"), dict) else {}
    author_id = sender.get("id") or item.get("sender_id")
    author_name = sender.get("name") or item.get("sender_name")
    parent = item.get("parent")
    parent_id = parent.get("id") if isinstance(parent, dict) else item.get("parent_id")
    if parent_id == post_id:
        parent_id = None  # webhooks give the post as the parent of a top-level comment
    attachments = []
    att = item.get("attachment")
    if isinstance(att, dict):
        url = att.get("url") or ((att.get("media") or {}).get("image") or {}).get("src")
        kind = str(att.get("type") or "attachment")[:40]
        attachments.append({"type": kind, "url": str(url)[:2000] if url else None,
                            "note": f"the comment carries a {kind} the text classifier did not see"})
    for kind in ("photo", "video"):
        if isinstance(item.get(kind), str):
            attachments.append({"type": kind, "url": item[kind][:2000],
                                "note": f"the comment carries a {kind} the text classifier did not see"})
    message = item.get("message")
    return RawComment(
        platform="facebook", external_id=str(item.get("id") or item.get("comment_id"))[:128],
        text=message if isinstance(message, str) else "",
        author_id=str(author_id)[:128] if author_id else None, author_name=str(author_name)[:300] if author_name else None,
        post_id=post_id, parent_id=str(parent_id)[:128] if parent_id else None,
        created_at=parse_fb_time(item.get("created_time")),
        permalink=str(item["permalink_url"])[:2000] if item.get("permalink_url") else None,
        attachments=attachments or None,
    )


def check_comment(item: Any, post_id: str | None, now: float) -> RawComment | str:
    """A Graph comment object as a RawComment, or why it cannot become one. Ids are never rewritten:
    one with surrounding whitespace, NUL or bytes that are not UTF-8 is refused, not cleaned. A date
    that cannot be right is dropped (``created_at=None``, flag ``bad_created_at``), never a reason to refuse."""
    if not isinstance(item, dict):
        return "comment is not a JSON object"
    if problem := id_problem(item.get("id")):
        return problem
    message = item.get("message", "")
    if not isinstance(message, str):
        return "'message' must be a string"
    sender = item.get("from")
    if sender is not None and not isinstance(sender, dict):
        return "'from' must be an object"
    sender = sender or {}
    by_from = sender.get("id") is not None  # as comment_from_graph reads it: from.id, else the webhook's sender_id
    author_id, author_problem = author_ref(sender["id"] if by_from else item.get("sender_id"),
                                           "from.id" if by_from else "sender_id")
    if sender.get("name") is not None and not isinstance(sender.get("name"), str):
        return "'from.name' must be a string"
    parent = item.get("parent")
    if parent is not None and (not isinstance(parent, dict) or (problem := id_problem(parent.get("id"), "parent.id"))):
        return problem if parent is not None and isinstance(parent, dict) else "'parent' must be an object"
    if item.get("permalink_url") is not None and not isinstance(item.get("permalink_url"), str):
        return "'permalink_url' must be a string"
    for name, value in item.items():
        if isinstance(value, BigNumber) and name != "sender_id":
            return f"{name!r} is a number with {len(value.digits)} digits"
    comment = comment_from_graph(item, post_id)
    comment.author_id, comment.author_problem = author_id, author_problem  # never str()-ed or cut to fit
    flags = []
    comment.text, bad_text = fix_text(comment.text)
    if comment.author_name:
        comment.author_name, bad_name = fix_text(comment.author_name)
        bad_text = bad_text or bad_name
    if bad_text:
        flags.append("invalid_utf8")
    comment.created_at, bad_time = fb_time_checked(item.get("created_time"), now)
    if bad_time:
        flags.append("bad_created_at")
    comment.flags = flags
    return comment


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


class _ServerStatus(Exception):
    """A 5xx or a response facebook-sdk cannot parse; raised inside the session, before the SDK sees it."""


class _GraphSession(requests.Session):
    """Rewrites the SDK's hard-coded host, adds appsecret_proof, checks status and keeps the headers."""

    def __init__(self, base_url: str, proof: str | None):
        super().__init__()
        self.base_url = base_url.rstrip("/") + "/"
        self.proof = proof
        self.headers["Accept"] = "application/json"
        self.local = threading.local()

    def request(self, method, url, *args, **kwargs):  # noqa: ANN001 - requests' signature
        import facebook

        for prefix in {SDK_BASE_URL, facebook.FACEBOOK_GRAPH_URL}:
            if url.startswith(prefix):
                url = self.base_url + url[len(prefix):]
                break
        if self.proof:
            kwargs["params"] = dict(kwargs.get("params") or {}, appsecret_proof=self.proof)
        self.local.response = None
        response = super().request(method, url, *args, **kwargs)
        self.local.response = response
        if response.status_code >= 500:
            raise _ServerStatus(f"HTTP {response.status_code} from {redact(response.url)}")
        if "content-type" not in response.headers:
            raise _ServerStatus(f"HTTP {response.status_code} without a Content-Type from {redact(response.url)}")
        # The SDK calls response.json(): parse so that one bad item (an id of 5,000 digits, bytes that are
        # not UTF-8) stays one bad item instead of failing the whole page.
        response.json = lambda **_: load_json(response.content)  # type: ignore[method-assign]
        return response


class FacebookConnector:
    platform = "facebook"
    supports = frozenset({"hide", "unhide", "delete", "reply", "ban", "unban"})

    def __init__(self, *, platform: str = "facebook", handle: str | None = None,
                 clock: Callable[[], float] = time.time, sleep: Callable[[float], None] = time.sleep, **options: Any):
        if platform != "facebook":
            raise ConnectorError(f"the facebook connector serves platform 'facebook', not {platform!r}",
                                 effect=Effect.DISABLE, code="config")
        unknown = sorted(set(options) - OPTIONS)
        if unknown:
            raise ConnectorError(f"unknown option(s) {', '.join(unknown)}; allowed: {', '.join(sorted(OPTIONS))}",
                                 effect=Effect.DISABLE, code="config")
        self.handle = handle
        self.clock, self.sleep = clock, sleep
        page_id = str(options.get("page_id") or "")
        if not re.fullmatch(r"\d{1,32}", page_id):
            raise ConnectorError("option 'page_id' is required: the Page's numeric id (Page > About > Page "
                                 "transparency, or GET /me with the Page token)", effect=Effect.DISABLE, code="config")
        self.page_id = page_id
        self._token = read_secret(options, "access_token", required=True)
        self.app_secret = read_secret(options, "app_secret", required=False)
        self.verify_token = read_secret(options, "verify_token", required=False)
        version = str(options.get("graph_version") or DEFAULT_GRAPH_VERSION)
        if not re.fullmatch(r"v?\d{1,3}\.\d{1,2}", version):
            raise ConnectorError(f"option 'graph_version' must look like v25.0 (got {version[:20]!r})",
                                 effect=Effect.DISABLE, code="config")
        self.version = version if version.startswith("v") else "v" + version
        self.base_url = str(options.get("graph_base_url") or DEFAULT_BASE_URL)
        if not re.match(r"^https?://[^/\s?#]+", self.base_url):
            raise ConnectorError("option 'graph_base_url' must be an http(s) URL such as https://graph.facebook.com",
                                 effect=Effect.DISABLE, code="config")

        def number(name: str, default: float, low: float, high: float) -> float:
            value = options.get(name, default)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
                raise ConnectorError(f"option {name!r} must be a number from {low} to {high} (got {value!r})",
                                     effect=Effect.DISABLE, code="config")
            return float(value)

        self.timeout = number("timeout_seconds", 20.0, 0.05, 300)
        self.min_pause = number("min_pause_seconds", 300.0, 0.0, 86400)
        self.slow_gap = number("slow_gap_seconds", 2.0, 0.0, 600)
        self.max_retries = int(number("max_retries", 2, 0, 10))
        self.retry_base = number("retry_base_seconds", 0.5, 0.0, 60)
        self.recheck = number("recheck_seconds", 60.0, 0.0, 86400)
        self.max_feed_pages = int(number("max_feed_pages", 50, 1, 10000))
        # Edits and deletions: posts with a comment in the last recheck_days are re-read in full every
        # recheck_minutes (0 turns it off), at most max_recheck_posts of them.
        self.recheck_every = 60 * number("recheck_minutes", 15, 0, 1440)
        self.recheck_window = 86400 * number("recheck_days", 3, 0.01, 30)
        self.max_recheck_posts = int(number("max_recheck_posts", 50, 1, 1000))

        import facebook  # lazily: only accounts that use Facebook load the SDK

        self._facebook = facebook
        proof = hmac.new(self.app_secret.encode(), self._token.encode(), hashlib.sha256).hexdigest() \
            if self.app_secret else None
        self.session = _GraphSession(self.base_url, proof)
        # The SDK's version check rejects anything above 3.1, so construct with 3.1 and pin afterwards.
        self.graph = facebook.GraphAPI(access_token=self._token, timeout=self.timeout, version="3.1",
                                       session=self.session)
        self.graph.version = self.version
        self._paused_until = 0.0  # epoch seconds (self.clock); no request leaves before it
        self._gap = 0.0
        self._last_request = 0.0
        self._versions_seen: set[str] = set()
        self._lock = threading.Lock()

    # -- rate-limit blocks, handed from one connector to the next ---------------------------
    def blocked_until(self) -> dict[str, float]:
        """``{"*": epoch seconds}`` while Facebook's throttle keeps every call of this Page waiting."""
        return {ALL: self._paused_until} if self._paused_until > self.clock() else {}

    def restore_blocked(self, blocks: dict[str, float]) -> None:
        """Adopt the blocks an earlier connector for this account reported (expired ones are ignored)."""
        for until in (blocks or {}).values():  # Graph throttles the Page as a whole: every key blocks it all
            try:
                until = float(until)
            except (TypeError, ValueError):
                continue
            if math.isfinite(until) and until > self.clock():
                self._paused_until = max(self._paused_until, until)

    # -- the HTTP seam ----------------------------------------------------------------------
    def _gate(self) -> None:
        with self._lock:
            wait = self._paused_until - self.clock()
            if wait > 0:
                raise ConnectorError(f"Facebook is rate limiting this Page; no calls for another {wait:.0f} s",
                                     effect=Effect.PAUSE, retry_after=wait, code="throttled")
            gap = self._last_request + self._gap - self.clock()
        if gap > 0:
            self.sleep(min(gap, self.slow_gap))
        self._last_request = self.clock()

    def _pause(self, seconds: float, why: str) -> None:
        with self._lock:
            self._paused_until = max(self._paused_until, self.clock() + seconds)
        log.warning("facebook calls paused", extra={"account": self.handle, "seconds": round(seconds, 1), "why": why})

    def _read_headers(self) -> float:
        """Apply the usage headers of the last response; returns Graph's wait estimate in seconds."""
        response = getattr(self.session.local, "response", None)
        if response is None:
            return 0.0
        served = response.headers.get("facebook-api-version")
        if served and served != self.version and served not in self._versions_seen:
            self._versions_seen.add(served)
            log.warning("Graph served a different API version than pinned",
                        extra={"account": self.handle, "pinned": self.version, "served": served})
        pct, eta = 0.0, 0.0
        for name in ("X-App-Usage", "X-Business-Use-Case-Usage"):
            raw = response.headers.get(name)
            if not raw:
                continue
            try:
                data = json.loads(raw)
            except ValueError:
                continue
            entries = [data] if name == "X-App-Usage" else [e for v in data.values() if isinstance(v, list) for e in v]
            for entry in entries:
                if not isinstance(entry, dict):
                    continue
                for key in ("call_count", "total_cputime", "total_time"):
                    if isinstance(entry.get(key), (int, float)):
                        pct = max(pct, float(entry[key]))
                if isinstance(entry.get("estimated_time_to_regain_access"), (int, float)):
                    eta = max(eta, float(entry["estimated_time_to_regain_access"]) * 60)
        self._gap = self.slow_gap if pct >= 75 else 0.0
        if pct >= 90:
            self._pause(max(eta, self.min_pause), f"usage at {pct:.0f}%")
        return eta

    def _call(self, what: str, fn: Callable[[], Any]) -> Any:
        attempt = 0
        while True:
            self._gate()
            try:
                result = fn()
                self._read_headers()
                return result
            except self._facebook.GraphAPIError as exc:
                eta = self._read_headers()
                err = self._classify(exc, what, eta)
            except _ServerStatus as exc:
                err = ConnectorError(f"Facebook server error during {what}: {exc}", effect=Effect.RETRY, code="server_error")
            except requests.Timeout:
                err = ConnectorError(f"Facebook did not answer {what} within {self.timeout:g} s", effect=Effect.RETRY,
                                     code="timeout")
            except requests.RequestException as exc:
                err = ConnectorError(f"network error during {what}: {type(exc).__name__}", effect=Effect.RETRY,
                                     code="network")
            except (ValueError, KeyError, RecursionError) as exc:  # malformed JSON, or no Content-Type, inside the SDK
                err = ConnectorError(f"malformed response from Facebook during {what}: {type(exc).__name__}",
                                     effect=Effect.RETRY, code="malformed")
            if err.effect is not Effect.RETRY or attempt >= self.max_retries:
                raise err
            attempt += 1
            delay = random.uniform(0, self.retry_base * 2 ** attempt)  # full jitter
            log.info("retrying facebook call", extra={"account": self.handle, "what": what, "attempt": attempt,
                                                      "error": err.code, "sleep": round(delay, 2)})
            self.sleep(delay)

    def _classify(self, exc: Exception, what: str, eta: float) -> ConnectorError:
        result = getattr(exc, "result", None)
        error = result.get("error") if isinstance(result, dict) and isinstance(result.get("error"), dict) else {}
        code, subcode = error.get("code"), error.get("error_subcode")
        message = redact(str(error.get("message") or exc))[:300]
        if code in THROTTLE_CODES:
            wait = max(eta, self.min_pause)
            self._pause(wait, f"code {code}")
            return ConnectorError(f"Facebook rate limit (code {code}) during {what}; pausing {wait:.0f} s",
                                  effect=Effect.PAUSE, retry_after=wait, code="throttled")
        if code in TOKEN_CODES:
            return ConnectorError(
                f"Facebook rejected the Page access token (code {code}{f'/{subcode}' if subcode else ''}: expired, "
                "revoked, or the admin who issued it changed password or lost their Page role). A Page admin must "
                "issue a new Page access token for the moderator app, update the account's access_token_env/"
                "access_token_file secret, then re-enable the account.", effect=Effect.DISABLE, code="token")
        if code in PERMISSION_CODES:
            return ConnectorError(
                f"Facebook refused {what} for lack of permission (code {code}: {message}). A Page admin must grant "
                "the moderator app pages_read_engagement, pages_read_user_content and pages_manage_engagement with "
                "the Moderate task on the Page, then issue a new token and re-enable the account.",
                effect=Effect.DISABLE, code="permission")
        if code == 100 and subcode == 33:
            return ConnectorError(f"{what}: the object no longer exists or is not visible", effect=Effect.GIVE_UP, code="gone")
        if code in TRANSIENT_CODES or error.get("is_transient"):
            return ConnectorError(f"Facebook temporary error (code {code}) during {what}: {message}",
                                  effect=Effect.RETRY, code="transient")
        if code is None:  # the SDK's own errors, e.g. "Maintype was not text, image, or querystring"
            return ConnectorError(f"unexpected response from Facebook during {what}: {message}", effect=Effect.RETRY,
                                  code="malformed")
        return ConnectorError(f"Facebook error (code {code}) during {what}: {message}", effect=Effect.GIVE_UP,
                              code=f"graph_{code}")

    def _get(self, path: str, args: dict[str, Any], what: str) -> dict[str, Any]:
        result = self._call(what, lambda: self.graph.request(f"{self.version}/{path}", dict(args)))
        if not isinstance(result, dict):
            raise ConnectorError(f"malformed response from Facebook during {what}", effect=Effect.RETRY,
                                 code="malformed")
        return result

    def _pages(self, path: str, args: dict[str, Any], what: str, max_pages: int = 100000):
        """Yield each page of an edge, following ``paging.next`` (its query, minus the token we add ourselves)."""
        page = self._get(path, args, what)
        for _ in range(max_pages):
            yield page
            nxt = (page.get("paging") or {}).get("next")
            if not nxt or not page.get("data"):
                return
            query = {k: v for k, v in parse_qsl(urlsplit(nxt).query, keep_blank_values=True)
                     if k not in ("access_token", "appsecret_proof")}
            page = self._get(path, query, what)

    # -- reading ----------------------------------------------------------------------------
    def fetch(self, cursor: str | None, limit: int) -> FetchResult:
        state = self._load_cursor(cursor)
        now = self.clock()
        out: list[RawComment] = []
        rejected: dict[str, Rejected] = {}
        try:
            if not state["pending"]:
                self._scan_feed(state, now, rejected)
                self._due_rechecks(state, now)
            while state["pending"] and len(out) < limit:
                order = sorted(state["pending"], key=lambda p: (state["pending"][p], p))
                batch = order[:BATCH_POSTS]
                listings, gone = self._read_batch(batch, state, now)
                for post_id in batch:
                    if post_id not in listings:
                        if post_id in gone:
                            self._post_gone(post_id, state, out)
                        state["pending"].pop(post_id, None)  # otherwise its updated_time brings it back
                        continue
                    items, complete = listings[post_id]
                    if not self._take(post_id, items, complete, state, out, rejected, limit, now):
                        break
                    target = state["pending"].pop(post_id)
                    entry = state["posts"].setdefault(post_id, {"t": 0, "ids": []})
                    entry["u"], entry["c"] = target, int(now)
        except ConnectorError as exc:
            if not out and not rejected:
                raise
            # Keep what was read: the cursor already points exactly after it; the error recurs next time.
            log.warning("fetch stopped early; returning what was read", extra={"account": self.handle,
                                                                              "error": exc.code, "comments": len(out)})
            return FetchResult(out, cursor=self._dump_cursor(state), rejected=list(rejected.values()), more=True)
        return FetchResult(out, cursor=self._dump_cursor(state), rejected=list(rejected.values()),
                           more=bool(state["pending"]))

    @staticmethod
    def _load_cursor(cursor: str | None) -> dict[str, Any]:
        if cursor:
            try:
                state = json.loads(cursor)
                if isinstance(state, dict) and state.get("v") == 1:
                    for key in ("posts", "pending", "recent"):
                        state.setdefault(key, {})
                    state.setdefault("rk", 0)
                    return state
            except ValueError:
                pass
            log.warning("facebook cursor unreadable; starting afresh (duplicates are ignored at ingest)")
        return {"v": 1, "posts": {}, "pending": {}, "recent": {}, "rk": 0}

    @staticmethod
    def _dump_cursor(state: dict[str, Any]) -> str:
        return json.dumps(state, separators=(",", ":"), sort_keys=True)

    @staticmethod
    def _rejected(kind: str, item: Any, reason: str) -> Rejected:
        raw = evidence(item)
        return Rejected(f"facebook {kind} sha256:{hashlib.sha256(raw).hexdigest()[:32]}", reason, raw)

    def _scan_feed(self, state: dict[str, Any], now: float, rejected: dict[str, Rejected]) -> None:
        args = {"fields": FEED_FIELDS, "limit": 100}
        now_s = int(now)
        listed: set[str] = set()
        complete = False
        for page in self._pages(f"{self.page_id}/feed", args, "reading the Page feed", self.max_feed_pages):
            complete = not (page.get("paging") or {}).get("next") or not page.get("data")
            for post in page.get("data") or []:
                post_id = post.get("id") if isinstance(post, dict) else None
                if problem := id_problem(post_id, "post id"):
                    rej = self._rejected("post", post, problem)
                    rejected.setdefault(rej.source_ref, rej)
                    continue
                listed.add(post_id)
                updated = _epoch(post.get("updated_time"), now) or _epoch(post.get("created_time"), now)
                seen = state["posts"].get(post_id)
                # Graph times have one-second resolution: a post drained in the second (or the clock-skew
                # window) after its last update may have had a comment land in that same second; look again.
                recent = seen is not None and seen.get("c", 0) - seen.get("u", 0) < self.recheck \
                    and now_s - seen.get("u", 0) < self.recheck * 2
                if seen is None or updated > seen.get("u", 0) or recent:
                    state["pending"][post_id] = max(updated, seen.get("u", 0) if seen else 0)
        if complete:  # forget deleted posts, so the cursor does not grow for ever
            for post_id in set(state["posts"]) - listed - set(state["pending"]):
                if post_id in state["recent"]:  # read it: if Graph says it is gone, its comments are removed
                    state["pending"][post_id] = state["posts"][post_id].get("u", 0)
                else:
                    del state["posts"][post_id]
        state["feed_read_at"] = now_s

    def _due_rechecks(self, state: dict[str, Any], now: float) -> None:
        """Every ``recheck_minutes``, queue the recently active posts to be re-read in full."""
        recent = state["recent"]
        for post_id in [p for p, r in recent.items() if r.get("a", 0) < now - self.recheck_window]:
            del recent[post_id]
        if not self.recheck_every or now - state.get("rk", 0) < self.recheck_every:
            return
        state["rk"] = int(now)
        for post_id in recent:
            if post_id not in state["pending"]:
                state["pending"][post_id] = state["posts"].get(post_id, {}).get("u", 0)

    def _read_batch(self, batch: list[str], state: dict[str, Any],
                    now: float) -> tuple[dict[str, tuple[list[Any], bool]], set[str]]:
        """Each post's comments, newest first, read by field expansion for up to 50 posts in one request,
        and whether the list is complete (posts followed beyond the first 100 only as far as needed)."""
        fields = f"comments.filter(stream).order(reverse_chronological).limit({NESTED_LIMIT}){{{COMMENT_FIELDS}}}"
        wanted = list(batch)
        body: dict[str, Any] = {}
        all_gone: set[str] = set()
        while wanted:
            try:
                body = self._get("", {"ids": ",".join(wanted), "fields": fields}, "reading comments")
                break
            except ConnectorError as exc:
                # Graph refuses the whole request when one post no longer exists: (#803) ... do not exist: a,b
                missing = re.search(r"do not exist: ?([\w,\s]+)", str(exc)) if exc.code in ("graph_803", "gone") \
                    else None
                gone = {m.strip() for m in missing.group(1).split(",")} & set(wanted) if missing else set()
                if not gone:
                    if exc.code == "gone" and len(wanted) == 1:
                        return {}, set(wanted)
                    raise
                all_gone |= gone
                wanted = [p for p in wanted if p not in gone]
        listings: dict[str, tuple[list[Any], bool]] = {}
        for post_id in wanted:
            node = body.get(post_id)
            if not isinstance(node, dict):
                continue
            edge = node.get("comments") if isinstance(node.get("comments"), dict) else {}
            items = list(edge.get("data") or []) if isinstance(edge.get("data"), list) else []
            nxt = (edge.get("paging") or {}).get("next") if isinstance(edge.get("paging"), dict) else None
            full = post_id in state["recent"]
            mark = state["posts"].get(post_id, {"t": 0, "ids": []})
            while nxt and isinstance(nxt, str):
                if full and len(items) >= MAX_TRACKED_COMMENTS:
                    state["recent"].pop(post_id, None)  # too big to re-read in full each time
                    full = False
                if not full and not self._may_hold_unseen(items[-NESTED_LIMIT:], mark, now):
                    break
                query = {k: v for k, v in parse_qsl(urlsplit(nxt).query, keep_blank_values=True)
                         if k not in ("access_token", "appsecret_proof")}
                page = self._get(f"{post_id}/comments", query, "reading comments")
                items += page.get("data") or [] if isinstance(page.get("data"), list) else []
                nxt = (page.get("paging") or {}).get("next") if page.get("data") else None
            listings[post_id] = (items, not nxt)
        return listings, all_gone

    @staticmethod
    def _may_hold_unseen(page: list[Any], mark: dict[str, Any], now: float) -> bool:
        """Older pages may hold comments not read yet while this (newest-first) page reaches back to the mark."""
        times = [_epoch(i.get("created_time"), now) for i in page if isinstance(i, dict)]
        return not times or min(times) >= mark.get("t", 0)

    def _take(self, post_id: str, items: list[Any], complete: bool, state: dict[str, Any], out: list[RawComment],
              rejected: dict[str, Rejected], limit: int, now: float) -> bool:
        """Append the post's new, edited and removed comments, oldest first. True when the post is drained."""
        mark = state["posts"].setdefault(post_id, {"u": 0, "t": 0, "ids": []})
        rec = state["recent"].get(post_id) if complete else None
        listed: dict[str, str] = {}
        newest = 0
        for item in reversed(items):
            comment = check_comment(item, post_id, now)
            if isinstance(comment, str):
                rej = self._rejected("comment", item, comment)
                rejected.setdefault(rej.source_ref, rej)
                continue
            cid, digest = comment.external_id, text_hash(comment.text)
            ts = int(comment.created_at.timestamp()) if comment.created_at else None
            own = comment.author_id == self.page_id  # the Page's own: not moderated
            if not own:
                listed[cid] = digest
            newest = max(newest, ts or 0)
            if ts is None:
                is_new = cid not in mark.setdefault("x", [])
            else:
                is_new = ts > mark["t"] or (ts == mark["t"] and cid not in mark["ids"])
            edited = not is_new and not own and rec is not None and rec["s"].get(cid, digest) != digest
            if not (is_new or edited):
                continue
            if len(out) >= limit and not own:
                return False
            if not own:
                out.append(comment)
                if rec is not None:
                    rec["s"][cid] = digest
            if not is_new:
                continue
            if ts is None:
                mark["x"].append(cid)
            elif ts > mark["t"]:
                mark["t"], mark["ids"] = ts, [cid]
            else:
                mark["ids"].append(cid)
        if rec is not None:
            for cid in [c for c in rec["s"] if c not in listed]:  # gone from a complete listing: removed
                if len(out) >= limit:
                    return False
                out.append(RawComment(platform="facebook", external_id=cid, text="", post_id=post_id, removed=True))
                del rec["s"][cid]
            for cid, digest in listed.items():  # from now on, watch every comment the post holds
                rec["s"].setdefault(cid, digest)
            rec["a"], rec["k"] = max(rec.get("a", 0), newest), int(now)
        elif complete and newest >= now - self.recheck_window and len(listed) <= MAX_TRACKED_COMMENTS:
            state["recent"][post_id] = {"a": newest, "k": int(now), "s": listed}
            if len(state["recent"]) > self.max_recheck_posts:
                keep = sorted(state["recent"].items(), key=lambda kv: kv[1].get("a", 0))[-self.max_recheck_posts:]
                state["recent"] = dict(keep)
        return True

    def _post_gone(self, post_id: str, state: dict[str, Any], out: list[RawComment]) -> None:
        """A deleted post takes its comments with it: those still watched are returned as removed."""
        rec = state["recent"].pop(post_id, None)
        state["posts"].pop(post_id, None)
        for cid in (rec or {}).get("s", {}):
            out.append(RawComment(platform="facebook", external_id=cid, text="", post_id=post_id, removed=True))

    # -- acting -----------------------------------------------------------------------------
    def act(self, action: str, target: ActionTarget, params: dict[str, Any], idempotency_key: str) -> dict[str, Any]:
        if action not in self.supports:
            raise UnsupportedAction(self.platform, action)
        if action in ("ban", "unban"):
            user = target.author_external_id
            if not user:
                raise ConnectorError(f"{action} needs the author's id", effect=Effect.GIVE_UP, code="bad_target")
            if action == "ban":
                return self._post(f"{self.page_id}/blocked", {"user": user}, "banning a user")
            return self._call("unbanning a user", lambda: self.graph.request(
                f"{self.version}/{self.page_id}/blocked", {"user": user}, method="DELETE"))
        cid = target.comment_external_id
        if not cid:
            raise ConnectorError(f"{action} needs a comment id", effect=Effect.GIVE_UP, code="bad_target")
        try:
            if action in ("hide", "unhide"):
                flag = "true" if action == "hide" else "false"  # the SDK would send "True"
                return self._post(cid, {"is_hidden": flag}, f"{action} comment")
            if action == "delete":
                return self._call("delete comment", lambda: self.graph.request(f"{self.version}/{cid}",
                                                                               method="DELETE"))
            return self._reply(cid, str(params.get("message") or ""))
        except ConnectorError as exc:
            if exc.code == "gone" and action in ("hide", "delete"):
                return {"success": True, "already": "gone"}  # nothing left to hide or delete
            raise

    def _post(self, path: str, data: dict[str, Any], what: str) -> dict[str, Any]:
        return self._call(what, lambda: self.graph.request(f"{self.version}/{path}", post_args=dict(data)))

    def _reply(self, cid: str, message: str) -> dict[str, Any]:
        if not message.strip():
            raise ConnectorError("reply needs a non-empty 'message'", effect=Effect.GIVE_UP, code="bad_params")
        # Idempotent: a reply from the Page with the same text already there is the earlier attempt.
        for page in self._pages(f"{cid}/comments", {"fields": "id,message,from{id}", "limit": 100},
                                "reading replies", 10):
            for item in page.get("data") or []:
                if (item.get("from") or {}).get("id") == self.page_id and item.get("message") == message:
                    return {"id": item.get("id"), "already": "replied"}
        return self._post(f"{cid}/comments", {"message": message}, "reply as the Page")

    # -- diagnosis --------------------------------------------------------------------------
    def check(self) -> list[tuple[bool, str]]:
        """Plain-language checks of the token, the Page and the permissions, for ``moderator accounts check``."""
        results: list[tuple[bool, str]] = []
        try:
            page = self._get(self.page_id, {"fields": "id,name"}, "reading the Page")
            results.append((True, f"the token can read Page {page.get('name')!r} ({self.page_id})"))
        except ConnectorError as exc:
            hint = " (is page_id right, and is the token a Page token for this Page?)" if exc.code == "gone" else ""
            return [(False, f"{exc}{hint}")]
        try:
            info = self._get("debug_token", {"input_token": self._token}, "inspecting the token").get("data") or {}
            scopes = set(info.get("scopes") or [])
            if info.get("type") and info.get("type") != "PAGE":
                results.append((False, f"the token is a {info.get('type')} token; use a Page access token "
                                       "(or a system-user token) for this Page"))
            if info.get("profile_id") and str(info.get("profile_id")) != self.page_id:
                results.append((False, f"the token belongs to Page {info.get('profile_id')}, not {self.page_id}"))
            if info.get("expires_at"):
                when = datetime.fromtimestamp(info["expires_at"], timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
                results.append((True, f"the token expires at {when}; replace it before then"))
            for scope in READ_SCOPES + WRITE_SCOPES + WEBHOOK_SCOPES:
                ok = scope in scopes
                need = "webhooks" if scope in WEBHOOK_SCOPES else "reading comments" if scope in READ_SCOPES \
                    else "hiding, deleting, replying and banning"
                results.append((ok, f"permission {scope} ({need}) " + ("granted" if ok else "is MISSING: a Page "
                                "admin must grant it to the app and issue a new token")))
        except ConnectorError as exc:
            results.append((False, f"could not inspect the token: {exc}"))
        for what, path, args in (("read the feed", f"{self.page_id}/feed", {"fields": "id", "limit": 1}),
                                 ("read the ban list (Moderate task)", f"{self.page_id}/blocked", {"limit": 1})):
            try:
                self._get(path, args, what)
                results.append((True, f"the token can {what}"))
            except ConnectorError as exc:
                results.append((False, f"the token cannot {what}: {exc}"))
        try:
            apps = self._get(f"{self.page_id}/subscribed_apps", {}, "reading webhook subscriptions").get("data") or []
            fields = {f for app in apps for f in app.get("subscribed_fields") or []}
            results.append(("feed" in fields, "the app receives the Page's feed webhooks" if "feed" in fields else
                            "the app is not subscribed to the Page's feed webhooks (polling still works): POST "
                            f"/{self.page_id}/subscribed_apps?subscribed_fields=feed"))
        except ConnectorError as exc:
            results.append((False, f"could not read webhook subscriptions: {exc}"))
        return results

    def close(self) -> None:
        self.session.close()
