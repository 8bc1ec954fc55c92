"""ingest -> analyse -> decide -> outbox and escalations, each step idempotent.

Ingest stores evidence at first sight, keyed on (platform, external id). Analysis runs with no
transaction open (classifiers are slow); the decision and everything it causes are then written in
one transaction guarded by a conditional UPDATE, so two workers cannot decide the same comment.
"""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from connectors.base import FetchResult, RawComment, Rejected
from models.base import Classifier
from models.normalise import normalise
from moderator import audit
from moderator.db import transaction, utcnow
from moderator.detectors import SchoolContext, detect
from moderator.policy import Outcome, Policy, decide
from moderator.tables import (
    Account, Action, Analysis, Author, Comment, CommentRevision, Decision, Escalation, RejectedInput,
)

log = logging.getLogger("moderator.pipeline")

MAX_CLASSIFY_CHARS = 50_000  # scored in windows; beyond this only the phrase detectors look
MAX_REJECTED_RAW = 65_536
WINDOW_CHARS = 500  # about what a small model reads (128 tokens); shorter comments are scored whole
WINDOW_OVERLAP = 100


# -- ingest ---------------------------------------------------------------------------------------

def _storable(text: str) -> tuple[str, list[str]]:
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


def _clean_text(text: str, max_bytes: int) -> tuple[str, str, int, list[str]]:
    """Make text storable in any database without losing what matters as evidence.

    Returns (stored text, sha256 of the full cleaned text, byte length as received, flags).
    """
    text, flags = _storable(text)
    data = text.encode("utf-8")
    sha = hashlib.sha256(data).hexdigest()
    size = len(data)
    if size > max_bytes:
        text = data[:max_bytes].decode("utf-8", errors="ignore")
        flags.append("truncated")
    return text, sha, size, flags


def _clean_field(value: str | None, limit: int) -> str | None:
    """Ids and names are text from the platform too: no NUL, no lone surrogates, bounded."""
    return None if value is None else _storable(value)[0][:limit]


def _clean_fields(raw: RawComment) -> None:
    for name, limit in (("external_id", 128), ("author_id", 128), ("author_name", 300), ("author_username", 300),
                        ("post_id", 128), ("parent_id", 128), ("permalink", 2000)):
        setattr(raw, name, _clean_field(getattr(raw, name), limit))
    if raw.attachments is not None:
        raw.attachments = _clean_json(raw.attachments[:20], depth=0)


def _clean_json(value, depth: int):  # noqa: ANN001, ANN202
    if depth > 8:
        return None
    if isinstance(value, str):
        return _clean_field(value, 2000)
    if isinstance(value, list):
        return [_clean_json(v, depth + 1) for v in value[:50]]
    if isinstance(value, dict):
        return {_clean_field(str(k), 100): _clean_json(v, depth + 1) for k, v in list(value.items())[:50]}
    return value


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


def _known_shas(session: Session, comment: Comment) -> set[str]:
    shas = {comment.text_sha256}
    if comment.revision:
        shas.update(session.exec(
            select(CommentRevision.text_sha256).where(CommentRevision.comment_id == comment.id,
                                                      CommentRevision.kind == "edit")
        ).all())
    return shas


@dataclass
class IngestStats:
    new: int = 0
    edited: int = 0
    removed: int = 0
    duplicate: int = 0
    rejected: int = 0


def ingest(session: Session, account: Account, result: FetchResult, *, max_bytes: int) -> IngestStats:
    """Store one fetched batch and advance the account's cursor, in the caller's transaction."""
    stats = IngestStats()
    for raw in result.comments:
        _ingest_one(session, account, raw, max_bytes, stats)
    for rej in result.rejected:
        _reject(session, account, rej, stats)
    account.cursor = result.cursor
    account.last_polled_at = utcnow()
    account.updated_at = utcnow()
    session.add(account)
    return stats


