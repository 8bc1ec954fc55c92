"""Documents: each PDF opens and its text can be extracted; hostile comment text never breaks one; the
governors' termly report names no pupil and quotes no comment; uptime comes from the audit log.

Cast: Oakfield Primary (pupil Alfie Morgan on the roster), mallory (abusive), bob (angry), alice;
Mrs Patel (helen, headteacher) and Mr Khan (dan, DSL) review.
"""
from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import datetime, timedelta, timezone

import pytest
from pypdf import PdfReader
from sqlmodel import Session, select

from moderator import audit, documents
from moderator.act import review
from moderator.cli import main
from moderator.console.records import load_case
from moderator.db import transaction, utcnow
from moderator.record import case as cases
from moderator.tables import Account, AuditEvent, Comment, Decision, Escalation, School, User
from tests.conftest import comment_line, rows
from tests.test_case_lifecycle import pdf_text, squashed

PUPIL_TEXT = "QUOKKA-TRAMPOLINE-77 Alfie Morgan in year 4 is a thief and everyone should know it"
ABUSE = "You are a useless pathetic idiot, XYLOPHONE-GHOST-19, and so is everyone at that school"
TERM = dict(since=datetime(2026, 9, 1, tzinfo=timezone.utc), until=datetime(2026, 12, 20, tzinfo=timezone.utc))


def _user(session, username, role, name):
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None:
        user = User(username=username, display_name=name, role=role)
        session.add(user)
        session.flush()
    return user


def _escalation(session, ext, route):
    comment = session.exec(select(Comment).where(Comment.external_id == ext)).one()
    return session.exec(select(Escalation).where(Escalation.comment_id == comment.id, Escalation.route == route)).one()


def _comment_id(engine, ext):
    (c,) = rows(engine, Comment, Comment.external_id == ext)
    return c.id


# -- hostile text -----------------------------------------------------------------------------------

def test_safe_text_shows_every_character_it_cannot_draw_as_a_visible_code():
    assert documents.safe("café “quoted” – £5 €") == "café “quoted” – £5 €"
    assert documents.safe("a\x00b") == "a[U+0000]b"
    assert documents.safe("evil\u202eexe.txt") == "evil[U+202E]exe.txt"
    assert documents.safe("😀") == "[U+1F600]"
    assert documents.safe("\U00020000") == "[U+20000]"  # a rare ideograph outside the embedded CJK subset
    assert documents.safe("zero\u200bwidth") == "zero[U+200B]width"
    cut = documents.safe("x" * 50, limit=10)
    assert cut.startswith("x" * 10) and "40 more characters" in cut


@pytest.mark.parametrize("text", [
    "😀🔥💀 " * 400 + "مرحبا بالعالم " * 50 + "שלום \u202e\u200d\u2066 עולם",
    "NUL\x00in the middle\x00 and \x07 bell and \r\n windows lines \t tabs",
    "A" * 20_000,  # one word longer than a page is wide, many times over
    pytest.param("very long comment " * 20_000, marks=pytest.mark.slow),  # 360,000 characters; the classifier reads it all
    "   ",
    "𝕳𝖊𝖑𝖑𝖔 Ｆｕｌｌｗｉｄｔｈ ZA̸̢̛L̵G̶O̷ ñ ß Ø ł ő ř 中文 日本語 한국어",
])
def test_an_incident_report_survives_any_comment_text(engine, worker, feed, text):
    feed.add(comment_line("c-hostile", text, author="mallory", permalink="https://x.test/" + "p" * 1500))
    worker.run_until_idle()
    with Session(engine) as session:
        cid = _comment_id(engine, "c-hostile")
        pdf = documents.incident_report(session, cid)
        pack = documents.police_pack(session, cid)
    reader = PdfReader(io.BytesIO(pdf))
    assert all(p.mediabox.width == pytest.approx(595.28, abs=1) and p.mediabox.height == pytest.approx(841.89, abs=1)
               for p in reader.pages)  # A4
    assert len(reader.pages) < 40
    extracted = pdf_text(pdf)
    assert "Inappropriate content report" in extracted
    with zipfile.ZipFile(io.BytesIO(pack)) as zf:
        record = json.loads(zf.read(f"case-{cid}/case.json"))
    stored = rows(engine, Comment, Comment.id == cid)[0].text
    assert record["case"]["comment"]["text"] == stored  # the pack keeps the exact text


