"""``moderator health``: one yes/no answer for a container's or a monitor's health check.

Three kinds, one per part of the service:

* the worker (the default): the database answers, its schema is current, and no active account is
  overdue for polling by more than ``--max-overdue-minutes`` (a wedged or missing worker leaves
  them overdue; a paused or disabled account is the school's to fix and shows in the console);
* ``--url URL``: a web part (the console's ``/healthz``) answers 200;
* ``--stamp FILE --max-age-hours N``: a scheduled job (the retention purge) succeeded recently,
  as shown by the time of the file it touches after each success.

It prints one line and exits 0 (healthy) or 1 (not).
"""
from __future__ import annotations

import argparse
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from moderator.db import utcnow


def worker_health(engine: Engine, *, max_overdue: timedelta, now: datetime | None = None) -> tuple[bool, str]:
    from moderator import migrate
    from moderator.tables import Account

    current, head = migrate.current_revision(engine), migrate.head_revision(engine)
    if current != head:
        return False, f"the database schema is at {current or 'nothing'}, not {head}: run `moderator db upgrade`"
    cutoff = (now or utcnow()) - max_overdue
    with Session(engine) as session:
        overdue = session.exec(select(Account.handle, Account.next_poll_at)
                               .where(Account.status == "active", col(Account.next_poll_at).is_not(None),
                                      col(Account.next_poll_at) < cutoff)
                               .order_by(col(Account.next_poll_at))).all()
        active = session.exec(select(Account.handle).where(Account.status == "active")).all()
    if overdue:
        handle, due = overdue[0]
        return False, (f"{len(overdue)} account(s) overdue for polling, the oldest {handle} (due {due:%Y-%m-%d %H:%M} "
                       "UTC): is a worker running?")
    return True, f"database and schema OK; {len(active)} active account(s), none overdue"


def url_health(url: str, *, timeout: float = 5.0) -> tuple[bool, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - an operator-given URL
            return response.status == 200, f"{url} answered {response.status}"
    except urllib.error.HTTPError as exc:
        return False, f"{url} answered {exc.code}"
    except (urllib.error.URLError, OSError) as exc:
        return False, f"{url} did not answer: {getattr(exc, 'reason', exc)}"


def stamp_health(path: Path, *, max_age: timedelta, now: float | None = None) -> tuple[bool, str]:
    try:
        age = (time.time() if now is None else now) - path.stat().st_mtime
    except OSError:
        return False, f"{path} is missing: the job has not succeeded since the container started"
    hours = age / 3600
    if age > max_age.total_seconds():
        return False, f"the job last succeeded {hours:.1f} hours ago ({path}), more than {max_age} ago"
    return True, f"the job last succeeded {hours:.1f} hours ago"


def cmd_health(args: argparse.Namespace) -> int:
    if args.url:
        ok, message = url_health(args.url)
    elif args.stamp:
        ok, message = stamp_health(Path(args.stamp), max_age=timedelta(hours=args.max_age_hours))
    else:
        from sqlalchemy.exc import SQLAlchemyError

        from moderator.cli.base import settings_for
        from moderator.db import make_engine

        settings = settings_for(args)
        try:
            ok, message = worker_health(make_engine(settings.effective_database_url),
                                        max_overdue=timedelta(minutes=args.max_overdue_minutes))
        except SQLAlchemyError as exc:
            ok, message = False, f"the database did not answer: {type(exc).__name__}"
    print(("healthy: " if ok else "UNHEALTHY: ") + message)
    return 0 if ok else 1


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("health", help="exit 0 if this part of the service is healthy (for container health checks)")
    p.add_argument("--max-overdue-minutes", type=float, default=15.0,
                   help="worker: an active account this late for polling is unhealthy (default 15)")
    p.add_argument("--url", help="check a web part instead, e.g. http://127.0.0.1:8000/healthz")
    p.add_argument("--stamp", help="check a scheduled job instead: the file it touches after each success")
    p.add_argument("--max-age-hours", type=float, default=26.0, help="with --stamp: how old it may be (default 26)")
    p.set_defaults(func=cmd_health)
