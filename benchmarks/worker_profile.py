"""Where a worker's CPU goes, per comment: one worker, in this process, reads a backlog of comments
from the replay platform (30 % abusive, made by pipeline_speed.py) and judges, decides, hides and
escalates them all. Each stage's home function is wrapped in a CPU clock (``time.process_time``,
every thread of the process); a stage's time is its own, without the stages it calls, so the rows
add up to the worker's CPU. Stages and their homes:

    ingest        connectors/replay.ReplayConnector.fetch, moderator/read/ingest.ingest_batch
    language      models/language.detect
    normalise     models/normalise.normalise
    detectors     moderator/detectors.detect
    model         the classifier's score (models/*)
    decision      pipeline.outcome_for and _prior_incidents (moderator/policy), explain.record
    escalations   moderator/act/escalations.open, open_many, record_opened
    audit         moderator/audit.record, write_buffered (a batch's events, written in one statement)
    outbox        moderator/act/outbox.enqueue, enqueue_many, record_queued, claim, jobs, execute (the platform hide included)
    notify        the worker's notify step (e-mails)
    DB            SQLAlchemy sessions and connections: execute, exec, get, flush (SQL and the ORM)
    commits       Session.commit
    other         the rest: the worker loop, claiming comments, account leases and bookkeeping

The model's own cost is then measured alone: the same texts, normalised, scored in batches the
worker's size. ONNX Runtime's threads spin while they wait, so on a busy machine the model's CPU
grows with the load; ``--threads 1`` measures without that. Worker CPU over the model's own is the ratio issue 22 asks to bring to 1.5.

    .venv/bin/python benchmarks/worker_profile.py                        # 500 comments, SQLite
    .venv/bin/python benchmarks/worker_profile.py --comments 2000 --json profile.json
    .venv/bin/python benchmarks/worker_profile.py --postgres postgresql+psycopg://u:p@127.0.0.1/bench

PostgreSQL: ``--postgres URL``, or MODERATOR_DATABASE_URL when it names a PostgreSQL database. The
benchmark works in a schema of its own, created there and dropped at the end; nothing else is touched.
"""
from __future__ import annotations

import argparse
import functools
import json
import logging
import os
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pipeline_speed import ROOT, _finished, decided_count, settings_for, write_feed  # noqa: E402

sys.path.insert(0, str(ROOT))

STAGES = ("ingest", "language", "normalise", "detectors", "model", "decision", "escalations", "audit", "outbox",
          "notify", "DB", "commits", "other")


class StageClock:
    """CPU time of each stage, exclusive: while a stage runs inside another, only the inner one counts."""

    def __init__(self) -> None:
        self.own: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self._stack: list[list] = []

    def wrap(self, stage: str, fn):  # noqa: ANN001, ANN201
        @functools.wraps(fn)
        def timed(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            now = time.process_time()
            self.calls[stage] += 1
            if self._stack:
                parent = self._stack[-1]
                self.own[parent[0]] += now - parent[1]
            self._stack.append([stage, now])
            try:
                return fn(*args, **kwargs)
            finally:
                end = time.process_time()
                name, since = self._stack.pop()
                self.own[name] += end - since
                if self._stack:
                    self._stack[-1][1] = end
        return timed

    def patch(self, stage: str, owner, name: str) -> None:  # noqa: ANN001
        setattr(owner, name, self.wrap(stage, getattr(owner, name)))


def instrument(clock: StageClock, worker) -> None:  # noqa: ANN001
    import sqlalchemy.engine
    import sqlalchemy.orm
    import sqlmodel

    from connectors import replay
    from moderator import audit
    from moderator.act import escalations, outbox, pipeline
    from moderator.judge import explain
    from moderator.read import ingest

    clock.patch("ingest", replay.ReplayConnector, "fetch")
    clock.patch("ingest", ingest, "ingest_batch")
    clock.patch("language", pipeline, "detect_language")
    clock.patch("normalise", pipeline, "normalise")
    clock.patch("detectors", pipeline, "detect")
    clock.patch("model", worker.classifier, "score")
    for name in ("outcome_for", "_prior_incidents"):
        clock.patch("decision", pipeline, name)
    clock.patch("decision", explain, "record")
    for name in ("open", "open_many", "record_opened"):
        clock.patch("escalations", escalations, name)
    for name in ("record", "write_buffered"):
        clock.patch("audit", audit, name)
    for name in ("enqueue", "enqueue_many", "record_queued", "claim", "jobs", "execute"):
        clock.patch("outbox", outbox, name)
    clock.patch("notify", worker, "notify_step")
    for name in ("execute", "get", "flush", "scalars", "scalar", "close", "rollback"):
        clock.patch("DB", sqlalchemy.orm.Session, name)
    clock.patch("DB", sqlmodel.Session, "exec")
    clock.patch("DB", sqlalchemy.engine.Connection, "execute")
    clock.patch("commits", sqlalchemy.orm.Session, "commit")


def model_alone(classifier, texts: list[str], batch: int) -> float:  # noqa: ANN001
    """CPU seconds the classifier takes to score these texts (normalised) by itself."""
    from models.normalise import normalise

    normalised = [normalise(t) for t in texts]
    classifier.score(normalised[:batch])  # warm
    started = time.process_time()
    for i in range(0, len(normalised), batch):
        classifier.score(normalised[i:i + batch])
    return time.process_time() - started


def _engine(url: str):  # noqa: ANN202
    """An engine on ``url``; on PostgreSQL, in a fresh schema of its own (name returned, else None)."""
    from sqlalchemy import event, text

    from moderator.db import make_engine

    engine = make_engine(url)
    if engine.dialect.name != "postgresql":
        return engine, None
    schema = f"worker_profile_{uuid.uuid4().hex[:8]}"
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))

    @event.listens_for(engine, "connect")
    def _search_path(dbapi_conn, _record):  # noqa: ANN001
        cur = dbapi_conn.cursor()
        cur.execute(f'SET search_path TO "{schema}"')
        cur.close()
        dbapi_conn.commit()

    engine.dispose()  # the connection made above has the old search path
    return engine, schema


