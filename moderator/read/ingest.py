"""Raw comments from a connector -> Comment rows and their revisions, idempotent on (platform, id).

Evidence is stored at first sight and never overwritten: a later edit or removal by the author is
a CommentRevision beside the original. Every item is stored on its own (in a savepoint): an item
that cannot be stored becomes a RejectedInput row with the reason, and the rest of the batch goes
on. This module never touches the Account row; ``moderator.act.accounts`` moves the cursor.
"""
from __future__ import annotations

import hashlib
import json
import logging
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timezone

from sqlalchemy import tuple_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from connectors import items
from connectors.base import RawComment, Rejected
from moderator import audit
from moderator.db import utcnow
from moderator.tables import Author, Comment, CommentRevision, RejectedInput
from moderator.vocab import CommentState

log = logging.getLogger("moderator.read.ingest")

MAX_REJECTED_RAW = 1024  # what a person sees of rejected input; its SHA-256 and size cover all of it


@dataclass
class IngestStats:
    new: int = 0
    edited: int = 0
    removed: int = 0
    duplicate: int = 0
    rejected: int = 0


def storable(text: str) -> tuple[str, list[str]]:
    """Text any database can hold: NUL (PostgreSQL refuses it) and lone surrogates (from JSON
    escapes; not UTF-8) become U+FFFD. Returns the text and a flag for each kind replaced."""
    flags: list[str] = []
    if "\x00" in text:
        text = text.replace("\x00", "\ufffd")
        flags.append("nul_replaced")
    data = text.encode("utf-8", errors="surrogatepass")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        flags.append("surrogates_replaced")
    return text, flags


def clean_text(text: str, max_bytes: int) -> tuple[str, str, int, list[str]]:
    """Make text storable without losing what matters as evidence.

    Returns (stored text, sha256 of the full cleaned text, byte length as received, flags)."""
    text, flags = storable(text)
    data = text.encode("utf-8")
    sha = hashlib.sha256(data).hexdigest()
    size = len(data)
    if size > max_bytes:
        text = data[:max_bytes].decode("utf-8", errors="ignore")
        flags.append("truncated")
    return text, sha, size, flags


class Unstorable(ValueError):
    """This item cannot become a comment; the message says why (it is kept as rejected input)."""


def _identifier(name: str, value: object, *, required: bool) -> str | None:
    """Platform ids identify evidence: one that would have to be rewritten to be stored is refused,
    never silently changed (" 123" must not become another comment's "123")."""
    if (value is None or value == "") and not required:
        return None
    problem = items.id_problem(value, name)
    if problem:
        raise Unstorable(problem)
    return value


def _name(value: object, limit: int) -> str | None:
    if value is None:
        return None
    return storable(str(value))[0][:limit]


def _clean_json(value, depth: int = 0):  # noqa: ANN001, ANN202
    if depth > 8:
        return None
    if isinstance(value, str):
        return storable(value)[0][:2000]
    if isinstance(value, list):
        return [_clean_json(v, depth + 1) for v in value[:50]]
    if isinstance(value, dict):
        return {storable(str(k))[0][:100]: _clean_json(v, depth + 1) for k, v in list(value.items())[:50]}
    if isinstance(value, (bool, float)) or value is None:
        return value
    if isinstance(value, int):
        return value if abs(value) < 2 ** 53 else str(value)[:100]
    return storable(str(value))[0][:200]


def checked_time(value: object) -> tuple[datetime | None, list[str]]:
    """A platform timestamp as aware UTC, or None with the flag ``bad_created_at``."""
    if value is None:
        return None, []
    try:
        if not isinstance(value, datetime):
            raise TypeError
        at = (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)
        if not items.in_window(at, time.time()):
            raise ValueError
    except (TypeError, ValueError, OverflowError):
        return None, ["bad_created_at"]
    return at, []


