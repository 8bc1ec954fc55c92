"""The typefaces the documents embed, so a comment in Polish, Urdu, Russian, Greek, Hebrew, Hindi, Punjabi,
Bengali, Chinese, Japanese or Korean prints as its own words. They are files in this folder (subsets
of Noto and Droid Sans Fallback, see README.md here), so a fresh machine needs nothing from outside.

``register`` adds them to an fpdf2 document: Noto Sans for Latin, Greek and Cyrillic, and fallbacks
that fpdf2 picks glyph by glyph for the other scripts, shaped with HarfBuzz (uharfbuzz) so Arabic
letters join and run right to left and Indic syllables form. ``covers`` says whether some embedded
font has a character, so the documents can mark anything else visibly instead of dropping it.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont

HERE = Path(__file__).resolve().parent
FAMILY = "sans"
MAIN = {"": "NotoSans-Regular.ttf", "B": "NotoSans-Bold.ttf"}
# family name -> file; fpdf2 tries them in this order for a glyph the main font lacks
FALLBACKS = {
    "arabic": "NotoSansArabic-Regular.ttf",        # Arabic, Urdu, Persian
    "hebrew": "NotoSansHebrew-Regular.ttf",
    "devanagari": "NotoSansDevanagari-Regular.ttf",  # Hindi, Marathi, Nepali
    "gurmukhi": "NotoSansGurmukhi-Regular.ttf",    # Punjabi
    "bengali": "NotoSansBengali-Regular.ttf",      # Bengali, Sylheti as commonly written
    "cjk": "DroidSansFallback-CJK.ttf",            # Chinese, Japanese, Korean
}


# Scripts whose letters change shape, join or reorder (Hebrew, Arabic and Urdu, the Indic scripts).
# Shaping costs about ten times the plain layout, so only text with these letters is shaped.
_COMPLEX = re.compile("[\u0590-\u08ff\u0900-\u0dff\ufb1d-\ufdff\ufe70-\ufeff]")


def needs_shaping(text: str) -> bool:
    return bool(_COMPLEX.search(text))


@lru_cache(maxsize=1)
def _characters() -> frozenset[int]:
    found: set[int] = set()
    for name in [*MAIN.values(), *FALLBACKS.values()]:
        with TTFont(HERE / name, lazy=True) as font:
            found.update(font.getBestCmap())
    return frozenset(found)


def covers(ch: str) -> bool:
    """Some embedded font can draw this character."""
    return ord(ch) in _characters()


def register(pdf) -> None:  # noqa: ANN001  (an fpdf.FPDF)
    """Adds the fonts to ``pdf`` (the main one as ``FAMILY``); ``shape`` turns shaping on for a text."""
    for style, name in MAIN.items():
        pdf.add_font(FAMILY, style, str(HERE / name))
    for family, name in FALLBACKS.items():
        pdf.add_font(family, "", str(HERE / name))
    pdf.set_fallback_fonts(list(FALLBACKS), exact_match=False)


def shape(pdf, text: str) -> None:  # noqa: ANN001
    """Shapes what ``pdf`` writes next with HarfBuzz if ``text`` needs it (right to left included)."""
    pdf.set_text_shaping(use_shaping_engine=needs_shaping(text))
