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
    # the int8 projections are untouched (models/exact_int8.py rewrites their weights)
    assert ops["MatMulInteger"] == 6 * layers + 2


def test_fusing_is_idempotent_and_refuses_a_graph_it_does_not_know():
    onnx = pytest.importorskip("onnx")
    from onnx import TensorProto, helper

    from training.fuse_attention import FuseError, fuse

    model = onnx.load(str(ROOT / "models" / "embedded" / "model.int8.onnx"))
    before = [n.SerializeToString() for n in model.graph.node]
    assert fuse(model, 12) == 0  # already fused: nothing to do, nothing changed
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
