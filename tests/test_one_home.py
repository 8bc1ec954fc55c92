"""Each concept has one home that every page, document, e-mail and command reads: the words people read
(moderator/words.py), who manages people (moderator/vocab.py) and a register row's review state
(moderator/record/register.py). These tests fail when a second copy appears."""
from __future__ import annotations

import re
from pathlib import Path

from connectors import PLATFORM_ACTIONS, PLATFORM_NAMES
from moderator import words
from moderator.judge.policy import DETECTORS
from moderator.people.users import may_manage
from moderator.record import register
from moderator.tables import User
from moderator.vocab import MANAGED_BY_HEADTEACHER, TERMLY_ROLES, Role, has_queue, manages_people

ROOT = Path(__file__).resolve().parent.parent / "moderator"
TEMPLATES = ROOT / "console" / "templates"


def sources(*suffixes: str):
    for path in sorted(ROOT.rglob("*")):
        if path.suffix in suffixes and "migrations" not in path.parts:
            yield path, path.read_text(encoding="utf-8")


def test_every_detector_has_a_name_people_can_read():
    assert set(words.DETECTOR_NAMES) == set(DETECTORS)
    assert all(name and "_" not in name for name in words.DETECTOR_NAMES.values())


def test_every_platform_has_a_name_and_an_unknown_one_is_shown_as_stored():
    assert set(PLATFORM_NAMES) == set(PLATFORM_ACTIONS)
    assert words.platform_name("x") == "X" and words.platform_name("facebook") == "Facebook"
    assert words.platform_name("mastodon") == "mastodon"


def test_the_services_own_decision_is_said_one_way():
    assert words.service_did("hide", False) == "hid it"
    assert words.service_did("hide", True) == "would have hidden it (shadow mode)"
    assert words.service_did("hide", True, nothing_done=True) == "would have hidden it (shadow mode: nothing was done)"
    assert words.service_did("none", True) == "left it visible"
    found = [path.name for path, text in sources(".py", ".html")
             if path.name != "words.py" and re.search(r"[\"']hid it[\"']|would have hidden it|left it visible", text)]
    assert found == []


def test_referral_and_detector_names_live_only_in_words():
    phrases = ("Referred to the police", "LADO consulted\"", "threatening phrases", "a suspicious link")
    found = [(path.name, p) for path, text in sources(".py", ".html") if path.name != "words.py"
             for p in phrases if p in text]
    assert found == []


def test_no_console_page_spells_a_platform_name_itself():
    # A page that spelt "Facebook" or "X" itself would call a third platform by the wrong name (or by
    # its stored value); every page asks words.platform_name, which asks connectors.PLATFORMS.
    spelt = re.compile(r"""['"](?:Facebook|X)['"]|==\s*['"](?:facebook|x)['"]""")
    assert [p.name for p in TEMPLATES.glob("*.html") if spelt.search(p.read_text(encoding="utf-8"))] == []


def test_who_manages_people_is_said_once():
    assert manages_people(Role.HEADTEACHER) and not any(manages_people(r) for r in Role if r != Role.HEADTEACHER)
    assert set(MANAGED_BY_HEADTEACHER) == {Role.MODERATOR, Role.GOVERNOR}
    assert set(TERMLY_ROLES) == {Role.HEADTEACHER, Role.CHAIR, Role.GOVERNOR}
    assert [r for r in Role if not has_queue(r)] == [Role.GOVERNOR]
    # No page or module compares a role to a literal name to decide who manages people or has a queue.
    literal = re.compile(r"""role\s*[!=]=\s*["'](headteacher|governor|chair_of_governors|dsl|moderator)["']""")
    assert [(path.name, m.group(0)) for path, text in sources(".py", ".html") for m in literal.finditer(text)] == []


def test_the_headteacher_manages_office_staff_and_governors_of_her_own_school_only():
    head = User(username="helen", role=Role.HEADTEACHER, school_id=1, password_hash="x")
    assert may_manage(head, Role.GOVERNOR, 1) and may_manage(head, Role.MODERATOR, 1)
    assert not may_manage(head, Role.GOVERNOR, 2) and not may_manage(head, Role.MODERATOR, None)
    assert not any(may_manage(head, role, 1) for role in (Role.DSL, Role.CHAIR, Role.HEADTEACHER))
    dsl = User(username="dina", role=Role.DSL, school_id=1, password_hash="x")
    assert not may_manage(dsl, Role.GOVERNOR, 1)


def test_a_register_rows_review_state_is_computed_in_the_register_only():
    decided = {"at": "2026-11-02T10:00:00", "by": "helen", "decision": "hide", "reason": "abusive", "routes": ["headteacher"]}
    assert register.review_fields([], [])["review_state"] == "not reviewed"
    assert register.review_fields([decided], [{"state": "decided"}]) == {
        "review_state": "decided", "last_decided_by": "helen", "last_decided_at": "2026-11-02T10:00:00",
        "last_decision": "hide", "last_reason": "abusive"}
    assert register.review_fields([decided], [{"state": "decided"}, {"state": "referred"}])["review_state"] == "open"
    found = [path.name for path, text in sources(".py") if path.name != "register.py" and "not reviewed" in text]
    assert found == []
    assert not any("register._state_matches" in text for path, text in sources(".py"))


def test_counts_people_read_are_listed_most_first_and_ties_by_name_everywhere():
    # Counter.most_common keeps ties in the rows' order, which PostgreSQL changes between runs: the
    # demo summary, the console's overview and the termly report listed equal counts either way round
    from collections import Counter

    one, other = Counter(), Counter()
    for key in ("threat", "abuse", "spam", "abuse", "threat", "spam", "spam"):
        one[key] += 1
    for key in ("abuse", "threat", "spam", "spam", "abuse", "threat", "spam"):
        other[key] += 1
    assert words.most_first(one) == words.most_first(other) == [("spam", 3), ("abuse", 2), ("threat", 2)]
    assert words.most_first(one, 2) == [("spam", 3), ("abuse", 2)]
    for path, text in sources(".py"):
        assert ".most_common(" not in text, f"{path}: list counts with words.most_first"
