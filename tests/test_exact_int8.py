"""The same int8 scores on every CPU (models/exact_int8.py)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from models.base import ClassifierError
from models.exact_int8 import signed_is_exact, to_unsigned_weights

ROOT = Path(__file__).resolve().parents[1]
GRAPHS = {"multilingual": (ROOT / "models" / "multilingual" / "model.int8.onnx", 74),
          "embedded": (ROOT / "models" / "embedded" / "model.int8.onnx", 38)}
TEXTS = ["Well done to Year 6 for a brilliant sports day", "you are a stupid worthless idiot",
         "The trans kid in year 6 should be sent to a special school",
         "Ich hasse Ausländer, sie sollen alle verschwinden", "المسلمون طفيليات",
         "Calling the Patels 'pakis' is disgusting racism, please delete that comment",
         "Mr Rees grabbed my son by the arm and dragged him out of the class", "ok"]


@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_every_matmulinteger_weight_and_zero_point_is_rewritten_once(tmp_path, name):
    src, layers = GRAPHS[name]
    copy = tmp_path / "model.onnx"
    shutil.copyfile(src, copy)
    with open(copy, "r+b") as fh:
        assert to_unsigned_weights(fh.fileno(), copy.stat().st_size) == 2 * layers  # weights + zero points
        assert to_unsigned_weights(fh.fileno(), copy.stat().st_size) == 0  # no signed weight is left
    before, after = src.read_bytes(), copy.read_bytes()
    assert len(before) == len(after)  # rewritten in place
    changed = sum(a != b for a, b in zip(before[:: 97], after[:: 97]))
    assert changed > len(before) // 97 // 4  # the weights are much of the file, and their bytes moved


def _scores(monkeypatch, weights: str | None) -> list[dict[str, float]]:
    from models.routed import RoutedClassifier

    if weights is None:
        monkeypatch.delenv("MODERATOR_INT8_WEIGHTS", raising=False)
    else:
        monkeypatch.setenv("MODERATOR_INT8_WEIGHTS", weights)
    return [RoutedClassifier(threads=1).score([t])[0] for t in TEXTS]


def test_this_cpus_scores_are_the_exact_ones(monkeypatch):
    """Unsigned weights are multiplied exactly on every CPU; whatever this CPU loads by default
    gives exactly their scores (on a VNNI CPU the signed weights, on AVX2 alone the unsigned)."""
    exact = _scores(monkeypatch, "unsigned")
    default = _scores(monkeypatch, None)
    for text, want, got in zip(TEXTS, exact, default):
        assert got == pytest.approx(want, abs=1e-5), text


def test_cpu_flags_decide_whether_signed_weights_are_exact():
    vnni = "processor\t: 0\nflags\t\t: fpu sse avx2 avx512f avx512_vnni\n"
    avx2 = "processor\t: 0\nflags\t\t: fpu sse avx2 fma\n"
    assert signed_is_exact(vnni, "x86_64") and signed_is_exact("flags : avx2 avx_vnni", "x86_64")
    assert not signed_is_exact(avx2, "x86_64") and not signed_is_exact("", "AMD64")
    assert signed_is_exact("", "aarch64")


def test_a_wrong_setting_is_a_clear_load_error(monkeypatch):
    from models.onnx_backend import OnnxClassifier

    monkeypatch.setenv("MODERATOR_INT8_WEIGHTS", "bytes")
    with pytest.raises(ClassifierError, match="MODERATOR_INT8_WEIGHTS must be 'unsigned' or 'signed'"):
        OnnxClassifier(threads=1)


def test_the_model_files_are_not_changed(monkeypatch):
    stat = {p: (p.stat().st_size, p.stat().st_mtime_ns) for p, _ in GRAPHS.values()}
    _scores(monkeypatch, "unsigned")
    assert {p: (p.stat().st_size, p.stat().st_mtime_ns) for p in stat} == stat
    assert os.access(GRAPHS["embedded"][0], os.R_OK)
