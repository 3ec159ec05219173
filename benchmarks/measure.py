"""Measure one run in a fresh process: baseline parsing or one oaiwalk format.

    python benchmarks/measure.py baseline FILE|DIR
    python benchmarks/measure.py FORMAT FILE|DIR [--limit N] [--jobs N] [--curve K]

Prints one JSON line: seconds (excluding interpreter start), records, peak RSS in MB and,
with ``--curve K``, the resident set size after every K records (the memory curve).
A directory means every ``*.xml`` file in it (the real corpus), read in name order.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import time
from pathlib import Path


def files(path: Path) -> list[Path]:
    return sorted(path.glob("*.xml")) if path.is_dir() else [path]


def baseline(path: Path, limit: int | None) -> int:
    """Bare lxml iterparse over the file(s), touching every element, clearing as it goes."""
    from lxml import etree

    records = 0
    touched = 0
    for one in files(path):
        try:
            for _event, element in etree.iterparse(
                str(one), events=("end",), resolve_entities=False, no_network=True
            ):
                touched += len(element.text or "") + len(element.attrib)
                if element.tag == "{http://www.openarchives.org/OAI/2.0/}record":
                    records += 1
                    element.clear(keep_tail=False)
                    if limit and records >= limit:
                        return records
        except etree.XMLSyntaxError:
            continue  # a corpus file that is not XML: oaiwalk rejects it too
    return records


def current_rss_mb() -> float:
    """Resident set size now (Linux), in MB."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def oaiwalk_run(
    fmt: str, path: Path, limit: int | None, jobs: int, curve: list[tuple[int, float]], every: int
) -> int:
    """oaiwalk end to end: read, crosswalk, write ``fmt`` to /dev/null (as the CLI does)."""
    from oaiwalk import parallel
    from oaiwalk.pipeline import RunReport, iter_records, write_records
    from oaiwalk.registry import default_registry

    report = RunReport()
    writer = default_registry().get(fmt)
    sources = files(path)

    def sample(_record: object) -> None:
        if every and report.converted % every == 0:
            curve.append((report.converted, round(current_rss_mb(), 1)))

    with open(os.devnull, "w", encoding="utf-8") as out:
        if jobs > 1:
            parallel.convert(sources, writer, out, report, jobs=jobs)
            return report.converted
        records = iter_records(sources, report, on_record=sample, keep_going=True)
        if limit:
            records = itertools.islice(records, limit)
        write_records(records, writer, out)
    return report.converted if not limit else min(report.converted, limit)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what")
    parser.add_argument("file", type=Path)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--curve", type=int, default=0, help="sample RSS every K records")
    args = parser.parse_args()
    curve: list[tuple[int, float]] = []
    start = time.perf_counter()
    if args.what == "baseline":
        records = baseline(args.file, args.limit)
    else:
        records = oaiwalk_run(args.what, args.file, args.limit, args.jobs, curve, args.curve)
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(
        json.dumps(
            {
                "what": args.what,
                "seconds": seconds,
                "records": records,
                "peak_rss_mb": max(peak_kb, children_kb) / 1024,
                "curve": curve,
            }
        )
    )


if __name__ == "__main__":
    main()
