"""A small linear classifier (alt-profanity-check: TF-IDF + linear SVM, calibrated). Fast and
offline; it knows offensive language only, so it scores ``toxicity`` and ``insult`` alike and
leaves threats and identity attacks to the policy's phrase detectors."""
from __future__ import annotations

from importlib.metadata import version
from typing import Sequence

from models.base import ClassifierError

MAX_CHARS = 20_000


class ProfanityCheckClassifier:
    name = "profanity-check"
    labels = ("toxicity", "insult")
    supported_languages: frozenset[str] = frozenset({"en"})  # an English word list

    def __init__(self, **options):
        if options:
            raise ClassifierError(f"profanity-check takes no options (got {', '.join(sorted(options))})")
        try:
            from profanity_check import predict_prob
        except ImportError as exc:  # pragma: no cover - a dependency of the package
            raise ClassifierError(f"alt-profanity-check is not installed: {exc}") from None
        self._predict = predict_prob
        self.version = version("alt-profanity-check")

    def score(self, texts: Sequence[str]) -> list[dict[str, float]]:
        if not texts:
            return []
        probs = self._predict([t[:MAX_CHARS] for t in texts])
        return [{"toxicity": float(p), "insult": float(p)} for p in probs]
