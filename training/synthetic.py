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

from training.data import all_zero

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
            out.append((b, all_zero()))
    for s in EXTRA_THREATS:
        out.append((s, dict(toxicity=1, threat=1)))
    for s in EXTRA_BENIGN:
        out.append((s, all_zero()))
    return out


# ---------------------------------------------------------------------------
# Friendly school-page chatter (``synthetic_school``), all six labels 0.
#
# A school's page is mostly thanks, questions and news, and much of it uses words the public
# corpora mostly see in abuse: "killing it", "smashed it", "hate", "bad", "mad", "dying to",
# "crazy", "shot". A model trained only on those corpora scores such comments as toxic (a kind
# word about a teacher scored 0.53 with the first model), which on a school page means hiding
# parents' thanks. These templates teach the benign use. They are NOT evidence of accuracy:
# their validation numbers only show the templates were learned.
SUBJECTS = ["year 1", "year 2", "year 3", "year 4", "year 5", "year 6", "reception", "the choir",
            "the football team", "the netball girls", "my daughter", "my son", "our little one",
            "the whole class", "the orchestra", "the year 6 leavers", "the cast", "the eco club",
            "the staff", "miss clarke's class", "the relay team", "the kids", "everyone"]
PRAISE = ["absolutely killing it", "smashed it", "nailed it", "were on fire", "stole the show",
          "went wild for the disco", "were mad about the new library", "were insanely good",
          "blew us away", "were brilliant", "did an amazing job", "knocked it out of the park",
          "were unstoppable", "had a crazy good day", "were a riot in the play", "killed it on stage",
          "went absolutely bonkers for the bubble show", "were sick at the tournament",
          "came home buzzing", "were dying to tell us all about it"]
SETTINGS = ["at sports day", "in the nativity", "at the concert", "today", "on the trip",
            "at the fun run", "in assembly", "this week", "at the cross country", "", "", ""]
ENDINGS = ["", " well done!", " so proud", " 👏👏", " 😂", " ❤️", " thank you to the teachers",
           " what a day", "!!", " amazing"]
STANDALONE = [
    "roads around the school are really bad this morning, please drive carefully",
    "the traffic at pick-up is terrible today, leave extra time",
    "my son used to hate reading and now he can't put a book down, thank you",
    "she hated maths last year and now asks for extra homework, brilliant teacher",
    "the weather is awful, is sports day still going ahead?",
    "is the trip cancelled because of the storm?",
    "lost a blue coat at the fair, devastated, has anyone seen it?",
    "dying to see the photos from the residential",
    "crazy hair day was insane, my kitchen is covered in glitter",
    "that was a killer hill on the fun run, well done everyone",
    "the kids were wild with excitement about the snow",
    "sorry to be a pain, what time does the disco finish?",
    "worst thing about half term is no school run coffee 😂",
    "i hate to ask but does anyone have a spare pe top age 7?",
    "the mud at forest school is unreal, send wellies",
    "stay safe everyone, the pavement by the gate is icy",
    "please be careful, someone's reported a loose dog near the field",
    "absolutely gutted we missed the play, hope there's a video",
    "my son is obsessed with the new climbing frame",
    "that photo is a killer, frame it",
    "head lice letter again 😩 fine tooth comb out tonight",
    "fed up of this rain, poor kids stuck inside again",
    "not going to lie i cried at the leavers assembly",
    "shocked how fast this year has gone",
    "the noise from the recorder practice at home is something else 😂",
    "the cake sale was a massacre, everything gone in ten minutes",
    "i'm terrible at remembering non uniform day, thanks for the reminder",
    "scared stiff watching her do the high jump, so proud",
    "she fought so hard in that race, what a star",
    "the photos got shot in the sun so faces are a bit dark, still lovely",
]


