"""Judge comments and record what was decided: claim -> judge -> decide -> outbox and escalations.

``judge_texts`` is the one way a text is judged (normalise, score in windows, run the school's
detectors); the worker and ``moderator classify`` both call it, and ``policy.decide`` turns its
result into an outcome. Pending comments are claimed before scoring (a lease, like accounts and
actions), so no two workers score the same comment. Analysis runs with no transaction open
(classifiers are slow); the decision and everything it causes are then written in one
transaction guarded by a conditional UPDATE.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from itertools import count
from typing import Any

from sqlalchemy import and_, exists, func, or_, tuple_, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from connectors.items import NOT_HIDEABLE
from models.base import Classifier
from models.language import detect as detect_language
from models.normalise import normalise
from moderator import audit, words
from moderator.act import escalations, outbox, review
from moderator.db import claim_rows, transaction, utcnow
from moderator.judge import explain
from moderator.judge.detectors import detect
from moderator.judge.policy import Outcome, Policy, SchoolPolicy, decide
from moderator.people import access
from moderator.tables import Analysis, Comment, CommentRevision, Decision, Escalation
from moderator.vocab import ActionKind, CommentState, DecisionKind, Route

CANNOT_HIDE = ("not hidden: {platform} only lets the account that started a conversation hide replies in it, and "
               "this post is not a reply in one of the school's conversations, so it is still visible. Report it "
               "to {platform}, or ask its author to remove it")

log = logging.getLogger("moderator.act.pipeline")

MAX_CLASSIFY_CHARS = 50_000  # scored in windows; beyond this only the phrase detectors look
WINDOW_CHARS = 500  # about what a small model reads (128 tokens); shorter comments are scored whole
WINDOW_OVERLAP = 100
_claim_serial = count(1)


# -- claim ----------------------------------------------------------------------------------------

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
    attachments: list[dict] | None = None
    flags: list[str] = field(default_factory=list)


def _posted(c: Any):  # noqa: ANN202
    return func.coalesce(c.created_at, c.fetched_at)


def claim_pending(engine: Engine, worker_id: str, *, school_ids: list[int], limit: int,
                  lease_seconds: float) -> list[Pending]:
    """Claim up to ``limit`` new comments of these schools for this worker, oldest posted first.

    A comment whose author has an earlier comment still being judged by another worker waits, so
    the repeat-author count always sees the earlier one decided first (the order they were posted,
    not the order workers happened to finish)."""
    now = utcnow()
    token = f"{worker_id[:50]}#{next(_claim_serial)}"
    earlier = aliased(Comment)
    blocked_by_other = exists().where(
        earlier.author_id == Comment.author_id, earlier.id != Comment.id, earlier.state == CommentState.NEW,
        earlier.claimed_until >= now, earlier.claimed_by != token, _posted(earlier) <= _posted(Comment))
    candidates = (
        select(Comment.id)
        .where(Comment.state == CommentState.NEW, col(Comment.school_id).in_(school_ids),
               or_(Comment.claimed_until.is_(None), Comment.claimed_until < now),
               or_(Comment.author_id.is_(None), ~blocked_by_other))
        .order_by(_posted(Comment), col(Comment.id)).limit(limit)
    )
    still_new = and_(Comment.state == CommentState.NEW,
                     or_(Comment.claimed_until.is_(None), Comment.claimed_until < now))
    with transaction(engine) as session:
        # RETURNING hands back what is needed to judge the rows taken, so they are not read again.
        rows = claim_rows(session, Comment, candidates, still_new, returning=_PENDING_COLUMNS,
                          values={"claimed_by": token, "claimed_until": now + timedelta(seconds=lease_seconds)})
        return sorted(_pending(session, rows), key=lambda p: (p.posted_at, p.comment_id)) if rows else []


_PENDING_COLUMNS = (Comment.id, Comment.revision, Comment.school_id, Comment.account_id, Comment.author_id,
                    Comment.platform, Comment.external_id, Comment.text, Comment.created_at, Comment.fetched_at,
                    Comment.attachments, Comment.flags)


def release_claims(engine: Engine, comment_ids: list[int]) -> None:
    if comment_ids:
        with transaction(engine) as session:
            session.execute(update(Comment).where(col(Comment.id).in_(comment_ids))
                            .values(claimed_by=None, claimed_until=None).execution_options(synchronize_session=False))


def _pending(session: Session, rows: list[Any]) -> list[Pending]:
    """Pending items from claimed rows; an edited comment is judged on its latest edit's text (read
    for all edited rows in one query)."""
    edited = [c.id for c in rows if c.revision]
    latest: dict[int, str | None] = {}
    if edited:
        for comment_id, _, text in session.exec(
            select(CommentRevision.comment_id, CommentRevision.revision, CommentRevision.text)
            .where(col(CommentRevision.comment_id).in_(edited), CommentRevision.kind == "edit")
            .order_by(col(CommentRevision.comment_id), col(CommentRevision.revision))
        ).all():
            latest[comment_id] = text  # ascending, so the last one seen is the latest edit
    out = []
    for c in rows:
        text = latest.get(c.id)
        out.append(Pending(c.id, c.revision, c.school_id, c.account_id, c.author_id, c.platform, c.external_id,
                           text if text is not None else c.text, c.created_at or c.fetched_at, c.attachments,
                           list(c.flags or [])))
    return out


# -- judge ----------------------------------------------------------------------------------------

@dataclass
class Judgement:
    """What the service read in one text: the normalised text, the classifier's scores (worst window)
    and the school's detectors."""

    normalised: str
    scores: dict[str, float]
    detectors: dict[str, list[str]] = field(default_factory=dict)
    language: str | None = None
    language_confidence: float | None = None


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


