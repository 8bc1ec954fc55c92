"""The second set of written rows for the heads (training/written/heads_more.tsv) is exactly what
its generator writes, never repeats a row of the first set, and every contrast set in it really
contrasts two signals, so holding a set out by its id holds out both sides of the contrast."""
import collections
import csv
import sys
from pathlib import Path

WRITTEN = Path(__file__).resolve().parents[1] / "training" / "written"


def _read(name: str) -> list[dict]:
    with (WRITTEN / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def _generator():
    sys.path.insert(0, str(WRITTEN))
    try:
        import make_heads_more
    finally:
        sys.path.remove(str(WRITTEN))
    return make_heads_more


def test_heads_more_tsv_is_what_make_heads_more_writes():
    written = [(r["lang"], r["signal"], r["pair"], r["text"]) for r in _read("heads_more.tsv")]
    assert written == _generator().rows(), "run: python training/written/make_heads_more.py"


def test_no_row_of_heads_more_repeats_a_row_of_heads_tsv():
    first = {r["text"].casefold() for r in _read("heads.tsv")}
    repeated = [r["text"] for r in _read("heads_more.tsv") if r["text"].casefold() in first]
    assert repeated == []


def test_every_contrast_set_has_two_signals_and_its_own_ids():
    rows = _read("heads_more.tsv")
    first_ids = {r["pair"] for r in _read("heads.tsv") if r["pair"]}
    sets = collections.defaultdict(set)
    for r in rows:
        if r["pair"]:
            sets[r["pair"]].add(r["signal"])
    assert sets, "no contrast sets"
    assert [p for p, signals in sets.items() if len(signals) < 2] == []
    assert first_ids.isdisjoint(sets)


def test_the_weak_signals_are_written_in_every_language():
    rows = _read("heads_more.tsv")
    langs = {r["lang"] for r in rows}
    assert len(langs) == 16
    for signal in ("threat", "self_harm_ideation", "self_harm_incitement", "support", "identity_hate",
                   "staff_harm_allegation"):
        assert {r["lang"] for r in rows if r["signal"] == signal} == langs, signal
