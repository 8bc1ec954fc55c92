"""The review console in a real browser: Playwright driving Debian's Chromium against uvicorn.

A headteacher signs in with a password and a TOTP code, opens the urgent queue, restores one
comment and bans the author of another; the worker then runs the outbox, and the replay platform
and the audit log show both, with her name and reasons. Screenshots at phone and desktop widths go
to tests/e2e/artifacts/ (git-ignored; the path is printed).
"""
from __future__ import annotations

import re
import socket
import threading
import time
from pathlib import Path

import pytest

from moderator.console.app import create_app
from moderator.tables import AuditEvent, Decision
from tests.conftest import rows
from tests.e2e.support import (CHROMIUM, PASSWORD, THREAT, THREAT_2, add_cast, console_settings, needs_chromium, seed,
                                totp_now)

SHOTS = Path(__file__).resolve().parent / "artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}

pytestmark = [
    pytest.mark.slow,
    needs_chromium(),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def console_url(engine, settings, worker, feed):
    import uvicorn

    seed(feed, worker)
    app = create_app(console_settings(settings, console_insecure_cookies=True), engine)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield browser
        browser.close()


def sign_in(page, base: str, username: str, secret: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("6-digit code").fill(totp_now(secret))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"{base}/queue")


def shoot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")


def test_a_headteacher_restores_one_comment_and_bans_another_author(console_url, browser, engine, worker, feed):
    sync_api = pytest.importorskip("playwright.sync_api")
    secrets = add_cast(engine)
    desktop = browser.new_context(viewport=DESKTOP)
    page = desktop.new_page()
    sign_in(page, console_url, "helen", secrets["helen"])

    page.get_by_role("navigation", name="Queue views").get_by_role("link", name=re.compile("^Urgent")).click()
    page.wait_for_url("**/queue?priority=urgent")
    assert page.locator("[data-item]").count() >= 2
    shoot(page, "queue-desktop")

    # Phone screenshots of the same pages, signed in as the same person.
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2,
                                storage_state=desktop.storage_state())
    phone_page = phone.new_page()
    phone_page.goto(f"{console_url}/queue?priority=urgent")
    shoot(phone_page, "queue-phone")

    # The keyboard moves through the queue; a filter narrows it in place (htmx, no page load).
    page.locator("body").press("j")
    assert page.locator("[data-item].current").count() == 1
    assert page.evaluate("document.activeElement.classList.contains('qlink')")
    page.goto(f"{console_url}/queue")
    page.locator("summary", has_text="Filter").click()
    page.evaluate("window.__same_page = true")
    page.get_by_label("Author").fill("trent")
    page.get_by_role("button", name="Apply filter").click()
    page.wait_for_url("**/queue?*author=trent*")
    sync_api.expect(page.locator("[data-item]")).to_have_count(1)  # one entry per comment
    assert page.evaluate("window.__same_page === true"), "the filter should update the list without a page load"
    page.goto(f"{console_url}/queue?priority=urgent")

    # Restore the second threat: found in the urgent queue, decided with the keyboard shortcut.
    page.locator(".qlink", has_text=THREAT_2[:30]).first.click()
    page.wait_for_url("**/items/*")
    assert THREAT_2 in page.locator(".comment-text").first.inner_text()
    shoot(page, "item-desktop")
    phone_page.goto(page.url)
    shoot(phone_page, "item-phone")
    phone_page.goto(f"{console_url}/overview")
    shoot(phone_page, "overview-phone")
    phone.close()
    page.locator("body").press("r")
    assert page.get_by_label("Restore (unhide)").is_checked()
    assert page.evaluate("document.activeElement.id") == "reason"
    page.keyboard.type("Spoke to the parent: a row about parking, not a threat")
    page.get_by_label("No police referral needed").check()  # the police question is part of the item
    page.get_by_label("Why no referral").fill("Not a threat once we spoke to the parent")
    if page.get_by_label("Then open the next item").count():
        page.get_by_label("Then open the next item").uncheck()
    page.get_by_role("button", name="Record decision").click()
    page.wait_for_url(f"{console_url}/queue*")
    assert "Restore (unhide): done for 1 item" in page.locator("#flashes").inner_text()

    # Ban the author of the first threat.
    page.goto(f"{console_url}/queue?priority=urgent")
    page.locator(".qlink", has_text=THREAT[:30]).first.click()
    page.get_by_label("Ban the author").check()
    page.locator("#reason").fill("Threatened Mr Okafor; repeat behaviour")
    page.get_by_label("Referred to the police").check()
    page.get_by_label("Reference number").fill("WMP-2611-0042")
    page.get_by_label("Officer").fill("PC 1234 Jones")
    page.get_by_label("Date referred").fill("2026-11-03")
    if page.get_by_label("Then open the next item").count():
        page.get_by_label("Then open the next item").uncheck()
    page.get_by_role("button", name="Record decision").click()
    page.wait_for_url(f"{console_url}/queue*")
    assert "Ban the author: done for 1 item" in page.locator("#flashes").inner_text()
    shoot(page, "after-decisions-desktop")
    page.goto(f"{console_url}/overview")
    shoot(page, "overview-desktop")
    desktop.close()

    worker.run_until_idle()  # the outbox runs the two platform actions

    state = feed.state()
    assert state["comments"]["facebook:c-threat2"]["hidden"] is False
    assert state["comments"]["facebook:c-threat"]["hidden"] is True
    assert "facebook:u-mallory" in state["banned"]
    decisions = {d.action: d for d in rows(engine, Decision, Decision.kind == "human")}
    assert decisions["unhide"].decided_by == "helen" and decisions["ban"].decided_by == "helen"
    events = [e for e in rows(engine, AuditEvent) if e.action == "decision.human"]
    assert {(e.actor, e.data["decision"], e.data["reason"]) for e in events} == {
        ("helen", "restore", "Spoke to the parent: a row about parking, not a threat"),
        ("helen", "no_police_referral", "Not a threat once we spoke to the parent"),
        ("helen", "ban", "Threatened Mr Okafor; repeat behaviour"),
        ("helen", "police_referral", "Threatened Mr Okafor; repeat behaviour"),
    }
    done = {e.data["key"].split(":")[0] for e in rows(engine, AuditEvent) if e.action in ("action.unhide.done",
                                                                                          "action.ban.done")}
    assert done == {"unhide", "ban"}