# Comments in the languages parents at UK schools write in (words: a Polish, an Urdu, a Russian, a
# Hindi, a Punjabi, a Bengali, a Chinese and a Greek parent).
WORLD = {
    "polish": "Ten nauczyciel to skończony idiota, żądam przeprosin za źle ocenioną pracę",
    "urdu": "یہ استاد بالکل بیکار ہے اور جھوٹا ہے",
    "russian": "Этот учитель просто ужасный, позор школе",
    "hindi": "यह शिक्षक बहुत बुरा है और झूठ बोलता है",
    "punjabi": "ਇਹ ਅਧਿਆਪਕ ਬਹੁਤ ਮਾੜਾ ਹੈ",
    "bengali": "এই শিক্ষক খুব খারাপ",
    "chinese": "这个老师很糟糕",
    "greek": "Αυτός ο δάσκαλος είναι απαράδεκτος",
}


def test_safe_text_keeps_the_scripts_parents_write_in():
    for text in WORLD.values():
        assert documents.safe(text) == text


@pytest.mark.parametrize("language", list(WORLD))
def test_an_incident_report_prints_a_comment_in_its_own_script(engine, worker, feed, language):
    text = WORLD[language]
    feed.add(comment_line(f"c-{language}", text, author="mallory"))
    worker.run_until_idle()
    with Session(engine) as session:
        pdf = documents.incident_report(session, _comment_id(engine, f"c-{language}"))
    # The PDF's text layer maps each drawn glyph back to its letters; a syllable whose vowel sign is
    # drawn before its consonant (Hindi "शि") comes back with a control character between them.
    extracted = "".join(ch for ch in pdf_text(pdf) if ch >= " " or ch == "\n")
    assert "[U+" not in extracted
    for word in text.split():  # right-to-left words come back whole, in the order they are drawn
        assert word in extracted, word


def test_characters_the_font_lacks_are_written_as_codes_in_the_pdf(engine, worker, feed):
    feed.add(comment_line("c-emoji", "you idiot 😀 \u202eRTL", author="mallory"))
    worker.run_until_idle()
    with Session(engine) as session:
        text = pdf_text(documents.incident_report(session, _comment_id(engine, "c-emoji")))
    assert "[U+1F600]" in text and "[U+202E]" in text


@pytest.mark.slow
def test_a_long_text_is_cut_in_the_pdf_and_says_so(engine, worker, feed):
    feed.add(comment_line("c-long", "idiot " * 10_000, author="mallory"))
    worker.run_until_idle()
    with Session(engine) as session:
        text = pdf_text(documents.incident_report(session, _comment_id(engine, "c-long")))
    assert squashed("40,000 more characters not shown here") in squashed(text)


# -- the incident report's fields ---------------------------------------------------------------------

def test_the_incident_report_has_appendix_b_and_the_automatic_decision(engine, worker, feed):
    feed.add(comment_line("c1", ABUSE, author="mallory"))
    worker.run_until_idle()
    with Session(engine) as session:
        cid = _comment_id(engine, "c1")
        comment = session.get(Comment, cid)
        pdf = documents.incident_report(session, cid)
        head = audit.head_text(session)
        from moderator.record import case as cases
        case = cases.load(session, cid)
    text, flat = pdf_text(pdf), squashed(pdf_text(pdf))
    auto = case.automatic
    assert "Policy002" not in flat and "AppendixB" not in flat  # another school's policy has no place in Oakfield's form
    for needle in ["Inappropriate content report form", "Oakfield Primary School",
                   "Mallory, facebook id u-mallory", "XYLOPHONE-GHOST-19", comment.text_sha256, comment.permalink,
                   auto.policy_version, auto.classifier, auto.classifier_version, head, "hid it",
                   "No person has decided on this comment yet."]:
        assert squashed(needle) in flat, needle
    for clause in auto.clauses:
        assert squashed(clause["id"]) in flat
    for label, threshold in auto.thresholds.items():
        rule, _, name = label.rpartition(".")
        shown = f"rule {rule}: {name}" if rule and label not in auto.scores else label
        assert squashed(f"{shown}: {auto.scores.get(name, 0):.3f} (threshold {threshold:.2f}") in flat, label
    for line in documents.explain.lines(auto):
        assert squashed(line) in flat
    assert "Staff name (submitting report): ____" in text  # left to fill in
    assert "Final state on the platform\nhidden" in text


def test_a_purged_or_missing_case_is_a_clear_error(engine):
    with Session(engine) as session:
        with pytest.raises(LookupError, match="no comment 4242"):
            documents.incident_report(session, 4242)


# -- the termly report ------------------------------------------------------------------------------

