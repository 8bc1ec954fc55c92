"""training/readers.py: the pieces that decide what the English readers learn and how their reading
is put on the English model's scale."""
from __future__ import annotations

import numpy as np
import pytest

from training import readers as R


def test_threshold_is_the_lowest_score_that_keeps_the_precision():
    y = np.array([1, 1, 0, 1, 0, 0, np.nan])
    p = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.95])  # the unknown label is ignored
    assert R.threshold_at(y, p, precision=1.0) == pytest.approx(0.8)
    assert R.threshold_at(y, p, precision=0.75) == pytest.approx(0.6)
    assert R.threshold_at(np.array([0.0, 0.0]), np.array([0.2, 0.1])) is None


def test_averaged_reading_is_the_logit_mean():
    got = R.averaged(np.array([0.9, 0.5]), np.array([0.1, 0.5]))
    assert got == pytest.approx([0.5, 0.5])
    # one reading sure, the other unsure: between them
    assert 0.5 < R.averaged(np.array([0.99]), np.array([0.5]))[0] < 0.99


def test_signals_map_onto_labels_as_the_policy_divides_them():
    # telling someone to harm themselves has its own rule: not "abusive language" for the readers
    assert R.FROM_SIGNAL["self_harm_incitement"]["toxicity"] == 0
    assert R.FROM_SIGNAL["identity_hate"] == {"toxicity": 1, "identity_attack": 1}
    assert R.FROM_SIGNAL["abuse"]["insult"] == 1
    assert "counter_speech" not in R.FROM_SIGNAL  # read as not toxic, like every other signal


def test_fit_learns_each_label_and_skips_unknown_labels():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(400, 5))
    Y = np.stack([(X[:, 0] > 0).astype(float), (X[:, 1] > 0).astype(float), (X[:, 2] > 0).astype(float)], 1)
    Y[:50, 1] = np.nan  # unknown for these rows
    readers = R.fit(X, Y, ["a"] * 200 + ["b"] * 200, C=1.0)
    P = R.predict(readers, X)
    for k in range(3):
        known = ~np.isnan(Y[:, k])
        assert ((P[known, k] > 0.5) == (Y[known, k] == 1)).mean() > 0.9
