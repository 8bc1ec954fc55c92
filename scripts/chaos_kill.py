#!/usr/bin/env python
"""Chaos test: SIGKILL the worker at random moments and check that nothing is lost or done twice.

    python scripts/chaos_kill.py --comments 1000 --kills 20 --seed 7 [--workdir DIR] [--database-url URL]

It writes a seeded replay feed (clean comments mixed with threats, abuse and spam), works out which
comments the service hides by running an undisturbed in-process worker over the feed on a separate
SQLite database (the reference run), then starts ``moderator run`` as a subprocess, kills it with
SIGKILL after a random delay, restarts it, and repeats. After the last kill it waits for the dead
worker's leases to expire and runs ``moderator run --once`` until no work is left. Finally it checks:

- every offending comment is hidden exactly once on the (replay) platform: one ``applied`` hide in
  the state file's log, and the comment is hidden in its ``comments`` map; no clean comment is hidden;
- one Comment row per feed line, every one decided, exactly one automatic decision each, and the
  same decision (hide or not) as the reference run;
- exactly one hide Action per offending comment, status done;
- exactly one abuse-register row per offending comment (``moderator export --format json``);
- ``moderator audit verify`` exits 0.

It prints a summary (JSON with ``--json``) and exits 1 if any check failed. ``tests/test_crash_recovery.py``
imports :func:`run_chaos` and asserts on the returned :class:`ChaosResult`.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

HANDLE = "oakfield-facebook"
PLATFORM = "facebook"

CLEAN = [
    "Thank you so much for the lovely nativity, the children were wonderful",
    "What time does the coach get back from the trip on Friday?",
    "Lovely photos from sports day, well done everyone",
    "Is the school open on the inset day next week?",
    "Congratulations to the football team on a great season",
    "Where can I find the uniform list for September?",
    "The harvest festival assembly was beautiful, thank you all",
    "Great to see the new library books, my two love reading",
    "Does anyone know if after school club runs during half term?",
    "Brilliant work on the science fair, so many clever ideas",
]
OFFENDING = [
    "I'll be waiting at the gates for you on Monday. Watch your back.",
    "I'll be waiting at the gates for you after school",
    "Watch your back, I know where you live",
    "I'm going to batter you when I see you",
    "You are a f***ing idiot and a disgrace, shut up",
    "Shut up you stupid fucking moron",
    "What a load of shit, you useless bunch of idiots",
    "Earn £500 a day working from home! Click the link https://bit.ly/3xYz9 now",
    "Claim your prize at http://free-gifts.xyz/win today",
    "Crypto investment opportunity, guaranteed profit, DM me on whatsapp https://t.me/cashnow",
]


# -- the feed and the config ----------------------------------------------------------------------

def generate_feed(path: Path, n: int, seed: int, offending_share: float = 0.3) -> dict[str, bool]:
    """Write ``n`` comment lines; returns {external id: intended to offend}."""
    rng = random.Random(seed)
    labels: dict[str, bool] = {}
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            ext_id = f"fb-c-{i:05d}"
            bad = rng.random() < offending_share
            text = rng.choice(OFFENDING if bad else CLEAN)
            author = f"parent{rng.randrange(60)}"
            minute = i % 60
            line = {"platform": PLATFORM, "account": HANDLE, "id": ext_id, "post_id": f"fb-p-{i // 50:03d}",
                    "author": {"id": f"u-{author}", "name": author.title()}, "text": text,
                    "created_at": f"2026-11-02T{9 + i // 60 % 10:02d}:{minute:02d}:00Z"}
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
            labels[ext_id] = bad
    return labels


def write_config(path: Path, *, database_url: str, feed: Path, state: Path, data_dir: Path, batch_size: int = 10,
                 lease_seconds: float = 1.5) -> Path:
    path.write_text(f"""
data_dir = {json.dumps(str(data_dir))}
database_url = {json.dumps(database_url)}
batch_size = {batch_size}
action_lease_seconds = {lease_seconds}
account_lease_seconds = {lease_seconds}
idle_sleep_seconds = 0.05
poll_interval_seconds = 0.2
retry_base_seconds = 0.1
log_format = "json"
log_level = "INFO"

