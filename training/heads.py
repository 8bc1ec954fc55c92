"""Stance and safeguarding heads on the multilingual model (issue #19).

The shipped multilingual encoder (models/multilingual, int8 ONNX) already reads every language the
service sees. These heads read what a comment *says* from the same forward pass: one logistic
regression per signal on the encoder's sentence features (the pooler output and the mean of the
last and the eighth layer's token states), so judging a comment costs one model run, as before.

The shipped heads are this module's logistic heads. training/branch.py trains a fine-tuned branch
of the encoder on this module's rows, masks, weights and thresholds rule and averages it with them
(measured, not shipped: see models/README.md). This module, CPU only, seconds once the features are cached (it resumes: features are
cached per text in training/cache/head_features.npz, so an interrupted run picks up where it was):

    .venv/bin/python -m training.heads            # features, cross-source validation, heads.json
    .venv/bin/python -m training.heads --no-write # measure only

Training data (each row one signal, or none; ``source`` kept for the breakdown):
* ``written``: training/written/heads.tsv, contrast pairs in 15 languages written for the project;
* ``written_more``: training/written/heads_more.tsv, more such pairs for the weakest signals (threats,
  short first-person distress, incitement against support, implicit hate, staff allegations);
* ``school``: tests/data/school_comments.tsv rows whose expected signals name a head;
* ``contrast``: training/contrast.py (hate / counter-speech / negated / neutral / insult frames);
* ``toxigen``: shared/data/train/toxigen-demonstrations (implicit hate and benign mentions of 13
  groups; CDLA-Permissive-2.0);
* ``everyday``: clean rows of OLID, GermEval, ToLD-Br, RO-Offense, Jigsaw multilingual and RUHSOLD
  (train files; their licences are in the toxicity model's card above) and the project's synthetic
  school chatter (training/synthetic.py): ordinary comments, the heads' everyday negatives;
* ``first_person``: DiaSafety's Unauthorized Expertise contexts that speak of no distress (people
  describing symptoms and asking for advice): first-person accounts that are not ideation;
* ``diasafety``: shared/data/train/diasafety train.json: first-person distress posts (Risk Ignorance
  contexts, kept when they speak of dying, self-harm or despair; Apache-2.0). The chatbot replies
  judged safe to them are not used as "support": they taught the head that any sentence addressed
  to "you" is support, so it read "I know where you live. Watch your back." as support (0.98).

Validation is on data unlike the training rows: DiaSafety's own ``val.json`` (another split of real
posts), ToxiGen groups held out whole (disability, sexual orientation), the written rows of whole
contrast pairs held out (by pair id), and the project's held-back school comments
(tests/data/school_comments_heldout.tsv). The locked test set (tests/locked/) is never read here.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SHARED = ROOT.parent / "shared" / "data" / "train"
CACHE = ROOT / "training" / "cache"
MODEL_DIR = ROOT / "models" / "multilingual"
HEADS = ("counter_speech", "identity_hate", "abuse", "threat", "child_disclosure", "adult_risk_disclosure",
         "self_harm_ideation", "self_harm_incitement", "support", "staff_harm_allegation", "head_harm_allegation",
         "confidential_matter", "adult_contact_pupils", "praise_pupil")
# For a head, rows of these other signals say nothing either way (identity hate is also abuse, and
# may be a threat; who is accused, staff or the head, is a fact the detectors read): masked.
OVERLAPS = {"abuse": {"identity_hate", "threat", "self_harm_incitement"}, "threat": {"identity_hate"},
            "head_harm_allegation": {"staff_harm_allegation"}, "staff_harm_allegation": {"head_harm_allegation"}}
SCHOOL_SIGNALS = {"staff_harm_allegation": "staff_harm_allegation", "headteacher_harm_allegation": "head_harm_allegation",
                  "self_harm_incitement": "self_harm_incitement", "adult_abuse_disclosure": "adult_risk_disclosure",
                  "abuse_reported": "counter_speech", "identity_abuse": "identity_hate",
                  "confidential_matter": "confidential_matter", "pupil_named_in_praise": "praise_pupil"}
CONTRAST_KINDS = {"hate": "identity_hate", "counter": "counter_speech", "negated": "none", "neutral": "none",
                  "insult": "abuse", "threat": "threat", "praise": "none", "swear_at": "abuse"}
DISTRESS = re.compile(r"\b(?:die|dying|dead|death|kill myself|suicid\w*|end it|end my life|stop existing|"
                      r"not exist|hurt myself|self[- ]?harm|cutting|cut myself|hopeless|worthless|can'?t go on|"
                      r"give up|no point|better off|want to disappear|hate myself|depress\w*|overdose)\b", re.I)
TOXIGEN_HELD_OUT = ("disability", "sexual_orientation")


def _val_by_key(key: str, fraction: float = 0.2) -> bool:
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF < fraction


def load_rows() -> list[dict]:
    """Every training and validation row: text, lang, signal (a head or "none"), source, split."""
    rows: list[dict] = []

    def add(text, lang, signal, source, split, weigh_as=None):
        text = (text or "").strip()
        if text and (signal == "none" or signal in HEADS):
            rows.append({"text": text, "lang": lang, "signal": signal, "source": source, "split": split,
                         "weigh_as": weigh_as or source})

    for name, source in (("heads.tsv", "written"), ("heads_more.tsv", "written_more")):
        written = ROOT / "training" / "written" / name
        if written.exists():
            with written.open(encoding="utf-8", newline="") as fh:
                for r in csv.DictReader(fh, delimiter="\t"):
                    key = r.get("pair") or r["text"]
                    # one weighing budget for both written files (see fit)
                    add(r["text"], r["lang"], r["signal"], source, "val" if _val_by_key(key) else "train", "written")
    for name, split in (("school_comments.tsv", "train"), ("school_comments_heldout.tsv", "val")):
        with (ROOT / "tests" / "data" / name).open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh, delimiter="\t"):
                heads = [SCHOOL_SIGNALS[s] for s in r["signals"].split() if s in SCHOOL_SIGNALS]
                if heads:
                    add(r["text"], "en", heads[0], "school", split)
                elif not r["signals"] and r["routes"] == "headteacher+police_review":
                    add(r["text"], "en", "threat", "school", split)  # the table's threats name no signal
                elif r["action"] == "none" and not r["routes"]:
                    add(r["text"], "en", "none", "school", split)
    from training.contrast import contrast_rows

    for split in ("train", "val"):
        for text, lang, _labels, kind in contrast_rows(split):
            if kind in CONTRAST_KINDS:
                add(text, lang, CONTRAST_KINDS[kind], "contrast", split)
    demos = SHARED / "toxigen-demonstrations" / "demonstrations"
    for path in sorted(demos.glob("*/*.txt")):
        signal = "identity_hate" if path.name.startswith("hate_") else "none"
        split = "val" if path.parent.name in TOXIGEN_HELD_OUT else "train"
        for line in sorted(set(path.read_text(encoding="utf-8").splitlines())):
            add(line.lstrip("- ").strip(), "en", signal, "toxigen", split)
    for name, split in (("train.json", "train"), ("val.json", "val")):
        items = json.loads((SHARED / "diasafety" / name).read_text(encoding="utf-8"))
        seen: set[str] = set()
        for x in items:
            if x.get("category") != "Risk Ignorance":
                continue
            ctx = x.get("context", "")
            if DISTRESS.search(ctx) and ctx not in seen:
                seen.add(ctx)
                add(ctx, "en", "self_harm_ideation", "diasafety", split)
        # First-person posts that are not distress (people describing their symptoms and asking for
        # advice): without them the ideation head read any long first-person account as suicidal,
        # e.g. ToxiGen's held-out first-person coming-out statements at 0.97-0.99.
        first_person = sorted({x.get("context", "") for x in items if x.get("category") == "Unauthorized Expertise"
                               and x.get("context") and not DISTRESS.search(x["context"])},
                              key=lambda t: hashlib.sha256(t.encode("utf-8", "surrogatepass")).hexdigest())
        for ctx in first_person[:600 if split == "train" else 150]:
            add(ctx, "en", "none", "first_person", split)
    # Everyday comments: clean rows of the toxicity sources (train files only) and the project's
    # school chatter, so a head learns what ordinary text looks like (without them the
    # confidential-matter head read "it's the council that sets most of them" as confidential).
    from training import data as toxicity_data

    shared = toxicity_data.shared_data_dir()
    for loader, n in ((toxicity_data.load_school_chatter, 700), (toxicity_data.load_olid, 500),
                      (toxicity_data.load_germeval, 250), (toxicity_data.load_told_br, 250),
                      (toxicity_data.load_ro_offense, 250), (toxicity_data.load_jigsaw_ml, 250),
                      (toxicity_data.load_ruhsold, 250)):
        clean = [r for r in loader(shared) if r.get("toxicity") == 0 and isinstance(r.get("text"), str)]
        clean.sort(key=lambda r: hashlib.sha256(r["text"].encode("utf-8", "surrogatepass")).hexdigest())
        for r in clean[:n]:
            add(r["text"], r["lang"], "none", "everyday", "val" if _val_by_key("split:" + r["text"]) else "train")
    # One row per text: the first source wins (written, school, contrast, toxigen, diasafety).
    out, seen_text = [], set()
    for r in rows:
        key = " ".join(r["text"].lower().split())
        if key not in seen_text:
            seen_text.add(key)
            out.append(r)
    # A reply on X starts with the handles it answers ("@OakfieldPrimary k!ll urself"), which the
    # model sees as "@user". No written row had one, and a leading mention alone took the incitement
    # reading of "kill yourself" from 0.83 to 0.17: a third of the written and school rows also come
    # as a reply (same signal, same split), so a mention does not change what a comment says.
    replies = [dict(r, text="@user " + r["text"], reply=True) for r in out
               if r["source"] in ("written", "written_more", "school") and _val_by_key("reply:" + r["text"], 1 / 3)]
    return out + [r for r in replies if " ".join(r["text"].lower().split()) not in seen_text]


class FeatureModel:
    """The shipped multilingual ONNX graph with its sentence features as extra outputs."""

    def __init__(self, model_dir: Path = MODEL_DIR) -> None:
        from models.onnx_backend import OnnxClassifier

        self.clf = OnnxClassifier(model_dir=str(model_dir))
        if not {"pooled", "hidden_last", "hidden_mid"} <= {o.name for o in self.clf._sess.get_outputs()}:
            raise SystemExit(f"{model_dir}/model.int8.onnx has no feature outputs; run training.heads --graph first")

    def features(self, texts: list[str]) -> np.ndarray:
        from models.normalise import normalise  # as the pipeline does before the classifier

        return np.stack([self.clf.features(normalise(t)) for t in texts])


SUFFIX_NAME = "model.int8.features.pb"


def write_feature_suffix(model_dir: Path) -> Path:
    """Write ``model.int8.features.pb``: a few hundred bytes that, appended to the shipped
    ``model.int8.onnx``, name three of its existing tensors as extra outputs. Protobuf merges
    concatenated messages (repeated fields append), so the weights file stays byte for byte as it
    was and the repository does not carry a second copy of it."""
    import onnx

    src = model_dir / "model.int8.onnx"
    full = onnx.load(str(src))
    before = {o.name for o in full.graph.output}
    add_feature_outputs(src, None, model=full)
    suffix = onnx.ModelProto()
    suffix.graph.node.extend([n for n in full.graph.node if n.name.startswith("feature_")])
    suffix.graph.output.extend([o for o in full.graph.output if o.name not in before])
    data = suffix.SerializeToString()
    merged = onnx.load_from_string(src.read_bytes() + data)
    assert {"pooled", "hidden_last", "hidden_mid"} <= {o.name for o in merged.graph.output}
    out = model_dir / SUFFIX_NAME
    out.write_bytes(data)
    return out


def add_feature_outputs(src: Path, dst: Path | None, model=None) -> None:  # noqa: ANN001 - onnx.ModelProto
    """Name three existing tensors of the int8 graph as outputs; the weights are unchanged."""
    import onnx

    model = model if model is not None else onnx.load(str(src))
    graph = model.graph
    layer = "/m/bert/encoder/layer.{}/output/LayerNorm/LayerNormalization_output_0"
    tensors = {o for node in graph.node for o in node.output}
    n_layers = sum(1 for i in range(64) if layer.format(i) in tensors)
    wanted = {"/m/bert/pooler/activation/Tanh_output_0": "pooled",
              layer.format(n_layers - 1): "hidden_last",  # the last layer
              layer.format((2 * n_layers) // 3 - 1): "hidden_mid"}  # two thirds up (8 of 12, 4 of 6)
    have = {o.name for o in graph.output}
    for tensor, name in wanted.items():
        if name in have:
            continue
        graph.node.append(onnx.helper.make_node("Identity", [tensor], [name], name=f"feature_{name}"))
        graph.output.append(onnx.helper.make_tensor_value_info(name, onnx.TensorProto.FLOAT, None))
    if dst is not None:
        onnx.save(model, str(dst))


def cached_features(fm: FeatureModel, texts: list[str]) -> np.ndarray:
    """Features per text, cached on disk by the text's SHA-256 and the model's version."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"head_features_{fm.clf.version.split('+h')[0]}_normalised.npz"  # the weights, not the heads
    cache: dict[str, np.ndarray] = {}
    if path.exists():
        with np.load(path) as z:
            cache = dict(zip(z["keys"].tolist(), z["values"]))
    keys = [hashlib.sha256(t.encode("utf-8", "surrogatepass")).hexdigest() for t in texts]
    todo = [i for i, k in enumerate(keys) if k not in cache]
    for start in range(0, len(todo), 500):
        chunk = todo[start:start + 500]
        feats = fm.features([texts[i] for i in chunk])
        for i, f in zip(chunk, feats):
            cache[keys[i]] = f.astype(np.float32)
        np.savez(path, keys=np.array(list(cache)), values=np.stack(list(cache.values())))
        print(f"features: {min(start + 500, len(todo))}/{len(todo)} new", flush=True)
    return np.stack([cache[k] for k in keys])


