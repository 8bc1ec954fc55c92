"""Each encoder layer's attention runs as one operator in the shipped graphs (training/fuse_attention.py)."""
from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pytest

from models.exact_int8 import _GRAPH_NODE, _MODEL_GRAPH, _NODE_OP_TYPE, _fields

ROOT = Path(__file__).resolve().parents[1]
MODELS = ("multilingual", "embedded")


def op_types(path: Path) -> Counter:
    """How many nodes of each operator the graph has, read from the protobuf wire format."""
    fd = os.open(path, os.O_RDONLY)
    try:
        def read(offset: int, n: int) -> bytes:
            return os.pread(fd, n, offset)

        size = path.stat().st_size
        count: Counter = Counter()
        for f, w, s, e, _ in _fields(read, 0, size):
            if f != _MODEL_GRAPH or w != 2:
                continue
            for gf, gw, ns, ne, _ in _fields(read, s, e):
                if gf == _GRAPH_NODE and gw == 2:
                    node = read(ns, ne - ns)
                    ops = [node[a:b].decode() for nf, nw, a, b, _ in _fields(lambda o, n: node[o:o + n], 0, len(node))
                           if nf == _NODE_OP_TYPE and nw == 2]
                    count[ops[0] if ops else ""] += 1
        return count
    finally:
        os.close(fd)


@pytest.mark.parametrize("name", MODELS)
def test_the_shipped_graphs_run_each_layers_attention_as_one_operator(name):
    model_dir = ROOT / "models" / name
    layers = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))["num_hidden_layers"]
    ops = op_types(model_dir / "model.int8.onnx")
    assert ops["MultiHeadAttention"] == layers
    # the unfused attention's pieces are gone: softmax, the all -inf guard, the head transposes
    assert ops["Softmax"] == 0 and ops["IsNaN"] == 0 and ops["Transpose"] == 0
    # query, key and value: one int8 product per layer (merge_projections), split for the attention
    assert ops["MatMulInteger"] == 4 * layers + 2 and ops["Split"] == layers


def test_fusing_is_idempotent_and_refuses_a_graph_it_does_not_know():
    onnx = pytest.importorskip("onnx")
    from onnx import TensorProto, helper

    from training.fuse_attention import FuseError, fuse, merge_projections

    model = onnx.load(str(ROOT / "models" / "embedded" / "model.int8.onnx"))
    before = [n.SerializeToString() for n in model.graph.node]
    assert fuse(model, 12) == 0  # already fused and merged: nothing to do, nothing changed
    assert merge_projections(model) == 0
    assert [n.SerializeToString() for n in model.graph.node] == before

    # a layer whose attention is not the exporter's: refused, not half-fused
    x = helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["b", "s"])
    y = helper.make_tensor_value_info("/m/bert/encoder/layer.0/attention/self/out", TensorProto.FLOAT, None)
    node = helper.make_node("Cast", ["attention_mask"], ["/m/bert/encoder/layer.0/attention/self/out"],
                            to=TensorProto.FLOAT)
    foreign = helper.make_model(helper.make_graph([node], "g", [x], [y]))
    with pytest.raises(FuseError, match="layer 0"):
        fuse(foreign, 12)
    assert len(foreign.graph.node) == 1


