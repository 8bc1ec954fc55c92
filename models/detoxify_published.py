"""Detoxify's published models (``original``, ``unbiased``, ``multilingual``) as classifiers.

Settings (constructor keyword options; each also read from an environment variable):

* ``checkpoint`` / ``MODERATOR_DETOXIFY_<VARIANT>_CHECKPOINT``: path to the published ``.ckpt``.
  With it, the model loads offline. Without it, detoxify downloads the checkpoint from GitHub
  (works only where the machine can reach GitHub); a failure becomes ``ClassifierError``.
* ``huggingface_config_path`` / ``MODERATOR_DETOXIFY_<VARIANT>_CONFIG``: folder with the
  base model's ``config.json`` and tokenizer files (e.g. a saved ``bert-base-uncased``), needed
  offline. Defaults to the checkpoint's own folder when that holds a ``config.json``.
* ``device`` (default ``cpu``), ``batch_size`` (default 32), ``max_length`` (default 256).

``load_detoxify_offline`` is shared with models/embedded.py: detoxify resolves
``arch.args.model_type`` with ``from_pretrained`` BEFORE it looks at ``huggingface_config_path``,
so the checkpoint dict is rewritten to point ``model_type`` at the absolute config folder and
passed to ``Detoxify`` as an in-memory buffer.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any, Sequence

from models.base import ClassifierError

_CHANGE_NAMES = {"toxic": "toxicity", "identity_hate": "identity_attack", "severe_toxic": "severe_toxicity"}


def file_version(path: str | os.PathLike, n: int = 12) -> str:
    """Short sha256 of a weights file, recorded with every decision."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:n]


def _config_dir_with_labels(cfg_dir: Path, loaded: dict) -> Path:
    """detoxify needs config.json to carry the checkpoint's number of labels. A plain base-model
    folder (e.g. a saved ``bert-base-uncased``) does not, so use a temporary copy of the folder
    whose config.json has num_labels / id2label set from the checkpoint."""
    import json
    import shutil
    import tempfile

    classes = [_CHANGE_NAMES.get(c, c) for c in loaded["config"]["dataset"]["args"]["classes"]]
    cfg = json.loads((cfg_dir / "config.json").read_text(encoding="utf-8"))
    n = len(cfg.get("id2label") or {}) or cfg.get("num_labels")
    if n == len(classes):
        return cfg_dir
    tmp = Path(tempfile.mkdtemp(prefix="detoxify-config-"))
    for f in cfg_dir.iterdir():
        if f.is_file() and f.name != "config.json" and f.stat().st_size < 64 * 1024 * 1024:
            shutil.copy(f, tmp / f.name)  # tokenizer files (weights are in the checkpoint)
    cfg["id2label"] = {str(i): c for i, c in enumerate(classes)}
    cfg["label2id"] = {c: i for i, c in enumerate(classes)}
    cfg.pop("num_labels", None)
    (tmp / "config.json").write_text(json.dumps(cfg, indent=2), encoding="utf-8")
    return tmp


