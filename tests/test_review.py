"""A reviewer's day (issue #14) and one home per concept (issue #12): one queue entry per comment with
the police question inside it, pages, text search, counts that follow the filter, errors that keep
what was typed, the DSL's safeguarding outcomes in the case history, the stored explanation, people
management, and nothing outside the console importing it."""
from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from moderator import tables
from moderator.tables import AuditEvent, Comment, Decision, Escalation, User
from tests.conftest import rows
from tests.e2e.support import many_items
from tests.test_console_web import console, escalation, queue_ids  # noqa: F401  (fixture)
from tests.test_console_web import csrf_from

ROOT = Path(__file__).resolve().parent.parent


def _items(html: str) -> int:
    return html.count("data-item ")


def test_nothing_outside_the_console_imports_it_at_module_level():
    offenders = []
    for path in sorted((ROOT / "moderator").rglob("*.py")):
        if "console" in path.relative_to(ROOT / "moderator").parts[:1]:
            continue
        tree = ast.parse(path.read_text("utf-8"))
        for node in tree.body:  # module level; the CLI's users/serve commands import it inside the command
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(n == "moderator.console" or n.startswith("moderator.console.") for n in names):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
    code = ("import sys, moderator.worker, moderator.act.notify, moderator.cli, moderator.act.review; "
            "print(sorted(m for m in sys.modules if m.startswith('moderator.console'))); "
            "moderator.cli.build_parser(); "
            "print(sorted(m for m in sys.modules if m.startswith('moderator.console')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    before, after = out.stdout.split("\n")[:2]
    assert before == "[]", "the worker, e-mails and review rules must not load the console"
    assert after == "[]", "building the CLI's parser (moderator --help) loads nothing of the console"


def test_importing_the_console_computes_no_password_hash():
    code = "import moderator.people.auth as a; print(a._hasher.cache_info().currsize, a._dummy_hash.cache_info().currsize)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split() == ["0", "0"]


def test_a_comment_is_listed_once_and_its_police_question_is_answered_on_its_page(console, engine):
    helen = console("helen")
    item, police = escalation(engine, "c-threat", "headteacher"), escalation(engine, "c-threat", "police_review")
    listed = queue_ids(helen)
    assert item.id in listed and police.id not in listed
    page = helen.get(f"/items/{item.id}").text
    assert "Police referral: should this go to the police?" in page
    r = helen.post(f"/items/{item.id}/decide", data={
        "decision": "keep_hidden", "reason": "A threat to a teacher", "police_answer": "refer",
        "police_reference": "WMP-2611-0042", "police_officer": "PC 1234 Jones", "police_date": "2026-11-03",
        "csrf_token": csrf_from(page)})
    assert r.status_code == 303, r.text
    assert escalation(engine, "c-threat", "headteacher").state == "decided"
    assert escalation(engine, "c-threat", "police_review").state == "decided", "no twin left open"
    assert not {item.id, police.id} & queue_ids(helen) and not {police.id} & queue_ids(helen, "?route=police_review")
    (referral,) = rows(engine, tables.Referral)
    assert (referral.kind, referral.reference, referral.contact) == ("police", "WMP-2611-0042", "PC 1234 Jones")
    assert "Referred to the police, reference WMP-2611-0042" in helen.get(f"/items/{item.id}").text


def test_errors_are_shown_beside_the_field_and_keep_what_was_typed(console, engine):
    helen = console("helen")
    police = escalation(engine, "c-threat", "police_review")
    page = helen.get(f"/items/{police.id}").text
    assert 'maxlength="2000"' in page, "the limit is shown before submitting"
    r = helen.post(f"/items/{police.id}/decide", data={
        "decision": "police_referral", "reason": "Threat to a teacher, typed with care", "police_officer": "PC 9",
        "police_date": "2026-11-03", "csrf_token": csrf_from(page)})
    assert r.status_code == 422
    assert 'id="police_reference-error"' in r.text and "reference number" in r.text
    assert "Threat to a teacher, typed with care" in r.text and 'value="PC 9"' in r.text
    long = "x" * 2001
    r = helen.post(f"/items/{police.id}/decide", data={"decision": "no_police_referral", "reason": long,
                                                        "csrf_token": csrf_from(page)})
    assert r.status_code == 422 and "keep it to 2000" in r.text and long in r.text, "never cut silently"
    r = helen.post("/queue/bulk", data={"decision": "keep_hidden", "reason": "Bulk reason kept",
                                        "csrf_token": csrf_from(page)})
    assert r.status_code == 422 and "select at least one item" in r.text.lower() and "Bulk reason kept" in r.text
    assert rows(engine, Decision, Decision.kind == "human") == []


def test_the_queue_pages_searches_and_counts_what_the_filter_shows(console, engine):
    many_items(engine, 51)
    helen = console("helen")
    first = helen.get("/queue?route=headteacher").text
    assert _items(first) == 30 and "page 1 of 2" in first
    second = helen.get("/queue?route=headteacher&page=2").text
    waiting = int(re.search(r'Headteacher <span class="count">(\d+)</span>', first).group(1))  # 51 and the cast's own
    assert waiting > 51 and _items(second) == waiting - 30 and "page 2 of 2" in second
    assert '<a href="/queue?route=headteacher" rel="prev">' in second, "a link back to the first page, filter kept"
    assert 'rel="next"' not in second
    found = helen.get("/queue?q=complaint+number+007").text
    assert _items(found) == 1 and "complaint number 007" in found
    x_only = helen.get("/queue?platform=x").text
    assert re.search(r'Urgent <span class="count">0</span>', x_only), "tab counts follow the filter"
    assert re.search(r'All open <span class="count">0</span>', x_only)
    item = re.search(r'href="(/items/\d+\?back=[^"]+)"', first).group(1)
    assert 'href="/queue?route=headteacher"' in helen.get(item.replace("&amp;", "&")).text, "← Queue keeps the filter"


def test_the_dsl_records_safeguarding_outcomes_in_the_case_history(console, engine):
    dina = console("dina")
    esc = escalation(engine, "c-pupil", "dsl")
    page = dina.get(f"/items/{esc.id}").text
    for label in ("Referred to children&#39;s social care / MASH", "LADO consulted", "Early help", "No referral"):
        assert label in page
    r = dina.post(f"/items/{esc.id}/decide", data={"decision": "refer_mash", "reason": "Named child at risk",
                                                    "csrf_token": csrf_from(page)})
    assert r.status_code == 422 and "needs its reference" in r.text
    r = dina.post(f"/items/{esc.id}/decide", data={"decision": "refer_mash", "reason": "Named child at risk",
                                                    "sg_reference": "MASH-77", "sg_contact": "Duty SW",
                                                    "csrf_token": csrf_from(page)})
    assert r.status_code == 303
    (referral,) = rows(engine, tables.Referral)
    assert (referral.kind, referral.reference, referral.contact, referral.recorded_by) == \
        ("mash", "MASH-77", "Duty SW", "dina")
    event = next(e for e in rows(engine, AuditEvent) if e.action == "referral.recorded")
    assert event.data["kind"] == "mash" and event.actor == "dina"
    assert "Referred to children&#39;s social care / MASH, reference MASH-77" in dina.get(f"/items/{esc.id}").text
    # Not on the headteacher's route: the server refuses what the page does not offer there.
    helen = console("helen")
    head = escalation(engine, "c-script", "headteacher")
    r = helen.post(f"/items/{head.id}/decide", data={"decision": "early_help", "reason": "x",
                                                      "csrf_token": csrf_from(helen.get("/queue").text)})
    assert r.status_code == 403


def test_the_item_shows_the_stored_explanation_not_todays_policy_file(console, engine, monkeypatch):
    from moderator.judge import policy
    from moderator.db import transaction

    comment = rows(engine, Comment, Comment.external_id == "c-script")[0]
    with transaction(engine) as session:
        automatic = session.exec(__import__("sqlmodel").select(Decision).where(
            Decision.comment_id == comment.id, Decision.kind == "automatic")).first()
        automatic.explanation = [{"rule": "abuse", "signal": "abusive", "text": "Stored words from 2026-11-02",
                                  "clauses": []}]
        session.add(automatic)
    monkeypatch.setattr(policy, "load_policy", lambda *a, **k: (_ for _ in ()).throw(AssertionError("read")))
    helen = console("helen")
    page = helen.get(f"/items/{escalation(engine, 'c-script', 'headteacher').id}").text
    assert "Stored words from 2026-11-02" in page


def test_the_headteacher_manages_office_staff_but_not_the_chair(console, engine):
    helen, omar = console("helen"), console("omar")
    assert omar.get("/people").status_code == 403
    page = helen.get("/people").text
    r = helen.post("/people", data={"username": "dee", "display_name": "Ms Dee Lane", "role": "moderator",
                                    "password": "short", "email": "", "csrf_token": csrf_from(page)})
    assert r.status_code == 422 and "at least 12 characters" in r.text and 'value="dee"' in r.text
    r = helen.post("/people", data={"username": "dee", "display_name": "Ms Dee Lane", "role": "moderator",
                                    "password": "a long office password", "email": "dee@oakfield.sch.uk",
                                    "csrf_token": csrf_from(page)})
    assert r.status_code == 200 and 'src="data:image/svg+xml' in r.text and "data-totp-key" in r.text
    (dee,) = rows(engine, User, User.username == "dee")
    carol = rows(engine, User, User.username == "carol")[0]
    assert helen.post(f"/people/{carol.id}/reset", data={"password": "helen knows this now",
                                                         "csrf_token": csrf_from(page)}).status_code == 403
    r = helen.post(f"/people/{dee.id}/disable", data={"reason": "left", "csrf_token": csrf_from(page)})
    assert r.status_code == 303
    actions = {(e.action, e.actor) for e in rows(engine, AuditEvent) if e.action.startswith("user.")}
    assert {("user.added", "helen"), ("user.disabled", "helen")} <= actions
    assert rows(engine, Escalation)  # untouched


def _open_item(engine, ext_id: str, *, rules: list[str], route: str, priority: str, minutes_ago: int) -> int:
    """An open item written straight to the database (no classifier), posted ``minutes_ago``."""
    from datetime import timedelta

    from sqlmodel import select

    from moderator.db import transaction, utcnow
    from moderator.tables import Account

    at = utcnow() - timedelta(minutes=minutes_ago)
    with transaction(engine) as session:
        account = session.exec(select(Account)).first()
        comment = Comment(school_id=account.school_id, account_id=account.id, platform=account.platform,
                          external_id=ext_id, text=f"words of {ext_id}", text_sha256="0" * 64, created_at=at,
                          state="decided")
        session.add(comment)
        session.flush()
        decision = Decision(comment_id=comment.id, kind="automatic", action="hide", rules=rules, signals=rules,
                            routes=[route], priority=priority, auto_key=f"{comment.id}:0", created_at=at)
        session.add(decision)
        session.flush()
        esc = Escalation(school_id=account.school_id, comment_id=comment.id, decision_id=decision.id, route=route,
                         priority=priority, reason=", ".join(rules), created_at=at)
        session.add(esc)
        session.flush()
        return esc.id


def _listed(client) -> list[int]:
    """The queue's item ids, in the order shown."""
    return list(dict.fromkeys(int(i) for i in re.findall(r'href="/items/(\d+)[?"]', client.get("/queue").text)))


def test_the_dsls_queue_lists_a_child_at_risk_first_then_threats_then_the_rest(console, engine):
    insults = [_open_item(engine, f"insult-{n}", rules=["identity_abuse"], route="police_review", priority="urgent",
                          minutes_ago=600 - n) for n in range(8)]
    named = _open_item(engine, "named", rules=["pupil_identified"], route="dsl", priority="urgent", minutes_ago=900)
    disclosure = _open_item(engine, "disclosure", rules=["safeguarding_concern"], route="dsl", priority="urgent",
                            minutes_ago=5)
    dina = console("dina")
    listed = _listed(dina)
    assert listed[0] == disclosure, "a child at risk comes first, however new"
    assert listed.index(named) > max(listed.index(i) for i in insults), "threats and police review before the rest"
    assert [i for i in listed if i in insults] == insults, "then oldest first"
    page = dina.get(f"/items/{disclosure}").text
    assert re.search(rf'href="/items/{insults[0]}[^"]*"[^>]*rel="next"', page), "Next follows the same order"
    page = dina.get(f"/items/{insults[0]}").text
    assert re.search(rf'href="/items/{disclosure}[^"]*"[^>]*rel="prev"', page)


def test_a_safeguarding_outcome_and_the_platform_decision_are_recorded_separately(console, engine):
    dina = console("dina")
    esc = escalation(engine, "c-pupil", "dsl")
    page = dina.get(f"/items/{esc.id}").text
    r = dina.post(f"/items/{esc.id}/decide", data={"decision": "refer_mash", "reason": "Named child at risk",
                                                    "sg_reference": "MASH-77", "csrf_token": csrf_from(page)})
    assert r.status_code == 303, r.text
    assert escalation(engine, "c-pupil", "dsl").state == "in_review", "still waiting for its platform decision"
    assert esc.id in queue_ids(dina)
    page = dina.get(f"/items/{esc.id}").text
    for offered in ('value="keep_hidden"', 'value="delete"'):
        assert offered in page, offered
    r = dina.post(f"/items/{esc.id}/decide", data={"decision": "keep_hidden", "reason": "Keep the child's name hidden",
                                                    "csrf_token": csrf_from(page)})
    assert r.status_code == 303, r.text
    assert escalation(engine, "c-pupil", "dsl").state == "decided"
    page = dina.get(f"/items/{esc.id}").text
    assert 'value="lado_consulted"' in page and 'value="keep_hidden"' not in page, \
        "a later outcome may still be recorded on a decided item; the platform decision is taken"
    r = dina.post(f"/items/{esc.id}/decide", data={"decision": "early_help", "reason": "Family agreed to early help",
                                                    "csrf_token": csrf_from(page)})
    assert r.status_code == 303, r.text
    assert [r.kind for r in rows(engine, tables.Referral)] == ["mash", "early_help"]
    assert escalation(engine, "c-pupil", "dsl").state == "decided"
    human = sorted((d.id, d.action) for d in rows(engine, Decision, Decision.kind == "human"))
    assert [a for _, a in human] == ["mash_referral", "hide", "early_help"]


def test_lado_is_offered_on_allegations_that_staff_or_the_head_harmed_a_child(console, engine):
    staff = _open_item(engine, "staff-harm", rules=["staff_harm_allegation"], route="headteacher", priority="urgent",
                       minutes_ago=30)
    head = _open_item(engine, "head-harm", rules=["headteacher_harm_allegation"], route="chair_of_governors",
                      priority="urgent", minutes_ago=30)
    rude = _open_item(engine, "rude", rules=["abusive_language"], route="headteacher", priority="normal",
                      minutes_ago=30)
    helen, carol = console("helen"), console("carol")
    assert 'value="lado_consulted"' in helen.get(f"/items/{staff}").text
    assert 'value="lado_consulted"' in carol.get(f"/items/{head}").text
    page = helen.get(f"/items/{rude}").text
    assert 'value="lado_consulted"' not in page and 'value="refer_mash"' not in page
    r = carol.post(f"/items/{head}/decide", data={"decision": "lado_consulted", "reason": "Spoke to the LADO today",
                                                  "sg_contact": "LADO duty officer",
                                                  "csrf_token": csrf_from(carol.get("/queue").text)})
    assert r.status_code == 303, r.text
    (referral,) = rows(engine, tables.Referral)
    assert (referral.kind, referral.contact, referral.recorded_by) == ("lado", "LADO duty officer", "carol")
    r = helen.post(f"/items/{rude}/decide", data={"decision": "lado_consulted", "reason": "x",
                                                  "csrf_token": csrf_from(helen.get("/queue").text)})
    assert r.status_code == 403, "the server accepts only what the page offers"
