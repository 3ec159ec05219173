"""Time the crosswalk steps and the reader on hostile values of growing length.

    python benchmarks/hostile.py                     # every shape, 1k 4k 16k 64k
    python benchmarks/hostile.py --shapes source-digits creator-commas --sizes 1000 4000
    python benchmarks/hostile.py --list

Each shape builds values of about N characters (or N values, for "many-*" shapes) in one
DC element, from forms found in ``../shared/corpus/raw`` made long: runs of digits,
spaces, commas, dots and parentheses, repeated "vol. 1, no. 2, " fragments, names with
thousands of commas. The record goes through the real steps (``default_steps()``) one
after the other, or through the reader as an OAI-PMH file; each step's time is
``time.process_time()``, the minimum of ``--repeat`` runs, with every bounded
``lru_cache`` in oaiwalk cleared before each run (so a repeat is no cache hit).

Per shape and step it prints the time at each size and the growth per 4x length: ~4
is linear, ~16 quadratic. A step is flagged SUPERLINEAR when the growth between the two
largest sizes it reached exceeds ``--flag`` (default 8) and its time there is above the
noise floor. Each shape runs in its own process with a ``--timeout``; a shape that runs
out of time is flagged TIMEOUT at the size it was working on.
"""

from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

SIZES = (1_000, 4_000, 16_000, 64_000)
NOISE_FLOOR = 0.002  # seconds: below this a growth factor is mostly interpreter noise
STEP_BUDGET = 5.0  # seconds: a step slower than this at one size is not run at the next


