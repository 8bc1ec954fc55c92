"""``moderator users ...`` and ``moderator serve``. Thin: load settings, call a service function.

moderator/cli.py's build_parser calls ``register_cli(sub)``.
"""
from __future__ import annotations

import argparse
import getpass
import sys

from moderator.vocab import Role

ROLES = tuple(str(r) for r in Role)


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("New password (12 characters or more): ")
    if getpass.getpass("The same again: ") != first:
        from moderator.cli import CliError

        raise CliError("the two passwords were different")
    return first


def _show_enrolment(enrolment) -> None:
    user = enrolment.user
    print(f"user {user.username} ({user.role}){' disabled' if not user.is_active else ''}")
    if enrolment.totp_secret:
        print("Two-factor sign-in: add this account to an authenticator app on the person's phone,")
        print("either by turning this link into a QR code or by typing the key:")
        print(f"  link: {enrolment.totp_uri}")
        print(f"  key:  {enrolment.totp_secret}")


def cmd_users(args: argparse.Namespace) -> int:
    from sqlmodel import Session, col, select

    from moderator.cli import CliError, _engine, _settings
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

    from moderator.cli import _engine, _settings
    from moderator.console.app import create_app

    settings = _settings(args)
    engine = _engine(settings)
    app = create_app(settings, engine)
    # X-Forwarded-For is read by the console itself, and only from console_trusted_proxies
    # (moderator/console/auth.py's client_address); uvicorn's own handling would trust any local client.
    uvicorn.run(app, host=args.host or settings.console_host, port=args.port or settings.console_port,
                proxy_headers=False, access_log=False)
    return 0


def register_cli(subparsers) -> None:
    """Add ``users`` and ``serve`` to the ``moderator`` command's subparsers."""
    p = subparsers.add_parser("users", help="people who use the review console")
    users_sub = p.add_subparsers(dest="users_command", required=True)
    u = users_sub.add_parser("add", help="add a person (prints their two-factor key)")
    u.add_argument("username")
    u.add_argument("--role", required=True, choices=ROLES)
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

    p = subparsers.add_parser("serve", help="run the review console (web)")
    p.add_argument("--host", help="default: the console_host setting")
    p.add_argument("--port", type=int, help="default: the console_port setting")
    p.set_defaults(func=cmd_serve)
