"""Citation speed: oaiwalk's writer against citeproc-js and citeproc-py, in the same run.

Renders the same CSL-JSON items (the corpus through oaiwalk, or ``--csl-json``) with
citeproc-js as one bibliography (``render.mjs speed``, timed inside node), with
citeproc-py as shipped, and with oaiwalk's citation engine, and prints records per
second and the ratio to citeproc-js. Machine load changes the numbers, not the ratios.

usage: python benchmarks/citeproc_compare/speed.py [--style apa] [--limit 500]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from compare import corpus_items, render_citeproc_py  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--style", default="apa")
    parser.add_argument("--locale", default="en-US")
    parser.add_argument("--limit", type=int, default=500)
    parser.add_argument("--csl-json", type=Path)
    args = parser.parse_args()
    from oaiwalk.writers.citation import render_items
    from oaiwalk.writers.styles import locales_dir, resolve_style

    if args.csl_json:
        items = json.loads(args.csl_json.read_text(encoding="utf-8"))[: args.limit]
    else:
        items = corpus_items(args.limit)
    items = [{**item, "id": f"{i}"} for i, item in enumerate(items)]
    style = str(resolve_style(args.style))
    done = subprocess.run(
        ["node", str(HERE / "render.mjs"), style, str(locales_dir()), args.locale, "text", "speed"],
        input=json.dumps(items),
        capture_output=True,
        text=True,
        check=True,
    )
    js = json.loads(done.stdout)
    js_rate = js["count"] / js["seconds"]

    list(render_items(items[:1], style=args.style, locale=args.locale))  # load the style
    started = time.perf_counter()
    count = sum(1 for _ in render_items(items, style=args.style, locale=args.locale))
    ours = count / (time.perf_counter() - started)

    started = time.perf_counter()
    render_citeproc_py(items, args.style, args.locale, "text", "bibliography")
    vanilla = len(items) / (time.perf_counter() - started)

    print(f"{args.style}, {len(items)} records")
    print(f"  citeproc-js (one bibliography): {js_rate:8.1f} records/s  1.00")
    print(f"  oaiwalk citation writer       : {ours:8.1f} records/s  {ours / js_rate:.2f}")
    print(f"  citeproc-py as shipped        : {vanilla:8.1f} records/s  {vanilla / js_rate:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
