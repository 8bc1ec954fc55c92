"""The shipped embedded model (models/multilingual, registry names ``embedded`` / ``embedded-onnx``):
offline loading, sanity of scores, ONNX parity; and the previous English model (models/embedded,
``embedded-en`` / ``embedded-en-onnx``) still loading for comparison."""
from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from models import CLASSIFIERS, load_classifier
from models.base import DETOXIFY_LABELS, MODEL_LABELS, Classifier, ClassifierError

ROOT = Path(__file__).resolve().parents[1]
MODEL_DIR = ROOT / "models" / "multilingual"
ENGLISH_DIR = ROOT / "models" / "embedded"

ABUSIVE = "you are a stupid worthless idiot, i will find you and kill you"
KIND = "thank you so much to all the teachers, the school play was lovely"
TEXTS = [
    KIND,
    "@user shut up you pathetic loser nobody likes you",
    "",
    "Reminder: Year 4 trip on Friday, bring a packed lunch and £5",
    ABUSIVE,
    "what time does the summer fair start?",
    "x" * 1_000_000,
]


@pytest.fixture(autouse=True)
def _offline(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture(scope="module")
def onnx_clf():
    from models.onnx_backend import OnnxClassifier

    return OnnxClassifier(threads=2)


@pytest.fixture(scope="module")
def torch_clf():
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from models.embedded import EmbeddedClassifier

    return EmbeddedClassifier(threads=2)


def test_shipped_files():
    ckpt = MODEL_DIR / "checkpoint.ckpt"
    assert ckpt.stat().st_size <= 60_000_000  # issue #16: checkpoint within 60 MB fp16
    assert (MODEL_DIR / "model.int8.onnx").stat().st_size <= 40_000_000  # and ONNX int8 within 40 MB
    cfg = json.loads((MODEL_DIR / "config.json").read_text())
    assert len(cfg["id2label"]) == 6 and len(cfg["label2id"]) == 6
    assert [cfg["id2label"][str(i)] for i in range(6)] == list(DETOXIFY_LABELS)
    assert (MODEL_DIR / "tokenizer.json").is_file() and (MODEL_DIR / "model.int8.onnx").is_file()
    thr = json.loads((MODEL_DIR / "thresholds.json").read_text())
    assert set(thr["hide"]) <= set(DETOXIFY_LABELS) and "toxicity" in thr["hide"]
    assert all(0.0 < v < 1.0 for v in thr["hide"].values())
    assert 0.0 < thr["olid_toxicity"]["threshold"] < 1.0


def test_registry_entries():
    for name in ("embedded", "embedded-onnx", "embedded-en", "embedded-en-onnx", "detoxify-original",
                 "detoxify-unbiased", "detoxify-multilingual"):
        assert name in CLASSIFIERS


def test_english_model_still_loads_for_comparison():
    clf = load_classifier("embedded-en-onnx", threads=2)
    assert clf.model_dir == ENGLISH_DIR.resolve()
    assert clf.supported_languages == frozenset({"en"})
    abusive, kind = clf.score([ABUSIVE, KIND])
    assert abusive["toxicity"] > 0.5 > kind["toxicity"]


def test_onnx_protocol_and_version(onnx_clf):
    assert isinstance(onnx_clf, Classifier)
    assert onnx_clf.labels == DETOXIFY_LABELS
    sha = hashlib.sha256((MODEL_DIR / "model.int8.onnx").read_bytes()).hexdigest()
    weights = onnx_clf.version.split("+h")[0]  # "+h<sha of heads.json>" when the model has heads
    assert sha.startswith(weights) and len(weights) >= 8


def test_onnx_abusive_scores_higher_than_kind(onnx_clf):
    abusive, kind = onnx_clf.score([ABUSIVE, KIND])
    for lab in ("toxicity", "insult", "threat"):
        assert abusive[lab] > kind[lab] + 0.2, (lab, abusive[lab], kind[lab])
    assert kind["toxicity"] < 0.5 < abusive["toxicity"]


def test_onnx_order_preserved_and_edge_cases(onnx_clf):
    batch = onnx_clf.score(TEXTS)
    assert len(batch) == len(TEXTS)
    for text, got in zip(TEXTS, batch):
        alone = onnx_clf.score([text])[0]
        assert set(DETOXIFY_LABELS) <= set(got) <= set(MODEL_LABELS)  # the heads, when the model has them
        for lab in got:
            assert 0.0 <= got[lab] <= 1.0
            # batch_size 1 (default): a score never depends on the other texts in the call
            assert got[lab] == pytest.approx(alone[lab], abs=1e-6)
    assert onnx_clf.score([]) == []


def test_onnx_batched_mode_close_to_single(onnx_clf):
    from models.onnx_backend import OnnxClassifier

    batched = OnnxClassifier(batch_size=32, threads=2).score(TEXTS)
    single = onnx_clf.score(TEXTS)
    for b, s in zip(batched, single):
        for lab in DETOXIFY_LABELS:
            # dynamic int8 activation scales are per batch, so batch-mates shift a score (the
            # MiniLM model: 0.009 on average on 640 validation comments, 0.14 at most; the
            # multilingual model: up to ~0.11 on these texts); that is why batch_size 1 is the default
            assert b[lab] == pytest.approx(s[lab], abs=0.15)
    assert batched[4]["toxicity"] > 0.9 and batched[0]["toxicity"] < 0.1  # ABUSIVE and KIND


def test_onnx_path_imports_no_torch():
    code = ("import sys, time; t=time.time(); from models.onnx_backend import OnnxClassifier; "
            "c=OnnxClassifier(); c.score(['hello']); "
            "print('torch' in sys.modules, 'transformers' in sys.modules, round(time.time()-t, 2))")
    out = subprocess.run([sys.executable, "-c", code], cwd=str(ROOT), capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    torch_loaded, tf_loaded, _secs = out.stdout.split()
    assert torch_loaded == "False" and tf_loaded == "False"


def test_missing_model_dir_is_classifier_error(tmp_path):
    from models.onnx_backend import OnnxClassifier

    with pytest.raises(ClassifierError):
        OnnxClassifier(model_dir=str(tmp_path))


@pytest.mark.slow
def test_loads_through_detoxify_offline():
    import torch
    from detoxify import Detoxify

    loaded = torch.load(MODEL_DIR / "checkpoint.ckpt", weights_only=False)
    assert next(iter(loaded["state_dict"].values())).dtype == torch.float16
    loaded["config"]["arch"]["args"]["model_type"] = str(MODEL_DIR)
    buf = io.BytesIO()
    torch.save(loaded, buf)
    buf.seek(0)
    det = Detoxify(checkpoint=buf, huggingface_config_path=str(MODEL_DIR))
    det.model.float()
    res = det.predict([ABUSIVE, KIND])
    assert res["toxicity"][0] > res["toxicity"][1]
    assert list(res) == list(DETOXIFY_LABELS)


@pytest.mark.slow
def test_torch_abusive_higher_order_and_edges(torch_clf):
    assert torch_clf.name == "embedded-multilingual-e5-small"
    assert torch_clf.labels == DETOXIFY_LABELS
    sha = hashlib.sha256((MODEL_DIR / "checkpoint.ckpt").read_bytes()).hexdigest()
    assert sha.startswith(torch_clf.version)
    batch = torch_clf.score(TEXTS)
    assert len(batch) == len(TEXTS)
    abusive, kind = batch[4], batch[0]
    for lab in ("toxicity", "insult", "threat"):
        assert abusive[lab] > kind[lab] + 0.2, (lab, abusive[lab], kind[lab])
    for text, got in zip(TEXTS, batch):
        alone = torch_clf.score([text])[0]
        for lab in DETOXIFY_LABELS:
            assert got[lab] == pytest.approx(alone[lab], abs=2e-3)


@pytest.mark.slow
def test_onnx_agrees_with_torch(torch_clf, onnx_clf):
    a = torch_clf.score(TEXTS)
    b = onnx_clf.score(TEXTS)
    for x, y in zip(a, b):
        for lab in DETOXIFY_LABELS:
            assert abs(x[lab] - y[lab]) < 0.08, (lab, x[lab], y[lab])


@pytest.mark.slow
def test_load_classifier_registry_embedded():
    clf = load_classifier("embedded")
    assert clf.score(["hello there"])[0]["toxicity"] < 0.5


def test_published_without_network_is_classifier_error(monkeypatch, tmp_path):
    """No checkpoint + no reachable GitHub -> ClassifierError naming the setting."""
    from models import detoxify_published as dp

    import types

    class Boom:
        def __init__(self, *a, **k):
            raise OSError("network unreachable")

    fake = types.ModuleType("detoxify")
    fake.Detoxify = Boom
    monkeypatch.setitem(sys.modules, "detoxify", fake)  # stands in for the download attempt
    monkeypatch.delenv("MODERATOR_DETOXIFY_ORIGINAL_CHECKPOINT", raising=False)
    with pytest.raises(ClassifierError, match="checkpoint") as e:
        dp.DetoxifyOriginal()
    assert "MODERATOR_DETOXIFY_ORIGINAL_CHECKPOINT" in str(e.value)
    with pytest.raises(ClassifierError, match="not found"):
        dp.DetoxifyMultilingual(checkpoint=str(tmp_path / "missing.ckpt"), huggingface_config_path=str(ENGLISH_DIR))


@pytest.mark.slow
def test_published_loader_patches_label_count(tmp_path):
    """A published checkpoint plus a plain base-model folder (config.json without the checkpoint's
    labels) still loads offline: the loader supplies num_labels/id2label from the checkpoint."""
    import shutil

    from models.detoxify_published import DetoxifyUnbiased

    base = tmp_path / "base"
    base.mkdir()
    for f in ("tokenizer.json", "tokenizer_config.json", "vocab.txt"):
        shutil.copy(ENGLISH_DIR / f, base / f)
    cfg = json.loads((ENGLISH_DIR / "config.json").read_text())
    for k in ("id2label", "label2id", "problem_type"):
        cfg.pop(k, None)
    (base / "config.json").write_text(json.dumps(cfg))
    clf = DetoxifyUnbiased(checkpoint=str(ENGLISH_DIR / "checkpoint.ckpt"), huggingface_config_path=str(base))
    assert clf.name == "detoxify-unbiased" and clf.labels == DETOXIFY_LABELS
    abusive, kind = clf.score([ABUSIVE, KIND])
    assert abusive["toxicity"] > kind["toxicity"]


def test_profanity_check_fallback_classifier():
    from models import load_classifier
    from models.base import ClassifierError

    clf = load_classifier("profanity-check")
    kind, abusive, huge = clf.score([KIND, "shut up you stupid fucking idiot", "x" * 1_000_000])
    assert abusive["toxicity"] > 0.9 and kind["toxicity"] < 0.2
    assert abusive["insult"] == abusive["toxicity"]  # it knows offensive language only
    assert 0.0 <= huge["toxicity"] <= 1.0
    assert clf.score([]) == []
    with pytest.raises(ClassifierError, match="takes no options"):
        load_classifier("profanity-check", threads=2)
