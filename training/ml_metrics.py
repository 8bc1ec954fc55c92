"""Validation metrics for the multilingual model: per-language AUC, OLID F1, contrast-set accuracy."""
from __future__ import annotations

import numpy as np
import pandas as pd

from training.data import LABELS

ENGLISH = ("olid", "davidson2017", "tweeteval_hate", "hatexplain", "convabuse", "synthetic_threats")


def auc(y, p) -> float | None:
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    ok = ~np.isnan(y)
    y, p = y[ok], p[ok]
    if len(np.unique(y)) < 2:
        return None
    from sklearn.metrics import roc_auc_score

    return round(float(roc_auc_score(y, p)), 4)


def macro_f1(y, p, thr) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(np.asarray(y, int), (np.asarray(p) >= thr).astype(int), average="macro"))


def best_f1(y, p) -> tuple[float, float]:
    best = (0.0, 0.5)
    for t in np.arange(0.05, 0.951, 0.005):
        f = macro_f1(y, p, t)
        if f > best[0]:
            best = (f, float(t))
    return round(best[0], 4), round(best[1], 3)


def summarise(val: pd.DataFrame, probs: np.ndarray) -> dict:
    """Headline numbers on the hashed validation split."""
    out: dict = {"per_language_toxicity_auc": {}, "per_source": {}}
    tox = probs[:, LABELS.index("toxicity")]
    for lang, g in val.groupby("lang"):
        a = auc(g["toxicity"], tox[g.index])
        if a is not None:
            out["per_language_toxicity_auc"][lang] = {"auc": a, "n": int(g["toxicity"].notna().sum()),
                                                      "pos": int((g["toxicity"] == 1).sum())}
    for src, g in val.groupby("source"):
        row = {}
        for k, lab in enumerate(LABELS):
            a = auc(g[lab], probs[g.index, k])
            if a is not None:
                row[lab] = a
        out["per_source"][src] = row
    o = val[(val.source == "olid") & val.toxicity.notna()]
    if len(o):
        y, p = o["toxicity"].to_numpy(), tox[o.index]
        f, t = best_f1(y, p)
        out["olid"] = {"macro_f1_best": f, "best_threshold": t, "macro_f1_at_0.5": round(macro_f1(y, p, 0.5), 4),
                       "macro_f1_at_0.65": round(macro_f1(y, p, 0.65), 4), "toxicity_auc": auc(y, p)}
        oi = val[(val.source == "olid") & val.insult.notna()]
        out["olid"]["insult_auc"] = auc(oi["insult"], probs[oi.index, LABELS.index("insult")])
    en = val[val.source.isin(ENGLISH)]
    out["english_pooled"] = {lab: auc(en[lab], probs[en.index, k]) for k, lab in enumerate(LABELS)}
    non_en = [v["auc"] for k, v in out["per_language_toxicity_auc"].items() if k not in ("en", "und")]
    out["non_english_mean_toxicity_auc"] = round(float(np.mean(non_en)), 4) if non_en else None
    return out


def hide_decision(scores: dict, thresholds: dict, labels=("toxicity", "insult", "identity_attack", "threat")) -> bool:
    return any(scores[lab] >= thresholds[lab] for lab in labels if lab in scores and lab in thresholds)


def contrast_report(rows, probs: np.ndarray, thresholds: dict) -> dict:
    """rows: (text, lang, labels, kind); a row should be hidden iff its toxicity label is 1
    (praise-swearing, whose toxicity is masked, should stay visible on insult/identity/threat)."""
    per_kind: dict = {}
    per_lang: dict = {}
    for (text, lang, lab, kind), pr in zip(rows, probs):
        scores = {l: float(pr[k]) for k, l in enumerate(LABELS)}
        if kind == "praise":
            want = False
            got = hide_decision(scores, thresholds, ("insult", "identity_attack", "threat"))
        else:
            want = lab.get("toxicity") == 1
            got = hide_decision(scores, thresholds)
        for d, key in ((per_kind, kind), (per_lang, lang)):
            c = d.setdefault(key, [0, 0])
            c[0] += int(want == got)
            c[1] += 1
    fmt = lambda d: {k: {"correct": v[0], "n": v[1], "accuracy": round(v[0] / v[1], 3)} for k, v in sorted(d.items())}
    total = sum(v[0] for v in per_kind.values()), sum(v[1] for v in per_kind.values())
    return {"by_kind": fmt(per_kind), "by_language": fmt(per_lang),
            "overall": {"correct": total[0], "n": total[1], "accuracy": round(total[0] / max(1, total[1]), 3)}}
