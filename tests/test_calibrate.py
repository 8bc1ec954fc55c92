"""A school's reviews are labels: `moderator calibrate` measures its thresholds on them and proposes better ones."""
from __future__ import annotations

from sqlmodel import Session

from moderator import cli
from moderator.db import transaction
from moderator.judge import calibrate
from moderator.judge.policy import for_school
from moderator.tables import Comment, Decision
from tests.conftest import comment_line

RUDE = ["you are all useless idiots", "shut up you stupid moron", "what a pathetic bunch of losers",
        "go away you lazy pigs", "this school is a joke run by clowns"]
MILD = ["this is a bit silly", "what a daft idea", "the parking is a nightmare", "rubbish weather for sports day",
        "honestly who plans these things", "bloody hell that was a long assembly"]


def _review(engine, ext_id: str, action: str) -> None:
    with transaction(engine) as session:
        comment = session.query(Comment).filter(Comment.external_id == ext_id).one()
        session.add(Decision(comment_id=comment.id, kind="human", action=action, decided_by="helen",
                             reason="reviewed", routes=["headteacher"]))


def test_reviews_become_labels_and_the_report_proposes_thresholds(make_worker, settings, feed, engine, monkeypatch,
                                                                   tmp_path, capsys, database_url):
    settings.shadow_mode = True  # a school calibrating before it switches hiding on
    lines = [comment_line(f"r{i}", RUDE[i % len(RUDE)] + f" {i}", author=f"a{i}") for i in range(15)]
    lines += [comment_line(f"m{i}", MILD[i % len(MILD)] + f" {i}", author=f"b{i}") for i in range(15)]
    feed.add(*lines)
    make_worker(settings).run_until_idle()
    for i in range(15):
        _review(engine, f"r{i}", "hide")     # kept hidden: abuse
        _review(engine, f"m{i}", "unhide")   # restored: not abuse
    _review(engine, "m0", "hide")            # the latest word counts: m0 was kept hidden after all

    with Session(engine) as session:
        report = calibrate.calibrate(session, "oakfield", for_school(settings, "oakfield").policy)
    assert report.items == 30 and report.positives == 16
    toxicity = report.by_label["toxicity"]
    assert toxicity.n == 30 and toxicity.precision is not None and 0 <= toxicity.recall <= 1
    assert "toxicity" in report.proposed
    assert (report.proposed_measure["toxicity"].f1 or 0) >= (toxicity.f1 or 0)
    assert "en" in report.by_language

    from moderator.cli import judge as cli_judge

    monkeypatch.setattr(cli_judge, "settings_for", lambda args, **kw: settings)  # where calibrate reads them
    assert cli.main(["calibrate", "--school", "oakfield"]) == 0
    out = capsys.readouterr().out
    assert "30 reviewed items, 16 judged abusive" in out and "language en" in out and "[thresholds]" in out


def test_too_few_reviews_propose_nothing(make_worker, settings, feed, engine):
    feed.add(comment_line("r1", RUDE[0]))
    make_worker(settings).run_until_idle()
    _review(engine, "r1", "hide")
    with Session(engine) as session:
        report = calibrate.calibrate(session, "oakfield", for_school(settings, "oakfield").policy)
    assert report.items == 1 and report.proposed == {}
    assert "no threshold is proposed" in calibrate.render(report)
