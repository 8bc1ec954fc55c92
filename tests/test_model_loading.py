"""How the shipped classifier loads and batches (benchmarks/model_speed.py): the models and the
language detector load at once, the detector's unpacked model is cached, batches are formed of
texts of similar length, and none of it changes an answer."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from models.base import DETOXIFY_LABELS, ClassifierError
from training.lang_samples import SAMPLES

ROOT = Path(__file__).resolve().parents[1]
MULTI = ROOT / "models" / "multilingual"
SAMPLE_TEXTS = [t for ts in SAMPLES.values() for t in ts]


@pytest.fixture(scope="module")
def routed():
    from models.routed import RoutedClassifier

    return RoutedClassifier(threads=2)


# -- the language detector's model, unpacked once and mapped after ---------------------------------

@pytest.fixture
def fresh_detector(tmp_path, monkeypatch):
    from models import language

    monkeypatch.setenv("MODERATOR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(language, "_identifier", None)
    return language


def _shipped():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def test_the_cached_detector_answers_exactly_as_the_shipped_one(fresh_detector):
    language = fresh_detector
    texts = SAMPLE_TEXTS + ["", "ok", "🙂🙂🙂", "x" * 5000, "Vielen Dank, @school! https://example.org 2024"]
    shipped = _shipped()
    first = language._load()  # unpacks into the cache
    assert any(language.cache_root().glob("langid-*/nextmove.npy"))
    second = language._load()  # maps the unpacked arrays
    assert isinstance(second.tk_nextmove, memoryview)
    for t in texts:
        assert first.classify(t) == second.classify(t) == shipped.classify(t), t


def test_a_damaged_cache_falls_back_to_the_shipped_model(fresh_detector):
    language = fresh_detector
    language._load()
    (table,) = language.cache_root().glob("langid-*/nextmove.npy")
    table.write_bytes(table.read_bytes()[:1000])  # a truncated file
    got = language._load()
    assert not isinstance(got.tk_nextmove, memoryview)
    shipped = _shipped()
    assert [got.classify(t) for t in SAMPLE_TEXTS] == [shipped.classify(t) for t in SAMPLE_TEXTS]


def test_an_unwritable_cache_falls_back_to_the_shipped_model(tmp_path, monkeypatch):
    from models import language

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("MODERATOR_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.setattr(language, "_identifier", None)
    assert language.detect("Vielen Dank an alle Lehrer für das schöne Schulfest")[0] == "de"


def test_a_detector_that_cannot_load_is_a_classifier_error(monkeypatch):
    from models import language
    from models.routed import RoutedClassifier

    def broken():
        raise OSError("model.npz.xz: unexpected end of data")

    monkeypatch.setattr(language, "_identifier", None)
    monkeypatch.setattr(language, "_load", broken)
    with pytest.raises(ClassifierError, match="language detector"):
        RoutedClassifier(threads=2)


# -- the ONNX models ----------------------------------------------------------------------------------

def test_the_joined_graph_loads_with_its_feature_outputs_and_the_same_scores():
    import numpy as np
    import onnxruntime as ort

    from models.onnx_backend import FEATURE_OUTPUTS, FEATURE_SUFFIX, OnnxClassifier

    clf = OnnxClassifier(threads=2)
    assert FEATURE_OUTPUTS <= {o.name for o in clf._sess.get_outputs()}
    ref = ort.InferenceSession((MULTI / "model.int8.onnx").read_bytes() + (MULTI / FEATURE_SUFFIX).read_bytes(),
                               providers=["CPUExecutionProvider"])
    enc = clf._tok.encode("Du bist ein dummer Idiot und alle wissen es")
    ids = np.array([enc.ids], dtype=np.int64)
    feed = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
    names = ["logits", *sorted(FEATURE_OUTPUTS)]
    for a, b in zip(clf._sess.run(names, feed), ref.run(names, feed)):
        np.testing.assert_array_equal(a, b)


def test_a_broken_model_file_is_a_classifier_error(tmp_path):
    from models.onnx_backend import OnnxClassifier
    from models.routed import RoutedClassifier

    broken = tmp_path / "multilingual"
    broken.mkdir()
    for f in MULTI.iterdir():
        if f.name != "model.int8.onnx":
            (broken / f.name).symlink_to(f)
    (broken / "model.int8.onnx").write_bytes(b"\x08\x07 this is not an onnx graph" * 100)
    with pytest.raises(ClassifierError, match="model.int8.onnx"):
        OnnxClassifier(model_dir=str(broken), threads=2)
    # loaded beside the English model and the language detector, it still fails the load clearly
    with pytest.raises(ClassifierError, match="model.int8.onnx"):
        RoutedClassifier(threads=2, multilingual_dir=str(broken))


def test_a_broken_english_model_is_a_classifier_error(tmp_path):
    from models.routed import ENGLISH_DIR, RoutedClassifier

    broken = tmp_path / "embedded"
    shutil.copytree(ENGLISH_DIR, broken, ignore=shutil.ignore_patterns("*.ckpt", "model.int8.onnx"))
    (broken / "model.int8.onnx").write_bytes(b"not onnx")
    with pytest.raises(ClassifierError, match="model.int8.onnx"):
        RoutedClassifier(threads=2, english_dir=str(broken))


# -- batches of similar length --------------------------------------------------------------------

def _record_batches(monkeypatch, model):
    batches: list[list[str]] = []
    real = model.score

    def score(texts, **options):  # noqa: ANN003 - readers=True for the English readers
        batches.append(list(texts))
        return real(texts, **options)

    monkeypatch.setattr(model, "score", score)
    return batches


def test_a_batch_only_takes_texts_of_similar_token_length(routed, monkeypatch):
    # Batching lives in one place, the ONNX model's score(): every run it makes (seen through the
    # session) takes texts within PAD_SLACK tokens (or an eighth) of the batch's shortest.
    from models.onnx_backend import PAD_SLACK

    texts = SAMPLE_TEXTS[:48]
    before = routed.score(texts)
    routed.batch_size = 32
    runs: dict[object, list[list[int]]] = {}
    calls = {m: _record_batches(monkeypatch, m) for m in (routed._english, routed.multilingual)}
    for model in calls:
        sess = model._sess

        class Recording:
            def __init__(self, inner, seen):  # noqa: ANN001
                self._inner, self._seen = inner, seen

            def run(self, names, feed):  # noqa: ANN001, ANN201
                self._seen.append(feed["attention_mask"].sum(1).tolist())
                return self._inner.run(names, feed)

            def __getattr__(self, name):  # noqa: ANN001, ANN204
                return getattr(self._inner, name)

        runs[model] = []
        monkeypatch.setattr(model, "_sess", Recording(sess, runs[model]))
    try:
        got = routed.score(texts)
    finally:
        routed.batch_size = 1
    assert [r for r, _ in routed.last_routes].count("multilingual") >= 10
    for model, seen in runs.items():
        assert any(len(batch) > 1 for batch in seen), "texts of similar length share a run"
        for lengths in seen:
            shortest = min(lengths)
            assert max(lengths) <= shortest + max(PAD_SLACK, shortest // 8), lengths
    # the multilingual model reads each text once per call (the heads of English, everything else)
    multi_texts = [t for batch in calls[routed.multilingual] for t in batch]
    assert sorted(multi_texts) == sorted(texts)
    assert len(got) == len(texts)
    for a, b in zip(before, got):
        assert set(a) == set(b)


def test_texts_batched_alone_get_exactly_their_batch_1_scores(routed):
    # very different lengths: no two can share a batch, so each is scored as at batch 1
    texts = ["you are a stupid idiot",
             "Du bist ein dummer, nutzloser Idiot und alle in der Schule wissen es, wirklich alle",
             "Thank you so much to every member of staff who gave up their Saturday for the summer fair, "
             "the children had a wonderful time and we raised more than ever for the library"]
    alone = routed.score(texts)
    routed.batch_size = 32
    try:
        batched = routed.score(texts)
    finally:
        routed.batch_size = 1
    assert batched == alone
    assert all(set(DETOXIFY_LABELS) <= set(r) for r in batched)
