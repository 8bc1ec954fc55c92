"""Text folding (leetspeak, spaced letters, repeats undone) and the identity-abuse lexicon
(moderator/judge/lexicon/identity.toml): which slurs and coded terms a comment uses, which it only
reports or uses in an ordinary sense."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from moderator.judge.detect_patterns import QUOTED, REPORT_AFTER, REPORT_FRAME, TARGET_AFTER, TARGET_BEFORE

_LEET_FOLD = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s",
                            "!": "i", "|": "l", "€": "e", "¡": "i", "’": "'", "‘": "'"})
_FOLD_TOKEN = re.compile(r"[a-z0-9@$!|€¡’‘']{2,40}")
_SPACED = re.compile(r"(?<![a-z])[a-z](?:[ .\-_*]{1,2}[a-z](?![a-z])){2,12}")
_REPEATS = re.compile(r"([a-z])\1{2,}")
_DOUBLES = re.compile(r"([a-z])\1+")
_HAS_LEET = re.compile(r"[0-9@$!|€¡’‘]")
_WORD = re.compile(r"[a-z0-9*#]+(?:'[a-z]+)?")
_NUMBERISH = re.compile(r"\d+(?:st|nd|rd|th|s|am|pm|k|p|yo|yrs?|x|d)?|[a-z]{1,3}\d{1,3}|\d{1,3}[a-z]")


def fold(text: str) -> str:
    """Lower case with the disguises undone that ``normalise`` leaves (``k!ll``, ``p a k i``, ``1488`` kept)."""
    text = text.lower()

    def leet(m: re.Match) -> str:
        tok = m.group(0)
        if tok.isalpha() or _NUMBERISH.fullmatch(tok) or not any(c.isalpha() for c in tok):
            return tok
        return tok.translate(_LEET_FOLD)

    if _HAS_LEET.search(text):
        text = _FOLD_TOKEN.sub(leet, text)
    text = _SPACED.sub(lambda m: re.sub(r"[ .\-_*]", "", m.group(0)), text)
    return _REPEATS.sub(r"\1\1", text)


def _squeeze(word: str) -> str:
    """Doubled letters made single, so "goliwog" and "golliwog" meet."""
    return _DOUBLES.sub(r"\1", word)


@dataclass(frozen=True)
class _Term:
    group: str
    targeted: bool
    benign: tuple[str, ...]


class LexiconError(Exception):
    pass


LEXICON_FILE = Path(__file__).resolve().parent / "lexicon" / "identity.toml"


@lru_cache(maxsize=4)
def load_lexicon(path: Path = LEXICON_FILE) -> tuple[dict[str, _Term], dict[str, _Term], int]:
    """Single words and phrases (by word count) of the identity lexicon; refuses a malformed file."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LexiconError(f"identity lexicon {path}: {exc}") from None
    words: dict[str, _Term] = {}
    phrases: dict[str, _Term] = {}
    longest = 1
    for i, entry in enumerate(data.get("terms", [])):
        unknown = set(entry) - {"term", "forms", "group", "targeted", "benign"}
        if unknown or not isinstance(entry.get("term"), str) or not entry.get("group"):
            raise LexiconError(f"identity lexicon {path}: entry {i + 1} needs term and group (unknown: {sorted(unknown)})")
        term = _Term(str(entry["group"]), bool(entry.get("targeted", False)),
                     tuple(fold(b) for b in entry.get("benign", [])))
        for form in [entry["term"], *entry.get("forms", [])]:
            form = " ".join(fold(form).split())
            if not re.fullmatch(r"[a-z0-9']+(?: [a-z0-9']+){0,4}", form):
                raise LexiconError(f"identity lexicon {path}: {form!r} must be letters, digits and single spaces")
            (phrases if " " in form else words)[form] = term
            longest = max(longest, form.count(" ") + 1)
    return words, phrases, longest


_SQUEEZED: dict[int, dict[str, _Term]] = {}


def _squeezed(words: dict[str, _Term]) -> dict[str, _Term]:
    """The lexicon's words with doubled letters made single (where that makes no other term)."""
    if id(words) not in _SQUEEZED:
        _SQUEEZED[id(words)] = {_squeeze(w): t for w, t in words.items() if _squeeze(w) != w and _squeeze(w) not in words}
    return _SQUEEZED[id(words)]


def mask_unquoted(text: str) -> str:
    """The text with quoted passages blanked: a slur quoted in order to report it is not used."""
    return QUOTED.sub(lambda m: " " * len(m.group(0)), text)


def identity_terms(folded: str, unquoted: str) -> tuple[list[str], list[str], list[str]]:
    """(slurs and coded terms used, terms seen only in an ordinary sense: "faggots and peas",
    terms reported as someone else's words)."""
    words, phrases, longest = load_lexicon()
    squeezed = _squeezed(words)
    ordinary: list[str] = []
    reported: list[str] = []
    tokens = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(unquoted)][:5000]
    plain = [t[0].replace("'s", "") for t in tokens]
    found: list[str] = []
    for i, (tok, start, end) in enumerate(tokens):
        for n in range(1, longest + 1):
            if i + n > len(tokens):
                break
            key = " ".join(plain[i:i + n])
            term = (words if n == 1 else phrases).get(key)
            if term is None and n == 1 and _DOUBLES.search(key) is None:
                term = squeezed.get(key)  # "goliwog", "fagot": a letter of a double left out
            if term is None and n == 1 and ("*" in tok or "#" in tok) and 3 <= len(tok) <= 20 and tok[0].isalpha():
                mask = re.compile(re.sub(r"[*#]", "[a-z]", tok))
                key = next((w for w in words if len(w) == len(tok) and mask.fullmatch(w)), None)
                term = words.get(key) if key else None
            if term is None:
                continue
            stop = tokens[i + n - 1][2]
            benign = next((b for b in term.benign if b and _covers(folded, b, start, stop)), None)
            if benign:
                ordinary.append(f"{benign} (ordinary use of {key!r})")
                continue
            if is_reported(unquoted, start, stop):
                reported.append(key)  # "they called my son a ...": a report of abuse, not abuse
                continue
            if term.targeted:
                near_before = set(plain[max(0, i - 3):i])
                near_after = set(plain[i + n:i + n + 2])
                if not (near_before & TARGET_BEFORE or near_after & TARGET_AFTER):
                    continue
            found.append(f"{key} ({term.group})")
    return found, ordinary, reported


def is_reported(text: str, start: int, stop: int) -> bool:
    """Whether the words at text[start:stop] are someone else's, reported: "called my son a ...",
    "... he shouted at us"."""
    return bool(REPORT_FRAME.search(text[max(0, start - 60):start]) or REPORT_AFTER.match(text[stop:stop + 40]))


def _covers(text: str, phrase: str, start: int, stop: int) -> bool:
    lo = max(0, start - len(phrase))
    for m in re.finditer(re.escape(phrase), text[lo:stop + len(phrase)]):
        if m.start() + lo <= start and m.end() + lo >= stop:
            return True
    return False
