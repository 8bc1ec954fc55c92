"""Speed / memory / cold-start benchmark of the scoring backends (one run, a few minutes).

    .venv/bin/python benchmarks/model_speed.py [--threads 2] [--out results.json]

Each backend runs in its own subprocess (so peak RSS, from resource.getrusage maxrss, is that
backend's alone):

* ``embedded-onnx``     the shipped default (registry ``embedded-onnx``): language detection
  (models.language) + routing; the English texts here are scored by the English model
* ``embedded-onnx-mixed`` the same, fed every other text from training/lang_samples.py (16
  non-English languages), so both models are loaded and used: the worst case for memory
* ``multilingual-onnx`` models/multilingual/model.int8.onnx (multilingual-e5-small, 12 layers,
  20k-piece vocabulary) via onnxruntime + tokenizers (no torch): what non-English comments cost
* ``english-onnx``      models/embedded/model.int8.onnx (MiniLM-L6) alone
* ``multilingual-pytorch`` the multilingual fp16 checkpoint via detoxify
* ``bert-base-random``  Detoxify ``original``'s architecture: BertForSequenceClassification built
  from ``BertConfig()`` defaults (= bert-base-uncased shape) with RANDOM weights (no download)
* ``xlmr-base-random``  Detoxify ``multilingual``'s architecture: XLMRobertaForSequenceClassification
  from ``XLMRobertaConfig()`` with xlm-roberta-base's vocabulary size (250,002) and positions
  (514), RANDOM weights

Random weights cost exactly the same compute as trained ones. The random models are fed token ids
from the embedded model's BERT-uncased tokenizer (the published ``original`` uses the same
vocabulary; XLM-R's sentencepiece would give similar lengths).

Measured per backend: comments/s at batch 1 (one ``score([text])`` call per comment) and at batch
32 (``batch_size = 32`` and one ``score()`` call per 32 comments, as a worker hands over a fetched
page; each classifier batches inside that call as it does in service: the ONNX models in batches
of similar token length, the PyTorch ones sorted by length), peak RSS (the worker process's maxrss over
loading and both runs), import+load time, and cold start (process start -> first prediction,
measured by the parent around the subprocess: interpreter start, imports, every model and the
language detector loaded, one comment scored).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BACKENDS = ("embedded-onnx", "embedded-onnx-mixed", "multilingual-onnx", "english-onnx", "multilingual-pytorch", "bert-base-random",
            "xlmr-base-random")

_FALLBACK = [
    "Well done to Year 4 for a brilliant assembly this morning!",
    "@user you are a complete idiot and everyone at that school knows it",
    "Can someone tell me when the PTA meeting is? The newsletter didn't say.",
    "this teacher should be sacked, absolute joke of a school",
    "Thank you to all the staff for organising sports day, the kids loved it",
    "shut up you pathetic loser nobody cares",
    "Reminder: school closes at 1.30pm on Friday for the end of term.",
    "My son came home in tears again because of the bullying, nothing is being done about it and I'm "
    "sick of being ignored by the head teacher who never answers emails",
]


def sample_texts(n: int) -> list[str]:
    """Realistic comment lengths: OLID tweets if the shared data is there, else fixed examples."""
    sys.path.insert(0, str(ROOT))
    from models.normalise import normalise

    texts: list[str] = []
    for cand in (Path("/work/shared/data/train/olid/olid-training-v1.0.tsv"),
                 ROOT.parent / "shared" / "data" / "train" / "olid" / "olid-training-v1.0.tsv"):
        if cand.is_file():
            with open(cand, encoding="utf-8") as fh:
                next(fh)
                for line in fh:
                    parts = line.split("\t")
                    if len(parts) > 1:
                        texts.append(normalise(parts[1]))
                    if len(texts) >= n:
                        break
            break
    while len(texts) < n:
        texts.append(_FALLBACK[len(texts) % len(_FALLBACK)])
    return texts[:n]


class _HFRandom:
    """A transformers model + tokenizer behaving like the project's classifiers."""

    def __init__(self, kind: str, threads: int):
        import torch
        import transformers

        torch.set_num_threads(threads)
        torch.manual_seed(0)
        if kind == "bert-base-random":
            cfg = transformers.BertConfig(num_labels=6)
            self.model = transformers.BertForSequenceClassification(cfg)
        else:
            cfg = transformers.XLMRobertaConfig(vocab_size=250002, max_position_embeddings=514,
                                                type_vocab_size=1, num_labels=16)
            self.model = transformers.XLMRobertaForSequenceClassification(cfg)
        self.model.eval()
        self.tokenizer = transformers.BertTokenizerFast.from_pretrained(str(ROOT / "models" / "embedded"))
        self.labels = tuple(f"l{i}" for i in range(cfg.num_labels))
        self.batch_size = 32

    def score(self, texts):
        from models.detoxify_published import score_with_detoxify

        return score_with_detoxify(self, texts, self.labels, self.batch_size, 256)


