"""The fake X API's endpoints that read posts (timelines, mentions, search, look-ups) and hide
replies: paging with ``next_token``, ``includes`` expansions, the search operators the worker uses.

``XEndpoints`` is mixed into ``FakeX`` (connectors/fakes/x.py), which owns the state, the lock held
around every call here, authentication, rate limits and injected faults.
"""
from __future__ import annotations

import base64
import json
import re
from datetime import datetime, timedelta, timezone
from typing import Any

from connectors.fakes.x_state import (
    BODY_403, MENTIONS_REACH, SEARCH_WINDOW, TWITTER_EPOCH_MS, FakeState, Post, invalid_request, not_found,
    parse_x_time, snowflake_time, tweet_fields, x_time,
)


class XEndpoints:
    """The reading and hiding endpoints; each returns (status, JSON body)."""

    state: FakeState
    _raw_sent: list[Post]

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
        out: dict[str, Any] = {"data": [self._wire(p, tweet_fields(query)) for p in page]}
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
            out["data"] = [self._wire(p, tweet_fields(query)) for p in found]
            self._includes(out, found, query)
        missing = [i for i in ids if not (i.isdigit() and int(i) in self.state.posts)]
        if missing:
            out["errors"] = [not_found(i)["errors"][0] for i in missing]
        return 200, out

    def _mentions(self, user_id: str, query: dict[str, str], now: float) -> tuple[int, Any]:
        user = self.state.users.get(user_id)
        if user is None:
            return 404, not_found(user_id, "user")
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
            matcher = parse_query(q, self.state.users)
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
            return 404, not_found(post_id)
        root = self.state.posts.get(post.conversation_id)
        if post.replied_to is None or root is None or root.author_id != who:
            return 403, BODY_403  # only replies in conversations the user started
        post.hidden = wanted["hidden"]  # this version only: an edit is a post of its own
        return 200, {"data": {"hidden": post.hidden}}



def parse_query(q: str, users: dict[str, dict[str, str]]):
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

