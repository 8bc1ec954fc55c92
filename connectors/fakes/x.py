"""A fake X API v2 server on 127.0.0.1 that speaks the wire protocol tweepy 4.17 expects.

Shapes follow reference/platform-apis.md §2 and §5: ``data``/``includes.users``/``meta`` with
``result_count``, ``newest_id``, ``oldest_id`` and ``next_token`` (only when more pages exist),
string ids, ``created_at`` with milliseconds, ``edit_history_tweet_ids`` on every post, problem-style
errors, and ``x-rate-limit-*`` headers on every response. Ids are snowflakes, so a post's id tells
its creation time, as on X.

Tests drive it in-process (``FakeX().start()``), add posts while it runs (with media, or as raw JSON
bytes to test how the connector copes with poison), edit and delete them as their authors would,
inject faults and read its state (``hidden``, ``requests``). An edit makes a new post whose
``edit_history_tweet_ids`` starts with the original id; timelines and search show only the newest
version, and hiding is per version (hiding an old id leaves the newest version, the one people
see, as it was; ``hidden()`` reports a post by its original id when its newest version is hidden);
``GET /2/tweets?ids=`` answers deleted ids with ``resource-not-found`` errors. Time comes
from ``clock`` (default ``time.time``), so tests can move it instead of sleeping. For local trials: ``python -m connectors.fakes.x --port 8766``
(then POST ``/_fake/posts`` with ``{"author": "...", "text": "...", "reply_to": "<id>"}``).
"""
from __future__ import annotations

import argparse
import base64
import json
import re
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
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


