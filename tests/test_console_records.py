"""The console's records (issue #13): the history of every case a person may see, one case's page,
and the downloads made from them, for each role and each path.

The world is tests/test_visibility.py's: bob's comment about Mrs Patel went to the chair of governors
(and to police review) and the chair decided it with a reason only she should know. Nothing the
headteacher reaches here, no list, count, search, case page, export or document, may tell her any of
it, not even that it exists.
"""
from __future__ import annotations

import csv
import html
import hashlib
import io
import json
import re
import zipfile

import pytest
from sqlmodel import Session, select

from moderator import audit, documents
from moderator.console import records as rec
from moderator.people.access import comment_readable
from moderator.record.register import Filters, register_rows
from moderator.tables import AuditEvent, Comment, Escalation, User
from moderator.vocab import ROLE_ROUTES
from tests.conftest import rows
from tests.e2e.support import ABOUT_HEAD, CAST, PUPIL, SCRIPT, THREAT, THREAT_2, csrf_from, many_items
from tests.test_console_web import escalation
from tests.test_visibility import CHAIR_REASON, world  # noqa: F401  (the fixture)

SECRET_MARKERS = [ABOUT_HEAD[:30], "is a liar and", "completely useless", CHAIR_REASON, "CHAIR-ONLY", "c-head"]
ALL_TEXTS = [THREAT[:30], THREAT_2[:30], PUPIL[:30], ABOUT_HEAD[:30], "f***ing idiot", "Mr Okafor you stupid"]


def _comment(engine, ext_id: str) -> Comment:
    (c,) = rows(engine, Comment, Comment.external_id == ext_id)
    return c


def _user(engine, username: str) -> User:
    (u,) = rows(engine, User, User.username == username)
    return u


def _expected(engine, username: str) -> set[int]:
    """Worked out from the rule's words, not its code: a comment with an item on one of the role's
    routes; for everyone but the chair of governors, nothing that ever went to the chair."""
    role = CAST[username][0]
    escs = rows(engine, Escalation)
    mine = {e.comment_id for e in escs if e.route in ROLE_ROUTES[role]}
    if role != "chair_of_governors":
        mine -= {e.comment_id for e in escs if e.route == "chair_of_governors"}
    return mine


def _listed(client, query: str = "") -> tuple[set[int], int]:
    page = client.get("/records" + query)
    assert page.status_code == 200, page.text
    ids = {int(i) for i in re.findall(r'href="/records/(\d+)[?"]', page.text)}
    total = int(re.search(r'data-total="(\d+)"', page.text).group(1))
    return ids, total


def _post(client, path: str, **data):
    token = csrf_from(client.get("/records").text)
    return client.post(path, data={"csrf_token": token, **data})


def _exports(engine) -> list[AuditEvent]:
    return [e for e in rows(engine, AuditEvent) if e.action == "document.exported"]


def _csv_ids(body: str) -> set[int]:
    return {int(r["comment_id"]) for r in csv.DictReader(io.StringIO(body))}


def _jsonl(body: str) -> list[dict]:
    return [json.loads(line) for line in body.splitlines() if line.strip()]


# -- the headteacher and the chair's case ----------------------------------------------------------

def test_the_headteacher_learns_nothing_about_a_chair_case_on_any_records_path(world, engine):
    helen = world("helen")
    secret = _comment(engine, "c-head").id
    bodies = {}
    for query in ("", "?q=liar", "?q=Patel", "?q=useless", "?author=bob", "?route=police_review", "?state=open",
                  "?state=decided", "?state=hidden", "?decided=yes", "?decided=no", "?from=2026-11-02&to=2026-11-02"):
        r = helen.get("/records" + query)
        assert r.status_code == 200
        bodies[f"list {query}"] = r.text
        assert secret not in _listed(helen, query)[0]
    # Searching for its words finds nothing, and the count says so.
    assert _listed(helen, "?q=liar") == (set(), 0)
    assert _listed(helen, "?q=useless") == (set(), 0)
    # Counts are hers alone: the total is exactly what the rule lets her read.
    assert _listed(helen)[1] == len(_expected(engine, "helen"))
    # Its case page is "not found", exactly like a case that does not exist.
    missing = helen.get("/records/999999")
    r = helen.get(f"/records/{secret}")
    assert r.status_code == 404 == missing.status_code
    assert r.text == missing.text
    bodies["case page"] = r.text
    # Exports: not a row, not a word.
    for fmt in ("csv", "jsonl"):
        for back in ("", "q=liar", "author=bob"):
            r = _post(helen, "/records/export", format=fmt, back=back)
            assert r.status_code == 200
            bodies[f"export {fmt} {back}"] = r.text
            got = _csv_ids(r.text) if fmt == "csv" else {row["comment_id"] for row in _jsonl(r.text)}
            assert secret not in got
    # Documents about it are "not found" too.
    for doc in ("incident-report", "police-pack"):
        r = _post(helen, f"/records/{secret}/{doc}")
        assert r.status_code == 404
        bodies[doc] = r.text
    for where, body in bodies.items():
        for marker in SECRET_MARKERS:
            assert marker not in body, f"{where} shows {marker!r} to the headteacher"
        assert f"/records/{secret}" not in body and "carol" not in body, where
    assert not [e for e in _exports(engine) if e.subject_id == secret]


