"""Classifiers, registered by name and imported lazily so torch loads only when chosen."""
from __future__ import annotations

import importlib
from typing import Any

from models.base import DETOXIFY_LABELS, Classifier, ClassifierError

# name -> "module:factory". The factory takes keyword options and returns a Classifier.
CLASSIFIERS: dict[str, str] = {
    "profanity-check": "models.profanity:ProfanityCheckClassifier",
}


def load_classifier(name: str, **options: Any) -> Classifier:
    try:
        target = CLASSIFIERS[name]
    except KeyError:
        allowed = ", ".join(sorted(CLASSIFIERS))
        raise ClassifierError(f"unknown classifier {name!r}; allowed: {allowed}") from None
    module_name, _, attr = target.partition(":")
    factory = getattr(importlib.import_module(module_name), attr)
    return factory(**options)


__all__ = ["CLASSIFIERS", "DETOXIFY_LABELS", "Classifier", "ClassifierError", "load_classifier"]
