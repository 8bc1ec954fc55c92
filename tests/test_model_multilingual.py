"""The multilingual model (models/multilingual, issue #16): card.json and supported_languages, the
trimmed vocabulary, scores in several languages, and the held-out school contrast set."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from models import load_classifier
from models.base import DETOXIFY_LABELS
from models.onnx_backend import read_card, supported_languages_of
from training.lang_samples import SAMPLES

ROOT = Path(__file__).resolve().parents[1]
MODEL_DIR = ROOT / "models" / "multilingual"


@pytest.fixture(scope="module")
def clf():
    return load_classifier("embedded-multilingual-onnx", threads=2)


def _card() -> dict:
    return json.loads((MODEL_DIR / "card.json").read_text(encoding="utf-8"))


def test_card_lists_validated_languages_and_thresholds():
    card = _card()
    langs = card["supported_languages"]
    assert "en" in langs and "de" in langs
    assert all(isinstance(x, str) and len(x) == 2 for x in langs)
    for lang in langs:  # every supported language was validated, with the rule's minimum quality
        v = card["validated_languages"][lang]
        assert v["auc"] >= 0.75 and v["n"] >= 200
    hide = card["thresholds"]["hide"]
    assert set(hide) == set(DETOXIFY_LABELS)
    assert all(0.0 < x < 1.0 for x in hide.values())


def test_classifier_reads_supported_languages_from_the_card(clf):
    assert clf.model_dir == MODEL_DIR.resolve()
    assert clf.supported_languages == frozenset(_card()["supported_languages"])
    assert isinstance(clf.supported_languages, frozenset)
    assert clf.name == _card()["name"] + "-onnx-int8"


def test_supported_languages_rules(tmp_path):
    assert supported_languages_of(tmp_path) == frozenset({"en"})  # no card: the English model's default
    (tmp_path / "card.json").write_text('{"supported_languages": ["EN", " de ", "pl"]}')
    assert supported_languages_of(tmp_path) == frozenset({"en", "de", "pl"})
    (tmp_path / "card.json").write_text("{not json")
    assert read_card(tmp_path) == {} and supported_languages_of(tmp_path) == frozenset({"en"})
    (tmp_path / "card.json").write_text('{"supported_languages": "de"}')
    assert supported_languages_of(tmp_path, frozenset()) == frozenset()


def test_every_registered_classifier_class_declares_languages():
    from models.detoxify_published import DetoxifyMultilingual, DetoxifyOriginal
    from models.profanity import ProfanityCheckClassifier

    assert ProfanityCheckClassifier.supported_languages == frozenset({"en"})
    assert DetoxifyOriginal.supported_languages == frozenset({"en"})
    assert {"fr", "es", "it", "pt", "tr", "ru"} <= DetoxifyMultilingual.supported_languages
    assert load_classifier("embedded-en-onnx", threads=2).supported_languages == frozenset({"en"})


def test_trimmed_vocabulary_still_tokenises_every_sample_language():
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(MODEL_DIR / "tokenizer.json"))
    assert tok.get_vocab_size() == 20000
    unk = tok.token_to_id("<unk>")
    for lang, sents in SAMPLES.items():
        ids = [i for e in tok.encode_batch(sents, add_special_tokens=False) for i in e.ids]
        rate = sum(i == unk for i in ids) / len(ids)
        assert rate <= 0.05, (lang, rate)  # Polish, Punjabi, Dutch, Hindi, Urdu, Bengali: no training data


PAIRS = [  # (abusive, kind) in languages with and without training data (French is not supported:
    # its only data, MLMA, is noisy and 80% hostile, and validation AUC is 0.71 - see models/README.md)
    ("Du bist ein dummer, nutzloser Idiot", "Vielen Dank an die Lehrerinnen für das schöne Schulfest"),
    ("Eres un idiota inútil, cállate", "Gracias a todos por la fiesta del colegio, fue preciosa"),
    ("Sei un idiota inutile, stai zitto", "Grazie a tutti per la bella festa della scuola"),
    ("Jesteś głupim idiotą, zamknij się", "Dziękujemy nauczycielom za piękne jasełka"),
    ("Je bent een waardeloze idioot", "Bedankt voor de mooie kerstvoorstelling"),
    ("you are a stupid worthless idiot", "thank you so much to all the teachers, the school play was lovely"),
]


@pytest.mark.parametrize("abusive,kind", PAIRS)
def test_abuse_scores_higher_than_kindness_across_languages(clf, abusive, kind):
    a, k = clf.score([abusive, kind])
    assert a["toxicity"] > k["toxicity"] + 0.3, (a["toxicity"], k["toxicity"])
    assert k["toxicity"] < 0.5


def test_counter_speech_scores_below_the_abuse_it_reports(clf):
    hate, report, neutral = clf.score([
        "muslims are vermin and should not be allowed near our children",
        "please remove the comment above saying muslims are vermin, it is vile hate",
        "the muslim parents' group is running the cake sale on friday",
    ])
    assert hate["identity_attack"] > report["identity_attack"]
    assert hate["toxicity"] > report["toxicity"]
    assert neutral["toxicity"] < 0.5 and neutral["identity_attack"] < 0.5


@pytest.mark.slow
def test_held_out_contrast_set_accuracy(clf):
    """Frames never trained on (training/contrast.py): hide decisions at the card's thresholds."""
    from training.contrast import contrast_rows
    from training.data import LABELS, prepare_text
    from training.ml_metrics import contrast_report

    rows = contrast_rows("val")
    res = clf.score([prepare_text(t) for t, *_ in rows])
    probs = [[r[lab] for lab in LABELS] for r in res]
    rep = contrast_report(rows, probs, _card()["thresholds"]["hide"])
    assert rep["overall"]["accuracy"] >= 0.75, rep["overall"]
    assert rep["by_kind"]["counter"]["accuracy"] >= 0.6, rep["by_kind"]["counter"]
    assert rep["by_kind"]["hate"]["accuracy"] >= 0.6, rep["by_kind"]["hate"]
