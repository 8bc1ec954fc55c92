"""The worker as a service: clean stop on SIGTERM, structured logs without comment text, and
several workers sharing one database without doing anything twice."""
from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time

from moderator.tables import Action, Comment, Decision
from moderator.worker import Worker
from tests.conftest import comment_line, rows

SECRET_TEXT = "Watch your back Mr Okafor, I know where you live"


def test_sigterm_stops_the_worker_cleanly(tmp_path, feed, database_url):
    feed.add(comment_line("c1", SECRET_TEXT))
    config = tmp_path / "moderator.toml"
    config.write_text(f"""
database_url = "{database_url}"
idle_sleep_seconds = 0.2
poll_interval_seconds = 0.5
[[schools]]
slug = "oakfield"
name = "Oakfield Primary School"
[[schools.accounts]]
handle = "oakfield-facebook"
platform = "facebook"
connector = "replay"
options = {{ feed = "{feed.path}", state = "{feed.state_path}" }}
""")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MODERATOR_")}
    env.update(MODERATOR_CONFIG=str(config), MODERATOR_LOG_FORMAT="json", MODERATOR_LOG_LEVEL="INFO")
    proc = subprocess.Popen([sys.executable, "-m", "moderator.cli", "run"], env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and feed.hidden() != {"c1"}:
        time.sleep(0.2)
    assert feed.hidden() == {"c1"}
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0
    logs = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    messages = [entry["msg"] for entry in logs]
    assert "worker started" in messages and messages[-1] == "worker stopped"
    assert any(entry.get("signal") == "SIGTERM" for entry in logs)
    assert SECRET_TEXT not in err and "Okafor" not in err  # comment text never reaches the logs


def test_logs_carry_no_comment_text(worker, feed, caplog):
    feed.add(comment_line("c1", SECRET_TEXT), comment_line("c2", "\x00" + SECRET_TEXT))
    with caplog.at_level(logging.INFO):
        worker.run_until_idle()
    assert caplog.records
    for record in caplog.records:
        assert "Okafor" not in record.getMessage()
        assert all("Okafor" not in str(v) for v in vars(record).values())


def test_two_workers_share_the_work_without_doing_anything_twice(make_worker, settings, feed, engine):
    for i in range(60):
        text = SECRET_TEXT if i % 3 == 0 else f"Thanks for the update about the trip, number {i}"
        feed.add(comment_line(f"c{i}", text, author=f"parent{i % 7}"))
    settings.batch_size = 5
    first, second = make_worker(settings, worker_id="w1"), make_worker(settings, worker_id="w2")
    threads = [threading.Thread(target=w.run_until_idle) for w in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    Worker.run_until_idle(first)  # anything one of them left behind

    assert len(rows(engine, Comment)) == 60
    decisions = rows(engine, Decision)
    assert len(decisions) == 60 and len({d.comment_id for d in decisions}) == 60
    hides = rows(engine, Action)
    assert len(hides) == 20 and all(a.status == "done" for a in hides)
    applied = [e for e in feed.state()["log"] if e["effect"] == "applied"]
    assert len(applied) == 20 and len({e["comment"] for e in applied}) == 20


def test_a_misconfigured_account_is_disabled_and_the_others_carry_on(make_worker, settings, feed, engine, tmp_path):
    from moderator.tables import Account
    from tests.conftest import Feed, oakfield

    broken = oakfield(Feed(tmp_path / "other.jsonl")).accounts[0]
    broken.handle, broken.options = "oakfield-x", {"feed": str(tmp_path / "missing.jsonl")}
    settings.schools[0].accounts.append(broken)
    feed.add(comment_line("c1", SECRET_TEXT))
    make_worker(settings).run_until_idle()

    assert feed.hidden() == {"c1"}
    (account,) = rows(engine, Account, Account.handle == "oakfield-x")
    assert account.status == "disabled" and "missing.jsonl" in account.status_reason


def test_an_account_fixed_by_the_school_can_be_switched_back_on(make_worker, settings, feed, engine, tmp_path,
                                                                 database_url, monkeypatch, capsys):
    from moderator.cli import main
    from moderator.tables import Account, AuditEvent

    missing = tmp_path / "later.jsonl"
    account = settings.schools[0].accounts[0]
    account.options = {"feed": str(missing), "state": str(feed.state_path)}
    worker = make_worker(settings)
    worker.run_until_idle()
    assert rows(engine, Account)[0].status == "disabled"

    missing.write_text(json.dumps(comment_line("c1", SECRET_TEXT)) + "\n")  # the school fixes the problem
    monkeypatch.setenv("MODERATOR_DATABASE_URL", database_url)
    assert main(["accounts", "enable", "oakfield-facebook"]) == 0
    assert "active again" in capsys.readouterr().out
    worker.run_until_idle()

    assert rows(engine, Account)[0].status == "active"
    assert feed.hidden() == {"c1"}
    (event,) = rows(engine, AuditEvent, AuditEvent.action == "account.enabled")
    assert event.data["previous"] == "disabled"
