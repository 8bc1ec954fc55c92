"""Seeded obfuscation generator: the filter-dodging tricks models/normalise.py is meant to undo.

``obfuscate(text, rng)`` rewrites words with one of: leetspeak, dotted letters, spaced letters,
star/dash-separated letters, stretched letters, Cyrillic/Greek homoglyphs, zero-width characters,
full-width letters, zalgo marks, plus occasional emoji. Profanity-like words are always
obfuscated (that is what people disguise); other words of 4+ letters with probability ``p``.

Used by training/evaluate_model.py: AUC of (obfuscated toxic validation comments vs plain clean
validation comments) against the same with plain toxic comments, after ``normalise``.
"""
from __future__ import annotations

import random
import re

LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7"}
SYMBOL = {"a": "@", "s": "$"}
HOMO = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "i": "і", "k": "к",
        "u": "υ", "t": "т", "h": "һ", "s": "ѕ", "d": "ԁ", "m": "м", "n": "η", "b": "в"}
ZW = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
EMOJI = ["😂", "🤡", "💀", "🙄", "😡", "👍", "🔥", "🖕"]
TRIGGER = re.compile(
    r"(fuck|shit|bitch|cunt|dick|cock|ass|whore|slut|retard|idiot|stupid|moron|dumb|fag|nigg|hoe|"
    r"pussy|bastard|kill|hate|ugly|loser|trash|scum|die|twat|wank|prick|kys|pathetic|disgust)",
    re.IGNORECASE)
WORD = re.compile(r"[A-Za-z]{3,}")


def _leet(w: str, rng: random.Random) -> str:
    out = []
    for c in w:
        lc = c.lower()
        if lc in SYMBOL and rng.random() < 0.3:
            out.append(SYMBOL[lc])
        elif lc in LEET and rng.random() < 0.7:
            out.append(LEET[lc])
        else:
            out.append(c)
    return "".join(out)


def _sep(w: str, rng: random.Random) -> str:
    return rng.choice([".", " ", "*", "-", " . ", "_"]).join(w)


def _stretch(w: str, rng: random.Random) -> str:
    vowels = [i for i, c in enumerate(w) if c.lower() in "aeiouy"] or [len(w) - 1]
    i = rng.choice(vowels)
    return w[: i + 1] + w[i] * rng.randint(2, 6) + w[i + 1 :]


def _homo(w: str, rng: random.Random) -> str:
    return "".join(HOMO[c] if c in HOMO and rng.random() < 0.6 else c for c in w)


def _zw(w: str, rng: random.Random) -> str:
    return "".join(c + (rng.choice(ZW) if rng.random() < 0.5 else "") for c in w)


def _fullwidth(w: str, rng: random.Random) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in w)


def _zalgo(w: str, rng: random.Random) -> str:
    return "".join(c + "".join(chr(rng.randint(0x300, 0x36F)) for _ in range(rng.randint(1, 3))) for c in w)


def _caps(w: str, rng: random.Random) -> str:
    return "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in w)


METHODS = {"leet": _leet, "sep": _sep, "stretch": _stretch, "homoglyph": _homo, "zero_width": _zw,
           "fullwidth": _fullwidth, "zalgo": _zalgo, "caps": _caps}


def obfuscate(text: str, rng: random.Random, p: float = 0.3, methods: tuple[str, ...] | None = None) -> str:
    names = list(methods or METHODS)

    def sub(m: re.Match) -> str:
        w = m.group(0)
        if TRIGGER.search(w) or (len(w) >= 4 and rng.random() < p):
            return METHODS[rng.choice(names)](w, rng)
        return w

    out = WORD.sub(sub, text)
    if rng.random() < 0.3:
        out = out + " " + rng.choice(EMOJI)
    return out


def obfuscate_all(texts, seed: int = 0, **kw) -> list[str]:
    rng = random.Random(seed)
    return [obfuscate(t, rng, **kw) for t in texts]


if __name__ == "__main__":
    from models.normalise import normalise

    rng = random.Random(1)
    for t in ["you are a stupid idiot", "shut up you fucking loser", "I hate you, go and die"]:
        for _ in range(3):
            o = obfuscate(t, rng)
            print(repr(o), "->", repr(normalise(o)))
