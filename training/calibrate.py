"""Choose per-label thresholds on the validation split.

* ``hide``: the automatic-hiding threshold - the lowest threshold whose precision on the pooled
  English validation rows annotated for that label is >= 0.9 (max recall at that precision).
  Where 0.9 is not reachable with at least 5 true positives, the threshold with the best F0.5
  is used and ``precision_target_met`` is false.
  Labels with fewer than 20 validation positives get a conservative 0.9 (no data to calibrate).
* ``olid_toxicity``: the toxicity threshold maximising macro F1 (OFF vs NOT) on the OLID
  validation split - the operating point for OLID-style offensive-tweet classification.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.metrics import f1_score, precision_recall_curve

from training.data import ENGLISH_SOURCES as ENGLISH, LABELS

PRECISION_TARGET = 0.9
MIN_POSITIVES = 20  # fewer validation positives than this: no data-driven threshold
FALLBACK_THRESHOLD = 0.9


def _hide_threshold(y: np.ndarray, p: np.ndarray) -> dict:
    prec, rec, thr = precision_recall_curve(y, p)
    prec, rec = prec[:-1], rec[:-1]
    tp = rec * y.sum()
    ok = np.where((prec >= PRECISION_TARGET) & (tp >= 5))[0]
    if len(ok):
        i = ok[np.argmax(rec[ok])]
        met = True
    else:
        f05 = (1.25 * prec * rec) / np.maximum(0.25 * prec + rec, 1e-12)
        i = int(np.argmax(f05))
        met = False
    return {"threshold": round(float(thr[i]), 4), "precision": round(float(prec[i]), 4),
            "recall": round(float(rec[i]), 4), "precision_target_met": bool(met)}


def best_macro_f1_threshold(y: np.ndarray, p: np.ndarray) -> tuple[float, float]:
    best = (0.5, -1.0)
    for t in np.unique(np.round(p, 3)):
        f = f1_score(y, (p >= t).astype(int), average="macro")
        if f > best[1]:
            best = (float(t), float(f))
    return best


def choose_thresholds(preds: pd.DataFrame) -> dict:
    eng = preds[preds.source.isin(ENGLISH)]
    out = {"precision_target": PRECISION_TARGET, "hide": {}, "details": {}}
    for lab in LABELS:
        g = eng[eng[lab].notna()]
        y = g[lab].to_numpy().astype(int)
        if y.sum() == len(y) and len(y):
            continue
        if y.sum() < MIN_POSITIVES:  # includes none at all: the policy still needs a number
            out["hide"][lab] = FALLBACK_THRESHOLD
            out["details"][lab] = {
                "threshold": FALLBACK_THRESHOLD, "precision_target_met": None, "n": int(len(y)),
                "positives": int(y.sum()), "sources": sorted(g.source[g[lab] == 1].unique().tolist()),
                "basis": f"conservative default: fewer than {MIN_POSITIVES} validation positives"}
            continue
        d = _hide_threshold(y, g[f"p_{lab}"].to_numpy())
        d["basis"] = "lowest threshold with precision >= target on pooled English validation"
        if set(g.source[g[lab] == 1]) <= {"synthetic_threats"}:
            # positives are templates only: never go below 0.5 for automatic hiding
            if d["threshold"] < 0.5:
                p = g[f"p_{lab}"].to_numpy()
                tp = int(((p >= 0.5) & (y == 1)).sum())
                d.update(threshold=0.5, precision=round(tp / max(1, int((p >= 0.5).sum())), 4),
                         recall=round(tp / int(y.sum()), 4))
            d["basis"] = "synthetic templates only (not validated on real threats); floored at 0.5"
        d.update({"n": int(len(y)), "positives": int(y.sum()),
                  "sources": sorted(g.source[g[lab] == 1].unique().tolist())})
        out["hide"][lab] = d["threshold"]
        out["details"][lab] = d
    olid = preds[(preds.source == "olid") & preds.toxicity.notna()]
    if len(olid):
        t, f = best_macro_f1_threshold(olid.toxicity.to_numpy().astype(int), olid.p_toxicity.to_numpy())
        out["olid_toxicity"] = {"threshold": round(t, 4), "macro_f1": round(f, 4), "n": int(len(olid))}
    return out
