"""The review console under many reviewers at once: latency, throughput and the server's memory.

Seeds a database (SQLite in a temporary folder, or ``--database-url`` for PostgreSQL, whose public
schema it empties first) with one school, a queue of flagged comments long enough for a second page,
and reviewer accounts (headteachers, designated safeguarding leads and office staff, each with a
TOTP secret). Then it starts the real ``moderator serve`` (uvicorn, a child process on a free port)
and lets the reviewers sign in one after another (password, then a TOTP code) while those already
signed in work. Each loops over the queue, its second page, one item from it and Records until
``--seconds`` have passed since the last sign-in.

Prints requests per second, median / p95 / p99 latency and errors for the measured window, the
sign-ins' own latency, and the serve process's resident memory (VmRSS from /proc) at start, after
each sign-in and every ``--sample-every`` seconds. Memory that keeps climbing through the window is
a leak; steps at sign-ins that never come back down are something kept per session.

    .venv/bin/python benchmarks/console_load.py [--seconds 120] [--reviewers 20] [--items 300]
        [--database-url postgresql://moderator:moderator@localhost/moderator_test]
"""
from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path

import httpx
import pyotp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402
from sqlmodel import select  # noqa: E402

from moderator import migrate  # noqa: E402
from moderator.act.accounts import sync_config  # noqa: E402
from moderator.db import make_engine, transaction, utcnow  # noqa: E402
from moderator.people.users import add_user  # noqa: E402
from moderator.settings import load_settings  # noqa: E402
from moderator.tables import Account, Author, Comment, Decision, Escalation  # noqa: E402

PASSWORD = "load test password, not a real one"
SECRET_KEY = "console-load-benchmark-" + "k" * 24
ROLES = ("headteacher", "dsl", "moderator")  # every reviewer can act, so every one needs a TOTP code
TEXTS = ("Parking on the zigzags again outside the gates, someone will get hurt",
         "The head is useless and should be sacked, nobody listens to parents",
         "Why was my son left out of the team photo again? Disgraceful",
         "Year 6 trip letter came home two days before the deadline, not good enough",
         "That teacher is a joke, I'll be having words at pick up")
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
SERVE = "import sys; from moderator.cli import main; sys.exit(main(sys.argv[1:]))"  # `moderator serve`, this venv
ITEM = re.compile(r'href="(/items/\d+)[?"]')


# -- the database ---------------------------------------------------------------------------------

def write_config(folder: Path, database_url: str, port: int) -> Path:
    feed = folder / "feed.jsonl"
    feed.write_text("")
    config = folder / "moderator.toml"
    config.write_text(f"""
data_dir = "{folder / 'data'}"
database_url = "{database_url}"
console_port = {port}
log_level = "WARNING"

[[schools]]
slug = "oakfield"
name = "Oakfield Primary School"
headteacher = ["Mrs Patel"]

[[schools.accounts]]
handle = "oakfield-facebook"
platform = "facebook"
connector = "replay"
[schools.accounts.options]
feed = "{feed}"
state = "{folder / 'feed-state.json'}"
""")
    return config