def _checked(raw: RawComment) -> tuple[RawComment, list[str]]:
    """The raw comment with every field validated or made storable, and the flags that adds."""
    if not isinstance(raw.text, str):
        raise Unstorable(f"text is a {type(raw.text).__name__}, not text")
    created_at, flags = checked_time(raw.created_at)
    # A malformed author never costs the comment: kept and judged with its author unknown, flagged.
    author_id, author_problem = items.author_ref(raw.author_id)
    author_problem = _clean_json(raw.author_problem) if isinstance(raw.author_problem, dict) else author_problem
    if author_problem and "bad_author_id" not in (raw.flags or []):
        flags.append("bad_author_id")
    clean = RawComment(
        platform=raw.platform, external_id=_identifier("id", raw.external_id, required=True), text=raw.text,
        author_id=author_id if not author_problem else None,
        author_name=_name(raw.author_name, 300), author_username=_name(raw.author_username, 300),
        post_id=_identifier("post id", raw.post_id, required=False),
        parent_id=_identifier("parent id", raw.parent_id, required=False),
        created_at=created_at, permalink=_name(raw.permalink, 2000),
        attachments=_clean_json(raw.attachments[:20]) if isinstance(raw.attachments, list) else None,
        flags=[str(f)[:64] for f in (raw.flags or [])][:20], removed=bool(raw.removed), author_problem=author_problem,
        version_id=_identifier("version id", raw.version_id, required=False),
    )
    return clean, flags


def ingest_batch(session: Session, *, school_id: int, account_id: int, account_handle: str,
                 comments: list[RawComment], rejected: list[Rejected], max_bytes: int) -> IngestStats:
    """Store one fetched batch in the caller's transaction. The batch is tried whole first; if any
    item fails, it is stored again item by item, each in its own savepoint, so one bad item is set
    aside as rejected input and the rest are kept."""
    stats = IngestStats()
    try:
        with session.begin_nested(), audit.batch(session):
            _ingest_many(session, school_id, account_id, account_handle, comments, max_bytes, stats)
    except Exception:  # noqa: BLE001 - found again, and handled, one item at a time below
        stats = IngestStats()
        for raw in comments:
            _ingest_alone(session, school_id, account_id, account_handle, raw, max_bytes, stats)
    for rej in rejected:
        _reject(session, school_id, account_id, account_handle, rej, stats)
    return stats


def _ingest_alone(session: Session, school_id: int, account_id: int, handle: str, raw: RawComment, max_bytes: int,
                  stats: IngestStats) -> None:
    try:
        with session.begin_nested():
            _ingest_one(session, school_id, account_id, handle, raw, max_bytes, stats)
    except Unstorable as exc:
        _reject(session, school_id, account_id, handle, _as_rejected(raw, str(exc)), stats)
    except IntegrityError:
        # Another worker (or the webhook) stored the same comment meanwhile: read it as a duplicate.
        with session.begin_nested():
            _ingest_one(session, school_id, account_id, handle, raw, max_bytes, stats)
    except Exception as exc:  # one item must never stop the batch; keep it for a person to look at
        log.exception("could not store a comment", extra={"account": handle})
        _reject(session, school_id, account_id, handle, _as_rejected(raw, f"could not be stored: {type(exc).__name__}"),
                stats)


def _as_rejected(raw: RawComment, reason: str) -> Rejected:
    try:
        data = json.dumps(asdict(raw), default=str, ensure_ascii=False).encode("utf-8", errors="backslashreplace")
    except Exception:  # noqa: BLE001 - the item is already broken; keep what can be kept
        data = repr(raw).encode("utf-8", errors="backslashreplace")
    ref = raw.external_id if isinstance(raw.external_id, str) and raw.external_id.isprintable() else None
    digest = hashlib.sha256(data).hexdigest()
    return Rejected(source_ref=f"{raw.platform}:{(ref or '')[:60]}:{digest[:16]}", reason=reason, raw=data)


def _author(session: Session, raw: RawComment) -> Author | None:
    if not raw.author_id:
        return None
    stmt = select(Author).where(Author.platform == raw.platform, Author.external_id == raw.author_id)
    author = session.exec(stmt).first()
    if author is None:
        try:
            with session.begin_nested():  # another worker may insert the same author meanwhile
                author = Author(platform=raw.platform, external_id=raw.author_id, name=raw.author_name,
                                username=raw.author_username)
                session.add(author)
                session.flush()
        except IntegrityError:
            author = session.exec(stmt).one()
    elif raw.author_name and author.name != raw.author_name:
        author.name = raw.author_name  # display names change; the id is what identifies them
        session.add(author)
    return author


def _known(session: Session, comment: Comment) -> tuple[set[str], set[str]]:
    """The texts (SHA-256) and the platform version ids already recorded for this comment."""
    shas, versions = {comment.text_sha256}, {comment.external_id}
    if comment.revision:
        for sha, version in session.exec(
            select(CommentRevision.text_sha256, CommentRevision.external_id)
            .where(CommentRevision.comment_id == comment.id, CommentRevision.kind == "edit")
        ).all():
            shas.add(sha)
            versions.add(version or comment.external_id)
    return shas, versions