def worker(kind: str, threads: int, n_b1: int, n_b32: int) -> dict:
    t0 = time.perf_counter()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    if kind in ("embedded-onnx", "embedded-onnx-mixed"):
        from models import load_classifier

        clf = load_classifier("embedded-onnx", threads=threads)
    elif kind == "multilingual-onnx":
        from models.onnx_backend import OnnxClassifier

        clf = OnnxClassifier(threads=threads)
    elif kind == "english-onnx":
        from models.onnx_backend import OnnxClassifier

        clf = OnnxClassifier(model_dir=str(ROOT / "models" / "embedded"), threads=threads)
    elif kind == "multilingual-pytorch":
        from models.embedded import EmbeddedClassifier

        clf = EmbeddedClassifier(threads=threads)
    else:
        clf = _HFRandom(kind, threads)
    t_loaded = time.perf_counter()
    clf.score(["first prediction"])
    t_first = time.perf_counter()
    first_wall = time.time()
    texts = sample_texts(max(n_b1, n_b32))
    if kind == "embedded-onnx-mixed":
        from training.lang_samples import SAMPLES

        other = [t for lang, ts in SAMPLES.items() if lang != "en" for t in ts]
        texts = [t if i % 2 == 0 else other[(i // 2) % len(other)] for i, t in enumerate(texts)]
    clf.score(texts[:8])  # warm-up
    t = time.perf_counter()
    for s in texts[:n_b1]:  # the same first texts are used at batch 32 (n_b1 <= n_b32)
        clf.score([s])
    b1 = n_b1 / (time.perf_counter() - t)
    clf.batch_size = 32
    t = time.perf_counter()
    for i in range(0, n_b32, 32):
        clf.score(texts[i : i + 32])
    b32 = n_b32 / (time.perf_counter() - t)
    return {
        "backend": kind, "import_load_s": round(t_loaded - t0, 3), "first_prediction_s_in_process": round(t_first - t0, 3),
        "first_prediction_wall": first_wall, "comments_per_s_batch1": round(b1, 1), "comments_per_s_batch32": round(b32, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "torch_imported": "torch" in sys.modules, "transformers_imported": "transformers" in sys.modules,
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--backends", default=",".join(BACKENDS))
    ap.add_argument("--n-batch1", type=int, default=0, help="texts at batch 1 (default: per backend)")
    ap.add_argument("--n-batch32", type=int, default=0, help="texts at batch 32 (default: per backend)")
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--fresh-cache", action="store_true",
                    help="give each backend an empty MODERATOR_CACHE_DIR: a worker's first start on a new "
                         "machine (the language detector's model is unpacked then); by default the cache "
                         "is the user's own, as a restarted worker finds it")
    ap.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.worker:
        print(json.dumps(worker(a.worker, a.threads, a.n_batch1, a.n_batch32)))
        return 0
    results = []
    for kind in a.backends.split(","):
        small = not kind.endswith("-random")
        n32 = a.n_batch32 or (512 if small else 128)
        n1 = min(a.n_batch1 or n32, n32)
        cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", kind, "--threads", str(a.threads),
               "--n-batch1", str(n1), "--n-batch32", str(n32)]
        env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
        fresh = tempfile.TemporaryDirectory(prefix="model-speed-cache-") if a.fresh_cache else None
        if fresh is not None:
            env["MODERATOR_CACHE_DIR"] = fresh.name
        start = time.time()
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=str(ROOT), env=env)
        if fresh is not None:
            fresh.cleanup()
        if proc.returncode != 0:
            print(f"{kind}: FAILED\n{proc.stderr[-2000:]}", file=sys.stderr)
            continue
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        r["cold_start_s"] = round(r.pop("first_prediction_wall") - start, 3)
        r["n_batch1"], r["n_batch32"] = n1, n32
        results.append(r)
        print(f"{kind:18s} b1 {r['comments_per_s_batch1']:7.1f}/s  b32 {r['comments_per_s_batch32']:7.1f}/s  "
              f"RSS {r['peak_rss_mb']:7.1f} MB  import+load {r['import_load_s']:5.2f}s  cold start {r['cold_start_s']:5.2f}s"
              f"  torch imported: {r['torch_imported']}", flush=True)
    by = {r["backend"]: r for r in results}
    ratios = {}
    for ref in ("bert-base-random", "xlmr-base-random"):
        for mine in ("embedded-onnx", "embedded-onnx-mixed", "multilingual-onnx", "english-onnx",
                     "multilingual-pytorch"):
            if ref in by and mine in by:
                for b in ("batch1", "batch32"):
                    k = f"comments_per_s_{b}"
                    ratios[f"{mine} / {ref} ({b})"] = round(by[mine][k] / by[ref][k], 2)
    for k, v in ratios.items():
        print(f"ratio {k}: {v}x")
    # the project's speed goal: the shipped default, fed mixed languages, against Detoxify multilingual
    if "embedded-onnx-mixed" in by and "xlmr-base-random" in by:
        o, ref = by["embedded-onnx-mixed"], "xlmr-base-random"
        print(f"goal, embedded-onnx-mixed: >= 10x xlmr-base (Detoxify multilingual): "
              f"{ratios.get(f'embedded-onnx-mixed / {ref} (batch1)')}x (batch 1), "
              f"{ratios.get(f'embedded-onnx-mixed / {ref} (batch32)')}x (batch 32); "
              f"peak RSS {o['peak_rss_mb']} MB (<= 350); cold start {o['cold_start_s']} s (<= 1)")
    for mine in ("embedded-onnx", "multilingual-onnx"):
        if mine in by:
            o = by[mine]
            print(f"targets, {mine}: >= 20x bert-base: {ratios.get(f'{mine} / bert-base-random (batch1)')}x (batch 1), "
                  f"{ratios.get(f'{mine} / bert-base-random (batch32)')}x (batch 32); "
                  f"RSS {o['peak_rss_mb']} MB (<= 300); cold start {o['cold_start_s']} s (< 1)")
    out = {"threads": a.threads, "fresh_cache": a.fresh_cache, "results": results, "ratios": ratios,
           "cpu_count": os.cpu_count(),
           "loadavg_at_end": os.getloadavg()}
    if a.out:
        a.out.write_text(json.dumps(out, indent=1) + "\n")
        print(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