def _repeat(fragment: str, n: int) -> str:
    """Return ``fragment`` repeated to exactly ``n`` characters."""
    return (fragment * (n // len(fragment) + 1))[:n]


# shape name -> (DC element, value-or-values maker, note). A maker returns one value of
# about n characters, or a list of values ("many-*" shapes: n values).
Maker = Callable[[int], "str | list[str]"]
SHAPES: dict[str, tuple[str, Maker, str]] = {
    # dc:source: journal citations (OJS, HAL, Dialnet, arXiv journal-refs)
    "source-digits": ("source", lambda n: _repeat("1", n), "a run of digits"),
    "source-spaces": ("source", lambda n: "a" + " " * (n - 2) + "b", "a run of spaces"),
    "source-commas": ("source", lambda n: _repeat("a,", n), "'a,a,a,...'"),
    "source-commas-spaced": ("source", lambda n: _repeat("ab, ", n), "'ab, ab, ...'"),
    "source-dots": ("source", lambda n: _repeat("J. ", n), "'J. J. J. ...' (abbreviations)"),
    "source-parens": ("source", lambda n: _repeat("(", n // 2) + _repeat(")", n // 2), "((( )))"),
    "source-open-parens": ("source", lambda n: _repeat("a (", n), "'a (a (a (...' unclosed"),
    "source-year-parens": ("source", lambda n: _repeat("J (2020) ", n), "'J (2020) J (2020) ...'"),
    "source-vol-no": (
        "source",
        lambda n: _repeat("vol. 1, no. 2, ", n),
        "repeated 'vol. 1, no. 2, '",
    ),
    "source-vol-no-tail": (
        "source",
        lambda n: "Journal, " + _repeat("vol. 1, no. 2, ", n) + " x",
        "'Journal, vol. 1, no. 2, ... x' (no match at the end)",
    ),
    "source-semicolons": ("source", lambda n: _repeat("a; ", n), "'a; a; a; ...'"),
    "source-ojs": (
        "source",
        lambda n: "Revista; " + _repeat("Vol 12 No 3 ", n) + "(2020); 45-67 x",
        "OJS source with a long volume statement",
    ),
    "source-words-year": (
        "source",
        lambda n: _repeat("Journal ", n) + "2020 x",
        "words then a year",
    ),
    "source-eds": ("source", lambda n: _repeat("In a, eds. ", n), "'In a, eds. In a, eds. ...'"),
    "source-colons": ("source", lambda n: _repeat("a: b ", n) + "(2020) 1: 2 x", "'a: b a: b ...'"),
    "source-words-digits": ("source", lambda n: _repeat("ab 12 ", n), "'ab 12 ab 12 ...'"),
    "source-letters-digits": ("source", lambda n: _repeat("a1", n), "'a1a1a1...'"),
    "source-pages": ("source", lambda n: "J, " + _repeat("pp. 1-2, ", n), "repeated page ranges"),
    "source-in-eds": (
        "source",
        lambda n: "In: Book, eds. " + _repeat("A. B, ", n) + "2003, pp. x",
        "'In: Book, eds. A. B, A. B, ...' book part without pages",
    ),
    "source-apa-chapter": (
        "source",
        lambda n: "Roe, A. T. In " + _repeat("P. Doe ", n) + "(Ed.), Book (pp. 1-2). x: y: z",
        "APA chapter with a long editor list",
    ),
    "source-quotes": ("source", lambda n: '"' + _repeat("a, ", n) + '", 2020, vol', "quoted title"),
    "source-doi-tail": (
        "source",
        lambda n: "J 1(2), 3-4" + _repeat(" doi:10.1/x", n),
        "repeated trailing identifiers",
    ),
    "source-dashes": ("source", lambda n: _repeat("1 - ", n), "'1 - 1 - 1 - ...'"),
    "source-sentences": ("source", lambda n: _repeat("Ab. ", n) + "J, 1(2), 3-4 x", "sentences"),
    "relation-series": ("relation", lambda n: _repeat("a;", n), "'a;a;a;...' (DSpace series)"),
    "relation-version-spaces": (
        "relation",
        lambda n: "isVersionOf" + " " * n + "x y",
        "'isVersionOf    x y' (a same-work relation with spaces)",
    ),
    "relation-spaces": ("relation", lambda n: "S" + " " * (n - 4) + "; 1", "series with spaces"),
    # dc:identifier: citations, URLs, DOIs, handles
    "identifier-digits": ("identifier", lambda n: _repeat("1", n), "a run of digits"),
    "identifier-url": ("identifier", lambda n: "http://" + _repeat("a/", n), "a long URL"),
    "identifier-doi": ("identifier", lambda n: "10.1234/" + _repeat("a.", n), "a long DOI"),
    "identifier-doi-spaces": ("identifier", lambda n: "doi:" + " " * n + "x", "'doi:    x'"),
    "identifier-citation": (
        "identifier",
        lambda n: "Roe, A. (2010) " + _repeat("Title word ", n) + ". J, 12 (3). pp. 4",
        "EPrints citation with a long title",
    ),
    "identifier-isbn-ish": ("identifier", lambda n: _repeat("978-", n), "'978-978-...'"),
    "identifier-dots": ("identifier", lambda n: _repeat("a.", n), "'a.a.a.'"),
    "identifier-spaces": ("identifier", lambda n: "a" + " " * n + "b", "a run of spaces"),
    "identifier-urn": ("identifier", lambda n: "urn:nbn:" + _repeat("de:", n), "a long URN"),
    "identifier-colons": ("identifier", lambda n: _repeat("a:", n), "'a:a:a:'"),
    # dc:date
    "date-digits": ("date", lambda n: _repeat("2", n), "a run of digits"),
    "date-dashes": ("date", lambda n: _repeat("2020-", n), "'2020-2020-...'"),
    "date-spaces": ("date", lambda n: "2020" + " " * n + "x", "year then spaces"),
    "date-slashes": ("date", lambda n: _repeat("12/", n), "'12/12/...'"),
    "date-words": ("date", lambda n: _repeat("circa ", n) + "2020", "'circa circa ... 2020'"),
    # dc:creator / dc:contributor
    "creator-commas": ("creator", lambda n: _repeat("a, ", n), "a name with thousands of commas"),
    "creator-initials": ("creator", lambda n: "Doe, " + _repeat("J.", n), "'Doe, J.J.J.J...'"),
    "creator-semicolons": ("creator", lambda n: _repeat("Doe, J.; ", n), "many names in one value"),
    "creator-and": ("creator", lambda n: _repeat("Doe and ", n) + "Roe", "'Doe and Doe and ...'"),
    "creator-particles": ("creator", lambda n: _repeat("van ", n) + "Doe", "'van van van ... Doe'"),
    "creator-parens": (
        "creator",
        lambda n: "Doe, J. " + _repeat("(1900-", n),
        "unclosed life dates",
    ),
    "creator-spaces": ("creator", lambda n: "Doe," + " " * n + "J.", "a run of spaces"),
    "creator-hyphens": ("creator", lambda n: "Doe, " + _repeat("J.-", n), "'Doe, J.-J.-...'"),
    "contributor-commas": ("contributor", lambda n: _repeat("a, ", n), "thousands of commas"),
    "many-creators": ("creator", lambda n: [f"Doe{i}, J." for i in range(n)], "n creators"),
    # text fields
    "title-braces": ("title", lambda n: _repeat("{a}$\\", n), "braces, dollars, backslashes"),
    "title-spaces": ("title", lambda n: "a" + " " * n + "b", "a run of spaces"),
    "title-math": ("title", lambda n: _repeat("$x^2$ ", n), "inline maths"),
    "title-tags": ("title", lambda n: _repeat("<i>a</i> ", n), "HTML tags"),
    "title-open-tags": ("title", lambda n: _repeat("<i", n), "unclosed HTML tags"),
    "description-words": ("description", lambda n: _repeat("abstract word ", n), "a long abstract"),
    "description-label": (
        "description",
        lambda n: "Abstract: " + _repeat("a: ", n),
        "a labelled abstract with many colons",
    ),
    "subject-commas": ("subject", lambda n: _repeat("a, ", n), "a keyword list in one value"),
    "subject-semicolons": ("subject", lambda n: _repeat("a; ", n), "keywords split by ';'"),
    "many-subjects": ("subject", lambda n: [f"subject {i}" for i in range(n)], "n subjects"),
    "many-identifiers": ("identifier", lambda n: [f"10.1/{i}" for i in range(n)], "n DOIs"),
    # dc:type, dc:rights, dc:language, dc:publisher, dc:format, dc:coverage
    "type-long": ("type", lambda n: "info:eu-repo/semantics/" + _repeat("a", n), "a long type"),
    "type-words": ("type", lambda n: _repeat("article ", n), "'article article ...'"),
    "rights-url": ("rights", lambda n: "http://creativecommons.org/" + _repeat("by/", n), "CC URL"),
    "rights-words": ("rights", lambda n: _repeat("CC BY ", n), "'CC BY CC BY ...'"),
    "rights-spaces": ("rights", lambda n: "CC" + " " * n + "BY", "a run of spaces"),
    "language-long": ("language", lambda n: _repeat("en-", n), "'en-en-en-'"),
    "language-words": ("language", lambda n: _repeat("the ", n), "stopwords"),
    "publisher-commas": ("publisher", lambda n: _repeat("a, ", n), "commas"),
    "publisher-long": ("publisher", lambda n: _repeat("Journal ", n), "a long journal name"),
    "format-long": ("format", lambda n: _repeat("application/", n), "a long media type"),
    "coverage-long": ("coverage", lambda n: _repeat("1900-", n), "'1900-1900-...'"),
}

# The record around the hostile value: a journal article with an identifier, so the
# type-dependent rules (containers of parts, book identifiers) run too.
BASE_VALUES = (
    ("title", "A title"),
    ("type", "info:eu-repo/semantics/article"),
    ("identifier", "http://hdl.handle.net/1234/5678"),
    ("date", "2020-01-02"),
)


def _record(element: str, values: list[str]) -> object:
    """Return a DcRecord: the base values plus ``values`` in ``element``."""
    from oaiwalk.model import DcRecord, DcValue, OaiHeader

    base = [DcValue(e, t) for e, t in BASE_VALUES]
    return DcRecord(
        OaiHeader("oai:hostile:1", "2020-01-02"),
        tuple(base + [DcValue(element, v) for v in values]),
        source="hostile",
        position=1,
    )


def _clear_caches() -> None:
    """Clear every bounded lru_cache in oaiwalk (table loaders, unbounded, stay)."""
    for module in [m for name, m in sys.modules.items() if name.startswith("oaiwalk")]:
        for obj in list(vars(module).values()):
            info = getattr(obj, "cache_info", None)
            if info is not None and info().maxsize is not None:
                obj.cache_clear()


def _time_steps(element: str, values: list[str], repeat: int) -> dict[str, float]:
    """Return each step's minimum process time over ``repeat`` runs on one record."""
    from oaiwalk.crosswalk import default_steps
    from oaiwalk.crosswalk.trail import start_record

    steps = default_steps()
    best: dict[str, float] = {}
    for _ in range(repeat):
        _clear_caches()
        dc = _record(element, values)
        record = start_record(dc)  # type: ignore[arg-type]
        for step in steps:
            name = step.__module__.rsplit(".", 1)[-1]
            gc.collect()
            start = time.process_time()
            record = step(dc, record)  # type: ignore[arg-type]
            spent = time.process_time() - start
            best[name] = min(best.get(name, spent), spent)
    return best


def _time_reader(element: str, values: list[str], repeat: int) -> float:
    """Return the minimum process time of reading one record with ``values`` from a file."""
    from oaiwalk.reader import read_source

    body = "".join(f"<dc:{element}>{escape(v)}</dc:{element}>" for v in values)
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords><record>'
        "<header><identifier>oai:hostile:1</identifier><datestamp>2020-01-02</datestamp>"
        '</header><metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"{body}</oai_dc:dc></metadata></record></ListRecords></OAI-PMH>\n"
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "hostile.xml"
        path.write_text(xml, encoding="utf-8")
        best = float("inf")
        for _ in range(repeat):
            gc.collect()
            start = time.process_time()
            records = list(read_source(path))
            best = min(best, time.process_time() - start)
            assert len(records) == 1
    return best


def run_shape(name: str, sizes: list[int], repeat: int) -> None:
    """Print one JSON line per size: the time of the reader and of each step."""
    element, make, _note = SHAPES[name]
    slow: set[str] = set()
    for size in sizes:
        print(json.dumps({"shape": name, "size": size, "started": True}), flush=True)
        made = make(size)
        values = made if isinstance(made, list) else [made]
        times = {"reader": _time_reader(element, values, repeat)}
        times.update(_time_steps(element, values, repeat))
        print(json.dumps({"shape": name, "size": size, "times": times}), flush=True)
        slow |= {step for step, spent in times.items() if spent > STEP_BUDGET}
        if slow:
            break  # the next size would take ~16x as long


def _growth(series: list[tuple[int, float]]) -> float | None:
    """Return the time ratio per 4x size between the two largest sizes measured."""
    if len(series) < 2:
        return None
    (n1, t1), (n2, t2) = series[-2], series[-1]
    if t1 <= 0:
        return None
    return (t2 / t1) ** (1 / max(1e-9, _log4(n2 / n1)))


def _log4(x: float) -> float:
    import math

    return math.log(x, 4)


def report_shape(
    shape: str, by_size: dict[int, dict[str, float]], stuck: int | None, flag: float
) -> list[str]:
    """Print one shape's table; return its flagged "shape step" lines."""
    flagged: list[str] = []
    element, _make, note = SHAPES[shape]
    sizes = sorted(by_size)
    steps = sorted({step for times in by_size.values() for step in times})
    print(f"\n{shape} (dc:{element}: {note})")
    print(f"  {'step':<12}" + "".join(f"{n:>11,}" for n in sizes) + "   growth/4x")
    for step in steps:
        series = [(n, by_size[n][step]) for n in sizes if step in by_size[n]]
        growth = _growth(series)
        cells = "".join(f"{t * 1000:>9.2f}ms" for _n, t in series)
        mark = ""
        if growth is not None and growth > flag and series[-1][1] > NOISE_FLOOR:
            mark = "  SUPERLINEAR"
            flagged.append(f"{shape} {step} x{growth:.1f}")
        shown = f"{growth:>8.1f}" if growth is not None else f"{'-':>8}"
        print(f"  {step:<12}{cells}{shown}{mark}")
    if stuck is not None:
        print(f"  TIMEOUT while at size {stuck:,}")
        flagged.append(f"{shape} TIMEOUT at {stuck:,}")
    sys.stdout.flush()
    return flagged


def _run_child(
    shape: str, sizes: list[int], repeat: int, timeout: float
) -> tuple[dict[int, dict[str, float]], int | None]:
    """Run one shape in a fresh process; return its times by size and the size it hung at."""
    cmd = [sys.executable, __file__, "--one", shape, "--repeat", str(repeat)]
    cmd += ["--sizes", *map(str, sizes)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        out = done.stdout
        if done.returncode != 0:
            print(f"{shape}: failed\n{done.stderr}", file=sys.stderr)
    except subprocess.TimeoutExpired as exc:
        raw = exc.stdout or b""
        out = raw.decode() if isinstance(raw, bytes) else raw
    by_size: dict[int, dict[str, float]] = {}
    started: int | None = None
    for line in out.splitlines():
        row = json.loads(line)
        if "times" in row:
            by_size[row["size"]] = row["times"]
        else:
            started = row["size"]
    return by_size, None if started is None or started in by_size else started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    shapes = list(SHAPES)
    parser.add_argument("--shapes", nargs="*", default=shapes, choices=shapes, metavar="SHAPE")
    parser.add_argument("--sizes", nargs="*", type=int, default=list(SIZES))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--flag", type=float, default=8.0, help="growth per 4x that is flagged")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per shape")
    parser.add_argument("--list", action="store_true", help="list the shapes and exit")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # child process: run one shape
    args = parser.parse_args(argv)
    if args.list:
        for name, (element, _make, note) in SHAPES.items():
            print(f"{name:<24} dc:{element:<12} {note}")
        return 0
    if args.one:
        run_shape(args.one, args.sizes, args.repeat)
        return 0
    flagged: list[str] = []
    for shape in args.shapes:
        by_size, stuck = _run_child(shape, args.sizes, args.repeat, args.timeout)
        flagged += report_shape(shape, by_size, stuck, args.flag)
    print("\nflagged:" if flagged else "\nnothing superlinear")
    for line in flagged:
        print(f"  {line}")
    return 1 if flagged else 0


if __name__ == "__main__":
    raise SystemExit(main())
