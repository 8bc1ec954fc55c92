"""``moderator`` command line: every command loads the settings and calls a service function.
Imports are made inside the commands, so ``moderator --help`` loads nothing heavy."""
from __future__ import annotations

import argparse
import getpass
import inspect
import json
import logging
import os
import sys
from collections import Counter
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from moderator.settings import DEMO_DIR, AccountSettings, SchoolSettings, Settings, SettingsError, load_settings

log = logging.getLogger("moderator.cli")

DEMO_SCHOOL = "oakfield"


class CliError(Exception):
    pass


# -- shared set-up ------------------------------------------------------------------------------

def _settings(args: argparse.Namespace, **overrides) -> Settings:
    settings = load_settings(args.config, **overrides)
    from moderator import logs

    logs.configure(settings.log_level, settings.log_format)
    return settings


def _engine(settings: Settings, *, migrate: bool | None = None) -> Engine:
    from moderator import migrate as migrations
    from moderator.db import make_engine

    engine = make_engine(settings.effective_database_url)
    if settings.auto_migrate if migrate is None else migrate:
        migrations.upgrade(engine)
    elif migrations.current_revision(engine) != migrations.head_revision(engine):
        raise CliError("the database schema is out of date: run `moderator db upgrade` first")
    return engine


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


# -- commands -----------------------------------------------------------------------------------

def cmd_run(args: argparse.Namespace) -> int:
    from moderator.accounts import sync_config
    from moderator.worker import Worker

    settings = _settings(args)
    if not settings.schools:
        raise CliError("no schools are configured: add [[schools]] to the config file (see README), "
                       "or try `moderator demo`")
    engine = _engine(settings)
    sync_config(engine, settings)
    worker = Worker(settings, engine)
    worker.install_signal_handlers()
    if args.once:
        worker.run_until_idle()
        worker.close()
    else:
        worker.run_forever()
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from moderator.accounts import sync_config
    from moderator.worker import Worker

    settings = _settings(args)
    if settings.schools:
        raise CliError("the demo runs only without configured schools, so it never mixes demo comments into a "
                       "real school's register: unset MODERATOR_CONFIG (or use another MODERATOR_DATA_DIR)")
    settings.schools = [demo_school(settings)]
    engine = _engine(settings)
    sync_config(engine, settings)
    worker = Worker(settings, engine)
    worker.install_signal_handlers()
    worker.run_until_idle(wait_for_retries=30)
    worker.close()
    print(demo_summary(engine, settings))
    return 0


def demo_summary(engine: Engine, settings: Settings, school_slug: str = DEMO_SCHOOL) -> str:
    from moderator.policy import for_school
    from moderator.tables import Action, Comment, Decision, Escalation, RejectedInput, School
    from moderator.vocab import ROUTE_NAMES, Priority, Route

    with Session(engine) as session:
        school = session.exec(select(School).where(School.slug == school_slug)).one()
        seen = session.exec(select(func.count()).select_from(Comment).where(Comment.school_id == school.id)).one()
        flagged = session.exec(
            select(func.count(func.distinct(Decision.comment_id))).join(Comment, Comment.id == Decision.comment_id)
            .where(Comment.school_id == school.id, Decision.action == "hide")).one()
        hidden = session.exec(
            select(func.count()).select_from(Action).join(Comment, Comment.id == Action.comment_id)
            .where(Comment.school_id == school.id, Action.kind == "hide", Action.status == "done")).one()
        waiting = session.exec(
            select(func.count()).select_from(Action).join(Comment, Comment.id == Action.comment_id)
            .where(Comment.school_id == school.id, col(Action.status).in_(("pending", "running")))).one()
        failed = session.exec(
            select(func.count()).select_from(Action).join(Comment, Comment.id == Action.comment_id)
            .where(Comment.school_id == school.id, Action.status == "failed")).one()
        rejected = session.exec(select(func.count()).select_from(RejectedInput)).one()
        by_route = Counter(
            (e.route, e.priority) for e in session.exec(select(Escalation).where(Escalation.school_id == school.id))
        )
        signals = Counter(
            s for d in session.exec(select(Decision).join(Comment, Comment.id == Decision.comment_id)
                                    .where(Comment.school_id == school.id, Decision.action == "hide"))
            for s in d.signals
        )
    policy = for_school(settings, school_slug if any(s.slug == school_slug for s in settings.schools) else None).policy
    lines = [
        f"{school.name}",
        f"  policy: {policy.policy.name}, version {policy.version}; classifier: {settings.classifier}"
        + ("; SHADOW MODE (nothing is hidden)" if settings.shadow_mode else ""),
        f"  comments seen:            {seen}",
        f"  against the policy:       {flagged}",
        f"  hidden on the platform:   {hidden}" + (f"  ({waiting} waiting to retry)" if waiting else "")
        + (f"  ({failed} failed, see logs)" if failed else ""),
        f"  left visible:             {seen - flagged}",
        f"  input lines rejected:     {rejected}",
        "  escalations (route: urgent / normal / low):",
    ]
    for route, name in ROUTE_NAMES.items():
        if route == Route.REGISTER:
            continue
        counts = [by_route.get((route, p), 0) for p in reversed(Priority)]
        lines.append(f"    {name:32} {counts[0]:>4} / {counts[1]:>4} / {counts[2]:>4}")
    if signals:
        lines.append("  hidden by signal:")
        for sig, n in signals.most_common():
            lines.append(f"    {sig:48} {n:>4}")
    lines.append("Next: `moderator queue` lists what needs review; `moderator export --format csv` "
                 "prints the abuse register.")
    return "\n".join(lines)


