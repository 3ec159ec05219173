"""Benchmark oaiwalk against bare lxml parsing of the same file, measured in the same run.

    python benchmarks/run.py                    # 10k and 100k records, every format
    python benchmarks/run.py --sizes 10000 --formats csl-json ris
    python benchmarks/run.py --million          # add 1M records (takes a while)

Each measurement runs in a fresh process (so peak RSS is that run's own). Prints, per
size and format: records/s, MB/s, the ratio to the baseline's records/s, peak RSS, and
whether the issue's target ratio is met. Citations are measured on the first
``--citation-records`` records (rendering is far slower than parsing) and compared to
citeproc-js's ~300 records/s on this machine.
"""

from __future__ import annotations

import argparse
import json
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


def measure(what: str, path: Path, limit: int | None = None, jobs: int = 1) -> dict:
    cmd = [sys.executable, str(HERE / "measure.py"), what, str(path), "--jobs", str(jobs)]
    if limit:
        cmd += ["--limit", str(limit)]
    result = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--million", action="store_true", help="also 1,000,000 records")
    parser.add_argument("--formats", nargs="+", default=FORMATS)
    parser.add_argument("--citation-records", type=int, default=2000)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    sizes = args.sizes + ([1_000_000] if args.million else [])
    corpus = HERE.parent.parent / "shared" / "corpus" / "raw"
    print(
        f"machine: {platform.processor() or platform.machine()}, "
        f"{__import__('os').cpu_count()} cores, Python {platform.python_version()}"
    )
    print(
        f"{'records':>9} {'format':<10} {'rec/s':>9} {'MB/s':>7} {'ratio':>6} "
        f"{'target':>7} {'peak MB':>8}"
    )
    for n in sizes:
        path = HERE / "data" / f"synthetic-{n}.xml"
        if not path.exists():
            write_records(path, n, corpus=corpus)
        megabytes = path.stat().st_size / 1e6
        base = measure("baseline", path)
        base_rate = base["records"] / base["seconds"]
        print(
            f"{n:>9} {'baseline':<10} {base_rate:>9,.0f} {megabytes / base['seconds']:>7.1f} "
            f"{1.0:>6.2f} {'':>7} {base['peak_rss_mb']:>8.0f}"
        )
        for fmt in args.formats:
            limit = min(n, args.citation_records) if fmt == "citation" else None
            got = measure(fmt, path, limit, args.jobs)
            rate = got["records"] / got["seconds"]
            share = got["records"] / n
            ratio = rate / base_rate
            if fmt == "citation":
                target, ok = f"{CITEPROC_JS_RATE:.0f}/s", rate >= CITEPROC_JS_RATE
            else:
                goal = TARGETS.get(fmt)
                target, ok = (f">={goal:.2f}" if goal else ""), (goal is None or ratio >= goal)
            print(
                f"{n:>9} {fmt:<10} {rate:>9,.0f} {megabytes * share / got['seconds']:>7.1f} "
                f"{ratio:>6.2f} {target:>7} {got['peak_rss_mb']:>8.0f} {'ok' if ok else 'MISS'}",
                flush=True,
            )


if __name__ == "__main__":
    main()
