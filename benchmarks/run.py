"""Benchmark oaiwalk against bare lxml parsing of the same file, measured in the same run.

    python benchmarks/run.py                    # 10k and 100k records, every format
    python benchmarks/run.py --sizes 10000 --formats csl-json ris
    python benchmarks/run.py --million          # add 1M records (takes a while)

Each measurement runs in a fresh process (so peak RSS is that run's own). Prints, per
size and format: records/s, MB/s, the ratio to the baseline's records/s, peak RSS, and
whether the issue's target ratio is met; ``--curve`` adds the RSS after every tenth of the
records. Then the same over the real corpus (``../shared/corpus/raw``, every file, the
same bytes for both; the ratio is of the times), where values repeat as they really do.
Citations are measured on the first ``--citation-records`` records (rendering is far
slower than parsing) and compared to citeproc-js's ~300 records/s on this machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import write_records  # noqa: E402

TARGETS = {
    "csl-json": 0.40,
    "csl-jsonl": 0.40,
    "ris": 0.40,
    "ntriples": 0.40,
    "bibtex": 0.25,
    "biblatex": 0.25,
    "turtle": 0.20,
    "jsonld": 0.20,
    "rdfxml": 0.20,
}
FORMATS = [
    "csl-json",
    "ris",
    "bibtex",
    "biblatex",
    "ntriples",
    "turtle",
    "jsonld",
    "rdfxml",
    "citation",
]
CITEPROC_JS_RATE = 300.0  # records/s, citeproc-js APA on this machine (issue 7)


def measure(what: str, path: Path, limit: int | None = None, jobs: int = 1, curve: int = 0) -> dict:
    cmd = [sys.executable, str(HERE / "measure.py"), what, str(path), "--jobs", str(jobs)]
    if limit:
        cmd += ["--limit", str(limit)]
    if curve:
        cmd += ["--curve", str(curve)]
    result = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def row(
    label: str,
    fmt: str,
    records: int,
    seconds: float,
    megabytes: float,
    ratio: float,
    peak: float,
    target: str = "",
    ok: bool | None = None,
) -> None:
    verdict = "" if ok is None else ("ok" if ok else "MISS")
    print(
        f"{label:>9} {fmt:<10} {records / seconds:>9,.0f} {megabytes / seconds:>7.1f} "
        f"{ratio:>6.2f} {target:>7} {peak:>8.0f} {verdict}",
        flush=True,
    )


def judge(fmt: str, rate: float, ratio: float) -> tuple[str, bool | None]:
    if fmt == "citation":
        return f"{CITEPROC_JS_RATE:.0f}/s", rate >= CITEPROC_JS_RATE
    goal = TARGETS.get(fmt)
    return (f">={goal:.2f}", ratio >= goal) if goal else ("", None)


def run_size(n: int, formats: list[str], args: argparse.Namespace, corpus: Path) -> None:
    path = HERE / "data" / f"records-{n}.xml"
    if not path.exists():
        write_records(path, n, corpus=corpus)
    megabytes = path.stat().st_size / 1e6
    base = measure("baseline", path)
    base_rate = base["records"] / base["seconds"]
    row(f"{n:,}", "baseline", base["records"], base["seconds"], megabytes, 1.0, base["peak_rss_mb"])
    for fmt in formats:
        limit = min(n, args.citation_records) if fmt == "citation" else None
        every = n // 10 if args.curve and not limit else 0
        got = measure(fmt, path, limit, args.jobs, every)
        rate = got["records"] / got["seconds"]
        target, ok = judge(fmt, rate, rate / base_rate)
        share = got["records"] / n
        row(
            f"{n:,}",
            fmt,
            got["records"],
            got["seconds"],
            megabytes * share,
            rate / base_rate,
            got["peak_rss_mb"],
            target,
            ok,
        )
        if got["curve"]:
            points = ", ".join(f"{k:,}: {mb:.0f}" for k, mb in got["curve"])
            print(f"{'':>9} {'':<10} RSS MB after records: {points}", flush=True)


def run_corpus(corpus: Path, formats: list[str], args: argparse.Namespace) -> None:
    """The real corpus: same bytes for baseline and oaiwalk; ratio of the times."""
    megabytes = sum(p.stat().st_size for p in corpus.glob("*.xml")) / 1e6
    base = measure("baseline", corpus)
    row("corpus", "baseline", base["records"], base["seconds"], megabytes, 1.0, base["peak_rss_mb"])
    for fmt in formats:
        if fmt == "citation":
            continue
        got = measure(fmt, corpus, None, args.jobs)
        ratio = base["seconds"] / got["seconds"]
        target, ok = judge(fmt, 0.0, ratio)
        row(
            "corpus",
            fmt,
            got["records"],
            got["seconds"],
            megabytes,
            ratio,
            got["peak_rss_mb"],
            target,
            ok,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--million", action="store_true", help="also 1,000,000 records")
    parser.add_argument("--formats", nargs="+", default=FORMATS)
    parser.add_argument("--citation-records", type=int, default=2000)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--curve", action="store_true", help="print RSS every n/10 records")
    parser.add_argument("--no-corpus", action="store_true", help="skip the real-corpus rows")
    args = parser.parse_args()
    sizes = args.sizes + ([1_000_000] if args.million else [])
    corpus = HERE.parent.parent / "shared" / "corpus" / "raw"
    print(
        f"machine: {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, --jobs {args.jobs}"
    )
    print(
        f"{'records':>9} {'format':<10} {'rec/s':>9} {'MB/s':>7} {'ratio':>6} "
        f"{'target':>7} {'peak MB':>8}"
    )
    for n in sizes:
        run_size(n, args.formats, args, corpus)
    if corpus.is_dir() and not args.no_corpus:
        run_corpus(corpus, args.formats, args)


if __name__ == "__main__":
    main()
