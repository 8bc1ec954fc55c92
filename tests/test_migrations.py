"""The Alembic migrations build exactly the tables the code declares, on SQLite and PostgreSQL."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

from moderator import migrate
import moderator.tables  # noqa: F401


def test_migrations_match_the_tables(engine):
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), SQLModel.metadata)
    assert diff == []


def test_the_database_is_at_head_after_upgrade_and_upgrading_again_is_harmless(engine):
    assert migrate.current_revision(engine) == migrate.head_revision(engine)
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision(engine)
