"""How many platform requests, and how many billed reads, the real connectors make against the fake
servers (no network): for Facebook and for X, per idle poll and per new reply.

X bills each post (and each user) returned, once per UTC day and per kind of read (an Owned Read
through mentions or the school's timeline, a Post read through search or lookup); "posts read" counts
posts returned by every request, "posts billed" the distinct (kind, post) pairs among them. Graph bills nothing but counts
requests against the Page's rate limit, so for Facebook only requests (and comments returned) count.

    python benchmarks/platform_requests.py [--posts 250] [--conversations 15] [--replies 40] [--idle 5]

Run it from an older checkout (same command, that checkout's connectors) to compare before/after.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path.cwd()))  # the checkout it is run from: its connectors are the ones measured

from connectors.facebook import FacebookConnector  # noqa: E402
from connectors.fakes.graph import FakeGraph  # noqa: E402
from connectors.fakes.x import FakeX  # noqa: E402
from connectors.x import XConnector  # noqa: E402

SCHOOL = "1500000000000000001"
X_SECRETS = {"BENCH_X_CK": "bench-consumer-key", "BENCH_X_CS": "bench-consumer-secret",
             "BENCH_X_AT": f"{SCHOOL}-bench-access-token", "BENCH_X_ATS": "bench-access-secret"}


def drain(conn, cursor, limit=100):
    comments = []
    while True:
        result = conn.fetch(cursor, limit)
        comments += result.comments
        cursor = result.cursor
        if not result.more:
            return comments, cursor


# -- X ----------------------------------------------------------------------------------------------

class CountingX(FakeX):
    """The fake X API, counting posts returned (reads) and distinct posts (billed once a day)."""

    def __init__(self):
        super().__init__()
        self.reads = 0
        self.billed: set[tuple[str, str]] = set()

    def handle(self, method, path, query, headers, body):
        status, rl, out = super().handle(method, path, query, headers, body)
        if status == 200 and "/users/me" not in path:
            try:
                data = json.loads(out).get("data")
            except ValueError:
                data = None
            if isinstance(data, list):
                ids = [p["id"] for p in data if isinstance(p, dict) and "id" in p]
                kind = "owned" if "/mentions" in path or path.endswith("/tweets") and "/users/" in path else "post"
                self.reads += len(ids)
                self.billed.update((kind, i) for i in ids)
        return status, rl, out


def measure_x(conversations: int, replies: int, idle: int, rng: random.Random) -> dict:
    fake = CountingX()
    fake.add_user(SCHOOL, "OakfieldPrimary", "Oakfield Primary School", access_token=X_SECRETS["BENCH_X_AT"],
                  consumer_key=X_SECRETS["BENCH_X_CK"])
    people = [str(4000 + n) for n in range(40)]
    for person in people:
        fake.add_user(person, f"parent{person}")
    fake.state.limits = {k: 10**9 for k in fake.state.limits}
    os.environ.update(X_SECRETS)
    fake.start()
    conn = XConnector(platform="x", handle="bench", consumer_key_env="BENCH_X_CK", consumer_secret_env="BENCH_X_CS",
                      access_token_env="BENCH_X_AT", access_token_secret_env="BENCH_X_ATS", user_id=SCHOOL,
                      api_base_url=fake.base_url)
    threads: dict[str, list[str]] = {}

    def reply(n: int) -> None:
        root = rng.choice(list(threads))
        parent = rng.choice(threads[root])
        # Half the replies mention the school (X puts the handle of the post replied to first).
        text = "@OakfieldPrimary thank you" if parent == root or n % 2 else "@someone I agree"
        threads[root].append(fake.add_post(rng.choice(people), text, reply_to=parent))

    # The school posted over the week: most conversations known at the first poll, the rest one a poll.
    for n in range(conversations - 5):
        root = fake.add_post(SCHOOL, f"Newsletter {n}")
        threads[root] = [root]
    for n in range(replies):
        reply(n)
    _, cursor = drain(conn, None)
    for n in range(5):
        root = fake.add_post(SCHOOL, f"New notice {n}")
        threads[root] = [root]
        reply(n)
        _, cursor = drain(conn, cursor)

    def window(action):
        r0, reads0, billed0 = len(fake.requests()), fake.reads, len(fake.billed)
        action()
        return len(fake.requests()) - r0, fake.reads - reads0, len(fake.billed) - billed0

    cursor_box = [cursor]

    def poll():
        cursor_box[0] = drain(conn, cursor_box[0])[1]

    idle_requests, idle_reads, _ = window(lambda: [poll() for _ in range(idle)])

    def new_replies():
        for n in range(replies):
            reply(n)
        poll()

    new_requests, new_reads, new_billed = window(new_replies)
    fake.stop()
    conn.close()
    return {"idle_requests": idle_requests / idle, "idle_reads": idle_reads / idle,
            "reply_requests": new_requests / replies, "reply_reads": new_reads / replies,
            "reply_billed": new_billed / replies}


# -- Facebook ---------------------------------------------------------------------------------------

def measure_facebook(posts: int, idle: int, rng: random.Random) -> dict:
    import time

    graph = FakeGraph().start()
    os.environ["BENCH_FB_TOKEN"] = graph.token
    start = time.time() - posts * 3600 - 86400
    post_ids = []
    for p in range(posts):
        post_id = graph.add_post(f"News {p}", created_time=start + p * 3600)
        post_ids.append(post_id)
        for i in range(3):
            graph.add_comment(post_id, f"Comment {i}", author=(f"61000000{p:05d}{i}", "Parent"),
                              created_time=start + p * 3600 + 60 * (i + 1))
    conn = FacebookConnector(platform="facebook", handle="bench", page_id=graph.page_id,
                             access_token_env="BENCH_FB_TOKEN", graph_base_url=graph.base_url, recheck_seconds=0)
    r0 = len(graph.requests)
    first, cursor = drain(conn, None, 1000)
    first_run = len(graph.requests) - r0
    r0 = len(graph.requests)
    for _ in range(idle):
        cursor = drain(conn, cursor, 1000)[1]
    idle_requests = (len(graph.requests) - r0) / idle
    r0 = len(graph.requests)
    new = 10
    for n in range(new):  # replies on ten different older posts
        graph.add_comment(rng.choice(post_ids[: posts // 2]), f"Late reply {n}", author=("6100000009999", "Late"))
    got, cursor = drain(conn, cursor, 1000)
    reply_requests = (len(graph.requests) - r0) / new
    graph.stop()
    conn.close()
    return {"first_run_requests": first_run, "first_run_comments": len(first), "idle_requests": idle_requests,
            "reply_requests": reply_requests, "replies_read": len(got)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=250, help="Facebook: older posts on the Page (3 comments each)")
    parser.add_argument("--conversations", type=int, default=15, help="X: the school's posts of the week")
    parser.add_argument("--replies", type=int, default=40, help="X: replies published before and between polls")
    parser.add_argument("--idle", type=int, default=5, help="idle polls measured")
    args = parser.parse_args()
    import logging

    logging.disable(logging.WARNING)
    fb = measure_facebook(args.posts, args.idle, random.Random(1))
    print(f"facebook ({args.posts} posts, 3 comments each): first run {fb['first_run_requests']} requests for "
          f"{fb['first_run_comments']} comments; idle poll {fb['idle_requests']:.2f} requests; "
          f"new reply on an older post {fb['reply_requests']:.2f} requests each ({fb['replies_read']} read)")
    x = measure_x(args.conversations, args.replies, args.idle, random.Random(2))
    print(f"x ({args.conversations} conversations): idle poll {x['idle_requests']:.2f} requests, "
          f"{x['idle_reads']:.2f} posts read; new reply {x['reply_requests']:.3f} requests, "
          f"{x['reply_reads']:.2f} posts read, {x['reply_billed']:.2f} posts billed")


if __name__ == "__main__":
    main()
