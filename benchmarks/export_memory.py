"""Peak memory of `moderator export` on a register of 100,000 cases.

Builds the register in a temporary SQLite database with bulk inserts (a school, an account, 5,000
authors, and per case: a comment, the service's hide decision with its stored explanation and
clauses, an escalation and a done hide action), then runs `moderator export` as a child process
for each format and reads that child's own peak RSS (``os.wait4``). The export streams a page at a
time, so the peak should not grow with the register: it must stay under 200 MB.

    .venv/bin/python benchmarks/export_memory.py [--cases 100000] [--formats csv,jsonl,json]
"""
from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import insert

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from moderator import migrate  # noqa: E402
from moderator.db import make_engine  # noqa: E402
from moderator.tables import Account, Action, Author, Comment, Decision, Escalation, School  # noqa: E402

LIMIT_MB = 200
CHUNK = 5_000
CLAUSES = [{"id": "model-abusive-removed", "title": "The model policy: social media for schools",
            "document": "The model policy", "school": "", "section": "2. Comments we remove",
            "quote": "Abusive, insulting, obscene or derogatory comments about anyone will be hidden or removed "
                     "from the school's pages."}]
EXPLANATION = [{"rule": "insult", "signal": "Abusive or insulting language", "clauses": ["model-abusive-removed"],
                "text": "Hidden because it contains abusive or insulting language."}]


def build(url: str, cases: int) -> None:
    engine = make_engine(url)
    migrate.upgrade(engine)
    t0 = datetime(2026, 9, 1, tzinfo=timezone.utc)
    with engine.begin() as conn:
        conn.execute(insert(School.__table__), [{"id": 1, "slug": "oakfield", "name": "Oakfield Primary School",
                                                 "created_at": t0}])
        conn.execute(insert(Account.__table__), [{
            "id": 1, "school_id": 1, "handle": "oakfield-facebook", "platform": "facebook", "connector": "replay",
            "status": "active", "blocked": {}, "created_at": t0, "updated_at": t0}])
        conn.execute(insert(Author.__table__), [{
            "id": i, "platform": "facebook", "external_id": f"u-{i}", "name": f"Parent {i}", "username": f"parent{i}",
            "first_seen_at": t0} for i in range(1, 5001)])
    for start in range(1, cases + 1, CHUNK):
        ids = range(start, min(cases + 1, start + CHUNK))
        comments, decisions, escalations, actions = [], [], [], []
        for i in ids:
            at = t0 + timedelta(seconds=30 * i)
            text = f"Comment {i}: you are all useless idiots at this school, " + "really " * (i % 40) + "=SUM(A1)"
            comments.append({
                "id": i, "school_id": 1, "account_id": 1, "platform": "facebook", "external_id": f"fb-c-{i}",
                "post_external_id": f"fb-p-{i // 50}", "author_id": 1 + i % 5000, "text": text,
                "text_sha256": hashlib.sha256(text.encode()).hexdigest(), "text_bytes": len(text), "flags": [],
                "permalink": f"https://www.facebook.com/oakfield/posts/{i // 50}?comment_id=fb-c-{i}",
                "created_at": at, "fetched_at": at + timedelta(seconds=20), "revision": 0, "state": "decided"})
            decisions.append({
                "id": i, "comment_id": i, "revision": 0, "auto_key": f"{i}:0", "kind": "automatic", "action": "hide",
                "shadow": False, "rules": ["insult"], "signals": ["Abusive or insulting language"],
                "routes": ["headteacher"], "priority": "normal", "clauses": CLAUSES, "explanation": EXPLANATION,
                "policy_name": "Default policy", "policy_version": "2026.11.3", "classifier": "embedded-onnx",
                "classifier_version": "bench", "scores": {"toxicity": 0.97, "insult": 0.93, "threat": 0.01},
                "thresholds": {"toxicity": 0.65, "insult": 0.87, "threat": 0.5}, "decided_by": "service",
                "created_at": at + timedelta(seconds=21)})
            escalations.append({
                "id": i, "school_id": 1, "comment_id": i, "decision_id": i, "route": "headteacher", "priority": "normal",
                "state": "new", "created_at": at + timedelta(seconds=21), "updated_at": at + timedelta(seconds=21)})
            actions.append({
                "id": i, "account_id": 1, "comment_id": i, "decision_id": i, "kind": "hide", "params": {},
                "idempotency_key": f"hide:facebook:fb-c-{i}", "status": "done", "attempts": 1,
                "next_attempt_at": at, "requested_by": "service", "created_at": at + timedelta(seconds=21),
                "updated_at": at + timedelta(seconds=22), "done_at": at + timedelta(seconds=22)})
        with engine.begin() as conn:
            for table, batch in ((Comment, comments), (Decision, decisions), (Escalation, escalations),
                                 (Action, actions)):
                conn.execute(insert(table.__table__), batch)
    engine.dispose()


def measure(url: str, data_dir: Path, fmt: str, output: Path) -> tuple[float, float, str]:
    """(peak RSS in MB of the export's own process, seconds, its closing line)."""
    env = dict(os.environ, MODERATOR_DATABASE_URL=url, MODERATOR_DATA_DIR=str(data_dir), MODERATOR_LOG_LEVEL="ERROR")
    env.pop("MODERATOR_CONFIG", None)
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "moderator.cli", "export", "--format", fmt, "--output", str(output)],
                            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = proc.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"moderator export --format {fmt} failed ({proc.returncode}):\n{stderr}")
    return usage.ru_maxrss / 1024, seconds, stderr.strip().splitlines()[-1]  # ru_maxrss is in KiB on Linux


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--formats", default="csv,jsonl")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="export-memory-") as tmp:
        tmp_path = Path(tmp)
        url = f"sqlite:///{tmp_path / 'register.db'}"
        started = time.perf_counter()
        build(url, args.cases)
        size = (tmp_path / "register.db").stat().st_size / 1e6
        print(f"built {args.cases:,} register cases in {time.perf_counter() - started:.1f} s "
              f"(SQLite file {size:.0f} MB)")
        worst = 0.0
        for fmt in args.formats.split(","):
            out = tmp_path / f"register.{fmt}"
            peak, seconds, line = measure(url, tmp_path / "data", fmt, out)
            worst = max(worst, peak)
            print(f"moderator export --format {fmt:5}: peak RSS {peak:6.1f} MB, {seconds:6.1f} s, "
                  f"output {out.stat().st_size / 1e6:.0f} MB  [{line.split(';')[0]}]")
    verdict = "OK" if worst < LIMIT_MB else "OVER"
    print(f"{verdict}: the largest peak is {worst:.1f} MB (limit {LIMIT_MB} MB)")
    return 0 if worst < LIMIT_MB else 1


if __name__ == "__main__":
    sys.exit(main())
