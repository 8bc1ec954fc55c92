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


def trained_max_length(model_dir: Path, default: int = 80) -> int:
    """The token length the model in ``model_dir`` was trained with (tokenizer_config.json), 8-512."""
    import json

    try:
        cfg = json.loads((Path(model_dir) / "tokenizer_config.json").read_text())
        n = int(cfg.get("model_max_length", default))
        return n if 8 <= n <= 512 else default
    except (OSError, ValueError, TypeError):
        return default


def supported_languages_of(model_dir: Path, default: frozenset[str] = frozenset({"en"})) -> frozenset[str]:
    """ISO 639-1 codes the model in ``model_dir`` was validated on (card.json
    ``supported_languages``); ``default`` when the folder has no card (the English-only model)."""
    langs = read_card(model_dir).get("supported_languages")
    if isinstance(langs, list) and all(isinstance(x, str) for x in langs):
        return frozenset(x.strip().lower() for x in langs if x.strip())
    return frozenset(default)


def session_options(ort, threads: int, spin_wait: bool):  # noqa: ANN001, ANN201 - the onnxruntime module
    """Every session's options: ``threads`` intra-op threads (0 = ORT's choice), one inter-op.
    ORT's pool threads busy-wait for more work after each run by default. On the small CPUs a
    worker runs on (2 cores) that spinning takes the cores the next session (the routed default
    runs two), the Python side and other processes need: without it the routed default scored
    2.5-3x more comments/s at batch 1 on a 2-core machine, also when the benchmark ran at the
    highest priority (benchmarks/model_speed.py). ``spin_wait=True`` restores it."""
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = int(threads)
    opts.inter_op_num_threads = 1
    opts.add_session_config_entry("session.intra_op.allow_spinning", "1" if spin_wait else "0")
    return opts


