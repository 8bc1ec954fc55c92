"""One case from first sight to deletion, and every view of it telling the same story.

mallory threatens Mr Okafor. The service hides it (automatic). Mrs Patel (helen, headteacher)
restores it, looks again and keeps it hidden, records a police referral with the reference and the
officer, and finally deletes it. The register row, the case timeline, the incident report PDF and
the police evidence pack must each show every step with who, when, why and the reference, and the
final platform state "deleted"; the audit chain still verifies.
"""
from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from dataclasses import dataclass

import pytest
from pypdf import PdfReader
from sqlmodel import Session, select

from moderator import audit, documents, words
from moderator.act import review
from moderator.db import transaction
from moderator.record import case as cases
from moderator.record.register import Filters, register_rows
from moderator.tables import Comment, Escalation, User
from tests.conftest import comment_line, rows

# A threat both the phrase list and the model read as one (a phrase alone is never sent to police review).
THREAT = "I'll be waiting at the gates on Monday, Mr Okafor, and I'm going to smash your face in. ZEBRA-LANTERN-42"
RESTORE_WHY = "Parent phoned to apologise; restoring while we talk"
REOPEN_WHY = "The parent posted again; looking at this one afresh"
KEEP_WHY = "On reflection the threat stands and must stay hidden"
POLICE_WHY = "Threat of violence against a member of staff"
REFERENCE, OFFICER, REFERRED_ON = "CR/0451/26", "PC Jane Smith 4521", "2026-11-03"
DELETE_WHY = "Police took screenshots and advised removal"


@dataclass
class Story:
    comment_id: int
    steps: list[tuple[str, str]]  # (decision, reason) in order


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def squashed(text: str) -> str:
    """Text without any white space, so a value the PDF wrapped over two lines still matches."""
    return "".join(text.split())


def _escalation(session: Session, comment_id: int, route: str) -> Escalation:
    return session.exec(select(Escalation).where(Escalation.comment_id == comment_id, Escalation.route == route)).one()


def _decide(engine, comment_id: int, route: str, decision: str, reason: str, **details: str) -> None:
    with transaction(engine) as session:
        helen = session.exec(select(User).where(User.username == "helen")).one()
        review.record_decision(session, _escalation(session, comment_id, route), helen, decision, reason,
                               ask_police=False, **details)


def run_story(engine, worker, feed) -> Story:
    """The whole sequence, each platform action carried out by the worker's outbox."""
    with transaction(engine) as session:
        session.add(User(username="helen", display_name="Mrs Helen Patel", role="headteacher",
                         email="head@oakfield.sch.uk"))
    feed.add(comment_line("c-threat", THREAT, author="mallory"))
    worker.run_until_idle()
    (comment,) = rows(engine, Comment, Comment.external_id == "c-threat")
    assert feed.hidden() == {"c-threat"}

    _decide(engine, comment.id, "headteacher", "restore", RESTORE_WHY)
    worker.run_until_idle()
    assert feed.hidden() == set()
    _decide(engine, comment.id, "headteacher", "reopen", REOPEN_WHY)
    _decide(engine, comment.id, "headteacher", "keep_hidden", KEEP_WHY)
    worker.run_until_idle()
    assert feed.hidden() == {"c-threat"}
    _decide(engine, comment.id, "police_review", "police_referral", POLICE_WHY, police_reference=REFERENCE,
            police_officer=OFFICER, police_date=REFERRED_ON)
    _decide(engine, comment.id, "headteacher", "reopen", "Police advice received")
    _decide(engine, comment.id, "headteacher", "delete", DELETE_WHY)
    worker.run_until_idle()
    return Story(comment.id, [("unhide", RESTORE_WHY), ("hide", KEEP_WHY), ("police_referral", POLICE_WHY),
                              ("delete", DELETE_WHY)])


@pytest.fixture
def story(engine, worker, feed) -> Story:
    return run_story(engine, worker, feed)


def test_the_register_row_shows_every_decision_the_referral_and_the_deletion(story, engine):
    with Session(engine) as session:
        (row,) = [r for r in register_rows(session, Filters()) if r["comment_id"] == story.comment_id]
    assert [(d["decision"], d["reason"], d["by"]) for d in row["human_decisions"]] == \
        [(kind, why, "helen") for kind, why in story.steps]
    assert all(d["at"] for d in row["human_decisions"])
    (referral,) = row["referrals"]
    assert (referral["kind"], referral["reference"], referral["contact"], referral["referred_on"],
            referral["recorded_by"]) == ("police", REFERENCE, OFFICER, REFERRED_ON, "helen")
    assert row["platform_state"] == "deleted" and row["deleted_on_platform"] is True
    assert row["last_decision"] == "delete" and row["last_reason"] == DELETE_WHY


def test_the_case_timeline_has_every_step_in_order_with_who_and_why(story, engine):
    with Session(engine) as session:
        case = cases.load(session, story.comment_id)
    kinds = [e.kind for e in case.timeline]
    assert kinds[:3] == ["posted", "captured", "decision"]
    posted = case.timeline[0].summary
    assert posted.startswith(f"Posted on {words.platform_name(case.comment.platform)} (")
    assert words.platform_name(case.comment.platform) != case.comment.platform, "the platform as people read it"
    human = [(e.details["action"], e.details["reason"], e.actor) for e in case.timeline if e.kind == "human_decision"]
    assert human == [(kind, why, "helen") for kind, why in story.steps]
    (referral,) = [e for e in case.timeline if e.kind == "referral"]
    assert referral.actor == "helen" and REFERENCE in referral.summary
    assert referral.details["contact"] == OFFICER and referral.details["referred_on"] == REFERRED_ON
    done = [e.details["kind"] for e in case.timeline if e.kind == "action" and e.details["status"] == "done"]
    assert done == ["hide", "unhide", "hide", "delete"]
    assert [e.actor for e in case.timeline if e.kind == "action"] == ["service", "helen", "helen", "helen"]
    assert case.platform.deleted and case.platform.label == "deleted"
    assert all(e.at is not None for e in case.timeline)


