"""Records in a real browser (Playwright driving Debian's Chromium), at a phone's size (390×844) and a
desktop's (1366×900): the headteacher opens Records, finds a comment by searching its text, opens its
case page and reads its history, then downloads the incident report (recorded in the audit log).

Screenshots of the records list and the case page go to tests/e2e/artifacts/ (git-ignored).
"""
from __future__ import annotations

import hashlib

import pytest
from playwright.sync_api import expect

from moderator.tables import AuditEvent, Comment
from tests.conftest import rows
from tests.e2e.support import needs_chromium, THREAT_2, add_cast
from tests.e2e.test_console_browser import (  # noqa: F401  (fixtures)
    CHROMIUM, DESKTOP, PHONE, browser, console_url, shoot, sign_in,
)

pytestmark = [
    pytest.mark.slow,
    needs_chromium(),
]
SIZES = {"phone": PHONE, "desktop": DESKTOP}
WIDE = ("(() => { const m = document.querySelector('main'); const r = m.getBoundingClientRect().right; "
        "return [m.scrollWidth, m.clientWidth, ...[...m.querySelectorAll('*')].filter(e => e.scrollWidth > e.clientWidth + 1 "
        "|| e.getBoundingClientRect().right > r + 1).slice(0, 6).map(e => e.tagName + '.' + e.className + ' ' "
        "+ e.scrollWidth + '/' + e.clientWidth + ' ' + (e.textContent || '').slice(0, 50))]; })()")
NO_OVERFLOW = ("(() => { const m = document.querySelector('main'); return m.scrollWidth <= m.clientWidth + 1 && "
               "[...m.querySelectorAll('*')].every(e => e.getBoundingClientRect().right <= innerWidth + 1); })()")


def context(browser, size: str):
    if size == "phone":
        return browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2,
                                   accept_downloads=True)
    return browser.new_context(viewport=DESKTOP, accept_downloads=True)


@pytest.mark.parametrize("size", sorted(SIZES))
def test_the_headteacher_searches_records_opens_a_case_and_downloads_its_report(console_url, browser, engine, size,
                                                                              tmp_path):
    secrets = add_cast(engine)
    (threat2,) = rows(engine, Comment, Comment.external_id == "c-threat2")
    page = context(browser, size).new_page()
    sign_in(page, console_url, "helen", secrets["helen"])

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Records").click()
    page.wait_for_url("**/records")
    assert page.locator("[data-record]").count() >= 2
    shoot(page, f"records-list-{size}")

    page.get_by_label("Search the records").fill("where you park")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/records?q=where+you+park")
    expect(page.locator("[data-record]")).to_have_count(1)
    assert "1 case matches the filter" in page.locator("#records").inner_text()
    shoot(page, f"records-search-{size}")
    # Nothing on the page runs off the side of a phone. (The header's nav links do, on every page of a
    # headteacher's phone, since before Records: .nav in console.css does not wrap.)
    assert page.evaluate(NO_OVERFLOW), "the records list is wider than the screen"

    page.locator(".qlink", has_text="where you park").click()
    page.wait_for_url(f"**/records/{threat2.id}?back=*")
    assert THREAT_2 in page.locator("[data-evidence] blockquote").first.inner_text()
    assert threat2.text_sha256 in page.locator("[data-evidence]").inner_text()
    history = page.locator("[data-case-timeline]").inner_text()
    assert "Captured as evidence" in history and "Automatic decision" in history
    assert page.evaluate(NO_OVERFLOW), ("the case page is wider than the screen: " + str(page.evaluate(WIDE)))
    shoot(page, f"records-case-{size}")

    with page.expect_download() as info:
        page.get_by_role("button", name="Incident report (PDF)").click()
    download = info.value
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    content = saved.read_bytes()
    assert content.startswith(b"%PDF") and download.suggested_filename.startswith(f"incident-{threat2.id}-chain-")
    (event,) = [e for e in rows(engine, AuditEvent) if e.action == "document.exported"]
    assert (event.actor, event.data["kind"], event.subject_id) == ("helen", "incident", threat2.id)
    assert event.data["sha256"] == hashlib.sha256(content).hexdigest()

    # The back link keeps the search.
    page.get_by_role("link", name="← Records").click()
    page.wait_for_url("**/records?q=where+you+park")
    expect(page.locator("[data-record]")).to_have_count(1)