@pytest.fixture
def term(engine, worker, feed):
    feed.add(comment_line("c-pupil", PUPIL_TEXT, author="bob", created_at="2026-10-01T09:00:00Z"),
             comment_line("c-abuse", ABUSE, author="mallory", created_at="2026-10-02T09:00:00Z"),
             comment_line("c-kind", "Lovely harvest festival, thank you", author="alice",
                          created_at="2026-10-03T09:00:00Z"),
             comment_line("c-x", ABUSE + " again", author="mallory", platform="facebook",
                          created_at="2026-10-04T09:00:00Z"),
             comment_line("c-before", ABUSE + " early", author="mallory", created_at="2026-08-01T09:00:00Z"))
    worker.run_until_idle()
    with transaction(engine) as session:
        helen = _user(session, "helen", "headteacher", "Mrs Helen Patel")
        dan = _user(session, "dan", "dsl", "Mr Dan Khan")
        review.record_decision(session, _escalation(session, "c-pupil", "dsl"), dan, "no_referral",
                      "Spoke to Alfie Morgan's mum. Morgan family fine; \"QUOKKA-TRAMPOLINE-77\" was a joke about "
                      "year 4 is a thief", ask_police=False)
        review.record_decision(session, _escalation(session, "c-abuse", "headteacher"), helen, "restore",
                      "Rude but not abusive; restoring", ask_police=False)
    worker.run_until_idle()


def test_the_termly_report_names_no_pupil_and_quotes_no_comment(term, engine):
    with Session(engine) as session:
        pdf = documents.termly_report(session, school="oakfield", **TERM)
        head = audit.head_text(session)
    text = pdf_text(pdf)
    flat = squashed(text).lower()
    for secret in ["Alfie", "Morgan", "QUOKKA", "TRAMPOLINE", "XYLOPHONE", "GHOST-19", "harvest", "is a thief",
                   "useless pathetic idiot", "Bob", "Mallory", "Alice"]:
        assert squashed(secret).lower() not in flat, secret
    assert squashed(head) in squashed(text)
    for label in ["Comments seen, by platform", "Against the policy, by kind of problem", "Sent for review, by route",
                  "Time to first review", "Automatic decisions overturned", "Referrals recorded",
                  "No referral made, by kind", "Accounts' uptime"]:
        assert squashed(label).lower() in flat, label


def test_the_termly_figures_count_by_signal_route_platform_and_overturned(term, engine):
    with Session(engine) as session:
        school = session.exec(select(School).where(School.slug == "oakfield")).one()
        f = documents.termly_figures(session, school.id, TERM["since"], TERM["until"])
    assert f.seen_by_platform == {"facebook": 4}  # c-before is outside the term
    assert f.flagged_by_platform["facebook"] == 3
    assert f.by_route["dsl"] == 1 and f.by_route["headteacher"] >= 2
    assert f.overturned == 1
    assert len(f.review_hours) == 2 and f.awaiting_review >= 1
    assert f.referrals == {"none": 1}
    assert f.not_referred == {"none": 1}


def test_the_termly_report_carries_no_words_of_any_reviewer(term, engine):
    """A reason may quote another comment or name a child who is not on the roster: the governors' report
    has counts, kinds of problem and decision, and dates only, never a reviewer's own words."""
    with transaction(engine) as session:
        helen = session.exec(select(User).where(User.username == "helen")).one()
        (police,) = session.exec(select(Escalation).join(Comment, Comment.id == Escalation.comment_id).where(
            Comment.external_id == "c-x", Escalation.route == "police_review")).all()
        review.record_decision(session, police, helen, "no_police_referral", "Tyler Brookes (not on our roster) said it "
                      "was his dad; compare it with you absolute waste of space", ask_police=False)
    with Session(engine) as session:
        pdf = documents.termly_report(session, school="oakfield", **TERM)
        reasons = [d.reason for d in session.exec(select(Decision).where(Decision.kind == "human")).all()]
    flat = squashed(pdf_text(pdf)).lower()
    assert len(reasons) >= 3
    for reason in reasons:
        for word in re.findall(r"[A-Za-z]{5,}", reason):
            if word.lower() not in BOILERPLATE:
                assert squashed(word).lower() not in flat, (word, reason)


# Words of the report's own headings that reasons above happen to use too.
BOILERPLATE = {"referral", "comment", "comments", "hidden", "restoring", "abusive"}


def test_uptime_is_measured_from_the_accounts_audit_events(engine, worker, feed):
    worker.run_until_idle()
    now = utcnow()
    with transaction(engine) as session:
        account = session.exec(select(Account)).one()
        account.created_at = now
        session.add(account)
        audit.record(session, "account.disabled", subject_type="account", subject_id=account.id,
                     school_id=account.school_id, at=now + timedelta(hours=1), data={"reason": "token revoked"})
        audit.record(session, "account.enabled", subject_type="account", subject_id=account.id,
                     school_id=account.school_id, at=now + timedelta(hours=7), data={})
        audit.record(session, "account.paused", subject_type="account", subject_id=account.id,
                     school_id=account.school_id, at=now + timedelta(hours=10),
                     data={"reason": "rate limited", "until": (now + timedelta(hours=16)).isoformat()})
    with Session(engine) as session:
        f = documents.termly_figures(session, account.school_id, now - timedelta(days=30), now + timedelta(hours=24))
    assert f.uptime == {"oakfield-facebook": 50.0}
    assert f.downtime_events == {"disabled": 1, "paused": 1}


