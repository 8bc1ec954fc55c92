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

This module holds the server, authentication, rate limits and faults; the reading and hiding endpoints
are in x_endpoints.py and the posts, users and wire shapes in x_state.py.
"""
from __future__ import annotations

import argparse
import json
import re
import threading
import time
import urllib.parse
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# Importable from here as before the endpoints and the state moved to modules of their own.
from connectors.fakes.x_endpoints import XEndpoints, parse_query  # noqa: F401
from connectors.fakes.x_state import (  # noqa: F401
    BODY_401, BODY_402, BODY_403, BODY_404_PAGE, BODY_429, BODY_500, BODY_CAPPED, BODY_CLIENT_FORBIDDEN,
    DEFAULT_LIMITS, MENTIONS_REACH, PROBLEMS, SEARCH_WINDOW, TWITTER_EPOCH_MS, FakeState, Fault, Post, Window,
    invalid_request, not_found, parse_x_time, snowflake_time, tweet_fields, x_time,
)


class FakeX(XEndpoints):
    """The fake's state, authentication, rate limits and faults; ``start()`` serves it over HTTP on 127.0.0.1.
    The endpoints that read and hide posts are in ``XEndpoints`` (connectors/fakes/x_endpoints.py)."""

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
                return 404, not_found(args[0])
            return 200, {"data": self._wire(post, tweet_fields(query))}
        if endpoint == "lookup_many":
            return self._lookup_many(query)
        if endpoint == "delete":
            post = self.state.posts.get(int(args[0])) if args[0].isdigit() else None
            if post is None or post.author_id != who:
                return 403, BODY_403
            del self.state.posts[post.id]
            return 200, {"data": {"deleted": True}}
        return 404, BODY_404_PAGE


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