def test_the_headteachers_termly_report_counts_nothing_of_the_chair_case(world, engine):
    helen, carol = _user(engine, "helen"), _user(engine, "carol")
    since, until = rec.datetime(2026, 11, 1, tzinfo=rec.timezone.utc), rec.datetime(2026, 12, 1, tzinfo=rec.timezone.utc)
    school = _comment(engine, "c-head").school_id
    with Session(engine) as session:
        rec._in_scope(session, helen)
        hers = documents.termly_figures(session, school, since, until)
    with Session(engine) as session:
        rec._in_scope(session, carol)
        chairs = documents.termly_figures(session, school, since, until)
    assert "chair_of_governors" not in hers.by_route and chairs.by_route["chair_of_governors"] >= 1
    in_scope = len(rows(engine, Comment)) - len({e.comment_id for e in rows(engine, Escalation)
                                                 if e.route == "chair_of_governors"})
    assert sum(hers.seen_by_platform.values()) == in_scope
    assert sum(chairs.seen_by_platform.values()) == len(rows(engine, Comment))
    # Over HTTP: a PDF, recorded in the audit log with her name.
    r = _post(world("helen"), "/records/termly-report", since="2026-11-01", until="2026-11-30")
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    (event,) = [e for e in _exports(engine) if e.data["kind"] == "termly"]
    assert event.actor == "helen" and event.data["sha256"] == hashlib.sha256(r.content).hexdigest()
    assert r.headers["x-audit-chain-head"] == event.data["chain_head"]
    assert ABOUT_HEAD[:20].encode() not in r.content


# -- each role sees exactly what the rule allows ---------------------------------------------------

@pytest.mark.parametrize("username", ["helen", "dina", "omar", "carol"])
def test_each_role_lists_counts_exports_and_opens_exactly_its_cases(world, engine, username):
    client = world(username)
    expected = _expected(engine, username)
    assert expected
    ids, total = _listed(client)
    assert ids == expected and total == len(expected)
    with Session(engine) as session:  # the same as the one rule says
        user = _user(engine, username)
        assert expected == set(session.exec(select(Comment.id).where(comment_readable(user, Comment.id))).all())
    r = _post(client, "/records/export", format="csv", back="")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    with Session(engine) as session:
        register_ids = {row["comment_id"] for row in register_rows(session, Filters())}
    assert _csv_ids(r.text) == expected & register_ids
    r = _post(client, "/records/export", format="jsonl", back="")
    assert {row["comment_id"] for row in _jsonl(r.text)} == expected & register_ids
    for c in rows(engine, Comment):
        page = client.get(f"/records/{c.id}")
        assert page.status_code == (200 if c.id in expected else 404), (username, c.external_id)
        pdf = _post(client, f"/records/{c.id}/incident-report")
        assert pdf.status_code == (200 if c.id in expected else 404), (username, c.external_id)
        if c.id in expected:
            assert pdf.content.startswith(b"%PDF") and c.text[:15] in html.unescape(page.text)
    termly = _post(client, "/records/termly-report", since="2026-11-01", until="2026-11-30")
    assert termly.status_code == (200 if username in ("helen", "carol") else 403)


def test_a_governor_reads_no_comment_text_and_gets_only_the_termly_report(world, engine):
    gary = world("gary")
    page = gary.get("/records")
    assert page.status_code == 200 and "Termly report" in page.text
    for text in ALL_TEXTS:
        assert text not in page.text
    assert not re.findall(r'href="/records/\d+', page.text)
    for c in rows(engine, Comment):
        assert gary.get(f"/records/{c.id}").status_code == 404
        assert _post(gary, f"/records/{c.id}/incident-report").status_code == 404
        assert _post(gary, f"/records/{c.id}/police-pack").status_code == 404
    for fmt in ("csv", "jsonl"):
        assert _post(gary, "/records/export", format=fmt).status_code == 403
    assert not _exports(engine)
    r = _post(gary, "/records/termly-report", since="2026-11-01", until="2026-11-30")
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    assert [e.actor for e in _exports(engine)] == ["gary"]