[[schools]]
slug = "oakfield"
name = "Oakfield Primary School"
headteacher = ["Mrs Patel", "Helen Patel"]
staff = ["Mr Okafor", "Miss Bennett"]
pupil_names = ["Alfie Morgan", "Maisie Clarke"]

[[schools.accounts]]
handle = "{HANDLE}"
platform = "{PLATFORM}"
connector = "replay"
options = {{ feed = {json.dumps(str(feed))}, state = {json.dumps(str(state))} }}
""", encoding="utf-8")
    return path


def _settings_from(config: Path):
    from moderator.settings import load_settings

    saved = os.environ.get("MODERATOR_CONFIG")
    try:
        return load_settings(config)
    finally:  # load_settings sets MODERATOR_CONFIG; leave the caller's environment as it was
        if saved is None:
            os.environ.pop("MODERATOR_CONFIG", None)
        else:
            os.environ["MODERATOR_CONFIG"] = saved


# -- the reference run ----------------------------------------------------------------------------

def reference_run(workdir: Path, feed: Path) -> dict[str, str]:
    """Run an undisturbed in-process worker over the feed; returns {external id: decided action}."""
    from sqlmodel import Session, select

    from moderator import migrate
    from moderator.db import make_engine
    from moderator.tables import Comment, Decision
    from moderator.worker import Worker, sync_config

    ref = workdir / "reference"
    ref.mkdir(parents=True, exist_ok=True)
    config = write_config(ref / "moderator.toml", database_url=f"sqlite:///{ref / 'reference.db'}", feed=feed,
                          state=ref / "state.json", data_dir=ref, batch_size=100, lease_seconds=60)
    settings = _settings_from(config)
    engine = make_engine(settings.effective_database_url)
    try:
        migrate.upgrade(engine)
        sync_config(engine, settings)
        worker = Worker(settings, engine, worker_id="reference")
        worker.run_until_idle(wait_for_retries=30)
        worker.close()
        with Session(engine) as session:
            pairs = session.exec(select(Comment.external_id, Decision.action)
                                 .join(Decision, Decision.comment_id == Comment.id)
                                 .where(Decision.kind == "automatic")).all()
    finally:
        engine.dispose()
    return {ext_id: action for ext_id, action in pairs}


# -- killing the worker ---------------------------------------------------------------------------

@dataclass
class Kill:
    life: int
    early: bool  # killed while starting up (timed from "worker started", not from "classifier loaded")
    ran_for: float  # seconds from that log line to the kill
    comments: int  # Comment rows when it was killed
    decided: int  # comments with an automatic decision when it was killed
    hides_done: int  # hide actions done when it was killed
    outstanding: bool  # work was left to do when it was killed
    progressed: bool  # this life stored, decided or hid something


@dataclass
class ChaosResult:
    comments: int
    seed: int
    database_url: str
    workdir: str
    intended_offending: int
    expected_hidden: int  # from the reference run
    labels_agree: bool  # the reference run hid exactly the comments written to offend
    kills: list[Kill] = field(default_factory=list)
    final_runs: int = 0
    seconds: float = 0.0
    totals: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def kills_mid_work(self) -> int:
        return sum(1 for k in self.kills if k.outstanding and 0 < k.decided < self.comments)

    @property
    def kills_with_work_left(self) -> int:
        return sum(1 for k in self.kills if k.outstanding)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        lines = [
            f"chaos: {self.comments} comments, seed {self.seed}, {len(self.kills)} SIGKILLs "
            f"({self.kills_with_work_left} with work left, {self.kills_mid_work} with 0 < decided < {self.comments}), "
            f"{self.final_runs} final `run --once`, {self.seconds:.1f} s",
            f"  database: {self.database_url}",
            f"  expected hidden (reference run): {self.expected_hidden}; written to offend: {self.intended_offending}"
            + ("" if self.labels_agree else "  (the reference run disagrees with the intended labels)"),
            "  decided at each kill: " + " ".join(str(k.decided) for k in self.kills),
            "  totals: " + ", ".join(f"{k}={v}" for k, v in self.totals.items()),
        ]
        lines.append("  result: OK, nothing lost and nothing done twice" if self.ok else
                     "  result: FAILED\n    " + "\n    ".join(self.problems))
        return "\n".join(lines)

    def as_dict(self) -> dict:
        out = asdict(self)
        out.update(kills_mid_work=self.kills_mid_work, kills_with_work_left=self.kills_with_work_left, ok=self.ok)
        return out


def _env(config: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MODERATOR_")}
    env.update(MODERATOR_CONFIG=str(config), MODERATOR_LOG_FORMAT="json", MODERATOR_LOG_LEVEL="INFO",
               HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def _moderator(*args: str) -> list[str]:
    return [sys.executable, "-m", "moderator.cli", *args]


def _progress(engine) -> tuple[int, int, int, bool]:
    """(comments, decided, hides done, work outstanding)."""
    from sqlmodel import Session, col, func, select

    from moderator.tables import Action, Comment, Decision

    with Session(engine) as session:
        comments = session.exec(select(func.count()).select_from(Comment)).one()
        decided = session.exec(select(func.count(func.distinct(Decision.comment_id)))
                               .where(Decision.kind == "automatic")).one()
        done = session.exec(select(func.count()).select_from(Action).where(Action.status == "done")).one()
        open_actions = session.exec(select(func.count()).select_from(Action)
                                    .where(col(Action.status).in_(("pending", "running")))).one()
        undecided = session.exec(select(func.count()).select_from(Comment).where(Comment.state == "new")).one()
    return comments, decided, done, bool(undecided or open_actions)


def _wait_for(marker: str, log_path: Path, proc: subprocess.Popen, timeout: float) -> bool:
    """Wait until the worker's (JSON) log has a line with message ``marker``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            if f'"msg": "{marker}"' in log_path.read_text("utf-8", errors="replace"):
                return True
        except FileNotFoundError:
            pass
        time.sleep(0.02)
    return False