class FakeX:
    """The fake's state and logic; ``start()`` serves it over HTTP on 127.0.0.1."""

    def __init__(self, *, port: int = 0, clock=time.time):
        self.clock = clock
        self.state = FakeState()
        self.lock = threading.RLock()
        self._last_id = 0
        self._raw_sent: list[Post] = []
        self._port = port
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- set-up and inspection (tests call these directly) ---------------------------------
    def add_user(self, user_id: str, username: str, name: str | None = None, *, access_token: str | None = None,
                 consumer_key: str | None = None, bearer_token: str | None = None) -> dict[str, str]:
        with self.lock:
            user = {"id": str(user_id), "name": name or username.title(), "username": username}
            self.state.users[user["id"]] = user
            if access_token:
                self.state.access_tokens[access_token] = user["id"]
            if consumer_key:
                self.state.consumer_keys.add(consumer_key)
            if bearer_token:
                self.state.bearer_tokens.add(bearer_token)
            return user

    def new_id(self, created_at: datetime | None = None) -> int:
        with self.lock:
            if created_at is None:
                ms = int(self.clock() * 1000)
                new = max((ms - TWITTER_EPOCH_MS) << 22, self._last_id + 1)
                self._last_id = new
                return new
            base = (int(created_at.timestamp() * 1000) - TWITTER_EPOCH_MS) << 22
            while base in self.state.posts:
                base += 1
            return base

    def add_post(self, author_id: str, text: str, *, reply_to: int | str | None = None,
                 created_at: datetime | None = None, media: list[str] | None = None, raw: bytes | None = None) -> str:
        """Publish a post (a reply when ``reply_to`` is given); returns its id. ``media``: kinds of media
        attached ("photo", "video", "animated_gif"). ``raw``: bytes sent instead of the post's JSON."""
        with self.lock:
            post_id = self.new_id(created_at)
            created = created_at or snowflake_time(post_id)
            parent = self.state.posts[int(reply_to)] if reply_to is not None else None
            attached = []
            for n, kind in enumerate(media or []):
                key = f"{3 if kind == 'photo' else 7 if kind == 'video' else 16}_{post_id}{n}"
                url = f"https://pbs.twimg.com/media/{key}.jpg"
                attached.append({"media_key": key, "type": kind, **({"url": url} if kind == "photo" else
                                                                    {"preview_image_url": url})})
            self.state.posts[post_id] = Post(
                id=post_id, text=text, author_id=str(author_id), created_at=created,
                conversation_id=parent.conversation_id if parent else post_id,
                in_reply_to_user_id=parent.author_id if parent else None, replied_to=parent.id if parent else None,
                media=attached, raw=raw)
            return str(post_id)

    def edit_post(self, post_id: int | str, text: str) -> str:
        """The author edits a post: X makes a new version with a new id; returns it."""
        with self.lock:
            old = self.state.posts[int(post_id)]
            new_id = self.new_id()
            history = (old.history or [old.id]) + [new_id]
            self.state.posts[new_id] = Post(
                id=new_id, text=text, author_id=old.author_id, created_at=old.created_at,
                conversation_id=old.conversation_id, in_reply_to_user_id=old.in_reply_to_user_id,
                replied_to=old.replied_to, hidden=old.hidden, history=history, media=list(old.media))
            for version in history[:-1]:
                self.state.posts[version].edited_to = new_id
                self.state.posts[version].history = history
            return str(new_id)

    def delete_post(self, post_id: int | str) -> None:
        """The author deletes a post (every version of it)."""
        with self.lock:
            post = self.state.posts[int(post_id)]
            for version in post.history or [post.id]:
                self.state.posts.pop(version, None)

    def fail_next(self, kind: str, *, times: int = 1, endpoint: str | None = None, reset_in: float = 60.0) -> None:
        """Inject a fault: "429", "capped", "402", "401", "403", "5xx" or "malformed"."""
        with self.lock:
            self.state.faults.append(Fault(kind, endpoint, times, reset_in))

    def hidden(self) -> set[str]:
        """Posts (by original id) whose version people see now is hidden."""
        with self.lock:
            return {str((p.history or [p.id])[0]) for p in self.state.posts.values() if p.hidden and p.edited_to is None}

    def requests(self, endpoint: str | None = None) -> list[dict[str, Any]]:
        with self.lock:
            return [r for r in self.state.requests if endpoint is None or r["endpoint"] == endpoint]

    # -- HTTP ------------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        assert self._server is not None, "call start() first"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> "FakeX":
        self._server = ThreadingHTTPServer(("127.0.0.1", self._port), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), name="fake-x", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> "FakeX":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    # -- request handling ------------------------------------------------------------------
    def handle(self, method: str, path: str, query: dict[str, str], headers: dict[str, str],
               body: bytes) -> tuple[int, dict[str, str], bytes]:
        endpoint, args = _route(method, path)
        with self.lock:
            now = self.clock()
            who, user_ctx = self._authenticate(headers.get("authorization", ""))
            entry = {"t": now, "method": method, "path": path, "query": dict(query), "endpoint": endpoint,
                     "user_context": user_ctx}
            self.state.requests.append(entry)
            rl_headers, exhausted = self._count(endpoint, who or "anonymous", now)
            status, payload = self._dispatch(endpoint, args, query, body, who, user_ctx, exhausted, rl_headers, now)
            entry["status"] = status
        if isinstance(payload, bytes):
            return status, rl_headers, payload
        out = json.dumps(payload).encode("utf-8")
        for post in self._raw_sent:
            out = out.replace(json.dumps(f"@@raw:{post.id}@@").encode(), post.raw)
        self._raw_sent = []
        return status, rl_headers, out

    def _authenticate(self, header: str) -> tuple[str | None, bool]:
        """(user id or "app", user context?) — (None, False) when the credentials are not accepted."""
        if header.startswith("Bearer "):
            return ("app" if header[7:] in self.state.bearer_tokens else None), False
        if header.startswith("OAuth "):
            fields = dict(re.findall(r'(\w+)="([^"]*)"', header))
            key = urllib.parse.unquote(fields.get("oauth_consumer_key", ""))
            token = urllib.parse.unquote(fields.get("oauth_token", ""))
            if key in self.state.consumer_keys and token in self.state.access_tokens and "oauth_signature" in fields:
                return self.state.access_tokens[token], True
        return None, False

    def _count(self, endpoint: str, who: str, now: float) -> tuple[dict[str, str], bool]:
        limit = self.state.limits.get(endpoint, 900)
        window = self.state.windows.get((endpoint, who))
        if window is None or now >= window.started + self.state.window_seconds:
            window = self.state.windows[(endpoint, who)] = Window(started=now)
        exhausted = window.used >= limit
        if not exhausted:
            window.used += 1
        reset = int(window.started + self.state.window_seconds) + 1
        return {"x-rate-limit-limit": str(limit), "x-rate-limit-remaining": str(max(0, limit - window.used)),
                "x-rate-limit-reset": str(reset)}, exhausted

    def _take_fault(self, endpoint: str) -> Fault | None:
        for fault in self.state.faults:
            if fault.times > 0 and fault.endpoint in (None, endpoint):
                fault.times -= 1
                if fault.times == 0:
                    self.state.faults.remove(fault)
                return fault
        return None

    def _dispatch(self, endpoint: str, args: list[str], query: dict[str, str], body: bytes, who: str | None,
                  user_ctx: bool, exhausted: bool, rl_headers: dict[str, str], now: float) -> tuple[int, Any]:
        fault = self._take_fault(endpoint)
        if fault is not None:
            if fault.kind == "429":
                rl_headers.update({"x-rate-limit-remaining": "0", "x-rate-limit-reset": str(int(now + fault.reset_in))})
                return 429, BODY_429
            simple = {"capped": (429, BODY_CAPPED), "402": (402, BODY_402), "401": (401, BODY_401),
                      "403": (403, BODY_CLIENT_FORBIDDEN), "5xx": (503, BODY_500),
                      "malformed": (200, b'{"data": [{"id": "1", "text": "trunc')}
            return simple[fault.kind]
        if endpoint == "unknown":
            return 404, BODY_404_PAGE
        if who is None:
            return 401, BODY_401
        if exhausted:
            return 429, BODY_429
        if endpoint == "blocking":  # removed 2023-06-12
            return 404, BODY_404_PAGE
        if endpoint in ("me", "hidden", "delete") and not user_ctx:
            return 403, {**BODY_403, "detail": "Authenticating with OAuth 2.0 Application-Only is forbidden for this "
                                               "endpoint.  Supported authentication types are [OAuth 1.0a User Context,"
                                               " OAuth 2.0 User Context]."}
        if endpoint == "me":
            return 200, {"data": self.state.users[who]}
        if endpoint == "mentions":
            return self._mentions(args[0], query, now)
        if endpoint == "user_tweets":
            return self._user_tweets(args[0], query, now)
        if endpoint == "search":
            return self._search(query, now)
        if endpoint == "hidden":
            return self._hide(args[0], body, who)
        if endpoint == "lookup":
            post = self.state.posts.get(int(args[0])) if args[0].isdigit() else None
            if post is None:
                return 404, _not_found(args[0])
            return 200, {"data": self._wire(post, _fields(query))}
        if endpoint == "lookup_many":
            return self._lookup_many(query)
        if endpoint == "delete":
            post = self.state.posts.get(int(args[0])) if args[0].isdigit() else None
            if post is None or post.author_id != who:
                return 403, BODY_403
            del self.state.posts[post.id]
            return 200, {"data": {"deleted": True}}
        return 404, BODY_404_PAGE

    # -- timelines -------------------------------------------------------------------------
    def _page(self, posts: list[Post], query: dict[str, str], now: float, *, lo: int, token_name: str) -> tuple[int, Any]:
        try:
            max_results = int(query.get("max_results", "10"))
        except ValueError:
            max_results = -1
        if not lo <= max_results <= 100:
            return 400, invalid_request(f"The `max_results` query parameter value [{query.get('max_results')}] is not "
                                        f"between {lo} and 100", {"max_results": [query.get("max_results", "")]})
        since, until = query.get("since_id"), query.get("until_id")
        start, end = query.get("start_time"), query.get("end_time")
        selected = [p for p in posts
                    if (not since or p.id > int(since)) and (not until or p.id < int(until))
                    and (not start or p.created_at >= parse_x_time(start))
                    and (not end or p.created_at < parse_x_time(end))]
        selected.sort(key=lambda p: p.id, reverse=True)
        token = query.get(token_name) or query.get("pagination_token")
        if token:
            before = int(base64.urlsafe_b64decode(token.encode() + b"==").decode())
            selected = [p for p in selected if p.id < before]
        page, rest = selected[:max_results], selected[max_results:]
        if not page:
            return 200, {"meta": {"result_count": 0}}
        out: dict[str, Any] = {"data": [self._wire(p, _fields(query)) for p in page]}
        self._includes(out, page, query)
        meta: dict[str, Any] = {"result_count": len(page), "newest_id": str(page[0].id), "oldest_id": str(page[-1].id)}
        if rest:
            meta["next_token"] = base64.urlsafe_b64encode(str(page[-1].id).encode()).decode().rstrip("=")
        out["meta"] = meta
        return 200, out

    def _wire(self, post: Post, fields: set[str]) -> Any:
        if post.raw is None:
            return post.wire(fields)
        self._raw_sent.append(post)
        return f"@@raw:{post.id}@@"

    def _includes(self, out: dict[str, Any], posts: list[Post], query: dict[str, str]) -> None:
        expansions = query.get("expansions", "").split(",")
        includes: dict[str, Any] = {}
        if "author_id" in expansions:
            authors = {p.author_id for p in posts}
            includes["users"] = [self.state.users[a] for a in sorted(authors) if a in self.state.users]
        if "attachments.media_keys" in expansions:
            wanted = set(filter(None, query.get("media.fields", "").split(","))) | {"media_key", "type"}
            media = [{k: v for k, v in m.items() if k in wanted} for p in posts for m in p.media]
            if media:
                includes["media"] = media
        if includes:
            out["includes"] = includes

    def _lookup_many(self, query: dict[str, str]) -> tuple[int, Any]:
        ids = [i for i in query.get("ids", "").split(",") if i]
        if not 1 <= len(ids) <= 100:
            return 400, invalid_request(f"The `ids` query parameter value has {len(ids)} ids; it must have 1 to 100",
                                        {"ids": [query.get("ids", "")[:40]]})
        found = [self.state.posts[int(i)] for i in ids if i.isdigit() and int(i) in self.state.posts]
        out: dict[str, Any] = {}
        if found:
            out["data"] = [self._wire(p, _fields(query)) for p in found]
            self._includes(out, found, query)
        missing = [i for i in ids if not (i.isdigit() and int(i) in self.state.posts)]
        if missing:
            out["errors"] = [_not_found(i)["errors"][0] for i in missing]
        return 200, out

    def _mentions(self, user_id: str, query: dict[str, str], now: float) -> tuple[int, Any]:
        user = self.state.users.get(user_id)
        if user is None:
            return 404, _not_found(user_id, "user")
        handle = "@" + user["username"].lower()
        found = sorted((p for p in self.state.posts.values()
                        if p.author_id != user_id and handle in p.text.lower() and p.edited_to is None),
                       key=lambda p: p.id)
        return self._page(found[-MENTIONS_REACH:], query, now, lo=5, token_name="pagination_token")

    def _user_tweets(self, user_id: str, query: dict[str, str], now: float) -> tuple[int, Any]:
        exclude = set(query.get("exclude", "").split(","))
        posts = [p for p in self.state.posts.values() if p.author_id == user_id and p.edited_to is None
                 and not ("replies" in exclude and p.replied_to)]
        return self._page(posts, query, now, lo=5, token_name="pagination_token")

    def _search(self, query: dict[str, str], now: float) -> tuple[int, Any]:
        q = query.get("query", "")
        if not q or len(q) > 512:
            return 400, invalid_request(f"There were errors processing your request: query length {len(q)} must be "
                                        "between 1 and 512", {"query": [q[:40]]})
        if query.get("since_id") and (query.get("start_time") or query.get("end_time")):
            return 400, invalid_request("since_id cannot be combined with start_time", {"since_id": [query["since_id"]]})
        oldest = datetime.fromtimestamp(now, tz=timezone.utc) - SEARCH_WINDOW
        since = query.get("since_id")
        if since and snowflake_time(since) < oldest:
            smallest = (int(oldest.timestamp() * 1000) - TWITTER_EPOCH_MS) << 22
            return 400, invalid_request(
                f"'since_id' must be a tweet id created after {oldest.strftime('%Y-%m-%dT%H:%MZ')}. Please use a "
                f"'since_id' that is larger than {smallest}", {"since_id": [since]})
        start = query.get("start_time")
        if start and parse_x_time(start) < oldest - timedelta(seconds=10):
            return 400, invalid_request(f"Invalid 'start_time':'{start}'. 'start_time' must be on or after "
                                        f"{x_time(oldest)}", {"start_time": [start]})
        try:
            matcher = _parse_query(q, self.state.users)
        except ValueError as exc:
            return 400, invalid_request(f"There were errors processing your request: {exc}", {"query": [q[:40]]})
        posts = [p for p in self.state.posts.values() if p.created_at >= oldest and p.edited_to is None and matcher(p)]
        return self._page(posts, query, now, lo=10, token_name="next_token")

    def _hide(self, post_id: str, body: bytes, who: str) -> tuple[int, Any]:
        try:
            wanted = json.loads(body or b"null")
        except ValueError:
            wanted = None
        if not isinstance(wanted, dict) or set(wanted) != {"hidden"} or not isinstance(wanted["hidden"], bool):
            return 400, invalid_request("The request body must be {\"hidden\": true|false}", {"hidden": []})
        post = self.state.posts.get(int(post_id)) if post_id.isdigit() else None
        if post is None:
            return 404, _not_found(post_id)
        root = self.state.posts.get(post.conversation_id)
        if post.replied_to is None or root is None or root.author_id != who:
            return 403, BODY_403  # only replies in conversations the user started
        post.hidden = wanted["hidden"]  # this version only: an edit is a post of its own
        return 200, {"data": {"hidden": post.hidden}}


