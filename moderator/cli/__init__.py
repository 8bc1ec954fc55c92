"""``moderator`` command line: every command loads the settings and calls a service function.
Imports are made inside the commands, so ``moderator --help`` loads nothing heavy."""
from __future__ import annotations

import argparse
import gc
import getpass
import logging
import os
import sys
from collections import Counter
from contextlib import nullcontext

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from moderator.cli.accounts import cmd_accounts
from moderator.cli.base import (DEMO_SCHOOL, CliError, demo_school, known_school, quiet_logs_below_warning,
                                terminal_qr)
from moderator.cli.base import actor as _actor
from moderator.cli.base import engine_for as _engine
from moderator.cli.base import settings_for as _settings
from moderator.cli.judge import cmd_calibrate, cmd_classify, cmd_eval
from moderator.cli.records import cmd_audit, cmd_export, cmd_hold, cmd_report, cmd_retention, cmd_subject_access
from moderator.settings import Settings, SettingsError
from moderator.words import most_first

log = logging.getLogger("moderator.cli")


# -- commands (the record, accounts and judging are in moderator/cli_*.py) -------------------------

def cmd_run(args: argparse.Namespace) -> int:
    from moderator.act.accounts import sync_config
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
    from moderator.act.accounts import sync_config
    from moderator.worker import Worker

    settings = _settings(args)
    if settings.schools:
        raise CliError("the demo runs only without configured schools, so it never mixes demo comments into a "
                       "real school's register: unset MODERATOR_CONFIG (or use another MODERATOR_DATA_DIR)")
    settings.schools = [demo_school(settings)]
    # The summary is for a person: no info lines before it, unless log_level was asked for.
    with nullcontext() if "log_level" in settings.model_fields_set else quiet_logs_below_warning():
        engine = _engine(settings)
        sync_config(engine, settings)
        worker = Worker(settings, engine)
        worker.install_signal_handlers()
        worker.run_until_idle(wait_for_retries=30)
        worker.close()
    print(demo_summary(engine, settings))
    return 0


def demo_summary(engine: Engine, settings: Settings, school_slug: str = DEMO_SCHOOL) -> str:
    from moderator.judge.policy import for_school
    from moderator.record.register import policy_counts
    from moderator.tables import Action, Comment, Decision, Escalation, RejectedInput, School
    from moderator.vocab import ROUTE_NAMES, Priority, Route

    with Session(engine) as session:
        school = session.exec(select(School).where(School.slug == school_slug)).one()
        seen = session.exec(select(func.count()).select_from(Comment).where(Comment.school_id == school.id)).one()
        flagged, hidden_by_policy = policy_counts(session, school.id)  # as the register and the termly report
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
        f"  against the policy:       {flagged}  ({hidden_by_policy} hidden, {flagged - hidden_by_policy} left visible "
        "by the policy)",
        f"  hidden on the platform:   {hidden}" + (f"  ({waiting} waiting to retry)" if waiting else "")
        + (f"  ({failed} failed, see logs)" if failed else ""),
        f"  left visible:             {seen - hidden_by_policy}",
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
        for sig, n in most_first(signals):
            lines.append(f"    {sig:48} {n:>4}")
    lines.append("Next: `moderator queue` lists what needs review; `moderator export --format csv` "
                 "prints the abuse register.")
    return "\n".join(lines)


def cmd_queue(args: argparse.Namespace) -> int:
    from moderator.act import outbox
    from moderator.judge import explain
    from moderator.tables import Author, Comment, Decision, Escalation, School
    from moderator.act.escalations import queue_order
    from moderator.vocab import OPEN_ESCALATION_STATES, route_name

    settings = _settings(args)
    engine = _engine(settings)
    with Session(engine) as session:
        stmt = (select(Escalation, Comment, School).join(Comment, Comment.id == Escalation.comment_id)
                .join(School, School.id == Escalation.school_id)
                .where(col(Escalation.state).in_(OPEN_ESCALATION_STATES)))
        if args.route:
            stmt = stmt.where(Escalation.route == args.route)
        if known_school(settings, args.school, engine):
            stmt = stmt.where(School.slug == args.school)
        stmt = stmt.outerjoin(Decision, Decision.id == Escalation.decision_id).order_by(*queue_order(Escalation, Decision))
        rows = session.exec(stmt).all()
        if not rows:
            print("Nothing is waiting for review.")
            return 0
        states = outbox.platform_states(session, sorted({comment.id for _, comment, _ in rows}))
        print(f"{len(rows)} escalation(s) waiting for review, a child at risk first, then threats, then by urgency:")
        for esc, comment, school in rows:
            author = session.get(Author, comment.author_id) if comment.author_id else None
            decision = session.get(Decision, esc.decision_id) if esc.decision_id else None
            why = explain.reason_line(decision, esc.reason or "", route=esc.route)
            excerpt = " ".join(comment.text.split())[:90]
            excerpt = "".join(ch if ch.isprintable() else "?" for ch in excerpt)
            print(f"#{esc.id:<5} {esc.priority.upper():7} {route_name(esc.route):30} "
                  f"{school.slug}/{comment.platform} comment {comment.id} {author.name if author else '(unknown)'} "
                  f"[{states[comment.id].label}]: {why}")
            print(f"        \"{excerpt}\"")
    return 0


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


