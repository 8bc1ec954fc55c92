"""``moderator accounts``: each account's status and what its platform lets the service do, a check
of its credentials with the platform, and switching a disabled account back on."""
from __future__ import annotations

import argparse
import inspect

from moderator.cli.base import CliError, actor, engine_for, settings_for, with_demo
from moderator.settings import Settings


def cmd_accounts(args: argparse.Namespace) -> int:
    from sqlmodel import Session, col, select

    from connectors import ACTIONS, supported_actions
    from moderator.tables import Account, School

    settings = settings_for(args)
    if args.accounts_command == "check":
        return _check_accounts(with_demo(settings))  # the same accounts `accounts list` shows
    engine = engine_for(settings)
    if args.accounts_command == "enable":
        if not args.handle:
            raise CliError("say which account: moderator accounts enable HANDLE")
        from moderator.act.accounts import enable

        print(enable(engine, args.handle, actor=actor(), now=getattr(args, "now", False)))
        return 0
    with Session(engine) as session:
        rows = session.exec(select(Account, School).join(School, School.id == Account.school_id)
                            .order_by(col(School.slug), col(Account.handle))).all()
    if not rows:
        print("No accounts yet: they are created from the config file when the worker starts.")
    for account, school in rows:
        supports = supported_actions(account.connector, account.platform)
        line = f"{school.slug:20} {account.handle:24} {account.platform:9} {account.connector:9} {account.status}"
        if account.status_reason:
            line += f": {account.status_reason}"
        print(line)
        print(f"{'':20} can: {', '.join(a for a in ACTIONS if a in supports) or 'nothing'}"
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
    if not any(school.accounts for school in settings.schools):
        print("No accounts are configured.")
    return 1 if problems else 0