def judge_texts(texts: list[str], *, classifier: Classifier, schools: list[SchoolPolicy],
                attachments: list[list[dict] | None] | None = None) -> list[Judgement]:
    """Judge each text for its school (``schools[i]`` for ``texts[i]``). The slow part: run it
    outside any transaction. The worker and ``moderator classify`` both come through here.

    A text in a language the classifier was not validated on (its model card's list) gets the
    ``unsupported_language`` detector, so the policy sends it to a person instead of trusting scores
    computed as if it were English; and ``unread_language`` as well when the classifier's heads were
    not validated on it either (a safeguarding reading by the heads still counts in their languages)."""
    normalised = [normalise(t[:MAX_CLASSIFY_CHARS]) for t in texts]
    scores = score_texts(classifier, normalised)
    supported = getattr(classifier, "supported_languages", None)
    heads_languages = frozenset(getattr(classifier, "heads_languages", None) or ())
    out = []
    for i, (text, norm, score) in enumerate(zip(texts, normalised, scores)):
        score = {k: round(float(v), 6) for k, v in score.items()}
        hits = detect(text, norm, score, schools[i].context, attachments=attachments[i] if attachments else None)
        language, confidence = detect_language(text)
        if supported and language and language not in supported:
            hits["unsupported_language"] = [f"{language} (confidence {confidence:.2f})"]
            if language not in heads_languages:  # nor is what it says read: no rule may rest on the heads
                hits["unread_language"] = hits["unsupported_language"]
        out.append(Judgement(norm, score, hits, language, round(confidence, 4) if language else None))
    return out





def outcome_for(school: SchoolPolicy, judgement: Judgement, *, prior_incidents: int = 0) -> tuple[Outcome, dict]:
    """The policy's outcome for one judged text, given how many earlier incidents its author had.
    Returns the outcome and the detectors it used (``repeat_author`` added when it applied)."""
    policy = school.policy
    outcome = decide(policy, judgement.scores, judgement.detectors)
    detectors = judgement.detectors
    if prior_incidents and set(outcome.rules) & set(policy.harassment.incident_rules) \
            and prior_incidents + 1 >= policy.harassment.min_incidents:
        detectors = dict(detectors, repeat_author=[f"{prior_incidents + 1} incidents by this author in "
                                                   f"{policy.harassment.window_days} days"])
        outcome = decide(policy, judgement.scores, detectors)
    return outcome, detectors


def _prior_incidents(session: Session, item: Pending, policy: Policy, routes: list[str]) -> int:
    """Earlier comments by this author, in the window before this one was posted, that were incidents,
    leaving out those kept from the people who will read this one (access.kept_from_readers: a comment
    about the headteacher is not counted in her queue, as "other comments by this author" leaves it out)."""
    if item.author_id is None:
        return 0
    anchor = item.posted_at if item.posted_at.tzinfo else item.posted_at.replace(tzinfo=timezone.utc)
    try:
        since = anchor - timedelta(days=policy.harassment.window_days)
    except OverflowError:  # a date near year 1 (stored before dates were checked at ingest)
        since = datetime.min.replace(tzinfo=timezone.utc)
    incident_rules = set(policy.harassment.incident_rules)
    posted = _posted(Comment)
    kept = access.kept_from_readers(routes)
    other = aliased(Escalation)
    decisions = session.exec(
        select(Decision.comment_id, Decision.rules).join(Comment, Comment.id == Decision.comment_id)
        .where(Comment.author_id == item.author_id, Comment.id != item.comment_id,
               Decision.kind == DecisionKind.AUTOMATIC, Decision.action == ActionKind.HIDE,
               posted >= since, posted <= anchor,
               ~exists().where(other.comment_id == Comment.id, col(other.route).in_(kept or [""])))
    ).all()
    return len({cid for cid, rules in decisions if incident_rules.intersection(rules)})


