"""Benchmark: finding and masking personal details in 100,000 comments.

The comments are the demo's phrases (one to three per comment, Swedish and
English), and one in twenty carries a personal detail (phone number, e-mail
address, personnummer or card number, in the forms customers write them). Times
:func:`analysis.pii.count` (what an import report does) and
:func:`analysis.pii.mask` (what every page and export does), prints the figures
and writes bench/pii.json.

    python -m bench.pii [--comments 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from pathlib import Path

from analysis import pii
from ingest.demo_texts import GENERIC, PHRASES

DETAILS = ["ring mig på 070-174 06 50", "mejla anna.svensson@example.se", "mitt pnr 19900101-2385",
           "kortet 4111 1111 1111 1111 drogs två gånger", "nås på +46 8 465 004 50", "tel 08-465 004 99"]


def comments(size: int, seed: int = 1) -> list[str]:
    """``size`` comments from the demo's phrases; one in twenty with a personal detail."""
    rng = random.Random(seed)
    phrases = [text for theme in PHRASES.values() for tone in theme.values() for texts in tone.values()
               for text in texts]
    phrases += [text for tone in GENERIC.values() for texts in tone.values() for text in texts]
    made = []
    for _ in range(size):
        parts = rng.sample(phrases, rng.randint(1, 3))
        if rng.random() < 0.05:
            parts.insert(rng.randint(0, len(parts)), rng.choice(DETAILS))
        made.append(". ".join(parts))
    return made


def timed(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.pii", description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    texts = comments(args.comments)
    counted = pii.count(texts)
    figures = {
        "comments": len(texts),
        "characters": sum(map(len, texts)),
        "found": counted,
        "count_seconds": round(timed(lambda: pii.count(texts), args.repeat), 3),
        "mask_seconds": round(timed(lambda: [pii.mask(text) for text in texts], args.repeat), 3),
    }
    for name, value in figures.items():
        print(f"{name:>16}: {value}")
    Path(__file__).with_name("pii.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