def test_the_incident_report_shows_every_step_and_the_final_state(story, engine):
    with Session(engine) as session:
        pdf = documents.incident_report(session, story.comment_id, staff_name="Mrs Helen Patel")
        comment = session.get(Comment, story.comment_id)
        head = audit.head_text(session)
        case = cases.load(session, story.comment_id)
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    flat = squashed(text)
    for step in case.human + case.referrals:  # when each step happened
        assert squashed(f"{documents._when(step.created_at)}: ") in flat
    for action in case.actions:
        assert squashed(f"{action.kind}: asked by") in flat and squashed(documents._when(action.done_at)) in flat
    for why in [RESTORE_WHY, KEEP_WHY, POLICE_WHY, DELETE_WHY, REOPEN_WHY]:
        assert squashed(why) in flat, why
    for needle in [REFERENCE, OFFICER, REFERRED_ON, "Mrs Helen Patel (helen, headteacher)", comment.text_sha256,
                   comment.permalink, "ZEBRA-LANTERN-42", head, "Threat of violence", "threat", "deleted"]:
        assert squashed(needle) in flat, needle
    # Appendix B's fields
    for label in ["Staff name (submitting report)", "Name of individual posting the content", "Full URL(s)",
                  "Nature of inappropriate content", "Action taken", "Signature:"]:
        assert label in text, label
    assert "Final state on the platform\ndeleted" in text


def test_the_police_pack_holds_the_report_the_case_the_chain_slice_and_how_to_verify(story, engine, tmp_path):
    with Session(engine) as session:
        pack = documents.police_pack(session, story.comment_id)
        head = audit.head_text(session)
        ok, message = audit.verify_chain(session, expect=audit.parse_expect(head))
    assert ok, message
    with zipfile.ZipFile(io.BytesIO(pack)) as zf:
        names = sorted(n.split("/", 1)[1] for n in zf.namelist())
        zf.extractall(tmp_path)
        base = tmp_path / f"case-{story.comment_id}"
    assert names == sorted(["incident-report.pdf", "case.json", "audit-events.jsonl", "chain-head.txt",
                            "verify_events.py", "README.txt", "SHA256SUMS"])
    record = json.loads((base / "case.json").read_text(encoding="utf-8"))
    case = record["case"]
    assert case["comment"]["text"] == THREAT and record["audit_chain_head"] == head
    assert [(d["action"], d["reason"], d["decided_by"]) for d in case["decisions"] if d["kind"] == "human"] == \
        [(kind, why, "helen") for kind, why in story.steps]
    assert all(d["at"] for d in case["decisions"]) and all(a["done_at"] for a in case["actions"])
    assert [e["kind"] for e in case["timeline"]].count("human_decision") == 4
    assert case["referrals"][0]["reference"] == REFERENCE and case["referrals"][0]["contact"] == OFFICER
    assert case["platform_state"]["label"] == "deleted"
    events = [json.loads(line) for line in (base / "audit-events.jsonl").read_text().splitlines()]
    actions = [e["action"] for e in events]
    assert "comment.ingested" in actions and "decision.made" in actions and "referral.recorded" in actions
    assert actions.count("decision.human") == 6 and "action.delete.done" in actions
    assert all({"seq", "prev_hash", "hash"} <= set(e) for e in events)
    assert [e["seq"] for e in events] == sorted(e["seq"] for e in events)
    assert (base / "chain-head.txt").read_text().strip() == head
    readme = (base / "README.txt").read_text()
    assert f"moderator audit verify --expect {head}" in readme
    checked = subprocess.run([sys.executable, "verify_events.py", "audit-events.jsonl"], cwd=base,
                             capture_output=True, text=True)
    assert checked.returncode == 0 and "all events match" in checked.stdout, checked.stdout
    assert "Mrs Helen Patel" in pdf_text((base / "incident-report.pdf").read_bytes())
    sums = dict(line.split("  ")[::-1] for line in (base / "SHA256SUMS").read_text().splitlines())
    import hashlib
    assert all(hashlib.sha256((base / n).read_bytes()).hexdigest() == h for n, h in sums.items())


def test_a_tampered_event_in_the_pack_is_caught_by_its_script(story, engine, tmp_path):
    with Session(engine) as session:
        pack = documents.police_pack(session, story.comment_id)
    with zipfile.ZipFile(io.BytesIO(pack)) as zf:
        zf.extractall(tmp_path)
    base = tmp_path / f"case-{story.comment_id}"
    lines = (base / "audit-events.jsonl").read_text().splitlines()
    event = json.loads(lines[-1])
    event["actor"] = "someone-else"
    lines[-1] = json.dumps(event)
    (base / "audit-events.jsonl").write_text("\n".join(lines) + "\n")
    checked = subprocess.run([sys.executable, "verify_events.py"], cwd=base, capture_output=True, text=True)
    assert checked.returncode == 1 and "does not match its hash" in checked.stdout
