"""Render CSL-JSON items to bibliography entries or in-text citations, one item at a time.

Each item is rendered as if it were cited alone: no cross-item disambiguation (year
suffixes, added names) and no sorting, so an entry does not depend on which other
records are in the same file. Numeric styles number entries by position
(``first_number`` onwards), as a bibliography in citation order would.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from citeproc import Citation, CitationItem, CitationStylesBibliography

from oaiwalk.writers.citeproc_compat.markup import html_formatter, to_html, to_text
from oaiwalk.writers.citeproc_compat.source import CompatSource
from oaiwalk.writers.citeproc_compat.style import load_style

__all__ = ["render_items"]

log = logging.getLogger(__name__)


def _quotes(style: Any) -> tuple[str, str, str, str]:
    root = style.root
    return tuple(  # type: ignore[return-value]
        str(root.get_single_term(name) or fallback)
        for name, fallback in (
            ("open-quote", "\u201c"),
            ("close-quote", "\u201d"),
            ("open-inner-quote", "\u2018"),
            ("close-inner-quote", "\u2019"),
        )
    )


def render_items(
    items: Iterable[dict[str, Any]],
    style_path: Path,
    locale: str,
    *,
    html: bool = False,
    cite: bool = False,
    first_number: int = 1,
) -> Iterator[str]:
    """Yield one rendered string per CSL-JSON item, in input order ("" if nothing renders)."""
    style = load_style(style_path, locale)
    quotes = _quotes(style)
    inside = str(style.root.get_locale_option("punctuation-in-quote")).lower() == "true"
    serialise = to_html if html else to_text
    for number, item in enumerate(items, start=first_number):
        try:
            text = _render_one(style, item, cite, number)
        except Exception as exc:  # noqa: BLE001 - a record must never stop the run
            log.warning("citation for %s failed: %s: %s", item.get("id"), type(exc).__name__, exc)
            text = ""
        yield serialise(text, quotes, inside)


class _NumberedItem(CitationItem):  # type: ignore[misc]
    """A citation item whose citation-number is its position in the whole output."""

    # Plain attributes shadow CitationItem's properties: citeproc-py walked citation ->
    # bibliography -> source for ``reference`` (read hundreds of times per entry).
    number: int = 0
    reference: Any = None

    def __init__(self, key: str, position: int, reference: Any) -> None:
        super().__init__(key)
        # CustomDict.__setattr__ would store dict entries; these are attributes
        object.__setattr__(self, "number", int(position))
        object.__setattr__(self, "reference", reference)


def _render_one(style: Any, item: dict[str, Any], cite: bool, number: int) -> str:
    source = CompatSource([item])
    bibliography = CitationStylesBibliography(style, source, html_formatter)
    citation = Citation([_NumberedItem("0", number, source["0"])])
    bibliography.register(citation)
    if cite or not style.has_bibliography():
        return str(bibliography.cite(citation, lambda _: None))
    entries = bibliography.bibliography()
    return str(entries[0]) if entries else ""
