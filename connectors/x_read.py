"""The X connector's reading (connectors/x.py holds the rest: credentials, rate limits, hiding and
unhiding, checks): each poll's queries, paging, the cursor, edits and deletions, and turning a post
into a ``RawComment``. ``XReading`` is a part of ``XConnector`` and uses its ``_call`` and settings;
connectors/x.py's docstring describes what a poll reads and why.
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

import requests

from connectors.base import ConnectorError, Effect, FetchResult, RawComment, Rejected
from connectors.items import NOT_HIDEABLE, author_ref, evidence, fix_text, id_problem, sane_time

log = logging.getLogger("connectors.x")

# Pay-per-use unit prices in USD (reference §2.8, docs.x.com pricing, 2026-08).
PRICES_USD = {
    "post_read": 0.005,      # posts returned by search
    "owned_read": 0.001,     # the account's own mentions and posts, read with its own app
    "user_read": 0.010,      # author objects (includes.users)
    "content_manage": 0.005,  # hide/unhide (mapping unverified)
}
TWITTER_EPOCH_MS = 1288834974657
SEARCH_WINDOW = timedelta(days=7)
STALE_MARGIN = timedelta(hours=1)          # treat a since_id this close to the window's edge as stale
FALLBACK_LOOKBACK = timedelta(days=6, hours=23)
MAX_QUERY_CHARS = 512
TWEET_FIELDS = ["created_at", "conversation_id", "in_reply_to_user_id", "author_id", "referenced_tweets",
                "attachments", "edit_history_tweet_ids"]
MEDIA_FIELDS = ["type", "url", "preview_image_url"]
EXPANSIONS = ["author_id", "attachments.media_keys"]
LOOKUP_BATCH = 100  # ids per GET /2/tweets
MAX_WATCHED = 300   # replies watched for deletion (3 lookups at most)
MAX_ITEM_CHARS = 1_000_000  # a post bigger than this (serialised) is refused
USER_FIELDS = ["username", "name"]


def snowflake_time(post_id: int | str) -> datetime:
    return datetime.fromtimestamp(((int(post_id) >> 22) + TWITTER_EPOCH_MS) / 1000, tz=timezone.utc)


@dataclass
class _Read:
    """One query's outcome within a poll."""

    posts: list[dict[str, Any]] = field(default_factory=list)
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    media: dict[str, dict[str, Any]] = field(default_factory=dict)
    newest: int | None = None
    roots: list[str] = field(default_factory=list)


@dataclass
class _Pending:
    """Posts read but not yet returned, valid while the worker hands back the cursor we gave it."""

    cursor: str
    posts: list[tuple[int | None, RawComment]]
    state: dict[str, Any]
    tops: dict[str, int | None]


def _digits(value: Any) -> int | None:
    """An X id as an int, or None when it is not a plain decimal string."""
    if isinstance(value, str) and 0 < len(value) <= 20 and value.isascii() and value.isdigit():
        return int(value)
    return None


