"""A fake Facebook Graph API on 127.0.0.1 that speaks the real wire protocol (see
reference/platform-apis.md §1 and §5), for tests, benchmarks and local trials.

It serves ``/{version}/...`` for the endpoints the Facebook connector uses, with the real JSON
shapes: cursor paging with absolute ``paging.next`` URLs that carry ``access_token``, Graph error
bodies, usage headers and ``facebook-api-version``. Faults can be injected (throttling with a
Graph code, 5xx, slow responses, malformed JSON, token expiry) and its state inspected (hidden,
deleted, bans, replies, a request log with timestamps). Tests add posts and comments through the
Python API while it runs (edit and remove them as their authors would, or add one as raw JSON bytes
to see how the connector copes with poison); local trials can POST to ``/_fake/comment``.

Field expansion is served as Graph does: ``fields=comments.filter(stream).order(reverse_chronological)
.limit(100){id,message,...}`` on the feed, on a post, and on ``GET /?ids=a,b,c`` (up to 50 ids; one id
that does not exist fails the whole request with code 803), with ``paging.next`` of a nested edge
pointing at ``/{post}/comments``. Time comes from ``clock`` (default ``time.time``).

This module holds the fake's state and what tests call on it; the endpoints are in graph_endpoints.py
and the HTTP handler (request log, faults, throttling) in graph_http.py.

    python -m connectors.fakes.graph --port 8765 --seed-demo
"""
from __future__ import annotations

import argparse
import hashlib
import hmac
import itertools
import json
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from typing import Any

# Importable from here as before the endpoints and the HTTP side moved to modules of their own.
from connectors.fakes.graph_endpoints import GraphEndpoints, GraphError, fb_time, field_specs, gone  # noqa: F401
from connectors.fakes.graph_http import THROTTLE_MESSAGES, GraphHandler  # noqa: F401

ALL_SCOPES = ["pages_show_list", "pages_read_engagement", "pages_read_user_content", "pages_manage_engagement",
              "pages_manage_metadata"]


@dataclass
class Fault:
    kind: str  # status | slow | malformed | no_content_type
    arg: Any = None
    path: str | None = None  # only requests whose path contains this