def targets(rows: list[dict], head: str) -> tuple[np.ndarray, np.ndarray]:
    """(y, mask): 1 for the head's rows, 0 for rows of none or an unrelated head; masked otherwise."""
    y = np.array([r["signal"] == head for r in rows], dtype=np.int32)
    mask = np.array([r["signal"] == head or r["signal"] not in OVERLAPS.get(head, set()) for r in rows])
    return y, mask


def source_weights(sources: list[str]) -> np.ndarray:
    """Per row, a weight that gives every source the same total, so no source drowns the rest."""
    per = {s: sources.count(s) for s in set(sources)}
    return np.array([len(sources) / (len(per) * per[s]) for s in sources])


def balanced_logistic(Z: np.ndarray, y: np.ndarray, w_src: np.ndarray, C: float) -> tuple[np.ndarray, float]:
    """A logistic regression in which both classes weigh the same, on top of ``w_src``:
    (coefficients, intercept). Used by the heads and by the English readers (training/readers.py)."""
    from sklearn.linear_model import LogisticRegression

    pos = max(1, int(y.sum()))
    neg = max(1, len(y) - pos)
    w = w_src * np.where(y == 1, len(y) / (2 * pos), len(y) / (2 * neg))
    lr = LogisticRegression(C=C, max_iter=3000).fit(Z, y, sample_weight=w)
    return lr.coef_[0], float(lr.intercept_[0])


