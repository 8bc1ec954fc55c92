"""Why a comment was acted on is rendered in one place, moderator/judge/explain.py, from what was stored with
the decision: the console's pages, the alert e-mails, the CLI, the register and the documents all read it
from there, so they can never disagree."""
from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

from moderator.judge import explain

ROOT = Path(__file__).resolve().parent.parent / "moderator"


def decision(**fields):
    base = {"explanation": [], "clauses": [], "rules": [], "signals": []}
    return SimpleNamespace(**{**base, **fields})


def test_only_explain_reads_a_decisions_stored_explanation():
    readers = []
    for path in ROOT.rglob("*.py"):
        if path.name == "explain.py" or "migrations" in path.parts:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            # out.explanation is policy.py building the record; rule.explanation is the policy file's words
            if re.search(r"(?<!out)(?<!rule)\.explanation\b", line):
                readers.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert readers == []


def test_the_console_the_e_mails_and_the_cli_say_why_through_explain():
    for name in ("act/notify.py", "cli/__init__.py", "console/queries.py"):
        assert "explain.reason_line(" in (ROOT / name).read_text(encoding="utf-8"), name
    assert "explain.entries(" in (ROOT / "console/records.py").read_text(encoding="utf-8")
    review = (ROOT / "act/review.py").read_text(encoding="utf-8")
    assert "def reason_line" not in review and "def explanation_entries" not in review


def test_the_reason_that_chose_the_route_comes_first():
    d = decision(explanation=[
        {"rule": "abuse", "text": "Abusive language", "routes": ["headteacher"]},
        {"rule": "harassment", "text": "Harassment of a named person.", "routes": ["police"]},
    ])
    assert explain.reason_line(d, route="police") == "Harassment of a named person. Abusive language"
    assert explain.reason_line(d, route="headteacher") == "Abusive language; Harassment of a named person."


def test_an_entry_cites_its_stored_clauses():
    d = decision(explanation=[{"rule": "abuse", "text": "Abusive language", "clauses": ["c1", "gone"]}],
                 clauses=[{"id": "c1", "title": "Respect", "quote": "Be kind."}])
    assert explain.entries(d) == [{"text": "Abusive language",
                                   "clauses": [{"id": "c1", "title": "Respect", "quote": "Be kind."}]}]


def test_an_old_row_without_an_explanation_falls_back_to_its_rules_then_signals_then_the_reason():
    old = decision(rules=["abusive_language", "threat"], clauses=[{"id": "c1"}], signals=["abusive"])
    assert explain.entries(old) == [{"text": "abusive language", "clauses": []},
                                    {"text": "threat", "clauses": [{"id": "c1"}]}]
    assert explain.reason_line(decision(signals=["abusive", "threat"])) == "abusive; threat"
    assert explain.reason_line(None, "Referred by a person.") == "Referred by a person."


def test_a_damaged_row_renders_what_it_can():
    d = decision(explanation=[5, "text", {"rule": "abuse", "text": "Abusive language", "clauses": 7, "routes": 3},
                              {"rule": "x", "text": "Kept", "clauses": [["unhashable"], "c1"]}],
                 clauses=[{"id": ["bad"]}, {"id": "c1", "title": "Respect"}])
    assert explain.entries(d) == [{"text": "Abusive language", "clauses": []},
                                  {"text": "Kept", "clauses": [{"id": "c1", "title": "Respect"}]}]
    assert explain.lines(decision(explanation=12)) == []
