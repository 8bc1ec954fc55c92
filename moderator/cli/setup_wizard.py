"""``moderator setup``: a guided first run for a school with no IT staff.

It asks, in order, for the school, its Facebook Page and X account (and checks each with the
platform before going on: a credential the platform refuses stops it there; a missing permission
is named in plain words), the pupil roster and the policy, then writes a folder:

    DIR/moderator.toml        the config (the school in shadow mode: it reads and records, hides nothing)
    DIR/policy.toml           the school's policy (a copy of the model policy unless one is given)
    DIR/pupils.txt            the roster, one name a line (readable by the owner only)
    DIR/secrets/              platform tokens and the console's session key, one file each (owner only)
    DIR/data/                 the SQLite database

and creates the database and the first headteacher, whose two-factor key is shown as a QR code in
the terminal. Every question has a flag, so ``--yes`` runs it with no questions (for scripts and
tests); a flag that is given is never asked. Tokens are read from files (or typed, unseen), never
from the command line, so they stay out of shell history and process lists.
"""
from __future__ import annotations

import argparse
import getpass
import os
import re
import secrets
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, TextIO

from moderator.settings import DEFAULT_POLICY_FILE
from moderator.words import platform_name


class SetupError(Exception):
    pass


@dataclass
class Asker:
    """Questions on a terminal, or none at all (``interactive=False``: the default answer, or an error)."""

    interactive: bool
    out: TextIO = field(default_factory=lambda: sys.stdout)
    read_line: Callable[[str], str] = input
    read_secret: Callable[[str], str] = getpass.getpass

    def say(self, text: str = "") -> None:
        print(text, file=self.out)

    def text(self, question: str, given: str | None, *, default: str | None = None, flag: str,
             check: Callable[[str], str | None] = lambda _: None) -> str:
        if given is not None:
            problem = check(given.strip())
            if problem:
                raise SetupError(f"{flag}: {problem}")
            return given.strip()
        if not self.interactive:
            if default is None:
                raise SetupError(f"{question.rstrip('?: ')}: give {flag} (or run without --yes to be asked)")
            return default
        while True:
            answer = self.read_line(f"{question}" + (f" [{default}]" if default else "") + ": ").strip()
            answer = answer or (default or "")
            problem = check(answer) if answer or default is None else None
            if not answer and default is None:
                problem = problem or "an answer is needed"
            if not problem:
                return answer
            self.say(f"  {problem}")

    def yes(self, question: str, given: bool | None, *, default: bool) -> bool:
        if given is not None:
            return given
        if not self.interactive:
            return default
        answer = self.read_line(f"{question} [{'Y/n' if default else 'y/N'}]: ").strip().lower()
        return default if not answer else answer.startswith("y")

    def secret(self, question: str, given_file: str | None, *, flag: str) -> str:
        if given_file is not None:
            try:
                value = (sys.stdin.readline() if given_file == "-" else
                         Path(given_file).read_text(encoding="utf-8")).strip()
            except OSError as exc:
                raise SetupError(f"{flag}: cannot read {given_file}: {exc.strerror}") from None
            if not value:
                raise SetupError(f"{flag}: {given_file} is empty")
            return value
        if not self.interactive:
            raise SetupError(f"{question.rstrip(': ')}: give {flag} FILE (or run without --yes to be asked)")
        while True:
            value = self.read_secret(f"{question} (it is not shown as you type or paste): ").strip()
            if value:
                return value
            self.say("  nothing was entered")


def slug_for(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    slug = re.sub(r"-(primary|secondary|school|academy|infant|junior|church|of|england|ce|c-of-e)(?=-|$)", "", slug)
    return (slug.strip("-") or "school")[:40].strip("-")


def _slug_problem(value: str) -> str | None:
    return None if re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,39}", value) else \
        "use lower-case letters, digits, '-' and '_' (e.g. oakfield)"


