"""The worker's database work per comment is a count, not a time: a batch of comments costs a few
statements per table, not a few per comment (issue 22). Measured on the real worker, through the
replay platform, and checked to decide, hide, escalate and audit exactly as one comment at a time."""
from __future__ import annotations

from collections import Counter

from sqlalchemy import event
from sqlmodel import Session, select

from moderator import audit
from moderator.tables import Action, Analysis, AuditEvent, Comment, Decision, Escalation
from tests.conftest import comment_line

ABUSIVE = ["Shut up you stupid fucking moron", "You are all useless idiots and a disgrace",
           "What a pathetic bunch of losers", "Go to hell you lazy pigs"]
THREAT = "I'll be waiting at the gates for you, watch your back"
KIND = ["Thank you so much for the lovely nativity, the children were wonderful", "Great trip to the farm today!",
        "Well done everyone at sports day", "What time does the disco start on Friday?"]
COMMENTS = 50
# Before issue 22's batching the worker ran 17 to 19 statements per comment on this mix (each
# comment's rows, audit events and look-ups one at a time); batched, about 6 on SQLite.
MAX_STATEMENTS_PER_COMMENT = 10


def _backlog(feed) -> None:  # noqa: ANN001
    """Fifty comments: a third abusive (mallory and bob return, so repeat-author counting matters
    inside one batch), two threats, the rest kind."""
    for i in range(COMMENTS):
        if i in (7, 31):
            text, author = THREAT, "mallory"
        elif i % 3 == 0:
            text, author = ABUSIVE[i % len(ABUSIVE)], ("mallory", "bob", f"parent{i}")[(i // 3) % 3]
        else:
            text, author = KIND[i % len(KIND)], f"parent{i % 9}"
        feed.add(comment_line(f"c{i}", f"{text} ({i})", author=author,
                              created_at=f"2026-11-02T09:{i:02d}:00Z"))


def _run_counting(worker, engine) -> Counter:  # noqa: ANN001
    statements: Counter = Counter()

    def count(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        statements[" ".join(statement.split())[:60]] += 1

    event.listen(engine, "before_cursor_execute", count)
    try:
        worker.run_until_idle()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return statements


def _outcome(engine) -> dict:  # noqa: ANN001
    """What was decided and done, by comment, in terms that do not depend on row ids or batching:
    (action, rules, routes, detectors, escalations, actions, the comment's audit events in order)."""
    with Session(engine) as session:
        events: dict[int, list[str]] = {}
        for event_ in session.exec(select(AuditEvent).order_by(AuditEvent.seq)):
            comment_id = event_.subject_id if event_.subject_type == "comment" else event_.data.get("comment_id")
            if comment_id is not None:
                events.setdefault(comment_id, []).append(event_.action)
        out = {}
        for comment in session.exec(select(Comment)):
            decision = session.exec(select(Decision).where(Decision.comment_id == comment.id)).one()
            analysis = session.get(Analysis, decision.analysis_id)
            escalations = session.exec(select(Escalation).where(Escalation.comment_id == comment.id)).all()
            actions = session.exec(select(Action).where(Action.comment_id == comment.id)).all()
            out[comment.external_id] = (
                decision.action, tuple(decision.rules), tuple(decision.routes), tuple(sorted(analysis.detectors)),
                tuple(sorted((e.route, e.priority, e.state) for e in escalations)),
                tuple(sorted((a.kind, a.status) for a in actions)), tuple(events.get(comment.id, [])))
        return out


def test_a_batch_of_comments_costs_a_few_statements_each(make_worker, settings, feed, engine):
    _backlog(feed)
    settings.batch_size = COMMENTS
    worker = make_worker(settings)

    statements = _run_counting(worker, engine)

    with Session(engine) as session:
        decided = len(session.exec(select(Decision)).all())
        events = len(session.exec(select(AuditEvent.seq)).all())
        assert audit.verify_chain(session)[0]
    assert decided == COMMENTS
    per_comment = sum(statements.values()) / decided
    assert per_comment <= MAX_STATEMENTS_PER_COMMENT, (per_comment, statements.most_common(12))
    # A batch's audit events go in together (only each platform action's outcome is written alone,
    # in the transaction that records it).
    inserts = sum(n for s, n in statements.items() if s.startswith("INSERT INTO auditevent"))
    assert inserts * 4 < events, (inserts, events)


def test_a_batch_decides_hides_and_audits_as_one_comment_at_a_time_does(make_worker, settings, feed, engine,
                                                                        tmp_path):
    from moderator import migrate
    from moderator.db import make_engine
    from moderator.worker import Worker, sync_config
    from tests.conftest import Feed, oakfield

    _backlog(feed)
    settings.batch_size = COMMENTS
    make_worker(settings).run_until_idle()
    batched = _outcome(engine)
    hidden_batched = feed.hidden()

    # The same backlog, one comment per batch, on a database and platform of its own.
    alone_feed = Feed(tmp_path / "alone.jsonl")
    _backlog(alone_feed)
    alone_url = f"sqlite:///{tmp_path / 'alone.db'}"
    alone_engine = make_engine(alone_url)
    migrate.upgrade(alone_engine)
    alone_settings = settings.model_copy(update={"database_url": alone_url, "schools": [oakfield(alone_feed)],
                                                 "batch_size": 1})
    sync_config(alone_engine, alone_settings)
    alone = Worker(alone_settings, alone_engine)
    try:
        alone.run_until_idle()
        one_at_a_time = _outcome(alone_engine)
        with Session(alone_engine) as session:
            assert audit.verify_chain(session)[0]
    finally:
        alone.close()
        alone_engine.dispose()

    assert batched == one_at_a_time
    assert hidden_batched == alone_feed.hidden()
    # The mix is what it claims to be: hides, a police review, and a repeat author counted within one batch.
    kinds = Counter(v[0] for v in batched.values())
    assert kinds["hide"] >= COMMENTS // 4 and kinds["none"] >= COMMENTS // 2, kinds
    assert any("police_review" in v[2] for v in batched.values())
    assert any("repeat_author" in v[3] for v in batched.values())
    for ext_id, (action, _, _, _, escalations, actions, events) in batched.items():
        assert events[:2] == ("comment.ingested", "decision.made"), (ext_id, events)
        assert events.count("escalation.opened") == len(escalations), (ext_id, events)
        assert events.count("action.queued") == len(actions) == (action == "hide"), (ext_id, events)
