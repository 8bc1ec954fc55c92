"""Fast path: the embedded model as ONNX Runtime int8, with no torch / transformers import.

Tokenises with the ``tokenizers`` fast tokenizer (``tokenizer.json``) and runs
``<model_dir>/model.int8.onnx`` (made by training/export_onnx.py). ``supported_languages`` (ISO
639-1 codes the model was validated on) comes from ``<model_dir>/card.json``. Options:

* ``model_dir`` (default models/multilingual, the shipped model; env ``MODERATOR_EMBEDDED_DIR``;
  models/embedded is the previous English-only MiniLM model, registered as ``embedded-en-onnx``),
  ``model_path``
* ``batch_size`` (default 1), ``max_length`` (default: as trained, from tokenizer_config.json)

Why batch 1 by default: dynamic int8 quantisation picks activation scales per batch, so a
text's scores move slightly (~0.003) with its batch-mates; scoring one text per run makes every
score reproducible on its own, and on a CPU it is as fast or faster (no padding; see
benchmarks/model_speed.py). Larger batches are still chunked, sorted by length.
* ``threads`` (ONNX Runtime intra-op threads; default 0 = ORT's choice)
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Sequence

from models.base import ClassifierError
from models.normalise import model_text

DEFAULT_DIR = Path(__file__).resolve().parent / "multilingual"  # the shipped model
ENGLISH_DIR = Path(__file__).resolve().parent / "embedded"  # the previous English-only model
LABELS = ("toxicity", "severe_toxicity", "obscene", "threat", "insult", "identity_attack")


def _labels_from_config(model_dir: Path) -> tuple[str, ...]:
    import json

    try:
        cfg = json.loads((model_dir / "config.json").read_text())
        id2label = cfg["id2label"]
        return tuple(id2label[str(i)] for i in range(len(id2label)))
    except (OSError, ValueError, KeyError):
        return LABELS


def read_card(model_dir: Path) -> dict:
    """The model folder's machine-readable card (card.json), or {} when there is none."""
    import json

    try:
        card = json.loads((Path(model_dir) / "card.json").read_text(encoding="utf-8"))
        return card if isinstance(card, dict) else {}
    except (OSError, ValueError):
        return {}


def supported_languages_of(model_dir: Path, default: frozenset[str] = frozenset({"en"})) -> frozenset[str]:
    """ISO 639-1 codes the model in ``model_dir`` was validated on (card.json
    ``supported_languages``); ``default`` when the folder has no card (the English-only model)."""
    langs = read_card(model_dir).get("supported_languages")
    if isinstance(langs, list) and all(isinstance(x, str) for x in langs):
        return frozenset(x.strip().lower() for x in langs if x.strip())
    return frozenset(default)


def _sha(path: Path, n: int = 12) -> str:
    import hashlib

    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:n]


class OnnxClassifier:
    name = "embedded-minilm-l6-onnx-int8"

    def __init__(self, model_dir: str | None = None, model_path: str | None = None, batch_size: int = 1,
                 max_length: int | None = None, threads: int = 0, **_: Any) -> None:
        self.model_dir = Path(model_dir or os.environ.get("MODERATOR_EMBEDDED_DIR") or DEFAULT_DIR).resolve()
        path = Path(model_path) if model_path else self.model_dir / "model.int8.onnx"
        tok_path = self.model_dir / "tokenizer.json"
        for p in (path, tok_path):
            if not p.is_file():
                raise ClassifierError(f"{self.name}: missing {p}; run training/export_onnx.py or set model_dir")
        try:
            import numpy as np
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ClassifierError(f"{self.name} needs onnxruntime and tokenizers: {exc}") from exc
        from models.embedded import _trained_max_length as trained_max_length  # no torch import

        self._np = np
        self.max_length = int(max_length or trained_max_length(self.model_dir))
        self.batch_size = max(1, int(batch_size))
        self._tok = Tokenizer.from_file(str(tok_path))
        self._tok.no_padding()
        self._tok.enable_truncation(max_length=self.max_length)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = int(threads)
        opts.inter_op_num_threads = 1
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        try:
            self._sess = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
        except Exception as exc:  # noqa: BLE001
            raise ClassifierError(f"{self.name}: cannot load {path}: {exc}") from exc
        self._inputs = {i.name for i in self._sess.get_inputs()}
        self.labels: tuple[str, ...] = _labels_from_config(self.model_dir)
        self.version = _sha(path)
        pad = self._tok.token_to_id("[PAD]")
        self._pad_id = pad if pad is not None else (self._tok.token_to_id("<pad>") or 0)
        card = read_card(self.model_dir)
        if isinstance(card.get("name"), str):
            self.name = card["name"] + "-onnx-int8"
        self.supported_languages: frozenset[str] = supported_languages_of(self.model_dir)

    def score(self, texts: Sequence[str]) -> list[dict[str, float]]:
        if isinstance(texts, str):
            raise TypeError("score() takes a sequence of texts, not a single string")
        np = self._np
        cap = self.max_length * 24
        prepared = [model_text(("" if t is None else str(t))[:cap]) for t in texts]
        order = sorted(range(len(prepared)), key=lambda i: len(prepared[i]))
        out: list[dict[str, float] | None] = [None] * len(prepared)
        for start in range(0, len(order), self.batch_size):
            rows = order[start : start + self.batch_size]
            encs = self._tok.encode_batch([prepared[i] for i in rows])
            L = max(len(e.ids) for e in encs)
            ids = np.full((len(rows), L), self._pad_id, dtype=np.int64)
            att = np.zeros((len(rows), L), dtype=np.int64)
            for j, e in enumerate(encs):
                ids[j, : len(e.ids)] = e.ids
                att[j, : len(e.ids)] = 1
            feed = {"input_ids": ids, "attention_mask": att}
            if "token_type_ids" in self._inputs:
                feed["token_type_ids"] = np.zeros_like(ids)
            logits = self._sess.run(None, feed)[0].astype(np.float64)
            probs = 1.0 / (1.0 + np.exp(-logits))
            for j, i in enumerate(rows):
                out[i] = {lab: float(probs[j, k]) for k, lab in enumerate(self.labels)}
        return out  # type: ignore[return-value]


def english(**options: Any) -> OnnxClassifier:
    """The previous English-only model (models/embedded, MiniLM-L6), for comparison."""
    options.setdefault("model_dir", str(ENGLISH_DIR))
    return OnnxClassifier(**options)