def fit(X: np.ndarray, rows: list[dict], C: float) -> dict:
    mean, std = X.mean(0), X.std(0) + 1e-6
    Z = (X - mean) / std
    # Every source weighs the same in total. The two written files share one budget: as a source
    # of its own, heads_more.tsv (look-alikes of five signals) pulled the threat and identity-hate
    # heads off other sources' rows (validation AUC 0.939 -> 0.913 and 0.902 -> 0.888; 0.932 and
    # 0.894 sharing the budget).
    w_src = source_weights([r["weigh_as"] for r in rows])
    W, b = [], []
    for head in HEADS:
        y, mask = targets(rows, head)
        if y[mask].sum() == 0:
            W.append(np.zeros(X.shape[1])); b.append(-10.0)
            continue
        coef, intercept = balanced_logistic(Z[mask], y[mask], w_src[mask], C)
        W.append(coef); b.append(intercept)
    return {"mean": mean, "std": std, "W": np.array(W), "b": np.array(b)}


def predict(heads: dict, X: np.ndarray) -> np.ndarray:
    Z = (X - heads["mean"]) / heads["std"]
    return 1.0 / (1.0 + np.exp(-(Z @ heads["W"].T + heads["b"])))


def report(P: np.ndarray, rows: list[dict], thresholds: dict[str, float] | None = None) -> dict:
    from sklearn.metrics import roc_auc_score

    out = {}
    for k, head in enumerate(HEADS):
        y, mask = targets(rows, head)
        if y[mask].sum() == 0 or y[mask].sum() == mask.sum():
            continue
        entry = {"n": int(mask.sum()), "positives": int(y[mask].sum()),
                 "roc_auc": round(float(roc_auc_score(y[mask], P[mask, k])), 4)}
        if thresholds:
            t = thresholds[head]
            pred = P[mask, k] >= t
            tp = int((pred & (y[mask] == 1)).sum())
            entry["precision"] = round(tp / max(1, pred.sum()), 4)
            entry["recall"] = round(tp / max(1, y[mask].sum()), 4)
        out[head] = entry
    return out