@dataclass
class FakeGraph(GraphEndpoints):
    page_id: str = "1234567890321"
    page_name: str = "Oakfield Primary School"
    token: str = "fake-page-token"
    app_secret: str | None = None
    served_version: str = "v25.0"
    scopes: list[str] = field(default_factory=lambda: list(ALL_SCOPES))
    clock: Any = time.time
    first_id: int = 900000000000001  # ids are unique across Facebook: give a second Page's fake its own range

    def __post_init__(self) -> None:
        self.lock = threading.RLock()
        self.posts: dict[str, dict] = {}
        self.comments: dict[str, dict] = {}
        self.blocked: dict[str, str] = {}
        self.replies: list[dict] = []
        self.subscribed_fields: list[str] = []
        self.requests: list[dict] = []
        self.expired: set[str] = set()
        self.faults: list[Fault] = []
        self.usage = {"app": 2, "buc": 2, "eta_minutes": 0}
        self.throttle_until = 0.0
        self.throttle_code = 80001
        self._ids = itertools.count(self.first_id)
        self._server: ThreadingHTTPServer | None = None

    # -- running ----------------------------------------------------------------------------
    def start(self, port: int = 0, host: str = "127.0.0.1") -> "FakeGraph":
        fake = self

        class Handler(GraphHandler):
            graph = fake

        self._server = ThreadingHTTPServer((host, port), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-graph",
                         daemon=True).start()
        return self

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> "FakeGraph":
        return self.start() if self._server is None else self

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    # -- content ----------------------------------------------------------------------------
    def _new_id(self) -> str:
        return str(next(self._ids))

    def add_post(self, message: str = "", *, created_time: float | None = None) -> str:
        with self.lock:
            created = int(created_time if created_time is not None else self.clock())
            post_id = f"{self.page_id}_{self._new_id()}"
            self.posts[post_id] = {"id": post_id, "message": message, "created_time": created, "updated_time": created,
                                   "seq": len(self.posts)}
            return post_id

    def add_comment(self, post_id: str, message: str, *, author: tuple[str, str] = ("6100000000000001", "Alice Parent"),
                    parent: str | None = None, created_time: float | None = None, photo: str | None = None) -> str:
        """A visitor's comment (or reply, with ``parent``). Moves the post's updated_time, as Graph does."""
        with self.lock:
            post = self.posts[post_id]
            created = int(created_time if created_time is not None else self.clock())
            cid = f"{post_id.split('_', 1)[1]}_{self._new_id()}"
            page, post_part = post_id.split("_", 1)
            link = f"https://www.facebook.com/{page}/posts/{post_part}/?comment_id="
            if parent:
                link += f"{parent.split('_', 1)[1]}&reply_comment_id={cid.split('_', 1)[1]}"
            else:
                link += cid.split("_", 1)[1]
            self.comments[cid] = {"id": cid, "post_id": post_id, "parent": parent, "message": message,
                                  "created_time": created, "from": {"id": author[0], "name": author[1]},
                                  "is_hidden": False, "deleted": False, "photo": photo, "permalink_url": link,
                                  "seq": len(self.comments)}
            post["updated_time"] = max(post["updated_time"], created)
            return cid

    def edit_comment(self, cid: str, message: str) -> None:
        """The author edits the comment: same id, new message (the post's updated_time does not move)."""
        with self.lock:
            self.comments[cid]["message"] = message

    def remove_comment(self, cid: str) -> None:
        """The author deletes the comment (and with it its replies)."""
        with self.lock:
            for c in self.comments.values():
                if c["id"] == cid or c["parent"] == cid:
                    c["deleted"] = True

    def delete_post(self, post_id: str) -> None:
        with self.lock:
            del self.posts[post_id]
            for c in self.comments.values():
                if c["post_id"] == post_id:
                    c["deleted"] = True

    def add_raw_comment(self, post_id: str, raw: bytes, *, created_time: float | None = None) -> str:
        """A comment whose JSON is ``raw`` exactly (poison: bad ids, bad dates, bytes that are not UTF-8)."""
        with self.lock:
            cid = self.add_comment(post_id, "", created_time=created_time)
            self.comments[cid]["raw"] = raw
            return cid

    # -- inspection -------------------------------------------------------------------------
    def hidden(self) -> set[str]:
        with self.lock:
            return {c["id"] for c in self.comments.values() if c["is_hidden"] and not c["deleted"]}

    def deleted(self) -> set[str]:
        with self.lock:
            return {c["id"] for c in self.comments.values() if c["deleted"]}

    def visitor_comments(self) -> list[dict]:
        with self.lock:
            return [dict(c) for c in self.comments.values() if c["from"]["id"] != self.page_id]

    def request_times(self, since: float = 0.0) -> list[float]:
        with self.lock:
            return [r["t"] for r in self.requests if r["t"] >= since]

    # -- faults -----------------------------------------------------------------------------
    def throttle(self, seconds: float, code: int = 80001, eta_minutes: int = 0) -> None:
        """Answer every request with a throttling error (and usage at 100) for ``seconds``."""
        with self.lock:
            self.throttle_until, self.throttle_code = self.clock() + seconds, code
            self.usage["eta_minutes"] = eta_minutes

    def fail_next(self, n: int, status: int = 500, path: str | None = None) -> None:
        self.faults += [Fault("status", status, path) for _ in range(n)]

    def slow_next(self, n: int, seconds: float, path: str | None = None) -> None:
        self.faults += [Fault("slow", seconds, path) for _ in range(n)]

    def malformed_next(self, n: int, path: str | None = None) -> None:
        self.faults += [Fault("malformed", None, path) for _ in range(n)]

    def expire_token(self, token: str | None = None) -> None:
        self.expired.add(token or self.token)

    def _take_fault(self, path: str) -> Fault | None:
        with self.lock:
            for i, fault in enumerate(self.faults):
                if fault.path is None or fault.path in path:
                    return self.faults.pop(i)
        return None

    # -- webhook emitter --------------------------------------------------------------------
    def webhook_payload(self, cid: str, verb: str = "add") -> dict:
        with self.lock:
            c = self.comments[cid]
            value: dict[str, Any] = {"from": dict(c["from"]), "post_id": c["post_id"], "comment_id": cid,
                                     "item": "comment", "verb": verb, "parent_id": c["parent"] or c["post_id"],
                                     "post": {"id": c["post_id"], "status_type": "mobile_status_update",
                                              "is_published": True,
                                              "updated_time": fb_time(self.posts[c["post_id"]]["updated_time"])}}
            if verb != "remove":
                value.update(message=c["message"], created_time=c["created_time"], is_hidden=c["is_hidden"])
                if c["photo"]:
                    value["photo"] = c["photo"]
            return {"object": "page", "entry": [{"id": self.page_id, "time": int(self.clock()),
                                                 "changes": [{"field": "feed", "value": value}]}]}

    @staticmethod
    def sign(body: bytes, app_secret: str) -> str:
        return "sha256=" + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()

    def deliver_webhook(self, url: str, cid: str, verb: str = "add", timeout: float = 10.0) -> int:
        """POST a signed notification, as Meta would. Returns the HTTP status."""
        body = json.dumps(self.webhook_payload(cid, verb)).encode()
        req = urllib.request.Request(url, data=body, method="POST", headers={
            "Content-Type": "application/json", "X-Hub-Signature-256": self.sign(body, self.app_secret or "")})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return resp.status
        except urllib.error.HTTPError as exc:
            return exc.code

    # -- request handling -------------------------------------------------------------------
    def usage_headers(self, throttled: bool) -> dict[str, str]:
        app, buc = (100, 100) if throttled else (self.usage["app"], self.usage["buc"])
        eta = self.usage["eta_minutes"] if throttled else 0
        return {
            "X-App-Usage": json.dumps({"call_count": app, "total_cputime": min(app, 10), "total_time": min(app, 10)}),
            "X-Business-Use-Case-Usage": json.dumps({self.page_id: [{
                "type": "pages", "call_count": buc, "total_cputime": min(buc, 5), "total_time": min(buc, 5),
                "estimated_time_to_regain_access": eta}]}),
        }

    def handle(self, method: str, path: str, params: dict[str, str], base: str) -> tuple[int, Any]:
        parts = [p for p in path.split("/") if p]
        if parts and parts[0] == "_fake":
            return 200, self._control(method, parts[1:], params)
        if not parts or not (parts[0].startswith("v") and "." in parts[0]):
            raise GraphError(2500, "Unknown path components: /" + "/".join(parts[:1]))
        version, rest = parts[0], parts[1:]
        token = params.get("access_token")
        if not token:
            raise GraphError(104, "An access token is required to request this resource.")
        if token not in (self.token,) and token not in self.expired:
            raise GraphError(190, "Invalid OAuth access token - Cannot parse access token")
        if token in self.expired:
            raise GraphError(190, "Error validating access token: Session has expired on Monday, 23-Nov-26 05:00:00 "
                             "PST.", subcode=463, status=400)
        proof = params.get("appsecret_proof")
        if proof and self.app_secret:
            expected = hmac.new(self.app_secret.encode(), token.encode(), hashlib.sha256).hexdigest()
            if not hmac.compare_digest(proof, expected):
                raise GraphError(100, "Invalid appsecret_proof provided in the API argument", type_="GraphMethodException")
        with self.lock:
            return 200, self._route(method, version, rest, params, base)


