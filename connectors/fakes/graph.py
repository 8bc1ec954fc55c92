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

    python -m connectors.fakes.graph --port 8765 --seed-demo
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import itertools
import json
import re
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

ALL_SCOPES = ["pages_show_list", "pages_read_engagement", "pages_read_user_content", "pages_manage_engagement",
              "pages_manage_metadata"]
THROTTLE_MESSAGES = {
    4: "(#4) Application request limit reached",
    17: "(#17) User request limit reached",
    32: "(#32) Page request limit reached",
    613: "(#613) Calls to this api have exceeded the rate limit.",
    80001: "(#80001) There have been too many calls to this Page account. Wait a bit and try again. For more info, "
           "please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.",
}


def fb_time(epoch: float) -> str:
    return datetime.fromtimestamp(int(epoch), timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+0000")


class GraphError(Exception):
    def __init__(self, code: int, message: str, *, subcode: int | None = None, status: int = 400,
                 type_: str = "OAuthException", transient: bool | None = None):
        super().__init__(message)
        body: dict[str, Any] = {"message": message, "type": type_, "code": code, "fbtrace_id": "AFakeTrace01"}
        if subcode is not None:
            body["error_subcode"] = subcode
        if transient is not None:
            body["is_transient"] = transient
        self.body, self.status = {"error": body}, status


def _gone(obj_id: str) -> GraphError:
    return GraphError(100, f"Unsupported get request. Object with ID '{obj_id}' does not exist, cannot be loaded due "
                      "to missing permissions, or does not support this operation.", subcode=33,
                      type_="GraphMethodException")


@dataclass
class Fault:
    kind: str  # status | slow | malformed | no_content_type
    arg: Any = None
    path: str | None = None  # only requests whose path contains this


@dataclass
class FakeGraph:
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

        class Handler(_Handler):
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

    def _route(self, method: str, version: str, rest: list[str], params: dict[str, str], base: str) -> Any:
        obj = rest[0] if rest else ""
        edge = rest[1] if len(rest) > 1 else None
        if obj == "me":
            obj = self.page_id
        if obj == "debug_token" and method == "GET":
            return {"data": {"app_id": "1000000000001", "type": "PAGE", "application": "School Moderator",
                             "is_valid": True, "profile_id": self.page_id, "scopes": list(self.scopes),
                             "expires_at": 0, "data_access_expires_at": 0}}
        if obj == "" and method == "GET" and params.get("ids") is not None:
            return self._by_ids(version, params, base)
        if obj == self.page_id:
            return self._page(method, version, edge, params, base)
        if obj in self.posts:
            if edge == "comments":
                return self._comments_edge(method, version, obj, params, base)
            if edge is None and method == "GET":
                return self._post_fields(self.posts[obj], version, params, base)
        if obj in self.comments:
            comment = self.comments[obj]
            if comment["deleted"]:
                raise _gone(obj)
            if edge == "comments":
                return self._comments_edge(method, version, obj, params, base)
            if edge is None:
                return self._comment_node(method, comment, params)
        raise _gone(obj)

    def _page(self, method: str, version: str, edge: str | None, params: dict, base: str) -> Any:
        if edge is None and method == "GET":
            return self._fields({"id": self.page_id, "name": self.page_name}, params)
        if edge in ("feed", "posts", "published_posts") and method == "GET":
            if "pages_read_engagement" not in self.scopes:
                raise GraphError(10, "(#10) This endpoint requires the 'pages_read_engagement' permission",
                                 status=403)
            posts = sorted(self.posts.values(), key=lambda p: (-p["created_time"], -p["seq"]))
            items = [self._post_fields(p, version, params, base) for p in posts]
            return self._paged(items, params, f"/{version}/{self.page_id}/{edge}", base, max_limit=100)
        if edge == "blocked":
            if "pages_manage_engagement" not in self.scopes:
                raise GraphError(200, "(#200) Permissions error", status=403)
            uid = params.get("user") or params.get("psid") or params.get("uid") or params.get("asid")
            if method == "GET":
                items = [{"id": k, "name": v} for k, v in self.blocked.items() if not uid or k == uid]
                return self._paged(items, params, f"/{version}/{self.page_id}/blocked", base)
            if not uid:
                raise GraphError(100, "(#100) The parameter user is required", type_="GraphMethodException")
            ids = [u for u in uid.split(",") if u]
            if method == "POST":
                for u in ids:
                    self.blocked[u] = next((c["from"]["name"] for c in self.comments.values()
                                            if c["from"]["id"] == u), "")
                return {u: True for u in ids}
            if method == "DELETE":
                for u in ids:
                    self.blocked.pop(u, None)
                return {"success": True}
        if edge == "subscribed_apps":
            if method == "POST":
                self.subscribed_fields = params.get("subscribed_fields", "").split(",")
                return {"success": True}
            data = [{"id": "1000000000001", "name": "School Moderator", "subscribed_fields": self.subscribed_fields}]
            return {"data": data if self.subscribed_fields else []}
        raise GraphError(100, f"(#100) Unsupported {method.lower()} request on /{self.page_id}/{edge}",
                         type_="GraphMethodException")

    def _by_ids(self, version: str, params: dict, base: str) -> Any:
        ids = [i for i in params["ids"].split(",") if i]
        if not ids or len(ids) > 50:
            raise GraphError(100, "(#100) ids must list 1 to 50 ids", type_="GraphMethodException")
        missing = [i for i in ids if i not in self.posts and (i not in self.comments or self.comments[i]["deleted"])]
        if missing:
            raise GraphError(803, f"(#803) Some of the aliases you requested do not exist: {','.join(missing)}")
        out = {}
        for i in ids:
            if i in self.posts:
                out[i] = self._post_fields(self.posts[i], version, params, base)
            else:
                out[i] = self._fields(self._comment_json(self.comments[i]), params)
        return out

    def _post_fields(self, post: dict, version: str, params: dict, base: str) -> dict:
        """A post with the fields asked for, expanding ``comments.<modifiers>{<fields>}`` as Graph does."""
        out = self._fields(self._post_json(post), params)
        for name, modifiers, sub in _field_specs(params.get("fields") or ""):
            if name != "comments":
                continue
            edge_params = dict(modifiers)
            if sub:
                edge_params["fields"] = sub
            edge = self._comments_edge("GET", version, post["id"], edge_params, base)
            if edge["data"] or edge.get("summary"):
                out["comments"] = edge
        return out

    def _comments_edge(self, method: str, version: str, obj: str, params: dict, base: str) -> Any:
        if method == "POST":
            if "pages_manage_engagement" not in self.scopes:
                raise GraphError(200, "(#200) Permissions error", status=403)
            message = params.get("message", "")
            if not message:
                raise GraphError(100, "(#100) Missing message or attachment", type_="GraphMethodException")
            post_id = obj if obj in self.posts else self.comments[obj]["post_id"]
            cid = self.add_comment(post_id, message, author=(self.page_id, self.page_name),
                                   parent=None if obj in self.posts else obj)
            self.replies.append({"id": cid, "parent": obj, "message": message})
            return {"id": cid}
        if method != "GET":
            raise GraphError(100, "(#100) Unsupported request", type_="GraphMethodException")
        if obj in self.posts:
            stream = params.get("filter") == "stream"
            found = [c for c in self.comments.values() if c["post_id"] == obj and (stream or not c["parent"])]
        else:
            found = [c for c in self.comments.values() if c["parent"] == obj]
        found = [c for c in found if not c["deleted"]]
        since = params.get("since")
        if since:
            since_ts = int(since) if since.isdigit() else int(datetime.strptime(since, "%Y-%m-%dT%H:%M:%S%z").timestamp())
            found = [c for c in found if c["created_time"] >= since_ts]
        reverse = params.get("order") == "reverse_chronological"
        found.sort(key=lambda c: (c["created_time"], c["seq"]), reverse=reverse)
        items = [self._fields(self._comment_json(c), params) for c in found]
        page = self._paged(items, params, f"/{version}/{obj}/comments", base)
        if params.get("summary") in ("true", "1", "True"):
            page["summary"] = {"order": "reverse_chronological" if reverse else "chronological",
                               "total_count": len(found), "can_comment": True}
        return page

    def _comment_node(self, method: str, comment: dict, params: dict) -> Any:
        if method == "GET":
            return self._fields(self._comment_json(comment), params)
        if method == "DELETE":
            if "pages_manage_engagement" not in self.scopes:
                raise GraphError(200, "(#200) Permissions error", status=403)
            comment["deleted"] = True
            for reply in self.comments.values():
                if reply["parent"] == comment["id"]:
                    reply["deleted"] = True
            return {"success": True}
        if method == "POST" and "is_hidden" in params:
            if "pages_manage_engagement" not in self.scopes:
                raise GraphError(200, "(#200) Permissions error", status=403)
            if comment["from"]["id"] == self.page_id:
                raise GraphError(100, "(#100) Cannot hide a comment made by the Page", type_="GraphMethodException")
            comment["is_hidden"] = params["is_hidden"].lower() in ("true", "1")
            return {"success": True}
        raise GraphError(100, "(#100) Unsupported post request", type_="GraphMethodException")

    # -- JSON shapes ------------------------------------------------------------------------
    def _post_json(self, p: dict) -> dict:
        page, part = p["id"].split("_", 1)
        return {"id": p["id"], "message": p["message"], "created_time": fb_time(p["created_time"]),
                "updated_time": fb_time(p["updated_time"]), "is_published": True,
                "permalink_url": f"https://www.facebook.com/{page}/posts/{part}/",
                "from": {"id": self.page_id, "name": self.page_name}}

    def _comment_json(self, c: dict) -> dict:
        if c.get("raw") is not None:
            return {"@raw": c["id"]}
        out = {"id": c["id"], "message": c["message"], "created_time": fb_time(c["created_time"]),
               "from": dict(c["from"]), "is_hidden": c["is_hidden"], "can_hide": c["from"]["id"] != self.page_id,
               "permalink_url": c["permalink_url"], "object": {"id": c["post_id"]}}
        if c["parent"]:
            out["parent"] = {"id": c["parent"]}
        if c["photo"]:
            out["attachment"] = {"type": "photo", "url": c["photo"],
                                 "media": {"image": {"src": c["photo"], "height": 720, "width": 960}}}
        return out

    @staticmethod
    def _fields(obj: dict, params: dict) -> dict:
        """Keep the top-level names asked for in ``fields`` (nested braces are accepted, not applied)."""
        if "@raw" in obj:
            return {"@raw": obj["@raw"]}
        wanted = params.get("fields")
        if not wanted:
            return {k: obj[k] for k in ("id", "message", "created_time", "name") if k in obj}
        keep = {name for name, _, _ in _field_specs(wanted)} | {"id"}
        return {k: v for k, v in obj.items() if k in keep}

    def _paged(self, items: list[dict], params: dict, path: str, base: str, max_limit: int = 5000) -> dict:
        try:
            limit = int(params.get("limit", 25))
        except ValueError:
            raise GraphError(100, "(#100) Param limit must be a number", type_="GraphMethodException") from None
        if limit > max_limit:
            raise GraphError(100, f"(#100) The limit parameter should not exceed {max_limit}",
                             type_="GraphMethodException")
        start = 0
        if params.get("after"):
            try:
                after_id, _, offset = base64.urlsafe_b64decode(params["after"].encode()).decode().partition("|")
            except (ValueError, UnicodeDecodeError):
                raise GraphError(100, "(#100) Invalid cursor", type_="GraphMethodException") from None
            ids = [i["id"] for i in items]
            start = ids.index(after_id) + 1 if after_id in ids else int(offset or 0)
        chunk = items[start:start + max(limit, 1)]
        page: dict[str, Any] = {"data": chunk, "paging": {}}
        if chunk:
            enc = lambda item, pos: base64.urlsafe_b64encode(f"{item['id']}|{pos}".encode()).decode()  # noqa: E731
            page["paging"]["cursors"] = {"before": enc(chunk[0], start), "after": enc(chunk[-1], start + len(chunk))}
            if start + len(chunk) < len(items):
                query = {k: v for k, v in params.items() if k not in ("after", "before")}
                query.update(pretty="0", after=page["paging"]["cursors"]["after"])
                page["paging"]["next"] = f"{base}{path}?{urlencode(query)}"
        return page

    def _control(self, method: str, parts: list[str], params: dict) -> Any:
        """Local-trial helpers: GET /_fake/state; POST /_fake/comment (post_id?, message, author_id, author_name)."""
        with self.lock:
            if parts == ["comment"] and method == "POST":
                post_id = params.get("post_id") or next(iter(sorted(self.posts)), None) or self.add_post("Hello")
                return {"id": self.add_comment(post_id, params.get("message", ""), author=(
                    params.get("author_id", "6100000000000009"), params.get("author_name", "Visitor")))}
            return {"posts": len(self.posts), "comments": len(self.comments), "hidden": sorted(self.hidden()),
                    "deleted": sorted(self.deleted()), "blocked": self.blocked, "replies": self.replies,
                    "requests": len(self.requests)}


def _field_specs(wanted: str) -> list[tuple[str, dict[str, str], str]]:
    """``a,b.limit(5).order(x){c,d{e}}`` -> [("a", {}, ""), ("b", {"limit": "5", "order": "x"}, "c,d{e}")]."""
    parts, depth, cur = [], 0, ""
    for ch in wanted:
        if ch in "{(":
            depth += 1
        elif ch in "})":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
            continue
        cur += ch
    parts.append(cur)
    specs = []
    for part in parts:
        part = part.strip()
        sub = ""
        if part.endswith("}") and "{" in part:
            brace = part.index("{")
            part, sub = part[:brace], part[brace + 1:-1]
        name, *mods = part.split(".")
        modifiers = {}
        for mod in mods:
            m = re.fullmatch(r"(\w+)\((.*)\)", mod)
            if m:
                modifiers[m.group(1)] = m.group(2)
        specs.append((name.strip(), modifiers, sub))
    return specs


_RAW = re.compile(rb'\{"@raw": "([^"]+)"\}')


class _Handler(BaseHTTPRequestHandler):
    graph: FakeGraph
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, *args: Any) -> None:  # quiet
        pass

    def _serve(self, method: str) -> None:
        graph = self.graph
        url = urlsplit(self.path)
        params = dict(parse_qsl(url.query, keep_blank_values=True))
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            params.update(parse_qsl(self.rfile.read(length).decode("utf-8", "replace"), keep_blank_values=True))
        now = graph.clock()
        entry = {"t": now, "method": method, "path": url.path,
                 "params": {k: v for k, v in params.items() if k not in ("access_token", "appsecret_proof")}}
        if not url.path.startswith("/_fake"):
            with graph.lock:
                graph.requests.append(entry)
        base = f"http://{self.headers.get('Host') or '127.0.0.1'}"
        throttled = now < graph.throttle_until and not url.path.startswith("/_fake")
        fault = None if throttled or url.path.startswith("/_fake") else graph._take_fault(url.path)
        if fault and fault.kind == "slow":
            time.sleep(fault.arg)
        if fault and fault.kind == "status":
            body = (b"<html><body>Service Unavailable</body></html>", "text/html") if fault.arg == 502 else (
                json.dumps({"error": {"message": "An unexpected error has occurred. Please retry your request later.",
                                      "type": "OAuthException", "code": 2, "is_transient": True,
                                      "fbtrace_id": "AFakeTrace02"}}).encode() if fault.arg == 500 else
                json.dumps({"message": "temporarily unavailable"}).encode(), "application/json; charset=UTF-8")
            return self._send(fault.arg, body[0], body[1], graph.usage_headers(False))
        if fault and fault.kind == "malformed":
            return self._send(200, b'{"data": [{"id": "12', "application/json; charset=UTF-8",
                              graph.usage_headers(False))
        try:
            if throttled:
                code = graph.throttle_code
                raise GraphError(code, THROTTLE_MESSAGES.get(code, f"(#{code}) Rate limited"), transient=True)
            status, result = graph.handle(method, url.path, params, base)
        except GraphError as exc:
            status, result = exc.status, exc.body
        except Exception as exc:  # a bug in the fake: answer like Graph's unknown error
            status, result = 500, {"error": {"message": f"fake graph: {type(exc).__name__}: {exc}",
                                             "type": "FacebookApiException", "code": 1}}
        body = json.dumps(result).encode()
        if b'{"@raw": ' in body:
            with graph.lock:
                body = _RAW.sub(lambda m: graph.comments[m.group(1).decode()]["raw"], body)
        self._send(status, body, "application/json; charset=UTF-8", graph.usage_headers(throttled))

    def _send(self, status: int, body: bytes, ctype: str, extra: dict[str, str]) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("facebook-api-version", self.graph.served_version)
            for k, v in extra.items():
                self.send_header(k, v)
            self._headers_buffer.append(b"\r\n" + body)  # one write: no delayed-ACK stall on keep-alive
            self.flush_headers()
        except (BrokenPipeError, ConnectionResetError):  # the client timed out and left
            pass

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_DELETE(self) -> None:
        self._serve("DELETE")


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
