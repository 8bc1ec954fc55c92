"""A matter about the headteacher is the chair of governors' alone, for every other role and on every
read path: pages, search, counts, downloads and e-mail. Its police review goes with it: a DSL (whom a
headteacher could once appoint) reads nothing of it through the police-review entry.

The world is tests/test_visibility.py's: bob wrote a comment about Mrs Patel that went to the chair and
to police review (the chair decided it with a reason only she should know), and later another insult.
"""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlmodel import Session

from moderator.act.notify import plan
from moderator.console import queries
from moderator.db import utcnow
from moderator.tables import Comment, Escalation, Notification
from tests.conftest import rows
from tests.e2e.support import ABOUT_HEAD, csrf_from
from tests.test_console_web import escalation
from tests.test_visibility import CHAIR_REASON, _get, _pages, _sees, _user, world  # noqa: F401 (a fixture)

NOT_THE_CHAIR = ("dina", "omar", "gary")
MARKERS = [ABOUT_HEAD[:30], "is a liar and", CHAIR_REASON, "CHAIR-ONLY"]


def _matter(engine) -> tuple[Comment, set[int]]:
    (comment,) = rows(engine, Comment, Comment.external_id == "c-head")
    return comment, {e.id for e in rows(engine, Escalation, Escalation.comment_id == comment.id)}


@pytest.mark.parametrize("username", NOT_THE_CHAIR)
def test_no_role_but_the_chair_reads_a_matter_about_the_head_on_any_page_or_search(world, engine, username):
    client = world(username)
    comment, items = _matter(engine)
    assert any(e.route == "police_review" for e in rows(engine, Escalation, Escalation.comment_id == comment.id))
    for path in _pages(world.app, engine) + ["/queue?q=liar", "/queue?q=useless&route=police_review",
                                             "/records?q=liar&route=police_review"]:
        body = _get(client, path)
        for marker in MARKERS:
            assert marker not in body, f"{path} shows {marker!r} to {username}"
        assert not {int(i) for i in re.findall(r"/items/(\d+)", body)} & items, f"{path} links {username} to it"
        assert f"/records/{comment.id}" not in body
    for esc_id in items:
        assert client.get(f"/items/{esc_id}").status_code in (403, 404)
        assert not _sees(engine, _user(engine, username), esc_id)
    assert client.get(f"/records/{comment.id}").status_code in (403, 404)


def test_the_dsl_cannot_decide_or_download_the_police_review_of_a_matter_about_the_head(world, engine):
    dina = world("dina")
    comment, _ = _matter(engine)
    police = escalation(engine, "c-head", "police_review")
    token = csrf_from(dina.get("/queue").text)
    r = dina.post(f"/items/{police.id}/decide", data={"decision": "no_police_referral", "reason": "nothing in it",
                                                      "csrf_token": token})
    assert r.status_code in (403, 404)
    for kind in ("incident-report", "police-pack"):
        assert dina.post(f"/records/{comment.id}/{kind}", data={"csrf_token": token}).status_code == 404
    for fmt in ("csv", "jsonl"):
        r = dina.post("/records/export", data={"format": fmt, "back": "", "csrf_token": token})
        assert r.status_code == 200 and r.content
        assert ABOUT_HEAD[:30] not in r.text and CHAIR_REASON not in r.text and "is a liar" not in r.text


def test_the_chair_answered_the_police_question_of_a_matter_about_the_head(world, engine):
    carol = world("carol")
    chair_item = escalation(engine, "c-head", "chair_of_governors")
    police = escalation(engine, "c-head", "police_review")
    assert police.state == "decided" and _sees(engine, _user(engine, "carol"), police.id)
    page = carol.get(f"/items/{chair_item.id}").text
    assert "No police referral needed" in page and CHAIR_REASON in page


@pytest.mark.parametrize("username", ("dina", "omar"))
def test_counts_leave_a_matter_about_the_head_out_for_every_role_but_the_chair(world, engine, username):
    reader, carol = _user(engine, username), _user(engine, "carol")
    everything = rows(engine, Comment)
    today = max((c.created_at or c.fetched_at) for c in everything).date()
    with Session(engine) as session:
        seen = queries.overview(session, reader, today=today)
        by_chair = queries.overview(session, carol, today=today)
    assert seen.totals["comments"] == len(everything) - 1
    assert by_chair.totals["comments"] == len(everything)
    assert "headteacher_allegation" not in dict(seen.signals)


def test_no_e_mail_tells_the_dsl_about_a_matter_about_the_head_and_the_chair_gets_its_police_review(
        world, engine, settings):
    settings.alert_digest_hour = 0
    settings.alert_deputies = {}
    settings.console_base_url = "https://console.oakfield.sch.uk"
    with Session(engine) as session:
        session.execute(update(Escalation).values(created_at=utcnow() - timedelta(minutes=5), priority="urgent"))
        # The chair has decided her own item; the police question waits (an urgent item of its own).
        session.execute(update(Escalation).where(Escalation.route == "chair_of_governors")
                        .values(state="decided"))
        session.execute(update(Escalation).where(Escalation.route == "police_review").values(state="new"))
        session.commit()
    plan(engine, settings)
    _, items = _matter(engine)
    police = escalation(engine, "c-head", "police_review")
    sent = rows(engine, Notification)
    for n in sent:
        if n.recipient in ("dsl@oakfield.sch.uk", "head@oakfield.sch.uk", "office@oakfield.sch.uk"):
            linked = {int(i) for i in re.findall(r"/items/(\d+)", n.body)} | {n.escalation_id}
            assert not linked & items, (n.recipient, n.kind, n.body)
            assert "headteacher_allegation" not in n.body
    to_chair = [n for n in sent if n.recipient == "chair@oakfield.sch.uk"]
    assert any(f"/items/{police.id}" in n.body for n in to_chair), [n.body for n in to_chair]
    assert any(n.recipient == "dsl@oakfield.sch.uk" for n in sent), "the DSL still gets her own items"


def test_the_authors_offence_count_on_an_item_leaves_out_a_matter_about_the_head(world, engine):
    helen = world("helen")
    mine = escalation(engine, "c-bob-head", "headteacher")
    page = helen.get(f"/items/{mine.id}").text
    history = page.split('id="history-h"', 1)[1]
    assert "A comment in another reviewer's queue" in history  # bob's comment to the DSL: not an offence
    assert "several times recently" not in page and "incidents by this author" not in page
    # The chair, who sees both, would still count them: the rule is who reads the item, not the author.
    assert not rows(engine, Escalation, Escalation.comment_id == mine.comment_id, Escalation.route == "police_review")