DEMO_COMMENTS = [
    "Lovely photos from sports day, thank you!", "What time does the trip coach get back on Friday?",
    "You are all fucking useless idiots", "Well done to the choir, they sounded amazing",
    "This school is a shit show run by morons", "Is the uniform shop open on Saturday?",
]


def seed_demo(graph: FakeGraph, posts: int = 5) -> None:
    base = graph.clock() - 86400
    for p in range(posts):
        pid = graph.add_post(f"News item {p + 1}", created_time=base + p * 3600)
        for i, text in enumerate(DEMO_COMMENTS):
            graph.add_comment(pid, text, author=(f"61000000000{p:02d}{i:02d}", f"Parent {p}-{i}"),
                              created_time=base + p * 3600 + 60 * (i + 1))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Fake Facebook Graph API for local trials")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--page-id", default="1234567890321")
    parser.add_argument("--token", default="fake-page-token")
    parser.add_argument("--app-secret", default=None)
    parser.add_argument("--seed-demo", action="store_true")
    args = parser.parse_args(argv)
    graph = FakeGraph(page_id=args.page_id, token=args.token, app_secret=args.app_secret)
    if args.seed_demo:
        seed_demo(graph)
    graph.start(args.port)
    print(f"fake Graph API on {graph.base_url} (page {graph.page_id}); state at {graph.base_url}/_fake/state",
          flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        graph.stop()


if __name__ == "__main__":
    main()
