"""Replay connector: reads comments from a JSONL feed and keeps the platform-side state in files.

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

The cursor is the byte offset of the next unread line. Each line is parsed on its own: a line that
cannot become a comment is returned as ``Rejected`` (with its bytes) and the cursor moves past it.

Platform state: every act() call appends one JSON line to ``<state>.journal`` (written and fsynced
under a file lock; a line torn by a crash is ignored, so that call counts as never made and is
retried). ``<state>`` itself is a snapshot (``{"comments": {"facebook:fb-c-0001": {"hidden": true,
...}}, "banned": [...], "replies": [...], "log": [...], "keys": {...}, "seq": N}``) rewritten only
when the journal grows past ``COMPACT_EVERY`` lines and on close(). Read the current state with
``read_state(path)`` (snapshot plus journal). A repeated idempotency key returns the first result and
changes nothing, as a platform that honours idempotency keys would.
"""
from __future__ import annotations

import fcntl
import json
import os
import tempfile
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator

from connectors import PLATFORM_ACTIONS, Platform
from connectors.base import (
    ActionTarget, ConnectorError, Effect, FetchResult, RawComment, Rejected, UnsupportedAction,
)
from connectors.items import BigNumber, author_ref, fix_text, id_problem, load_json, sane_time

PLATFORMS = tuple(Platform)  # every platform in connectors.PLATFORMS
MAX_LINE_BYTES = 4 * 1_048_576
COMPACT_EVERY = 5000  # journal lines before the snapshot is rewritten

def _line_to_comment(obj: Any, expected_platform: str, now: float) -> RawComment | str:
    """A RawComment, or a string saying what is wrong with the line."""
    if not isinstance(obj, dict):
        return "line is not a JSON object"
    platform = obj.get("platform")
    if platform not in PLATFORMS:
        shown = platform if isinstance(platform, str) else type(platform).__name__
        return f"unknown platform {shown[:40]!r}; allowed: {', '.join(PLATFORMS)}"
    if platform != expected_platform:
        return f"platform {platform!r} does not match this account's platform {expected_platform!r}"
    ext_id = obj.get("id")
    problem = id_problem(ext_id)  # a number is refused, never read as the string it prints as
    if problem:
        return problem
    flags: list[str] = []
    text = obj.get("text")
    removed = obj.get("removed") is True
    if not isinstance(text, str):
        if not removed or text is not None:
            return "'text' must be a string"
        text = ""
    text, fixed = fix_text(text)
    author = obj.get("author", {})
    if author is None:
        author = {}
    if not isinstance(author, dict):
        return "'author' must be an object"
    refs: dict[str, str | None] = {}
    for name, value in (("post_id", obj.get("post_id")), ("parent_id", obj.get("parent_id"))):
        if value is not None and (problem := id_problem(value, name)):
            return problem
        refs[name] = value
    refs["author.id"], author_problem = author_ref(author.get("id"), "author.id")
    names: dict[str, str | None] = {}
    for name, value, limit in (("author.name", author.get("name"), 300), ("author.username", author.get("username"), 300),
                               ("permalink", obj.get("permalink"), 2000)):
        if value is not None and not isinstance(value, str):
            return f"{name!r} must be a string"
        if value is not None:
            value, bad = fix_text(value[:limit])
            fixed = fixed or bad
        names[name] = value
    attachments = obj.get("attachments")
    if attachments is not None and not isinstance(attachments, list):
        return "'attachments' must be a list"
    if attachments and any(isinstance(v, BigNumber) for a in attachments if isinstance(a, dict) for v in a.values()):
        return "'attachments' hold a number too long to read"
    created, bad_time = sane_time(obj.get("created_at"), now)
    if bad_time:
        flags.append("bad_created_at")
    if fixed:
        flags.append("invalid_utf8")
    return RawComment(
        platform=platform, external_id=ext_id, text=text, author_id=refs["author.id"],
        author_name=names["author.name"], author_username=names["author.username"], post_id=refs["post_id"],
        parent_id=refs["parent_id"], created_at=created, permalink=names["permalink"],
        attachments=attachments, flags=flags, removed=removed, author_problem=author_problem,
    )


def _empty_state() -> dict[str, Any]:
    return {"comments": {}, "banned": [], "replies": [], "log": [], "keys": {}, "seq": 0}


def _journal_path(state_path: Path) -> Path:
    return state_path.with_name(state_path.name + ".journal")


def _load_snapshot(state_path: Path) -> dict[str, Any]:
    state = json.loads(state_path.read_text("utf-8")) if state_path.exists() else {}
    for key, empty in _empty_state().items():
        state.setdefault(key, empty)
    return state


