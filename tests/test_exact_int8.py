"""The same int8 scores on every CPU (models/exact_int8.py)."""
from __future__ import annotations

import os
import platform
import shutil
from pathlib import Path

import pytest

from models.base import ClassifierError
from models.exact_int8 import cpu_features, signed_is_exact, to_unsigned_weights

ROOT = Path(__file__).resolve().parents[1]
GRAPHS = {"multilingual": (ROOT / "models" / "multilingual" / "model.int8.onnx", 50),
          "embedded": (ROOT / "models" / "embedded" / "model.int8.onnx", 26)}
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
    clf = RoutedClassifier(threads=1)
    return [clf.score([t])[0] for t in TEXTS]  # one comment per run, as the worker scores


def test_this_cpus_scores_are_the_exact_ones(monkeypatch):
    """Unsigned weights are multiplied exactly on every CPU; whatever this CPU loads by default
    gives exactly their scores (on a VNNI CPU the signed weights, on AVX2 alone the unsigned)."""
    exact = _scores(monkeypatch, "unsigned")
    default = _scores(monkeypatch, None)
    for text, want, got in zip(TEXTS, exact, default):
        assert got == pytest.approx(want, abs=0.005), text


def test_cpu_features_decide_whether_signed_weights_are_exact():
    vnni = "processor\t: 0\nflags\t\t: fpu sse avx2 avx512f avx512_vnni\n"
    avx2 = "processor\t: 0\nflags\t\t: fpu sse avx2 fma\n"
    assert signed_is_exact("x86_64", cpuinfo=vnni) and signed_is_exact("x86_64", cpuinfo="flags : avx2 avx_vnni")
    assert not signed_is_exact("x86_64", cpuinfo=avx2) and not signed_is_exact("AMD64", cpuinfo="")
    assert signed_is_exact("x86_64", features={"AVX2": True, "AVX512VNNI": True})
    assert not signed_is_exact("x86_64", features={"AVX2": True, "AVX512VNNI": False})
    assert signed_is_exact("aarch64", cpuinfo="")
    assert cpu_features() is None or "AVX2" in cpu_features() or platform.machine().lower() not in ("x86_64", "amd64")


EMULATED = """
import json, sys
sys.path.insert(0, {root!r})
from models.exact_int8 import unsigned_weights_wanted
from models.routed import RoutedClassifier
texts = {texts!r}
clf = RoutedClassifier(threads=1)
print(json.dumps({{"unsigned": unsigned_weights_wanted(), "scores": [clf.score([t])[0] for t in texts]}}))
"""


@pytest.mark.slow
def test_a_cpu_with_avx2_alone_gives_these_scores(monkeypatch):
    """The service on an emulated Haswell (AVX2, no VNNI; qemu-user, installed by .ci/run) chooses
    the unsigned weights itself and scores as this machine does; with the signed weights forced it
    would not (onnxruntime's AVX2 kernel saturates: up to 0.52 apart): the check can fail. The
    integer products are exact on both; a few float operations (attention's softmax) are rounded
    differently by the AVX2 and AVX-512 kernels, which moved one of these scores by 0.0007."""
    import json
    import subprocess
    import sys

    qemu = shutil.which("qemu-x86_64")
    if qemu is None or platform.machine().lower() not in ("x86_64", "amd64"):
        pytest.skip("needs qemu-x86_64 on an x86-64 machine (Debian: apt-get install qemu-user)")
    monkeypatch.delenv("MODERATOR_INT8_WEIGHTS", raising=False)
    here = _scores(monkeypatch, "unsigned")  # exact on every CPU (this test's claim, checked below)
    code = EMULATED.format(root=str(ROOT), texts=TEXTS)

    def emulated(weights: str | None) -> dict:
        env = {k: v for k, v in os.environ.items() if k != "MODERATOR_INT8_WEIGHTS"}
        env["HF_HUB_OFFLINE"] = "1"
        if weights:
            env["MODERATOR_INT8_WEIGHTS"] = weights
        proc = subprocess.run([qemu, "-cpu", "Haswell", sys.executable, "-c", code], capture_output=True,
                              text=True, env=env, timeout=900, cwd=str(ROOT))
        assert proc.returncode == 0, proc.stderr[-2000:]
        return json.loads(proc.stdout.strip().splitlines()[-1])

    default = emulated(None)
    assert default["unsigned"] is True
    for text, want, got in zip(TEXTS, here, default["scores"]):
        assert got == pytest.approx(want, abs=0.005), text
    signed = emulated("signed")["scores"]
    assert max(abs(a[k] - b[k]) for a, b in zip(here, signed) for k in a) > 0.1


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