def record_decision(session: Session, item: Pending, judgement: Judgement, *, school: SchoolPolicy,
                    classifier: Classifier) -> Decision | None:
    """Write analysis, decision, outbox action, escalations and audit events. None if already done."""
    return record_decisions(session, [(item, judgement)], schools={item.school_id: school}, classifier=classifier)[0]


@dataclass
class _Decided:
    item: Pending
    judgement: Judgement
    school: SchoolPolicy
    outcome: Outcome
    detectors: dict


def record_decisions(session: Session, judged: list[tuple[Pending, Judgement]], *, schools: dict[int, SchoolPolicy],
                     classifier: Classifier) -> list[Decision | None]:
    """``record_decision`` for many comments in the caller's transaction, in their order: None for each
    one already decided (or edited since it was read). The rows of the batch are written a table at a
    time, and the audit events, in the same order as one by one, in one statement."""
    if not judged:
        return []
    won = set(session.execute(
        update(Comment).where(tuple_(Comment.id, Comment.revision).in_([(i.comment_id, i.revision) for i, _ in judged]),
                              Comment.state == CommentState.NEW)
        .values(state=CommentState.DECIDED, claimed_by=None, claimed_until=None)
        .returning(Comment.id).execution_options(synchronize_session=False)
    ).scalars())  # the rest: another worker decided them, or they were edited since they were read
    made: dict[int, Decision] = {}
    waiting: list[_Decided] = []
    with audit.batch(session):
        for item, judgement in judged:
            if item.comment_id not in won:
                continue
            school = schools[item.school_id]
            policy = school.policy
            outcome, detectors = outcome_for(school, judgement)
            if item.author_id is not None and set(outcome.rules) & set(policy.harassment.incident_rules):
                if any(w.item.author_id == item.author_id and w.outcome.action == ActionKind.HIDE for w in waiting):
                    # An earlier comment of this batch by the same author may count: write it first.
                    made.update(_write_decided(session, waiting, classifier))
                    waiting = []
                prior = _prior_incidents(session, item, policy, outcome.routes)
                outcome, detectors = outcome_for(school, judgement, prior_incidents=prior)
            waiting.append(_Decided(item, judgement, school, outcome, detectors))
        made.update(_write_decided(session, waiting, classifier))
    return [made.get(item.comment_id) for item, _ in judged]