def _ingest_one(session: Session, account: Account, raw: RawComment, max_bytes: int, stats: IngestStats) -> None:
    _clean_fields(raw)
    text, sha, size, flags = _clean_text(raw.text, max_bytes)
    flags = raw.flags + flags
    if flags:
        log.warning("comment needed cleaning", extra={"account": account.handle, "external_id": raw.external_id,
                                                      "flags": flags, "bytes": size})
    comment = session.exec(
        select(Comment).where(Comment.platform == raw.platform, Comment.external_id == raw.external_id)
    ).first()
    now = utcnow()
    if comment is None:
        author = _author(session, raw)
        comment = Comment(
            school_id=account.school_id, account_id=account.id, platform=raw.platform,
            external_id=raw.external_id, post_external_id=raw.post_id, parent_external_id=raw.parent_id,
            author_id=author.id if author else None, text=text, text_sha256=sha, text_bytes=size,
            flags=flags, permalink=raw.permalink, attachments=raw.attachments, created_at=raw.created_at,
            fetched_at=now, removed_by_author_at=now if raw.removed else None,
            state="decided" if raw.removed and not text else "new",
        )
        session.add(comment)
        session.flush()
        stats.new += 1
        audit.record(session, "comment.ingested", school_id=account.school_id, subject_type="comment",
                     subject_id=comment.id, data={"account": account.handle, "platform": raw.platform,
                                                  "external_id": raw.external_id, "sha256": sha, "bytes": size,
                                                  "flags": flags, "has_attachments": bool(raw.attachments)})
        return
    if raw.removed:
        if comment.removed_by_author_at is None:
            comment.removed_by_author_at = now
            comment.revision += 1
            session.add(CommentRevision(comment_id=comment.id, revision=comment.revision, kind="removed", seen_at=now))
            session.add(comment)
            stats.removed += 1
            audit.record(session, "comment.removed_by_author", school_id=comment.school_id, subject_type="comment",
                         subject_id=comment.id, data={"external_id": comment.external_id})
        else:
            stats.duplicate += 1
        return
    if sha in _known_shas(session, comment):
        # A text we already hold (re-reading a feed, or an author reverting): nothing new to record.
        stats.duplicate += 1
        return
    # Same id, different text: an edit. The original stays; the new text sits beside it and is judged again.
    comment.revision += 1
    comment.state = "new"
    session.add(CommentRevision(comment_id=comment.id, revision=comment.revision, kind="edit", text=text,
                                text_sha256=sha, flags=flags, seen_at=now))
    session.add(comment)
    stats.edited += 1
    log.info("comment edited", extra={"account": account.handle, "external_id": raw.external_id,
                                      "revision": comment.revision})
    audit.record(session, "comment.edited", school_id=comment.school_id, subject_type="comment",
                 subject_id=comment.id, data={"revision": comment.revision, "sha256": sha, "bytes": size})


def _reject(session: Session, account: Account, rej: Rejected, stats: IngestStats) -> None:
    exists = session.exec(
        select(RejectedInput.id).where(RejectedInput.account_id == account.id, RejectedInput.source_ref == rej.source_ref)
    ).first()
    if exists:
        return
    shown = rej.raw[:MAX_REJECTED_RAW].decode("utf-8", errors="backslashreplace").replace("\x00", "\\x00")
    row = RejectedInput(account_id=account.id, source_ref=rej.source_ref[:200], reason=rej.reason[:2000], raw=shown,
                        raw_sha256=hashlib.sha256(rej.raw).hexdigest(), raw_bytes=len(rej.raw))
    session.add(row)
    session.flush()
    stats.rejected += 1
    log.warning("input rejected", extra={"account": account.handle, "source_ref": rej.source_ref, "reason": rej.reason})
    audit.record(session, "input.rejected", school_id=account.school_id, subject_type="rejected_input",
                 subject_id=row.id, data={"account": account.handle, "source_ref": rej.source_ref, "reason": rej.reason})


# -- analyse and decide ---------------------------------------------------------------------------

@dataclass
class SchoolRuntime:
    """What the pipeline needs to know about one school while it judges comments."""

    policy: Policy
    context: SchoolContext
    shadow: bool = False


@dataclass
class Pending:
    comment_id: int
    revision: int
    school_id: int
    account_id: int
    author_id: int | None
    platform: str
    external_id: str
    text: str
    posted_at: datetime


