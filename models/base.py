"""The classifier protocol every scoring backend implements."""
from __future__ import annotations

from typing import Protocol, Sequence, runtime_checkable

# Detoxify's label names; a classifier may score a subset (or more).
DETOXIFY_LABELS = (
    "toxicity",
    "severe_toxicity",
    "obscene",
    "threat",
    "insult",
    "identity_attack",
)
# What a comment says, read by the stance and safeguarding heads (training/heads.py) from the same
# model run; a classifier without heads scores none of them, and a rule that uses one then
# relies on its other labels and detectors.
HEAD_LABELS = (
    "head_counter_speech", "head_identity_hate", "head_abuse", "head_threat", "head_child_disclosure",
    "head_adult_risk_disclosure", "head_self_harm_ideation", "head_self_harm_incitement", "head_support",
    "head_staff_harm_allegation", "head_head_harm_allegation", "head_confidential_matter",
    "head_adult_contact_pupils", "head_praise_pupil",
)
MODEL_LABELS = DETOXIFY_LABELS + HEAD_LABELS


class ClassifierError(Exception):
    """A classifier could not be loaded or could not score (bad checkpoint, missing file)."""


@runtime_checkable
class Classifier(Protocol):
    """Scores a batch of already-normalised texts.

    Contract: ``score(texts)`` returns one dict per input text, in input order, mapping each
    label in ``labels`` to a probability in [0, 1]. It never drops or reorders inputs, and it
    bounds its own memory (batching long inputs itself).
    """

    name: str
    version: str
    labels: tuple[str, ...]
    # Every classifier in models/ also has ``supported_languages: frozenset[str]``: the ISO 639-1
    # codes it was validated on (the embedded models read it from ``card.json`` in their model
    # folder). It is not a protocol member, so test doubles need not define it; read it with
    # ``getattr(clf, "supported_languages", frozenset())``. models.language.detect gives a
    # comment's language.

    def score(self, texts: Sequence[str]) -> list[dict[str, float]]: ...