def load_session(ort, parts: Sequence[Path], opts):  # noqa: ANN001, ANN201 - the onnxruntime module, its options
    """An onnxruntime session on the graph ``parts`` joined (the graph, then any suffix adding
    outputs), with its int8 weights read as unsigned bytes where this CPU would not multiply signed
    ones exactly, so that every CPU computes the same scores (models/exact_int8.py). The joined,
    rewritten graph is an in-memory file on Linux (a temporary file elsewhere), written and
    rewritten a piece at a time and closed once loaded: InferenceSession keeps a bytes object it is
    given for its whole life (a second copy of the weights), and reads a file once."""
    import shutil
    import tempfile

    from models.exact_int8 import to_unsigned_weights, unsigned_weights_wanted

    unsigned = unsigned_weights_wanted()

    def fill(fd: int) -> None:
        with open(fd, "wb", closefd=False) as dst:
            for part in parts:
                with open(part, "rb") as src:
                    shutil.copyfileobj(src, dst, 1 << 20)
        if unsigned:
            to_unsigned_weights(fd, Path(parts[0]).stat().st_size)

    providers = ["CPUExecutionProvider"]
    if hasattr(os, "memfd_create") and Path("/proc/self/fd").is_dir():
        fd = os.memfd_create("model.int8.onnx", 0)
        try:
            fill(fd)
            return ort.InferenceSession(f"/proc/self/fd/{fd}", opts, providers=providers)
        finally:
            os.close(fd)
    tmp = tempfile.NamedTemporaryFile(suffix=".onnx", delete=False)
    try:
        fill(tmp.fileno())
        tmp.close()
        return ort.InferenceSession(tmp.name, opts, providers=providers)
    finally:
        tmp.close()
        os.unlink(tmp.name)


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
                 max_length: int | None = None, threads: int = 0, spin_wait: bool = False, **_: Any) -> None:
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

        self._np = np
        self.max_length = int(max_length or trained_max_length(self.model_dir))
        self.batch_size = max(1, int(batch_size))
        self._tok = Tokenizer.from_file(str(tok_path))
        self._tok.no_padding()
        self._tok.enable_truncation(max_length=self.max_length)
        opts = session_options(ort, threads, spin_wait)
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # The heads' feature outputs: a few bytes appended to the shipped graph (training/heads.py).
        suffix = self.model_dir / FEATURE_SUFFIX
        joined = not model_path and suffix.is_file()
        try:
            self._sess = load_session(ort, [path, suffix] if joined else [path], opts)
        except Exception as exc:  # noqa: BLE001
            raise ClassifierError(f"{self.name}: cannot load {path}: {exc}") from exc
        self._inputs = {i.name for i in self._sess.get_inputs()}
        self.labels: tuple[str, ...] = _labels_from_config(self.model_dir)
        self.version = _sha(path)
        pad = self._tok.token_to_id("[PAD]")
        self._pad_id = pad if pad is not None else (self._tok.token_to_id("<pad>") or 0)
        outputs = {o.name for o in self._sess.get_outputs()}
        self._features = FEATURE_OUTPUTS <= outputs
        self.heads = load_heads(self.model_dir, threads, spin_wait) if self._features else None
        if self.heads is not None:  # the heads are part of the model: "<weights sha>+h<heads sha>"
            self.version = f"{self.version}+h{self.heads.version}"
        # English toxicity readers on the same features (training/readers.py), for models.routed
        self.readers = load_readers(self.model_dir) if self._features else None
        if self.readers is not None:
            self.version = f"{self.version}+r{self.readers.version}"
        self._reads = tuple(n for n in FEATURE_OUTPUTS_ORDER
                            if (self.heads is not None and n in self.heads.reads) or self.readers is not None)
        card = read_card(self.model_dir)
        if isinstance(card.get("name"), str):
            self.name = card["name"] + "-onnx-int8"
        self.supported_languages: frozenset[str] = supported_languages_of(self.model_dir)
        # the languages whose meaning the heads were validated on (may go beyond the toxicity labels')
        self.heads_languages: frozenset[str] = self.heads.languages if self.heads is not None else frozenset()

    def score(self, texts: Sequence[str], readers: bool = False) -> list[dict[str, float]]:
        """Per text, each label's probability and, with heads, each head's as ``head_<signal>``;
        with ``readers`` (models.routed, for English comments) also the English toxicity readers'
        raw probabilities as ``reader_<label>``."""
        if isinstance(texts, str):
            raise TypeError("score() takes a sequence of texts, not a single string")
        readers = readers and self.readers is not None
        np = self._np
        cap = self.max_length * 24
        prepared = [model_text(("" if t is None else str(t))[:cap]) for t in texts]
        encoded = self._tok.encode_batch(prepared) if prepared else []
        out: list[dict[str, float] | None] = [None] * len(prepared)
        for rows in similar_length_batches([len(e.ids) for e in encoded], self.batch_size):
            encs = [encoded[i] for i in rows]
            L = max(len(e.ids) for e in encs)
            ids = np.full((len(rows), L), self._pad_id, dtype=np.int64)
            att = np.zeros((len(rows), L), dtype=np.int64)
            for j, e in enumerate(encs):
                ids[j, : len(e.ids)] = e.ids
                att[j, : len(e.ids)] = 1
            feed = {"input_ids": ids, "attention_mask": att}
            if "token_type_ids" in self._inputs:
                feed["token_type_ids"] = np.zeros_like(ids)
            heads = read = None
            if self.heads is None and not readers:
                logits = self._sess.run(["logits"], feed)[0].astype(np.float64)
            else:
                logits, *parts = self._sess.run(["logits", *self._reads], feed)
                logits = logits.astype(np.float64)
                named = dict(zip(self._reads, parts))
                if self.heads is not None:
                    heads = self.heads.score([named[n] for n in self.heads.reads], att)
                if readers:
                    read = self.readers.score([named[n] for n in FEATURE_OUTPUTS_ORDER], att)
            probs = 1.0 / (1.0 + np.exp(-logits))
            for j, i in enumerate(rows):
                out[i] = {lab: float(probs[j, k]) for k, lab in enumerate(self.labels)}
                if heads is not None:
                    out[i].update({HEAD_PREFIX + h: float(heads[j, k]) for k, h in enumerate(self.heads.names)})
                if read is not None:
                    out[i].update({READER_PREFIX + lab: float(read[j, k]) for k, lab in enumerate(self.readers.labels)})
        return out  # type: ignore[return-value]

    def features(self, text: str):
        """The sentence features the heads read (training/heads.py), for one text."""
        np = self._np
        if not self._features:
            raise ClassifierError(f"{self.name}: the model has no feature outputs (training/heads.py --graph)")
        enc = self._tok.encode(model_text(str(text)[: self.max_length * 24]))
        ids = np.array([enc.ids], dtype=np.int64)
        att = np.ones_like(ids)
        feed = {"input_ids": ids, "attention_mask": att}
        if "token_type_ids" in self._inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        parts = self._sess.run(list(FEATURE_OUTPUTS_ORDER), feed)
        return _sentence_features(np, parts, att)[0]


# A batch is padded to its longest text and every padded token costs as much as a real one
# (dynamic int8 quantisation included), so texts of very different lengths are never batched
# together: a batch only takes texts within PAD_SLACK tokens (or an eighth) of its shortest.
# A batch of one is exactly the score at batch size 1.
PAD_SLACK = 2