def _apply_record(state: dict[str, Any], record: dict[str, Any]) -> None:
    """Replay one journal line onto ``state``. Lines already in the snapshot (by sequence) are skipped,
    so a crash between writing the snapshot and emptying the journal applies nothing twice."""
    seq = record.get("seq", 0)
    if seq <= state["seq"]:
        return
    state["seq"] = seq
    entry = record["entry"]
    state["log"].append(entry)
    if entry["effect"] == "duplicate_key":
        return
    state["keys"][entry["key"]] = record["result"]
    for change in record.get("changes", []):
        kind = change[0]
        if kind == "set":  # ["set", "facebook:fb-c1", field, value]
            rec = state["comments"].setdefault(change[1], {"hidden": False, "deleted": False})
            rec[change[2]] = change[3]
        elif kind == "ban" and change[1] not in state["banned"]:
            state["banned"].append(change[1])
        elif kind == "unban" and change[1] in state["banned"]:
            state["banned"].remove(change[1])
        elif kind == "reply":
            state["replies"].append(change[1])


def _read_journal(journal: Path, state: dict[str, Any], offset: int = 0) -> int:
    """Apply the journal's complete lines from ``offset``; returns the offset after the last complete line."""
    try:
        fh = journal.open("rb")
    except FileNotFoundError:
        return 0
    with fh:
        fh.seek(offset)
        for line in fh:
            if not line.endswith(b"\n"):
                break  # torn by a crash: that call never returned, and the outbox retries it
            offset += len(line)
            try:
                record = json.loads(line)
            except ValueError:
                continue  # the remains of a torn line, closed off by a later writer
            if isinstance(record, dict) and isinstance(record.get("entry"), dict):
                _apply_record(state, record)
    return offset


def read_state(state_path: str | os.PathLike) -> dict[str, Any]:
    """The replay platform's current state: the snapshot plus every complete journal line (empty
    maps and lists when the platform has never been asked to do anything)."""
    path = Path(state_path)
    state = _load_snapshot(path)
    _read_journal(_journal_path(path), state)
    return state