def pending_comments(session: Session, limit: int, school_ids: list[int]) -> list[Pending]:
    rows = session.exec(
        select(Comment).where(Comment.state == "new", col(Comment.school_id).in_(school_ids))
        .order_by(col(Comment.id)).limit(limit)
    ).all()
    out = []
    for c in rows:
        text = c.text
        if c.revision:
            rev = session.exec(
                select(CommentRevision).where(CommentRevision.comment_id == c.id, CommentRevision.kind == "edit")
                .order_by(col(CommentRevision.revision).desc()).limit(1)
            ).first()
            text = rev.text if rev and rev.text is not None else c.text
        out.append(Pending(c.id, c.revision, c.school_id, c.account_id, c.author_id, c.platform, c.external_id, text,
                           c.created_at or c.fetched_at))
    return out


@dataclass
class Judged:
    item: Pending
    normalised: str
    scores: dict[str, float]
    detectors: dict[str, list[str]]


def windows(text: str) -> list[str]:
    """Overlapping pieces of a long text. A model reads only its first few hundred tokens, so
    abuse buried after padding would otherwise go unseen; each piece is scored and the worst kept."""
    if len(text) <= WINDOW_CHARS:
        return [text]
    step = WINDOW_CHARS - WINDOW_OVERLAP
    return [text[i:i + WINDOW_CHARS] for i in range(0, len(text) - WINDOW_OVERLAP, step)]


def score_texts(classifier: Classifier, texts: list[str]) -> list[dict[str, float]]:
    pieces: list[str] = []
    owner: list[int] = []
    for index, text in enumerate(texts):
        for piece in windows(text):
            pieces.append(piece)
            owner.append(index)
    scored = classifier.score(pieces) if pieces else []
    if len(scored) != len(pieces):
        raise RuntimeError(f"classifier {classifier.name} returned {len(scored)} results for {len(pieces)} texts")
    out: list[dict[str, float]] = [{} for _ in texts]
    for index, result in zip(owner, scored):
        for label, value in result.items():
            out[index][label] = max(out[index].get(label, 0.0), float(value))
    return out


def judge(items: list[Pending], classifier: Classifier, schools: dict[int, SchoolRuntime]) -> list[Judged]:
    """The slow part, run outside any transaction."""
    normalised = [normalise(i.text[:MAX_CLASSIFY_CHARS]) for i in items]
    scores = score_texts(classifier, normalised)
    out = []
    for item, norm, score in zip(items, normalised, scores):
        score = {k: round(float(v), 6) for k, v in score.items()}
        hits = detect(item.text, norm, score, schools[item.school_id].context)
        out.append(Judged(item, norm, score, hits))
    return out


def _prior_incidents(session: Session, item: "Pending", policy: Policy) -> int:
    """Earlier comments by this author, in the window before this one was posted, that were incidents."""
    if item.author_id is None:
        return 0
    anchor = item.posted_at
    since = anchor - timedelta(days=policy.harassment.window_days)
    incident_rules = set(policy.harassment.incident_rules)
    posted = func.coalesce(Comment.created_at, Comment.fetched_at)
    decisions = session.exec(
        select(Decision).join(Comment, Comment.id == Decision.comment_id)
        .where(Comment.author_id == item.author_id, Comment.id != item.comment_id, Decision.kind == "automatic",
               Decision.action == "hide", posted >= since, posted <= anchor)
    ).all()
    return len({d.comment_id for d in decisions if incident_rules.intersection(d.rules)})


