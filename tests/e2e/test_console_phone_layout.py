"""The console on a phone (390×844, Playwright driving Debian's Chromium): what a reviewer needs is on
the first screen.

- The queue shows its first item without scrolling: the filters are folded behind "Filter", the header
  and the page's title are compact.
- The overview's bar labels are whole (no label is cut at the edge of its box or of the screen).
- Records puts its downloads above the list of cases, not after thirty of them.

Screenshots go to tests/e2e/artifacts/ (git-ignored); each path is printed.
"""
from __future__ import annotations

import pytest

from tests.e2e.support import add_cast, many_items, needs_chromium
from tests.e2e.test_console_browser import (  # noqa: F401  (fixtures)
    CHROMIUM, PHONE, browser, console_url, shoot, sign_in,
)

pytestmark = [
    pytest.mark.slow,
    needs_chromium(),
]

# Every element matching the selector shows all of its text: nothing overflows its own box (which would
# be cut, or run off the card) and nothing reaches past the right edge of the screen.
WHOLE = ("sel => [...document.querySelectorAll(sel)].filter(e => e.scrollWidth > e.clientWidth + 1 "
         "|| e.getBoundingClientRect().right > innerWidth + 1).map(e => e.textContent.trim())")


@pytest.fixture
def phone(browser, engine, console_url):
    secrets = add_cast(engine)
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    page = context.new_page()
    sign_in(page, console_url, "helen", secrets["helen"])
    yield page
    context.close()


def test_on_a_phone_the_queue_shows_its_first_item_on_the_first_screen(phone, console_url):
    assert phone.locator("[data-item]").count() >= 2
    first = phone.locator("[data-item]").first
    box = first.bounding_box()
    shoot(phone, "phone-queue-first-screen")
    assert box["y"] < PHONE["height"], f"the first item starts {box['y']:.0f} px down a {PHONE['height']} px screen"
    # Not just its top edge: its badge line and the start of the comment's words are on the first screen.
    text = first.locator(".qtext").bounding_box()
    assert text["y"] + 24 < PHONE["height"], f"the first comment's words start {text['y']:.0f} px down"
    # The filters are folded on a phone, and unfold on a tap.
    assert not phone.locator("details.filters").get_attribute("open")
    assert not phone.get_by_label("Author").is_visible()
    phone.locator("summary", has_text="Filter").click()
    assert phone.get_by_label("Author").is_visible()
    # The bulk decision is its "select" line until an item is ticked; then its choices and reason show.
    bulk = phone.locator("[data-bulk]")
    assert not bulk.get_by_label("Keep hidden").is_visible() and not bulk.locator("#bulk-reason").is_visible()
    first.locator(".qselect").check()
    assert bulk.get_by_label("Keep hidden").is_visible() and bulk.locator("#bulk-reason").is_visible()
    assert phone.locator("[data-bulk-count]").inner_text() == "1 selected"


def test_on_a_phone_a_filtered_queue_keeps_its_filters_open(phone, console_url):
    phone.goto(f"{console_url}/queue?author=trent")
    assert phone.locator("details.filters").get_attribute("open") is not None
    assert phone.get_by_label("Author").input_value() == "trent"


def test_on_a_phone_the_overview_bar_labels_are_whole(phone, console_url):
    phone.goto(f"{console_url}/overview")
    labels = phone.locator(".barlist .label")
    assert labels.count() >= 2
    shoot(phone, "phone-overview-labels")
    assert phone.evaluate(WHOLE, ".barlist .label, .tile, .chart h2, .chart figcaption") == []
    # Each label is the whole label the screen reader hears for its bar.
    for i in range(labels.count()):
        label = labels.nth(i)
        spoken = label.locator("xpath=following-sibling::*[name()='svg']").get_attribute("aria-label")
        assert spoken.startswith(label.inner_text().strip() + ":"), (label.inner_text(), spoken)


def test_on_a_phone_records_puts_its_downloads_above_thirty_cases(phone, console_url, engine):
    many_items(engine, 35)
    phone.goto(f"{console_url}/records")
    assert phone.locator("[data-record]").count() == 30
    shoot(phone, "phone-records-downloads")
    downloads = phone.get_by_role("button", name="Register as CSV").bounding_box()
    first_case = phone.locator("[data-record]").first.bounding_box()
    assert downloads["y"] + downloads["height"] <= first_case["y"]
    assert downloads["y"] < PHONE["height"] * 2, "the downloads are more than a screen's scroll away"