def cmd_policy(args: argparse.Namespace) -> int:
    from moderator.judge.policy import check_schools

    checks = check_schools(_settings(args))
    for c in checks:
        print(f"{c.slug} ({c.name}): {c.file}, quoting {c.quotes or 'nothing'}: "
              + (f"{len(c.problems)} rule(s) without a clause of its own policy" if c.problems else "every rule quoted"))
        for problem in c.problems:
            print(f"  {problem}")
    if not checks:
        print("no schools configured")
    return 1 if any(c.problems for c in checks) else 0


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
        print("Two-factor sign-in: add this account to an authenticator app on the person's phone by")
        print("scanning this QR code, or by typing the key:")
        print(terminal_qr(enrolment.totp_uri))
        print(f"  link: {enrolment.totp_uri}")
        print(f"  key:  {enrolment.totp_secret}")


def cmd_users(args: argparse.Namespace) -> int:
    from sqlmodel import Session, col, select

    from moderator.people import users
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
            if settings.schools:  # the config's schools exist before the first worker run, so --school finds them
                from moderator.act.accounts import sync_config

                sync_config(engine, settings)
            password = _password(args)
            with transaction(engine) as session:
                enrolment = users.add_user(session, username=args.username, role=args.role,
                                           display_name=args.name or args.username, password=password,
                                           email=args.email, school=args.school, trust=args.trust)
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


def _threads(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 256:
        raise argparse.ArgumentTypeError("give a whole number of threads from 1 to 256")
    return int(value)


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from moderator.act.accounts import sync_config
    from moderator.console.app import create_app

    settings = _settings(args)
    engine = _engine(settings)
    sync_config(engine, settings)  # the webhook stores pushed comments under these rows, worker or not
    app = create_app(settings, engine, threads=args.threads)
    # What was loaded at start (the app, SQLAlchemy's mappers, templates: some 200,000 objects) lives
    # as long as the process. Frozen, the garbage collector stops scanning it at every full
    # collection, each of which otherwise paused every request for a tenth of a second or more.
    gc.collect()
    gc.freeze()
    # X-Forwarded-For is read by the console itself, and only from console_trusted_proxies
    # (moderator/people/auth.py's client_address); uvicorn's own handling would trust any local client.
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

    p = sub.add_parser("policy", help="check that each school's policy quotes its own words for every rule")
    p.add_argument("policy_command", choices=["check"])
    p.set_defaults(func=cmd_policy)

    p = sub.add_parser("audit", help="audit log")
    p.add_argument("audit_command", choices=["verify"])
    p.add_argument("--expect", metavar="SEQ:HASH", help="a chain head printed on an earlier export or document: "
                   "fails if the chain no longer contains it (events removed from its end)")
    p.set_defaults(func=cmd_audit)

    p = sub.add_parser("accounts", help="configured accounts: status, or check credentials with the platform")
    p.add_argument("accounts_command", choices=["list", "check", "enable"])
    p.add_argument("handle", nargs="?", help="for enable: the account to switch back on after fixing it")
    p.add_argument("--now", action="store_true", help="for enable: forget the platform's own pause (a rate-limit "
                   "block) and call the platform at once")
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
    u.add_argument("--school", help="the school they belong to (slug); default: the only school configured")
    u.add_argument("--trust", action="store_true",
                   help="a trust-level person who belongs to no school and sees every school's items")
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
    p.add_argument("--threads", type=_threads, default=8,
                   help="worker threads that run the pages (default 8; more use memory, not speed)")
    p.set_defaults(func=cmd_serve)

    from moderator.cli import health, setup_wizard  # their commands live beside the code they call

    setup_wizard.add_parser(sub)
    health.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from models.base import ClassifierError
    from moderator.judge.policy import PolicyError

    try:
        return args.func(args)
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")  # stop the interpreter's final flush complaining too
        except OSError:
            pass
        return 0
    except FileNotFoundError as exc:
        print(f"moderator: file not found: {exc.filename}", file=sys.stderr)
        return 2
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"moderator: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
    except (SettingsError, PolicyError, ClassifierError, CliError, ValueError) as exc:
        print(f"moderator: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130

