"""`moderator audit verify` time per event, on SQLite and (with ``--postgres``) on PostgreSQL.

Builds the same chain on each database with the service's own ``audit.record``: three events in
four record a new comment with its evidence (as ingest does), the fourth carries none. Then times
``audit.verify_chain`` (the whole check: hashes, order and every evidence row) and prints the best
of ``--repeat`` runs, per event. The goal: no slower per event on PostgreSQL than on SQLite.

SQLite runs in a temporary file. For PostgreSQL, give any URL the server accepts: the chain goes
into a database of its own (``CREATE DATABASE``) when that role may create one, otherwise into a
schema of its own in the given database; either is dropped afterwards.

    .venv/bin/python benchmarks/audit_verify_speed.py [--events 20000] \\
        [--postgres postgresql://moderator:moderator@localhost/moderator_test] [--profile]
"""
from __future__ import annotations

import argparse
import cProfile
import contextlib
import hashlib
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator

from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ProgrammingError
from sqlmodel import Session

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from moderator import audit, migrate  # noqa: E402
from moderator.db import make_engine, transaction  # noqa: E402
from moderator.tables import Account, Comment, School  # noqa: E402

BATCH = 1_000  # events per transaction while building


def build_chain(engine: Engine, events: int) -> None:
    with transaction(engine) as session:
        school = School(slug="oakfield", name="Oakfield Primary School")
        session.add(school)
        session.flush()
        account = Account(school_id=school.id, handle="oakfield-facebook", platform="facebook", connector="replay")
        session.add(account)
        session.flush()
        school_id, account_id = school.id, account.id
    for start in range(0, events, BATCH):
        with transaction(engine) as session:
            for n in range(start, min(start + BATCH, events)):
                if n % 4 == 3:
                    audit.record(session, "account.polled", school_id=school_id, data={"account": account_id,
                                                                                       "new": 3})
                    continue
                words = f"Comment {n}: lovely assembly this morning, thank you to everyone who helped"
                comment = Comment(school_id=school_id, account_id=account_id, platform="facebook",
                                  external_id=f"c{n}", post_external_id="p1", text=words,
                                  text_sha256=hashlib.sha256(words.encode()).hexdigest(),
                                  text_bytes=len(words.encode()), permalink=f"https://facebook.example/p1?c={n}")
                session.add(comment)
                session.flush()
                audit.record(session, "comment.ingested", school_id=school_id, subject_type="comment",
                             subject_id=comment.id, evidence=audit.evidence_of(comment))


def time_verify(engine: Engine, repeat: int, profile: bool) -> tuple[float, int]:
    """Best wall time of ``repeat`` verifications, and the number of events checked."""
    best, count = float("inf"), 0
    for _ in range(repeat):
        with Session(engine) as session:
            started = time.perf_counter()
            ok, message = audit.verify_chain(session)
            best = min(best, time.perf_counter() - started)
        if not ok:
            raise SystemExit(f"the benchmark's own chain does not verify: {message}")
        count = int(message.split()[0])
    if profile:
        profiler = cProfile.Profile()
        with Session(engine) as session:
            profiler.runcall(audit.verify_chain, session)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(18)
    return best, count


@contextlib.contextmanager
def sqlite_url() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="audit-verify-") as folder:
        yield f"sqlite:///{folder}/moderator.db"


@contextlib.contextmanager
def postgres_url(url: str) -> Iterator[str]:
    """A database of our own when the role may create one, otherwise a schema of our own; dropped after."""
    name = f"audit_verify_bench_{os.getpid()}"
    admin = make_engine(url).execution_options(isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except ProgrammingError:  # no CREATEDB: a schema in the given database instead
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{name}"'))
        try:
            parsed = make_url(url)
            yield parsed.update_query_dict({"options": f"-csearch_path={name}"}).render_as_string(
                hide_password=False)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
            admin.dispose()
        return
    try:
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def run(label: str, url: str, events: int, repeat: int, profile: bool) -> None:
    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
        started = time.perf_counter()
        build_chain(engine, events)
        built = time.perf_counter() - started
        seconds, count = time_verify(engine, repeat, profile)
    finally:
        engine.dispose()
    print(f"{label:<10} {count:>7} events  built in {built:6.1f} s  verify {seconds:6.2f} s  "
          f"{seconds / count * 1e6:7.1f} µs per event", flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3, help="verify this many times; the best is shown")
    parser.add_argument("--postgres", metavar="URL", help="also run on this PostgreSQL server")
    parser.add_argument("--only-postgres", action="store_true", help="skip SQLite")
    parser.add_argument("--profile", action="store_true", help="print a profile of one verification")
    args = parser.parse_args(argv)
    if not args.only_postgres:
        with sqlite_url() as url:
            run("SQLite", url, args.events, args.repeat, args.profile)
    if args.postgres:
        with postgres_url(args.postgres) as url:
            run("PostgreSQL", url, args.events, args.repeat, args.profile)


if __name__ == "__main__":
    main()
