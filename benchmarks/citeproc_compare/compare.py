"""Compare oaiwalk's citation writer with citeproc-js on the same CSL-JSON items.

Reads the corpus with oaiwalk (or a CSL-JSON file given with ``--csl-json``), turns
each record into the CSL-JSON item the citation writer feeds its engine, renders
every item on its own with citeproc-js (``render.mjs``, same style and locale XML
files) and with oaiwalk, normalises whitespace and prints, per style and output
format, "N/M identical" and the first differences.

``--engine citeproc-py`` renders with citeproc-py out of the box instead of oaiwalk
(the starting point the compatibility layer is measured against).

usage: python benchmarks/citeproc_compare/compare.py [--styles apa,ieee] [--limit 1000]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[2] / "shared" / "corpus" / "raw"
STYLES = (
    "apa",
    "chicago-author-date",
    "ieee",
    "modern-language-association",
    "harvard-cite-them-right",
    "nature",
    "american-medical-association",
)
_ENTRY_DIV = re.compile(r'^<div class="csl-entry">(.*)</div>$', re.S)


def corpus_items(limit: int | None) -> list[dict[str, Any]]:
    """Return the CSL-JSON items oaiwalk makes from the corpus, in input order."""
    import oaiwalk
    from oaiwalk.errors import OaiwalkError
    from oaiwalk.writers.csl_data import record_to_csl

    items: list[dict[str, Any]] = []
    for path in sorted(CORPUS.glob("*.xml")):
        try:
            for record in oaiwalk.read(path):
                items.append(record_to_csl(record))
        except OaiwalkError:  # broken files are part of the corpus; skip what is left
            continue
        if limit and len(items) >= limit:
            break
    return items[:limit] if limit else items


def render_js(
    items: list[dict[str, Any]], style: str, locale: str, fmt: str, mode: str
) -> list[str]:
    """Render each item alone with citeproc-js."""
    from oaiwalk.writers.styles import locales_dir, resolve_style

    if not (HERE / "node_modules").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True)
    done = subprocess.run(
        [
            "node",
            str(HERE / "render.mjs"),
            str(resolve_style(style)),
            str(locales_dir()),
            locale,
            fmt,
            mode,
        ],
        input=json.dumps(items),
        capture_output=True,
        text=True,
        check=True,
    )
    return list(json.loads(done.stdout))


def render_oaiwalk(
    items: list[dict[str, Any]], style: str, locale: str, fmt: str, mode: str
) -> list[str]:
    """Render each item alone with oaiwalk's citation engine."""
    from oaiwalk.writers.citation import render_items

    return [
        next(
            iter(
                render_items(
                    [item], style=style, locale=locale, html=fmt == "html", cite=mode == "cite"
                )
            )
        )
        for item in items
    ]


def render_citeproc_py(
    items: list[dict[str, Any]], style: str, locale: str, fmt: str, mode: str
) -> list[str]:
    """Render each item alone with citeproc-py as shipped (no compatibility layer)."""
    import warnings

    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    from oaiwalk.writers.styles import resolve_style

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        css = CitationStylesStyle(str(resolve_style(style)), locale=locale, validate=False)
    out = []
    for item in items:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                source = CiteProcJSON([item])
                bib = CitationStylesBibliography(
                    css, source, formatter.html if fmt == "html" else formatter.plain
                )
                citation = Citation([CitationItem(str(item["id"]))])
                bib.register(citation)
                if mode == "cite":
                    out.append(str(bib.cite(citation, lambda _: None)))
                else:
                    out.append(str(bib.bibliography()[0]))
        except Exception as exc:  # the point is to count crashes
            out.append(f"!error: {type(exc).__name__}: {exc}")
    return out


def normalise(text: str) -> str:
    """Collapse whitespace and drop citeproc-js's entry <div>."""
    text = " ".join(text.split())
    match = _ENTRY_DIV.match(text)
    return match.group(1).strip() if match else text


def compare(
    items: list[dict[str, Any]],
    styles: Sequence[str],
    locale: str,
    formats: Sequence[str],
    mode: str,
    ours: Callable[..., list[str]],
    show: int,
) -> list[tuple[str, str, int, int]]:
    """Print per style and format how many renderings are identical; return the counts."""
    results = []
    for style in styles:
        for fmt in formats:
            theirs = render_js(items, style, locale, fmt, mode)
            mine = ours(items, style, locale, fmt, mode)
            diffs = [
                (i, a, b)
                for i, (a, b) in enumerate(zip(mine, theirs, strict=False))
                if normalise(a) != normalise(b)
            ]
            same = len(items) - len(diffs)
            results.append((style, fmt, same, len(items)))
            print(
                f"{style} [{fmt}, {mode}]: {same}/{len(items)} identical "
                f"({100 * same / max(len(items), 1):.1f}%)"
            )
            for i, a, b in diffs[:show]:
                print(f"  #{i} {items[i]['id']}")
                print(f"    oaiwalk    : {normalise(a)}")
                print(f"    citeproc-js: {normalise(b)}")
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--styles", default=",".join(STYLES))
    parser.add_argument("--locale", default="en-US")
    parser.add_argument("--formats", default="text,html")
    parser.add_argument("--mode", choices=("bibliography", "cite"), default="bibliography")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--show", type=int, default=5, help="differences printed per style")
    parser.add_argument("--csl-json", type=Path, help="render these items instead of the corpus")
    parser.add_argument("--engine", choices=("oaiwalk", "citeproc-py"), default="oaiwalk")
    args = parser.parse_args(argv)
    if args.csl_json:
        items = json.loads(args.csl_json.read_text(encoding="utf-8"))[: args.limit]
    elif CORPUS.is_dir():
        items = corpus_items(args.limit)
    else:
        print(f"no corpus at {CORPUS}; pass --csl-json", file=sys.stderr)
        return 2
    # records repeat across corpus files; give each item its own id for both engines
    items = [{**item, "id": f"{i}:{item['id']}"} for i, item in enumerate(items)]
    ours = render_oaiwalk if args.engine == "oaiwalk" else render_citeproc_py
    compare(
        items,
        args.styles.split(","),
        args.locale,
        args.formats.split(","),
        args.mode,
        ours,
        args.show,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
