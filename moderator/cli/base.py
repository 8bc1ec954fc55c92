"""What every ``moderator`` command shares: settings, the database, the demo school, and errors.

The commands live in moderator/cli/__init__.py and the ``cli_*`` modules beside it, one group each; they
import what they need inside the command, so ``moderator --help`` loads nothing heavy."""
from __future__ import annotations

import argparse
import logging
import os
from contextlib import contextmanager
from typing import Iterator

from sqlalchemy.engine import Engine

from moderator.settings import DEMO_DIR, AccountSettings, SchoolSettings, Settings, load_settings

DEMO_SCHOOL = "oakfield"


class CliError(Exception):
    pass


def settings_for(args: argparse.Namespace, **overrides) -> Settings:
    settings = load_settings(args.config, **overrides)
    from moderator import logs

    logs.configure(settings.log_level, settings.log_format)
    return settings


def engine_for(settings: Settings, *, migrate: bool | None = None) -> Engine:
    from moderator import migrate as migrations
    from moderator.db import make_engine

    engine = make_engine(settings.effective_database_url)
    if settings.auto_migrate if migrate is None else migrate:
        migrations.upgrade(engine)
    elif migrations.current_revision(engine) != migrations.head_revision(engine):
        raise CliError("the database schema is out of date: run `moderator db upgrade` first")
    return engine


def actor() -> str:
    return os.environ.get("USER") or "cli"


def demo_school(settings: Settings) -> SchoolSettings:
    """The fictional Oakfield Primary School, replaying the bundled feed into a state file in data_dir."""
    state = (settings.data_dir / "demo" / "platform-state.json").resolve()
    feed = str(DEMO_DIR / "feed.jsonl")
    return SchoolSettings(
        slug=DEMO_SCHOOL, name="Oakfield Primary School (demo)",
        headteacher=["Mrs Patel", "Helen Patel", "Mrs Helen Patel"],
        staff=["Mr Okafor", "David Okafor", "Miss Bennett", "Laura Bennett", "Mrs Whitfield", "Grace Whitfield",
               "Mr Rees", "Tom Rees"],
        pupil_names=["Alfie Morgan", "Maisie Clarke", "Jayden Price", "Ruby Holt"],
        accounts=[
            AccountSettings(handle="oakfield-facebook", platform="facebook", connector="replay",
                            options={"feed": feed, "state": str(state)}),
            AccountSettings(handle="oakfield-x", platform="x", connector="replay",
                            options={"feed": feed, "state": str(state)}),
        ],
    )


def with_demo(settings: Settings) -> Settings:
    """The settings, with the demo's school when no school is configured (as `moderator demo` runs it)."""
    if not settings.schools:
        settings.schools = [demo_school(settings)]
    return settings


def known_school(settings: Settings, slug: str | None, engine: Engine | None = None) -> str | None:
    """``slug`` when it names a configured school (or one the database holds); else a CliError that
    lists the schools there are, so a typo never reads as "nothing found"."""
    if slug is None:
        return None
    known = {s.slug for s in settings.schools}
    if not settings.schools:
        known.add(DEMO_SCHOOL)
    if engine is not None:
        from sqlmodel import Session, select

        from moderator.tables import School

        with Session(engine) as session:
            known |= set(session.exec(select(School.slug)).all())
    if slug not in known:
        listed = ", ".join(sorted(known)) if known else "none configured (add [[schools]] to the config file)"
        raise CliError(f"unknown school {slug!r}; schools: {listed}")
    return slug


@contextmanager
def quiet_logs_below_warning() -> Iterator[None]:
    """For commands whose output is a summary for a person: info lines would come before it."""
    root = logging.getLogger()
    level = root.level
    root.setLevel(max(logging.WARNING, level))
    try:
        yield
    finally:
        root.setLevel(level)


def terminal_qr(text: str) -> str:
    """``text`` as a QR code drawn with block characters, for a phone to scan from the terminal."""
    import io

    import segno

    out = io.StringIO()
    segno.make(text, error="m").terminal(out=out, compact=True, border=2)
    return out.getvalue().rstrip("\n")
