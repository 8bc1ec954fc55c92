"""models.normalise: each evasion class, things that must survive, and totality on hostile input."""
from __future__ import annotations


import pytest

from models.normalise import model_text, normalise


@pytest.mark.parametrize(
    "raw, expected",
    [
        # NFKC: full-width and mathematical letters
        ("ｙｏｕ ａｒｅ ｓｔｕｐｉｄ", "you are stupid"),
        ("𝐟𝐮𝐜𝐤 off", "fuck off"),
        # homoglyphs (Cyrillic / Greek look-alikes) inside Latin words
        ("you are an іdіоt", "you are an idiot"),
        ("fυck off", "fuck off"),
        ("ѕтυріd", "stupid"),
        # zero-width, soft hyphen, BOM, bidi and control characters
        ("f\u200bu\u200cc\u200dk you", "fuck you"),
        ("id\u00adi\ufeffot", "idiot"),
        ("b\u202eitch\x00", "bitch"),
        # leetspeak inside words mixing letters and digits/symbols
        ("you are a 1d10t", "you are a idiot"),
        ("sh1t school", "shit school"),
        ("what a b1tch", "what a bitch"),
        ("a$$hole", "asshole"),
        ("b@stard", "bastard"),
        ("5tup1d", "stupid"),
        # spaced / dotted / starred letters
        ("f.u.c.k you", "fuck you"),
        ("you are s t u p i d", "you are stupid"),
        ("f*u*c*k", "fuck"),
        ("i am a s t u p i d", "i am a stupid"),
        # repeated characters (keep genuine doubles)
        ("stuuuupid", "stupid"),
        ("fuuuuuck", "fuck"),
        ("coooool", "cool"),
        ("sooooo good", "so good"),
        ("!!!!!!!!", "!!!"),
        # zalgo decoration
        ("i̷͍d̸̡i̴o̶t", "idiot"),
        # meaningful emoji become words, others a space
        ("you 🖕", "you fuck you"),
        ("lovely day 😂😂", "lovely day"),
    ],
)
def test_evasions_are_undone(raw, expected):
    assert normalise(raw) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Year 4 had a great trip",
        "Tickets cost £5 each",
        "Y7 and KS2 parents: 10am on the 4th",
        "covid19 update for mp3 players",
        "Room 101 at 3pm",
        "e.g. this and i.e. that",
        "I am a parent",
        "1 2 3 4 go",
        "Привет, как дела?",  # genuine Cyrillic text is left alone
        "Καλημέρα σας",  # genuine Greek text is left alone
        "café naïve jalapeño",
        "email me at office@school.org",
        "Well done!!",
        "good book, see you soon",
    ],
)
def test_benign_text_survives(text):
    assert normalise(text) == text


def test_whitespace_collapsed_and_stripped():
    assert normalise("  hello \n\t world  ") == "hello world"


@pytest.mark.parametrize(
    "hostile",
    [
        "\x00" * 10_000,
        "ab\ud800cd\udfff",  # lone surrogates
        "\ud83d",
        "",
        " ",
        "\u200b" * 5000,
        "🖕" * 10_000,
        "a\u0301" * 20_000,
    ],
)
def test_total_on_hostile_input(hostile):
    out = normalise(hostile)
    assert isinstance(out, str)
    out.encode("utf-8")  # always encodable: no lone surrogates left
    assert "\x00" not in out


def test_lone_surrogates_removed_text_kept():
    assert normalise("ab\ud800cd") == "abcd"


def test_non_string_input():
    assert normalise(None) == ""  # type: ignore[arg-type]
    assert normalise(123) == "123"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "big",
    [
        "a" * 1_000_000,
        "1" * 1_000_000,
        "a1" * 500_000,
        "f.u." * 250_000,
        "a b " * 250_000,
        "й" * 1_000_000,
        ("stuuupid " * 120_000)[:1_000_000],
        "@" * 1_000_000,
        "$1" * 500_000,
    ],
)
def test_linear_time_on_1mb_inputs(big):
    out = normalise(big)
    # a whole megabyte in, text out (benchmarks/text_bounds.py times it: ~1 s alone on 2 cores)
    assert isinstance(out, str) and 0 < len(out) <= len(big)


def test_idempotent_on_common_text():
    for t in ["f.u.c.k you", "you are a 1d10t", "Year 4 trip", "stuuuupid", "ｆｕｃｋ"]:
        once = normalise(t)
        assert normalise(once) == once


def test_model_text_placeholders():
    assert model_text("RT @bob: hi &amp; bye http://t.co/x") == "@user: hi & bye http"
    assert model_text("<user> <user> you are <number> years old") == "@user you are 1 years old"
    assert model_text("@USER @USER @USER lol URL") == "@user lol http"