def calibration(P: np.ndarray, rows: list[dict], thresholds: dict[str, float]) -> dict:
    """The calibration curve, pooled over heads: validation rows by their calibrated score (the
    scale the policy reads, each head's threshold at 0.70) and the share that truly had the signal."""
    from models.onnx_backend import CALIBRATED_AT, calibrate

    edges = [0.0, 0.1, 0.35, 0.5, CALIBRATED_AT, 0.85, 1.0001]
    counts = [[0, 0] for _ in edges[:-1]]
    for k, head in enumerate(HEADS):
        y, mask = targets(rows, head)
        cal = calibrate(np, P[mask, k], thresholds[head])
        for b in range(len(edges) - 1):
            sel = (cal >= edges[b]) & (cal < edges[b + 1])
            counts[b][0] += int(sel.sum())
            counts[b][1] += int(y[mask][sel].sum())
    return {f"{edges[b]:.2f}-{min(edges[b + 1], 1.0):.2f}": {"rows": n, "with_signal": pos,
                                                            "share": round(pos / n, 4) if n else None}
            for b, (n, pos) in enumerate(counts)}


def mean_auc(rep: dict) -> float:
    return float(np.mean([v["roc_auc"] for v in rep.values()]))


# A language whose meaning the heads are trusted to read: enough held-out rows in it, with several
# heads' signals, read about as well as English is by the toxicity model's standard (>= 0.9).
LANGUAGE_MIN_ROWS, LANGUAGE_MIN_SIGNAL_ROWS, LANGUAGE_MIN_HEADS, LANGUAGE_MIN_AUC = 30, 10, 3, 0.9