def cmd_queue(args: argparse.Namespace) -> int:
    from moderator import explain, outbox
    from moderator.tables import Author, Comment, Decision, Escalation, School
    from moderator.vocab import OPEN_ESCALATION_STATES, PRIORITY_RANK, route_name

    settings = _settings(args)
    engine = _engine(settings)
    with Session(engine) as session:
        stmt = (select(Escalation, Comment, School).join(Comment, Comment.id == Escalation.comment_id)
                .join(School, School.id == Escalation.school_id)
                .where(col(Escalation.state).in_(OPEN_ESCALATION_STATES)))
        if args.route:
            stmt = stmt.where(Escalation.route == args.route)
        if args.school:
            stmt = stmt.where(School.slug == args.school)
        rows = sorted(session.exec(stmt).all(), key=lambda r: (-PRIORITY_RANK[r[0].priority], r[0].created_at, r[0].id))
        if not rows:
            print("Nothing is waiting for review.")
            return 0
        states = outbox.platform_states(session, sorted({comment.id for _, comment, _ in rows}))
        print(f"{len(rows)} escalation(s) waiting for review, most urgent first:")
        for esc, comment, school in rows:
            author = session.get(Author, comment.author_id) if comment.author_id else None
            decision = session.get(Decision, esc.decision_id) if esc.decision_id else None
            why = explain.one_line(decision) if decision else (esc.reason or "")
            excerpt = " ".join(comment.text.split())[:90]
            excerpt = "".join(ch if ch.isprintable() else "?" for ch in excerpt)
            print(f"#{esc.id:<5} {esc.priority.upper():7} {route_name(esc.route):30} "
                  f"{school.slug}/{comment.platform} {author.name if author else '(unknown)'} "
                  f"[{states[comment.id].label}]: {why}")
            print(f"        \"{excerpt}\"")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from moderator import audit
    from moderator.db import reading
    from moderator.register import WRITERS, Filters, register_rows

    settings = _settings(args)
    engine = _engine(settings)
    filters = Filters(school=args.school, since=_date(args.since, "--since"), until=_date(args.until, "--until"),
                      route=args.route, signal=args.signal, state=args.state, author=args.author)
    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
    try:
        with reading(engine) as session:  # a long read: on SQLite the worker goes on meanwhile
            head = audit.head_text(session)
            n = WRITERS[args.format](register_rows(session, filters), out)
    finally:
        if args.output:
            out.close()
    print(f"wrote {n} register entries" + (f" to {args.output}" if args.output else "")
          + f"; audit chain head {head} (check later with `moderator audit verify --expect {head}`)", file=sys.stderr)
    return 0


