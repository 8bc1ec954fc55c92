"""Fuse each encoder layer's self-attention in an exported int8 graph into one operator.

    .venv/bin/python -m training.fuse_attention models/multilingual     # rewrites model.int8.onnx
    .venv/bin/python -m training.fuse_attention models/embedded --check-only

``torch.onnx.export`` writes a BERT layer's attention as some forty small operators: reshapes and
transposes into heads, the scaled product of queries and keys, the padding mask turned into
``-inf`` and added, softmax, a guard against rows that are all ``-inf``, the product with the
values and the reshape back. At batch 1 most of the graph's run time outside the matrix products
is spent starting those operators (benchmarks/model_speed.py). onnxruntime's
``com.microsoft.MultiHeadAttention`` does the same computation in one: queries, keys and values
(after their int8 projections, which are left exactly as they are: the same weights, the same
dynamic quantisation), the key padding mask, and the default scale 1/sqrt(head size).

Each layer's query, key and value projections are then merged into one int8 product three times
as wide (``merge_projections``): the same integers, scales and biases side by side, split after, so
one kernel starts instead of three. That step is exact (identical outputs, checked on 200 comments
in both models).

What the attention fusion changes is the order of a few floating-point operations inside attention, and dynamic int8
quantisation carries such last-bit differences on: on 160 tweets the logits moved by 0.016 on
average and by at most 0.37 (a reading's own noise; see models/README.md), and the shipped
heads, readers and recorded scores were measured again on the fused graphs before they shipped.

The graphs come from training/export_onnx.py, whose node names this relies on (``/m/bert/encoder/
layer.N/attention/self/...``); anything else is refused with a clear error, and so is a graph whose
fused scores stray from the unfused graph's by more than ``--tolerance`` on the check texts. The
rewrite is idempotent (a fused graph has nothing left to fuse). Needs the ``onnx`` package
(``pip install -e .[train]``); the service itself does not.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MASK = "attention_mask_int32"
LAYER = re.compile(r"^/m/bert/encoder/layer\.(\d+)/attention/self/")
CHECK_TEXTS = (
    "Well done to Year 4 for a brilliant assembly this morning!",
    "@user you are a complete idiot and everyone at that school knows it",
    "Can someone tell me when the PTA meeting is? The newsletter didn't say.",
    "Les réfugiés sont les bienvenus dans notre école.",
    "Wszyscy uchodźcy są pasożytami",
    "المهاجرون وباء",
    "My son came home in tears again because of the bullying, nothing is being done about it",
    "",
)


class FuseError(ValueError):
    """The graph is not one this tool can fuse."""


def num_heads(model_dir: Path) -> int:
    cfg = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    heads = cfg.get("num_attention_heads")
    if not isinstance(heads, int) or heads < 1:
        raise FuseError(f"{model_dir / 'config.json'} has no num_attention_heads")
    return heads


def fuse(model, heads: int) -> int:  # noqa: ANN001 - an onnx.ModelProto, changed in place
    """Replace each layer's attention in ``model`` by one MultiHeadAttention node; return how many
    layers were fused (0 when there is nothing left to fuse)."""
    from onnx import TensorProto, helper

    graph = model.graph
    nodes = list(graph.node)
    produced = {out for n in nodes for out in n.output}
    layers = sorted({int(m.group(1)) for n in nodes for out in n.output if (m := LAYER.match(out))})
    replace: dict[str, object] = {}
    fused = {n.name for n in nodes if n.op_type == "MultiHeadAttention"}
    for layer in layers:
        prefix = f"/m/bert/encoder/layer.{layer}/attention/self/"
        if prefix + "MultiHeadAttention" in fused:
            continue  # fused already
        q, k, v = (f"{prefix}{part}/Add_output_0" for part in ("query", "key", "value"))
        missing = [t for t in (q, k, v) if t not in produced]
        if missing:
            raise FuseError(f"layer {layer}: no {missing[0]} (not a graph from training/export_onnx.py)")
        # the context: heads merged back, [batch, seq, hidden], what the output projection reads
        ends = [n for n in nodes if n.op_type == "Reshape" and n.output[0].startswith(prefix + "Reshape_")
                and n.input[0].startswith(prefix + "Transpose_")]
        if len(ends) != 1:
            raise FuseError(f"layer {layer}: expected one reshape back from heads, found {len(ends)}")
        out = ends[0].output[0]
        replace[out] = helper.make_node("MultiHeadAttention", [q, k, v, "", MASK], [out],
                                        name=prefix + "MultiHeadAttention", domain="com.microsoft",
                                        num_heads=heads)
    if not replace:
        return 0
    if "attention_mask" not in {i.name for i in graph.input}:
        raise FuseError("the graph has no attention_mask input")
    rewritten = [helper.make_node("Cast", ["attention_mask"], [MASK], name="attention_mask_int32", to=TensorProto.INT32)]
    rewritten += [replace.get(n.output[0], n) if n.output else n for n in nodes]
    # keep what the outputs need and every layer's output (training/heads.py reads some of them)
    need = {o.name for o in graph.output}
    need |= {out for n in nodes for out in n.output
             if re.match(r"^/m/bert/encoder/layer\.\d+/output/LayerNorm/LayerNormalization_output_0$", out)}
    need |= {out for n in nodes for out in n.output if out.startswith("/m/bert/pooler/")}
    live = []
    for n in reversed(rewritten):
        if any(o in need for o in n.output):
            live.append(n)
            need.update(i for i in n.input if i)
    live.reverse()
    del graph.node[:]
    graph.node.extend(live)
    if not any(o.domain == "com.microsoft" for o in model.opset_import):
        model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    return len(replace)


def merge_projections(model) -> int:  # noqa: ANN001 - an onnx.ModelProto, changed in place
    """Merge each fused layer's query, key and value projections into one int8 product of three
    times the width, split after: the same integers (the weights, their per-column scales and zero
    points and the biases side by side), one quantised input, one kernel started instead of three.
    Returns how many layers were merged."""
    import numpy as np
    from onnx import helper, numpy_helper

    graph = model.graph
    nodes = list(graph.node)
    by_out = {o: n for n in nodes for o in n.output}
    position = {id(n): i for i, n in enumerate(nodes)}
    inits = {i.name: i for i in graph.initializer}
    drop: set[int] = set()
    added_nodes, added_inits, merged = {}, [], 0
    for mha in [n for n in nodes if n.op_type == "MultiHeadAttention"]:
        chain = []
        for out in mha.input[:3]:
            add = by_out.get(out)
            mul = by_out.get(add.input[1]) if add is not None and add.op_type == "Add" else None
            cast = by_out.get(mul.input[0]) if mul is not None and mul.op_type == "Mul" else None
            mmi = by_out.get(cast.input[0]) if cast is not None and cast.op_type == "Cast" else None
            smul = by_out.get(mul.input[1]) if mul is not None else None
            if mmi is None or mmi.op_type != "MatMulInteger" or smul is None or smul.op_type != "Mul" \
                    or add.input[0] not in inits or mmi.input[1] not in inits or smul.input[1] not in inits:
                chain = []
                break
            chain.append((add, mul, cast, mmi, smul))
        if len(chain) != 3 or len({(c[3].input[0], c[3].input[2], c[4].input[0]) for c in chain}) != 1:
            continue  # not three projections of one quantised input: left as it is
        prefix = mha.name.rsplit("/", 1)[0] + "/qkv/"
        arrays = {}
        for what, pick in (("weight", lambda c: c[3].input[1]), ("zero_point", lambda c: c[3].input[3]),
                           ("scale", lambda c: c[4].input[1]), ("bias", lambda c: c[0].input[0])):
            parts = [numpy_helper.to_array(inits[pick(c)]) for c in chain]
            arrays[what] = np.concatenate(parts, axis=-1)
            added_inits.append(numpy_helper.from_array(arrays[what], prefix + what))
        width = [int(numpy_helper.to_array(inits[c[0].input[0]]).shape[-1]) for c in chain]
        x_q, _, x_zp, _ = chain[0][3].input
        x_scale = chain[0][4].input[0]
        split = prefix + "split"
        added_inits.append(numpy_helper.from_array(np.array(width, dtype=np.int64), split))
        places = {position[id(node)] for c in chain for node in c}
        first = min(places)
        added_nodes[first] = [
            helper.make_node("Mul", [x_scale, prefix + "scale"], [prefix + "scales_mul"], name=prefix + "ScalesMul"),
            helper.make_node("MatMulInteger", [x_q, prefix + "weight", x_zp, prefix + "zero_point"],
                             [prefix + "product"], name=prefix + "MatMulInteger"),
            helper.make_node("Cast", [prefix + "product"], [prefix + "product_float"], name=prefix + "Cast", to=1),
            helper.make_node("Mul", [prefix + "product_float", prefix + "scales_mul"], [prefix + "scaled"],
                             name=prefix + "Mul"),
            helper.make_node("Add", [prefix + "bias", prefix + "scaled"], [prefix + "output"], name=prefix + "Add"),
            helper.make_node("Split", [prefix + "output", split], list(mha.input[:3]), name=prefix + "Split", axis=-1),
        ]
        drop.update(places)
        merged += 1
    if not merged:
        return 0
    rewritten = []
    for i, n in enumerate(nodes):
        rewritten.extend(added_nodes.get(i, []))
        if i not in drop:
            rewritten.append(n)
    del graph.node[:]
    graph.node.extend(rewritten)
    graph.initializer.extend(added_inits)
    used = {i for n in graph.node for i in n.input}
    keep = [t for t in graph.initializer if t.name in used]
    del graph.initializer[:]
    graph.initializer.extend(keep)
    return merged


def max_logit_difference(model_dir: Path, a: Path, b: Path) -> float:
    """The largest difference between the two graphs' logits, each check text scored alone."""
    import numpy as np
    import onnxruntime as ort
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    sessions = [ort.InferenceSession(str(p), providers=["CPUExecutionProvider"]) for p in (a, b)]
    worst = 0.0
    for text in CHECK_TEXTS:
        ids = np.array([tok.encode(text).ids[:256]], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
        got = [s.run(["logits"], feed)[0] for s in sessions]
        worst = max(worst, float(np.abs(got[0] - got[1]).max()))
    return worst


def main(argv=None) -> int:
    import shutil
    import tempfile

    import onnx

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model_dir", type=Path)
    ap.add_argument("--graph", default="model.int8.onnx")
    ap.add_argument("--tolerance", type=float, default=1.0, help="largest logit difference allowed (default 1.0)")
    ap.add_argument("--check-only", action="store_true", help="fuse into a temporary file and report; change nothing")
    a = ap.parse_args(argv)
    src = a.model_dir / a.graph
    model = onnx.load(str(src))
    before = len(model.graph.node)
    fused = fuse(model, num_heads(a.model_dir))
    merged = merge_projections(model)
    if not fused and not merged:
        print(f"{src}: nothing to fuse")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "fused.onnx"
        onnx.save(model, str(out))
        diff = max_logit_difference(a.model_dir, src, out)
        print(f"{src}: {fused} layers' attention fused, {merged} layers' projections merged, "
              f"{before} -> {len(model.graph.node)} nodes; "
              f"largest logit difference on {len(CHECK_TEXTS)} check texts {diff:.4f}")
        if diff > a.tolerance:
            raise SystemExit(f"refused: the fused graph strays by {diff:.4f} (> {a.tolerance})")
        if not a.check_only:
            shutil.copyfile(out, src)
            print(f"wrote {src} ({src.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