def _not_found(resource_id: str, kind: str = "tweet") -> dict[str, Any]:
    return {"errors": [{"value": resource_id, "detail": f"Could not find {kind} with id: [{resource_id}].",
                        "title": "Not Found Error", "resource_type": kind, "parameter": "id",
                        "resource_id": resource_id, "type": PROBLEMS + "resource-not-found"}],
            "title": "Not Found Error", "detail": f"Could not find {kind}.", "type": PROBLEMS + "resource-not-found"}


def _fields(query: dict[str, str]) -> set[str]:
    return set(filter(None, query.get("tweet.fields", "").split(",")))


ROUTES = [
    ("GET", r"/2/users/me", "me"),
    ("GET", r"/2/users/(\d+)/mentions", "mentions"),
    ("GET", r"/2/users/(\d+)/tweets", "user_tweets"),
    ("GET", r"/2/tweets/search/recent", "search"),
    ("GET", r"/2/tweets", "lookup_many"),
    ("PUT", r"/2/tweets/([^/]+)/hidden", "hidden"),
    ("GET", r"/2/tweets/([^/]+)", "lookup"),
    ("DELETE", r"/2/tweets/([^/]+)", "delete"),
    ("POST", r"/2/users/([^/]+)/blocking", "blocking"),
    ("DELETE", r"/2/users/([^/]+)/blocking/([^/]+)", "blocking"),
]