class XReading:
    """Reading replies and mentions; mixed into ``XConnector``."""

    # -- reading ---------------------------------------------------------------------------
    def fetch(self, cursor: str | None, limit: int) -> FetchResult:
        if self._pending is not None and self._pending.cursor == (cursor or ""):
            pending, self._pending = self._pending, None
            return self._deliver(pending.posts, [], pending.state, pending.tops, limit)
        self._pending = None
        state = self._decode(cursor)
        started, requests_before = self.clock(), self._requests
        bill = {"owned_read": 0, "post_read": 0, "user_read": 0}
        self._refresh_roots(state, started, bill)
        self._learn_handle(state)
        tops: dict[str, int | None] = {}  # "mentions" or a root id -> newest id its query reported
        found: dict[str, tuple[int, RawComment]] = {}
        rejected: dict[str, Rejected] = {}
        errors: list[ConnectorError] = []
        sources: list[tuple[str, Callable[..., _Read]]] = [("mentions", self._read_mentions)]
        sources += [(f"search:{n}", self._read_search) for n in range(len(self._search_groups(state)))]
        for source, run in sources:
            try:
                read = run(state, source, started)
            except ConnectorError as exc:
                if exc.effect in (Effect.DISABLE, Effect.PAUSE):
                    raise
                errors.append(exc)
                continue
            for key in (["mentions"] if source == "mentions" else read.roots):
                tops[key] = read.newest
            kind = "owned_read" if source == "mentions" else "post_read"
            for post in read.posts:
                item = self._to_comment(post, read.users, read.media, started, state["roots"])
                if isinstance(item, Rejected):
                    rejected.setdefault(item.source_ref, item)
                    continue
                post_key, comment = item
                if self._bill(kind, str(post_key)):
                    bill[kind] += 1
                if post.get("author_id") == self.user_id:
                    continue  # the school's own posts and replies
                if comment.external_id not in found or found[comment.external_id][0] < post_key:
                    found[comment.external_id] = (post_key, comment)  # the newest version of an edited post
            bill["user_read"] += sum(self._bill("user_read", uid) for uid in read.users)
        removed: list[tuple[int | None, RawComment]] = []
        if not errors:
            removed = self._check_deletions(state, started, bill)
        usd = sum(PRICES_USD[k] * n for k, n in bill.items())
        log.info("x poll", extra={"account": self.handle, "requests": self._requests - requests_before,
                                  "posts_read": bill["owned_read"] + bill["post_read"], "users_read": bill["user_read"],
                                  "new": len(found), "removed": len(removed), "rejected": len(rejected),
                                  "usd": round(usd, 4), "errors": len(errors)})
        if errors:
            log.warning("x poll incomplete", extra={"account": self.handle, "errors": [e.code for e in errors]})
        if errors and not found and not rejected:
            first = errors[0]
            if len(errors) == 1:
                raise first
            waits = [e.retry_after for e in errors if e.retry_after]
            raise ConnectorError(str(first), effect=first.effect, retry_after=min(waits) if waits else None,
                                 code=first.code, endpoint=first.endpoint if len({e.endpoint for e in errors}) == 1
                                 else None)
        posts = removed + sorted(found.values(), key=lambda pair: pair[0])
        return self._deliver(posts, list(rejected.values()), state, tops, limit)

    def _deliver(self, posts: list[tuple[int | None, RawComment]], rejected: list[Rejected], state: dict[str, Any],
                 tops: dict[str, int | None], limit: int) -> FetchResult:
        """Return the oldest ``limit`` posts; each query's since_id moves only past what is returned."""
        batch, rest = posts[:limit], posts[limit:]
        keys = [key for key, _ in batch if key is not None]
        last = max(keys) if keys else None
        new_state = json.loads(json.dumps(state))

        def advance(old: int | None, top: int | None) -> int | None:
            if top is None:
                return old
            if rest:
                if last is None:
                    return old
                top = min(top, last)
            return top if old is None else max(old, top)

        for key, top in tops.items():
            if key == "mentions":
                new_state["mentions"] = advance(state["mentions"], top)
            elif key in state["roots"]:
                new_state["roots"][key] = advance(state["roots"][key], top)
        now = self.clock()
        watched = new_state["watch"]
        for key, comment in batch:
            if comment.removed:
                watched.pop(comment.external_id, None)
            elif key is not None:
                watched[comment.external_id] = [str(key), int(now)]
        if len(watched) > MAX_WATCHED:
            newest = sorted(watched.items(), key=lambda kv: int(kv[1][0]))[-MAX_WATCHED:]
            new_state["watch"] = dict(newest)
        cursor = json.dumps(new_state, separators=(",", ":"), sort_keys=True)
        if rest:
            self._pending = _Pending(cursor=cursor, posts=rest, state=new_state, tops=tops)
        return FetchResult(comments=[c for _, c in batch], cursor=cursor, rejected=rejected, more=bool(rest))

    def _decode(self, cursor: str | None) -> dict[str, Any]:
        state: dict[str, Any] = {"v": 2, "mentions": None, "own": None, "roots": {}, "me": None, "watch": {},
                                 "checked": 0}
        if cursor:
            try:
                loaded = json.loads(cursor)
                if isinstance(loaded, dict) and loaded.get("v") in (1, 2):
                    state.update({k: loaded.get(k, state[k]) for k in state if k != "v"})
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
            body = self._call(endpoint, fn, **params, **({token_name: token} if token else {}))
            meta = body.get("meta") if isinstance(body.get("meta"), dict) else {}
            includes = body.get("includes") if isinstance(body.get("includes"), dict) else {}
            data = body.get("data") if isinstance(body.get("data"), list) else []
            ids = [_digits(p.get("id")) for p in data if isinstance(p, dict)]
            newest = max([i for i in ids + [_digits(meta.get("newest_id"))] if i is not None], default=None)
            if page_no == 0 and newest is not None:
                read.newest = newest
            for post in data:
                post_id = _digits(post.get("id")) if isinstance(post, dict) else None
                if floor is None or post_id is None or post_id > floor:
                    read.posts.append(post)
            for user in includes.get("users") or []:
                if isinstance(user, dict) and isinstance(user.get("id"), str):
                    read.users[user["id"]] = user
            for media in includes.get("media") or []:
                if isinstance(media, dict) and isinstance(media.get("media_key"), str):
                    read.media[media["media_key"]] = media
            token = meta.get("next_token")
            if not token or not isinstance(token, str):
                return read
        log.error("x query has more pages than max_pages_per_query; older posts in this poll were skipped",
                  extra={"account": self.handle, "endpoint": endpoint})
        return read

    def _read_mentions(self, state: dict[str, Any], source: str, now: float) -> _Read:
        since = state["mentions"]
        params = dict(self._since(since, now, search=False), max_results=100, expansions=EXPANSIONS,
                      tweet_fields=TWEET_FIELDS, user_fields=USER_FIELDS, media_fields=MEDIA_FIELDS, user_auth=True)
        return self._paged("mentions", self.client.get_users_mentions, "pagination_token",
                           dict(params, id=self.user_id), since)

    def _search_groups(self, state: dict[str, Any]) -> list[list[str]]:
        return _groups(sorted(state["roots"], key=int), self._search_tail(state))

    def _search_tail(self, state: dict[str, Any]) -> str:
        me = state.get("me")
        mention = f" -@{me}" if isinstance(me, str) and re.fullmatch(r"\w{1,15}", me) else ""
        return f" -from:{self.user_id}{mention} -is:retweet"

    def _read_search(self, state: dict[str, Any], source: str, now: float) -> _Read:
        """One search over a group of conversations, from the group's lowest since_id (a conversation
        further on skips, by id, what it has already read)."""
        roots = self._search_groups(state)[int(source.partition(":")[2])]
        values = [state["roots"][r] for r in roots]
        since = None if any(v is None for v in values) else min(values)
        query = f"({' OR '.join(f'conversation_id:{r}' for r in roots)}){self._search_tail(state)}"
        params = dict(query=query, max_results=100, expansions=EXPANSIONS, tweet_fields=TWEET_FIELDS,
                      user_fields=USER_FIELDS, media_fields=MEDIA_FIELDS, user_auth=not self._has_bearer)
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
        floors = {r: state["roots"][r] for r in roots}
        read.posts = [p for p in read.posts if not self._already_read(p, floors)]
        read.roots = roots
        return read

    @staticmethod
    def _already_read(post: Any, floors: dict[str, int | None]) -> bool:
        if not isinstance(post, dict):
            return False
        post_id, floor = _digits(post.get("id")), floors.get(str(post.get("conversation_id")))
        return post_id is not None and floor is not None and post_id <= floor

    def _learn_handle(self, state: dict[str, Any]) -> None:
        """The school's @handle, once (kept in the cursor), so search can leave out what mentions read."""
        if state.get("me") or not state["roots"]:
            return
        try:
            data = self._call("me", self.client.get_me, user_auth=True).get("data") or {}
        except ConnectorError as exc:
            if exc.effect in (Effect.DISABLE, Effect.PAUSE):
                raise
            return  # search without the exclusion this time; duplicates are dropped by id
        if isinstance(data, dict) and str(data.get("id")) == self.user_id and isinstance(data.get("username"), str):
            state["me"] = data["username"]

    def _refresh_roots(self, state: dict[str, Any], now: float, bill: dict[str, int]) -> None:
        """Learn the school's new posts (conversation roots) and forget those past ``conversation_days``.
        A new root's replies are searched from the root itself; on the first run, from the lookback."""
        oldest = datetime.fromtimestamp(now, tz=timezone.utc) - self.conversation_window
        state["roots"] = {r: v for r, v in state["roots"].items() if _digits(r) and snowflake_time(r) >= oldest}
        first_run = state["own"] is None
        params: dict[str, Any] = {"since_id": state["own"]} if state["own"] else {"start_time": oldest}
        read = self._paged("user_tweets", self.client.get_users_tweets, "pagination_token",
                           dict(params, id=self.user_id, max_results=100, exclude=["retweets", "replies"],
                                tweet_fields=["created_at", "conversation_id"], user_auth=True), state["own"])
        for post in read.posts:
            post_id = _digits(post.get("id")) if isinstance(post, dict) else None
            if post_id is None:
                continue
            if self._bill("owned_read", str(post_id)):
                bill["owned_read"] += 1
            is_root = post.get("conversation_id", post["id"]) == post["id"]
            if is_root and post["id"] not in state["roots"] and snowflake_time(post_id) >= oldest:
                state["roots"][post["id"]] = None if first_run else post_id
        if read.newest is not None:
            state["own"] = max(state["own"] or 0, read.newest)
        elif state["own"] is None:
            state["own"] = 0  # first run done: roots found later are new

    def _check_deletions(self, state: dict[str, Any], now: float, bill: dict[str, int]) -> list[tuple[None, RawComment]]:
        """Replies watched for deletion that X no longer has, as removed comments (at most every
        ``deletion_check_minutes``; one request per 100 replies)."""
        watch: dict[str, list[Any]] = state["watch"]
        for original, (_, seen) in list(watch.items()):
            if seen < now - self.deletion_window:
                del watch[original]
        if not state["checked"]:
            state["checked"] = int(now)  # the first check comes one interval after the first poll
        if not self.deletion_every or not watch or now - state["checked"] < self.deletion_every:
            return []
        latest = {str(v[0]): original for original, v in watch.items()}
        gone: list[str] = []
        ids = sorted(latest, key=int)
        for start in range(0, len(ids), LOOKUP_BATCH):
            chunk = ids[start:start + LOOKUP_BATCH]
            try:
                body = self._call("lookup", self.client.get_tweets, ids=chunk, tweet_fields=["edit_history_tweet_ids"],
                                  user_auth=not self._has_bearer)
            except ConnectorError as exc:
                if exc.effect in (Effect.DISABLE, Effect.PAUSE):
                    raise
                log.warning("x deletion check failed; trying again next poll",
                            extra={"account": self.handle, "error": exc.code})
                return []
            present = {p.get("id") for p in body.get("data") or [] if isinstance(p, dict)}
            not_found = {e.get("resource_id") or e.get("value") for e in body.get("errors") or []
                         if isinstance(e, dict) and str(e.get("type", "")).endswith("/resource-not-found")}
            for post_id in present:
                if isinstance(post_id, str) and self._bill("post_read", post_id):
                    bill["post_read"] += 1
            # Missing from the answer, or reported not found: gone. Other errors (a protected or suspended
            # author) say nothing about the post itself.
            others = {e.get("resource_id") or e.get("value") for e in body.get("errors") or []
                      if isinstance(e, dict)} - not_found
            gone += [i for i in chunk if i in not_found or (i not in present and i not in others)]
        state["checked"] = int(now)
        return [(None, RawComment(platform="x", external_id=latest[i], text="", removed=True)) for i in gone]

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

    def _hideable(self, post_ids: set[str], conversation: str | None, roots: dict[str, Any], now: float) -> bool:
        """False when X will refuse to hide this post: only replies in a conversation the school started
        can be hidden, and every root the school posted since ``conversation_days`` ago is in ``roots``.
        An older conversation, or one X did not name, may be the school's: True (the hide is tried)."""
        if conversation is None or conversation in roots:
            return True
        if conversation in post_ids:
            return False  # a post of its own, not a reply
        if _digits(conversation) is None:
            return True
        since = datetime.fromtimestamp(now, tz=timezone.utc) - self.conversation_window + STALE_MARGIN
        try:
            return snowflake_time(conversation) < since
        except (OverflowError, ValueError, OSError):
            return True

    def _to_comment(self, post: Any, users: dict[str, dict[str, Any]], media: dict[str, dict[str, Any]],
                    now: float, roots: dict[str, Any] | None = None) -> tuple[int, RawComment] | Rejected:
        """(the post's own id, the comment under its ORIGINAL id) or why the post cannot be a comment."""
        def reject(reason: str) -> Rejected:
            raw = evidence(post)
            shown = post.get("id") if isinstance(post, dict) and isinstance(post.get("id"), str) else None
            ref = f"x post {shown!r}" if shown is not None and len(shown) <= 40 and not id_problem(shown) \
                else f"x post sha256:{hashlib.sha256(raw).hexdigest()[:32]}"
            return Rejected(ref, reason, raw)

        if not isinstance(post, dict):
            return reject("post is not a JSON object")
        problem = id_problem(post.get("id"), "id", numeric=True)
        if problem:
            return reject(problem)
        if len(evidence(post)) >= MAX_ITEM_CHARS:
            return reject(f"post is larger than {MAX_ITEM_CHARS} characters")
        post_id = int(post["id"])
        history = post.get("edit_history_tweet_ids", [post["id"]])
        if not isinstance(history, list) or not history:
            return reject("'edit_history_tweet_ids' must be a non-empty list of ids")
        original = history[0]
        if problem := id_problem(original, "edit_history_tweet_ids[0]", numeric=True):
            return reject(problem)
        text = post.get("text")
        if not isinstance(text, str):
            return reject("'text' must be a string")
        refs: dict[str, str | None] = {}
        value = post.get("conversation_id")
        if value is not None and (problem := id_problem(value, "conversation_id", numeric=True)):
            return reject(problem)
        refs["conversation_id"] = value
        refs["author_id"], author_problem = author_ref(post.get("author_id"), "author_id", numeric=True)
        parent = None
        referenced = post.get("referenced_tweets") or []
        if not isinstance(referenced, list):
            return reject("'referenced_tweets' must be a list")
        for ref in referenced:
            if isinstance(ref, dict) and ref.get("type") == "replied_to":
                if problem := id_problem(ref.get("id"), "referenced_tweets.id", numeric=True):
                    return reject(problem)
                parent = ref["id"]
        flags: list[str] = []
        text, fixed = fix_text(text)
        author = users.get(refs["author_id"] or "", {})
        username = author.get("username") if isinstance(author.get("username"), str) else None
        name = author.get("name") if isinstance(author.get("name"), str) else None
        if username is not None and not re.fullmatch(r"\w{1,50}", username):
            username = None  # not an X handle: keep it out of the permalink
        if name is not None:
            name, bad = fix_text(name[:300])
            fixed = fixed or bad
        if fixed:
            flags.append("invalid_utf8")
        created, bad_time = sane_time(post.get("created_at"), now)
        if bad_time:
            flags.append("bad_created_at")
        if roots is not None and not self._hideable({post["id"], *map(str, history)}, refs["conversation_id"],
                                                    roots, now):
            flags.append(NOT_HIDEABLE)
        return post_id, RawComment(
            platform="x", external_id=original, version_id=None if str(post_id) == original else str(post_id),
            text=text, author_id=refs["author_id"], author_name=name,
            author_username=username, post_id=refs["conversation_id"], parent_id=parent, created_at=created,
            permalink=f"https://x.com/{username or 'i/web'}/status/{original}",
            attachments=self._attachments(post, media), flags=flags, author_problem=author_problem,
        )

    @staticmethod
    def _attachments(post: dict[str, Any], media: dict[str, dict[str, Any]]) -> list[dict[str, Any]] | None:
        keys = (post.get("attachments") or {}).get("media_keys") if isinstance(post.get("attachments"), dict) else None
        if not isinstance(keys, list):
            return None
        out = []
        for key in keys[:20]:
            if not isinstance(key, str):
                continue
            item = media.get(key, {})

            def text(name: str, limit: int = 2000) -> str | None:
                value = item.get(name)
                return value[:limit] if isinstance(value, str) else None

            out.append({"type": text("type", 40) or "media", "url": text("url"),
                        "preview_url": text("preview_image_url"), "media_key": key[:128]})
        return out or None


def _groups(roots: list[str], tail: str) -> list[list[str]]:
    """Conversations OR-joined into as few queries as X's 512-character limit allows."""
    groups: list[list[str]] = []
    current: list[str] = []
    for root in roots:
        trial = current + [root]
        if len(f"({' OR '.join(f'conversation_id:{r}' for r in trial)}){tail}") > MAX_QUERY_CHARS and current:
            groups.append(current)
            trial = [root]
        current = trial
    if current:
        groups.append(current)
    return groups
