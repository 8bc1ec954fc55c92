"""Language-routed embedded classifier: the shipped ``embedded`` / ``embedded-onnx`` (issue #16).

Two models ship, and each comment is scored by one of them, chosen by its language
(``models.language.detect``):

* English, and any Latin-script comment whose language cannot be told (too short, unsure): the
  English model, models/embedded (MiniLM-L6). A comment mostly in another script (Arabic, Bengali,
  Chinese, Cyrillic...) never goes to it: its vocabulary cannot read those letters. On English
  validation it is as good as or better than the multilingual model on offensive tweets and,
  unlike it, does not over-flag ordinary English school comments (models/README.md).
* What a comment says (the stance and safeguarding heads, ``head_*`` scores; training/heads.py) is
  read by the multilingual model for every comment, English included: one reading of meaning for
  every language. So an English comment runs both models, at the same time (see
  benchmarks/model_speed.py).
* From that same run, the English readers (models/multilingual/readers.json, training/readers.py)
  read an English comment's toxicity, insult and identity_attack; each is averaged, in logit space,
  with the English model's score and mapped onto its scale (``read_english``). On English
  validation the average is at least as good as the English model on every pooled label and far
  better on counter-speech and hate without a slur; the reader alone is worse on tweets, which is
  why the English model still runs (models/README.md).
* Every other detected language: the multilingual model, models/multilingual
  (multilingual-e5-small, vocabulary trimmed), which was validated on the languages in its
  card.json and is much better than the English model on every non-English validation set; it is
  also used zero-shot for languages outside that list (e.g. Polish, Dutch, Hindi, Punjabi).

Scores of the multilingual model are mapped onto the English model's scale before they are
returned (``score_map`` in models/multilingual/card.json: per label, a monotone piecewise-linear
map through (0, 0), (multilingual threshold, English threshold), (1, 1), where both thresholds
are each model's own "precision >= 0.9 on the pooled English validation rows" point). So the
policy's one set of thresholds means the same for both models; ROC AUC is unchanged by the map.

``supported_languages`` is the union of the two models' validated languages. ``last_routes``
holds, after each ``score`` call, which model scored each text ("en" or "multilingual") and the
detected language, for the audit trail. With the heads (models/multilingual/heads.json) the
multilingual model reads every comment, so it is loaded with the classifier (beside the English
model and the language detector, in threads); without them it is loaded on first use, and a worker
that only sees English comments never pays its cost. With ``batch_size`` above 1, each model's
texts of one ``score`` call are batched by similar token length (padding costs as much as text),
and the multilingual model reads each text once per call.

Options: ``backend`` ("onnx" or "pytorch"), ``english_dir``, ``multilingual_dir``,
``min_confidence`` (detector confidence needed to leave the English model; default 0.5),
``english_to`` ("en", the default, or "multilingual": send English comments to the multilingual
model too - better on hate without swearing and counter-speech, worse on ordinary school
comments, see models/README.md), and anything else is passed to both models (``threads``,
``batch_size``...).
"""
from __future__ import annotations

import hashlib
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Sequence

from models.onnx_backend import HEAD_PREFIX, READER_PREFIX

HERE = Path(__file__).resolve().parent
ENGLISH_DIR = HERE / "embedded"
MULTILINGUAL_DIR = HERE / "multilingual"


