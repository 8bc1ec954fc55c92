"""`moderator setup`: from nothing to a running shadow-mode school, against the fake Facebook and X
platforms. Mrs Patel, head of Oakfield Primary, connects the school's Page and X account, imports her
roster and the model policy, becomes the console's first user, and the worker then reads comments
and hides none."""
from __future__ import annotations

import io
import stat
import time
import tomllib
from pathlib import Path

import pytest
from sqlmodel import Session, select

from connectors.fakes.graph import FakeGraph
from connectors.fakes.x import FakeX
from moderator.cli import setup_wizard
from moderator.cli import main
from moderator.db import make_engine
from moderator.tables import Account, Action, Comment, Decision, User

SCHOOL_X = "1500000000000000001"
X_SECRETS = {"x-api-key-file": "oakfield-consumer-key", "x-api-secret-file": "consumer-secret-value-123",
             "x-access-token-file": f"{SCHOOL_X}-access-token-value",
             "x-access-token-secret-file": "access-secret-value-456"}
PASSWORD = "correct horse battery staple"


@pytest.fixture
def graph():
    with FakeGraph() as fake:
        yield fake


@pytest.fixture
def fake_x():
    fake = FakeX()
    fake.add_user(SCHOOL_X, "OakfieldPrimary", "Oakfield Primary School", access_token=X_SECRETS["x-access-token-file"],
                  consumer_key=X_SECRETS["x-api-key-file"])
    fake.add_user("3003", "mallory", "Mallory")
    with fake:
        yield fake


@pytest.fixture
def given(tmp_path, graph, fake_x, database_url, monkeypatch) -> dict[str, Path]:
    """What Mrs Patel has to hand: tokens saved from the platforms' pages, her roster, a password."""
    monkeypatch.setenv("MODERATOR_DATABASE_URL", database_url)
    inbox = tmp_path / "downloads"
    inbox.mkdir()
    files = {"facebook-token-file": graph.token, "password-file": PASSWORD, **X_SECRETS}
    paths = {flag: inbox / flag for flag in files}
    for flag, value in files.items():
        paths[flag].write_text(value + "\n", encoding="utf-8")
    paths["roster"] = inbox / "pupils.csv"
    paths["roster"].write_text("\ufeffAlfie Morgan,Year 4\nMaisie Clarke,Year 2\n\n", encoding="utf-8")
    return paths


def setup_args(tmp_path, graph, fake_x, given, *extra: str) -> list[str]:
    args = ["setup", "--yes", "--dir", str(tmp_path / "oakfield"), "--school-name", "Oakfield Primary School",
            "--headteacher", "Mrs Patel, Helen Patel", "--facebook", "--facebook-page-id", graph.page_id,
            "--graph-base-url", graph.base_url, "--x", "--x-api-base-url", fake_x.base_url,
            "--roster", str(given["roster"]), "--name", "Mrs Helen Patel", "--username", "hpatel",
            "--email", "head@oakfield.sch.uk"]
    for flag, path in given.items():
        if flag != "roster":
            args += [f"--{flag}", str(path)]
    return args + list(extra)