@dataclass
class _Item:
    """One raw comment, checked and cleaned, ready to store."""

    raw: RawComment
    text: str
    sha: str
    size: int
    flags: list[str]


def _prepared(raw: RawComment, max_bytes: int, handle: str) -> _Item:
    raw, time_flags = _checked(raw)
    text, sha, size, text_flags = clean_text(raw.text, max_bytes)
    flags = raw.flags + time_flags + text_flags
    if set(flags) - {items.NOT_HIDEABLE}:  # that one says what the platform allows, not that input was bad
        log.warning("comment needed cleaning", extra={"account": handle, "external_id": raw.external_id,
                                                      "flags": flags, "bytes": size})
    return _Item(raw, text, sha, size, flags)


def _new_comment(item: _Item, school_id: int, account_id: int, author: Author | None) -> Comment:
    raw, now = item.raw, utcnow()
    return Comment(
        school_id=school_id, account_id=account_id, platform=raw.platform,
        external_id=raw.external_id, post_external_id=raw.post_id, parent_external_id=raw.parent_id,
        author_id=author.id if author else None, text=item.text, text_sha256=item.sha, text_bytes=item.size,
        flags=item.flags, permalink=raw.permalink, attachments=raw.attachments, created_at=raw.created_at,
        fetched_at=now, removed_by_author_at=now if raw.removed else None,
        state=CommentState.DECIDED if raw.removed and not item.text else CommentState.NEW,
    )


def _record_ingested(session: Session, comment: Comment, item: _Item, handle: str, stats: IngestStats) -> None:
    raw = item.raw
    stats.new += 1
    audit.record(session, "comment.ingested", school_id=comment.school_id, subject_type="comment",
                 subject_id=comment.id, data={"account": handle, "platform": raw.platform,
                                              "external_id": raw.external_id, "sha256": item.sha, "bytes": item.size,
                                              "flags": item.flags, "has_attachments": bool(raw.attachments),
                                              **({"bad_author": raw.author_problem} if raw.author_problem else {})},
                 evidence=audit.evidence_of(comment))


def _ingest_many(session: Session, school_id: int, account_id: int, handle: str, comments: list[RawComment],
                 max_bytes: int, stats: IngestStats) -> None:
    """The whole batch at once: the comments and authors already stored are read in one query each,
    and the new ones are inserted a table at a time. An item already stored (an edit, a removal, a
    repeat, or a second sight within the batch) goes through ``_ingest_one`` in its turn. Any error
    (another worker storing the same comment or author meanwhile) fails the batch, which the caller
    then stores item by item."""
    prepared = [_prepared(raw, max_bytes, handle) for raw in comments]
    stored: set[tuple[str, str]] = set()
    keys = list({(i.raw.platform, i.raw.external_id) for i in prepared})
    for start in range(0, len(keys), 500):
        stored.update(session.exec(select(Comment.platform, Comment.external_id)
                                   .where(tuple_(Comment.platform, Comment.external_id).in_(keys[start:start + 500])))
                      .all())
    fresh: list[bool] = []  # per item: a comment not stored before (the first sight of it in this batch)
    for item in prepared:
        key = (item.raw.platform, item.raw.external_id)
        fresh.append(key not in stored)
        stored.add(key)
    authors = _authors(session, [i.raw for i, new in zip(prepared, fresh) if new])
    pending: list[tuple[Comment, _Item]] = []

    def write_pending() -> None:
        if pending:
            session.add_all([c for c, _ in pending])
            session.flush()
            for comment, item in pending:
                _record_ingested(session, comment, item, handle, stats)
            pending.clear()

    for item, new in zip(prepared, fresh):
        if new:
            author = authors.get((item.raw.platform, item.raw.author_id)) if item.raw.author_id else None
            pending.append((_new_comment(item, school_id, account_id, author), item))
        else:
            write_pending()  # events stay in the order the items came
            _ingest_one(session, school_id, account_id, handle, item.raw, max_bytes, stats, item=item)
    write_pending()


