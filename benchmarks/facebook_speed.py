"""How fast the Facebook path is, against the fake Graph API on 127.0.0.1 (no network, SQLite).

Prints comments ingested per second (polling: feed + comment pages + storing), comments moderated
per second (classify, decide, hide through the Graph API), and the time from a comment appearing
on the Page to it being hidden, by polling and by webhook.

    python benchmarks/facebook_speed.py [--posts 50] [--comments 40] [--poll-interval 2] [--trials 5]
"""
from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from connectors.fakes.graph import FakeGraph  # noqa: E402
from moderator import migrate  # noqa: E402
from moderator.db import make_engine  # noqa: E402
from moderator.read.webhook import PATH, create_app  # noqa: E402
from moderator.settings import AccountSettings, SchoolSettings, Settings  # noqa: E402
from moderator.tables import Comment  # noqa: E402
from moderator.worker import Worker, sync_config  # noqa: E402

CLEAN = "Thanks for the update about the trip, number {i}"
OFFENSIVE = "You are all fucking useless idiots {i}"


def settings_for(graph: FakeGraph, data: Path, *, poll_interval: float, batch: int) -> Settings:
    options = {"page_id": graph.page_id, "access_token_env": "BENCH_FB_TOKEN", "app_secret_env": "BENCH_FB_SECRET",
               "graph_base_url": graph.base_url, "recheck_seconds": 5}
    school = SchoolSettings(slug="oakfield", name="Oakfield Primary School", accounts=[
        AccountSettings(handle="oakfield-page", platform="facebook", connector="facebook", options=options)])
    return Settings(data_dir=data, database_url=f"sqlite:///{data / 'bench.db'}", schools=[school],
                    poll_interval_seconds=poll_interval, idle_sleep_seconds=0.02, batch_size=batch,
                    retry_base_seconds=0.05)


def new_worker(settings: Settings) -> Worker:
    engine = make_engine(settings.effective_database_url)
    migrate.upgrade(engine)
    sync_config(engine, settings)
    return Worker(settings, engine)


def throughput(graph: FakeGraph, data: Path, posts: int, per_post: int, batch: int) -> None:
    rng = random.Random(7)
    start = time.time() - 30 * 86400
    offenders = 0
    for p in range(posts):
        post_id = graph.add_post(f"Newsletter {p}", created_time=start + p * 3600)
        for i in range(per_post):
            bad = rng.randrange(5) == 0
            offenders += bad
            graph.add_comment(post_id, (OFFENSIVE if bad else CLEAN).format(i=i), created_time=start + p * 3600 + i,
                              author=(f"61000000{i % 50:05d}", f"Parent {i % 50}"))
    worker = new_worker(settings_for(graph, data, poll_interval=3600, batch=batch))
    worker.classifier.score(["warm up"])
    total = posts * per_post
    t0 = time.perf_counter()
    requests_before = len(graph.requests)
    while worker.poll_step(force=True):
        pass
    t1 = time.perf_counter()
    ingest_requests = len(graph.requests) - requests_before
    while worker.analyse_step() or worker.execute_step():
        pass
    t2 = time.perf_counter()
    from sqlmodel import Session, func, select

    with Session(worker.engine) as session:
        stored = session.exec(select(func.count()).select_from(Comment)).one()
    print(f"page: {posts} posts x {per_post} comments = {total} comments, {offenders} offensive; batch {batch}")
    print(f"  ingested {stored} in {t1 - t0:.2f} s = {stored / (t1 - t0):,.0f} comments/s "
          f"({ingest_requests} Graph requests)")
    print(f"  moderated {stored} (classified, decided, {len(graph.hidden())} hidden) in {t2 - t1:.2f} s = "
          f"{stored / (t2 - t1):,.0f} comments/s ({len(graph.requests) - requests_before - ingest_requests} Graph "
          "requests)")
    print(f"  end to end {stored / (t2 - t0):,.0f} comments/s")
    worker.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def latency(graph: FakeGraph, data: Path, *, poll_interval: float, trials: int, webhook: bool) -> list[float]:
    settings = settings_for(graph, data, poll_interval=3600 if webhook else poll_interval, batch=50)
    worker = new_worker(settings)
    worker.classifier.score(["warm up"])
    threads = [threading.Thread(target=worker.run_forever, daemon=True)]
    server = None
    if webhook:
        port = _free_port()
        import uvicorn

        server = uvicorn.Server(uvicorn.Config(create_app(settings, worker.engine), host="127.0.0.1", port=port,
                                               log_config=None, access_log=False))
        threads.append(threading.Thread(target=server.run, daemon=True))
    for t in threads:
        t.start()
    if server:
        while not server.started:
            time.sleep(0.01)
    time.sleep(0.5)
    post_id = graph.add_post("Latency")
    times = []
    for i in range(trials):
        time.sleep(random.uniform(0, poll_interval) if not webhook else 0.1)  # land anywhere in the poll cycle
        cid = graph.add_comment(post_id, OFFENSIVE.format(i=f"lat{i}"), author=("6100000000099999", "Mallory"))
        started = time.perf_counter()
        if webhook:
            graph.deliver_webhook(f"http://127.0.0.1:{port}{PATH}", cid)
        while cid not in graph.hidden() and time.perf_counter() - started < 60:
            time.sleep(0.002)
        times.append(time.perf_counter() - started)
    worker.stop_event.set()
    if server:
        server.should_exit = True
    for t in threads:
        t.join(10)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=50)
    parser.add_argument("--comments", type=int, default=40)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--poll-interval", type=float, default=2.0)
    parser.add_argument("--trials", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    with tempfile.TemporaryDirectory() as tmp:
        for name, run in (("throughput", None), ("polling", False), ("webhook", True)):
            graph = FakeGraph(app_secret="bench-app-secret").start()
            os.environ["BENCH_FB_TOKEN"], os.environ["BENCH_FB_SECRET"] = graph.token, "bench-app-secret"
            data = Path(tmp) / name
            if run is None:
                throughput(graph, data, args.posts, args.comments, args.batch)
            else:
                times = latency(graph, data, poll_interval=args.poll_interval, trials=args.trials, webhook=run)
                label = f"polling every {args.poll_interval:g} s" if not run else "webhook"
                print(f"appear -> hidden, {label}: median {statistics.median(times):.3f} s, "
                      f"max {max(times):.3f} s over {len(times)} comments")
            graph.stop()


if __name__ == "__main__":
    main()