def clean_rows(fixed: list[str], make, n: int, seed: int) -> list[tuple[str, dict]]:  # noqa: ANN001
    """``fixed`` and then distinct sentences from ``make(rng)`` (a seeded random.Random) until there
    are ``n`` (or 50 n tries), each labelled all six = 0: the project's templated clean rows."""
    rng = random.Random(seed)
    out = [(s, all_zero()) for s in fixed]
    seen = {s for s, _ in out}
    tries = 0
    while len(out) < n and tries < 50 * n:
        tries += 1
        s = make(rng)
        if s not in seen:
            seen.add(s)
            out.append((s, all_zero()))
    return out


def _chatter(rng: random.Random) -> str:
    s = " ".join(w for w in (rng.choice(SUBJECTS), rng.choice(PRAISE), rng.choice(SETTINGS)) if w)
    return (s + rng.choice(ENDINGS)).strip()


def school_chatter_rows(n: int = 700, seed: int = 11) -> list[tuple[str, dict]]:
    return clean_rows(STANDALONE, _chatter, n, seed)


# Scams, adverts and link spam, and parents' own notices with a link or "message me": not abusive
# language (the policy's spam rule and link detectors deal with them). The readers
# (training/readers.py) had none, and read a crypto scam with a short link as toxic (0.98).
SPAM_OPENERS = ["", "Check this out:", "Hi everyone!", "Ladies,", "Attention parents:", "WOW", "Hello all,",
                "Don't miss this!", "Just sharing:", "Hey!"]
SPAM_OFFERS = ["I made £4,000 this week trading crypto from my phone", "earn £300 a day working from home",
               "my account manager doubled my savings in a month", "free iPhone 16 giveaway, only 50 left",
               "Ray-Ban sunglasses 80% off today only", "get 10k followers in 24 hours",
               "forex signals with 98% accuracy", "loans approved in minutes, no credit checks",
               "claim your £500 supermarket voucher", "lose a stone in two weeks with this tea",
               "bitcoin mining pays out every day", "a new investment platform paying 20% a week",
               "designer handbags at factory prices", "win a family holiday to Florida",
               "cheap laptops for back to school, brand new", "you have been selected for a cash prize"]
SPAM_CALLS = ["DM me", "message me on WhatsApp", "click the link", "link in bio", "inbox me for details",
              "contact my manager on Telegram", "send me a message to start", "visit the site below",
              "register now before it closes", "comment YES and I'll send the info"]
SPAM_LINKS = ["", "", "http://bit.ly/3xQz9", "www.fast-cash-now.biz", "https://t.me/profitsdaily",
              "tinyurl.com/freegift24", "https://wa.me/447700900123", "http://promo-deals.shop/uk"]
SPAM_ENDINGS = ["", " 💰💰", " 🔥", " !!!", " 🙏", " ✅", " 😍"]
NOTICES = [
    "Selling a bundle of school uniform age 7-8, £10, message me if interested",
    "PTA quiz night tickets are on sale now, book at www.oakfieldpta.org",
    "Lost property sale after school on Friday, all money to the PTA",
    "Anyone want a free booster seat? DM me, collection only",
    "The summer fair raffle results are on the PTA page, link in the comments",
    "Local football club is looking for under 9s players, message me for details",
    "Swimming lessons have spaces on Saturdays, the link is on the leisure centre site",
    "Our cub pack is recruiting, email the leader for a taster session",
    "Selling tickets for the school disco, message me before Thursday",
    "Free tutoring session for year 6 SATs at the library, sign up at the desk",
]


def _spam(rng: random.Random) -> str:
    parts = [rng.choice(SPAM_OPENERS), rng.choice(SPAM_OFFERS) + ",", rng.choice(SPAM_CALLS), rng.choice(SPAM_LINKS)]
    s = (" ".join(p for p in parts if p).rstrip(",") + rng.choice(SPAM_ENDINGS)).strip()
    return s.upper() if rng.random() < 0.2 else s


def spam_rows(n: int = 400, seed: int = 17) -> list[tuple[str, dict]]:
    return clean_rows(NOTICES, _spam, n, seed)
