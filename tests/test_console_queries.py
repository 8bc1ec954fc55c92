"""How many SQL statements one console page costs. With twenty reviewers on two cores, building and
running the same who-may-see-what clause again for every part of a page is what makes pages slow: a
page should ask for its items' threads, authors' histories and records in a few batched queries,
whatever the length of the queue or of an author's history.

The world is tests/test_visibility.py's (bob wrote to the headteacher and about her, to the chair),
plus a queue long enough for a second page and a busy author: bob has written a dozen more comments
under the same post, each one an item of the headteacher's with a person's decision on it.
"""
from __future__ import annotations

from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import event
from sqlmodel import select

from moderator.db import transaction, utcnow
from moderator.tables import Author, Comment, Decision, Escalation, User
from tests.e2e.support import many_items
from tests.test_visibility import world  # noqa: F401  (the fixture)

BUSY = 12  # more comments by bob, each an open item of the headteacher's

# Bounds, per page, that do not grow with the queue or the author's history. They include signing
# the session in (a handful of statements) and, for the item page, recording its first opening.
QUEUE_MAX = 11
ITEM_MAX = 25
RECORDS_MAX = 12


def _busy_author(engine) -> None:
    with transaction(engine) as session:
        pupil = session.exec(select(Comment).where(Comment.external_id == "c-pupil")).one()
        bob = session.get(Author, pupil.author_id)
        helen = session.exec(select(User).where(User.username == "helen")).one()
        start = utcnow() - timedelta(hours=3)
        for i in range(BUSY):
            at = start + timedelta(minutes=i)
            c = Comment(school_id=pupil.school_id, account_id=pupil.account_id, platform=pupil.platform,
                        external_id=f"bob-more-{i:02d}", text=f"The head never answers my emails, number {i}",
                        text_sha256="0" * 64, author_id=bob.id, post_external_id=pupil.post_external_id,
                        created_at=at, state="decided")
            session.add(c)
            session.flush()
            auto = Decision(comment_id=c.id, kind="automatic", action="hide", rules=["complaint"],
                            signals=["complaint"], routes=["headteacher"], priority="normal",
                            auto_key=f"{c.id}:0", created_at=at)
            session.add(auto)
            session.flush()
            session.add(Escalation(school_id=c.school_id, comment_id=c.id, decision_id=auto.id, route="headteacher",
                                   priority="normal", reason="A complaint posted publicly", created_at=at))
            session.add(Decision(comment_id=c.id, kind="human", action="keep_hidden", reason="noted",
                                 routes=["headteacher"], decided_by=helen.username, created_at=at))


@contextmanager
def counting(engine):
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _statements(engine, client, path: str) -> int:
    with counting(engine) as statements:
        r = client.get(path)
    assert r.status_code == 200, r.text
    return len(statements)


def test_a_page_costs_a_bounded_number_of_statements(world, engine):
    many_items(engine, 45)
    _busy_author(engine)
    helen = world("helen")
    queue = helen.get("/queue").text  # the first page built once, before counting
    # The item page of one of bob's comments: a thread under the post and a long history.
    with transaction(engine) as session:
        bob_items = session.exec(select(Escalation.id).join(Comment, Comment.id == Escalation.comment_id)
                                 .where(Comment.external_id.like("bob-more-%"))).all()
    assert len(bob_items) == BUSY and "items/" in queue
    item = sorted(bob_items)[BUSY // 2]

    counts = {"queue": _statements(engine, helen, "/queue"),
              "queue page 2": _statements(engine, helen, "/queue?page=2"),
              "item": _statements(engine, helen, f"/items/{item}"),
              "item again": _statements(engine, helen, f"/items/{item}"),
              "records": _statements(engine, helen, "/records"),
              "records filtered": _statements(engine, helen, "/records?author=bob&state=open")}
    print(counts)
    assert counts["queue"] <= QUEUE_MAX, counts
    assert counts["queue page 2"] <= QUEUE_MAX, counts
    assert counts["item"] <= ITEM_MAX, counts
    assert counts["item again"] <= ITEM_MAX, counts
    assert counts["records"] <= RECORDS_MAX, counts
    assert counts["records filtered"] <= RECORDS_MAX, counts