def _write_private(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.chmod(path, 0o600)
    return path


def _toml(value: Any) -> str:
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a valid TOML basic string


# -- the platforms ------------------------------------------------------------------------------

def _check(asker: Asker, platform: str, slug: str, options: dict[str, Any]) -> list[str]:
    """Run the platform's connector's own check on the account being set up. Raises SetupError when
    the platform refuses the credentials (the first check); returns the other problems, which matter
    only once hiding is turned on."""
    from connectors import ConnectorError, build_connector

    what = platform_name(platform)
    asker.say(f"Checking with {what}...")
    try:
        connector = build_connector(platform, platform=platform, handle=f"{slug}-{platform}", options=options)
        try:
            results = connector.check()
        finally:
            connector.close()
    except ConnectorError as exc:
        raise SetupError(f"{what}: {exc}") from None
    for ok, message in results:
        asker.say(f"  {'ok  ' if ok else 'FAIL'} {message}")
    if not results or not results[0][0]:
        raise SetupError(f"{what} refused these credentials: {results[0][1] if results else 'no answer'}")
    # Webhooks only speed things up (the Page is polled either way), so they are not a problem to fix.
    return [message for ok, message in results[1:] if not ok and "webhook" not in message]


def _facebook(asker: Asker, args: argparse.Namespace, secrets_dir: Path, slug: str) -> tuple[dict | None, list[str]]:
    if not asker.yes("Does the school have a Facebook Page to protect?", args.facebook, default=True):
        return None, []
    asker.say("Facebook: README.md, 'Connecting your school', says where to find these.")
    page_id = asker.text("The Page's id (a number, from the Page's About > Page transparency, or Meta Business Suite)",
                         args.facebook_page_id, flag="--facebook-page-id",
                         check=lambda v: None if v.isdigit() else "the Page id is a number, e.g. 1234567890321")
    token = asker.secret("The Page access token", args.facebook_token_file, flag="--facebook-token-file")
    options: dict[str, Any] = {"page_id": page_id,
                               "access_token_file": str(_write_private(secrets_dir / "facebook_page_token", token))}
    if args.facebook_app_secret_file:  # only for webhooks: the Page is polled without it
        app_secret = asker.secret("The app secret", args.facebook_app_secret_file, flag="--facebook-app-secret-file")
        options["app_secret_file"] = str(_write_private(secrets_dir / "facebook_app_secret", app_secret))
        options["verify_token_file"] = str(_write_private(secrets_dir / "facebook_verify_token",
                                                          secrets.token_urlsafe(24)))
    if args.graph_base_url:
        options["graph_base_url"] = args.graph_base_url
    return options, _check(asker, "facebook", slug, options)


X_SECRETS = (("consumer_key", "API Key (also called Consumer Key)", "--x-api-key-file"),
             ("consumer_secret", "API Key Secret (Consumer Secret)", "--x-api-secret-file"),
             ("access_token", "Access Token (for the school's own account)", "--x-access-token-file"),
             ("access_token_secret", "Access Token Secret", "--x-access-token-secret-file"))


def _x(asker: Asker, args: argparse.Namespace, secrets_dir: Path, slug: str) -> tuple[dict | None, list[str]]:
    if not asker.yes("Does the school have an X (Twitter) account to protect?", args.x, default=False):
        return None, []
    asker.say("X: four values from the app's 'Keys and tokens' page in the X developer portal.")
    options: dict[str, Any] = {}
    values: dict[str, str] = {}
    for name, question, flag in X_SECRETS:
        values[name] = asker.secret(question, getattr(args, flag[2:].replace("-", "_")), flag=flag)
        options[f"{name}_file"] = str(_write_private(secrets_dir / f"x_{name}", values[name]))
    owner = values["access_token"].partition("-")[0]
    options["user_id"] = args.x_user_id or owner
    if not str(options["user_id"]).isdigit():
        raise SetupError("X: the Access Token should start with the account's number and a '-'; copy it again "
                         "from 'Keys and tokens' (or give --x-user-id)")
    if args.x_api_base_url:
        options["api_base_url"] = args.x_api_base_url
    return options, _check(asker, "x", slug, options)


# -- roster, policy, config ---------------------------------------------------------------------

def _roster(asker: Asker, args: argparse.Namespace, folder: Path) -> Path | None:
    given = args.roster if args.roster is not None else (None if asker.interactive else "")
    source = asker.text("A text file with your pupils' names, one a line, so comments naming a pupil are hidden "
                        "(Enter to add it later)", given, default="", flag="--roster",
                        check=lambda v: None if not v or Path(v).is_file() else f"there is no file {v}")
    if not source:
        asker.say("  no roster: add pupils' names later (pupil_names_file in moderator.toml)")
        return None
    try:
        raw = Path(source).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SetupError(f"--roster: {source} is not UTF-8 text; save it as 'CSV UTF-8' or plain text") from None
    names = [line.split(",")[0].strip() for line in raw.splitlines()]
    names = [n for n in names if n and not n.startswith("#")]
    path = _write_private(folder / "pupils.txt", "".join(f"{n}\n" for n in names))
    asker.say(f"  {len(names)} pupil name(s) imported into {path}")
    return path


def _policy(asker: Asker, args: argparse.Namespace, folder: Path) -> Path:
    from moderator.judge.policy import PolicyError, load_policy

    given = args.policy if args.policy is not None else (None if asker.interactive else "")
    source = asker.text("Your own policy file (Enter to start from the model policy, which you can edit later)",
                        given, default="", flag="--policy",
                        check=lambda v: None if not v or Path(v).is_file() else f"there is no file {v}")
    source_path = Path(source) if source else DEFAULT_POLICY_FILE
    try:
        policy = load_policy(source_path)
    except PolicyError as exc:
        raise SetupError(f"--policy: {exc}") from None
    target = folder / "policy.toml"
    shutil.copyfile(source_path, target)
    asker.say(f"  policy {policy.version} copied to {target}")
    return target


def _config(folder: Path, *, slug: str, name: str, headteacher: list[str], policy: Path, roster: Path | None,
            accounts: list[tuple[str, str, dict]]) -> str:
    lines = ["# Written by `moderator setup`. Settings are explained in README.md, 'Configuration'.",
             f"data_dir = {_toml(folder / 'data')}",
             "", "[[schools]]", f"slug = {_toml(slug)}", f"name = {_toml(name)}",
             "# Shadow mode: the service reads, scores and records every comment and hides none. Look at what it",
             "# would have hidden in the console; when you agree with it, set this to false.",
             "shadow_mode = true", f"policy_file = {_toml(policy)}", f"headteacher = {_toml(headteacher)}"]
    if roster:
        lines.append(f"pupil_names_file = {_toml(roster)}")
    for handle, platform, options in accounts:
        lines += ["", "[[schools.accounts]]", f"handle = {_toml(handle)}", f"platform = {_toml(platform)}",
                  "[schools.accounts.options]"] + [f"{k} = {_toml(v)}" for k, v in options.items()]
    return "\n".join(lines) + "\n"


# -- the first person ---------------------------------------------------------------------------

def _qr(asker: Asker, uri: str) -> None:
    import segno

    segno.make(uri, error="m").terminal(out=asker.out, compact=True)


def _headteacher(asker: Asker, args: argparse.Namespace, engine, school: str, known_as: list[str]) -> None:  # noqa: ANN001
    from moderator.people import users
    from moderator.db import transaction

    display = asker.text("Your name as the console should show it", args.name,
                         default=known_as[0] if known_as else None, flag="--name")
    username = asker.text("A username to sign in with", args.username,
                          default=slug_for(display).replace("-", ".") or "head", flag="--username")
    email = asker.text("Your e-mail address for urgent alerts (Enter to skip)", args.email, default="",
                       flag="--email") or None
    if args.password_file is not None:
        password = asker.secret("Password", args.password_file, flag="--password-file")
    elif not asker.interactive:
        raise SetupError("the headteacher's password: give --password-file FILE (or - for standard input)")
    else:
        while True:
            password = asker.read_secret("Choose a password (12 characters or more): ")
            if asker.read_secret("The same again: ") == password:
                break
            asker.say("  the two were different; again")
    try:
        with transaction(engine) as session:
            enrolment = users.add_user(session, username=username, role="headteacher", display_name=display,
                                       password=password, email=email, school=school, actor="setup")
    except users.UserError as exc:
        raise SetupError(str(exc)) from None
    asker.say(f"\nThe console's first user: {enrolment.user.username} (headteacher).")
    if enrolment.totp_uri:
        asker.say("Two-factor sign-in: scan this with an authenticator app on your phone (Google Authenticator,")
        asker.say("Microsoft Authenticator, or any other), or type the key under it:")
        _qr(asker, enrolment.totp_uri)
        asker.say(f"  key: {enrolment.totp_secret}")


# -- the whole run ------------------------------------------------------------------------------

def run_setup(args: argparse.Namespace, asker: Asker) -> Path:
    """Everything ``moderator setup`` does; returns the config file it wrote."""
    from moderator.act.accounts import sync_config
    from moderator.db import make_engine
    from moderator import migrate
    from moderator.settings import SettingsError, load_settings

    folder = Path(asker.text("Folder for the school's files", args.dir, default="school", flag="--dir")).resolve()
    config = folder / "moderator.toml"
    if config.exists() and not args.force:
        raise SetupError(f"{config} already exists: this school is set up (use --force to start again)")
    (folder / "secrets").mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(folder / "secrets", 0o700)
    name = asker.text("Your school's name", args.school_name, flag="--school-name",
                      check=lambda v: None if 0 < len(v) <= 200 else "1 to 200 characters")
    slug = asker.text("A short name for it (letters and digits)", args.school_slug, default=slug_for(name),
                      flag="--school-slug", check=_slug_problem)
    head = asker.text("Names the headteacher is known by, separated by commas (e.g. Mrs Patel, Helen Patel)",
                      args.headteacher, default="", flag="--headteacher")
    known_as = [n.strip() for n in head.split(",") if n.strip()]

    accounts, later = [], []
    for platform, step in (("facebook", _facebook), ("x", _x)):
        options, problems = step(asker, args, folder / "secrets", slug)
        if options is not None:
            accounts.append((f"{slug}-{platform}", platform, options))
            later += [f"{platform}: {p}" for p in problems]
    if not accounts:
        asker.say("No account to protect yet: run `moderator setup --force` again when you have one.")
    roster = _roster(asker, args, folder)
    policy = _policy(asker, args, folder)
    config.write_text(_config(folder, slug=slug, name=name, headteacher=known_as, policy=policy, roster=roster,
                              accounts=accounts), encoding="utf-8")
    key_file = _write_private(folder / "secrets" / "secret_key", secrets.token_urlsafe(48))
    try:
        settings = load_settings(config, secret_key=key_file.read_text(encoding="utf-8").strip())
    except SettingsError as exc:
        raise SetupError(f"the config written to {config} does not load: {exc}") from None
    engine = make_engine(settings.effective_database_url)
    migrate.upgrade(engine)
    sync_config(engine, settings)
    _headteacher(asker, args, engine, slug, known_as)
    engine.dispose()

    asker.say(f"\n{name} is set up in SHADOW MODE: comments are read, scored and recorded; none is hidden.")
    if later:
        asker.say("Before you turn hiding on (shadow_mode = false in moderator.toml), fix:")
        for problem in later:
            asker.say(f"  - {problem}")
    asker.say("Start it (two programs; keep both running, e.g. with systemd, see README):")
    asker.say(f"  export MODERATOR_CONFIG={config} MODERATOR_SECRET_KEY_FILE={key_file}")
    asker.say("  moderator run      # the worker: reads the comments")
    asker.say("  moderator serve    # the console, at http://127.0.0.1:8000 (put HTTPS in front for other computers)")
    return config


def cmd_setup(args: argparse.Namespace) -> int:
    asker = Asker(interactive=not args.yes)
    try:
        run_setup(args, asker)
    except SetupError as exc:
        print(f"moderator setup: {exc}", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, EOFError):
        print("\nmoderator setup: stopped; nothing is running. Run it again with --force to start over.",
              file=sys.stderr)
        return 130
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("setup", help="guided first run: config, platform tokens (checked), roster, policy, "
                                     "the first headteacher; starts in shadow mode")
    p.add_argument("--yes", action="store_true", help="ask nothing: take the flags below, and defaults for the rest")
    p.add_argument("--dir", help="folder for the school's files (default: ./school)")
    p.add_argument("--force", action="store_true", help="write over an existing setup in --dir")
    p.add_argument("--school-name")
    p.add_argument("--school-slug", help="short name (default: from the school's name)")
    p.add_argument("--headteacher", help="names the headteacher is known by, comma-separated")
    p.add_argument("--facebook", action=argparse.BooleanOptionalAction, help="protect a Facebook Page (default: yes)")
    p.add_argument("--facebook-page-id")
    p.add_argument("--facebook-token-file", help="file holding the Page access token (- for standard input)")
    p.add_argument("--facebook-app-secret-file", help="file holding the app secret, for Facebook's webhooks")
    p.add_argument("--graph-base-url", help=argparse.SUPPRESS)  # tests and local trials: a fake Graph API
    p.add_argument("--x", action=argparse.BooleanOptionalAction, help="protect an X account (default: no)")
    for _, what, flag in X_SECRETS:
        p.add_argument(flag, help=f"file holding the X {what}")
    p.add_argument("--x-user-id", help="the X account's numeric id (default: from the access token)")
    p.add_argument("--x-api-base-url", help=argparse.SUPPRESS)  # tests and local trials: a fake X API
    p.add_argument("--roster", help="text or CSV file of pupils' names, one a line (first column)")
    p.add_argument("--policy", help="the school's policy file (default: a copy of the model policy)")
    p.add_argument("--name", help="the headteacher's name as the console shows it")
    p.add_argument("--username", help="the headteacher's console username")
    p.add_argument("--email", help="the headteacher's e-mail address for alerts")
    p.add_argument("--password-file", help="file holding the headteacher's password (- for standard input)")
    p.set_defaults(func=cmd_setup)