def test_a_case_page_shows_people_decisions_and_items_on_the_readers_routes_only(world, engine):
    helen, dina = world("helen"), world("dina")
    threat = _comment(engine, "c-threat")
    head_item = escalation(engine, "c-threat", "headteacher")
    token = csrf_from(helen.get(f"/items/{head_item.id}").text)
    r = helen.post(f"/items/{head_item.id}/decide", data={
        "decision": "keep_hidden", "reason": "HEAD-ONLY a threat to Mr Okafor", "csrf_token": token,
        "police_answer": "none", "police_reason": "POLICE-Q the parent apologised in person"})
    assert r.status_code == 303, r.text
    mine = helen.get(f"/records/{threat.id}").text
    assert "HEAD-ONLY a threat to Mr Okafor" in mine and "POLICE-Q" in mine and threat.text_sha256 in mine
    assert "c-threat" in mine  # the permalink
    assert "Automatic decision" in mine and "helen" in mine
    # The DSL reads the comment through police review: the police answer, not the headteacher's decision.
    theirs = dina.get(f"/records/{threat.id}").text
    assert "POLICE-Q" in theirs and "HEAD-ONLY" not in theirs
    assert f'href="/items/{head_item.id}"' not in theirs
    assert f'href="/items/{escalation(engine, "c-threat", "police_review").id}"' in theirs
    (row,) = [x for x in _jsonl(_post(dina, "/records/export", format="jsonl").text) if x["comment_id"] == threat.id]
    assert {e["route"] for e in row["escalations"]} == {"police_review"}
    assert all("HEAD-ONLY" not in (d["reason"] or "") for d in row["human_decisions"])
    assert [r["kind"] for r in row["referrals"]] == ["no_police"]
    # The DSL's incident report leaves the headteacher's decision out too.
    with Session(engine) as session:
        user = _user(engine, "dina")
        case = rec.load_case(session, user, threat.id)
    assert all(d.decided_by != "helen" or "police_review" in d.routes for d in case.human)


def test_alerts_on_a_case_are_those_of_the_readers_own_items(world, engine, settings):
    from datetime import timedelta

    from sqlalchemy import update

    from moderator.db import transaction, utcnow
    from moderator.act.notify import plan
    from moderator.tables import Notification

    settings.console_base_url = "https://console.oakfield.sch.uk"
    settings.alert_digest_hour = 0
    with transaction(engine) as session:
        session.execute(update(Escalation).values(created_at=utcnow() - timedelta(hours=2)))
    plan(engine, settings)
    threat = _comment(engine, "c-threat")
    head_item = escalation(engine, "c-threat", "headteacher")
    head_alerts = [n for n in rows(engine, Notification) if n.escalation_id == head_item.id]
    assert head_alerts
    dina, helen = _user(engine, "dina"), _user(engine, "helen")
    with Session(engine) as session:
        case = rec.load_case(session, dina, threat.id)
        assert head_item.id not in {n.escalation_id for n in case.alerts}
        assert all(e.route != "headteacher" for e in case.escalations)
        case = rec.load_case(session, helen, threat.id)
        assert head_item.id in {n.escalation_id for n in case.alerts}


# -- search, filters, pages and counts --------------------------------------------------------------

def test_search_filters_pages_and_counts_follow_the_filter(world, engine):
    helen = world("helen")
    many_items(engine, 45, prefix="Parking outside the gates again, number")
    ids, total = _listed(helen, "?q=parking+outside")
    assert total == 45 and len(ids) == 30
    page = helen.get("/records?q=parking+outside").text
    assert "page 1 of 2" in page
    nxt = re.search(r'href="/records\?([^"]+)" rel="next"', page).group(1).replace("&amp;", "&")
    assert "q=parking+outside" in nxt and "page=2" in nxt
    ids2, _ = _listed(helen, "?" + nxt)
    assert len(ids2) == 15 and not ids & ids2
    # Back links keep the filter and the page.
    first = sorted(ids2)[0]
    link = re.search(rf'href="(/records/{first}\?back=[^"]+)"', helen.get("/records?" + nxt).text).group(1)
    case = helen.get(link.replace("&amp;", "&")).text
    assert re.search(r'href="/records\?[^"]*q=parking\+outside[^"]*page=2', case.replace("&amp;", "&"))
    # Tab counts follow the filter: open + decided = all, for this search.
    counts = dict(re.findall(r'data-count="(\w+)">(\d+)<', page))
    assert int(counts["open"]) + int(counts["decided"]) == int(counts["all"]) == 45
    # Author, date range, route and decided.
    assert _listed(helen, "?author=trent") == ({_comment(engine, "c-threat2").id}, 1)
    assert _listed(helen, "?from=2026-11-03&to=2026-11-03")[1] == 0
    assert _listed(helen, "?route=police_review")[0] <= _expected(engine, "helen")
    assert _listed(helen, "?decided=yes")[1] == 0
    # A search term is data, never SQL or a wildcard.
    assert _listed(helen, "?q=%25")[1] == 0 and _listed(helen, "?q=' OR 1=1 --")[1] == 0