def empty_postgres(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def seed(config: Path, items: int, reviewers: int) -> dict[str, str]:
    """The school, ``items`` open escalations over three routes, and the reviewers; returns each
    reviewer's TOTP secret."""
    settings = load_settings(config)
    engine = make_engine(settings.effective_database_url)
    migrate.upgrade(engine)
    sync_config(engine, settings)
    rng = random.Random(22)
    start = utcnow() - timedelta(days=3)
    with transaction(engine) as session:
        account = session.exec(select(Account)).first()
        authors = []
        for i in range(60):
            author = Author(platform=account.platform, external_id=f"u-{i}", name=f"Parent {i}", username=f"parent{i}")
            session.add(author)
            authors.append(author)
        session.flush()
        for i in range(items):
            at = start + timedelta(minutes=7 * i)
            body = f"{rng.choice(TEXTS)} ({i})"
            comment = Comment(school_id=account.school_id, account_id=account.id, platform=account.platform,
                              external_id=f"load-{i}", post_external_id=f"post-{i % 12}",
                              author_id=rng.choice(authors).id, text=body,
                              text_sha256=hashlib.sha256(body.encode()).hexdigest(), text_bytes=len(body),
                              created_at=at, fetched_at=at, state="decided",
                              permalink=f"https://www.facebook.com/oakfield/posts/{i % 12}?comment_id=load-{i}")
            session.add(comment)
            session.flush()
            routes = ["headteacher"] if i % 5 else ["dsl", "police_review"]
            priority = "urgent" if i % 11 == 0 else "normal"
            decision = Decision(comment_id=comment.id, kind="automatic", action="hide", rules=["insult"],
                                signals=["insult"], routes=routes, priority=priority, auto_key=f"{comment.id}:0",
                                scores={"toxicity": 0.91}, thresholds={"toxicity": 0.8},
                                explanation=[{"rule": "insult", "signal": "Abusive or insulting language",
                                              "clauses": [], "text": "Hidden because it is insulting."}],
                                created_at=at)
            session.add(decision)
            session.flush()
            for route in routes:
                session.add(Escalation(school_id=account.school_id, comment_id=comment.id, decision_id=decision.id,
                                       route=route, priority=priority, reason="Abusive or insulting language",
                                       created_at=at, updated_at=at))
        secrets = {}
        for n in range(reviewers):
            username = f"reviewer{n:02d}"
            enrolment = add_user(session, username=username, role=ROLES[n % len(ROLES)],
                                 display_name=f"Reviewer {n}", password=PASSWORD, school_id=account.school_id,
                                 actor="benchmark")
            secrets[username] = enrolment.totp_secret
    engine.dispose()
    return secrets


# -- the server -----------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> tuple[float, int]:
    """The process's resident memory in MB and its number of threads."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["Threads"])


def start_server(config: Path, port: int, extra: list[str], log: Path) -> subprocess.Popen:
    env = dict(os.environ, MODERATOR_SECRET_KEY=SECRET_KEY, HF_HUB_OFFLINE="1")
    with log.open("wb") as out:  # the child keeps its own copy of the descriptor
        server = subprocess.Popen([sys.executable, "-c", SERVE, "--config", str(config), "serve",
                                   "--host", "127.0.0.1", "--port", str(port), *extra], cwd=ROOT, env=env,
                                  stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"moderator serve exited with {server.returncode}:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("moderator serve did not answer /healthz within 60 s")


# -- the reviewers --------------------------------------------------------------------------------

class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.measuring = False

    def add(self, seconds: float, error: str | None) -> None:
        with self.lock:
            if not self.measuring:
                return
            self.latencies.append(seconds)
            if error:
                self.errors.append(error)


def csrf(page: httpx.Response) -> str:
    match = CSRF.search(page.text)
    if not match:
        raise RuntimeError(f"no CSRF token in {page.request.url} ({page.status_code})")
    return match.group(1)


def sign_in(client: httpx.Client, username: str, secret: str) -> None:
    r = client.post("/login", data={"username": username, "password": PASSWORD, "csrf_token": csrf(client.get("/login"))})
    if r.status_code != 303 or not r.headers["location"].startswith("/login/code"):
        raise RuntimeError(f"{username}: password step answered {r.status_code}")
    page = client.get(r.headers["location"])
    r = client.post("/login/code", data={"code": pyotp.TOTP(secret).now(), "csrf_token": csrf(page)})
    if r.status_code != 303:
        raise RuntimeError(f"{username}: code step answered {r.status_code}")


def review(client: httpx.Client, results: Results, stop: threading.Event, rng: random.Random) -> None:
    items: list[str] = []

    def get(path: str) -> httpx.Response | None:
        began = time.perf_counter()
        try:
            r = client.get(path)
            error = None if r.status_code == 200 else f"{path}: {r.status_code}"
        except httpx.HTTPError as exc:
            r, error = None, f"{path}: {type(exc).__name__}"
        results.add(time.perf_counter() - began, error)
        return r

    while not stop.is_set():
        first = get("/queue")
        if first is not None and first.status_code == 200:
            items = ITEM.findall(first.text) or items
        get("/queue?page=2")
        if items:
            get(rng.choice(items))
        get("/records")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120, help="measured window after the last sign-in")
    parser.add_argument("--reviewers", type=int, default=20)
    parser.add_argument("--items", type=int, default=300, help="open items in the queue (30 to a page)")
    parser.add_argument("--database-url", help="PostgreSQL URL (its public schema is emptied); default SQLite")
    parser.add_argument("--sample-every", type=float, default=10, help="seconds between memory samples")
    parser.add_argument("--serve-arg", action="append", default=[], help="extra argument for moderator serve")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="console-load-") as tmp:
        folder = Path(tmp)
        url = args.database_url or f"sqlite:///{folder / 'moderator.db'}"
        if url.startswith("postgresql"):
            empty_postgres(url)
        port = free_port()
        config = write_config(folder, url, port)
        began = time.perf_counter()
        secrets = seed(config, args.items, args.reviewers)
        print(f"seeded {args.items} items and {args.reviewers} reviewers in {time.perf_counter() - began:.1f} s "
              f"({'PostgreSQL' if url.startswith('postgresql') else 'SQLite'}), {os.cpu_count()} CPUs")
        log = folder / "serve.log"
        server = start_server(config, port, args.serve_arg, log)
        results, stop = Results(), threading.Event()
        memory: list[tuple[str, float]] = [("start", rss_mb(server.pid))]
        threads, clients, sign_ins = [], [], []
        try:
            for n, (username, secret) in enumerate(secrets.items()):
                client = httpx.Client(base_url=f"http://127.0.0.1:{port}", follow_redirects=False, timeout=60)
                clients.append(client)
                t0 = time.perf_counter()
                sign_in(client, username, secret)
                sign_ins.append(time.perf_counter() - t0)
                memory.append((f"sign-in {n + 1}", rss_mb(server.pid)))
                thread = threading.Thread(target=review, args=(client, results, stop, random.Random(n)), daemon=True)
                thread.start()
                threads.append(thread)
            with results.lock:
                results.measuring = True
            window = time.perf_counter()
            next_sample = window + args.sample_every
            while (now := time.perf_counter()) < window + args.seconds:
                time.sleep(max(0.0, min(next_sample, window + args.seconds) - now))
                if time.perf_counter() >= next_sample:
                    memory.append((f"{time.perf_counter() - window:.0f} s", rss_mb(server.pid)))
                    next_sample += args.sample_every
            with results.lock:
                results.measuring = False
                elapsed = time.perf_counter() - window
            memory.append(("end", rss_mb(server.pid)))
        finally:
            stop.set()
            for thread in threads:
                thread.join(timeout=60)
            for client in clients:
                client.close()
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
            failures = log.read_text(errors="replace").count("console request failed")

    lat = results.latencies
    print(f"\n{args.reviewers} reviewers, {elapsed:.0f} s measured after the last sign-in")
    print(f"sign-ins: median {statistics.median(sign_ins) * 1000:.0f} ms, slowest {max(sign_ins) * 1000:.0f} ms")
    if lat:
        print(f"requests: {len(lat)}, {len(lat) / elapsed:.1f}/s; errors: {len(results.errors)}")
        print(f"latency: median {statistics.median(lat) * 1000:.0f} ms, p95 {percentile(lat, 95) * 1000:.0f} ms, "
              f"p99 {percentile(lat, 99) * 1000:.0f} ms, max {max(lat) * 1000:.0f} ms")
    for error in sorted(set(results.errors))[:10]:
        print(f"  error: {error} (x{results.errors.count(error)})")
    print(f"requests the server logged as failed: {failures}")
    print("serve RSS in MB (threads): " + ", ".join(f"{label} {mb:.0f} ({n})" for label, (mb, n) in memory))
    return 1 if results.errors else 0


if __name__ == "__main__":
    sys.exit(main())