def _route(method: str, path: str) -> tuple[str, list[str]]:
    for verb, pattern, name in ROUTES:
        match = re.fullmatch(pattern, path)
        if verb == method and match:
            return name, list(match.groups())
    return "unknown", []


def _parse_query(q: str, users: dict[str, dict[str, str]]):
    """A predicate for the search operators the worker uses: conversation_id:, from:, to:, in_reply_to_tweet_id:,
    is:reply, is:retweet, @handle, negation with -, grouping with (), OR; AND binds tighter than OR."""
    tokens = re.findall(r"\(|\)|[^\s()]+", q)
    pos = 0
    by_name = {u["username"].lower(): u["id"] for u in users.values()}

    def term(tok: str):
        neg = tok.startswith("-")
        tok = tok[1:] if neg else tok
        op, _, value = tok.partition(":")
        if tok.startswith("@"):
            pred = lambda p, h=tok.lower(): h in p.text.lower()  # noqa: E731
        elif op == "conversation_id" and value.isdigit():
            pred = lambda p, v=int(value): p.conversation_id == v  # noqa: E731
        elif op == "in_reply_to_tweet_id" and value.isdigit():
            pred = lambda p, v=int(value): p.replied_to == v  # noqa: E731
        elif op == "from":
            pred = lambda p, v=by_name.get(value.lower(), value): p.author_id == v  # noqa: E731
        elif op == "to":
            pred = lambda p, v=by_name.get(value.lower()): p.in_reply_to_user_id == v  # noqa: E731
        elif tok == "is:reply":
            pred = lambda p: p.replied_to is not None  # noqa: E731
        elif tok == "is:retweet":
            pred = lambda p: False  # noqa: E731 - the fake has no retweets
        elif op in ("conversation_id", "in_reply_to_tweet_id", "is"):
            raise ValueError(f"invalid operator value {tok!r}")
        else:
            pred = lambda p, w=tok.lower(): w in p.text.lower()  # noqa: E731
        return (lambda p: not pred(p)) if neg else pred

    def expr():
        nonlocal pos
        alternatives = [conj()]
        while pos < len(tokens) and tokens[pos] == "OR":
            pos += 1
            alternatives.append(conj())
        return lambda p: any(a(p) for a in alternatives)

    def conj():
        nonlocal pos
        parts = []
        while pos < len(tokens) and tokens[pos] not in ("OR", ")"):
            if tokens[pos] == "(":
                pos += 1
                parts.append(expr())
                if pos >= len(tokens) or tokens[pos] != ")":
                    raise ValueError("unbalanced parentheses")
                pos += 1
            else:
                parts.append(term(tokens[pos]))
                pos += 1
        if not parts:
            raise ValueError("empty clause")
        return lambda p: all(f(p) for f in parts)

    result = expr()
    if pos != len(tokens):
        raise ValueError("unbalanced parentheses")
    return result