def _date(value: str | None, name: str):  # noqa: ANN202
    from datetime import datetime, timezone

    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise CliError(f"{name} {value!r}: give a date as YYYY-MM-DD") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def cmd_db(args: argparse.Namespace) -> int:
    from moderator import migrate

    settings = _settings(args)
    engine = _engine(settings, migrate=False) if args.db_command == "current" else None
    if args.db_command == "upgrade":
        from moderator.db import make_engine

        engine = make_engine(settings.effective_database_url)
        migrate.upgrade(engine)
    print(f"database schema at revision {migrate.current_revision(engine)} (head: {migrate.head_revision(engine)})")
    return 0


def cmd_classify(args: argparse.Namespace) -> int:
    from models import load_classifier
    from moderator import explain
    from moderator.pipeline import judge_texts, outcome_for
    from moderator.policy import for_school

    settings = _settings(args)
    if args.school == DEMO_SCHOOL and not settings.schools:
        settings.schools = [demo_school(settings)]  # the demo's school, as `moderator demo` runs it
    school = for_school(settings, args.school)
    classifier = load_classifier(settings.classifier, **settings.classifier_options)
    if args.file:
        items = _classify_items(Path(args.file))
    elif args.text is None:
        raise CliError("give the comment text, - to read it from standard input, or --file FILE.jsonl")
    else:
        items = [{"text": args.text if args.text != "-" else sys.stdin.read()}]
    for start in range(0, len(items), 64):
        chunk = items[start:start + 64]
        judged = judge_texts([i["text"] for i in chunk], classifier=classifier, schools=[school] * len(chunk),
                             attachments=[i.get("attachments") for i in chunk])
        for item, judgement in zip(chunk, judged):
            outcome, detectors = outcome_for(school, judgement)
            result = {
                "classifier": classifier.name, "classifier_version": classifier.version,
                "normalised": judgement.normalised, "scores": {k: round(v, 4) for k, v in judgement.scores.items()},
                "detectors": detectors, "action": outcome.action, "shadow": school.shadow, "rules": outcome.rules,
                "signals": outcome.signals, "routes": outcome.routes, "priority": outcome.priority,
                "clauses": [c["id"] for c in outcome.clauses], "explanation": explain.lines(outcome),
                "policy_version": school.policy.version,
                "note": "the repeat-author rule needs the author's history, so only the worker applies it",
            }
            if args.file:
                print(json.dumps({"id": item.get("id"), **result}, ensure_ascii=False))
            else:
                print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


def _classify_items(path: Path) -> list[dict]:
    """Comments to classify from a JSON Lines file: replay-feed lines, or {"text": ...} objects."""
    items = []
    with path.open("rb") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except ValueError:
                raise CliError(f"{path}, line {number}: not JSON") from None
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                raise CliError(f"{path}, line {number}: needs a \"text\" string")
            attachments = obj.get("attachments")
            items.append({"id": obj.get("id"), "text": obj["text"],
                          "attachments": attachments if isinstance(attachments, list) else None})
    return items


def cmd_eval(args: argparse.Namespace) -> int:
    from models import load_classifier
    from moderator.evaluate import evaluate_file
    from moderator.policy import for_school

    settings = _settings(args)
    policy = for_school(settings, None).policy
    if args.label not in policy.thresholds and args.threshold is None:
        raise CliError(f"no threshold for label {args.label!r} in the policy; give --threshold")
    classifier = load_classifier(settings.classifier, **settings.classifier_options)
    positive = [v.strip() for v in args.positive.split(",")] if args.positive else None
    result = evaluate_file(Path(args.data), text_column=args.text_column, label_column=args.label_column,
                           classifier=classifier, positive=positive, label=args.label,
                           threshold=args.threshold if args.threshold is not None else policy.thresholds[args.label])
    print(json.dumps(result, indent=2))
    return 0


def cmd_calibrate(args: argparse.Namespace) -> int:
    from moderator.calibrate import calibrate, render
    from moderator.policy import for_school

    settings = _settings(args)
    if args.school == DEMO_SCHOOL and not settings.schools:
        settings.schools = [demo_school(settings)]
    policy = for_school(settings, args.school).policy
    engine = _engine(settings)
    with Session(engine) as session:
        print(render(calibrate(session, args.school, policy)))
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from moderator.audit import parse_expect, verify_chain

    settings = _settings(args)
    engine = _engine(settings)
    expect = parse_expect(args.expect) if args.expect else None
    with Session(engine) as session:
        ok, message = verify_chain(session, expect=expect)
    print(("audit chain OK: " if ok else "AUDIT CHAIN BROKEN: ") + message)
    return 0 if ok else 1