def run_chaos(workdir: Path, *, comments: int = 1000, kills: int = 20, seed: int = 0, database_url: str | None = None,
              lease_seconds: float = 1.5, batch_size: int = 10, early_share: float = 0.15, log=print) -> ChaosResult:
    """Generate, reference-run, kill-and-restart, finish and verify. ``log`` gets progress lines."""
    from moderator import migrate
    from moderator.db import make_engine

    started = time.monotonic()
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    feed = workdir / "feed.jsonl"
    state = workdir / "platform-state.json"
    labels = generate_feed(feed, comments, seed)
    database_url = database_url or f"sqlite:///{workdir / 'moderator.db'}"
    config = write_config(workdir / "moderator.toml", database_url=database_url, feed=feed, state=state,
                          data_dir=workdir / "data", batch_size=batch_size, lease_seconds=lease_seconds)

    reference = reference_run(workdir, feed)
    expected = {ext_id for ext_id, action in reference.items() if action == "hide"}
    intended = {ext_id for ext_id, bad in labels.items() if bad}
    from sqlalchemy.engine import make_url

    shown_url = make_url(database_url).render_as_string(hide_password=True)
    result = ChaosResult(comments=comments, seed=seed, database_url=shown_url, workdir=str(workdir),
                         intended_offending=len(intended), expected_hidden=len(expected),
                         labels_agree=expected == intended)
    if len(reference) != comments:
        result.problems.append(f"the reference run decided {len(reference)} of {comments} comments")
    log(f"reference run: {len(expected)} of {comments} comments hidden")

    engine = make_engine(database_url)
    migrate.upgrade(engine)  # so progress can be read before the first worker has started
    env = _env(config)
    logs = workdir / "logs"
    logs.mkdir(exist_ok=True)
    rate = None  # comments decided per second of work, learned from earlier lives
    try:
        life = 0
        while len(result.kills) < kills:
            life += 1
            before = _progress(engine)
            log_path = logs / f"life-{life:03d}.log"
            with log_path.open("wb") as err:
                proc = subprocess.Popen(_moderator("run"), env=env, stdout=subprocess.DEVNULL, stderr=err,
                                        cwd=workdir)
            # Most kills land once the worker is judging comments (the classifier loads lazily, on the first
            # batch); some land earlier, while it starts up and polls.
            early = rng.random() < early_share
            if not _wait_for("worker started" if early else "classifier loaded", log_path, proc, timeout=120):
                proc.kill()
                proc.wait()
                result.problems.append(f"life {life}: the worker did not start; see {log_path}")
                break
            t0 = time.monotonic()
            # Aim to spread the remaining work over the remaining kills, at a random point in each life.
            remaining = max(1, comments - before[1])
            per_life = remaining / max(1, kills - len(result.kills) + 1)
            mean = per_life / rate if rate else 0.5
            delay = rng.uniform(0.0, 2.0 * min(max(mean, 0.05), 3.0)) if not early else rng.uniform(0.0, 1.0)
            time.sleep(delay)
            if proc.poll() is not None:
                result.problems.append(f"life {life}: the worker exited by itself with {proc.returncode}; see {log_path}")
                break
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            ran_for = time.monotonic() - t0
            after = _progress(engine)
            kill = Kill(life=life, early=early, ran_for=round(ran_for, 3), comments=after[0], decided=after[1], hides_done=after[2],
                        outstanding=after[3] or after[0] < comments, progressed=after[:3] != before[:3])
            result.kills.append(kill)
            if after[1] > before[1] and ran_for > 0.05 and not early:
                observed = (after[1] - before[1]) / ran_for
                rate = observed if rate is None else 0.5 * rate + 0.5 * observed
            log(f"kill {len(result.kills):>3}: {ran_for:5.2f} s after {'start' if early else 'classifier load'}; comments={after[0]} "
                f"decided={after[1]} hides_done={after[2]} work_left={kill.outstanding}")

        # The dead workers' leases must run out before the accounts and actions can be taken again.
        time.sleep(lease_seconds + 0.5)
        for _ in range(5):
            result.final_runs += 1
            done = subprocess.run(_moderator("run", "--once"), env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, text=True, cwd=workdir, timeout=600)
            if done.returncode != 0:
                result.problems.append(f"`moderator run --once` exited {done.returncode}: {done.stderr[-2000:]}")
                break
            progress = _progress(engine)
            if progress[0] >= comments and not progress[3]:
                break
            time.sleep(lease_seconds + 0.5)
        verify(result, engine, env=env, workdir=workdir, state=state, expected=expected, reference=reference,
               labels=labels)
    finally:
        engine.dispose()
    result.seconds = round(time.monotonic() - started, 1)
    return result