# -- the command line ---------------------------------------------------------------------------------

@pytest.fixture
def cli_env(monkeypatch, settings, database_url, tmp_path):
    monkeypatch.setenv("MODERATOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MODERATOR_DATABASE_URL", database_url)
    monkeypatch.setenv("MODERATOR_SCHOOLS", json.dumps([settings.schools[0].model_dump(mode="json")]))
    monkeypatch.setenv("USER", "helen")


def test_the_report_commands_write_each_document_and_record_the_export(term, engine, cli_env, capsys, tmp_path):
    cid = _comment_id(engine, "c-abuse")
    assert main(["report", "incident", str(cid), "--output", str(tmp_path / "i.pdf"), "--staff", "Mrs Patel"]) == 0
    assert "audit chain head" in capsys.readouterr().out
    assert "Mrs Patel" in pdf_text((tmp_path / "i.pdf").read_bytes())
    assert main(["report", "police-pack", str(cid), "--output", str(tmp_path / "p.zip")]) == 0
    assert zipfile.is_zipfile(tmp_path / "p.zip")
    assert main(["report", "termly", "--school", "oakfield", "--since", "2026-09-01", "--until", "2026-12-20",
                 "--output", str(tmp_path / "t.pdf")]) == 0
    assert "Alfie" not in pdf_text((tmp_path / "t.pdf").read_bytes())
    assert main(["report", "incident", "--output", str(tmp_path / "x.pdf")]) == 2
    assert main(["report", "incident", "999999", "--output", str(tmp_path / "x.pdf")]) == 2
    events = rows(engine, AuditEvent, AuditEvent.action == "document.exported")
    assert [e.data["kind"] for e in events] == ["incident", "police-pack", "termly"]
    assert all(e.actor == "helen" and len(e.data["sha256"]) == 64 for e in events)
    import hashlib
    assert events[0].data["sha256"] == hashlib.sha256((tmp_path / "i.pdf").read_bytes()).hexdigest()


# -- who may see what ---------------------------------------------------------------------------------

def test_a_reader_gets_only_the_decisions_and_items_of_their_own_routes(engine, worker, feed, tmp_path):
    """dan (DSL) reviews police items but not the headteacher's: Mrs Patel's reason on the headteacher's
    item is in neither his incident report nor his police pack."""
    secret = "HEAD-ONLY-REASON spoke to the governors about this parent"
    feed.add(comment_line("c-threat", "I'll be waiting at the gates for you on Monday, Mr Okafor. Watch your back.",
                          author="mallory"))
    worker.run_until_idle()
    with transaction(engine) as session:
        helen = _user(session, "helen", "headteacher", "Mrs Helen Patel")
        dan = _user(session, "dan", "dsl", "Mr Dan Khan")
        review.record_decision(session, _escalation(session, "c-threat", "headteacher"), helen, "keep_hidden", secret,
                      ask_police=False)
        review.record_decision(session, _escalation(session, "c-threat", "police_review"), dan, "police_referral",
                      "Threat to staff", police_reference="CR/1/26", police_officer="PC Ray", police_date="2026-11-04")
    cid = _comment_id(engine, "c-threat")
    with Session(engine) as session:
        dan = session.exec(select(User).where(User.username == "dan")).one()
        pdf = documents.incident_report(session, cid, reader=dan)
        pack = documents.police_pack(session, cid, reader=dan)
        full = documents.incident_report(session, cid)
        # one rule narrows a case for its reader: the console's case page shows him the same case
        page = load_case(session, dan, cid)
        mine = cases.load_for(session, cid, dan)
        assert [e.id for e in page.escalations] == [e.id for e in mine.escalations]
        assert [d.id for d in page.decisions] == [d.id for d in mine.decisions]
        assert [a.id for a in page.alerts] == [a.id for a in mine.alerts]
    assert "HEAD-ONLY" in squashed(pdf_text(full))
    text = squashed(pdf_text(pdf))
    assert "HEAD-ONLY" not in text and "CR/1/26" in text
    with zipfile.ZipFile(io.BytesIO(pack)) as zf:
        for name in zf.namelist():
            body = zf.read(name)
            if name.endswith(".pdf"):
                body = squashed(pdf_text(body)).encode()
            assert b"HEAD-ONLY" not in body, name
        record = json.loads(zf.read(f"case-{cid}/case.json"))
    assert [e["route"] for e in record["case"]["escalations"]] == ["police_review"]
