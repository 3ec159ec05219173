"""Benchmark name parsing: ``read_name`` on every distinct corpus name, uncached.

    python benchmarks/names.py [--corpus ../shared/corpus/raw] [--repeat 7]

Collects the distinct dc:creator and dc:contributor strings of the real corpus (split as
the crosswalk splits them), then times ``read_name`` without its cache, so every name is
an unseen one, and a naive baseline in the same run (``str.partition`` at the comma and
``str.split``, what a parser that knows no shape would do). Prints microseconds per name
(``time.process_time``, the minimum of ``--repeat`` runs) and the ratio to the baseline.
"""

from __future__ import annotations

import argparse
import html
import re
import time
from collections.abc import Callable
from pathlib import Path

from oaiwalk.crosswalk.name_parser import read_name
from oaiwalk.crosswalk.names import split_names

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus" / "raw"
_NAME_ELEMENT = re.compile(r"<(?:\w+:)?(?:creator|contributor)\b[^>]*>([^<]*)<")


def corpus_names(corpus: Path) -> list[str]:
    """Return the distinct name strings of every corpus file, sorted."""
    names: set[str] = set()
    for path in sorted(corpus.glob("*.xml")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in _NAME_ELEMENT.finditer(text):
            value = html.unescape(match.group(1)).strip()
            if value:
                names.update(split_names(value))
    return sorted(names)


def _naive(text: str) -> tuple[str, list[str]]:
    family, _, given = text.partition(",")
    return family.strip(), given.split()


def per_name_us(parse: Callable[[str], object], names: list[str], repeat: int) -> float:
    """Return the minimum process time per name over ``repeat`` runs, in microseconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for name in names:
            parse(name)
        best = min(best, time.process_time() - start)
    return best / len(names) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    names = corpus_names(args.corpus)
    uncached = read_name.__wrapped__
    for name in names:  # load the tables once, outside the timing
        uncached(name)
    baseline = per_name_us(_naive, names, args.repeat)
    parsed = per_name_us(uncached, names, args.repeat)
    print(f"{len(names)} distinct names from {args.corpus}")
    print(f"read_name (uncached): {parsed:.1f} us/name")
    print(f"naive split baseline: {baseline:.2f} us/name")
    print(f"ratio: {parsed / baseline:.0f}x the baseline")


if __name__ == "__main__":
    main()
