"""The fake Graph API's endpoints: the Page and its feed, posts, comments (reading, replying, hiding,
deleting), blocked people, webhook subscriptions and ``GET /?ids=``, answered in Graph's JSON shapes
with cursor paging and ``fields=`` expansion.

``GraphEndpoints`` is mixed into ``FakeGraph`` (connectors/fakes/graph.py), which owns the state and
the lock held around every call here, and checks the access token before routing.
"""
from __future__ import annotations

import base64
import re
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlencode


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


def gone(obj_id: str) -> GraphError:
    return GraphError(100, f"Unsupported get request. Object with ID '{obj_id}' does not exist, cannot be loaded due "
                      "to missing permissions, or does not support this operation.", subcode=33,
                      type_="GraphMethodException")


class GraphEndpoints:
    """Routing and the endpoint handlers; each returns the JSON body or raises ``GraphError``."""

    page_id: str
    page_name: str
    scopes: list[str]
    posts: dict[str, dict]
    comments: dict[str, dict]
    blocked: dict[str, str]
    replies: list[dict]
    subscribed_fields: list[str]
    requests: list[dict]

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
                raise gone(obj)
            if edge == "comments":
                return self._comments_edge(method, version, obj, params, base)
            if edge is None:
                return self._comment_node(method, comment, params)
        raise gone(obj)

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
        for name, modifiers, sub in field_specs(params.get("fields") or ""):
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
        keep = {name for name, _, _ in field_specs(wanted)} | {"id"}
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



def field_specs(wanted: str) -> list[tuple[str, dict[str, str], str]]:
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
