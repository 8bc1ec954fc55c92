"""Templated threat sentences (and matched benign counterparts) for the ``threat`` label.

None of the real corpora in shared/data/train annotates threats separately (OLID's TIN mixes
insults and threats; Jigsaw's six-label file has one threat). Without any positives the threat
head would be untrained, so we add a small, seeded, clearly-marked synthetic source:
threat templates ("i will kill you", "someone should stab that teacher") paired with benign
sentences that reuse the same frames and targets ("i will help you", "someone should thank that
teacher"), so the head learns the violent intent rather than the frame. The source is called
``synthetic_threats`` and its validation numbers are NOT evidence of real-world threat recall.
"""
from __future__ import annotations

import random

TARGETS = ["you", "him", "her", "them", "that teacher", "the head teacher", "your kid", "your son",
           "your daughter", "that boy", "that girl", "the lot of you", "every one of you",
           "your family", "the headmaster", "mrs smith", "mr jones", "those kids", "the staff"]
VIOLENT = ["kill", "stab", "shoot", "hurt", "beat up", "batter", "strangle", "punch", "knife",
           "burn", "smash the face of", "break the legs of", "slit the throat of", "murder",
           "put a bullet in", "run over", "kick the head in of", "end"]
BENIGN = ["help", "thank", "meet", "call", "support", "see", "congratulate", "visit", "email",
          "praise", "invite", "teach", "cheer on", "pick up", "drop off", "welcome", "remember", "text"]
FRAMES = [
    "i will {v} {t}", "i'm going to {v} {t}", "im gonna {v} {t}", "someone should {v} {t}",
    "i swear i will {v} {t}", "watch your back, i will {v} {t}", "i know where you live, i will {v} {t}",
    "wait till i find {t}, i will {v} {t}", "we are going to {v} {t} after school",
    "i'll {v} {t} tomorrow", "next time i see {t} i will {v} {t}", "i hope someone will {v} {t}",
    "if you do that again i will {v} {t}", "going to {v} {t} at the gates",
    "{t} better watch out, i will {v} {t}",
]
EXTRA_THREATS = [
    "you're dead", "you are dead meat", "you won't live to see friday", "i will find you",
    "i know where you live", "watch your back", "you'll regret this, i'll make sure of it",
    "i'm coming for you", "burn the school down", "i will burn your house down",
    "there will be blood", "you will not walk home safe", "we will make you pay",
    "sleep with one eye open", "your days are numbered", "i will make you disappear",
]
EXTRA_BENIGN = [
    "you're brilliant", "you are a star", "you'll love it on friday", "i will find the form",
    "i know where the hall is", "watch the video", "you'll enjoy this, i'll make sure of it",
    "i'm coming to the fair", "the school is on fire with enthusiasm", "i will paint your fence",
    "there will be cake", "you will walk home with your friends", "we will make you proud",
    "sleep well everyone", "your days will be busy", "i will make you a cup of tea",
    "the play killed it, well done", "my feet are killing me after sports day",
]


def threat_rows(n_per_class: int = 400, seed: int = 7) -> list[tuple[str, dict]]:
    rng = random.Random(seed)
    zeros = dict(toxicity=0, severe_toxicity=0, obscene=0, threat=0, insult=0, identity_attack=0)
    out: list[tuple[str, dict]] = []
    seen = set()
    while len([1 for _, lab in out if lab.get("threat") == 1]) < n_per_class:
        f, t = rng.choice(FRAMES), rng.choice(TARGETS)
        s = f.format(v=rng.choice(VIOLENT), t=t)
        b = f.format(v=rng.choice(BENIGN), t=t)
        if s in seen:
            continue
        seen.add(s)
        out.append((s, dict(toxicity=1, threat=1)))
        if b not in seen:
            seen.add(b)
            out.append((b, dict(zeros)))
    for s in EXTRA_THREATS:
        out.append((s, dict(toxicity=1, threat=1)))
    for s in EXTRA_BENIGN:
        out.append((s, dict(zeros)))
    return out