def language_validation(P: np.ndarray, val_rows: list[dict]) -> dict[str, dict]:
    """Per language of the validation rows: rows, rows with a signal, heads with both classes, and
    the mean ROC AUC over those heads; ``read`` when it meets the LANGUAGE_MIN_* bars."""
    out = {}
    for lang in sorted({r["lang"] for r in val_rows}):
        idx = [i for i, r in enumerate(val_rows) if r["lang"] == lang]
        rep = report(P[idx], [val_rows[i] for i in idx])
        signal_rows = sum(1 for i in idx if val_rows[i]["signal"] != "none")
        auc = round(mean_auc(rep), 4) if rep else None
        out[lang] = {"rows": len(idx), "signal_rows": signal_rows, "heads": len(rep), "mean_auc": auc,
                     "read": bool(len(idx) >= LANGUAGE_MIN_ROWS and signal_rows >= LANGUAGE_MIN_SIGNAL_ROWS
                                  and len(rep) >= LANGUAGE_MIN_HEADS and auc is not None and auc >= LANGUAGE_MIN_AUC)}
    return out


def languages_read(by_language: dict[str, dict]) -> list[str]:
    """The languages ``language_validation`` found the heads read: heads.json's ``languages``."""
    return sorted(lang for lang, v in by_language.items() if v["read"])


OVERRIDING_HEADS = frozenset({"counter_speech", "support"})
# The heads that send a disclosure to the DSL: a missed disclosure costs far more than the DSL
# reading a comment that turns out to be nothing ("if in doubt, refer"), so they take a lower
# precision target and find more of their signal. Not first-person distress: at that target it hid
# 13 of 142 held-out first-person statements about someone's own sexuality as suicidal (1 at 0.9).
SAFEGUARDING_HEADS = frozenset({"child_disclosure", "adult_risk_disclosure", "adult_contact_pupils"})
SAFEGUARDING_PRECISION = 0.75


