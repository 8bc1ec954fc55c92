"""Shared fixtures. The cast: Oakfield Primary (headteacher Mrs Patel, staff Mr Okafor, pupil
Alfie Morgan), Riverside Primary, and commenters alice (kind), bob (angry), mallory (abusive).

Every test runs against SQLite; when MODERATOR_TEST_POSTGRES_URL is set (``.ci/run`` sets it) the
same tests run against that real PostgreSQL server instead.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from moderator import migrate  # noqa: E402
from moderator.db import make_engine  # noqa: E402
from moderator.settings import AccountSettings, SchoolSettings, Settings  # noqa: E402
from moderator.worker import Worker, sync_config  # noqa: E402

POSTGRES_URL = os.environ.get("MODERATOR_TEST_POSTGRES_URL", "")


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch):
    for key in list(os.environ):
        if key.startswith("MODERATOR_") and key != "MODERATOR_TEST_POSTGRES_URL":
            monkeypatch.delenv(key)
    monkeypatch.setenv("MODERATOR_LOG_FORMAT", "text")


@pytest.fixture
def database_url(tmp_path) -> str:
    if not POSTGRES_URL:
        return f"sqlite:///{tmp_path / 'moderator.db'}"
    engine = make_engine(POSTGRES_URL)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return POSTGRES_URL


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    yield engine
    engine.dispose()


def comment_line(ext_id: str, text: str, *, author: str = "alice", platform: str = "facebook",
                 account: str | None = None, post: str = "post-1", parent: str | None = None,
                 created_at: str = "2026-11-02T09:00:00Z", **extra: Any) -> dict:
    line = {"platform": platform, "id": ext_id, "post_id": post, "parent_id": parent,
            "author": {"id": f"u-{author}", "name": author.title()}, "text": text, "created_at": created_at,
            "permalink": f"https://www.facebook.com/oakfield/posts/{post}?comment_id={ext_id}"}
    if account:
        line["account"] = account
    line.update(extra)
    return line


class Feed:
    """A replay feed file the test appends to, and the platform state the connector keeps."""

    def __init__(self, path: Path):
        self.path = path
        self.state_path = path.with_name(path.stem + "-state.json")
        path.write_bytes(b"")

    def add(self, *lines: dict | str | bytes) -> None:
        with self.path.open("ab") as fh:
            for line in lines:
                if isinstance(line, dict):
                    line = json.dumps(line, ensure_ascii=False)
                if isinstance(line, str):
                    line = line.encode("utf-8")
                fh.write(line.rstrip(b"\n") + b"\n")

    def state(self) -> dict:
        from connectors.replay import read_state

        return read_state(self.state_path)

    def hidden(self) -> set[str]:
        return {k.split(":", 1)[1] for k, v in self.state().get("comments", {}).items() if v.get("hidden")}


@pytest.fixture
def feed(tmp_path) -> Feed:
    return Feed(tmp_path / "feed.jsonl")


def oakfield(feed: Feed, **school: Any) -> SchoolSettings:
    return SchoolSettings(
        slug="oakfield", name="Oakfield Primary School", headteacher=["Mrs Patel", "Helen Patel"],
        staff=["Mr Okafor", "Miss Bennett"], pupil_names=["Alfie Morgan", "Maisie Clarke"],
        accounts=[AccountSettings(handle="oakfield-facebook", platform="facebook", connector="replay",
                                  options={"feed": str(feed.path), "state": str(feed.state_path)})],
        **school,
    )


@pytest.fixture
def settings(tmp_path, database_url, feed) -> Settings:
    return Settings(data_dir=tmp_path / "data", database_url=database_url, schools=[oakfield(feed)],
                    poll_interval_seconds=0.01, idle_sleep_seconds=0.01, retry_base_seconds=0.01, batch_size=50)


@pytest.fixture
def make_worker(engine):
    made: list[Worker] = []

    def _make(settings: Settings, **kwargs: Any) -> Worker:
        sync_config(engine, settings)
        worker = Worker(settings, engine, **kwargs)
        made.append(worker)
        return worker

    yield _make
    for worker in made:
        worker.close()


@pytest.fixture
def worker(make_worker, settings) -> Worker:
    return make_worker(settings)


def rows(engine, model, *where) -> list:
    with Session(engine) as session:
        stmt = select(model)
        for clause in where:
            stmt = stmt.where(clause)
        return list(session.exec(stmt).all())
