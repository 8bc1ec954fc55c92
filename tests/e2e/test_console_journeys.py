"""Two reviewers' days in a real browser (Playwright driving Debian's Chromium), each at a phone's
size (390×844) and a desktop's (1366×900).

- The DSL signs in, finds a disclosure by searching its text, records that it was referred to
  children's social care / the MASH with a reference (the form first says what is missing and keeps
  what she typed), and the case history shows the referral.
- The headteacher pages through a 120-item queue, keeps 30 hidden at once with "select all", adds a
  governor in the console, and the governor signs in, read only.

Screenshots go to tests/e2e/artifacts/ (git-ignored); each path is printed.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from moderator.tables import AuditEvent, Decision, Escalation, Referral, User
from tests.conftest import comment_line, rows
from tests.e2e.support import needs_chromium, DISCLOSURE, add_cast, many_items
from tests.e2e.test_console_browser import (  # noqa: F401  (fixtures)
    CHROMIUM, DESKTOP, PHONE, browser, console_url, shoot, sign_in,
)

pytestmark = [
    pytest.mark.slow,
    needs_chromium(),
]
SIZES = {"phone": PHONE, "desktop": DESKTOP}


def context(browser, size: str):
    if size == "phone":
        return browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    return browser.new_context(viewport=DESKTOP)


@pytest.mark.parametrize("size", sorted(SIZES))
def test_the_dsl_finds_a_disclosure_and_records_a_mash_referral(console_url, browser, engine, worker, feed, size):
    feed.add(comment_line("c-disclosure", DISCLOSURE, author="kid", created_at="2026-11-02T11:00:00Z"))
    worker.run_until_idle()
    secrets = add_cast(engine)
    page = context(browser, size).new_page()
    sign_in(page, console_url, "dina", secrets["dina"])

    page.get_by_label("Search the comments").fill("scared to go home")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("[data-item]")).to_have_count(1)
    shoot(page, f"dsl-search-{size}")
    page.locator(".qlink", has_text="scared to go home").click()
    page.wait_for_url("**/items/*")
    # On a phone the comment, its reason and the form come first; the policy and scores are folded.
    assert page.locator("#decide").bounding_box()["y"] < 844 * 2
    assert not page.locator("details.fold:has(#scores-h)").get_attribute("open")
    shoot(page, f"dsl-item-{size}")

    page.get_by_label("Referred to children's social care / MASH").check()
    page.locator("#reason").fill("Child disclosed harm by an adult; MASH informed by phone")
    page.get_by_role("button", name="Record decision").click()
    error = page.locator("#sg_reference-error")
    assert "needs its reference" in error.inner_text()
    assert page.locator("#reason").input_value() == "Child disclosed harm by an adult; MASH informed by phone"
    shoot(page, f"dsl-missing-reference-{size}")

    page.get_by_label("Reference", exact=False).first.fill("MASH-2611-0099")
    page.get_by_label("Who you spoke to").fill("Sam Reid, MASH duty social worker")
    page.get_by_role("button", name="Record decision").click()
    page.wait_for_url("**/queue*")
    assert "done for 1 item" in page.locator("#flashes").inner_text()

    # The safeguarding outcome is recorded; the item stays in review for its platform decision
    # (keep hidden, delete...), which is a separate decision.
    (esc,) = [e for e in rows(engine, Escalation, Escalation.route == "dsl")
              if e.state == "in_review"]
    page.goto(f"{console_url}/items/{esc.id}")
    history = page.locator("[data-case-history]").inner_text()
    assert "Referred to children's social care / MASH, reference MASH-2611-0099" in history
    assert "dina" in history
    shoot(page, f"dsl-case-history-{size}")
    (referral,) = rows(engine, Referral)
    assert (referral.kind, referral.reference, referral.recorded_by) == ("mash", "MASH-2611-0099", "dina")
    assert any(e.action == "referral.recorded" and e.data["kind"] == "mash" for e in rows(engine, AuditEvent))


@pytest.mark.parametrize("size", sorted(SIZES))
def test_the_headteacher_pages_bulk_keeps_thirty_and_adds_a_governor(console_url, browser, engine, size):
    secrets = add_cast(engine)
    many_items(engine, 120)
    ctx = context(browser, size)
    page = ctx.new_page()
    sign_in(page, console_url, "helen", secrets["helen"])
    page.goto(f"{console_url}/queue?route=headteacher")
    total = int(re.search(r"(\d+) items", page.locator("#results p").first.inner_text()).group(1))
    assert total >= 120
    pages = -(-total // 30)
    assert f"page 1 of {pages}" in page.locator("#results").inner_text()
    shoot(page, f"head-queue-{size}")
    seen = set()
    for n in range(1, pages + 1):
        assert page.locator("[data-item]").count() == (30 if n < pages else total - 30 * (pages - 1))
        seen |= set(page.locator(".qlink").evaluate_all("els => els.map(e => e.getAttribute('href'))"))
        if n < pages:
            page.get_by_role("link", name="Next page →").click()
            page.wait_for_url(f"**page={n + 1}*")
            assert "route=headteacher" in page.url, "the filter is kept across pages"
    assert len(seen) == total
    # The item's "← Queue" link keeps the filter and the page too.
    page.locator(".qlink").first.click()
    page.get_by_role("link", name="← Queue").click()
    page.wait_for_url(f"**/queue?*route=headteacher*page={pages}*")
    page.goto(f"{console_url}/queue?route=headteacher")

    # The bulk form is at the top of the list, reachable without scrolling on a phone.
    assert page.locator("[data-bulk]").bounding_box()["y"] < 844 * 1.5
    page.get_by_label("Select all on this page").check()
    assert page.locator("[data-bulk-count]").inner_text() == "30 selected"
    page.locator("[data-bulk]").get_by_label("Keep hidden").check()
    page.locator("#bulk-reason").fill("Parking complaints: the office replies by letter")
    shoot(page, f"head-bulk-selected-{size}")
    page.get_by_role("button", name="Apply to selected").click()
    page.wait_for_url("**/queue*")
    assert "Keep hidden: done for 30 items" in page.locator("#flashes").inner_text()
    assert f"{total - 30} items" in page.locator("#results p").first.inner_text()
    kept = [d for d in rows(engine, Decision, Decision.kind == "human") if d.decided_by == "helen"]
    assert len(kept) == 30 and {d.action for d in kept} == {"hide"}

    # People: add a governor; the governor signs in, read only.
    page.get_by_role("link", name="People").click()
    page.get_by_label("Username").fill("gwen")
    page.get_by_label("Name", exact=True).fill("Mrs Gwen Price")
    page.get_by_label("Role").select_option("governor")
    page.get_by_label("First password").fill("a long governor password")
    page.get_by_role("button", name="Add person").click()
    assert "is ready" in page.locator("#enrol-h").inner_text()
    shoot(page, f"head-people-{size}")
    (gwen,) = rows(engine, User, User.username == "gwen")
    assert gwen.role == "governor" and gwen.totp_secret is None
    assert any(e.action == "user.added" and e.actor == "helen" for e in rows(engine, AuditEvent))

    governor = context(browser, size).new_page()
    governor.goto(f"{console_url}/login")
    governor.get_by_label("Username").fill("gwen")
    governor.get_by_label("Password").fill("a long governor password")
    governor.get_by_role("button", name="Sign in").click()
    governor.wait_for_url(f"{console_url}/overview")
    assert governor.get_by_role("link", name="Queue").count() == 0
    assert governor.get_by_role("link", name="People").count() == 0
    assert governor.locator("h2", has_text="Comments per day").count() == 1
    shoot(governor, f"governor-overview-{size}")
    assert governor.goto(f"{console_url}/people").status == 403