def test_setup_walks_from_nothing_to_a_running_school_in_shadow_mode(tmp_path, graph, fake_x, given, capsys):
    post = graph.add_post("Sports day is on Friday", created_time=time.time() - 3600)
    graph.add_comment(post, "You are all fucking useless idiots", author=("6100000000000103", "Mallory Mason"),
                      created_time=time.time() - 600)
    graph.add_comment(post, "Can't wait, thank you!", author=("6100000000000101", "Alice Ahmed"),
                      created_time=time.time() - 500)
    root = fake_x.add_post(SCHOOL_X, "Harvest festival photos are up")
    fake_x.add_post("3003", "@OakfieldPrimary shut up you pathetic morons", reply_to=root)

    assert main(setup_args(tmp_path, graph, fake_x, given)) == 0
    out = capsys.readouterr().out
    assert "the token can read Page 'Oakfield Primary School'" in out
    assert "X credentials accepted: authenticated as @OakfieldPrimary" in out
    assert "2 pupil name(s) imported" in out
    assert "SHADOW MODE" in out and "Before you turn hiding on" not in out
    assert "\u2584" in out or "\u2580" in out  # the two-factor QR code, drawn in the terminal
    for secret in (graph.token, *X_SECRETS.values(), PASSWORD):
        assert secret not in out

    folder = tmp_path / "oakfield"
    config = tomllib.loads((folder / "moderator.toml").read_text(encoding="utf-8"))
    [school] = config["schools"]
    assert school["slug"] == "oakfield" and school["shadow_mode"] is True
    assert (folder / "pupils.txt").read_text(encoding="utf-8") == "Alfie Morgan\nMaisie Clarke\n"
    assert [a["platform"] for a in school["accounts"]] == ["facebook", "x"]
    assert school["accounts"][1]["options"]["user_id"] == SCHOOL_X
    for private in [folder / "pupils.txt", *(folder / "secrets").iterdir()]:
        assert stat.S_IMODE(private.stat().st_mode) == 0o600, private
    assert graph.token not in (folder / "moderator.toml").read_text(encoding="utf-8")

    assert main(["--config", str(folder / "moderator.toml"), "run", "--once"]) == 0
    engine = make_engine(main_database_url(folder))
    with Session(engine) as session:
        texts = {c.text for c in session.exec(select(Comment))}
        assert {"You are all fucking useless idiots", "Can't wait, thank you!",
                "@OakfieldPrimary shut up you pathetic morons"} <= texts
        assert session.exec(select(Decision).where(Decision.action == "hide")).all()  # it would have hidden them
        assert session.exec(select(Action)).all() == []
        assert {a.status for a in session.exec(select(Account))} == {"active"}
        head = session.exec(select(User)).one()
        assert (head.username, head.role, head.email) == ("hpatel", "headteacher", "head@oakfield.sch.uk")
        assert head.totp_secret
    engine.dispose()
    assert not graph.hidden()
    assert not fake_x.hidden()


def main_database_url(folder: Path) -> str:
    import os

    return os.environ.get("MODERATOR_DATABASE_URL") or f"sqlite:///{folder / 'data' / 'moderator.db'}"


def test_a_missing_permission_is_named_in_plain_words_and_left_for_before_hiding(tmp_path, graph, fake_x, given,
                                                                                  capsys):
    graph.scopes.remove("pages_manage_engagement")
    assert main(setup_args(tmp_path, graph, fake_x, given, "--no-x")) == 0
    out = capsys.readouterr().out
    tail = out.split("Before you turn hiding on", 1)[1]
    assert "pages_manage_engagement (hiding, deleting, replying and banning) is MISSING" in tail
    assert "a Page admin must grant it to the app and issue a new token" in tail


def test_a_token_the_platform_refuses_stops_setup_before_anything_is_written(tmp_path, graph, fake_x, given, capsys):
    given["facebook-token-file"].write_text("not-the-page-token\n", encoding="utf-8")
    assert main(setup_args(tmp_path, graph, fake_x, given)) == 1
    err = capsys.readouterr().err
    assert "Facebook refused these credentials" in err and "not-the-page-token" not in err
    assert not (tmp_path / "oakfield" / "moderator.toml").exists()


def test_every_question_can_be_answered_at_the_terminal(tmp_path, graph, monkeypatch, database_url):
    """The same run, typed: Enter takes the default shown in brackets, and tokens are asked for unseen."""
    monkeypatch.setenv("MODERATOR_DATABASE_URL", database_url)
    answers = iter([str(tmp_path / "typed"), "Oakfield Primary School", "", "Mrs Patel",
                    "y", graph.page_id, "n", "", "", "", "", ""])
    secrets = iter([graph.token, PASSWORD, PASSWORD])
    out = io.StringIO()
    asker = setup_wizard.Asker(interactive=True, out=out, read_line=lambda _: next(answers),
                               read_secret=lambda _: next(secrets))
    args = setup_wizard_args(graph_base_url=graph.base_url)
    config = setup_wizard.run_setup(args, asker)
    assert next(answers, None) is None and next(secrets, None) is None
    school = tomllib.loads(config.read_text(encoding="utf-8"))["schools"][0]
    assert (school["slug"], school["headteacher"], school["shadow_mode"]) == ("oakfield", ["Mrs Patel"], True)
    assert "key:" in out.getvalue() and graph.token not in out.getvalue()


def setup_wizard_args(**given) -> "argparse.Namespace":  # noqa: F821
    import argparse

    parser = argparse.ArgumentParser()
    setup_wizard.add_parser(parser.add_subparsers())
    args = parser.parse_args(["setup"])
    for name, value in given.items():
        setattr(args, name, value)
    return args
