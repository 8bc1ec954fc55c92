"""Fine-tuned heads: a copy of the encoder's upper layers, trained to read stance and safeguarding.

The logistic heads (training/heads.py) read frozen sentence features of the toxicity-tuned encoder
and were near their limit: they could not learn *who* speaks, what is negated or quoted, because the
features were already pooled. This trains a branch instead: the shipped int8 encoder runs as before
up to its eighth layer (``hidden_mid``, already an output for the heads); a copy of the layers above
it, initialised from the shipped checkpoint and fine-tuned on the heads' rows, reads those token
states and ends in one sigmoid per head. The toxicity labels and their layers are untouched, so the
Detoxify-compatible checkpoint still gives the toxicity scores.

One reproducible command (CPU; it resumes: the token states are cached per text under
training/cache/, and every epoch's weights are saved there, so an interrupted run picks up after the
last finished epoch):

    .venv/bin/python -m training.branch                 # states, training, validation, export
    .venv/bin/python -m training.branch --no-write      # measure only
    .venv/bin/python -m training.branch --device cuda   # when a GPU is lent (the states stay CPU int8)

The rows, their split, the masks and the weighting are training/heads.py's, so the two are measured
on the same validation rows; the branch is written to models/multilingual/heads.int8.onnx with its
thresholds in heads.json only when its mean validation ROC AUC beats the logistic heads'.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from training import heads as H  # noqa: E402

BRANCH_FILE = "heads.int8.onnx"
SEED = 13


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def token_states(texts: list[str], model_dir: Path = H.MODEL_DIR) -> list[np.ndarray]:
    """``hidden_mid`` token states (length x 384, fp16) of each text from the shipped int8 graph,
    one text per run as the service scores, cached on disk by the text's SHA-256."""
    from models.normalise import model_text, normalise
    from models.onnx_backend import OnnxClassifier

    clf = OnnxClassifier(model_dir=str(model_dir))
    H.CACHE.mkdir(parents=True, exist_ok=True)
    path = H.CACHE / f"branch_states_{clf.version.split('+h')[0]}.npz"
    cache: dict[str, np.ndarray] = {}
    if path.exists():
        with np.load(path) as z:
            flat, offsets = z["values"], z["offsets"]
            cache = {k: flat[offsets[i]:offsets[i + 1]] for i, k in enumerate(z["keys"].tolist())}
    keys = [_key(t) for t in texts]
    todo = sorted({k: i for i, k in enumerate(keys) if k not in cache}.values())

    def save() -> None:
        ks = list(cache)
        lens = np.array([len(cache[k]) for k in ks])
        np.savez(path, keys=np.array(ks), offsets=np.concatenate([[0], np.cumsum(lens)]),
                 values=np.concatenate([cache[k] for k in ks]).astype(np.float16))

    t0 = time.time()
    for n, i in enumerate(todo, 1):
        enc = clf._tok.encode(model_text(normalise(texts[i])[: clf.max_length * 24]))
        ids = np.array([enc.ids], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
        if "token_type_ids" in clf._inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        cache[keys[i]] = clf._sess.run(["hidden_mid"], feed)[0][0].astype(np.float16)
        if n % 1000 == 0 or n == len(todo):
            save()
            print(f"states: {n}/{len(todo)} new ({time.time() - t0:.0f} s)", flush=True)
    return [cache[k] for k in keys]


def build_branch(n_layers: int, n_heads: int, checkpoint: Path, first_layer: int = 8):
    """The branch as a torch module: ``n_layers`` BERT layers copied from the checkpoint's layers
    ``first_layer``... (so it starts where the shipped encoder is), mean pooling, one linear layer."""
    import torch
    from torch import nn

    class Layer(nn.Module):
        def __init__(self, d: int = 384, heads: int = 12, ff: int = 1536) -> None:
            super().__init__()
            self.h, self.dk = heads, d // heads
            self.q, self.k, self.v, self.o = (nn.Linear(d, d) for _ in range(4))
            self.ln1, self.ln2 = nn.LayerNorm(d, eps=1e-12), nn.LayerNorm(d, eps=1e-12)
            self.ff1, self.ff2 = nn.Linear(d, ff), nn.Linear(ff, d)
            self.drop = nn.Dropout(0.1)

        def forward(self, x, bias):  # noqa: ANN001, ANN201
            B, L, D = x.shape

            def split(t):  # noqa: ANN001, ANN202
                return t.view(B, L, self.h, self.dk).transpose(1, 2)

            att = split(self.q(x)) @ split(self.k(x)).transpose(-1, -2) / math.sqrt(self.dk) + bias
            ctx = (self.drop(att.softmax(-1)) @ split(self.v(x))).transpose(1, 2).reshape(B, L, D)
            x = self.ln1(x + self.drop(self.o(ctx)))
            return self.ln2(x + self.drop(self.ff2(nn.functional.gelu(self.ff1(x)))))

    class Branch(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.layers = nn.ModuleList(Layer() for _ in range(n_layers))
            self.drop = nn.Dropout(0.1)
            self.out = nn.Linear(384, n_heads)

        def logits(self, hidden, attention_mask):  # noqa: ANN001, ANN201
            m = attention_mask.to(hidden.dtype)
            bias = ((1.0 - m) * -10000.0)[:, None, None, :]
            x = hidden
            for layer in self.layers:
                x = layer(x, bias)
            pooled = (x * m[:, :, None]).sum(1) / m.sum(1, keepdim=True).clamp(min=1.0)
            return self.out(self.drop(pooled))

        def forward(self, hidden, attention_mask):  # noqa: ANN001, ANN201 - the exported graph: probabilities
            return torch.sigmoid(self.logits(hidden, attention_mask))

    model = Branch()
    sd = torch.load(checkpoint, map_location="cpu", weights_only=False)["state_dict"]
    names = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
             "o": "attention.output.dense", "ln1": "attention.output.LayerNorm", "ff1": "intermediate.dense",
             "ff2": "output.dense", "ln2": "output.LayerNorm"}
    prefix = next(k.split("encoder.layer.")[0] for k in sd if "encoder.layer." in k)
    for j, layer in enumerate(model.layers):
        for mine, theirs in names.items():
            for p in ("weight", "bias"):
                getattr(getattr(layer, mine), p).data.copy_(
                    sd[f"{prefix}encoder.layer.{first_layer + j}.{theirs}.{p}"].float())
    return model


def _batches(lengths: list[int], size: int, rng: np.random.Generator, shuffle: bool) -> list[list[int]]:
    """Index batches of similar length (less padding); shuffled order of batches when training."""
    order = np.argsort(np.array(lengths) + (rng.random(len(lengths)) * 6 if shuffle else 0), kind="stable")
    batches = [order[i:i + size].tolist() for i in range(0, len(order), size)]
    if shuffle:
        rng.shuffle(batches)
    return batches


def _pad(states: list[np.ndarray], idx: list[int]):  # noqa: ANN202
    import torch

    L = max(len(states[i]) for i in idx)
    x = np.zeros((len(idx), L, 384), dtype=np.float32)
    m = np.zeros((len(idx), L), dtype=np.int64)
    for j, i in enumerate(idx):
        x[j, :len(states[i])] = states[i]
        m[j, :len(states[i])] = 1
    return torch.from_numpy(x), torch.from_numpy(m)


def targets_matrix(rows: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    """(Y, weight): per row and head the target and its loss weight (0 = masked), weighed as the
    logistic heads are: every source the same in total, each head's classes balanced."""
    sources = [r["weigh_as"] for r in rows]
    per = {s: sources.count(s) for s in set(sources)}
    w_src = np.array([len(rows) / (len(per) * per[s]) for s in sources])
    Y = np.zeros((len(rows), len(H.HEADS)), dtype=np.float32)
    W = np.zeros_like(Y)
    for k, head in enumerate(H.HEADS):
        y, mask = H.targets(rows, head)
        pos = max(1, y[mask].sum()); neg = max(1, mask.sum() - pos)
        Y[:, k] = y
        W[:, k] = np.where(mask, w_src * np.where(y == 1, mask.sum() / (2 * pos), mask.sum() / (2 * neg)), 0.0)
    return Y, W / W[W > 0].mean()


def predict(model, states: list[np.ndarray], device: str = "cpu", size: int = 64) -> np.ndarray:  # noqa: ANN001
    import torch

    model.eval()
    out = np.zeros((len(states), len(H.HEADS)), dtype=np.float64)
    with torch.no_grad():
        for idx in _batches([len(s) for s in states], size, np.random.default_rng(0), False):
            x, m = _pad(states, idx)
            out[idx] = model(x.to(device), m.to(device)).cpu().double().numpy()
    return out


def train(args, train_rows, val_rows, S_train, S_val):  # noqa: ANN001, ANN201
    import torch

    torch.manual_seed(SEED)
    torch.set_num_threads(args.threads)
    model = build_branch(args.layers, len(H.HEADS), args.model_dir / "checkpoint.ckpt").to(args.device)
    Y, Wt = targets_matrix(train_rows)
    groups = [{"params": [p for n, p in model.named_parameters() if not n.startswith("out.")], "lr": args.lr},
              {"params": model.out.parameters(), "lr": args.lr * 20}]
    opt = torch.optim.AdamW(groups, weight_decay=0.01)
    steps_per_epoch = math.ceil(len(train_rows) / args.batch)
    total = steps_per_epoch * args.epochs
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / (0.06 * total)) * max(0.0, (total - s) / total))
    data = hashlib.sha256("\n".join(r["text"] + "\t" + r["signal"] for r in train_rows).encode()).hexdigest()[:8]
    tag = f"branch_L{args.layers}_lr{args.lr}_b{args.batch}_e{args.epochs}_{data}"  # a resume needs the same rows
    state_path = H.CACHE / f"{tag}.pt"
    start, history = 0, []
    if state_path.exists():  # resume after the last finished epoch
        saved = torch.load(state_path, map_location=args.device, weights_only=False)
        model.load_state_dict(saved["model"]); opt.load_state_dict(saved["opt"]); sched.load_state_dict(saved["sched"])
        start, history = saved["epoch"], saved["history"]
        torch.set_rng_state(saved["torch_rng"])  # dropout continues as if never stopped
        print(f"resumed {tag} after epoch {start}", flush=True)
    lengths = [len(s) for s in S_train]
    for epoch in range(start, args.epochs):
        model.train()
        t0, total_loss = time.time(), 0.0
        rng = np.random.default_rng([SEED, epoch])  # each epoch's order depends on the epoch alone
        for idx in _batches(lengths, args.batch, rng, True):
            x, m = _pad(S_train, idx)
            y = torch.from_numpy(Y[idx]).to(args.device)
            w = torch.from_numpy(Wt[idx]).to(args.device)
            logits = model.logits(x.to(args.device), m.to(args.device))
            loss = (torch.nn.functional.binary_cross_entropy_with_logits(logits, y, reduction="none") * w).sum() \
                / w.sum().clamp(min=1e-6)
            opt.zero_grad(); loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step(); sched.step()
            total_loss += float(loss.detach())
        P = predict(model, S_val, args.device)
        auc = H.mean_auc(H.report(P, val_rows))
        history.append({"epoch": epoch + 1, "loss": round(total_loss / steps_per_epoch, 4), "val_mean_auc": round(auc, 4),
                        "seconds": round(time.time() - t0, 1)})
        print(json.dumps(history[-1]), flush=True)
        torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "sched": sched.state_dict(),
                    "epoch": epoch + 1, "history": history, "torch_rng": torch.get_rng_state()}, state_path)
        torch.save(model.state_dict(), H.CACHE / f"{tag}_epoch{epoch + 1}.pt")
    best = max(history, key=lambda h: h["val_mean_auc"])
    model.load_state_dict(torch.load(H.CACHE / f"{tag}_epoch{best['epoch']}.pt", map_location=args.device))
    return model.cpu().eval(), history, best


