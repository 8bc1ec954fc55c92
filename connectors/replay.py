"""Replay connector: reads comments from a JSONL feed and keeps the platform-side state in a file.

Used for the demo, for evaluation and for crash tests. Feed schema, one JSON object per line:

    {"platform": "facebook" | "x",          required; the platform the comment lives on
     "account": "oakfield-facebook",        optional; lines for other accounts are skipped
     "id": "fb-c-0001",                     required; the platform's comment id (string, <=128 chars)
     "post_id": "fb-p-01",                  optional; the post (or X conversation) it belongs to
     "parent_id": null,                     optional; the comment it replies to
     "author": {"id": "...", "name": "...", "username": "..."},   optional
     "text": "...",                         required (string)
     "created_at": "2026-10-05T08:15:00Z",  optional; ISO 8601
     "permalink": "https://...",            optional
     "attachments": [{"type": "photo", "url": "..."}],   optional
     "removed": false}                      optional; true records that the author removed it

The cursor is the byte offset of the next unread line. The state file is JSON:
``{"comments": {"facebook:fb-c-0001": {"hidden": true, ...}}, "banned": [...], "replies": [...],
"log": [...], "keys": {...}}``. Every act() call is logged; a repeated idempotency key returns the
first result and changes nothing, as a platform that honours idempotency keys would.
"""
from __future__ import annotations

import fcntl
import json
import os
import tempfile
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from connectors.base import ActionTarget, ConnectorError, FetchResult, RawComment, Rejected, UnsupportedAction

PLATFORMS = ("facebook", "x")
MAX_LINE_BYTES = 4 * 1_048_576
MAX_ID_CHARS = 128