def similar_length_batches(lengths: Sequence[int], size: int) -> list[list[int]]:
    """Indices into ``lengths`` grouped into batches of at most ``size``, shortest first, each
    within ``PAD_SLACK`` tokens (or an eighth) of its shortest text."""
    order = sorted(range(len(lengths)), key=lengths.__getitem__)
    batches, start = [], 0
    while start < len(order):
        limit = lengths[order[start]] + max(PAD_SLACK, lengths[order[start]] // 8)
        end = start + 1
        while end < len(order) and end - start < max(1, size) and lengths[order[end]] <= limit:
            end += 1
        batches.append(order[start:end])
        start = end
    return batches


# Stance and safeguarding heads (training/heads.py): extra outputs of the same int8 graph, read by a
# logistic regression per signal from models/<dir>/heads.json. Their scores are returned beside the
# toxicity labels as "head_<signal>" (e.g. head_counter_speech, head_child_disclosure).
HEAD_PREFIX = "head_"
FEATURE_OUTPUTS_ORDER = ("pooled", "hidden_last", "hidden_mid")
FEATURE_OUTPUTS = frozenset(FEATURE_OUTPUTS_ORDER)
FEATURE_SUFFIX = "model.int8.features.pb"
CALIBRATED_AT = 0.7  # a head's validated threshold, after the map in Heads.predict


def _sentence_features(np, parts, att):  # noqa: ANN001, ANN202 - numpy module and arrays
    pooled, last, mid = (np.asarray(p, dtype=np.float64) for p in parts)
    m = att[:, :, None].astype(np.float64)
    denom = np.maximum(m.sum(1), 1.0)
    return np.concatenate([pooled, (last * m).sum(1) / denom, (mid * m).sum(1) / denom], axis=1)


class _Logistic:
    """One logistic regression per output on the sentence features (``mean``, ``std``, ``W``, ``b``
    in a heads.json or readers.json spec): the weights the heads and the readers share."""

    def __init__(self, np, spec: dict) -> None:  # noqa: ANN001 - the numpy module
        self.mean = np.asarray(spec["mean"], dtype=np.float64)
        self.std = np.asarray(spec["std"], dtype=np.float64)
        self.W = np.asarray(spec["W"], dtype=np.float64)
        self.b = np.asarray(spec["b"], dtype=np.float64)

    def logits(self, X):  # noqa: ANN001, ANN201 - numpy arrays
        return ((X - self.mean) / self.std) @ self.W.T + self.b


class Heads:
    """Logistic heads: one logistic regression per signal on pooled sentence features."""

    reads = FEATURE_OUTPUTS_ORDER  # the main graph's outputs they need

    def __init__(self, spec: dict, version: str = "", linear: bool = True) -> None:
        import numpy as np

        self.names: tuple[str, ...] = tuple(spec["heads"])
        self.thresholds: dict[str, float] = {k: float(v) for k, v in spec.get("thresholds", {}).items()}
        self.languages: frozenset[str] = _languages(spec)
        self.version = version
        self._np = np
        self._logistic = _Logistic(np, spec) if linear else None  # the logistic regressions' weights

    def _calibrated(self, p):  # noqa: ANN001, ANN202
        np = self._np
        return calibrate(np, p, np.array([self.thresholds.get(h, CALIBRATED_AT) for h in self.names]))

    def predict(self, X):  # noqa: ANN001, ANN201 - numpy arrays
        """Each head's probability, mapped so that its own validated threshold reads as
        ``CALIBRATED_AT``: one policy threshold then means the same for every head and model."""
        return self._calibrated(1.0 / (1.0 + self._np.exp(-self._logistic.logits(X))))

    def score(self, parts, att):  # noqa: ANN001, ANN201 - the main graph's outputs named in ``reads``
        return self.predict(_sentence_features(self._np, parts, att))


class BranchHeads(Heads):
    """Fine-tuned heads (training/branch.py): a copy of the encoder's upper layers, int8 ONNX
    (``heads.int8.onnx``), reading the shipped encoder's ``hidden_mid`` token states; when the spec
    also carries logistic weights, the two readings are averaged in logit space."""

    def __init__(self, spec: dict, path: Path, threads: int = 0, version: str = "", spin_wait: bool = False) -> None:
        import onnxruntime as ort

        super().__init__(spec, version, linear="W" in spec)
        self.reads = FEATURE_OUTPUTS_ORDER if self._logistic is not None else ("hidden_mid",)
        self._sess = load_session(ort, [path], session_options(ort, threads, spin_wait))

    def score(self, parts, att):  # noqa: ANN001, ANN201
        np = self._np
        named = dict(zip(self.reads, parts))
        p = self._sess.run(["heads"], {"hidden_mid": np.asarray(named["hidden_mid"], dtype=np.float32),
                                       "attention_mask": att.astype(np.int64)})[0].astype(np.float64)
        if self._logistic is not None:
            X = _sentence_features(np, [named[n] for n in FEATURE_OUTPUTS_ORDER], att)
            p = with_logits(np, p, self._logistic.logits(X))
        return self._calibrated(p)


def _languages(spec: dict) -> frozenset[str]:
    """The languages the heads were validated on (heads.json ``languages``; none when absent)."""
    langs = spec.get("languages") or []
    return frozenset(x.strip().lower() for x in langs if isinstance(x, str) and x.strip())


def with_logits(np, p, z):  # noqa: ANN001, ANN201 - numpy module and arrays
    """Probabilities ``p`` averaged, in logit space, with a second reading's logits ``z``."""
    p = np.clip(p, 1e-7, 1 - 1e-7)
    return 1.0 / (1.0 + np.exp(-(np.log(p / (1 - p)) + z) / 2))


def calibrate(np, p, t):  # noqa: ANN001, ANN201 - numpy module and arrays
    """A head's probability ``p`` mapped, piecewise linear and monotone, so that its validated
    threshold ``t`` reads as CALIBRATED_AT (0 and 1 stay where they are)."""
    t = np.clip(t, 1e-3, 1 - 1e-3)
    return np.where(p < t, p / t * CALIBRATED_AT, CALIBRATED_AT + (p - t) / (1 - t) * (1 - CALIBRATED_AT))


def load_heads(model_dir: Path, threads: int = 0, spin_wait: bool = False) -> Heads | None:
    """The heads in ``model_dir``/heads.json (with their fine-tuned graph when it names one), or
    None when the folder has none (or they are unreadable)."""
    import json

    folder = Path(model_dir)
    try:
        spec = json.loads((folder / "heads.json").read_text(encoding="utf-8"))
        version = _sha(folder / "heads.json", 6)
    except (OSError, ValueError):
        return None
    if not isinstance(spec, dict) or not spec.get("model"):
        try:
            return Heads(spec, version)
        except (KeyError, TypeError, ValueError):
            return None
    # A folder whose heads name a fine-tuned graph must carry it: judging on without the heads
    # would quietly drop every stance and safeguarding signal.
    graph = folder / Path(str(spec["model"])).name
    try:
        return BranchHeads(spec, graph, threads, version + _sha(graph, 6), spin_wait)
    except Exception as exc:  # noqa: BLE001 - onnxruntime's own load errors
        raise ClassifierError(f"the heads in {folder / 'heads.json'} need {graph}, which cannot be loaded: {exc}") from exc


# English toxicity readers (training/readers.py): one logistic regression per label on the same
# sentence features as the heads. models.routed averages each with the English model's score.
READER_PREFIX = "reader_"
READERS_FILE = "readers.json"


class Readers:
    """The readers in ``readers.json``: labels, weights, and the map of the averaged reading onto the
    English model's scale (``score_map``: per label, monotone piecewise-linear points)."""

    def __init__(self, spec: dict, version: str = "") -> None:
        import numpy as np

        self.labels: tuple[str, ...] = tuple(spec["labels"])
        self.version = version
        self._np = np
        self._logistic = _Logistic(np, spec)
        self.score_map = {lab: [tuple(map(float, pt)) for pt in spec["score_map"][lab]] for lab in self.labels}
        W, b = self._logistic.W, self._logistic.b
        if W.shape != (len(self.labels), self._logistic.mean.shape[0]) or b.shape != (len(self.labels),):
            raise ValueError("weights do not match the labels and features")

    def score(self, parts, att):  # noqa: ANN001, ANN201 - the main graph's feature outputs, in order
        np = self._np
        return 1.0 / (1.0 + np.exp(-self._logistic.logits(_sentence_features(np, parts, att))))


def load_readers(model_dir: Path) -> Readers | None:
    """The readers in ``model_dir``/readers.json, None when the folder has none. A file that is there
    but unreadable is a load error: judging on without it would quietly change every English score."""
    import json

    path = Path(model_dir) / READERS_FILE
    if not path.is_file():
        return None
    try:
        return Readers(json.loads(path.read_text(encoding="utf-8")), _sha(path, 6))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ClassifierError(f"{path} cannot be read: {exc}") from exc


def english(**options: Any) -> OnnxClassifier:
    """The previous English-only model (models/embedded, MiniLM-L6), for comparison."""
    options.setdefault("model_dir", str(ENGLISH_DIR))
    return OnnxClassifier(**options)