def export(model, out: Path) -> Path:  # noqa: ANN001
    """The branch as int8 ONNX: inputs ``hidden_mid`` (batch x length x 384) and ``attention_mask``,
    output ``heads`` (batch x heads, probabilities)."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    fp32 = H.CACHE / "heads.fp32.onnx"
    x, m = torch.zeros(2, 5, 384), torch.ones(2, 5, dtype=torch.long)
    with torch.no_grad():
        torch.onnx.export(model.eval(), (x, m), str(fp32), input_names=["hidden_mid", "attention_mask"],
                          output_names=["heads"], opset_version=17, dynamo=False,
                          dynamic_axes={"hidden_mid": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"},
                                        "heads": {0: "batch"}})
    tmp = out.with_suffix(".tmp.onnx")
    quantize_dynamic(str(fp32), str(tmp), weight_type=QuantType.QInt8, per_channel=True)
    tmp.replace(out)
    return out


def onnx_predict(path: Path, states: list[np.ndarray]) -> np.ndarray:
    """The exported branch's probabilities, one text per run as the service scores."""
    import onnxruntime as ort

    sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return np.stack([sess.run(["heads"], {"hidden_mid": s[None].astype(np.float32),
                                          "attention_mask": np.ones((1, len(s)), dtype=np.int64)})[0][0]
                     for s in states]).astype(np.float64)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--model-dir", type=Path, default=H.MODEL_DIR)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    rows = H.load_rows()
    train_rows = [r for r in rows if r["split"] == "train"]
    val_rows = [r for r in rows if r["split"] == "val"]
    print(f"rows: train {len(train_rows)}, validation {len(val_rows)}", flush=True)
    S_train = token_states([r["text"] for r in train_rows], args.model_dir)
    S_val = token_states([r["text"] for r in val_rows], args.model_dir)
    model, history, best = train(args, train_rows, val_rows, S_train, S_val)
    out = H.CACHE / BRANCH_FILE
    export(model, out)
    P_branch = onnx_predict(out, S_val)
    # the logistic heads, same rows (their features cached by training/heads.py)
    fm = H.FeatureModel(args.model_dir)
    lr_heads = H.fit(H.cached_features(fm, [r["text"] for r in train_rows]), train_rows, 0.01)
    P_lr = H.predict(lr_heads, H.cached_features(fm, [r["text"] for r in val_rows]))
    readings = {"branch": P_branch, "logistic": P_lr, "both": combine(P_branch, P_lr)}
    reports = {name: H.report(P, val_rows, H.choose_thresholds(P, val_rows)) for name, P in readings.items()}
    result = {"branch": {"layers": args.layers, "epochs_run": args.epochs, "best_epoch": best["epoch"],
                         "lr": args.lr, "batch": args.batch, "history": history},
              "rows": {"train": len(train_rows), "val": len(val_rows)},
              "mean_auc": {name: round(H.mean_auc(rep), 4) for name, rep in reports.items()},
              "per_head": {h: {name: rep.get(h) for name, rep in reports.items()} for h in H.HEADS}}
    print(json.dumps(result, indent=1))
    (H.CACHE / f"branch_result_L{args.layers}.json").write_text(json.dumps(result, indent=1) + "\n")
    np.savez(H.CACHE / f"branch_val_L{args.layers}.npz", **readings)  # the validation readings, for analysis
    chosen = max(("branch", "both"), key=lambda name: H.mean_auc(reports[name]))
    if args.no_write:
        return 0
    if H.mean_auc(reports[chosen]) <= H.mean_auc(reports["logistic"]):
        print("the fine-tuned heads do not beat the logistic heads on validation: nothing written")
        return 0
    P = readings[chosen]
    thresholds = H.choose_thresholds(P, val_rows)
    by_language = H.language_validation(P, val_rows)
    target = args.model_dir / BRANCH_FILE
    out.replace(target)
    spec = {"heads": list(H.HEADS), "model": BRANCH_FILE, "thresholds": thresholds,
            "features": ["hidden_mid"] + (["pooled", "mean(hidden_last)", "mean(hidden_mid)"] if chosen == "both" else []),
            "validation": reports[chosen],
            "validation_by_source": {s: H.report(P[[i for i, r in enumerate(val_rows) if r["source"] == s]],
                                                 [r for r in val_rows if r["source"] == s], thresholds)
                                     for s in sorted({r["source"] for r in val_rows})},
            "calibration": H.calibration(P, val_rows, thresholds), "training": result["branch"],
            "languages": H.languages_read(by_language),
            "language_validation": by_language,
            "validation_mean_auc": result["mean_auc"], "rows": result["rows"]}
    if chosen == "both":  # the logistic heads fitted on the training rows, averaged with the branch in logit space
        spec.update({"mean": lr_heads["mean"].round(6).tolist(), "std": lr_heads["std"].round(6).tolist(),
                     "W": lr_heads["W"].round(6).tolist(), "b": [round(float(x), 6) for x in lr_heads["b"]]})
    (args.model_dir / "heads.json").write_text(json.dumps(spec) + "\n", encoding="utf-8")
    print(f"wrote {target} and {args.model_dir / 'heads.json'} ({chosen})")
    return 0


def combine(p_branch: np.ndarray, p_logistic: np.ndarray) -> np.ndarray:
    """The branch and the logistic heads together, as the service combines them."""
    from models.onnx_backend import with_logits

    q = np.clip(p_logistic, 1e-7, 1 - 1e-7)
    return with_logits(np, p_branch, np.log(q / (1 - q)))


if __name__ == "__main__":
    raise SystemExit(main())
