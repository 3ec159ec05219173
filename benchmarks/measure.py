"""Measure one run in a fresh process: baseline parsing or one oaiwalk format.

    python benchmarks/measure.py baseline FILE
    python benchmarks/measure.py FORMAT FILE [--limit N] [--jobs N]

Prints one JSON line: seconds (excluding interpreter start), records, peak RSS in MB.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import time
from pathlib import Path


def baseline(path: Path, limit: int | None) -> int:
    """Bare lxml iterparse over the file, touching every element, clearing as it goes."""
    from lxml import etree

    records = 0
    touched = 0
    for _event, element in etree.iterparse(
        str(path), events=("end",), resolve_entities=False, no_network=True
    ):
        touched += len(element.text or "") + len(element.attrib)
        if element.tag == "{http://www.openarchives.org/OAI/2.0/}record":
            records += 1
            element.clear(keep_tail=False)
            if limit and records >= limit:
                break
    return records


def oaiwalk_run(fmt: str, path: Path, limit: int | None, jobs: int) -> int:
    """oaiwalk end to end: read, crosswalk, write ``fmt`` to /dev/null."""
    from oaiwalk import parallel
    from oaiwalk.pipeline import RunReport, iter_records, write_records
    from oaiwalk.registry import default_registry

    report = RunReport()
    writer = default_registry().get(fmt)
    if jobs > 1:
        records = parallel.iter_records([path], report, jobs=jobs)
    else:
        records = iter_records([path], report)
    if limit:
        records = itertools.islice(records, limit)
    with open(os.devnull, "w", encoding="utf-8") as out:
        write_records(records, writer, out)
    return report.converted if not limit else min(report.converted, limit)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what")
    parser.add_argument("file", type=Path)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    start = time.perf_counter()
    if args.what == "baseline":
        records = baseline(args.file, args.limit)
    else:
        records = oaiwalk_run(args.what, args.file, args.limit, args.jobs)
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
            }
        )
    )


if __name__ == "__main__":
    main()
