"""Classifiers, registered by name and imported lazily so torch loads only when chosen."""
from __future__ import annotations

import importlib
import importlib.util
import json
import threading
from typing import Any

from models.base import DETOXIFY_LABELS, Classifier, ClassifierError

# name -> "module:factory". The factory takes keyword options and returns a Classifier.
CLASSIFIERS: dict[str, str] = {
    "profanity-check": "models.profanity:ProfanityCheckClassifier",
    # the shipped default: routed by language (models/routed.py, models/README.md): English and
    # undetected -> models/embedded (MiniLM-L6), other languages -> models/multilingual
    "embedded": "models.routed:pytorch",
    "embedded-onnx": "models.routed:onnx",
    # each model on its own
    "embedded-en": "models.embedded:english",
    "embedded-en-onnx": "models.onnx_backend:english",
    "embedded-multilingual": "models.embedded:EmbeddedClassifier",
    "embedded-multilingual-onnx": "models.onnx_backend:OnnxClassifier",
    "detoxify-original": "models.detoxify_published:original",
    "detoxify-unbiased": "models.detoxify_published:unbiased",
    "detoxify-multilingual": "models.detoxify_published:multilingual",
}

# Those that run on PyTorch (the `torch` extra: torch, transformers, detoxify).
NEEDS_TORCH = frozenset({"embedded", "embedded-en", "embedded-multilingual", "detoxify-original",
                         "detoxify-unbiased", "detoxify-multilingual"})


def _torch_installed() -> bool:
    try:
        return importlib.util.find_spec("torch") is not None
    except ImportError:
        return False


_loaded: dict[tuple[str, str], Classifier] = {}
_lock = threading.Lock()


def load_classifier(name: str, **options: Any) -> Classifier:
    """Load a classifier once per process: weights are large and read-only, so workers, the CLI and
    the console in one process share them."""
    try:
        target = CLASSIFIERS[name]
    except KeyError:
        allowed = ", ".join(sorted(CLASSIFIERS))
        raise ClassifierError(f"unknown classifier {name!r}; allowed: {allowed}") from None
    if name in NEEDS_TORCH and not _torch_installed():
        raise ClassifierError(
            f"classifier {name!r} needs PyTorch, which the runtime install leaves out: install the CPU wheel "
            "and the extra (pip install torch==2.13.0 'school-moderator[torch]', see README), or use "
            "'embedded-onnx', the default, which needs no torch")
    key = (name, json.dumps(options, sort_keys=True, default=str))
    with _lock:
        if key not in _loaded:
            module_name, _, attr = target.partition(":")
            factory = getattr(importlib.import_module(module_name), attr)
            _loaded[key] = factory(**options)
        return _loaded[key]


__all__ = ["CLASSIFIERS", "DETOXIFY_LABELS", "Classifier", "ClassifierError", "load_classifier"]
