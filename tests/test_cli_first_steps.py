"""What a new user meets first on the command line, after `moderator demo`: every answer true and
clear, every mistake named (issue 20)."""
from __future__ import annotations

import io
import json
import os
import sys

import pytest
import segno
from sqlmodel import Session, select

from moderator.cli import main
from moderator.db import transaction
from moderator.tables import Author, Decision, Escalation, School
from tests.test_cli import cli_env, demo, run  # noqa: F401  (fixtures)


def fails(capsys, *argv) -> str:
    code = main(list(argv))
    captured = capsys.readouterr()
    assert code != 0, captured.out
    return captured.err


def test_after_the_demo_accounts_list_and_check_tell_the_same_truth(demo, capsys):
    listed = run(capsys, "accounts", "list")
    x_line = next(i for i, line in enumerate(listed.splitlines()) if "oakfield-x" in line)
    assert listed.splitlines()[x_line + 1].split() == ["can:", "hide,", "unhide;", "cannot:", "delete,", "ban,",
                                                       "unban,", "reply"]
    checked = run(capsys, "accounts", "check")
    assert "No accounts are configured" not in checked
    assert "oakfield/oakfield-facebook" in checked and "oakfield/oakfield-x" in checked


def test_the_demo_summary_counts_what_the_register_holds_and_prints_no_log_lines(cli_env, capsys):
    code = main(["demo"])
    out, err = capsys.readouterr()
    assert code == 0 and err == ""  # the summary alone: no JSON log line before it
    register = json.loads(run(capsys, "export", "--format", "json"))
    left_visible = sum(row["left_visible_by_policy"] for row in register)
    assert left_visible, "the demo has comments the policy records but leaves visible"
    assert (f"against the policy:       {len(register)}  ({len(register) - left_visible} hidden, "
            f"{left_visible} left visible by the policy)") in out


def test_the_queue_shows_every_reason_the_one_that_chose_police_review_first(demo, capsys, engine):
    with Session(engine) as session:
        police = [(esc, session.get(Decision, esc.decision_id)) for esc in
                  session.exec(select(Escalation).where(Escalation.route == "police_review"))]
    esc, decision = next((e, d) for e, d in police
                         if d.explanation[0]["rule"] == "abusive_language" and d.explanation[1]["rule"] == "harassment")
    abusive, harassment = decision.explanation[0]["text"], decision.explanation[1]["text"]
    out = run(capsys, "queue", "--route", "police_review")
    line = next(line for line in out.splitlines() if line.startswith(f"#{esc.id} "))
    assert harassment in line and abusive in line
    assert line.index(harassment) < line.index(abusive)


def test_hold_list_shows_the_platform_id_that_was_typed(demo, capsys, engine):
    with Session(engine) as session:
        author = session.exec(select(Author).where(Author.platform == "facebook")).first()
    run(capsys, "hold", "add", "--author", author.external_id, "--platform", "facebook", "--reason", "complaint")
    listed = run(capsys, "hold", "list")
    assert f"author facebook {author.external_id}" in listed and f"author {author.id} " not in listed


def test_users_add_prints_a_qr_code_of_the_two_factor_link(demo, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("a long enough demo password\n"))
    out = run(capsys, "users", "add", "helen", "--role", "headteacher", "--password-stdin")
    link = next(line.split("link: ", 1)[1] for line in out.splitlines() if "link: otpauth://" in line)
    drawn = io.StringIO()
    segno.make(link, error="m").terminal(out=drawn, compact=True, border=2)
    assert drawn.getvalue().rstrip("\n") in out


@pytest.mark.parametrize("command", [["queue"], ["export"], ["classify", "hello"], ["calibrate"]])
def test_an_unknown_school_is_named_with_the_schools_there_are(cli_env, capsys, command):
    err = fails(capsys, *command, "--school", "nosuch")
    assert "unknown school 'nosuch'" in err and "schools: oakfield" in err


def test_a_termly_report_for_an_empty_period_is_refused(cli_env, capsys, tmp_path, engine):
    with transaction(engine) as session:
        session.add(School(slug="oakfield", name="Oakfield Primary School"))
    pdf = tmp_path / "termly.pdf"
    err = fails(capsys, "report", "termly", "--school", "oakfield", "--since", "2026-09-01", "--until", "2026-07-01",
                "--output", str(pdf))
    assert "--since 2026-09-01 is not before --until 2026-07-01" in err
    assert not pdf.exists()


def test_classify_judges_the_good_lines_of_a_file_and_names_the_line_that_is_not_utf8(cli_env, capsys, tmp_path):
    feed = tmp_path / "comments.jsonl"
    feed.write_bytes(b'{"id": "a", "text": "Lovely assembly today"}\n'
                     b'{"id": "b", "text": "caf\xe9 owner here"}\n'
                     b'{"id": "c", "text": "I know where you live. Watch your back."}\n')
    code = main(["classify", "--file", str(feed)])
    out, err = capsys.readouterr()
    assert code == 1
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["a", "c"]
    assert f"{feed}, line 2: not UTF-8 (byte 0xe9" in err


def test_a_byte_that_is_not_utf8_on_standard_input_is_reported(cli_env, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"caf\xe9 owner here\n"), encoding="utf-8",
                                                       errors="surrogateescape"))
    err = fails(capsys, "classify", "-")
    assert "standard input is not UTF-8: byte 0xe9 at position 3" in err


def test_a_missing_file_is_named_plainly(cli_env, capsys, tmp_path):
    missing = tmp_path / "nope.jsonl"
    err = fails(capsys, "classify", "--file", str(missing))
    assert err.strip() == f"moderator: file not found: {missing}"


def test_a_long_command_shows_progress_on_a_terminal_and_nothing_when_piped(cli_env, capsys, monkeypatch):
    assert "audit chain OK" in run(capsys, "audit", "verify")
    assert capsys.readouterr().err == ""  # piped: nothing but the answer
    leader, follower = os.openpty()  # a real terminal
    os.set_blocking(leader, False)
    with os.fdopen(follower, "w", encoding="utf-8") as terminal:
        monkeypatch.setattr(sys, "stderr", terminal)
        assert main(["audit", "verify"]) == 0
        terminal.flush()
        try:
            shown = os.read(leader, 65536).decode("utf-8", "replace")
        except BlockingIOError:  # nothing was drawn
            shown = ""
    os.close(leader)
    assert "checking the audit log" in shown and "event" in shown


def test_the_readme_incident_example_is_a_threat_the_demo_hid(demo, capsys, engine):
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    (number,) = set(re.findall(r"moderator report incident (\d+)", readme))
    with Session(engine) as session:
        decision = session.exec(select(Decision).where(Decision.comment_id == int(number))).one()
    assert decision.action == "hide" and "threat" in decision.rules
    assert f" comment {number} " in run(capsys, "queue")