def load_detoxify_offline(checkpoint: str | os.PathLike, config_dir: str | os.PathLike, device: str = "cpu"):
    """Load a Detoxify-format checkpoint with no network. Returns the ``detoxify.Detoxify`` object."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    ckpt_path = Path(checkpoint)
    cfg_dir = Path(config_dir).resolve()
    if not ckpt_path.is_file():
        raise ClassifierError(f"checkpoint not found: {ckpt_path}")
    if not (cfg_dir / "config.json").is_file():
        raise ClassifierError(f"no config.json in huggingface_config_path {cfg_dir}")
    try:
        import torch
        from detoxify import Detoxify

        try:  # mapped, so the weights are read once, while they are copied to the temporary file
            loaded = torch.load(ckpt_path, map_location=device, weights_only=False, mmap=True)
        except RuntimeError:  # a legacy (pre-zip) checkpoint cannot be mapped
            loaded = torch.load(ckpt_path, map_location=device, weights_only=False)
        if not isinstance(loaded, dict) or "config" not in loaded or "state_dict" not in loaded:
            raise ClassifierError(f"{ckpt_path} is not a Detoxify checkpoint (needs 'config' and 'state_dict')")
        cfg_dir = _config_dir_with_labels(cfg_dir, loaded)
        if loaded["config"]["arch"]["args"].get("model_type") != str(cfg_dir):
            # Point model_type at the absolute config folder in a private temporary copy of the
            # checkpoint (a file, not an in-memory buffer, so no extra copy of the weights is held
            # while detoxify builds the model). The copy is removed straight after loading.
            loaded["config"]["arch"]["args"]["model_type"] = str(cfg_dir)
            fd, name = tempfile.mkstemp(prefix="detoxify-", suffix=".ckpt")
            try:
                with os.fdopen(fd, "wb") as fh:
                    torch.save(loaded, fh)
                del loaded
                det = Detoxify(checkpoint=name, device=device, huggingface_config_path=str(cfg_dir))
            finally:
                Path(name).unlink(missing_ok=True)
        else:
            del loaded
            det = Detoxify(checkpoint=str(ckpt_path), device=device, huggingface_config_path=str(cfg_dir))
        det.model.float().eval()  # fp16-shipped weights are computed in fp32 on CPU
        return det
    except ClassifierError:
        raise
    except Exception as exc:  # noqa: BLE001 - anything from torch/transformers/detoxify
        raise ClassifierError(f"could not load Detoxify checkpoint {ckpt_path} with config {cfg_dir}: {exc}") from exc


def score_with_detoxify(det, texts: Sequence[str], labels: Sequence[str], batch_size: int,
                        max_length: int, prepare=None) -> list[dict[str, float]]:
    """Batch (sorted by length), truncate, score, restore input order."""
    import torch

    texts = ["" if t is None else str(t) for t in texts]
    # tokens beyond max_length are dropped anyway; cap characters so 1 MB inputs stay cheap
    cap = max_length * 24
    texts = [t[:cap] for t in texts]
    if prepare is not None:
        texts = [prepare(t) for t in texts]
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out: list[dict[str, float] | None] = [None] * len(texts)
    model, tok = det.model, det.tokenizer
    model.eval()
    with torch.inference_mode():
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            enc = tok([texts[i] for i in rows], return_tensors="pt", truncation=True,
                      max_length=max_length, padding=True).to(model.device)
            probs = torch.sigmoid(model(**enc)[0].float()).cpu().numpy()
            for j, i in enumerate(rows):
                out[i] = {lab: float(probs[j, k]) for k, lab in enumerate(labels)}
    return out  # type: ignore[return-value]


class DetoxifyPublished:
    """One of Detoxify's published checkpoints."""

    variant = "original"
    # the languages Detoxify's model card says each checkpoint was trained on (not validated here)
    supported_languages: frozenset[str] = frozenset({"en"})

    def __init__(self, checkpoint: str | None = None, *, huggingface_config_path: str | None = None,
                 device: str = "cpu", batch_size: int = 32, max_length: int = 256, **_: Any) -> None:
        env = f"MODERATOR_DETOXIFY_{self.variant.upper()}"
        checkpoint = checkpoint or os.environ.get(f"{env}_CHECKPOINT") or None
        huggingface_config_path = huggingface_config_path or os.environ.get(f"{env}_CONFIG") or None
        self.name = f"detoxify-{self.variant}"
        self.batch_size = int(batch_size)
        self.max_length = int(max_length)
        if checkpoint:
            cfg = huggingface_config_path
            if cfg is None and (Path(checkpoint).parent / "config.json").is_file():
                cfg = str(Path(checkpoint).parent)
            if cfg is None:
                raise ClassifierError(
                    f"{self.name}: loading checkpoint {checkpoint} offline needs the base model's config and "
                    f"tokenizer files; set huggingface_config_path (or {env}_CONFIG) to that folder")
            self._det = load_detoxify_offline(checkpoint, cfg, device)
            self.version = file_version(checkpoint)
        else:
            try:
                from detoxify import Detoxify

                self._det = Detoxify(model_type=self.variant, device=device)
            except Exception as exc:  # noqa: BLE001 - network / hub errors of every kind
                raise ClassifierError(
                    f"{self.name}: could not download Detoxify's '{self.variant}' checkpoint ({type(exc).__name__}: "
                    f"{exc}). This machine probably cannot reach GitHub. Download the checkpoint elsewhere and set "
                    f"the classifier option checkpoint=PATH (environment variable {env}_CHECKPOINT), plus "
                    f"huggingface_config_path (or {env}_CONFIG) for the base model's config/tokenizer.") from exc
            from detoxify.detoxify import MODEL_URLS

            self.version = Path(MODEL_URLS[self.variant]).stem
        self.labels = tuple(_CHANGE_NAMES.get(c, c) for c in self._det.class_names)

    def score(self, texts: Sequence[str]) -> list[dict[str, float]]:
        return score_with_detoxify(self._det, texts, self.labels, self.batch_size, self.max_length)


class DetoxifyOriginal(DetoxifyPublished):
    variant = "original"


class DetoxifyUnbiased(DetoxifyPublished):
    variant = "unbiased"


class DetoxifyMultilingual(DetoxifyPublished):
    variant = "multilingual"
    supported_languages = frozenset({"en", "fr", "es", "it", "pt", "tr", "ru"})


def original(**options: Any) -> DetoxifyOriginal:
    return DetoxifyOriginal(**options)


def unbiased(**options: Any) -> DetoxifyUnbiased:
    return DetoxifyUnbiased(**options)


def multilingual(**options: Any) -> DetoxifyMultilingual:
    return DetoxifyMultilingual(**options)
