""""Is it hidden on the platform?" has one answer, from the comment's actions in the order they were
carried out, and the register, `moderator queue` and the case all give it."""
from __future__ import annotations

import json

import pytest
from sqlmodel import Session

import connectors
from connectors.base import ConnectorError, Effect
from connectors.replay import ReplayConnector
from moderator import cli
from moderator.act import outbox
from moderator.db import transaction
from moderator.record import case, register
from moderator.tables import Action, Comment, Decision
from tests.conftest import comment_line, rows

ABUSE = "Shut up you stupid fucking moron"


def _person_does(engine, ext_id: str, kind: str, *, by: str = "helen") -> None:
    """A person's decision on the comment and the platform action it needs, as the console writes them."""
    with transaction(engine) as session:
        (comment,) = [c for c in session.query(Comment).filter(Comment.external_id == ext_id)]
        decision = Decision(comment_id=comment.id, kind="human", action=kind, decided_by=by, reason=f"{kind} it",
                            routes=["headteacher"])
        session.add(decision)
        session.flush()
        outbox.enqueue(session, comment=comment, kind=kind, decision_id=decision.id, requested_by=by,
                       key=outbox.action_key(kind, comment.platform, comment.external_id, decision.id))


def _register_row(engine, ext_id: str) -> dict:
    with Session(engine) as session:
        found = [r for r in register.register_rows(session) if r["external_id"] == ext_id]
    assert len(found) == 1  # one row per comment, however many decisions it has
    return found[0]


def _queue_line(capsys, ext_id: str) -> str:
    capsys.readouterr()
    assert cli.main(["queue"]) == 0
    return capsys.readouterr().out


@pytest.fixture
def cli_env(monkeypatch, tmp_path, database_url):
    monkeypatch.setenv("MODERATOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MODERATOR_DATABASE_URL", database_url)


@pytest.mark.parametrize("steps, hidden", [
    ([], True),
    (["unhide"], False),
    (["unhide", "hide"], True),
    (["hide"], True),  # "keep hidden": a second hide changes nothing and adds no second register row
    (["unhide", "hide", "unhide"], False),
    (["delete"], False),
])
def test_every_view_follows_the_ordered_actions(steps, hidden, worker, feed, engine, capsys, cli_env):
    feed.add(comment_line("c1", ABUSE, author="mallory"))
    worker.run_until_idle()
    for kind in steps:
        _person_does(engine, "c1", kind)
        worker.run_until_idle()

    platform = feed.state()["comments"]["facebook:c1"]  # the platform itself
    deleted = steps[-1:] == ["delete"]
    assert platform["deleted"] is deleted and (platform["hidden"] and not deleted) is hidden
    row = _register_row(engine, "c1")
    assert row["hidden_on_platform"] is hidden
    assert row["deleted_on_platform"] is deleted
    expected_label = "deleted" if deleted else "hidden" if hidden else "visible"
    assert row["platform_state"] == expected_label
    assert len(row["human_decisions"]) == len(steps)
    with Session(engine) as session:
        (comment,) = rows(engine, Comment)
        assert case.load(session, comment.id).platform.label == expected_label
    assert f"[{expected_label}]" in _queue_line(capsys, "c1")


class FailingHides(ReplayConnector):
    def act(self, action, target, params, idempotency_key):
        if action == "hide":
            raise ConnectorError("the comment cannot be hidden", effect=Effect.GIVE_UP)
        return super().act(action, target, params, idempotency_key)


def test_an_unhide_after_a_failed_hide_leaves_it_visible_and_says_the_hide_failed(monkeypatch, make_worker, settings,
                                                                                  feed, engine):
    monkeypatch.setitem(connectors.CONNECTORS, "failing", f"{__name__}:FailingHides")
    settings.schools[0].accounts[0].connector = "failing"
    worker = make_worker(settings)
    feed.add(comment_line("c1", ABUSE, author="mallory"))
    worker.run_until_idle()
    assert [a.status for a in rows(engine, Action)] == ["failed"]
    row = _register_row(engine, "c1")
    assert row["hidden_on_platform"] is False and row["platform_state"] == "visible (hide failed)"

    _person_does(engine, "c1", "unhide")
    worker.run_until_idle()
    row = _register_row(engine, "c1")
    assert row["hidden_on_platform"] is False and row["platform_state"] == "visible (hide failed)"
    assert json.dumps(row["human_decisions"])  # the restore is on the row, by name
    assert row["last_decided_by"] == "helen" and row["last_decision"] == "unhide"


def test_editing_the_policy_does_not_change_the_explanation_of_an_old_decision(make_worker, settings, feed, engine,
                                                                               tmp_path):
    from moderator.settings import DEFAULT_POLICY_FILE

    policy_file = tmp_path / "policy.toml"
    original = DEFAULT_POLICY_FILE.read_text("utf-8")
    policy_file.write_text(original, "utf-8")
    settings.policy_file = policy_file
    feed.add(comment_line("c1", ABUSE, author="mallory"))
    make_worker(settings).run_until_idle()
    before = _register_row(engine, "c1")["explanation"]
    assert before

    edited = original
    for line in before:
        edited = edited.replace(line, "Rewritten after the decision was made.")
    assert edited != original
    policy_file.write_text(edited, "utf-8")
    make_worker(settings).run_until_idle()  # a restart with the edited file

    assert _register_row(engine, "c1")["explanation"] == before
    with Session(engine) as session:
        (comment,) = rows(engine, Comment)
        entry = [e for e in case.load(session, comment.id).timeline if e.kind == "decision"][0]
        assert entry.details["explanation"] == before


def test_a_streamed_export_does_not_hold_up_the_worker(worker, feed, engine):
    from moderator.db import reading

    feed.add(*(comment_line(f"c{i}", ABUSE, author=f"p{i}") for i in range(3)))
    worker.run_until_idle()
    with reading(engine) as session:
        rows_so_far = register.register_rows(session)
        assert next(rows_so_far)["external_id"] == "c0"  # the export is part-way through...
        feed.add(comment_line("c9", ABUSE, author="late"))
        worker.run_until_idle()  # ...and the worker stores, decides and hides meanwhile
        assert "c9" in feed.hidden()
        rest = [r["external_id"] for r in rows_so_far]
        assert rest[:2] == ["c1", "c2"]  # (PostgreSQL's later pages may also see c9; SQLite reads one snapshot)


@pytest.mark.parametrize("actions, hidden, once_sent", [
    ([("hide", "done")], True, True),
    ([("hide", "done"), ("unhide", "pending")], True, False),  # a restore waiting to run
    ([("hide", "failed")], False, False),
    ([("hide", "done"), ("unhide", "done"), ("hide", "running")], False, True),
    ([("hide", "done"), ("delete", "pending")], True, False),
])
def test_the_state_once_waiting_actions_have_run(actions, hidden, once_sent):
    from datetime import datetime, timedelta, timezone

    start = datetime(2026, 11, 2, tzinfo=timezone.utc)
    rows_ = [Action(id=i + 1, account_id=1, comment_id=1, kind=kind, status=status, idempotency_key=f"k{i}",
                    done_at=start + timedelta(minutes=i) if status == "done" else None)
             for i, (kind, status) in enumerate(actions)]
    state = outbox.state_of(rows_)
    assert (state.hidden, state.hidden_once_sent) == (hidden, once_sent)
