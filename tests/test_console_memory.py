"""The console under many reviewers at once (issue 22): its memory, and reads that never queue for
SQLite's write lock.

Each worker thread that runs a page keeps its own C heap and SQLite connection for as long as the
process lives, and checking a password takes 64 MiB for as long as it runs. With AnyIO's default of
40 threads, every reviewer who signed in while the others worked added a thread, and the server grew
at each sign-in without levelling off. The console now serves any number of reviewers from a small,
fixed pool (moderator.console.app.THREADS, ``moderator serve --threads``).
"""
from __future__ import annotations

import asyncio
import re
import threading

import httpx
import pyotp
import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from moderator.console import app as console_app
from moderator.db import transaction
from moderator.people.users import add_user
from moderator.tables import ConsoleSession, School
from tests.conftest import rows
from tests.e2e.support import PASSWORD, add_cast, console_settings, csrf_from

REVIEWERS = 20


def _reviewers(engine) -> list[str]:
    names = [f"reviewer{n:02d}" for n in range(REVIEWERS)]
    with transaction(engine) as session:
        school = session.exec(select(School)).first()
        if school is None:
            school = School(slug="oakfield", name="Oakfield Primary School")
            session.add(school)
            session.flush()
        for name in names:
            add_user(session, username=name, role="moderator", display_name=name, password=PASSWORD,
                     school_id=school.id, actor="test")
    return names


def _anyio_workers() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.name == "AnyIO worker thread"}


def test_twenty_reviewers_signing_in_at_once_are_served_by_a_fixed_pool_of_threads(engine, settings):
    names = _reviewers(engine)
    app = console_app.create_app(console_settings(settings), engine)
    already = _anyio_workers()  # idle ones another test's event loop left behind

    async def everyone_signs_in() -> tuple[list[httpx.Response], set[threading.Thread]]:
        async with app.router.lifespan_context(app):  # as uvicorn starts it
            transport = httpx.ASGITransport(app=app)
            clients = [httpx.AsyncClient(transport=transport, base_url="https://testserver") for _ in names]
            try:
                pages = await asyncio.gather(*(c.get("/login") for c in clients))
                tokens = [re.search(r'name="csrf_token" value="([^"]+)"', p.text).group(1) for p in pages]
                answers = await asyncio.gather(*(
                    c.post("/login", data={"username": name, "password": PASSWORD, "csrf_token": token})
                    for c, name, token in zip(clients, names, tokens)))
            finally:
                await asyncio.gather(*(c.aclose() for c in clients))
            return answers, _anyio_workers() - already

    answers, workers = asyncio.run(everyone_signs_in())

    assert [a.status_code for a in answers] == [303] * REVIEWERS, [a.text[:200] for a in answers if a.status_code != 303]
    assert all(a.headers["location"].startswith("/login/code") for a in answers)
    assert len(rows(engine, ConsoleSession)) == REVIEWERS  # every one of them really signed in
    # Twenty at once, yet no more threads (each with its heap, its connection and, while it checks a
    # password, 64 MiB) than the pool allows. Before: one per reviewer, twenty.
    assert 1 <= len(workers) <= console_app.THREADS < REVIEWERS


def test_a_reviewer_reads_the_queue_while_the_worker_holds_the_write_lock(engine, settings):
    """On SQLite every write transaction queues for one lock. Pages took it too, just to read, so each
    reviewer waited behind every other and behind the worker, and under load some gave up ("database
    is locked"). Reading takes no lock now: a page is served while someone else is writing."""
    if engine.dialect.name != "sqlite":
        pytest.skip("the write lock that reads must not wait for is SQLite's")
    secret = add_cast(engine)["helen"]
    client = TestClient(console_app.create_app(console_settings(settings), engine), base_url="https://testserver",
                        follow_redirects=False)
    r = client.post("/login", data={"username": "helen", "password": PASSWORD,
                                    "csrf_token": csrf_from(client.get("/login").text)})
    r = client.post("/login/code", data={"code": pyotp.TOTP(secret).now(),
                                         "csrf_token": csrf_from(client.get(r.headers["location"]).text)})
    assert r.status_code == 303

    writer = engine.raw_connection()  # the worker, in the middle of a write transaction
    writer.cursor().execute("BEGIN IMMEDIATE")
    answered, page = threading.Event(), {}

    def read():
        page["queue"] = client.get("/queue")
        answered.set()

    reader = threading.Thread(target=read)
    reader.start()
    try:
        answered_while_locked = answered.wait(timeout=20)  # before: it waited for the lock (30 s), then failed
    finally:
        writer.cursor().execute("ROLLBACK")
        writer.close()
        reader.join()
    assert answered_while_locked
    assert page["queue"].status_code == 200 and "Queue" in page["queue"].text
