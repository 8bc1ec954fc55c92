"""`moderator health`, the containers' health checks: the worker's (schema current, no account overdue),
a web part's (an URL answers 200) and a scheduled job's (its success stamp is fresh)."""
from __future__ import annotations

import os
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlmodel import Session, select

from moderator.cli import main
from moderator.cli.health import stamp_health, url_health, worker_health
from moderator.db import make_engine, utcnow
from moderator.tables import Account


@pytest.fixture
def oakfield_worker(settings, worker, engine):
    worker.run_until_idle()  # the config's accounts exist and have been polled once
    return engine


def set_next_poll(engine, when) -> None:
    with Session(engine) as session:
        for account in session.exec(select(Account)):
            account.next_poll_at = when
            session.add(account)
        session.commit()


def test_a_worker_that_keeps_up_is_healthy(oakfield_worker):
    set_next_poll(oakfield_worker, utcnow() + timedelta(minutes=1))
    ok, message = worker_health(oakfield_worker, max_overdue=timedelta(minutes=15))
    assert ok and "none overdue" in message


def test_an_account_long_overdue_for_polling_means_no_worker_is_doing_its_job(oakfield_worker):
    set_next_poll(oakfield_worker, utcnow() - timedelta(hours=1))
    ok, message = worker_health(oakfield_worker, max_overdue=timedelta(minutes=15))
    assert not ok and "overdue for polling" in message and "is a worker running?" in message


def test_a_database_whose_schema_is_behind_is_unhealthy(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    ok, message = worker_health(engine, max_overdue=timedelta(minutes=15))
    assert not ok and "moderator db upgrade" in message


def test_the_command_exits_1_and_says_why(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("MODERATOR_DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    assert main(["health"]) == 1
    assert capsys.readouterr().out.startswith("UNHEALTHY: the database schema")


class _Answer(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        self.send_response(200 if self.path == "/healthz" else 503)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_web_part_is_healthy_when_its_url_answers_200():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Answer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        assert url_health(f"{base}/healthz")[0]
        ok, message = url_health(f"{base}/broken")
        assert not ok and "503" in message
    finally:
        server.shutdown()
        server.server_close()
    ok, message = url_health(base + "/healthz", timeout=2)
    assert not ok and "did not answer" in message


def test_a_scheduled_job_is_healthy_while_its_last_success_is_recent(tmp_path):
    stamp = tmp_path / "retention-ok"
    assert not stamp_health(stamp, max_age=timedelta(hours=26))[0]
    stamp.touch()
    os.utime(stamp, (1_000_000, 1_000_000))
    assert stamp_health(stamp, max_age=timedelta(hours=26), now=1_000_000 + 25 * 3600)[0]
    ok, message = stamp_health(stamp, max_age=timedelta(hours=26), now=1_000_000 + 27 * 3600)
    assert not ok and "27.0 hours ago" in message
