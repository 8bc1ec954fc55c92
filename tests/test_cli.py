"""The command line as a headteacher meets it: demo, queue, export, classify, audit."""
from __future__ import annotations

import csv
import io
import json

import pytest

from moderator.cli import main
from moderator.settings import DEMO_DIR
from moderator.tables import Action, AuditEvent, Author, Comment, CommentRevision, Decision, Escalation, RejectedInput
from tests.conftest import rows

TABLES = (Comment, Author, CommentRevision, Decision, Action, Escalation, AuditEvent, RejectedInput)


@pytest.fixture
def cli_env(monkeypatch, tmp_path, database_url):
    monkeypatch.setenv("MODERATOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MODERATOR_DATABASE_URL", database_url)
    return tmp_path / "data"


def run(capsys, *argv) -> str:
    code = main(list(argv))
    out = capsys.readouterr().out
    assert code == 0, out
    return out


@pytest.fixture
def demo(cli_env, capsys):
    return run(capsys, "demo")


def expected():
    with (DEMO_DIR / "expected.csv").open() as fh:
        return {row["id"]: row for row in csv.DictReader(fh)}


def test_the_demo_prints_a_summary(demo):
    assert "comments seen:            214" in demo
    assert "hidden on the platform:" in demo
    assert "Designated Safeguarding Lead" in demo and "Police-referral review" in demo


def test_running_the_demo_again_changes_nothing(demo, cli_env, capsys, engine):
    counts = {t.__name__: len(rows(engine, t)) for t in TABLES}
    state = (cli_env / "demo" / "platform-state.json").read_text()
    again = run(capsys, "demo")
    assert again == demo
    assert {t.__name__: len(rows(engine, t)) for t in TABLES} == counts
    assert (cli_env / "demo" / "platform-state.json").read_text() == state


def test_the_demo_hides_what_a_headteacher_would_and_nothing_clean(demo, cli_env, engine):
    state = json.loads((cli_env / "demo" / "platform-state.json").read_text())
    hidden = {key.split(":", 1)[1] for key, value in state["comments"].items() if value["hidden"]}
    labels = expected()
    clean_hidden = {i for i in hidden if labels[i]["category"] == "clean"}
    assert not clean_hidden
    for category in ("threat", "pupil", "safeguarding", "personal_data", "spam"):
        wanted = {i for i, row in labels.items() if row["category"] == category}
        assert wanted <= hidden, f"{category}: not hidden: {sorted(wanted - hidden)}"


def test_export_shows_each_comment_that_matched_a_rule_once_with_its_policy_clauses(demo, capsys, engine):
    register = json.loads(run(capsys, "export", "--format", "json"))
    matched = {c.external_id: d for c in rows(engine, Comment)
               for d in rows(engine, Decision, Decision.comment_id == c.id) if d.kind == "automatic" and d.rules}
    assert {row["external_id"] for row in register} == set(matched)
    assert len(register) == len(matched)  # each exactly once
    for row in register:
        hidden = matched[row["external_id"]].action == "hide"
        assert row["hidden_on_platform"] is hidden and row["left_visible_by_policy"] is (not hidden)
        assert row["platform_state"] == ("hidden" if hidden else "visible")
        assert row["clauses"] and all(c["quote"] for c in row["clauses"])
        assert row["policy_version"] and row["classifier"] and row["scores"] and row["explanation"]

    table = list(csv.DictReader(io.StringIO(run(capsys, "export", "--format", "csv"))))
    assert len(table) == len(register)
    assert all(row["clauses"] for row in table)
    lines = run(capsys, "export", "--format", "jsonl").splitlines()
    assert [json.loads(line)["comment_id"] for line in lines] == [row["comment_id"] for row in register]


def test_csv_export_neutralises_formulas(cli_env, capsys, tmp_path, feed, settings, make_worker):
    from tests.conftest import comment_line

    feed.add(comment_line("c1", "=HYPERLINK(\"http://evil.example\",\"click\") you f***ing idiots"),
             comment_line("c2", "@SUM(1+1) shut up you stupid pathetic losers"))
    make_worker(settings).run_until_idle()
    table = list(csv.DictReader(io.StringIO(run(capsys, "export", "--format", "csv"))))
    texts = {row["external_id"]: row["text"] for row in table}
    assert texts["c1"].startswith("'=") and texts["c2"].startswith("'@")


def test_the_queue_lists_a_child_at_risk_first_then_threats_then_by_urgency(demo, capsys, engine):
    from moderator.vocab import CHILD_AT_RISK_RULES, THREAT_RULES

    out = run(capsys, "queue").splitlines()
    listed = [(int(line.split()[0][1:]), line.split()[1]) for line in out[1:] if line.startswith("#")]
    assert listed and listed[0][1] == "URGENT"
    escs = {e.id: e for e in rows(engine, Escalation)}
    decisions = {d.id: d for d in rows(engine, Decision)}
    police = {e.comment_id for e in escs.values() if e.route == "police_review"}

    def harm(esc) -> int:  # worked out from the rule's words (vocab.py), not from the query
        fired = set(decisions[esc.decision_id].rules or [])
        if fired & set(CHILD_AT_RISK_RULES):
            return 0
        return 1 if esc.comment_id in police or fired & set(THREAT_RULES) else 2

    urgency = {"URGENT": 0, "NORMAL": 1, "LOW": 2}
    keys = [(harm(escs[i]), urgency[p]) for i, p in listed]
    assert keys == sorted(keys)
    assert {k[0] for k in keys} == {0, 1, 2}, "the demo has every kind of harm"


def test_classify_explains_a_threat(cli_env, capsys):
    result = json.loads(run(capsys, "classify", "I know where you live. Watch your back."))
    assert result["action"] == "hide" and "threat" in result["rules"]
    assert result["clauses"] and result["policy_version"]


def test_audit_verify_and_db_commands(demo, capsys):
    assert "audit chain OK" in run(capsys, "audit", "verify")
    assert "at revision" in run(capsys, "db", "upgrade")
    assert "oakfield-facebook" in run(capsys, "accounts", "list")


def test_the_demo_refuses_to_run_into_a_real_schools_database(cli_env, tmp_path, monkeypatch, capsys):
    config = tmp_path / "moderator.toml"
    config.write_text('[[schools]]\nslug = "oakfield"\nname = "Oakfield Primary School"\n')
    monkeypatch.setenv("MODERATOR_CONFIG", str(config))
    assert main(["demo"]) == 2
    assert "only without configured schools" in capsys.readouterr().err