def parse_time(value: Any) -> datetime | None:
    """ISO 8601 -> aware UTC (a time without a zone is taken as UTC), or None when absent or unparseable."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


def _line_to_comment(obj: Any, expected_platform: str) -> RawComment | str:
    """A RawComment, or a string saying what is wrong with the line."""
    if not isinstance(obj, dict):
        return "line is not a JSON object"
    platform = obj.get("platform")
    if platform not in PLATFORMS:
        return f"unknown platform {str(platform)[:40]!r}; allowed: {', '.join(PLATFORMS)}"
    if platform != expected_platform:
        return f"platform {platform!r} does not match this account's platform {expected_platform!r}"
    ext_id = obj.get("id")
    if isinstance(ext_id, int) and not isinstance(ext_id, bool):
        ext_id = str(ext_id)
    if not isinstance(ext_id, str) or not ext_id.strip() or len(ext_id) > MAX_ID_CHARS:
        return f"'id' must be a non-empty string of at most {MAX_ID_CHARS} characters"
    text = obj.get("text")
    removed = obj.get("removed") is True
    if not isinstance(text, str):
        if not removed:
            return "'text' must be a string"
        text = ""
    author = obj.get("author") if isinstance(obj.get("author"), dict) else {}
    flags: list[str] = []
    created = parse_time(obj.get("created_at"))
    if obj.get("created_at") is not None and created is None:
        flags.append("bad_created_at")

    def opt_str(value: Any, limit: int) -> str | None:
        if value is None:
            return None
        return str(value)[:limit]

    attachments = obj.get("attachments")
    return RawComment(
        platform=platform,
        external_id=ext_id.strip(),
        text=text,
        author_id=opt_str(author.get("id"), MAX_ID_CHARS),
        author_name=opt_str(author.get("name"), 300),
        author_username=opt_str(author.get("username"), 300),
        post_id=opt_str(obj.get("post_id"), MAX_ID_CHARS),
        parent_id=opt_str(obj.get("parent_id"), MAX_ID_CHARS),
        created_at=created,
        permalink=opt_str(obj.get("permalink"), 2000),
        attachments=attachments if isinstance(attachments, list) else None,
        flags=flags,
        removed=removed,
    )


class ReplayConnector:
    supports = frozenset({"hide", "unhide", "delete", "ban", "unban", "reply"})

    def __init__(self, *, platform: str, handle: str | None = None, feed: str | os.PathLike,
                 state: str | os.PathLike | None = None, account: str | None = None):
        self.platform = platform
        self.account = account if account is not None else handle
        self.feed = Path(feed)
        self.state_path = Path(state) if state else self.feed.with_suffix(".state.json")
        if not self.feed.is_file():
            raise ConnectorError(f"replay feed {self.feed} does not exist", permanent=True, code="no_feed")

    # -- reading ---------------------------------------------------------------------------
    def fetch(self, cursor: str | None, limit: int) -> FetchResult:
        offset = int(cursor) if cursor and cursor.isdigit() else 0
        comments: list[RawComment] = []
        rejected: list[Rejected] = []
        with self.feed.open("rb") as fh:
            fh.seek(offset)
            while len(comments) + len(rejected) < limit:
                start = fh.tell()
                line = fh.readline(MAX_LINE_BYTES + 1)
                if not line:
                    break
                if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
                    # Skip the rest of an oversized line, keeping its head as evidence.
                    while (chunk := fh.readline(MAX_LINE_BYTES)) and not chunk.endswith(b"\n"):
                        pass
                    rejected.append(Rejected(f"offset {start}", f"line longer than {MAX_LINE_BYTES} bytes", line[:4096]))
                    continue
                if not line.strip():
                    continue
                if not line.endswith(b"\n"):
                    # A writer may still be appending this line: leave it for the next poll.
                    fh.seek(start)
                    break
                item = self._parse(line, start)
                if item is None:
                    continue
                (comments if isinstance(item, RawComment) else rejected).append(item)
            new_offset = fh.tell()
        more = len(comments) + len(rejected) >= limit
        return FetchResult(comments=comments, cursor=str(new_offset), rejected=rejected, more=more)

    def _parse(self, line: bytes, offset: int) -> RawComment | Rejected | None:
        flags = []
        try:
            decoded = line.decode("utf-8")
        except UnicodeDecodeError:
            decoded = line.decode("utf-8", errors="replace")
            flags.append("invalid_utf8")
        try:
            obj = json.loads(decoded)
        except json.JSONDecodeError as exc:
            return Rejected(f"offset {offset}", f"malformed JSON: {exc.msg} at column {exc.colno}", line)
        except RecursionError:
            return Rejected(f"offset {offset}", "malformed JSON: nested too deeply", line)
        if self.account and isinstance(obj, dict) and obj.get("account") not in (None, self.account):
            return None  # another account's line
        result = _line_to_comment(obj, self.platform)
        if isinstance(result, str):
            return Rejected(f"offset {offset}", result, line)
        result.flags = flags + result.flags
        return result

    # -- acting ----------------------------------------------------------------------------
    @contextmanager
    def _state(self) -> Iterator[dict[str, Any]]:
        self.state_path.parent.mkdir(parents=True, exist_ok=True)
        lock_path = self.state_path.with_name(self.state_path.name + ".lock")
        with open(lock_path, "a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                state = json.loads(self.state_path.read_text("utf-8")) if self.state_path.exists() else {}
            except (OSError, json.JSONDecodeError) as exc:
                raise ConnectorError(f"replay state {self.state_path} unreadable: {exc}") from None
            for key, empty in (("comments", {}), ("banned", []), ("replies", []), ("log", []), ("keys", {})):
                state.setdefault(key, empty)
            yield state
            fd, tmp = tempfile.mkstemp(dir=self.state_path.parent, prefix=".state-")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(state, out, ensure_ascii=False)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self.state_path)

    def act(self, action: str, target: ActionTarget, params: dict[str, Any], idempotency_key: str) -> dict[str, Any]:
        if action not in self.supports:
            raise UnsupportedAction(self.platform, action)
        with self._state() as state:
            now = datetime.now(timezone.utc).isoformat()
            entry = {"key": idempotency_key, "action": action, "at": now,
                     "comment": target.comment_external_id, "author": target.author_external_id}
            if idempotency_key in state["keys"]:
                entry["effect"] = "duplicate_key"
                state["log"].append(entry)
                return state["keys"][idempotency_key]
            result = self._apply(state, action, target, params)
            entry["effect"] = "applied" if result.get("changed") else "already"
            state["log"].append(entry)
            state["keys"][idempotency_key] = result
            return result

    def _apply(self, state: dict[str, Any], action: str, target: ActionTarget, params: dict[str, Any]) -> dict[str, Any]:
        if action in ("ban", "unban"):
            if not target.author_external_id:
                raise ConnectorError(f"{action} needs an author id", permanent=True, code="bad_target")
            who = f"{self.platform}:{target.author_external_id}"
            banned = who in state["banned"]
            if action == "ban" and not banned:
                state["banned"].append(who)
            if action == "unban" and banned:
                state["banned"].remove(who)
            return {"success": True, "changed": banned != (action == "ban")}
        if not target.comment_external_id:
            raise ConnectorError(f"{action} needs a comment id", permanent=True, code="bad_target")
        key = f"{self.platform}:{target.comment_external_id}"
        if action == "reply":
            reply_id = f"reply-{len(state['replies']) + 1}"
            state["replies"].append({"id": reply_id, "parent": key, "message": str(params.get("message", ""))[:8000]})
            return {"success": True, "changed": True, "id": reply_id}
        record = state["comments"].setdefault(key, {"hidden": False, "deleted": False})
        if record["deleted"]:
            # Like the Graph API: acting on a deleted comment is a permanent error.
            raise ConnectorError(f"comment {key} has been deleted", permanent=True, code="deleted")
        field, value = {"hide": ("hidden", True), "unhide": ("hidden", False), "delete": ("deleted", True)}[action]
        changed = record[field] != value
        record[field] = value
        return {"success": True, "changed": changed}

    def close(self) -> None:
        pass