# -- checking -------------------------------------------------------------------------------------

def verify(result: ChaosResult, engine, *, env: dict[str, str], workdir: Path, state: Path, expected: set[str],
           reference: dict[str, str], labels: dict[str, bool]) -> None:
    from sqlmodel import Session, select

    from moderator.tables import Action, Comment, Decision

    problems = result.problems

    def check(ok: bool, message: str) -> None:
        if not ok:
            problems.append(message)

    # The platform.
    from connectors.replay import read_state

    platform = read_state(state)  # the state file plus its journal: killed workers never compacted it
    hidden_now = {key.split(":", 1)[1] for key, rec in platform.get("comments", {}).items() if rec.get("hidden")}
    applied = Counter(e["comment"] for e in platform.get("log", []) if e["action"] == "hide" and e["effect"] == "applied")
    effects = Counter(e["effect"] for e in platform.get("log", []))
    check(hidden_now == expected, f"hidden on the platform: {len(hidden_now)}, expected {len(expected)}; "
                                  f"missing {sorted(expected - hidden_now)[:5]}, extra {sorted(hidden_now - expected)[:5]}")
    twice = sorted(ext_id for ext_id, n in applied.items() if n > 1)
    check(not twice, f"hidden more than once on the platform: {twice[:10]} ({len(twice)} comments)")
    check(set(applied) == expected, f"comments with an applied hide: {len(applied)}, expected {len(expected)}")

    with Session(engine) as session:
        comments = session.exec(select(Comment)).all()
        decisions = session.exec(select(Decision).where(Decision.kind == "automatic")).all()
        actions = session.exec(select(Action)).all()
    by_id = {c.id: c for c in comments}
    ext_counts = Counter(c.external_id for c in comments)
    check(len(comments) == result.comments and set(ext_counts) == set(labels),
          f"{len(comments)} Comment rows for {result.comments} feed lines ({len(set(ext_counts))} distinct ids)")
    check(all(n == 1 for n in ext_counts.values()), "duplicate Comment rows: "
          + str([k for k, n in ext_counts.items() if n > 1][:10]))
    states = Counter(c.state for c in comments)
    check(states == Counter({"decided": len(comments)}), f"comment states: {dict(states)}")
    per_comment = Counter(d.comment_id for d in decisions)
    check(all(n == 1 for n in per_comment.values()) and len(per_comment) == len(comments),
          f"automatic decisions: {len(decisions)} for {len(per_comment)} comments of {len(comments)}")
    decided = {by_id[d.comment_id].external_id: d.action for d in decisions if d.comment_id in by_id}
    differ = sorted(k for k in reference if decided.get(k) != reference[k])
    check(not differ, f"decisions differ from the undisturbed reference run: {differ[:10]} ({len(differ)})")
    hides = [a for a in actions if a.kind == "hide"]
    hide_ids = Counter(by_id[a.comment_id].external_id for a in hides)
    check(set(hide_ids) == expected and all(n == 1 for n in hide_ids.values()),
          f"hide actions: {len(hides)} rows for {len(hide_ids)} comments, expected one for each of {len(expected)}")
    statuses = Counter(a.status for a in actions)
    check(statuses == Counter({"done": len(actions)}), f"action statuses: {dict(statuses)}")

    # The abuse register and the audit chain, through the command line.
    exported = subprocess.run(_moderator("export", "--format", "json"), env=env, capture_output=True, text=True,
                              cwd=workdir, timeout=300)
    check(exported.returncode == 0, f"`moderator export` exited {exported.returncode}: {exported.stderr[-1000:]}")
    register = json.loads(exported.stdout) if exported.returncode == 0 else []
    in_register = Counter(row["external_id"] for row in register)
    check(set(in_register) == expected and all(n == 1 for n in in_register.values()),
          f"abuse register: {len(register)} rows for {len(in_register)} comments, expected one for each of "
          f"{len(expected)}")
    check(all(row["hidden_on_platform"] for row in register), "register rows not marked hidden_on_platform")
    audited = subprocess.run(_moderator("audit", "verify"), env=env, capture_output=True, text=True, cwd=workdir,
                             timeout=300)
    check(audited.returncode == 0, f"`moderator audit verify` exited {audited.returncode}: {audited.stdout.strip()} "
                                   f"{audited.stderr[-1000:]}")

    result.totals = {
        "comment_rows": len(comments), "decisions": len(decisions), "hide_decisions":
        sum(1 for d in decisions if d.action == "hide"), "hide_actions": len(hides),
        "hidden_on_platform": len(hidden_now), "applied_hides": sum(applied.values()),
        "duplicate_key_calls": effects.get("duplicate_key", 0), "already_hidden_calls": effects.get("already", 0),
        "register_rows": len(register), "max_attempts": max((a.attempts for a in actions), default=0),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--comments", type=int, default=1000)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", help="where to put the feed, database and logs (default: a new temporary folder)")
    parser.add_argument("--database-url", help="default: SQLite in the workdir (a PostgreSQL database is emptied "
                                                "by nothing here: give an empty one)")
    parser.add_argument("--lease-seconds", type=float, default=1.5)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    workdir = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="chaos-kill-"))
    quiet = args.json
    result = run_chaos(workdir, comments=args.comments, kills=args.kills, seed=args.seed,
                       database_url=args.database_url, lease_seconds=args.lease_seconds,
                       log=(lambda _msg: None) if quiet else (lambda msg: print(msg, flush=True)))
    print(json.dumps(result.as_dict(), indent=2) if args.json else result.summary())
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
