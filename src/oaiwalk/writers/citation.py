"""Citation writer: one formatted bibliography entry (or in-text citation) per record.

Entries come out in input order, one per line, each rendered as if cited alone (no
sorting, no year suffixes across records), so the output streams and an entry never
depends on the other records in the file; numeric styles number entries 1, 2, 3 in
input order. Rendering is citeproc-py behind ``citeproc_compat``, which feeds it the
way citeproc-js reads CSL-JSON and fixes where the two differ.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from oaiwalk.model import Record
from oaiwalk.registry import Frame, Writer

__all__ = ["CITATION", "frame", "render_items", "write"]

_HTML_START = '<div class="csl-bib-body">\n'
_HTML_END = "</div>\n"


def render_items(
    items: Iterable[dict[str, Any]],
    *,
    style: str = "apa",
    locale: str = "en-US",
    html: bool = False,
    cite: bool = False,
) -> Iterator[str]:
    """Yield the rendering of each CSL-JSON item, in order, one line each.

    Raise ``FormatError`` for an unknown style or locale; a record never raises.
    """
    from oaiwalk.writers.citeproc_compat.render import render_items as render
    from oaiwalk.writers.styles import resolve_locale, resolve_style

    path = resolve_style(style)
    for text in render(items, path, resolve_locale(locale), html=html, cite=cite):
        yield _one_line(text)


def _one_line(text: str) -> str:
    """Return the rendering on one line: whitespace runs as single spaces."""
    return " ".join(text.split())


def _entry_html(text: str, cite: bool) -> str:
    if cite:
        return f"{text}\n"
    return f'  <div class="csl-entry">{text}</div>\n'


def write(
    records: Iterable[Record],
    out: TextIO,
    *,
    style: str = "apa",
    locale: str = "en-US",
    html: bool = False,
    cite: bool = False,
) -> None:
    """Write one entry per record (HTML: a ``csl-bib-body`` of ``csl-entry`` divs)."""
    from oaiwalk.writers.csl_data import record_to_csl

    items = (record_to_csl(record) for record in records)
    rendered = render_items(items, style=style, locale=locale, html=html, cite=cite)
    first = next(rendered, None)  # resolve style and locale before writing anything
    if html and not cite:
        out.write(_HTML_START)
    if first is not None:
        for text in _chain(first, rendered):
            out.write(_entry_html(text, cite) if html else f"{text}\n")
    if html and not cite:
        out.write(_HTML_END)


def frame(
    *, style: str = "apa", locale: str = "en-US", html: bool = False, cite: bool = False
) -> Frame | None:
    """Return the frame (the HTML ``csl-bib-body``); None for a style that numbers entries.

    An entry depends on no other record except through its citation-number (its place
    in the whole output), so only styles that print one need every record in one process.
    Raises ``FormatError`` for an unknown style or locale, as ``write`` does.
    """
    from oaiwalk.writers.styles import resolve_locale, resolve_style

    # Only en-US for now: the first render of a style in a process takes the English
    # quote marks for any locale, later ones the locale's, so batches rendered apart
    # would differ from one run (citeproc_compat.render._quotes reads terms too early).
    if resolve_locale(locale) != "en-US" or _numbers_entries(resolve_style(style)):
        return None
    return Frame(head=_HTML_START, tail=_HTML_END) if html and not cite else Frame()


@functools.cache
def _numbers_entries(path: Path) -> bool:
    """Tell whether a style file uses the citation-number variable (CSL 1.0.2, 4.1)."""
    return "citation-number" in path.read_text(encoding="utf-8")


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest


CITATION = Writer(
    name="citation",
    aliases=("cite", "bibliography", "csl"),
    media_type="text/x-bibliography",
    extension=".txt",
    fields=frozenset(
        {
            "title",
            "author",
            "editor",
            "director",
            "issued",
            "container_title",
            "collection_title",
            "volume",
            "issue",
            "page",
            "number",
            "edition",
            "publisher",
            "publisher_place",
            "event_title",
            "genre",
            "medium",
            "version",
            "doi",
            "url",
        }
    ),
    options=("style", "locale", "html", "cite"),
    description="formatted citations with a CSL style (citeproc-py, citeproc-js compatible)",
    write=write,
    frame=frame,  # --jobs workers render entries unless the style numbers them
)