def test_the_platform_state_filter_agrees_with_the_register(world, engine, worker):
    helen = world("helen")
    item = escalation(engine, "c-script", "headteacher")
    token = csrf_from(helen.get(f"/items/{item.id}").text)
    assert helen.post(f"/items/{item.id}/decide", data={"decision": "restore", "reason": "Rude, not abusive",
                                                        "csrf_token": token}).status_code == 303
    worker.run_until_idle()
    user = _user(engine, "helen")
    for state in ("hidden", "visible", "deleted"):
        with Session(engine) as session:
            want = {r["comment_id"] for r in register_rows(session, Filters(state=state),
                                                           visible=comment_readable(user, Comment.id))}
        ids, total = _listed(helen, f"?state={state}")
        assert ids == want and total == len(want), state
        r = _post(helen, "/records/export", format="jsonl", back=f"state={state}")
        assert {row["comment_id"] for row in _jsonl(r.text)} == want
    assert _comment(engine, "c-script").id in _listed(helen, "?state=visible")[0]


# -- downloads: authorised, audited, with the chain head ---------------------------------------------

def test_every_download_is_audited_with_the_chain_head_it_was_made_at(world, engine):
    helen = world("helen")
    threat = _comment(engine, "c-threat")
    with Session(engine) as session:
        before = audit.head_text(session)
    r = _post(helen, "/records/export", format="csv", back="q=Okafor")
    assert r.status_code == 200
    assert r.headers["x-audit-chain-head"] == before
    seq, digest = before.split(":")
    assert f"{seq}-{digest}" in r.headers["content-disposition"]
    (event,) = _exports(engine)
    assert event.actor == "helen" and event.data["kind"] == "register-csv"
    assert event.data["sha256"] == hashlib.sha256(r.content).hexdigest() and event.data["bytes"] == len(r.content)
    assert event.data["complete"] is True and event.data["filters"] == {"q": "Okafor"}
    assert event.data["rows"] == len(_csv_ids(r.text)) >= 2
    # A spreadsheet formula in a comment is neutralised, as in the register.
    for kind, path, media in (("incident", "incident-report", "application/pdf"),
                              ("police-pack", "police-pack", "application/zip")):
        with Session(engine) as session:
            before = audit.head_text(session)
        r = _post(helen, f"/records/{threat.id}/{path}")
        assert r.status_code == 200 and r.headers["content-type"] == media
        assert r.headers["x-audit-chain-head"] == before
        event = _exports(engine)[-1]
        assert (event.actor, event.data["kind"], event.subject_id) == ("helen", kind, threat.id)
        assert event.data["sha256"] == hashlib.sha256(r.content).hexdigest()
    names = zipfile.ZipFile(io.BytesIO(r.content)).namelist()
    assert f"case-{threat.id}/case.json" in names
    with Session(engine) as session:
        assert audit.verify_chain(session)[0]


def test_downloads_need_the_csrf_token_and_pages_do_not_write(world, engine):
    helen = world("helen")
    threat = _comment(engine, "c-threat")
    events = len(rows(engine, AuditEvent))
    helen.get("/records")
    helen.get(f"/records/{threat.id}")
    helen.get("/records?q=Okafor&state=open")
    assert len(rows(engine, AuditEvent)) == events, "reading the records writes nothing"
    for path, data in (("/records/export", {"format": "csv"}), (f"/records/{threat.id}/incident-report", {}),
                       (f"/records/{threat.id}/police-pack", {}),
                       ("/records/termly-report", {"since": "2026-11-01", "until": "2026-11-30"})):
        for token in (None, "forged"):
            r = helen.post(path, data={**data, **({"csrf_token": token} if token else {})})
            assert r.status_code == 403, path
        assert helen.get(path).status_code in (404, 405)
    assert not _exports(engine)


def test_office_staff_and_the_dsl_may_not_make_the_termly_report(world, engine):
    for username in ("omar", "dina"):
        r = _post(world(username), "/records/termly-report", since="2026-11-01", until="2026-11-30")
        assert r.status_code == 403
    assert not _exports(engine)


def test_comment_text_on_the_records_pages_is_inert(world, engine):
    helen = world("helen")
    script = _comment(engine, "c-script")
    for page in (helen.get("/records").text, helen.get(f"/records/{script.id}").text):
        assert "<script>alert" not in page and "<img src=x" not in page
        assert "&lt;script&gt;alert(" in page
    assert SCRIPT
