"""Print markdown tables for models/README.md from models/embedded/validation.json (+ benchmark JSON).

    .venv/bin/python -m training.render_card [--bench training/runs/benchmark.json]
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LABELS = ("toxicity", "severe_toxicity", "obscene", "threat", "insult", "identity_attack")


def fmt(x):
    return "-" if x is None else f"{x:.3f}" if isinstance(x, float) else str(x)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--validation", type=Path, default=ROOT / "models" / "embedded" / "validation.json")
    ap.add_argument("--bench", type=Path, default=None)
    a = ap.parse_args()
    v = json.loads(a.validation.read_text())
    for backend in ("pytorch", "onnx_int8"):
        r = v[backend]
        print(f"\n#### {backend}: ROC AUC / AP / F1 at the hiding threshold (n, positives)\n")
        print("| source | label | ROC AUC | AP | F1@hide | n | pos |")
        print("|---|---|---|---|---|---|---|")
        for src, labs in r["per_source"].items():
            for lab, d in labs.items():
                print(f"| {src} | {lab} | {fmt(d.get('roc_auc'))} | {fmt(d.get('ap'))} | {fmt(d.get('f1_at_hide'))} | {d['n']} | {d['positives']} |")
        for lab, d in r["pooled_english"].items():
            print(f"| **English pooled** | {lab} | {fmt(d.get('roc_auc'))} | {fmt(d.get('ap'))} | {fmt(d.get('f1_at_hide'))} | {d['n']} | {d['positives']} |")
        o = r["olid_toxicity"]
        print(f"\nOLID toxicity macro F1 at {o['threshold']}: **{o['macro_f1']}** (at 0.5: {o['macro_f1_at_0.5']}; "
              f"n={o['n']})")
    print("\nONNX vs PyTorch:", json.dumps(v["onnx_vs_pytorch"]))
    print("\n| backend | label | AUC plain | AUC obfuscated | gap | AUC obfuscated, no normaliser |")
    print("|---|---|---|---|---|---|")
    for backend in ("pytorch", "onnx_int8"):
        for lab, d in v["obfuscation"][backend]["labels"].items():
            print(f"| {backend} | {lab} | {fmt(d['auc_plain'])} | {fmt(d['auc_obfuscated'])} | {fmt(d['gap'])} | "
                  f"{fmt(d['auc_obfuscated_without_normaliser'])} |")
    if a.bench and a.bench.is_file():
        b = json.loads(a.bench.read_text())
        print("\n| backend | comments/s batch 1 | comments/s batch 32 | peak RSS MB | import+load s | cold start s |")
        print("|---|---|---|---|---|---|")
        for r in b["results"]:
            print(f"| {r['backend']} | {r['comments_per_s_batch1']} | {r['comments_per_s_batch32']} | {r['peak_rss_mb']} | "
                  f"{r['import_load_s']} | {r['cold_start_s']} |")
        for k, x in b["ratios"].items():
            print(f"- {k}: {x}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
