"""The Facebook connector's reading (connectors/facebook.py holds the rest: settings, the HTTP seam,
rate limits, acting, checks): each poll's feed scan, the batched comment reads, the cursor, edits and
deletions, and turning a Graph comment into a ``RawComment``. ``FacebookReading`` is a part of
``FacebookConnector`` and uses its ``_get``, ``_pages`` and settings; connectors/facebook.py's docstring
describes what a poll reads and why.
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from datetime import datetime, timezone
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from connectors.base import ConnectorError, FetchResult, RawComment, Rejected
from connectors.items import BigNumber, author_ref, evidence, fix_text, id_problem, sane_time

log = logging.getLogger("connectors.facebook")

COMMENT_FIELDS = "id,message,created_time,from{id,name},parent{id},is_hidden,can_hide,permalink_url,attachment"
FEED_FIELDS = "id,created_time,updated_time"
BATCH_POSTS = 50             # ids in one ?ids= request (Graph's limit)
NESTED_LIMIT = 100           # comments per post in the nested read
MAX_TRACKED_COMMENTS = 500   # a post with more is not re-read in full for edits and deletions


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


class FacebookReading:
    """Reading the Page's comments; mixed into ``FacebookConnector``."""

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
