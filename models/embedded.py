"""The project's own toxicity model, PyTorch backend.

Loads ``<model_dir>/checkpoint.ckpt`` (Detoxify dict format, fp16 weights) through
``detoxify.Detoxify`` with no network access. The shipped model is models/multilingual
(multilingual-e5-small fine-tuned by training/ml_train.py); models/embedded holds the previous
English-only MiniLM-L6 model (training/train.py), registered as ``embedded-en``.
``supported_languages`` comes from ``<model_dir>/card.json``. Options:

* ``model_dir``: folder with checkpoint.ckpt, config.json and tokenizer files (default
  models/multilingual next to this file; env ``MODERATOR_EMBEDDED_DIR``)
* ``checkpoint``: explicit checkpoint path (default ``<model_dir>/checkpoint.ckpt``)
* ``device`` (``cpu``), ``batch_size`` (32), ``max_length`` (tokens; default: the length the
  model was trained with, from tokenizer_config.json), ``threads`` (torch threads; default unchanged)

Texts are expected to be normalised already (models.normalise.normalise, done by the pipeline);
``score`` additionally canonicalises placeholders (URLs, @mentions) exactly as in training.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Sequence

from models.base import DETOXIFY_LABELS, ClassifierError
from models.detoxify_published import file_version, load_detoxify_offline, score_with_detoxify
from models.normalise import model_text
from models.onnx_backend import read_card, supported_languages_of, trained_max_length  # the model folder's own files

DEFAULT_DIR = Path(__file__).resolve().parent / "multilingual"  # the shipped model
ENGLISH_DIR = Path(__file__).resolve().parent / "embedded"  # the previous English-only model


class EmbeddedClassifier:
    name = "embedded-minilm-l6"

    def __init__(self, model_dir: str | None = None, checkpoint: str | None = None, device: str = "cpu",
                 batch_size: int = 32, max_length: int | None = None, threads: int | None = None,
                 **_: Any) -> None:
        self.model_dir = Path(model_dir or os.environ.get("MODERATOR_EMBEDDED_DIR") or DEFAULT_DIR).resolve()
        ckpt = Path(checkpoint) if checkpoint else self.model_dir / "checkpoint.ckpt"
        if not ckpt.is_file():
            raise ClassifierError(
                f"embedded model checkpoint not found at {ckpt}; run training/train.py or set model_dir")
        if threads:
            import torch

            torch.set_num_threads(int(threads))
        self._det = load_detoxify_offline(ckpt, self.model_dir, device)
        self.labels: tuple[str, ...] = tuple(self._det.class_names)
        missing = [lab for lab in DETOXIFY_LABELS if lab not in self.labels]
        if missing:
            raise ClassifierError(f"embedded checkpoint lacks labels {missing}")
        self.version = file_version(ckpt)
        card = read_card(self.model_dir)
        if isinstance(card.get("name"), str):
            self.name = card["name"]
        self.supported_languages: frozenset[str] = supported_languages_of(self.model_dir)
        self.batch_size = max(1, int(batch_size))
        self.max_length = int(max_length or trained_max_length(self.model_dir))

    def score(self, texts: Sequence[str]) -> list[dict[str, float]]:
        if isinstance(texts, str):
            raise TypeError("score() takes a sequence of texts, not a single string")
        return score_with_detoxify(self._det, list(texts), self.labels, self.batch_size, self.max_length,
                                   prepare=model_text)


def english(**options: Any) -> EmbeddedClassifier:
    """The previous English-only model (models/embedded, MiniLM-L6), for comparison."""
    options.setdefault("model_dir", str(ENGLISH_DIR))
    return EmbeddedClassifier(**options)
