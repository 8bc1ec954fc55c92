"""A Polish and an Urdu comment, through the console to a readable incident report, in a real browser
(Playwright driving Debian's Chromium, 1366×900).

A Polish parent and an Urdu-speaking parent post abuse about a teacher on the school's Page (through the
replay feed). The headteacher signs in, finds each comment in her queue by searching its own words,
opens the item and reads it as it was written, then opens its case in Records and downloads the
incident report. The PDF's text layer gives back the parent's words in their own letters (not
``[U+…]`` codes): every word of the comment is in it.

Where the policy sends each comment depends on the model (an unsupported language goes to a person;
an abusive Urdu comment is hidden first), so the test looks each one up by its words rather than
assuming a route. Screenshots go to tests/e2e/artifacts/ (git-ignored).
"""
from __future__ import annotations

import io
import re
import unicodedata

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from moderator.tables import AuditEvent, Comment, Escalation
from tests.conftest import comment_line, rows
from tests.e2e.support import add_cast, needs_chromium
from tests.e2e.test_console_browser import (  # noqa: F401  (fixtures)
    CHROMIUM, DESKTOP, browser, console_url, shoot, sign_in,
)

pytestmark = [
    pytest.mark.slow,
    needs_chromium(),
]

# (external id, the comment, words to search the queue and the records for)
POLISH = ("c-polish", "Ten nauczyciel to skończony idiota i kłamca, żądam przeprosin za źle ocenioną pracę",
          "skończony idiota")
URDU = ("c-urdu", "یہ استاد بیوقوف اور کمینہ ہے، شرم کرو", "بیوقوف اور کمینہ")


def words(text: str) -> set[str]:
    """The comment's words, compatibility-normalised (Arabic presentation forms become plain letters),
    without the punctuation around them (Latin and Arabic commas)."""
    return {w for w in re.split(r"[\s,،.!?]+", unicodedata.normalize("NFKC", text)) if w}


def pdf_text(data: bytes) -> str:
    text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    return unicodedata.normalize("NFKC", text)


@pytest.mark.parametrize("comment", [POLISH, URDU], ids=["polish", "urdu"])
def test_the_headteacher_reads_a_comment_in_its_own_script_through_to_its_incident_report(
        console_url, browser, engine, worker, feed, tmp_path, comment):
    ext_id, text, search = comment
    feed.add(comment_line(ext_id, text, author="mallory", created_at="2026-11-02T12:00:00Z"))
    worker.run_until_idle()
    (stored,) = rows(engine, Comment, Comment.external_id == ext_id)
    assert stored.text == text
    routes = {e.route for e in rows(engine, Escalation, Escalation.comment_id == stored.id)}
    assert "headteacher" in routes, f"the comment went to {routes}, not to the headteacher"

    secrets = add_cast(engine)
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    page = context.new_page()
    sign_in(page, console_url, "helen", secrets["helen"])

    # The queue: found by its own words, listed and opened in its own script.
    page.get_by_label("Search the comments").fill(search)
    page.get_by_role("button", name="Search").click()
    expect(page.locator("[data-item]")).to_have_count(1)
    assert text in page.locator("[data-item] .qtext").inner_text()
    page.locator(".qlink").first.click()
    page.wait_for_url("**/items/*")
    assert page.locator(".comment-text").first.inner_text().strip() == text
    shoot(page, f"script-item-{ext_id}")

    # Records: the case, and its incident report.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Records").click()
    page.get_by_label("Search the records").fill(search)
    page.get_by_role("button", name="Search").click()
    expect(page.locator("[data-record]")).to_have_count(1)
    page.locator("[data-record] .qlink").click()
    page.wait_for_url(f"**/records/{stored.id}?back=*")
    assert text in page.locator("[data-evidence] blockquote").first.inner_text()
    shoot(page, f"script-case-{ext_id}")
    with page.expect_download() as info:
        page.get_by_role("button", name="Incident report (PDF)").click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    context.close()

    content = saved.read_bytes()
    assert content.startswith(b"%PDF")
    extracted = pdf_text(content)
    assert "[U+" not in extracted, "the report printed the comment's letters as codes"
    # Right-to-left words come back whole, in the order they are drawn; so compare words, not lines.
    found = words(extracted)
    missing = {w for w in words(text) if w not in found and w not in extracted}
    assert not missing, f"words of the comment not readable in the report: {sorted(missing)}"
    (event,) = [e for e in rows(engine, AuditEvent) if e.action == "document.exported"]
    assert (event.actor, event.data["kind"], event.subject_id) == ("helen", "incident", stored.id)
