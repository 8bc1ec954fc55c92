"""Export the shipped embedded checkpoint to ONNX, quantise it (dynamic int8) and fuse each layer's
attention into one operator (training/fuse_attention.py).

    .venv/bin/python -m training.export_onnx            # models/embedded -> models/embedded/model.int8.onnx

The fp32 intermediate goes to training/cache/ (git-ignored); only the int8 file is shipped.
Inputs: input_ids, attention_mask (int64, [batch, seq]); output: logits [batch, 6].
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def export(model_dir: Path, out: Path, cache: Path) -> Path:
    import torch

    from models.detoxify_published import load_detoxify_offline

    torch.set_num_threads(2)
    det = load_detoxify_offline(model_dir / "checkpoint.ckpt", model_dir)
    model = det.model.float().eval()
    # Wrap so the graph has exactly two inputs and one output named "logits".

    class Wrapper(torch.nn.Module):
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, input_ids, attention_mask):
            return self.m(input_ids=input_ids, attention_mask=attention_mask).logits

    w = Wrapper(model).eval()
    ids = torch.tensor([[101, 7592, 2088, 102, 0], [101, 2017, 2024, 2307, 102]], dtype=torch.long)
    att = (ids != 0).long()
    cache.mkdir(parents=True, exist_ok=True)
    fp32 = cache / "model.fp32.onnx"
    with torch.no_grad():
        torch.onnx.export(
            w, (ids, att), str(fp32), input_names=["input_ids", "attention_mask"], output_names=["logits"],
            dynamic_axes={"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"},
                          "logits": {0: "batch"}},
            opset_version=17, dynamo=False)
    from onnxruntime.quantization import QuantType, quantize_dynamic

    tmp = out.with_suffix(".tmp.onnx")
    # per-channel weight scales: same speed, ~2.5x smaller probability error than per-tensor
    quantize_dynamic(str(fp32), str(tmp), weight_type=QuantType.QInt8, per_channel=True)
    # each layer's attention as one operator: faster at batch 1 (training/fuse_attention.py)
    import onnx

    from training.fuse_attention import fuse, merge_projections, num_heads

    graph = onnx.load(str(tmp))
    fuse(graph, num_heads(model_dir))
    merge_projections(graph)
    onnx.save(graph, str(tmp))
    tmp.replace(out)
    # sanity: compare with PyTorch on the toy batch
    import numpy as np
    import onnxruntime as ort

    sess = ort.InferenceSession(str(out), providers=["CPUExecutionProvider"])
    got = sess.run(["logits"], {"input_ids": ids.numpy(), "attention_mask": att.numpy()})[0]
    with torch.no_grad():
        ref = w(ids, att).numpy()
    print(f"max |logit diff| int8 vs torch on toy batch: {np.abs(got - ref).max():.4f}")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model-dir", type=Path, default=ROOT / "models" / "embedded")
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--cache", type=Path, default=ROOT / "training" / "cache" / "onnx")
    a = ap.parse_args(argv)
    t = time.time()
    out = export(a.model_dir, a.out or a.model_dir / "model.int8.onnx", a.cache)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB) in {time.time() - t:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