def _toy_layer(rng):
    """One exporter-shaped attention layer (hidden 8, 2 heads) with random int8 projections."""
    import numpy as np
    from onnx import TensorProto, helper, numpy_helper

    p = "/m/bert/encoder/layer.0/attention/self/"
    nodes = [helper.make_node("Cast", ["attention_mask"], ["attention_mask_int32"], to=TensorProto.INT32),
             helper.make_node("DynamicQuantizeLinear", ["x"], ["xq", "xs", "xzp"])]
    inits = []
    for part in ("query", "key", "value"):
        q = f"{p}{part}/"
        inits += [numpy_helper.from_array(rng.integers(-128, 128, (8, 8)).astype(np.int8), q + "w"),
                  numpy_helper.from_array(rng.integers(-3, 4, 8).astype(np.int8), q + "zp"),
                  numpy_helper.from_array(rng.uniform(0.001, 0.02, 8).astype(np.float32), q + "s"),
                  numpy_helper.from_array(rng.normal(0, 0.5, 8).astype(np.float32), q + "b")]
        nodes += [helper.make_node("Mul", ["xs", q + "s"], [q + "sm"]),
                  helper.make_node("MatMulInteger", ["xq", q + "w", "xzp", q + "zp"], [q + "i"]),
                  helper.make_node("Cast", [q + "i"], [q + "f"], to=TensorProto.FLOAT),
                  helper.make_node("Mul", [q + "f", q + "sm"], [q + "m"]),
                  helper.make_node("Add", [q + "b", q + "m"], [q + "Add_output_0"])]
    nodes.append(helper.make_node("MultiHeadAttention", [f"{p}{x}/Add_output_0" for x in ("query", "key", "value")]
                                  + ["", "attention_mask_int32"], ["out"], name=p + "MultiHeadAttention",
                                  domain="com.microsoft", num_heads=2))
    graph = helper.make_graph(nodes, "toy", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, "s", 8]),
                                             helper.make_tensor_value_info("attention_mask", TensorProto.INT64, [1, "s"])],
                              [helper.make_tensor_value_info("out", TensorProto.FLOAT, None)], initializer=inits)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("com.microsoft", 1)])


def test_merged_projections_give_exactly_the_same_outputs(tmp_path):
    """Query, key and value projections merged into one int8 product: the same numbers, bit for
    bit, with signed and with unsigned weights (models/exact_int8.py); the weights, scales and
    biases are kept once each."""
    np = pytest.importorskip("numpy")
    onnx = pytest.importorskip("onnx")
    import onnxruntime as ort

    from models.onnx_backend import load_session, session_options
    from training.fuse_attention import merge_projections

    rng = np.random.default_rng(7)
    model = _toy_layer(rng)
    onnx.save(model, str(tmp_path / "separate.onnx"))
    assert merge_projections(model) == 1
    assert [n.op_type for n in model.graph.node].count("MatMulInteger") == 1
    assert len(model.graph.initializer) == 5  # merged weight, zero point, scale, bias; the split
    onnx.save(model, str(tmp_path / "merged.onnx"))
    assert merge_projections(model) == 0  # nothing left to merge
    feeds = [{"x": rng.normal(0, 1, (1, n, 8)).astype(np.float32), "attention_mask": np.ones((1, n), np.int64)}
             for n in (1, 5, 13)]
    for weights in ("signed", "unsigned"):
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("MODERATOR_INT8_WEIGHTS", weights)
            a, b = (load_session(ort, [tmp_path / f], session_options(ort, 1, False))
                    for f in ("separate.onnx", "merged.onnx"))
        for feed in feeds:
            assert np.array_equal(a.run(["out"], feed)[0], b.run(["out"], feed)[0])


@pytest.mark.slow
def test_exporting_the_english_checkpoint_again_gives_the_shipped_graph(tmp_path):
    """The reproducible path: checkpoint -> ONNX -> int8 -> attention fused -> projections merged
    (training/export_onnx.py) gives a graph that scores exactly as the shipped one."""
    np = pytest.importorskip("numpy")
    pytest.importorskip("onnx")
    pytest.importorskip("torch")
    import onnxruntime as ort
    from tokenizers import Tokenizer

    from models.onnx_backend import load_session, session_options
    from training.export_onnx import export

    model_dir = ROOT / "models" / "embedded"
    out = export(model_dir, tmp_path / "model.int8.onnx", tmp_path / "cache")
    assert op_types(out) == op_types(model_dir / "model.int8.onnx")
    tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    shipped, again = (load_session(ort, [p], session_options(ort, 1, False)) for p in (model_dir / "model.int8.onnx", out))
    for text in ("Well done to Year 4 for a brilliant assembly!", "shut up you pathetic loser nobody cares", "ok"):
        ids = np.array([tok.encode(text).ids], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
        if "token_type_ids" in {i.name for i in shipped.get_inputs()}:
            feed["token_type_ids"] = np.zeros_like(ids)
        assert np.array_equal(shipped.run(["logits"], feed)[0], again.run(["logits"], feed)[0]), text