def profile(url: str | None, comments: int, threads: int | None = None) -> dict:
    from sqlalchemy import text

    from moderator import migrate
    from moderator.act.accounts import sync_config
    from moderator.worker import Worker

    logging.disable(logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="worker-profile-") as tmp:
        tmp_path = Path(tmp)
        feed = tmp_path / "feed.jsonl"
        write_feed(feed, comments)
        url = url or f"sqlite:///{tmp_path / 'bench.db'}"
        engine, schema = _engine(url)
        try:
            migrate.upgrade(engine)
            settings = settings_for(url, feed, tmp_path)
            if threads is not None:
                settings.classifier_options = {"threads": threads}
            sync_config(engine, settings)
            worker = Worker(settings, engine)
            classifier = worker.classifier  # loaded before the clock starts
            clock = StageClock()
            instrument(clock, worker)
            total = 0.0
            started = time.monotonic()
            while True:  # as pipeline_speed.worker_process, but only the steps are timed
                before = time.process_time()
                busy = worker.step()
                total += time.process_time() - before
                if not busy and _finished(engine, comments):
                    break
                if not busy:
                    time.sleep(0.02)
            wall = time.monotonic() - started
            done = decided_count(engine)
            worker.close()
        finally:
            if schema:
                engine.dispose()
                with engine.begin() as conn:  # the listener still points it at the schema: drop by name
                    conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            engine.dispose()
        texts = [json.loads(line)["text"] for line in feed.read_text(encoding="utf-8").splitlines()]
    own, calls = dict(clock.own), dict(clock.calls)  # before the model is timed alone, through the same (wrapped) score
    alone = model_alone(classifier, texts, settings.batch_size)
    own["other"] = max(total - sum(v for k, v in own.items() if k != "other"), 0.0)
    per = {stage: 1000 * own.get(stage, 0.0) / max(done, 1) for stage in STAGES}
    worker_ms = 1000 * total / max(done, 1)
    model_ms = 1000 * alone / len(texts)
    return {
        "database": engine.dialect.name, "comments": done, "cpus": os.cpu_count(),
        "classifier": f"{classifier.name} {classifier.version}", "model_threads": threads or "default",
        "wall_seconds": round(wall, 1),
        "worker_cpu_ms_per_comment": round(worker_ms, 2),
        "stages": {s: {"ms_per_comment": round(per[s], 3), "share": round(per[s] / max(worker_ms, 1e-9), 4),
                       "calls_per_comment": round(calls.get(s, 0) / max(done, 1), 2)} for s in STAGES},
        "model_alone_ms_per_comment": round(model_ms, 2),
        "worker_over_model": round(worker_ms / max(model_ms, 1e-9), 2),
    }


def print_table(result: dict) -> None:
    print(f"{result['database']}, {result['comments']} comments (30 % abusive), {result['cpus']} CPUs, "
          f"{result['classifier']} ({result['model_threads']} threads), {result['wall_seconds']} s wall")
    print(f"{'stage':<13}{'ms/comment':>11}{'share':>8}{'calls/comment':>15}")
    for stage, row in result["stages"].items():
        calls = f"{row['calls_per_comment']:>15.2f}" if stage != "other" else ""
        print(f"{stage:<13}{row['ms_per_comment']:>11.2f}{100 * row['share']:>7.1f}%{calls}")
    print(f"{'worker CPU':<13}{result['worker_cpu_ms_per_comment']:>11.2f}{100:>7.1f}%")
    print(f"model alone: {result['model_alone_ms_per_comment']:.2f} ms per comment; "
          f"worker / model = {result['worker_over_model']:.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--comments", type=int, default=500)
    parser.add_argument("--postgres", help="PostgreSQL URL (default: MODERATOR_DATABASE_URL if it is one, else SQLite)")
    parser.add_argument("--threads", type=int, help="the model's threads (default: the service's default, ORT's choice)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    url = args.postgres
    env_url = os.environ.get("MODERATOR_DATABASE_URL", "")
    if not url and env_url.startswith("postgresql"):
        url = env_url
    result = profile(url, args.comments, args.threads)
    print_table(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
