"""Engine and sessions. SQLite gets WAL, a busy timeout and BEGIN IMMEDIATE so writers queue
instead of failing; PostgreSQL is used as is."""
from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from sqlalchemy import event, update
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine


def utcnow() -> datetime:
    """Aware UTC; SQLModel's datetime columns store UTC and return aware datetimes."""
    return datetime.now(timezone.utc)


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):  # noqa: ANN001
            # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn):  # noqa: ANN001
            # Take the write lock up front: a deferred transaction that later writes can fail
            # with "database is locked" instead of waiting its turn. A long read that never writes
            # (``reading``) takes no lock, so it does not hold up the worker.
            read_only = conn.get_execution_options().get(READ_ONLY, False)
            conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

        return engine
    return create_engine(url, pool_pre_ping=True)


READ_ONLY = "moderator_read_only"


def reading(engine: Engine) -> Session:
    """A session for a long read that writes nothing (a streamed export): on SQLite it takes no
    write lock, so the worker goes on while it runs. Writing through it is a mistake."""
    return Session(engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False)


def is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def claim_rows(session: Session, table: Any, candidates: Any, still_claimable: Any, values: dict[str, Any],
               returning: tuple) -> list[Any]:
    """The database is the queue: take the rows ``candidates`` selects (ids of ``table``) with one
    conditional UPDATE. A row is ours only if ``still_claimable`` held when it changed; RETURNING says
    which rows those were (another worker may have taken the rest first). On PostgreSQL the candidates
    skip rows another worker has locked, so workers do not queue behind each other."""
    if is_postgres(session):
        candidates = candidates.with_for_update(skip_locked=True, of=table)
    ids = list(session.exec(candidates).all())
    if not ids:
        return []
    return list(session.execute(
        update(table).where(table.id.in_(ids), still_claimable).values(**values).returning(*returning)
        .execution_options(synchronize_session=False)).all())


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """One unit of work: commits on success, rolls back on any error. Helpers never commit."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
