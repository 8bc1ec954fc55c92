"""The fine-tuned heads' training (training/branch.py) is one reproducible command that resumes
after an interruption: a run stopped mid-way and started again ends with the same weights as a run
that was never stopped."""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
pytest.importorskip("torch")


def _rows(n: int, seed: int) -> tuple[list[dict], list[np.ndarray]]:
    rng = np.random.default_rng(seed)
    signals = ["none", "threat", "self_harm_ideation", "support"]
    rows = [{"text": f"comment {seed}-{i}", "signal": signals[i % 4], "source": "written", "weigh_as": "written",
             "lang": "en", "split": "train"} for i in range(n)]
    states = [rng.normal(size=(3 + i % 4, 384)).astype(np.float16) for i in range(n)]
    return rows, states


def _train(cache: Path, monkeypatch, interrupt_at: int | None = None):  # noqa: ANN001, ANN202
    from training import branch
    from training import heads as H

    monkeypatch.setattr(H, "CACHE", cache)
    cache.mkdir(exist_ok=True)
    train_rows, S_train = _rows(24, 1)
    val_rows, S_val = _rows(12, 2)
    args = argparse.Namespace(layers=1, epochs=3, batch=8, lr=1e-4, threads=1, device="cpu", model_dir=H.MODEL_DIR)
    real_predict, calls = branch.predict, []

    def predict(*a, **k):  # noqa: ANN002, ANN003, ANN202
        calls.append(1)
        if interrupt_at is not None and len(calls) == interrupt_at:
            raise KeyboardInterrupt  # the machine stops during this epoch's validation
        return real_predict(*a, **k)

    monkeypatch.setattr(branch, "predict", predict)
    return branch.train(args, train_rows, val_rows, S_train, S_val)


def test_an_interrupted_training_run_resumes_to_the_same_weights(tmp_path, monkeypatch, capsys):
    import torch

    with pytest.raises(KeyboardInterrupt):
        _train(tmp_path / "stopped", monkeypatch, interrupt_at=2)  # stopped in the second epoch
    resumed, history, _ = _train(tmp_path / "stopped", monkeypatch)
    assert "resumed" in capsys.readouterr().out
    assert [h["epoch"] for h in history] == [1, 2, 3]
    never_stopped, history_once, _ = _train(tmp_path / "once", monkeypatch)
    assert [h["val_mean_auc"] for h in history] == [h["val_mean_auc"] for h in history_once]
    a, b = resumed.state_dict(), never_stopped.state_dict()
    assert a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)
