"""End-to-end throughput of the worker: a backlog of comments on the replay platform (30 % abusive),
read, judged, decided, hidden and escalated by 1, 2 and 4 worker processes sharing one database.

Prints, for each database and worker count: comments per second end to end, the rate in each
quarter of the backlog (it should not fall as the backlog grows), and the classifier work thrown
away (comments judged by one worker but decided by another first).

    .venv/bin/python benchmarks/pipeline_speed.py                      # 20,000 comments, SQLite
    .venv/bin/python benchmarks/pipeline_speed.py --comments 5000 --workers 1
    .venv/bin/python benchmarks/pipeline_speed.py --postgres postgresql+psycopg://u:p@127.0.0.1/bench

The PostgreSQL database given is emptied first: give the benchmark one of its own.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

ABUSIVE = [
    "Shut up you stupid fucking moron", "You are all useless idiots and a disgrace", "What a pathetic bunch of losers",
    "This school is run by clueless clowns, absolute morons", "Go to hell you lazy pigs",
    "I'll be waiting at the gates for you, watch your back",
]
KIND = [
    "Thank you so much for the lovely nativity, the children were wonderful", "Great trip to the farm today!",
    "Well done everyone at sports day", "Can't wait for the Christmas fair", "What time does the disco start on Friday?",
    "Lovely to see the children so happy", "Thanks to the PTA for organising the cake sale",
]


def write_feed(path: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            abusive = rng.random() < 0.3
            text = rng.choice(ABUSIVE if abusive else KIND) + f" ({i})"
            fh.write(json.dumps({
                "platform": "facebook", "id": f"c{i}", "post_id": f"p{i % 50}",
                "author": {"id": f"u{rng.randrange(n // 3 + 1)}", "name": f"Parent {i}"}, "text": text,
                "created_at": f"2026-11-{1 + i * 20 // n:02d}T{(i // 60) % 24:02d}:{i % 60:02d}:00Z",
            }) + "\n")


def settings_for(database_url: str, feed: Path, data_dir: Path):  # noqa: ANN201
    from moderator.settings import AccountSettings, SchoolSettings, Settings

    return Settings(
        data_dir=data_dir, database_url=database_url, batch_size=64, poll_interval_seconds=0.05,
        idle_sleep_seconds=0.05, log_level="WARNING",
        schools=[SchoolSettings(slug="bench", name="Bench Primary", headteacher=["Mrs Patel"], staff=["Mr Okafor"],
                                accounts=[AccountSettings(handle="bench-facebook", platform="facebook", connector="replay",
                                                          options={"feed": str(feed), "state": str(data_dir / "state.json")})])],
    )


def worker_process(database_url: str, feed: str, data_dir: str, total: int, out: mp.Queue) -> None:
    import logging

    logging.disable(logging.WARNING)
    from moderator.db import make_engine
    from moderator.worker import Worker

    engine = make_engine(database_url)
    worker = Worker(settings_for(database_url, Path(feed), Path(data_dir)), engine)
    worker.classifier  # load before the clock matters to the others
    out.put(("ready", os.getpid()))
    while not worker.stop_event.is_set():
        busy = worker.step()
        if not busy and _finished(engine, total):
            break
        if not busy:
            time.sleep(0.02)
    out.put(("lost", worker.lost_comments))
    worker.close()


def _finished(engine, total: int) -> bool:  # noqa: ANN001
    from sqlmodel import Session, col, func, select

    from moderator.tables import Action, Comment

    with Session(engine) as session:
        decided = session.exec(select(func.count()).select_from(Comment).where(Comment.state == "decided")).one()
        waiting = session.exec(select(func.count()).select_from(Action)
                               .where(col(Action.status).in_(("pending", "running")))).one()
    return decided >= total and waiting == 0


def decided_count(engine) -> int:  # noqa: ANN001
    from sqlmodel import Session, func, select

    from moderator.tables import Comment

    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(Comment).where(Comment.state == "decided")).one()


def reset_postgres(url: str) -> None:
    from sqlalchemy import text

    from moderator.db import make_engine

    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


def run(database: str, workers: int, comments: int) -> dict:
    from moderator import migrate
    from moderator.act.accounts import sync_config
    from moderator.db import make_engine

    with tempfile.TemporaryDirectory(prefix="pipeline-speed-") as tmp:
        tmp_path = Path(tmp)
        feed = tmp_path / "feed.jsonl"
        write_feed(feed, comments)
        if database == "sqlite":
            url = f"sqlite:///{tmp_path / 'bench.db'}"
        else:
            reset_postgres(database)
            url = database
        engine = make_engine(url)
        migrate.upgrade(engine)
        sync_config(engine, settings_for(url, feed, tmp_path))
        ctx = mp.get_context("spawn")
        queue: mp.Queue = ctx.Queue()
        procs = [ctx.Process(target=worker_process, args=(url, str(feed), str(tmp_path), comments, queue))
                 for _ in range(workers)]
        for p in procs:
            p.start()
        for _ in procs:  # everyone has loaded the model before the clock starts
            kind, _pid = queue.get(timeout=300)
        started = time.monotonic()
        marks = [(0.0, 0)]
        while any(p.is_alive() for p in procs):
            time.sleep(1.0)
            marks.append((time.monotonic() - started, decided_count(engine)))
        elapsed = time.monotonic() - started
        lost = sum(queue.get()[1] for _ in procs)
        done = decided_count(engine)
        engine.dispose()
    quarters = []
    for q in range(1, 5):
        lo, hi = comments * (q - 1) / 4, comments * q / 4
        t_lo = next(t for t, n in marks if n >= lo)
        t_hi = next((t for t, n in marks if n >= hi), elapsed)
        quarters.append(round((hi - lo) / max(t_hi - t_lo, 1e-6), 1))
    return {"database": "sqlite" if database == "sqlite" else "postgresql", "workers": workers, "comments": done,
            "seconds": round(elapsed, 1), "comments_per_second": round(done / elapsed, 1),
            "per_quarter": quarters, "thrown_away": lost, "thrown_away_pct": round(100 * lost / max(done, 1), 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--comments", type=int, default=20_000)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--postgres", help="also run on this PostgreSQL database (emptied first)")
    parser.add_argument("--skip-sqlite", action="store_true")
    args = parser.parse_args()
    databases = ([] if args.skip_sqlite else ["sqlite"]) + ([args.postgres] if args.postgres else [])
    print(f"{os.cpu_count()} CPUs; {args.comments} comments, 30 % abusive; embedded model")
    for database in databases:
        for n in [int(w) for w in args.workers.split(",")]:
            result = run(database, n, args.comments)
            print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