def cmd_accounts(args: argparse.Namespace) -> int:
    from connectors import ACTIONS, connector_class
    from moderator.tables import Account, School

    settings = _settings(args)
    if args.accounts_command == "check":
        return _check_accounts(settings)
    engine = _engine(settings)
    if args.accounts_command == "enable":
        if not args.handle:
            raise CliError("say which account: moderator accounts enable HANDLE")
        from moderator.accounts import enable

        print(enable(engine, args.handle, actor=os.environ.get("USER") or "cli"))
        return 0
    with Session(engine) as session:
        rows = session.exec(select(Account, School).join(School, School.id == Account.school_id)
                            .order_by(col(School.slug), col(Account.handle))).all()
    if not rows:
        print("No accounts yet: they are created from the config file when the worker starts.")
    for account, school in rows:
        supports = connector_class(account.connector).supports
        line = f"{school.slug:20} {account.handle:24} {account.platform:9} {account.connector:9} {account.status}"
        if account.status_reason:
            line += f": {account.status_reason}"
        print(line)
        print(f"{'':20} can: {', '.join(a for a in ACTIONS if a in supports)}"
              + (f"; cannot: {', '.join(a for a in ACTIONS if a not in supports)}" if set(ACTIONS) - supports else ""))
    return 0


def _check_accounts(settings: Settings) -> int:
    """Ask each configured account's platform whether the credentials and permissions work."""
    from connectors import ConnectorError, build_connector

    problems = 0
    for school in settings.schools:
        for acc in school.accounts:
            print(f"{school.slug}/{acc.handle} ({acc.platform}, {acc.connector}):")
            try:
                connector = build_connector(acc.connector, platform=acc.platform, handle=acc.handle, options=acc.options)
                check = getattr(connector, "check", None)
                interval = acc.poll_interval_seconds or settings.poll_interval_seconds
                if check is None:
                    results = [(True, "this connector has nothing to check")]
                elif "poll_interval_seconds" in inspect.signature(check).parameters:
                    results = check(poll_interval_seconds=interval)  # e.g. X projects the monthly cost
                else:
                    results = check()
                connector.close()
            except ConnectorError as exc:
                results = [(False, str(exc))]
            for ok, message in results:
                problems += not ok
                print(f"  {'ok  ' if ok else 'FAIL'} {message}")
    if not settings.schools:
        print("No accounts are configured.")
    return 1 if problems else 0


# -- documents, retention and subject access (moderator/documents.py, moderator/retention.py) ----

def _actor() -> str:
    return os.environ.get("USER") or "cli"


def _write_bytes(path: str, content: bytes) -> None:
    Path(path).write_bytes(content)


