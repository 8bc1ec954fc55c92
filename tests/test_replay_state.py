"""The replay platform's state is append-only: each action adds one line to a journal (so a hide
costs the same on the ten-thousandth comment as on the first), repeated idempotency keys change
nothing, a line torn by a crash counts as never written, and compaction (on close, or every
``COMPACT_EVERY`` lines) neither loses nor repeats an action."""
from __future__ import annotations

import json

import pytest

import connectors.replay as replay
from connectors import ActionTarget, ConnectorError
from connectors.replay import ReplayConnector, read_state


@pytest.fixture
def paths(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("")
    return feed, tmp_path / "platform-state.json"


def platform(paths) -> ReplayConnector:
    feed, state = paths
    return ReplayConnector(platform="facebook", feed=feed, state=state)


def hide(conn: ReplayConnector, cid: str, key: str | None = None) -> dict:
    return conn.act("hide", ActionTarget(platform="facebook", comment_external_id=cid), {}, key or f"hide:{cid}")


def test_each_action_appends_one_line_and_never_rewrites_the_state(paths):
    conn = platform(paths)
    journal = conn.journal_path
    sizes = []
    for n in range(300):
        hide(conn, f"c{n}")
        sizes.append(journal.stat().st_size)
    growth = [b - a for a, b in zip([0] + sizes, sizes)]
    assert max(growth) - min(growth) <= 16 and max(growth) < 400  # the same line size, however big the state
    assert len(journal.read_bytes().splitlines()) == 300
    assert not paths[1].exists()  # no snapshot written while acting
    state = read_state(paths[1])
    assert {k for k, v in state["comments"].items() if v["hidden"]} == {f"facebook:c{n}" for n in range(300)}


def test_a_repeated_key_returns_the_first_result_and_changes_nothing(paths):
    conn = platform(paths)
    first = hide(conn, "c1", "k1")
    assert conn.act("unhide", ActionTarget(platform="facebook", comment_external_id="c1"), {}, "k1") == first
    again = platform(paths)  # another process, same platform
    assert hide(again, "c1", "k1") == first
    state = read_state(paths[1])
    assert state["comments"]["facebook:c1"]["hidden"] is True
    assert [e["effect"] for e in state["log"]] == ["applied", "duplicate_key", "duplicate_key"]


def test_processes_sharing_the_state_see_each_others_actions(paths):
    a, b = platform(paths), platform(paths)
    hide(a, "c1")
    assert hide(b, "c1", "other-key") == {"success": True, "changed": False}
    b.act("delete", ActionTarget(platform="facebook", comment_external_id="c2"), {}, "del:c2")
    with pytest.raises(ConnectorError) as err:
        hide(a, "c2")
    assert err.value.code == "deleted" and err.value.permanent
    replies = [a.act("reply", ActionTarget(platform="facebook", comment_external_id="c1"), {"message": "hi"}, f"r{n}")
               for n in range(2)]
    assert [r["id"] for r in replies] == ["reply-1", "reply-2"]


def test_a_line_torn_by_a_crash_counts_as_never_written_and_cannot_swallow_the_next(paths):
    conn = platform(paths)
    hide(conn, "c1")
    with conn.journal_path.open("ab") as out:  # the process died half-way through a line
        out.write(b'{"seq": 2, "entry": {"key": "hide:c2", "act')
    assert "facebook:c2" not in read_state(paths[1])["comments"]
    fresh = platform(paths)  # the restarted process retries the hide
    assert hide(fresh, "c2") == {"success": True, "changed": True}
    hide(fresh, "c3")
    state = read_state(paths[1])
    assert {k for k, v in state["comments"].items() if v["hidden"]} == {"facebook:c1", "facebook:c2", "facebook:c3"}
    assert [e["key"] for e in state["log"]] == ["hide:c1", "hide:c2", "hide:c3"]


def test_compaction_keeps_every_action_once(paths, monkeypatch):
    monkeypatch.setattr(replay, "COMPACT_EVERY", 10)
    conn = platform(paths)
    for n in range(25):
        hide(conn, f"c{n}")
    assert len(conn.journal_path.read_bytes().splitlines()) == 5  # compacted at 10 and 20
    snapshot = json.loads(paths[1].read_text())
    assert snapshot["seq"] == 20
    # A crash after the snapshot was written but before the journal was emptied repeats nothing.
    stale = conn.journal_path.read_bytes()
    conn.close()
    assert conn.journal_path.read_bytes() == b"" and len(json.loads(paths[1].read_text())["log"]) == 25
    conn.journal_path.write_bytes(stale)
    state = read_state(paths[1])
    assert len(state["log"]) == 25 and state["seq"] == 25
    hide(platform(paths), "c99")
    assert len(read_state(paths[1])["log"]) == 26


def test_close_leaves_a_snapshot_that_shows_everything(paths):
    conn = platform(paths)
    hide(conn, "c1")
    conn.act("ban", ActionTarget(platform="facebook", author_external_id="u1"), {}, "ban:u1")
    conn.close()
    snapshot = json.loads(paths[1].read_text())
    assert snapshot["comments"]["facebook:c1"]["hidden"] and snapshot["banned"] == ["facebook:u1"]
    assert snapshot == read_state(paths[1])
    before = paths[1].read_text()
    platform(paths).close()  # nothing new: nothing rewritten
    assert paths[1].read_text() == before
