"""How fast the X path is, against the fake X API v2 on 127.0.0.1 (no network, SQLite, tweepy).

Prints posts ingested per second (own posts + mentions + conversation search, paging, storing),
posts moderated per second (classify, decide, hide through PUT /2/tweets/:id/hidden), the
connector's read rate alone, and the time from a reply appearing to it being hidden by polling.

    python benchmarks/x_speed.py [--replies 2000] [--conversations 30] [--poll-interval 2] [--trials 5]
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from connectors.fakes.x import FakeX  # noqa: E402
from connectors.x import XConnector  # noqa: E402
from moderator import migrate  # noqa: E402
from moderator.db import make_engine  # noqa: E402
from moderator.settings import AccountSettings, SchoolSettings, Settings  # noqa: E402
from moderator.tables import Comment  # noqa: E402
from moderator.worker import Worker, sync_config  # noqa: E402

SCHOOL = "1500000000000000001"
SECRETS = {"BENCH_X_CK": "bench-consumer-key", "BENCH_X_CS": "bench-consumer-secret",
           "BENCH_X_AT": f"{SCHOOL}-bench-access-token", "BENCH_X_ATS": "bench-access-secret"}
CLEAN = "@OakfieldPrimary thank you for the lovely assembly today"
OFFENSIVE = "@OakfieldPrimary you are a fucking idiot"


def start_fake() -> FakeX:
    fake = FakeX()
    fake.add_user(SCHOOL, "OakfieldPrimary", "Oakfield Primary School", access_token=SECRETS["BENCH_X_AT"],
                  consumer_key=SECRETS["BENCH_X_CK"])
    for n in range(100):
        fake.add_user(str(4000 + n), f"parent{n}")
    fake.state.limits = {k: 10**9 for k in fake.state.limits}  # measure speed, not X's limits
    os.environ.update(SECRETS)
    return fake.start()


def options(fake: FakeX) -> dict:
    return {"consumer_key_env": "BENCH_X_CK", "consumer_secret_env": "BENCH_X_CS", "access_token_env": "BENCH_X_AT",
            "access_token_secret_env": "BENCH_X_ATS", "user_id": SCHOOL, "api_base_url": fake.base_url}


def settings_for(fake: FakeX, data: Path, *, poll_interval: float, batch: int) -> Settings:
    school = SchoolSettings(slug="oakfield", name="Oakfield Primary School", accounts=[
        AccountSettings(handle="oakfield-x", platform="x", connector="x", options=options(fake))])
    return Settings(data_dir=data, database_url=f"sqlite:///{data / 'moderator.db'}", schools=[school],
                    poll_interval_seconds=poll_interval, idle_sleep_seconds=0.02, retry_base_seconds=0.05,
                    batch_size=batch)


def publish(fake: FakeX, roots: list[str], n: int, rng: random.Random) -> set[str]:
    """n replies spread over the conversations, some deep in threads; returns the offending ones."""
    threads = {r: [r] for r in roots}
    bad = set()
    for i in range(n):
        root = rng.choice(roots)
        offending = rng.random() < 0.3
        post = fake.add_post(str(4000 + rng.randrange(100)), OFFENSIVE if offending else CLEAN,
                             reply_to=rng.choice(threads[root]))
        threads[root].append(post)
        if offending:
            bad.add(post)
    return bad


def count(engine) -> int:
    from sqlmodel import Session, func, select

    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(Comment)).one()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--replies", type=int, default=2000)
    parser.add_argument("--conversations", type=int, default=30)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--poll-interval", type=float, default=2.0)
    parser.add_argument("--trials", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(7)
    fake = start_fake()

    # The connector alone: pages of 100 from mentions and search, no database.
    roots = [fake.add_post(SCHOOL, f"Newsletter item {n}") for n in range(args.conversations)]
    publish(fake, roots, args.replies, rng)
    conn = XConnector(platform="x", handle="bench", **options(fake))
    started, cursor, read = time.perf_counter(), None, 0
    while True:
        result = conn.fetch(cursor, args.batch)
        read, cursor = read + len(result.comments), result.cursor
        if not result.more:
            break
    elapsed = time.perf_counter() - started
    print(f"connector read: {read} posts in {elapsed:.2f} s = {read / elapsed:,.0f} posts/s "
          f"({len(fake.requests())} requests)")
    conn.close()

    with tempfile.TemporaryDirectory() as tmp:
        fake.state.posts.clear()
        roots = [fake.add_post(SCHOOL, f"Newsletter item {n}") for n in range(args.conversations)]
        bad = publish(fake, roots, args.replies, rng)
        settings = settings_for(fake, Path(tmp), poll_interval=args.poll_interval, batch=args.batch)
        engine = make_engine(settings.effective_database_url)
        migrate.upgrade(engine)
        sync_config(engine, settings)
        worker = Worker(settings, engine)
        worker.classifier  # load it outside the timings

        started = time.perf_counter()
        worker.poll_step(force=True)
        while worker.poll_step():
            pass
        ingest = time.perf_counter() - started
        stored = count(engine)
        print(f"ingest: {stored} posts in {ingest:.2f} s = {stored / ingest:,.0f} posts/s")

        started = time.perf_counter()
        while worker.analyse_step() | worker.execute_step():
            pass
        moderate = time.perf_counter() - started
        hidden = fake.hidden()
        print(f"moderate: {stored} posts in {moderate:.2f} s = {stored / moderate:,.0f} posts/s "
              f"({len(hidden)} hidden; all offending hidden: {hidden == bad})")

        # Latency: a reply appears while the worker runs; how long until it is hidden?
        runner = threading.Thread(target=worker.run_forever, daemon=True)
        runner.start()
        latencies = []
        for _ in range(args.trials):
            time.sleep(rng.uniform(0, args.poll_interval))
            t0 = time.perf_counter()
            post = fake.add_post("4001", OFFENSIVE, reply_to=rng.choice(roots))
            while post not in fake.hidden():
                time.sleep(0.005)
            latencies.append(time.perf_counter() - t0)
        worker.stop_event.set()
        runner.join(timeout=30)
        print(f"reply appearing -> hidden (poll every {args.poll_interval:g} s, {args.trials} trials): "
              f"median {statistics.median(latencies):.2f} s, max {max(latencies):.2f} s")
        engine.dispose()
    fake.stop()


if __name__ == "__main__":
    main()
