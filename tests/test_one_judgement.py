"""`moderator classify --school S` and the worker judge every comment the same way: one function
judges a text and one builds the school's policy, so what a headteacher tries on the command line
is what the service does."""
from __future__ import annotations

import json
import random

import pytest
from sqlmodel import Session, col, select

from moderator import cli
from moderator.settings import DEMO_DIR
from moderator.tables import Comment, CommentRevision, Decision
from tests.conftest import comment_line, rows

pytestmark = pytest.mark.slow


def _worker_decisions(engine) -> dict[str, tuple[str, dict]]:
    """external id -> (the text the worker judged last, its decision), for decisions made without
    the author's history (the repeat-author rule needs the database; classify says so)."""
    out = {}
    with Session(engine) as session:
        for comment in session.exec(select(Comment)):
            decision = session.exec(select(Decision).where(Decision.comment_id == comment.id, Decision.kind == "automatic")
                                    .order_by(col(Decision.id).desc())).first()
            if decision is None or "harassment" in decision.rules:
                continue
            text = comment.text
            edit = session.exec(select(CommentRevision).where(CommentRevision.comment_id == comment.id,
                                                              CommentRevision.kind == "edit")
                                .order_by(col(CommentRevision.revision).desc())).first()
            if edit is not None and decision.revision == edit.revision:
                text = edit.text
            out[comment.external_id] = (text, comment.attachments, _shape(decision.action, decision.routes,
                                                                          decision.priority,
                                                                          [c["id"] for c in decision.clauses]))
    return out


def _shape(action, routes, priority, clauses) -> dict:
    return {"action": action, "routes": sorted(routes), "priority": priority, "clauses": sorted(clauses)}


def _classified(tmp_path, capsys, decisions: dict, school: str) -> dict[str, dict]:
    path = tmp_path / "to-classify.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for ext, (text, attachments, _) in decisions.items():
            fh.write(json.dumps({"id": ext, "text": text, "attachments": attachments}, ensure_ascii=False) + "\n")
    capsys.readouterr()
    assert cli.main(["classify", "--file", str(path), "--school", school]) == 0
    out = {}
    for line in capsys.readouterr().out.splitlines():
        row = json.loads(line)
        out[row["id"]] = _shape(row["action"], row["routes"], row["priority"], row["clauses"])
    return out


def _assert_same(decisions: dict, classified: dict) -> None:
    differ = {ext: (want, classified.get(ext)) for ext, (_, _, want) in decisions.items() if classified.get(ext) != want}
    assert differ == {}


def test_classify_and_the_worker_agree_on_every_demo_comment(monkeypatch, tmp_path, database_url, capsys, engine):
    monkeypatch.setenv("MODERATOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MODERATOR_DATABASE_URL", database_url)
    assert cli.main(["demo"]) == 0
    decisions = _worker_decisions(engine)
    fed = sum(1 for line in (DEMO_DIR / "feed.jsonl").read_text("utf-8").splitlines() if line.strip())
    assert len(decisions) >= fed * 0.9  # nearly every comment, all but repeat authors
    _assert_same(decisions, _classified(tmp_path, capsys, decisions, "oakfield"))


PIECES = {
    "kind": ["Thank you for a lovely assembly", "Well done to all the children at sports day",
             "Can't wait for the Christmas fair!", "Great trip to the farm, the kids loved it",
             "Lovely to see Mr Okafor's class singing"],
    "rude": ["you are all useless idiots", "shut up you stupid moron", "what a pathetic joke of a school",
             "this is f***ing ridiculous", "the teachers here are clueless and lazy"],
    "threat": ["I'll be waiting at the gates for you", "watch your back Mr Okafor", "someone should sort that teacher out"],
    "complaint": ["Still waiting for a reply about the uniform", "No one listens to parents here",
                  "Really disappointed with how the trip was organised"],
    "pupil": ["Alfie Morgan was crying again today", "Maisie Clarke's mum needs to sort her out",
              "Well done Ruby Holt for winning the sprint"],
    "head": ["Mrs Patel is a liar", "The headteacher covers for her friends", "Helen Patel should be sacked"],
    "data": ["call me on 07700 900123", "email me at parent@example.com", "I live at 12 Oak Road"],
    "spam": ["Win a free iPhone at http://free-prizes.example", "Earn £500 a day from home, click bit.ly/abc"],
}


def _generated_feed(n: int, seed: int = 12) -> list[dict]:
    rng = random.Random(seed)
    kinds = list(PIECES)
    lines = []
    for i in range(n):
        parts = [rng.choice(PIECES[rng.choice(kinds)]) for _ in range(rng.choice((1, 1, 2)))]
        text = ". ".join(parts)
        if rng.random() < 0.1:
            text = text.upper()
        line = comment_line(f"g{i:04d}", text, author=f"author{i}", post=f"p{i % 7}")
        if rng.random() < 0.05:
            line["attachments"] = [{"type": "photo", "url": f"https://example.com/{i}.jpg"}]
        lines.append(line)
    return lines


def test_classify_and_the_worker_agree_on_500_generated_comments(make_worker, settings, feed, engine, tmp_path,
                                                                  capsys, monkeypatch):
    feed.add(*_generated_feed(500))
    make_worker(settings).run_until_idle()
    decisions = _worker_decisions(engine)
    assert len(decisions) == 500  # every author is new, so no repeat-author rule applies
    assert {d[2]["action"] for d in decisions.values()} == {"hide", "none"}

    # classify reads the same settings the worker ran with (school names, policy, overrides)
    from moderator.cli import judge as cli_judge

    monkeypatch.setattr(cli_judge, "settings_for", lambda args, **kw: settings)  # where classify reads them
    _assert_same(decisions, _classified(tmp_path, capsys, decisions, settings.schools[0].slug))


def test_a_comment_in_a_language_the_model_was_not_checked_on_goes_to_a_person(make_worker, settings, feed, engine):
    from moderator.tables import Analysis, Escalation

    worker = make_worker(settings)
    supported = worker.classifier.supported_languages
    samples = {
        "pl": "Dziękuję bardzo za wspaniały koncert, dzieci były cudowne i bardzo się postarały",
        "cy": "Diolch yn fawr iawn am y cyngerdd hyfryd, roedd y plant yn wych ac yn canu mor dda",
        "uk": "Дякую вам за чудовий концерт, діти були чудові і дуже старалися весь вечір",
    }
    language, text = next(((lang, t) for lang, t in samples.items() if lang not in supported), (None, None))
    if language is None:
        pytest.skip("the shipped model covers every sample language")
    feed.add(comment_line("foreign", text, author="someone"))
    worker.run_until_idle()
    (comment,) = [c for c in rows(engine, Comment) if c.external_id == "foreign"]
    (analysis,) = rows(engine, Analysis, Analysis.comment_id == comment.id)
    (decision,) = rows(engine, Decision, Decision.comment_id == comment.id)
    assert analysis.language == language
    assert decision.rules == ["unsupported_language"] and decision.action == "none"
    assert [e.route for e in rows(engine, Escalation, Escalation.comment_id == comment.id)] == ["headteacher"]