def _handler_for(fake: FakeX) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go in two writes; no 40 ms delayed-ACK stalls

        def log_message(self, *args: Any) -> None:  # keep test output quiet
            pass

        def _serve(self) -> None:
            parsed = urllib.parse.urlsplit(self.path)
            query = dict(urllib.parse.parse_qsl(parsed.query, keep_blank_values=True))
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if parsed.path == "/_fake/posts" and self.command == "POST":
                status, headers, out = self._add_post(body)
            else:
                headers_in = {k.lower(): v for k, v in self.headers.items()}
                status, headers, out = fake.handle(self.command, parsed.path, query, headers_in, body)
            self.send_response(status)
            self.send_header("content-type", "application/json; charset=utf-8")
            self.send_header("content-length", str(len(out)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(out)

        def _add_post(self, body: bytes) -> tuple[int, dict[str, str], bytes]:
            try:
                spec = json.loads(body)
                post_id = fake.add_post(str(spec["author"]), str(spec["text"]), reply_to=spec.get("reply_to"))
            except (ValueError, KeyError, TypeError) as exc:
                return 400, {}, json.dumps({"error": str(exc)}).encode()
            return 201, {}, json.dumps({"id": post_id}).encode()

        do_GET = do_PUT = do_POST = do_DELETE = _serve

    return Handler


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Fake X API v2 server for local trials.")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--user-id", default="1500000000000000001")
    parser.add_argument("--username", default="OakfieldPrimary")
    args = parser.parse_args(argv)
    fake = FakeX(port=args.port)
    fake.add_user(args.user_id, args.username, "Oakfield Primary School", access_token=f"{args.user_id}-fake-token",
                  consumer_key="fake-consumer-key", bearer_token="fake-bearer")
    fake.add_user("3333", "a_parent", "A Parent")
    root = fake.add_post(args.user_id, "Welcome back to the autumn term!")
    fake.add_post("3333", f"@{args.username} lovely news, thank you", reply_to=root)
    fake.start()
    print(f"fake X API on {fake.base_url}  user {args.user_id} (@{args.username})  "
          f"access token {args.user_id}-fake-token, consumer key fake-consumer-key, bearer fake-bearer", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        fake.stop()


if __name__ == "__main__":
    main()
