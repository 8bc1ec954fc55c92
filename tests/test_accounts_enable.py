"""`moderator accounts enable` says what will happen and when: the platform's own pause (a rate-limit
block stored on the account, say Facebook's code 80001) still holds after a person switches the
account back on, and nothing, not even whether the token still works, is known before it ends."""
from __future__ import annotations

import time
from datetime import timedelta

from sqlmodel import select

from moderator.act import accounts
from moderator.cli import build_parser
from moderator.db import transaction, utcnow
from moderator.tables import Account, Action, AuditEvent, Comment
from tests.conftest import rows

HOUR = 3600.0  # far from any race with the clock


def _paused_by_facebook(engine, worker) -> float:
    """oakfield-facebook paused by Facebook for an hour, with one hide waiting; returns the block's end."""
    until = time.time() + HOUR
    with transaction(engine) as session:
        account = session.exec(select(Account)).one()
        comment = Comment(school_id=account.school_id, account_id=account.id, platform="facebook", external_id="c1",
                          text="words", text_sha256="0" * 64, state="decided")
        session.add(comment)
        session.flush()
        session.add(Action(account_id=account.id, comment_id=comment.id, kind="hide", idempotency_key="hide:c1"))
        account.status, account.paused_until = "paused", utcnow() + timedelta(seconds=HOUR)
        account.status_reason = "Facebook is rate limiting this Page; no calls for another 3600 s"
        account.blocked = {"*": until}
        session.add(account)
    return until


def test_enable_says_the_platforms_pause_still_holds_and_when_it_ends(engine, worker):
    _paused_by_facebook(engine, worker)
    said = accounts.enable(engine, "oakfield-facebook", actor="helen")
    assert "active again (it was paused)" in said and "will now be sent" not in said
    assert "Facebook's own pause holds until" in said and "UTC" in said
    assert "1 waiting action(s)" in said and "whether the token is still valid is known only then" in said
    assert "accounts enable oakfield-facebook --now" in said
    (account,) = rows(engine, Account)
    assert account.status == "active" and account.blocked, "the platform's pause is kept: nothing is sent early"


def test_enable_now_forgets_the_stored_pause_and_says_what_the_next_run_does(engine, worker):
    _paused_by_facebook(engine, worker)
    assert build_parser().parse_args(["accounts", "enable", "oakfield-facebook", "--now"]).now is True
    said = accounts.enable(engine, "oakfield-facebook", actor="helen", now=True)
    assert "calls Facebook at once and sends the 1 waiting action(s)" in said
    assert "if the token is no longer valid it is disabled with that reason" in said
    (account,) = rows(engine, Account)
    assert account.status == "active" and account.blocked == {}
    event = [e for e in rows(engine, AuditEvent) if e.action == "account.enabled"][-1]
    assert event.actor == "helen" and event.data["now"] is True and event.data["platform_pause_until"]


def test_an_active_account_under_a_pause_can_still_be_tried_now(engine, worker):
    _paused_by_facebook(engine, worker)
    accounts.enable(engine, "oakfield-facebook", actor="helen")
    assert "already active; Facebook's own pause holds until" in accounts.enable(engine, "oakfield-facebook",
                                                                                   actor="helen")
    assert "stored Facebook pause is forgotten" in accounts.enable(engine, "oakfield-facebook", actor="helen",
                                                                   now=True)
    assert rows(engine, Account)[0].blocked == {}
