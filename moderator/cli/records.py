"""The record: ``moderator export`` (the abuse register), ``report`` (documents), ``audit verify``,
``hold`` (legal holds), ``retention purge`` and ``subject-access``. Each calls its service module."""
from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from sqlmodel import Session, select

from moderator import progress
from moderator.cli.base import CliError, actor, engine_for, known_school, settings_for


def cmd_export(args: argparse.Namespace) -> int:
    from moderator import audit
    from moderator.db import reading
    from moderator.record.register import WRITERS, Filters, register_rows

    settings = settings_for(args)
    engine = engine_for(settings)
    since, until = _dates(args.since, args.until)
    filters = Filters(school=known_school(settings, args.school, engine), since=since, until=until,
                      route=args.route, signal=args.signal, state=args.state, author=args.author)
    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
    try:
        with reading(engine) as session, progress.shown("exporting the register", unit="entry") as report:
            head = audit.head_text(session)  # a long read: on SQLite the worker goes on meanwhile
            n = WRITERS[args.format](_counted(register_rows(session, filters), report), out)
    finally:
        if args.output:
            out.close()
    print(f"wrote {n} register entries" + (f" to {args.output}" if args.output else "")
          + f"; audit chain head {head} (check later with `moderator audit verify --expect {head}`)", file=sys.stderr)
    return 0


def _counted(rows: Iterator[dict], report: progress.Report) -> Iterator[dict]:
    for n, row in enumerate(rows, 1):
        yield row
        if n % 100 == 0:
            report(n, None)


def _dates(since: str | None, until: str | None) -> tuple[datetime | None, datetime | None]:
    """--since and --until as dates, refused when the period they give is empty."""
    start, end = _date(since, "--since"), _date(until, "--until")
    if start and end and start >= end:
        raise CliError(f"--since {since} is not before --until {until}: the period would be empty "
                       "(--since is the first day included, --until the first day after it)")
    return start, end


def _date(value: str | None, name: str) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise CliError(f"{name} {value!r}: give a date as YYYY-MM-DD") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def cmd_audit(args: argparse.Namespace) -> int:
    from moderator.audit import parse_expect, verify_chain

    settings = settings_for(args)
    engine = engine_for(settings)
    expect = parse_expect(args.expect) if args.expect else None
    with Session(engine) as session, progress.shown("checking the audit log", unit="event") as report:
        ok, message = verify_chain(session, expect=expect, progress=report)
    print(("audit chain OK: " if ok else "AUDIT CHAIN BROKEN: ") + message)
    return 0 if ok else 1


def cmd_report(args: argparse.Namespace) -> int:
    from moderator import audit, documents
    from moderator.db import transaction
    from moderator.tables import Comment, School

    settings = settings_for(args)
    engine = engine_for(settings)
    with transaction(engine) as session:
        if args.report_kind == "termly":
            if not (args.school and args.since and args.until):
                raise CliError("the termly report needs --school, --since and --until")
            since, until = _dates(args.since, args.until)
            try:
                content = documents.termly_report(session, school=args.school, since=since, until=until)
            except LookupError as exc:
                raise CliError(str(exc)) from None
            row = session.exec(select(School).where(School.slug == args.school)).one()
            head = audit.head_text(session)
            documents.record_export(session, "termly", content, actor=actor(), school_id=row.id,
                                    details={"since": since.isoformat(), "until": until.isoformat()})
        else:
            if args.comment_id is None:
                raise CliError(f"say which comment: moderator report {args.report_kind} COMMENT_ID --output FILE")
            build = documents.incident_report if args.report_kind == "incident" else documents.police_pack
            try:
                content = build(session, args.comment_id, staff_name=args.staff or "")
            except LookupError as exc:
                raise CliError(str(exc)) from None
            head = audit.head_text(session)
            documents.record_export(session, args.report_kind, content, actor=actor(),
                                    school_id=session.get(Comment, args.comment_id).school_id,
                                    comment_id=args.comment_id)
        _write_bytes(args.output, content)
    print(f"wrote {args.output} ({len(content):,} bytes); audit chain head {head} "
          f"(check later with `moderator audit verify --expect {head}`)")
    return 0


def _write_bytes(path: str, content: bytes) -> None:
    Path(path).write_bytes(content)


def cmd_hold(args: argparse.Namespace) -> int:
    from moderator.record import retention
    from moderator.db import transaction
    from moderator.tables import Author

    settings = settings_for(args)
    engine = engine_for(settings)
    with transaction(engine) as session:
        if args.hold_command == "add":
            if (args.comment is None) == (args.author is None):
                raise CliError("hold add needs --comment COMMENT_ID or --author PLATFORM_ID (one of them)")
            author_id = (retention.find_author(session, args.author, args.platform).id
                         if args.author is not None else None)
            hold = retention.place_hold(session, comment_id=args.comment, author_id=author_id, reason=args.reason or "",
                                        by=actor())
            print(f"hold {hold.id} placed on " + (f"comment {hold.comment_id}" if hold.comment_id
                                                   else f"author {args.author}") + ": retention will keep it")
        elif args.hold_command == "remove":
            if args.hold_id is None:
                raise CliError("say which hold: moderator hold remove HOLD_ID --reason ...")
            hold = retention.lift_hold(session, args.hold_id, by=actor(), reason=args.reason or "")
            print(f"hold {hold.id} lifted")
        else:
            found = retention.holds(session, in_force_only=not args.all)
            if not found:
                print("No legal holds" + ("." if args.all else " in force."))
            for hold in found:
                author = session.get(Author, hold.author_id) if hold.author_id is not None else None
                what = (f"comment {hold.comment_id}" if hold.comment_id is not None
                        else f"author {author.platform} {author.external_id}" if author else "author (removed)")
                state = (f"lifted {hold.removed_at:%Y-%m-%d} by {hold.removed_by}" if hold.removed_at else "in force")
                print(f"#{hold.id:<4} {what:16} {state}; placed {hold.placed_at:%Y-%m-%d} by {hold.placed_by}: "
                      f"{hold.reason}")
    return 0


def cmd_retention(args: argparse.Namespace) -> int:
    from moderator import audit
    from moderator.record import retention
    from moderator.db import transaction

    settings = settings_for(args)
    engine = engine_for(settings)
    if not any(s.retention_days or s.author_retention_days for s in settings.schools):
        print("No school sets retention_days or author_retention_days: nothing is ever purged.")
        return 0
    with transaction(engine) as session:
        with progress.shown("purging expired cases", unit="case") as report:
            result = retention.purge(session, settings, dry_run=args.dry_run, actor=actor(), progress=report)
        head = audit.head_text(session)
    print(result.summary())
    print(f"audit chain head {head}")
    return 0


def cmd_subject_access(args: argparse.Namespace) -> int:
    from moderator.record import retention
    from moderator.db import transaction

    settings = settings_for(args)
    engine = engine_for(settings)
    with transaction(engine) as session:
        author = retention.find_author(session, args.author, args.platform)
        with open(args.output, "w", encoding="utf-8") as out:
            done = retention.export_subject_access(session, author, out, actor=actor())
    print(f"wrote {args.output}: {done['comments']} comment(s), sha256 {done['sha256']}; recorded as audit event "
          f"{done['event_seq']} ({done['event_hash']})")
    return 0