def record_decision(session: Session, judged: Judged, *, policy: Policy, classifier: Classifier, shadow: bool) -> Decision | None:
    """Write analysis, decision, outbox action, escalations and audit events. None if already done."""
    item = judged.item
    claimed = session.execute(
        update(Comment).where(Comment.id == item.comment_id, Comment.state == "new", Comment.revision == item.revision)
        .values(state="decided")
    ).rowcount
    if claimed != 1:
        return None  # another worker decided it, or it was edited since we read it
    analysis = Analysis(comment_id=item.comment_id, revision=item.revision, classifier=classifier.name,
                        classifier_version=classifier.version, normalised_text=judged.normalised[:MAX_CLASSIFY_CHARS],
                        scores=judged.scores, detectors=judged.detectors)
    session.add(analysis)
    session.flush()

    outcome = decide(policy, judged.scores, judged.detectors)
    if set(outcome.rules) & set(policy.harassment.incident_rules):
        prior = _prior_incidents(session, item, policy)
        if prior + 1 >= policy.harassment.min_incidents:
            detectors = dict(judged.detectors, repeat_author=[f"{prior + 1} incidents by this author in "
                                                              f"{policy.harassment.window_days} days"])
            outcome = decide(policy, judged.scores, detectors)
            analysis.detectors = detectors
            session.add(analysis)
    _avoid_conflict_of_interest(outcome)

    decision = Decision(
        comment_id=item.comment_id, revision=item.revision, analysis_id=analysis.id,
        auto_key=f"{item.comment_id}:{item.revision}", kind="automatic", action=outcome.action, shadow=shadow,
        rules=outcome.rules, signals=outcome.signals, routes=outcome.routes, priority=outcome.priority,
        clauses=outcome.clauses, policy_name=policy.policy.name, policy_version=policy.version,
        classifier=classifier.name, classifier_version=classifier.version, scores=judged.scores,
        thresholds=outcome.thresholds, decided_by="service",
    )
    session.add(decision)
    session.flush()
    audit.record(session, "decision.made", school_id=item.school_id, subject_type="comment", subject_id=item.comment_id,
                 data={"decision_id": decision.id, "revision": item.revision, "action": outcome.action,
                       "shadow": shadow, "rules": outcome.rules, "routes": outcome.routes, "priority": outcome.priority,
                       "clauses": [c["id"] for c in outcome.clauses], "policy_version": policy.version,
                       "classifier": classifier.name, "classifier_version": classifier.version,
                       "scores": judged.scores})
    if shadow or outcome.action == "none":
        return decision

    key = f"hide:{item.platform}:{item.external_id}"
    if session.exec(select(Action.id).where(Action.idempotency_key == key)).first() is None:
        action = Action(account_id=item.account_id, comment_id=item.comment_id, decision_id=decision.id, kind="hide",
                        idempotency_key=key)
        session.add(action)
        session.flush()
        audit.record(session, "action.queued", school_id=item.school_id, subject_type="action", subject_id=action.id,
                     data={"kind": "hide", "comment_id": item.comment_id, "key": key})
    for route in outcome.escalation_routes:
        existing = session.exec(
            select(Escalation).where(Escalation.comment_id == item.comment_id, Escalation.route == route)
        ).first()
        if existing is not None:
            continue
        esc = Escalation(school_id=item.school_id, comment_id=item.comment_id, decision_id=decision.id, route=route,
                         priority=outcome.priority or "normal", reason="; ".join(outcome.signals))
        session.add(esc)
        session.flush()
        audit.record(session, "escalation.opened", school_id=item.school_id, subject_type="escalation",
                     subject_id=esc.id, data={"comment_id": item.comment_id, "route": route, "priority": esc.priority})
    return decision


def _avoid_conflict_of_interest(outcome: Outcome) -> None:
    """Nobody reviews an allegation about themselves: the headteacher's own case goes to the chair."""
    if "headteacher_allegation" in outcome.rules and "headteacher" in outcome.routes:
        outcome.routes.remove("headteacher")
        if "chair_of_governors" not in outcome.routes:
            outcome.routes.append("chair_of_governors")


def analyse_batch(engine: Engine, *, classifier: Classifier, schools: dict[int, SchoolRuntime], limit: int) -> int:
    """Analyse and decide up to ``limit`` new comments of these schools. Returns how many were decided."""
    with Session(engine) as session:
        items = pending_comments(session, limit, list(schools))
    if not items:
        return 0
    judged = judge(items, classifier, schools)

    def decide_one(session: Session, j: Judged) -> bool:
        school = schools[j.item.school_id]
        return record_decision(session, j, policy=school.policy, classifier=classifier, shadow=school.shadow) is not None

    try:
        with transaction(engine) as session:
            return sum(decide_one(session, j) for j in judged)
    except Exception:
        log.exception("batch decision failed; retrying one comment at a time")
    decided = 0
    for j in judged:
        try:
            with transaction(engine) as session:
                decided += decide_one(session, j)
        except Exception as exc:  # one bad comment must not stop the rest: park it for a person
            log.exception("could not decide comment", extra={"comment_id": j.item.comment_id})
            with transaction(engine) as session:
                session.execute(update(Comment).where(Comment.id == j.item.comment_id).values(state="error"))
                audit.record(session, "comment.error", school_id=j.item.school_id, subject_type="comment",
                             subject_id=j.item.comment_id, data={"error": type(exc).__name__})
    return decided