def _write_decided(session: Session, batch: list[_Decided], classifier: Classifier) -> dict[int, Decision]:
    """Analyses, decisions, outbox actions and escalations of these decided comments, an insert per
    table, then their audit events in comment order (each: decision, action, escalations)."""
    if not batch:
        return {}
    analyses = [Analysis(comment_id=d.item.comment_id, revision=d.item.revision, classifier=classifier.name,
                         classifier_version=classifier.version,
                         normalised_text=d.judgement.normalised[:MAX_CLASSIFY_CHARS], scores=d.judgement.scores,
                         detectors=d.detectors, language=d.judgement.language,
                         language_confidence=d.judgement.language_confidence) for d in batch]
    session.add_all(analyses)
    session.flush()
    decisions = []
    for d, analysis in zip(batch, analyses):
        item, outcome, policy = d.item, d.outcome, d.school.policy
        decisions.append(Decision(
            comment_id=item.comment_id, revision=item.revision, analysis_id=analysis.id,
            auto_key=f"{item.comment_id}:{item.revision}", kind=DecisionKind.AUTOMATIC, action=outcome.action,
            shadow=d.school.shadow, rules=outcome.rules, signals=outcome.signals, routes=outcome.routes,
            priority=outcome.priority, clauses=outcome.clauses, explanation=explain.record(outcome),
            policy_name=policy.policy.name, policy_version=policy.version, classifier=classifier.name,
            classifier_version=classifier.version, scores=d.judgement.scores, thresholds=outcome.thresholds,
            decided_by="service"))
    session.add_all(decisions)
    session.flush()

    # What each comment causes: a hide (or why not), and the people who review it.
    hides: list[outbox.Wanted] = []
    hide_of: dict[int, int] = {}  # index in batch -> index in hides
    impossible: set[int] = set()
    wanted: list[escalations.Wanted] = []
    wanted_of: list[tuple[int, str]] = []  # (index in batch, the reason given) per wanted escalation
    for index, (d, decision) in enumerate(zip(batch, decisions)):
        item, outcome = d.item, d.outcome
        reason, routes = "; ".join(outcome.signals), list(outcome.escalation_routes)
        if outcome.action == ActionKind.HIDE and not d.school.shadow:
            if NOT_HIDEABLE in item.flags:
                # The platform would refuse the hide (X: a post in someone else's conversation): no doomed
                # call; a person sees it at once, with why it is still up.
                reason = f"{reason}; {CANNOT_HIDE.format(platform=words.platform_name(item.platform))}"
                routes = routes or [Route.HEADTEACHER]
                impossible.add(index)
            else:
                hide_of[index] = len(hides)
                hides.append(outbox.Wanted(account_id=item.account_id, comment_id=item.comment_id,
                                           school_id=item.school_id, kind=ActionKind.HIDE, decision_id=decision.id,
                                           key=outbox.action_key(ActionKind.HIDE, item.platform, item.external_id)))
        # People review what the policy routes to them whether or not it was hidden (a complaint left up,
        # a photo held for a person); in shadow mode they review what would have been hidden.
        for route in routes:
            wanted.append(escalations.Wanted(item.school_id, item.comment_id, route, outcome.priority, reason,
                                             decision.id, d.school.shadow))
            wanted_of.append((index, reason))
    actions = outbox.enqueue_many(session, hides)
    opened = escalations.open_many(session, wanted)
    opened_by: dict[int, list[tuple[Escalation, bool, str]]] = {}
    for (index, reason), (esc, created) in zip(wanted_of, opened):
        opened_by.setdefault(index, []).append((esc, created, reason))

    for index, (d, analysis, decision) in enumerate(zip(batch, analyses, decisions)):
        item, outcome = d.item, d.outcome
        audit.record(session, "decision.made", school_id=item.school_id, subject_type="comment",
                     subject_id=item.comment_id,
                     data={"decision_id": decision.id, "revision": item.revision, "action": outcome.action,
                           "shadow": d.school.shadow, "rules": outcome.rules, "routes": outcome.routes,
                           "priority": outcome.priority, "policy_version": d.school.policy.version,
                           "classifier_version": classifier.version},
                     evidence=[audit.evidence_of(decision), audit.evidence_of(analysis)])
        if index in impossible:
            audit.record(session, "action.impossible", school_id=item.school_id, subject_type="comment",
                         subject_id=item.comment_id, data={"kind": ActionKind.HIDE, "decision_id": decision.id,
                                                           "flag": NOT_HIDEABLE})
        elif index in hide_of and actions[hide_of[index]] is not None:
            outbox.record_queued(session, actions[hide_of[index]], item.school_id)
        for esc, created, reason in opened_by.get(index, []):
            if created:
                escalations.record_opened(session, esc, reason=reason)
    return {d.item.comment_id: decision for d, decision in zip(batch, decisions)}


@dataclass
class BatchResult:
    decided: int = 0
    lost: int = 0  # judged, then found decided by someone else: classifier work thrown away


def analyse_batch(engine: Engine, *, classifier: Classifier, schools: dict[int, SchoolPolicy], limit: int,
                  worker_id: str = "worker", lease_seconds: float = 300.0) -> BatchResult:
    """Claim, judge and decide up to ``limit`` new comments of these schools."""
    items = claim_pending(engine, worker_id, school_ids=list(schools), limit=limit, lease_seconds=lease_seconds)
    result = BatchResult()
    if not items:
        return result
    try:
        judged = judge_texts([i.text for i in items], classifier=classifier,
                             schools=[schools[i.school_id] for i in items], attachments=[i.attachments for i in items])
    except Exception:
        release_claims(engine, [i.comment_id for i in items])  # let another try (or this one, next step)
        raise

    def decide_all(session: Session, batch: list[tuple[Pending, Judgement]]) -> None:
        made = record_decisions(session, batch, schools=schools, classifier=classifier)
        result.decided += sum(m is not None for m in made)
        result.lost += sum(m is None for m in made)

    try:
        with transaction(engine) as session:
            decide_all(session, list(zip(items, judged)))
        return result
    except Exception:
        log.exception("batch decision failed; retrying one comment at a time")
        result = BatchResult()
    for item, judgement in zip(items, judged):
        try:
            with transaction(engine) as session:
                decide_all(session, [(item, judgement)])
        except Exception as exc:  # one bad comment must not stop the rest: park it for a person
            log.exception("could not decide comment", extra={"comment_id": item.comment_id})
            with transaction(engine) as session:
                session.execute(update(Comment).where(Comment.id == item.comment_id)
                                .values(state=CommentState.ERROR, claimed_by=None, claimed_until=None))
                audit.record(session, "comment.error", school_id=item.school_id, subject_type="comment",
                             subject_id=item.comment_id, data={"error": type(exc).__name__})
    return result