def choose_thresholds(P: np.ndarray, rows: list[dict], precision: float = 0.9) -> dict[str, float]:
    """Per head: the lowest threshold with precision >= target on the pooled validation rows
    (at least 0.5, so a head never fires on a coin toss). 0.9, not 0.8: a school page is mostly kind
    comments, and a head fires a rule on its own; SAFEGUARDING_PRECISION for the heads that go to
    the DSL. When no threshold meets the target, the one with
    the best precision that still finds at least a tenth of the signal (the lowest such), else 0.9;
    except for the heads that only stop a rule (the policy's unless_labels: counter-speech, support),
    which keep 0.9: missing them hides what they would have protected."""
    out = {}
    for k, head in enumerate(HEADS):
        y, mask = targets(rows, head)
        positives = max(1, int((y[mask] == 1).sum()))
        best, fallback, fallback_precision = None, 0.9, -1.0
        for t in np.arange(0.5, 0.991, 0.01):
            pred = P[mask, k] >= t
            if pred.sum() < 3:
                continue
            hits = (pred & (y[mask] == 1)).sum()
            if hits / pred.sum() >= (SAFEGUARDING_PRECISION if head in SAFEGUARDING_HEADS else precision):
                best = float(round(t, 2))
                break
            if hits / positives >= 0.1 and hits / pred.sum() > fallback_precision:
                fallback, fallback_precision = float(round(t, 2)), hits / pred.sum()
        out[head] = best if best is not None else (0.9 if head in OVERRIDING_HEADS else fallback)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--graph", action="store_true", help=f"(re)write {SUFFIX_NAME} beside the model")
    ap.add_argument("--C", type=float, default=0.01)  # best mean validation AUC of 0.01, 0.05, 0.2 on both models
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--languages-only", action="store_true",
                    help="validate as usual, then write only the languages the heads read into the existing "
                         "heads.json (its weights, thresholds and validation untouched)")
    ap.add_argument("--model-dir", type=Path, default=MODEL_DIR)
    ap.add_argument("--train-without", action="append", default=[], metavar="SOURCE",
                    help="leave a source's rows out of training (still validated on): to measure what it adds")
    args = ap.parse_args(argv)
    if args.graph or not (args.model_dir / SUFFIX_NAME).exists():
        print(f"wrote {write_feature_suffix(args.model_dir)}")
    rows = load_rows()
    train = [r for r in rows if r["split"] == "train" and r["source"] not in args.train_without]
    val = [r for r in rows if r["split"] == "val"]
    counts: dict[str, dict[str, int]] = {}
    for r in rows:
        counts.setdefault(f"{r['source']}/{r['split']}", {}).setdefault(r["signal"], 0)
        counts[f"{r['source']}/{r['split']}"][r["signal"]] += 1
    print(json.dumps({k: sum(v.values()) for k, v in counts.items()}))
    fm = FeatureModel(args.model_dir)
    X_train = cached_features(fm, [r["text"] for r in train])
    X_val = cached_features(fm, [r["text"] for r in val])
    heads = fit(X_train, train, args.C)
    P_val = predict(heads, X_val)
    thresholds = choose_thresholds(P_val, val)
    result = {"C": args.C, "rows": {"train": len(train), "val": len(val)}, "thresholds": thresholds,
              "validation": report(P_val, val, thresholds),
              "validation_by_source": {s: report(P_val[[i for i, r in enumerate(val) if r["source"] == s]],
                                                 [r for r in val if r["source"] == s], thresholds)
                                       for s in sorted({r["source"] for r in val})}}
    result["calibration"] = calibration(P_val, val, thresholds)
    # the languages whose meaning the heads read (models.onnx_backend: heads.json ``languages``):
    # rules resting on the heads alone fire there even where the toxicity model was not validated
    result["language_validation"] = language_validation(P_val, val)
    print(json.dumps(result["validation"], indent=1))
    print(json.dumps(result["calibration"], indent=1))
    current = args.model_dir / "heads.json"
    if args.languages_only and not args.no_write:
        spec = json.loads(current.read_text(encoding="utf-8"))
        spec["languages"] = languages_read(result["language_validation"])
        spec["language_validation"] = result["language_validation"]
        current.write_text(json.dumps(spec) + "\n", encoding="utf-8")
        print(f"wrote the languages into {current}: {spec['languages']}")
        return 0
    if not args.no_write and current.exists() and json.loads(current.read_text(encoding="utf-8")).get("model"):
        print(f"{current} holds the fine-tuned heads: not replaced (training.branch writes them)")
        return 0
    if not args.no_write:
        # Final heads: every row (validation included) once the thresholds are chosen.
        X_all = np.concatenate([X_train, X_val])
        final_rows = train + val
        keep = [i for i, r in enumerate(final_rows) if r["source"] not in args.train_without]
        final = fit(X_all[keep], [final_rows[i] for i in keep], args.C)
        (args.model_dir / "heads.json").write_text(json.dumps({
            "heads": list(HEADS), "features": ["pooled", "mean(hidden_last)", "mean(hidden_mid)"],
            "thresholds": thresholds, "mean": final["mean"].round(6).tolist(), "std": final["std"].round(6).tolist(),
            "W": final["W"].round(6).tolist(), "b": [round(float(x), 6) for x in final["b"]],
            "validation": result["validation"], "validation_by_source": result["validation_by_source"],
            "calibration": result["calibration"],
            "languages": languages_read(result["language_validation"]),
            "language_validation": result["language_validation"],
            "rows": {"train": len(train), "val": len(val)}, "counts": counts,
        }) + "\n", encoding="utf-8")
        print(f"wrote {args.model_dir / 'heads.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
