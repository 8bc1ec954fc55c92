"""Per-language validation of the multilingual model on the real (non-template) sources, from the
training run's validation predictions, and of the routed classifier at the policy's thresholds.

    .venv/bin/python -m training.ml_language_report [--gpu-preds training/cache/gpu2]

Reads the prepared dataset (training/cache/ml_dataset.csv.gz, same row order as training) and
``preds_main.npz`` (PyTorch fp32 validation probabilities written by training/ml_train.py --preds),
maps them with card.json's ``score_map`` exactly as models/routed.py does, and writes
models/multilingual/language_report.json: ROC AUC per language (template rows excluded), and
precision / recall / false-positive rate of the hide decision (toxicity, insult, identity_attack or
threat at or over the policy threshold).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from training.data import LABELS  # noqa: E402
from training.ml_metrics import auc  # noqa: E402

POLICY = {"toxicity": 0.65, "severe_toxicity": 0.9, "obscene": 0.9, "threat": 0.5, "insult": 0.87,
          "identity_attack": 0.86}  # moderator/judge/policies/default.toml [thresholds] on 2026-11-27
HIDE_LABELS = ("toxicity", "insult", "identity_attack", "threat")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dataset", type=Path, default=ROOT / "training" / "cache" / "ml_dataset.csv.gz")
    ap.add_argument("--gpu-preds", type=Path, default=ROOT / "training" / "cache" / "gpu2")
    ap.add_argument("--model-dir", type=Path, default=ROOT / "models" / "multilingual")
    a = ap.parse_args(argv)
    from models.routed import RoutedClassifier

    df = pd.read_csv(a.dataset, keep_default_na=False, na_values=[""])
    for lab in LABELS:
        df[lab] = pd.to_numeric(df[lab], errors="coerce")
    val = df[df.split == "val"].reset_index(drop=True)
    probs = np.load(a.gpu_preds / "preds_main.npz")["probs"].astype(np.float64)
    assert len(probs) == len(val)
    mapper = RoutedClassifier.__new__(RoutedClassifier)
    card = json.loads((a.model_dir / "card.json").read_text())
    mapper.score_map = {k: [tuple(p) for p in v] for k, v in (card.get("score_map") or {}).items()}
    mapped = np.array([[mapper.map_scores(dict(zip(LABELS, row)))[lab] for lab in LABELS] for row in probs])
    real = val[~val.source.isin(["contrast", "bengali_clean", "synthetic_school", "synthetic_threats"])]
    out = {"basis": "PyTorch fp32 validation predictions of the shipped weights (before fp16 rounding); "
                    "template sources excluded", "policy_thresholds": POLICY, "languages": {}}
    hide = np.zeros(len(val), bool)
    for lab in HIDE_LABELS:
        hide |= mapped[:, LABELS.index(lab)] >= POLICY[lab]
    for lang, g in real.groupby("lang"):
        y = g["toxicity"]
        ok = y.notna()
        yy = y[ok].to_numpy().astype(int)
        hh = hide[g.index[ok]]
        tp = int((hh & (yy == 1)).sum())
        row = {"sources": sorted(g.source.unique().tolist()), "n": int(ok.sum()), "toxic": int(yy.sum()),
               "toxicity_auc": auc(yy, probs[g.index[ok], 0]),
               "identity_attack_auc": auc(g["identity_attack"], probs[g.index, LABELS.index("identity_attack")]),
               "insult_auc": auc(g["insult"], probs[g.index, LABELS.index("insult")]),
               "hide_precision": round(tp / max(1, int(hh.sum())), 3) if hh.sum() else None,
               "hide_recall": round(tp / max(1, int(yy.sum())), 3) if yy.sum() else None,
               "hide_false_positive_rate": round(int((hh & (yy == 0)).sum()) / int((yy == 0).sum()), 3)
               if (yy == 0).sum() else None}
        out["languages"][lang] = row
    (a.model_dir / "language_report.json").write_text(json.dumps(out, indent=1) + "\n")
    for lang, r in out["languages"].items():
        print(lang, r)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
