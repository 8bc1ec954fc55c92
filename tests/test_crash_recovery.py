"""Crash recovery: `moderator run` killed with SIGKILL at random moments, again and again, neither
loses a comment nor hides one twice. The work is done by scripts/chaos_kill.py (also runnable by
hand: ``python scripts/chaos_kill.py --comments 1000 --kills 20 --seed 7``)."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "chaos_kill.py"


def _chaos_module():
    if "chaos_kill" not in sys.modules:
        spec = importlib.util.spec_from_file_location("chaos_kill", SCRIPT)
        module = importlib.util.module_from_spec(spec)
        sys.modules["chaos_kill"] = module  # dataclasses look their module up by name
        spec.loader.exec_module(module)
    return sys.modules["chaos_kill"]


@pytest.mark.slow
def test_a_killed_worker_never_loses_a_comment_or_hides_one_twice(tmp_path, database_url):
    chaos = _chaos_module()
    result = chaos.run_chaos(tmp_path / "chaos", comments=1000, kills=22, seed=20261102, database_url=database_url,
                             lease_seconds=1.5, batch_size=10, log=lambda _msg: None)
    print(result.summary())

    # The kills really happened, and most of them while work was still under way.
    assert len(result.kills) == 22
    assert result.kills_with_work_left >= 20, result.summary()
    assert result.kills_mid_work >= 15, result.summary()
    assert sum(k.progressed for k in result.kills) >= 15, result.summary()  # the worker got going between kills

    # The feed is a clear mix, and the undisturbed reference run hides exactly the offending comments.
    assert result.labels_agree and 200 <= result.expected_hidden <= 400, result.summary()

    # Nothing lost, nothing twice: platform state, database, register and audit chain (see verify()).
    assert result.problems == [], result.summary()
    totals = result.totals
    assert totals["comment_rows"] == totals["decisions"] == 1000
    assert totals["hide_decisions"] == totals["hide_actions"] == totals["hidden_on_platform"] == \
        totals["applied_hides"] == totals["register_rows"] == result.expected_hidden


def test_the_chaos_feed_is_seeded_and_mixed(tmp_path):
    chaos = _chaos_module()
    first = chaos.generate_feed(tmp_path / "a.jsonl", 200, seed=3)
    second = chaos.generate_feed(tmp_path / "b.jsonl", 200, seed=3)
    assert first == second and (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    assert 30 <= sum(first.values()) <= 90