def _authors(session: Session, raws: list[RawComment]) -> dict[tuple[str, str], Author]:
    """The authors of these (new) comments, those not yet known inserted in one statement, each
    one's display name as the last of its comments gives it (as ``_author`` one by one would)."""
    keys = list({(r.platform, r.author_id) for r in raws if r.author_id})
    found: dict[tuple[str, str], Author] = {}
    for start in range(0, len(keys), 500):
        for author in session.exec(select(Author).where(
                tuple_(Author.platform, Author.external_id).in_(keys[start:start + 500]))):
            found[(author.platform, author.external_id)] = author
    new: list[Author] = []
    for raw in raws:
        if not raw.author_id:
            continue
        author = found.get((raw.platform, raw.author_id))
        if author is None:
            author = Author(platform=raw.platform, external_id=raw.author_id, name=raw.author_name,
                            username=raw.author_username)
            found[(raw.platform, raw.author_id)] = author
            new.append(author)
        elif raw.author_name and author.name != raw.author_name:
            author.name = raw.author_name  # display names change; the id is what identifies them
            session.add(author)
    session.add_all(new)
    session.flush()
    return found


def _ingest_one(session: Session, school_id: int, account_id: int, handle: str, raw: RawComment, max_bytes: int,
                stats: IngestStats, *, item: _Item | None = None) -> None:
    """Store one comment. ``item``: ``raw`` already checked and cleaned (``_prepared``)."""
    item = item or _prepared(raw, max_bytes, handle)
    raw, text, sha, size, flags = item.raw, item.text, item.sha, item.size, item.flags
    comment = session.exec(
        select(Comment).where(Comment.platform == raw.platform, Comment.external_id == raw.external_id)
    ).first()
    now = utcnow()
    if comment is None:
        author = _author(session, raw)
        comment = _new_comment(item, school_id, account_id, author)
        session.add(comment)
        session.flush()
        _record_ingested(session, comment, item, handle, stats)
        return
    if raw.removed:
        if comment.removed_by_author_at is None:
            comment.removed_by_author_at = now
            comment.revision += 1
            revision = CommentRevision(comment_id=comment.id, revision=comment.revision, kind="removed", seen_at=now)
            session.add(revision)
            session.add(comment)
            session.flush()
            stats.removed += 1
            audit.record(session, "comment.removed_by_author", school_id=comment.school_id, subject_type="comment",
                         subject_id=comment.id, data={"external_id": comment.external_id},
                         evidence=audit.evidence_of(revision))
        else:
            stats.duplicate += 1
        return
    shas, versions = _known(session, comment)
    if sha in shas and (raw.version_id is None or raw.version_id in versions):
        # A text we already hold (re-reading a feed, or an author reverting): nothing new to record.
        # A new X version is recorded even with known text: actions must go to the post people see.
        stats.duplicate += 1
        return
    # Same id, different text: an edit. The original stays; the new text sits beside it and is judged again.
    comment.revision += 1
    comment.state = CommentState.NEW
    revision = CommentRevision(comment_id=comment.id, revision=comment.revision, kind="edit", text=text,
                               text_sha256=sha, flags=flags, seen_at=now, external_id=raw.version_id)
    session.add(revision)
    session.add(comment)
    session.flush()
    stats.edited += 1
    log.info("comment edited", extra={"account": handle, "external_id": raw.external_id, "revision": comment.revision})
    audit.record(session, "comment.edited", school_id=comment.school_id, subject_type="comment",
                 subject_id=comment.id, data={"revision": comment.revision, "sha256": sha, "bytes": size,
                                              **({"version_id": raw.version_id} if raw.version_id else {})},
                 evidence=audit.evidence_of(revision))


def _reject(session: Session, school_id: int, account_id: int, handle: str, rej: Rejected, stats: IngestStats) -> None:
    source_ref = storable(str(rej.source_ref))[0][:200]
    exists = session.exec(
        select(RejectedInput.id).where(RejectedInput.account_id == account_id, RejectedInput.source_ref == source_ref)
    ).first()
    if exists:
        return
    raw = rej.raw if isinstance(rej.raw, bytes) else str(rej.raw).encode("utf-8", errors="backslashreplace")
    shown = raw[:MAX_REJECTED_RAW].decode("utf-8", errors="backslashreplace").replace("\x00", "\\x00")
    shown = storable(shown)[0]
    reason = storable(str(rej.reason))[0][:2000]
    row = RejectedInput(account_id=account_id, source_ref=source_ref, reason=reason, raw=shown,
                        raw_sha256=hashlib.sha256(raw).hexdigest(), raw_bytes=len(raw))
    session.add(row)
    session.flush()
    stats.rejected += 1
    log.warning("input rejected", extra={"account": handle, "source_ref": source_ref, "reason": reason[:300]})
    audit.record(session, "input.rejected", school_id=school_id, subject_type="rejected_input", subject_id=row.id,
                 data={"account": handle, "source_ref": source_ref, "reason": reason[:500],
                       "sha256": row.raw_sha256, "bytes": row.raw_bytes})
