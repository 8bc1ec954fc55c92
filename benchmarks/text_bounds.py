"""Wall-clock bounds on hostile text, moved out of the tests (tests/test_language.py, test_detectors.py,
test_normalise.py check what is done, never how long it took):

    .venv/bin/python benchmarks/text_bounds.py

Prints, and checks against generous limits (exit status 1 when one is passed):
- language detection of 10 MB of text (only ``MAX_CHARS`` are read): under 0.5 s;
- language detection of an ordinary comment: median under 5 ms;
- the detectors on 1 MB hostile inputs: under 30 s each (about a second on a quiet machine;
  minutes would mean catastrophic backtracking);
- every detector pattern on near-miss input of twice the length: at most about twice the time;
- the normaliser on 1 MB adversarial strings: under 10 s each.
"""
from __future__ import annotations

import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from models.language import detect as detect_language  # noqa: E402
from models.normalise import normalise  # noqa: E402
from moderator.judge import detectors  # noqa: E402
from moderator.judge import detect_lexicon, detect_patterns
from moderator.judge.detectors import SchoolContext, detect  # noqa: E402
from moderator.settings import SchoolSettings  # noqa: E402
from training.lang_samples import SAMPLES  # noqa: E402

CALM = {"toxicity": 0.05, "insult": 0.02, "identity_attack": 0.01, "threat": 0.01, "obscene": 0.01,
        "sexual_explicit": 0.01}
HOSTILE_DETECTOR_INPUTS = [
    "p a k " * 200_000, "the teacher the TA Mr Okafor " * 40_000, '"' + "go back to your " * 70_000,
    "kill kill kil k!ll " * 60_000, "a" * 1_000_000, "Ruby's " * 150_000, "please remove " * 80_000,
    "(" * 500_000 + ")" * 500_000, "my husband " * 100_000,
]
HOSTILE_NORMALISER_INPUTS = [
    "a" * 1_000_000, "1" * 1_000_000, "a1" * 500_000, "f.u." * 250_000, "a b " * 250_000, "й" * 1_000_000,
    ("stuuupid " * 120_000)[:1_000_000], "@" * 1_000_000, "$1" * 500_000,
]


def timed(fn, *args, **kwargs) -> float:
    start = time.perf_counter()
    fn(*args, **kwargs)
    return time.perf_counter() - start


def main() -> int:
    failures = []

    def check(what: str, seconds: float, limit: float) -> None:
        print(f"{what:60} {seconds * 1000:10.1f} ms  (limit {limit * 1000:.0f} ms)")
        if seconds >= limit:
            failures.append(what)

    texts = [s for lang, samples in SAMPLES.items() if lang != "ur-Latn" for s in samples]
    detect_language(texts[0])  # loads the language model once
    check("language: 10 MB of English", timed(detect_language, "this is an english sentence " * 370_000), 0.5)
    check("language: one comment (median)", statistics.median(timed(detect_language, s) for s in texts), 0.005)

    school = SchoolContext.from_settings(SchoolSettings(
        slug="oakfield", name="Oakfield Primary School", headteacher=["Mrs Patel"], staff=["Mr Okafor"],
        pupil_names=["Ruby Holt", "Alfie Morgan"]))
    for text in HOSTILE_DETECTOR_INPUTS:
        check(f"detectors: {text[:24]!r}... ({len(text):,} chars)",
              timed(detect, text, normalise(text), CALM, school, attachments=[{"type": "photo"}] * 50), 30.0)

    patterns = list({id(v): v for module in (detectors, detect_lexicon, detect_patterns) for name in dir(module)
                     for v in (getattr(module, name) if isinstance(getattr(module, name), list)
                               else [getattr(module, name)]) if isinstance(v, re.Pattern)}.values())
    probe = "my son the teacher kill your sel go back to your muslims should be aaaa 1:1 '\" "

    def cost(n: int) -> float:
        text = probe * n
        start = time.perf_counter()
        for pattern in patterns:
            for _ in pattern.finditer(text):
                pass
        return time.perf_counter() - start

    cost(50)
    single, double = cost(800), cost(1600)
    print(f"{'patterns: ' + str(len(patterns)) + ' on near misses, 800 then 1600 probes':60} "
          f"{single * 1000:10.1f} ms {double * 1000:10.1f} ms  (limit: 4x + 50 ms)")
    if double >= 4 * single + 0.05:
        failures.append("patterns are not linear on near misses")

    for text in HOSTILE_NORMALISER_INPUTS:
        check(f"normalise: {text[:24]!r}... ({len(text):,} chars)", timed(normalise, text), 10.0)
    if failures:
        print("over the limit: " + "; ".join(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