class ReplayConnector:
    # Everything a connector can do; each instance does what its platform allows (connectors.PLATFORMS).
    supports = frozenset({"hide", "unhide", "delete", "ban", "unban", "reply"})

    def __init__(self, *, platform: str, handle: str | None = None, feed: str | os.PathLike,
                 state: str | os.PathLike | None = None, account: str | None = None,
                 clock: Callable[[], float] | None = None):
        import time

        self.platform = platform
        self.supports = type(self).supports & PLATFORM_ACTIONS.get(platform, frozenset())
        self.account = account if account is not None else handle
        self.feed = Path(feed)
        self.state_path = Path(state) if state else self.feed.with_suffix(".state.json")
        self.journal_path = _journal_path(self.state_path)
        self.clock = clock or time.time
        self._cache: dict[str, Any] | None = None  # state as of ``_offset`` in the journal
        self._offset = 0
        self._journal_id: tuple[int, int] | None = None  # (device, inode): a compaction makes a new file
        if not self.feed.is_file():
            raise ConnectorError(f"replay feed {self.feed} does not exist", effect=Effect.DISABLE, code="no_feed")

    # -- reading ---------------------------------------------------------------------------
    def fetch(self, cursor: str | None, limit: int) -> FetchResult:
        offset = int(cursor) if cursor and cursor.isdigit() and len(cursor) < 20 else 0
        comments: list[RawComment] = []
        rejected: list[Rejected] = []
        now = self.clock()
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
                item = self._parse(line, start, now)
                if item is None:
                    continue
                (comments if isinstance(item, RawComment) else rejected).append(item)
            new_offset = fh.tell()
        more = len(comments) + len(rejected) >= limit
        return FetchResult(comments=comments, cursor=str(new_offset), rejected=rejected, more=more)

    def _parse(self, line: bytes, offset: int, now: float) -> RawComment | Rejected | None:
        try:
            obj = load_json(line)
        except RecursionError:
            return Rejected(f"offset {offset}", "malformed JSON: nested too deeply", line)
        except json.JSONDecodeError as exc:
            return Rejected(f"offset {offset}", f"malformed JSON: {exc.msg} at column {exc.colno}", line)
        except ValueError as exc:
            return Rejected(f"offset {offset}", f"malformed JSON: {str(exc)[:200]}", line)
        if self.account and isinstance(obj, dict) and obj.get("account") not in (None, self.account):
            return None  # another account's line
        try:
            result = _line_to_comment(obj, self.platform, now)
        except (ValueError, TypeError, OverflowError, RecursionError) as exc:  # never let one line stop the feed
            result = f"unreadable line: {type(exc).__name__}"
        if isinstance(result, str):
            return Rejected(f"offset {offset}", result, line)
        return result

    # -- acting ----------------------------------------------------------------------------
    @contextmanager
    def _locked(self) -> Iterator[dict[str, Any]]:
        """The current state, under an exclusive lock shared with every other process using it."""
        self.state_path.parent.mkdir(parents=True, exist_ok=True)
        lock_path = self.state_path.with_name(self.state_path.name + ".lock")
        with open(lock_path, "a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                try:
                    st = self.journal_path.stat()
                    journal_id = (st.st_dev, st.st_ino)
                except FileNotFoundError:
                    journal_id = None
                if self._cache is None or journal_id != self._journal_id or \
                        (journal_id is not None and st.st_size < self._offset):
                    self._cache, self._offset = _load_snapshot(self.state_path), 0
                self._journal_id = journal_id
                self._offset = _read_journal(self.journal_path, self._cache, self._offset)
            except (OSError, ValueError) as exc:
                self._cache = None
                raise ConnectorError(f"replay state {self.state_path} unreadable: {exc}") from None
            yield self._cache

    def _append(self, record: dict[str, Any]) -> None:
        line = json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n"
        with open(self.journal_path, "ab") as out:
            if out.tell() > self._offset:
                out.write(b"\n")  # close off a line torn by a crash, so it cannot swallow this one
            out.write(line)
            out.flush()
            os.fsync(out.fileno())
            end = out.tell()
        st = self.journal_path.stat()
        self._journal_id = (st.st_dev, st.st_ino)
        _apply_record(self._cache, record)
        self._offset = end

    def _compact(self, state: dict[str, Any]) -> None:
        """Write the snapshot (atomically), then start an empty journal. Call with the lock held."""
        fd, tmp = tempfile.mkstemp(dir=self.state_path.parent, prefix=".state-")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(state, out, ensure_ascii=False)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, self.state_path)
        fd, tmp = tempfile.mkstemp(dir=self.state_path.parent, prefix=".journal-")
        os.close(fd)
        os.replace(tmp, self.journal_path)
        st = self.journal_path.stat()
        self._journal_id, self._offset = (st.st_dev, st.st_ino), 0

    def act(self, action: str, target: ActionTarget, params: dict[str, Any], idempotency_key: str) -> dict[str, Any]:
        if action not in self.supports:
            raise UnsupportedAction(self.platform, action)
        with self._locked() as state:
            now = datetime.fromtimestamp(self.clock(), timezone.utc).isoformat()
            entry = {"key": idempotency_key, "action": action, "at": now,
                     "comment": target.comment_external_id, "author": target.author_external_id}
            if idempotency_key in state["keys"]:
                self._append({"seq": state["seq"] + 1, "entry": dict(entry, effect="duplicate_key")})
                return state["keys"][idempotency_key]
            result, changes = self._plan(state, action, target, params)
            entry["effect"] = "applied" if result.get("changed") else "already"
            self._append({"seq": state["seq"] + 1, "entry": entry, "result": result, "changes": changes})
            if state["seq"] % COMPACT_EVERY == 0:
                self._compact(state)
            return result

    def _plan(self, state: dict[str, Any], action: str, target: ActionTarget,
              params: dict[str, Any]) -> tuple[dict[str, Any], list[list[Any]]]:
        """The result and the state changes ``action`` makes; nothing is changed here."""
        if action in ("ban", "unban"):
            if not target.author_external_id:
                raise ConnectorError(f"{action} needs an author id", effect=Effect.GIVE_UP, code="bad_target")
            who = f"{self.platform}:{target.author_external_id}"
            banned = who in state["banned"]
            return {"success": True, "changed": banned != (action == "ban")}, [[action, who]]
        if not target.comment_external_id:
            raise ConnectorError(f"{action} needs a comment id", effect=Effect.GIVE_UP, code="bad_target")
        key = f"{self.platform}:{target.comment_external_id}"
        if action == "reply":
            reply_id = f"reply-{len(state['replies']) + 1}"
            reply = {"id": reply_id, "parent": key, "message": str(params.get("message", ""))[:8000]}
            return {"success": True, "changed": True, "id": reply_id}, [["reply", reply]]
        record = state["comments"].get(key, {"hidden": False, "deleted": False})
        if record["deleted"]:
            # Like the Graph API: acting on a deleted comment is a permanent error.
            raise ConnectorError(f"comment {key} has been deleted", effect=Effect.GIVE_UP, code="deleted")
        field, value = {"hide": ("hidden", True), "unhide": ("hidden", False), "delete": ("deleted", True)}[action]
        return {"success": True, "changed": record[field] != value}, [["set", key, field, value]]

    def state(self) -> dict[str, Any]:
        """The platform state as this connector sees it now (a copy)."""
        with self._locked() as state:
            return json.loads(json.dumps(state))

    def close(self) -> None:
        """Fold the journal into the snapshot, so the snapshot alone shows the state."""
        if self._cache is None and not self.journal_path.exists():
            return
        try:
            with self._locked() as state:
                if self._offset:
                    self._compact(state)
        except (ConnectorError, OSError):
            pass  # the journal stays; read_state() still sees everything
