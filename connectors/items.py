"""Checks every connector applies to a platform item before it can become a comment.

A platform item is parsed on its own: one that cannot become a comment is rejected (its bytes kept
as evidence) and reading goes on past it. Ids are strings and never rewritten: a number where an id
belongs is refused, never turned into the string it prints as. Dates never reject an item: one
outside the sane window is stored as unknown, flagged ``bad_created_at``. Nor does the author: a
comment whose author id is malformed is kept and judged with its author unknown, and what was sent
is kept as evidence (``author_problem``); the ingest flags it ``bad_author_id``. ``moderator.read.ingest``
applies the same checks again to whatever reaches it, from any path.
"""
from __future__ import annotations

import hashlib
import json
import math
import time
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

MAX_ID_CHARS = 128
MAX_EVIDENCE_BYTES = 65_536
# The flag a connector puts on a comment the platform will not let the school hide (X: a post in a
# conversation someone else started). The service sends it to a person instead of a doomed hide.
NOT_HIDEABLE = "not_hideable"
MAX_SHOWN_AUTHOR = 256  # of a malformed author id kept as evidence; its SHA-256 and size cover all of it
EARLIEST_CREATED = datetime(2004, 1, 1, tzinfo=timezone.utc)  # before Facebook and X existed
LATEST_AHEAD = timedelta(days=1)


class BigNumber:
    """A JSON number too long for Python to turn into an int (more than 4300 digits). Never a str,
    so it can never pass for an id."""

    def __init__(self, digits: str):
        self.digits = digits

    def __repr__(self) -> str:
        return f"<number with {len(self.digits)} digits>"


def _parse_int(digits: str) -> int | BigNumber:
    return BigNumber(digits) if len(digits.lstrip("-")) > 4000 else int(digits)


def _parse_float(digits: str) -> float | BigNumber:
    number = float(digits)
    return number if math.isfinite(number) else BigNumber(digits)  # 1e400: keep what was sent, not inf


def load_json(data: bytes | str) -> Any:
    """JSON from a platform, without failing on what Python's json would refuse mid-document:
    integers longer than 4300 digits become ``BigNumber``; bytes that are not UTF-8 become lone
    surrogates (U+DC80-U+DCFF) that id checks refuse and ``fix_text`` turns into U+FFFD.
    Raises ValueError (or RecursionError) only when the document itself is not JSON."""
    text = data.decode("utf-8", errors="surrogateescape") if isinstance(data, bytes) else data
    return json.loads(text, parse_int=_parse_int, parse_float=_parse_float)


def evidence(item: Any) -> bytes:
    """Bytes that show what a rejected item held, bounded."""
    def default(value: Any) -> str:
        return value.digits if isinstance(value, BigNumber) else repr(value)

    try:
        data = json.dumps(item, ensure_ascii=True, default=default).encode("ascii")
    except (ValueError, RecursionError):
        data = repr(item).encode("utf-8", "backslashreplace")
    return data[:MAX_EVIDENCE_BYTES]


def has_surrogate(value: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in value)


def fix_text(value: str) -> tuple[str, bool]:
    """Text with undecodable bytes (see ``load_json``) replaced by U+FFFD; True when any were."""
    if not has_surrogate(value):
        return value, False
    try:
        return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace"), True
    except UnicodeEncodeError:  # a JSON-escaped lone surrogate: the ingest replaces it and flags it
        return value, False


def id_problem(value: Any, what: str = "id", *, numeric: bool = False) -> str | None:
    """Why ``value`` cannot serve as a platform id, or None. Ids are never rewritten (stripped,
    re-encoded): " 123" and "123" are different ids, and one that would need changing is refused."""
    wanted = f"{what!r} must be a non-empty string of at most {MAX_ID_CHARS} characters"
    if isinstance(value, BigNumber):
        return f"{wanted} (got a number with {len(value.digits)} digits)"
    if isinstance(value, bool) or not isinstance(value, str):
        return f"{wanted} (got {type(value).__name__ if value is not None else 'nothing'})"
    if not value.strip():
        return f"{wanted} (got a blank string)"
    if len(value) > MAX_ID_CHARS:
        return f"{wanted} (got {len(value)} characters)"
    if "\x00" in value:
        return f"{what!r} contains a NUL character"
    if has_surrogate(value):
        return f"{what!r} contains invalid UTF-8 or a lone surrogate"
    if value != value.strip():
        return f"{what!r} has surrounding whitespace"
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        return f"{what!r} contains a control character"
    if numeric and not (value.isascii() and value.isdigit()):
        return f"{what!r} must be a decimal number"
    return None


def author_ref(value: Any, what: str = "author id", *, numeric: bool = False) -> tuple[str | None, dict[str, Any] | None]:
    """(the author id, None), or (None, what was sent) for one that cannot serve as an id. A bad author
    never costs the comment: it is kept and judged with its author unknown."""
    if value is None or value == "":
        return None, None
    problem = id_problem(value, what, numeric=numeric)
    if problem is None:
        return value, None
    raw = evidence(value)
    return None, {"field": what, "problem": problem, "sent": raw[:MAX_SHOWN_AUTHOR].decode("ascii", "replace"),
                  "sha256": hashlib.sha256(raw).hexdigest(), "bytes": len(raw)}


def sane_time(value: Any, now: float, *, parse: Callable[[str], datetime] | None = None) -> tuple[datetime | None, bool]:
    """(aware UTC datetime or None, bad?) for a platform timestamp. Absent is not bad; unparseable,
    overflowing, before 2004 or more than a day ahead of ``now`` is bad (and None)."""
    if value is None or value == "":
        return None, False
    if not isinstance(value, str):
        return None, True
    try:
        parsed = parse(value) if parse else datetime.fromisoformat(value.replace("Z", "+00:00"))
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=timezone.utc)
        parsed = parsed.astimezone(timezone.utc)
        latest = datetime.fromtimestamp(now, timezone.utc) + LATEST_AHEAD
    except (ValueError, OverflowError, OSError):
        return None, True
    if not EARLIEST_CREATED <= parsed <= latest:
        return None, True
    return parsed, False


def in_window(at: datetime, now: float) -> bool:
    """Whether an aware time can be a real post's: not before 2004, not more than a day ahead."""
    return EARLIEST_CREATED <= at <= datetime.fromtimestamp(now, timezone.utc) + LATEST_AHEAD


def parse_time(value: Any) -> datetime | None:
    """ISO 8601 -> aware UTC (a time without a zone is taken as UTC), or None when absent, unparseable
    or outside the sane window."""
    return sane_time(value, time.time())[0]