class RoutedClassifier:
    def __init__(self, backend: str = "onnx", english_dir: str | None = None, multilingual_dir: str | None = None,
                 min_confidence: float = 0.5, english_to: str = "en", **options: Any) -> None:
        from models.base import ClassifierError
        from models.onnx_backend import supported_languages_of

        if backend not in ("onnx", "pytorch"):
            raise ClassifierError(f"RoutedClassifier backend must be 'onnx' or 'pytorch', not {backend!r}")
        if english_to not in ("en", "multilingual"):
            raise ClassifierError(f"RoutedClassifier english_to must be 'en' or 'multilingual', not {english_to!r}")
        self.english_to = english_to
        self.backend = backend
        self._options = options
        self.english_dir = Path(english_dir or ENGLISH_DIR).resolve()
        self.multilingual_dir = Path(multilingual_dir or MULTILINGUAL_DIR).resolve()
        self.min_confidence = float(min_confidence)
        for d in (self.multilingual_dir,):
            for f in ("tokenizer.json", "model.int8.onnx" if backend == "onnx" else "checkpoint.ckpt"):
                if not (d / f).is_file():
                    raise ClassifierError(f"routed classifier: missing {d / f}")
        self._multi = None
        self._multi_lock = threading.Lock()
        self.last_routes: list[tuple[str, str | None]] = []
        from models.language import warm_up
        from models.onnx_backend import read_card

        def weights_version() -> str:
            weights = "model.int8.onnx" if backend == "onnx" else "checkpoint.ckpt"
            h = hashlib.sha256()
            for d in (self.english_dir, self.multilingual_dir):
                with open(d / weights, "rb") as fh:
                    for block in iter(lambda: fh.read(1 << 20), b""):
                        h.update(block)
                if backend == "onnx":  # the stance and safeguarding heads are part of the model
                    for extra in ("heads.json", "model.int8.features.pb", "heads.int8.onnx", "readers.json"):
                        if (d / extra).is_file():
                            h.update((d / extra).read_bytes())
            return h.hexdigest()[:12]

        # Everything the first judgement needs loads at once, in threads (onnxruntime's session
        # set-up, xz decompression and hashing release the GIL): the language detector's model, the
        # English model, the version hash and, when it reads every comment's meaning (the heads),
        # the multilingual model. A worker that says its classifier is loaded is ready to judge.
        # decided once, at load: the heads loaded are the heads used (heads.json may change on disk)
        self.reads_meaning = reads_meaning = backend == "onnx" and self._reads_meaning()
        pool = ThreadPoolExecutor(max_workers=3, thread_name_prefix="classifier-load")
        try:
            langid = pool.submit(warm_up)
            multi = pool.submit(self._load, self.multilingual_dir) if reads_meaning else None
            version = pool.submit(weights_version)
            self._english = self._load(self.english_dir)
            if multi is not None:
                self._multi = multi.result()
            self.version = version.result()
            try:
                langid.result()
            except Exception as exc:  # noqa: BLE001 - py3langid's own errors
                raise ClassifierError(f"routed classifier: the language detector cannot load: {exc}") from exc
        finally:
            pool.shutdown(wait=False, cancel_futures=True)
        self.labels = self._english.labels
        self.score_map = {lab: [tuple(map(float, pt)) for pt in pts]
                          for lab, pts in (read_card(self.multilingual_dir).get("score_map") or {}).items()}
        self.multilingual_languages = supported_languages_of(self.multilingual_dir, frozenset())
        # what every comment says is read by the multilingual model's heads, in these languages
        self.heads_languages: frozenset[str] = frozenset(getattr(self._multi, "heads_languages", frozenset()))
        self.supported_languages: frozenset[str] = (frozenset(self._english.supported_languages)
                                                   | self.multilingual_languages)
        suffix = "-onnx-int8" if backend == "onnx" else ""
        self.name = "embedded-routed" + suffix

    def _load(self, model_dir: Path):
        if self.backend == "onnx":
            from models.onnx_backend import OnnxClassifier

            return OnnxClassifier(model_dir=str(model_dir), **self._options)
        from models.embedded import EmbeddedClassifier

        return EmbeddedClassifier(model_dir=str(model_dir), **self._options)

    @property
    def multilingual(self):
        if self._multi is None:
            with self._multi_lock:
                if self._multi is None:
                    self._multi = self._load(self.multilingual_dir)
        return self._multi

    def _reads_meaning(self) -> bool:
        """Whether the multilingual model ships the heads (models/multilingual/heads.json)."""
        return (self.multilingual_dir / "heads.json").is_file()

    @property
    def batch_size(self) -> int:
        return self._english.batch_size

    @batch_size.setter
    def batch_size(self, n: int) -> None:
        self._english.batch_size = n
        if self._multi is not None:
            self._multi.batch_size = n
        self._options["batch_size"] = n

    def map_scores(self, scores: dict[str, float], score_map: dict | None = None) -> dict[str, float]:
        """The multilingual model's scores on the English model's scale (see the module doc), or
        through another ``score_map`` (the English readers' averaged reading)."""
        score_map = self.score_map if score_map is None else score_map
        out = {}
        for lab, p in scores.items():
            pts = score_map.get(lab)
            if not pts:
                out[lab] = p
                continue
            for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
                if p <= x1:
                    out[lab] = y0 if x1 == x0 else y0 + (p - x0) * (y1 - y0) / (x1 - x0)
                    break
            else:
                out[lab] = pts[-1][1]
            out[lab] = min(1.0, max(0.0, out[lab]))
        return out

    def route(self, text: str) -> tuple[str, str | None]:
        """("en" or "multilingual", detected language or None) for one text."""
        from models.language import detect, non_latin

        lang, conf = detect(text)  # Roman Urdu / romanised Hindi come back as "ur"
        if lang == "en" or ((lang is None or conf < self.min_confidence) and not non_latin(text)):
            return self.english_to, lang
        # another language, or letters the English model's vocabulary has not got ("المسلمون
        # طفيليات" is too short for the detector to be sure of)
        return "multilingual", lang

    def score(self, texts: Sequence[str]) -> list[dict[str, float]]:
        if isinstance(texts, str):
            raise TypeError("score() takes a sequence of texts, not a single string")
        texts = ["" if t is None else str(t) for t in texts]
        routes = [self.route(t) for t in texts]
        out: list[dict[str, float] | None] = [None] * len(texts)
        en_idx = [i for i, (w, _) in enumerate(routes) if w == "en"]
        ml_idx = [i for i, (w, _) in enumerate(routes) if w == "multilingual"]
        # One run of the multilingual model per text, in one call: the toxicity labels of other
        # languages and, with the heads, what every comment says (English included; the toxicity
        # labels of English come from the English model).
        heads_only = set(en_idx) if self.reads_meaning else set()
        multi_idx = sorted(heads_only.union(ml_idx))
        readers = None

        def run_multi() -> list[dict[str, float]]:
            nonlocal readers
            multi = self.multilingual
            readers = getattr(multi, "readers", None) if heads_only else None
            return multi.score([texts[i] for i in multi_idx], readers=True) if readers else \
                multi.score([texts[i] for i in multi_idx])

        english = [texts[i] for i in en_idx]
        if en_idx and multi_idx:
            en_scored, scored = self._together(english, run_multi)
        else:
            en_scored = self._english.score(english) if en_idx else []
            scored = run_multi() if multi_idx else []
        for i, s in zip(en_idx, en_scored):
            out[i] = s
        for i, s in zip(multi_idx, scored):
            if i in heads_only:
                out[i].update({k: v for k, v in s.items() if k.startswith(HEAD_PREFIX)})
                if readers is not None:
                    out[i].update(self.read_english(out[i], s, readers))
            else:
                out[i] = self.map_scores({k: v for k, v in s.items() if not k.startswith(READER_PREFIX)})
        self.last_routes = routes
        return out  # type: ignore[return-value]

    def _together(self, english: list[str], run_multi):  # noqa: ANN001 - a callable
        """(the English model's scores, ``run_multi()``), the two models run at the same time: an
        English comment needs both, and onnxruntime lets go of the GIL while a model runs. On two
        cores this scores a mixed stream about a quarter faster at batch 1 than one model after the
        other (benchmarks/model_speed.py); the scores are the same. An error in either is raised
        here, once both have stopped."""
        done: dict[str, Any] = {}

        def run_english() -> None:
            try:
                done["scores"] = self._english.score(english)
            except BaseException as exc:  # noqa: BLE001 - raised again below, in the caller's thread
                done["error"] = exc

        worker = threading.Thread(target=run_english, name="classifier-english", daemon=True)
        worker.start()
        try:
            multi = run_multi()
        finally:
            worker.join()
        if "error" in done:
            raise done["error"]
        return done["scores"], multi

    def read_english(self, english: dict[str, float], multi: dict[str, float], readers) -> dict[str, float]:  # noqa: ANN001
        """An English comment's labels that the readers read (training/readers.py): the English
        model's score and the reader's averaged in logit space, on the English model's scale."""
        import numpy as np

        from models.onnx_backend import with_logits

        out = {}
        for lab in readers.labels:
            q = min(max(multi[READER_PREFIX + lab], 1e-7), 1 - 1e-7)
            out[lab] = float(with_logits(np, np.float64(english[lab]), np.log(q / (1 - q))))
        return self.map_scores(out, readers.score_map)


def onnx(**options: Any) -> RoutedClassifier:
    return RoutedClassifier(backend="onnx", **options)


def pytorch(**options: Any) -> RoutedClassifier:
    return RoutedClassifier(backend="pytorch", **options)
