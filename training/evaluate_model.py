"""Validation report for the shipped embedded model (PyTorch fp16-shipped weights and ONNX int8).

    .venv/bin/python -m training.evaluate_model          # prints, and writes models/embedded/validation.json

* per source x label: ROC AUC, average precision, F1 at the hiding threshold (thresholds.json),
  on the validation split saved by training (training/runs/latest_dataset_split.csv.gz), or
  rebuilt by training.data.build_dataset with the same seed when that file is absent;
* OLID macro F1 (OFF vs NOT) at the OLID toxicity threshold;
* ONNX int8 vs PyTorch: per-label AUC differences and probability differences;
* obfuscation: ROC AUC of obfuscated toxic validation comments vs plain clean ones, against the
  same with plain toxic comments (both through models.normalise.normalise) - the gap.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from sklearn.metrics import average_precision_score, f1_score, roc_auc_score  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from training.calibrate import ENGLISH, best_macro_f1_threshold  # noqa: E402
from training.data import LABELS, build_dataset  # noqa: E402

MODEL_DIR = ROOT / "models" / "embedded"


def _r(x):
    return None if x is None or (isinstance(x, float) and np.isnan(x)) else round(float(x), 4)


def label_metrics(y: np.ndarray, p: np.ndarray, thr: float | None) -> dict:
    y = y.astype(int)
    d = {"n": int(len(y)), "positives": int(y.sum())}
    if 0 < y.sum() < len(y):
        d["roc_auc"] = _r(roc_auc_score(y, p))
        d["ap"] = _r(average_precision_score(y, p))
    if thr is not None and y.sum():
        d["f1_at_hide"] = _r(f1_score(y, (p >= thr).astype(int), zero_division=0))
    return d


def score_frame(clf, texts: list[str]) -> np.ndarray:
    res = clf.score(texts)
    return np.array([[r[lab] for lab in LABELS] for r in res], dtype=np.float64)


def report(val: pd.DataFrame, probs: np.ndarray, thresholds: dict) -> dict:
    hide = thresholds.get("hide", {})
    out = {"per_source": {}, "pooled_english": {}, "pooled_all": {}}
    for src, g in val.groupby("source"):
        idx = g.index.to_numpy()
        out["per_source"][src] = {}
        for k, lab in enumerate(LABELS):
            m = g[lab].notna().to_numpy()
            if m.sum() == 0 or g[lab][m].sum() == 0:
                continue
            out["per_source"][src][lab] = label_metrics(g[lab][m].to_numpy(), probs[idx[m], k], hide.get(lab))
    for name, sel in (("pooled_english", val.source.isin(ENGLISH)), ("pooled_all", pd.Series(True, index=val.index))):
        for k, lab in enumerate(LABELS):
            m = (sel & val[lab].notna()).to_numpy()
            if m.sum() and val[lab][m].sum():
                out[name][lab] = label_metrics(val[lab][m].to_numpy(), probs[m, k], hide.get(lab))
    olid = (val.source == "olid") & val.toxicity.notna()
    y = val.toxicity[olid].to_numpy().astype(int)
    p = probs[olid.to_numpy(), 0]
    t_cal = thresholds.get("olid_toxicity", {}).get("threshold", 0.5)
    best_t, best_f = best_macro_f1_threshold(y, p)
    out["olid_toxicity"] = {
        "threshold": t_cal, "macro_f1": _r(f1_score(y, (p >= t_cal).astype(int), average="macro")),
        "macro_f1_at_0.5": _r(f1_score(y, (p >= 0.5).astype(int), average="macro")),
        "best_threshold_this_backend": round(best_t, 4), "best_macro_f1_this_backend": _r(best_f), "n": int(len(y))}
    return out


def obfuscation_gap(val: pd.DataFrame, clf, n_each: int, seed: int) -> dict:
    from models.normalise import model_text, normalise
    from training.obfuscate import obfuscate_all

    eng = val[val.source.isin(ENGLISH) & (val.source != "synthetic_threats") & val.toxicity.notna()]
    tox = eng[eng.toxicity == 1].sample(n=min(n_each, int((eng.toxicity == 1).sum())), random_state=seed)
    clean = eng[eng.toxicity == 0].sample(n=min(n_each, int((eng.toxicity == 0).sum())), random_state=seed)
    raw_tox = tox.raw.tolist()
    obf = obfuscate_all(raw_tox, seed=seed)
    plain_tox = [normalise(t) for t in raw_tox]
    obf_norm = [normalise(t) for t in obf]
    clean_norm = [normalise(t) for t in clean.raw]
    s_clean = score_frame(clf, clean_norm)
    s_plain = score_frame(clf, plain_tox)
    s_obf = score_frame(clf, obf_norm)
    s_obf_raw = score_frame(clf, [model_text(t) for t in obf])  # no normaliser, for contrast
    y = np.r_[np.ones(len(raw_tox)), np.zeros(len(clean_norm))]
    out = {"n_toxic": len(raw_tox), "n_clean": len(clean_norm), "labels": {}}
    for k, lab in enumerate(LABELS):
        if lab not in ("toxicity", "insult", "obscene"):
            continue
        a_plain = roc_auc_score(y, np.r_[s_plain[:, k], s_clean[:, k]])
        a_obf = roc_auc_score(y, np.r_[s_obf[:, k], s_clean[:, k]])
        a_raw = roc_auc_score(y, np.r_[s_obf_raw[:, k], s_clean[:, k]])
        out["labels"][lab] = {"auc_plain": _r(a_plain), "auc_obfuscated": _r(a_obf), "gap": _r(a_plain - a_obf),
                              "auc_obfuscated_without_normaliser": _r(a_raw)}
    rng = random.Random(seed)
    out["examples"] = [{"obfuscated": obf[i], "normalised": obf_norm[i]} for i in rng.sample(range(len(obf)), 5)]
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model-dir", type=Path, default=MODEL_DIR)
    ap.add_argument("--seed", type=int, default=13, help="split seed (must match training)")
    ap.add_argument("--obf-n", type=int, default=1500)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--split-file", type=Path, default=None,
                    help="dataset_split.csv.gz written by training (default: training/runs/latest_dataset_split.csv.gz; "
                         "rebuilt from shared data when absent)")
    ap.add_argument("--limit", type=int, default=0, help="score only N validation rows (smoke test)")
    a = ap.parse_args(argv)
    t0 = time.time()
    import torch

    torch.set_num_threads(2)
    from models.embedded import EmbeddedClassifier
    from models.onnx_backend import OnnxClassifier

    thresholds = json.loads((a.model_dir / "thresholds.json").read_text())
    split_file = a.split_file or (ROOT / "training" / "runs" / "latest_dataset_split.csv.gz")
    if split_file.is_file():
        # the exact split the model was trained with (saved by training/train.py)
        df = pd.read_csv(split_file, keep_default_na=False, na_values=[""])
        df["text"] = df["text"].astype(str)
        df["raw"] = df["raw"].astype(str)
        print(f"validation split from {split_file}")
    else:
        df = build_dataset(seed=a.seed)
    val = df[df.split == "val"].reset_index(drop=True)
    if a.limit:
        val = val.sample(n=min(a.limit, len(val)), random_state=a.seed).reset_index(drop=True)
    texts = val.text.tolist()
    pt = EmbeddedClassifier(model_dir=str(a.model_dir))
    ox = OnnxClassifier(model_dir=str(a.model_dir), threads=2)
    t = time.time()
    p_pt = score_frame(pt, texts)
    t_pt = time.time() - t
    t = time.time()
    p_ox = score_frame(ox, texts)
    t_ox = time.time() - t
    res = {"model": {"name": pt.name, "version": pt.version, "onnx_version": ox.version},
           "val_rows": len(val), "split_seed": a.seed,
           "pytorch": report(val, p_pt, thresholds), "onnx_int8": report(val, p_ox, thresholds),
           "scoring_seconds": {"pytorch": round(t_pt, 1), "onnx_int8": round(t_ox, 1)}}
    diff = np.abs(p_pt - p_ox)
    res["onnx_vs_pytorch"] = {
        "mean_abs_prob_diff": {lab: _r(diff[:, k].mean()) for k, lab in enumerate(LABELS)},
        "max_abs_prob_diff": {lab: _r(diff[:, k].max()) for k, lab in enumerate(LABELS)},
        "pooled_english_auc_delta": {
            lab: _r((res["onnx_int8"]["pooled_english"].get(lab, {}).get("roc_auc") or 0)
                    - (res["pytorch"]["pooled_english"].get(lab, {}).get("roc_auc") or 0))
            for lab in LABELS if lab in res["pytorch"]["pooled_english"]},
        "olid_macro_f1_delta": _r(res["onnx_int8"]["olid_toxicity"]["macro_f1"] - res["pytorch"]["olid_toxicity"]["macro_f1"]),
    }
    res["obfuscation"] = {"pytorch": obfuscation_gap(val, pt, a.obf_n, a.seed),
                          "onnx_int8": obfuscation_gap(val, ox, a.obf_n, a.seed)}
    res["seconds"] = round(time.time() - t0)

    # ---- print
    for backend in ("pytorch", "onnx_int8"):
        r = res[backend]
        print(f"\n=== {backend}: per source / label  (AUC / AP / F1@hide)  n/pos")
        for src, labs in r["per_source"].items():
            for lab, d in labs.items():
                print(f"{src:18s} {lab:16s} auc={d.get('roc_auc')} ap={d.get('ap')} f1={d.get('f1_at_hide')} "
                      f"n={d['n']} pos={d['positives']}")
        print(f"--- pooled English")
        for lab, d in r["pooled_english"].items():
            print(f"{'english':18s} {lab:16s} auc={d.get('roc_auc')} ap={d.get('ap')} f1={d.get('f1_at_hide')} "
                  f"n={d['n']} pos={d['positives']}")
        print(f"OLID toxicity macro F1: {r['olid_toxicity']}")
    print("\n=== ONNX int8 vs PyTorch:", json.dumps(res["onnx_vs_pytorch"], indent=1))
    for backend in ("pytorch", "onnx_int8"):
        print(f"\n=== obfuscation ({backend}):", json.dumps(res["obfuscation"][backend]["labels"], indent=1))
    out = a.out or a.model_dir / "validation.json"
    out.write_text(json.dumps(res, indent=1, ensure_ascii=False) + "\n")
    print(f"\nwrote {out} in {res['seconds']}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
