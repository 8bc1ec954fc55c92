"""Facebook Page connector (facebook-sdk 3.1.0 behind a thin adapter; reference/platform-apis.md §1, §4, §6).

Reading: the Page feed is read on every poll (ids and ``updated_time`` only). Comments (with
replies, ``filter=stream``) are read for many posts in one request by field expansion
(``GET /?ids=a,b,...&fields=comments.filter(stream).order(reverse_chronological).limit(100){...}``,
up to 50 posts a request, following a post's own comment paging only when it has more), for the
posts whose ``updated_time`` moved, and, every ``recheck_minutes``, for the posts with a comment in
the last ``recheck_days`` (at most ``max_recheck_posts``). Re-reading those posts in full finds edits
(same id, new message: returned with the new text) and deletions (a comment gone: returned with
``removed=True``) without the webhook (moderator/read/webhook.py), which stays the fast path.

The cursor is JSON of our own: per post the ``updated_time`` last drained, the comment high-water
mark (created_time plus the ids seen in that second, since Graph times have one-second resolution)
and when it was drained; for recently active posts a short hash of each comment's text; plus the
posts still to drain. A fetch returns at most ``limit`` comments and its cursor points exactly after
the last one returned. Every comment is parsed on its own: one that cannot become a comment (an id
of the wrong type or too long, wrong-typed fields) is returned as ``Rejected`` and reading goes on.

The reading (feed scan, batched comment reads, cursor, edits and deletions, parsing) is in
connectors/facebook_read.py (``FacebookReading``, mixed into ``FacebookConnector``); this module holds
the settings, the HTTP seam, rate limits, acting and checks.

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

from connectors.base import ActionTarget, ConnectorError, Effect, UnsupportedAction, read_secret
from connectors.facebook_read import FacebookReading, check_comment  # noqa: F401 - moderator/read/webhook.py uses it
from connectors.items import load_json

log = logging.getLogger("connectors.facebook")

DEFAULT_GRAPH_VERSION = "v25.0"
DEFAULT_BASE_URL = "https://graph.facebook.com"
SDK_BASE_URL = "https://graph.facebook.com/"
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
ALL = "*"                    # blocked_until() key: every call (Facebook throttles a Page as a whole)


def redact(url: str) -> str:
    """The URL without access_token / appsecret_proof, safe to log or put in an error."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if k not in ("access_token", "appsecret_proof", "input_token")]
    return urlunsplit(parts._replace(query=urlencode(query)))


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


class FacebookConnector(FacebookReading):
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
