"""A platform that cannot do what was asked (X cannot delete or block): hide instead, ask a person."""
from __future__ import annotations

import connectors
from connectors.replay import ReplayConnector
from moderator.db import transaction
from moderator.settings import AccountSettings
from moderator.tables import Action, AuditEvent, Comment, Escalation
from tests.conftest import comment_line, rows


class HideOnlyReplay(ReplayConnector):
    supports = frozenset({"hide", "unhide"})


def ask_on_hide_only_platform(monkeypatch, make_worker, settings, feed, engine, kind, text, **params):
    """A person asks for ``kind`` on a comment of an account whose platform can only hide (like X)."""
    monkeypatch.setitem(connectors.CONNECTORS, "hide-only", "tests.test_unsupported_actions:HideOnlyReplay")
    account = settings.schools[0].accounts[0]
    settings.schools[0].accounts[0] = AccountSettings(handle=account.handle, platform="x", connector="hide-only",
                                                      options=account.options)
    feed.add(comment_line("c1", text, platform="x"))
    worker = make_worker(settings)
    worker.run_until_idle()
    (comment,) = rows(engine, Comment)
    with transaction(engine) as session:
        session.add(Action(account_id=comment.account_id, comment_id=comment.id, kind=kind, params=params,
                           idempotency_key=f"{kind}:x:c1:test", requested_by="mrs.patel"))
    worker.run_until_idle()


def test_an_unsupported_action_falls_back_to_hide_and_review(monkeypatch, make_worker, settings, feed, engine):
    ask_on_hide_only_platform(monkeypatch, make_worker, settings, feed, engine, "delete", "Thanks for the update")

    by_kind = {a.kind: a for a in rows(engine, Action)}
    assert by_kind["delete"].status == "failed" and "cannot" in by_kind["delete"].last_error
    assert by_kind["hide"].status == "done" and by_kind["hide"].requested_by == "mrs.patel"
    assert feed.hidden() == {"c1"}
    (escalation,) = rows(engine, Escalation)
    assert escalation.route == "headteacher" and "hidden instead" in escalation.reason
    assert any(e.data.get("instead_of") == "delete" for e in rows(engine, AuditEvent, AuditEvent.action == "action.queued"))


def test_accounts_list_says_what_each_platform_can_do(monkeypatch, make_worker, settings, database_url, capsys):
    from moderator.cli import main

    make_worker(settings)
    monkeypatch.setenv("MODERATOR_DATABASE_URL", database_url)
    assert main(["accounts", "list"]) == 0
    out = capsys.readouterr().out
    assert "can: hide, unhide, delete, ban, unban, reply" in out


def test_an_unsupported_reply_asks_a_person_to_reply_by_hand_and_hides_nothing(monkeypatch, make_worker, settings,
                                                                                feed, engine):
    ask_on_hide_only_platform(monkeypatch, make_worker, settings, feed, engine, "reply",
                              "What time does the carol service start?", message="Please see our complaints procedure")

    assert [a.kind for a in rows(engine, Action)] == ["reply"] and feed.hidden() == set()
    (escalation,) = rows(engine, Escalation)
    assert "reply by hand" in escalation.reason
