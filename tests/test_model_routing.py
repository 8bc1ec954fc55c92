"""The shipped ``embedded`` / ``embedded-onnx``: one model per comment, chosen by its language."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from models import load_classifier
from models.base import DETOXIFY_LABELS, MODEL_LABELS, ClassifierError

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def routed():
    from models.routed import RoutedClassifier

    return RoutedClassifier(threads=2)


def test_registry_default_is_the_routed_classifier():
    clf = load_classifier("embedded-onnx", threads=2)
    assert clf.name == "embedded-routed-onnx-int8"
    card = json.loads((ROOT / "models" / "multilingual" / "card.json").read_text())
    assert clf.supported_languages == frozenset({"en"}) | frozenset(card["supported_languages"])
    assert len(clf.version) == 12


def test_english_and_short_texts_go_to_the_english_model_others_to_the_multilingual(routed):
    texts = ["Well done to Year 6 for a brilliant sports day", "ok", "",
             "Vielen Dank an alle Lehrer für das schöne Schulfest", "Gracias a todos por la fiesta del colegio",
             "祝贺六年级在运动会上表现出色"]
    res = routed.score(texts)
    assert len(res) == len(texts) and all(set(DETOXIFY_LABELS) <= set(r) <= set(MODEL_LABELS) for r in res)
    assert [w for w, _ in routed.last_routes] == ["en", "en", "en", "multilingual", "multilingual", "multilingual"]
    assert [lang for _, lang in routed.last_routes][3:] == ["de", "es", "zh"]


def test_scores_equal_the_chosen_models_own_scores(routed):
    from models.onnx_backend import OnnxClassifier, english

    en_text = "you are a stupid worthless idiot"
    de_text = "Du bist ein dummer, nutzloser Idiot und alle wissen es"
    got_en, got_de = routed.score([en_text, de_text])
    own_en = english(threads=2).score([en_text])[0]  # its labels; the heads come from the multilingual model
    read = routed.multilingual.readers.labels  # averaged with the readers (training/readers.py)
    assert {k: got_en[k] for k in DETOXIFY_LABELS if k not in read} == pytest.approx(
        {k: own_en[k] for k in DETOXIFY_LABELS if k not in read})
    multi_en = OnnxClassifier(threads=2).score([en_text], readers=True)[0]
    assert {k: got_en[k] for k in read} == pytest.approx(routed.read_english(own_en, multi_en, routed.multilingual.readers))
    raw_de = OnnxClassifier(threads=2).score([de_text])[0]
    assert got_de == pytest.approx(routed.map_scores(raw_de))
    assert got_de["toxicity"] > 0.5 and got_en["toxicity"] > 0.5


def test_score_map_is_monotone_and_keeps_the_endpoints(routed):
    assert routed.score_map, "card.json has a score_map"
    for lab, pts in routed.score_map.items():
        xs = [routed.map_scores({lab: x / 100})[lab] for x in range(101)]
        assert xs[0] == pytest.approx(0.0) and xs[-1] == pytest.approx(1.0)
        assert all(b >= a for a, b in zip(xs, xs[1:])), lab
        (x1, y1) = pts[1]
        assert routed.map_scores({lab: x1})[lab] == pytest.approx(y1)


def test_order_is_kept_in_mixed_batches(routed):
    texts = ["Merci beaucoup pour la kermesse de l'école", "thank you for the lovely assembly",
             "Je bent een waardeloze idioot", "you are a worthless idiot"] * 3
    batch = routed.score(texts)
    for t, got in zip(texts, batch):
        assert got == pytest.approx(routed.score([t])[0], abs=1e-6)


def test_multilingual_model_is_loaded_only_when_needed(tmp_path):
    from models.routed import MULTILINGUAL_DIR, RoutedClassifier

    # Without the heads (heads.json), English never needs the multilingual model. With them, every
    # comment's meaning is read by it (tests/test_model_heads.py).
    bare = tmp_path / "multilingual"
    bare.mkdir()
    for f in MULTILINGUAL_DIR.iterdir():
        if f.name not in ("heads.json", "model.int8.features.pb"):
            (bare / f.name).symlink_to(f)
    clf = RoutedClassifier(threads=2, multilingual_dir=str(bare))
    clf.score(["hello everyone, see you at the fair", "ok"])
    assert clf._multi is None
    clf.score(["Dziękujemy nauczycielom za piękne jasełka"])
    assert clf._multi is not None


def test_english_can_be_sent_to_the_multilingual_model():
    from models.routed import RoutedClassifier

    clf = RoutedClassifier(threads=2, english_to="multilingual")
    clf.score(["Well done to Year 6 for a brilliant sports day", "Vielen Dank an alle Lehrer"])
    assert [w for w, _ in clf.last_routes] == ["multilingual", "multilingual"]


def test_short_comments_in_other_scripts_reach_the_model_that_reads_them(routed):
    # Too short for the language detector to be sure, so they fell to the English model, whose
    # vocabulary has none of these letters: "the Muslims are parasites" scored 0.04 toxicity.
    texts = ["المسلمون طفيليات", "Спасибо", "谢谢老师"]
    routed.score(texts)
    assert [w for w, _ in routed.last_routes] == ["multilingual"] * 3
    routed.score(["Odio gli ebrei", "ok 👍"])  # Latin letters, unsure: the English model, as before
    assert [w for w, _ in routed.last_routes] == ["en", "en"]


def test_bad_backend_and_missing_folder(tmp_path):
    from models.routed import RoutedClassifier

    with pytest.raises(ClassifierError):
        RoutedClassifier(backend="tensorflow")
    with pytest.raises(ClassifierError):
        RoutedClassifier(english_to="german")
    with pytest.raises(ClassifierError):
        RoutedClassifier(multilingual_dir=str(tmp_path))


# English comments the English model reads by their words (a slur quoted to report it, "scum" in a
# comment condemning whoever wrote it, a denial) and hate without a slur it missed: the readers
# (models/multilingual/readers.json) read what they say.
COUNTER_SPEECH = ["Calling the Patels 'pakis' is disgusting racism, please delete that comment",
                  "Whoever wrote that the Polish families are scum should be ashamed, we are one community"]
HATE_WITHOUT_A_SLUR = "Disabled children should be kept in separate schools away from normal kids"


def test_english_comments_are_read_for_what_they_say(routed):
    from models.onnx_backend import english

    own = english(threads=2).score([*COUNTER_SPEECH, HATE_WITHOUT_A_SLUR])
    got = routed.score([*COUNTER_SPEECH, HATE_WITHOUT_A_SLUR])
    assert [w for w, _ in routed.last_routes] == ["en"] * 3
    # the English model alone: counter-speech above the policy's 0.65, the hate below it
    assert [s["toxicity"] > 0.7 for s in own] == [True, True, False]
    assert [s["toxicity"] < 0.5 for s in got[:2]] == [True, True]
    assert got[2]["toxicity"] > 0.75


def _copy_without(tmp_path, skip: str):
    from models.routed import MULTILINGUAL_DIR

    folder = tmp_path / "multilingual"
    folder.mkdir()
    for f in MULTILINGUAL_DIR.iterdir():
        if f.name != skip:
            (folder / f.name).symlink_to(f)
    return folder


def test_without_readers_english_labels_are_the_english_models(tmp_path):
    from models.onnx_backend import english
    from models.routed import RoutedClassifier

    clf = RoutedClassifier(threads=2, multilingual_dir=str(_copy_without(tmp_path, "readers.json")))
    got = clf.score(COUNTER_SPEECH)
    own = english(threads=2).score(COUNTER_SPEECH)
    for g, o in zip(got, own):
        assert {k: g[k] for k in DETOXIFY_LABELS} == pytest.approx({k: o[k] for k in DETOXIFY_LABELS})


def test_what_was_loaded_decides_not_the_folder_later(tmp_path):
    """A classifier loaded with the heads keeps reading every English comment's meaning with them,
    even if heads.json goes from the folder while it runs (a redeploy): it was loaded, it is used."""
    from models.routed import RoutedClassifier

    folder = _copy_without(tmp_path, "")
    clf = RoutedClassifier(threads=2, multilingual_dir=str(folder))
    before = clf.score([HATE_WITHOUT_A_SLUR])[0]
    (folder / "heads.json").unlink()
    after = clf.score([HATE_WITHOUT_A_SLUR])[0]
    assert any(k.startswith("head_") for k in before)
    assert after == before


def test_broken_readers_are_a_load_error_not_a_quiet_fallback(tmp_path):
    from models.routed import RoutedClassifier

    folder = _copy_without(tmp_path, "readers.json")
    (folder / "readers.json").write_text('{"labels": ["toxicity"], "W": [[1.0]]}', encoding="utf-8")
    with pytest.raises(ClassifierError, match="readers.json"):
        RoutedClassifier(threads=2, multilingual_dir=str(folder))


def test_hate_without_a_slur_is_hidden_as_the_worker_judges_it(routed):
    from moderator.act.pipeline import judge_texts
    from moderator.judge.detectors import SchoolContext
    from moderator.judge.policy import SchoolPolicy, decide, load_policy
    from moderator.settings import DEFAULT_POLICY_FILE

    policy = load_policy(DEFAULT_POLICY_FILE)
    school = SchoolPolicy(slug="oakfield", policy=policy, context=SchoolContext(), shadow=False)
    # hate with no slur in it, whose reading is far from the rule's 0.80 on any CPU (models/exact_int8.py)
    texts = ["Disabled children should be kept in separate schools away from normal kids",
             "Gay people should not be allowed anywhere near children",
             "It's great to see so many families from different countries at the school gates"]
    *hate, kind = (decide(policy, j.scores, j.detectors) for j in judge_texts(texts, classifier=routed,
                                                                             schools=[school] * 3))
    for text, got in zip(texts, hate):
        assert got.action == "hide" and got.priority == "urgent", text
        assert "implicit_identity_hate" in got.rules and "police_review" in got.routes, text
    assert (kind.action, kind.rules) == ("none", [])


class _Meets:
    """A model double that scores with the real model only once the other model is running too."""

    def __init__(self, inner, barrier) -> None:  # noqa: ANN001
        self._inner, self._barrier = inner, barrier

    def score(self, texts, **kw):  # noqa: ANN001, ANN201
        self._barrier.wait()  # BrokenBarrierError (after 30 s) if the other model never starts
        return self._inner.score(texts, **kw)

    def __getattr__(self, name):  # noqa: ANN001, ANN204
        return getattr(self._inner, name)


def test_an_english_comment_runs_both_models_at_the_same_time(routed, monkeypatch):
    import threading

    texts = ["you are a worthless idiot", "Je bent een waardeloze idioot", "thank you for the lovely assembly"]
    alone = routed.score(texts)
    barrier = threading.Barrier(2, timeout=30)
    monkeypatch.setattr(routed, "_english", _Meets(routed._english, barrier))
    monkeypatch.setattr(routed, "_multi", _Meets(routed._multi, barrier))
    together = routed.score(texts)
    assert not barrier.broken
    assert [w for w, _ in routed.last_routes] == ["en", "multilingual", "en"]
    for got, want in zip(together, alone):
        assert got == pytest.approx(want, abs=1e-9)


def test_an_error_in_the_english_model_is_raised_after_both_have_stopped(routed, monkeypatch):
    calls = []

    class Broken:
        def score(self, texts, **kw):  # noqa: ANN001, ANN201
            raise ClassifierError("english model broke")

    class Counting:
        def __init__(self, inner) -> None:  # noqa: ANN001
            self._inner = inner

        def score(self, texts, **kw):  # noqa: ANN001, ANN201
            out = self._inner.score(texts, **kw)
            calls.append(len(texts))
            return out

        def __getattr__(self, name):  # noqa: ANN001, ANN204
            return getattr(self._inner, name)

    monkeypatch.setattr(routed, "_english", Broken())
    monkeypatch.setattr(routed, "_multi", Counting(routed._multi))
    with pytest.raises(ClassifierError, match="english model broke"):
        routed.score(["you are a worthless idiot"])
    assert calls == [1]  # the multilingual run had finished when the error came back