def cmd_report(args: argparse.Namespace) -> int:
    from moderator import audit, documents
    from moderator.db import transaction
    from moderator.tables import Comment, School

    settings = _settings(args)
    engine = _engine(settings)
    with transaction(engine) as session:
        if args.report_kind == "termly":
            if not (args.school and args.since and args.until):
                raise CliError("the termly report needs --school, --since and --until")
            school = next((s for s in settings.schools if s.slug == args.school), None)
            if school is None and not settings.schools and args.school == DEMO_SCHOOL:
                school = demo_school(settings)
            roster = (school.all_pupil_names() + [n for names in school.pupil_nicknames.values() for n in names]
                      if school else [])
            if not roster:
                print(f"note: no pupil roster is configured for {args.school!r}, so reviewers' reasons are shown "
                      "with only quotations and the comments' words removed", file=sys.stderr)
            since, until = _date(args.since, "--since"), _date(args.until, "--until")
            try:
                content = documents.termly_report(session, school=args.school, since=since, until=until, roster=roster)
            except LookupError as exc:
                raise CliError(str(exc)) from None
            row = session.exec(select(School).where(School.slug == args.school)).one()
            head = audit.head_text(session)
            documents.record_export(session, "termly", content, actor=_actor(), school_id=row.id,
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
            documents.record_export(session, args.report_kind, content, actor=_actor(),
                                    school_id=session.get(Comment, args.comment_id).school_id,
                                    comment_id=args.comment_id)
        _write_bytes(args.output, content)
    print(f"wrote {args.output} ({len(content):,} bytes); audit chain head {head} "
          f"(check later with `moderator audit verify --expect {head}`)")
    return 0


def cmd_hold(args: argparse.Namespace) -> int:
    from moderator import retention
    from moderator.db import transaction

    settings = _settings(args)
    engine = _engine(settings)
    with transaction(engine) as session:
        if args.hold_command == "add":
            if (args.comment is None) == (args.author is None):
                raise CliError("hold add needs --comment COMMENT_ID or --author PLATFORM_ID (one of them)")
            author_id = (retention.find_author(session, args.author, args.platform).id
                         if args.author is not None else None)
            hold = retention.place_hold(session, comment_id=args.comment, author_id=author_id, reason=args.reason or "",
                                        by=_actor())
            print(f"hold {hold.id} placed on " + (f"comment {hold.comment_id}" if hold.comment_id
                                                   else f"author {args.author}") + ": retention will keep it")
        elif args.hold_command == "remove":
            if args.hold_id is None:
                raise CliError("say which hold: moderator hold remove HOLD_ID --reason ...")
            hold = retention.lift_hold(session, args.hold_id, by=_actor(), reason=args.reason or "")
            print(f"hold {hold.id} lifted")
        else:
            found = retention.holds(session, in_force_only=not args.all)
            if not found:
                print("No legal holds" + ("." if args.all else " in force."))
            for hold in found:
                what = f"comment {hold.comment_id}" if hold.comment_id is not None else f"author {hold.author_id}"
                state = (f"lifted {hold.removed_at:%Y-%m-%d} by {hold.removed_by}" if hold.removed_at else "in force")
                print(f"#{hold.id:<4} {what:16} {state}; placed {hold.placed_at:%Y-%m-%d} by {hold.placed_by}: "
                      f"{hold.reason}")
    return 0


def cmd_retention(args: argparse.Namespace) -> int:
    from moderator import audit, retention
    from moderator.db import transaction

    settings = _settings(args)
    engine = _engine(settings)
    if not any(s.retention_days or s.author_retention_days for s in settings.schools):
        print("No school sets retention_days or author_retention_days: nothing is ever purged.")
        return 0
    with transaction(engine) as session:
        result = retention.purge(session, settings, dry_run=args.dry_run, actor=_actor())
        head = audit.head_text(session)
    print(result.summary())
    print(f"audit chain head {head}")
    return 0


def cmd_subject_access(args: argparse.Namespace) -> int:
    from moderator import retention
    from moderator.db import transaction

    settings = _settings(args)
    engine = _engine(settings)
    with transaction(engine) as session:
        author = retention.find_author(session, args.author, args.platform)
        with open(args.output, "w", encoding="utf-8") as out:
            done = retention.export_subject_access(session, author, out, actor=_actor())
    print(f"wrote {args.output}: {done['comments']} comment(s), sha256 {done['sha256']}; recorded as audit event "
          f"{done['event_seq']} ({done['event_hash']})")
    return 0


# -- the review console's people, and the console itself ------------------------------------------

def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("New password (12 characters or more): ")
    if getpass.getpass("The same again: ") != first:
        raise CliError("the two passwords were different")
    return first


def _show_enrolment(enrolment) -> None:  # noqa: ANN001
    user = enrolment.user
    print(f"user {user.username} ({user.role}){' disabled' if not user.is_active else ''}")
    if enrolment.totp_secret:
        print("Two-factor sign-in: add this account to an authenticator app on the person's phone,")
        print("either by turning this link into a QR code or by typing the key:")
        print(f"  link: {enrolment.totp_uri}")
        print(f"  key:  {enrolment.totp_secret}")


def cmd_users(args: argparse.Namespace) -> int:
    from sqlmodel import Session, col, select

    from moderator.console import users
    from moderator.db import transaction
    from moderator.tables import User

    settings = _settings(args)
    engine = _engine(settings)
    try:
        if args.users_command == "list":
            with Session(engine) as session:
                for u in session.exec(select(User).order_by(col(User.username))).all():
                    print(f"{u.username:20} {u.role:20} {'active' if u.is_active else 'disabled':9} "
                          f"{u.email or '-':30} {'2FA' if u.totp_secret else ''}")
            return 0
        if args.users_command == "add":
            password = _password(args)
            with transaction(engine) as session:
                enrolment = users.add_user(session, username=args.username, role=args.role,
                                           display_name=args.name or args.username, password=password,
                                           email=args.email, school=args.school)
            _show_enrolment(enrolment)
        elif args.users_command == "disable":
            with transaction(engine) as session:
                users.disable_user(session, args.username, reason=args.reason)
            print(f"user {args.username} disabled; their sessions have ended")
        elif args.users_command == "reset-password":
            password = _password(args)
            with transaction(engine) as session:
                enrolment = users.reset_password(session, args.username, password=password, new_totp=args.new_totp)
            _show_enrolment(enrolment)
    except users.UserError as exc:
        raise CliError(str(exc)) from None
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from moderator.console.app import create_app

    settings = _settings(args)
    engine = _engine(settings)
    app = create_app(settings, engine)
    # X-Forwarded-For is read by the console itself, and only from console_trusted_proxies
    # (moderator/console/auth.py's client_address); uvicorn's own handling would trust any local client.
    uvicorn.run(app, host=args.host or settings.console_host, port=args.port or settings.console_port,
                proxy_headers=False, access_log=False)
    return 0


# -- parser -------------------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="moderator", description=__doc__)
    parser.add_argument("--config", help="TOML config file (default: $MODERATOR_CONFIG)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("run", help="run the worker: poll, analyse, hide, escalate")
    p.add_argument("--once", action="store_true", help="do all work that is due now, then exit (for cron and tests)")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("demo", help="run the worker over the bundled demo feed and print a summary")
    p.set_defaults(func=cmd_demo)

    from moderator.vocab import Platform, Role, Route

    p = sub.add_parser("queue", help="list escalations waiting for review")
    p.add_argument("--route", choices=[r.value for r in Route if r != Route.REGISTER])
    p.add_argument("--school")
    p.set_defaults(func=cmd_queue)

    p = sub.add_parser("export", help="export the abuse register")
    p.add_argument("--format", choices=["csv", "json", "jsonl"], default="csv")
    p.add_argument("--output", help="file to write (default: standard output)")
    p.add_argument("--school")
    p.add_argument("--since", help="posted on or after this date (YYYY-MM-DD)")
    p.add_argument("--until", help="posted before this date (YYYY-MM-DD)")
    p.add_argument("--route", choices=[r.value for r in Route])
    p.add_argument("--signal", help="only rows with this signal, in the policy's words")
    p.add_argument("--state", choices=["hidden", "visible", "deleted", "open", "decided"])
    p.add_argument("--author", help="the platform's author id, or part of the author's name")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("db", help="database schema")
    p.add_argument("db_command", choices=["upgrade", "current"])
    p.set_defaults(func=cmd_db)

    p = sub.add_parser("classify", help="score one text and show what the policy would do")
    p.add_argument("text", nargs="?", help="the comment text, or - to read standard input")
    p.add_argument("--file", help="classify every comment in this JSON Lines file (replay-feed lines or "
                   "{\"text\": ...}); prints one JSON object per line")
    p.add_argument("--school", help="judge as this configured school's worker would (its policy, names, shadow mode)")
    p.set_defaults(func=cmd_classify)

    p = sub.add_parser("eval", help="evaluate the classifier on a labelled CSV or TSV file")
    p.add_argument("--data", required=True)
    p.add_argument("--text-column", required=True)
    p.add_argument("--label-column", required=True)
    p.add_argument("--positive", help="comma-separated label values that count as positive")
    p.add_argument("--label", default="toxicity", help="classifier label to score (default: toxicity)")
    p.add_argument("--threshold", type=float, help="default: the policy's threshold for the label")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("calibrate", help="precision and recall of the thresholds on a school's reviewed items, "
                       "and proposed thresholds")
    p.add_argument("--school", required=True)
    p.set_defaults(func=cmd_calibrate)

    p = sub.add_parser("audit", help="audit log")
    p.add_argument("audit_command", choices=["verify"])
    p.add_argument("--expect", metavar="SEQ:HASH", help="a chain head printed on an earlier export or document: "
                   "fails if the chain no longer contains it (events removed from its end)")
    p.set_defaults(func=cmd_audit)

    p = sub.add_parser("accounts", help="configured accounts: status, or check credentials with the platform")
    p.add_argument("accounts_command", choices=["list", "check", "enable"])
    p.add_argument("handle", nargs="?", help="for enable: the account to switch back on after fixing it")
    p.set_defaults(func=cmd_accounts)

    p = sub.add_parser("report", help="documents: incident report, police evidence pack, governors' termly report")
    p.add_argument("report_kind", choices=["incident", "police-pack", "termly"])
    p.add_argument("comment_id", nargs="?", type=int, help="for incident and police-pack: the comment's id")
    p.add_argument("--output", required=True, help="file to write (.pdf, or .zip for the police pack)")
    p.add_argument("--staff", help="the member of staff submitting the report (else a line to fill in)")
    p.add_argument("--school", help="for termly: the school's slug")
    p.add_argument("--since", help="for termly: comments posted on or after this date (YYYY-MM-DD)")
    p.add_argument("--until", help="for termly: comments posted before this date (YYYY-MM-DD)")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("hold", help="legal holds: retention never purges a held case or author")
    p.add_argument("hold_command", choices=["add", "remove", "list"])
    p.add_argument("hold_id", nargs="?", type=int, help="for remove: the hold's number (see hold list)")
    p.add_argument("--comment", type=int, help="for add: hold this comment's case")
    p.add_argument("--author", help="for add: hold everything about this author (the platform's author id)")
    p.add_argument("--platform", choices=[p.value for p in Platform], help="the author's platform, when both have the id")
    p.add_argument("--reason", help="why (add and remove need one)")
    p.add_argument("--all", action="store_true", help="for list: lifted holds too")
    p.set_defaults(func=cmd_hold)

    p = sub.add_parser("retention", help="purge cases and author details past the schools' retention settings")
    p.add_argument("retention_command", choices=["purge"])
    p.add_argument("--dry-run", action="store_true", help="say what would be purged, change nothing")
    p.set_defaults(func=cmd_retention)

    p = sub.add_parser("subject-access", help="everything held about one author, as JSON (UK GDPR subject access)")
    p.add_argument("--author", required=True, help="the platform's author id")
    p.add_argument("--platform", choices=[p.value for p in Platform], help="the author's platform, when both have the id")
    p.add_argument("--output", required=True, help="the JSON file to write")
    p.set_defaults(func=cmd_subject_access)

    p = sub.add_parser("users", help="people who use the review console")
    users_sub = p.add_subparsers(dest="users_command", required=True)
    u = users_sub.add_parser("add", help="add a person (prints their two-factor key)")
    u.add_argument("username")
    u.add_argument("--role", required=True, choices=[r.value for r in Role])
    u.add_argument("--name", help="display name, e.g. 'Mrs Helen Patel'")
    u.add_argument("--email", help="where alerts go")
    u.add_argument("--school", help="limit them to this school's items (slug); default: every school")
    u.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    u = users_sub.add_parser("disable", help="stop a person signing in (ends their sessions)")
    u.add_argument("username")
    u.add_argument("--reason", required=True)
    u = users_sub.add_parser("reset-password", help="set a new password (and optionally a new two-factor key)")
    u.add_argument("username")
    u.add_argument("--new-totp", action="store_true", help="also issue a new two-factor key (a lost phone)")
    u.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    users_sub.add_parser("list", help="list the people and their roles")
    p.set_defaults(func=cmd_users)

    p = sub.add_parser("serve", help="run the review console (web)")
    p.add_argument("--host", help="default: the console_host setting")
    p.add_argument("--port", type=int, help="default: the console_port setting")
    p.set_defaults(func=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from models.base import ClassifierError
    from moderator.policy import PolicyError

    try:
        return args.func(args)
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")  # stop the interpreter's final flush complaining too
        except OSError:
            pass
        return 0
    except (SettingsError, PolicyError, ClassifierError, CliError, ValueError, OSError) as exc:
        print(f"moderator: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
