"""Load a CSL style once per (file, locale), with oaiwalk's element classes.

citeproc-py builds its element classes through an lxml class lookup; this module
builds the same lookup but maps the elements ``elements`` fixes to those subclasses,
so no citeproc-py class is patched. Parsing a style and its locales costs more than
rendering hundreds of entries, so the result is cached (a pure loader: the key is the
file path, its modification time and the locale).
Offered upstream as: "cache parsed styles and locales".
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from citeproc import CitationStylesStyle
from citeproc.model import CitationStylesElement
from lxml import etree

from oaiwalk.writers.citeproc_compat import elements

__all__ = ["load_style"]

_NS = "http://purl.org/net/xbiblio/csl"


def _element_classes() -> dict[str, type[CitationStylesElement]]:
    """Map CSL tag names to classes: citeproc-py's, replaced by ours where we fix one."""
    classes = {
        cls.__name__.replace("_", "-").lower(): cls
        for cls in CitationStylesElement.__subclasses__()
    }
    classes.update(elements.REPLACEMENTS)
    return classes


class _CompatStyle(CitationStylesStyle):  # type: ignore[misc]
    """``CitationStylesStyle`` parsed with the compatibility element classes."""

    def __init__(self, path: Path, locale: str) -> None:  # no super(): we parse ourselves
        lookup = etree.ElementNamespaceClassLookup()
        namespace = lookup.get_namespace(_NS)
        namespace[None] = CitationStylesElement
        namespace.update(_element_classes())
        parser = etree.XMLParser(
            remove_comments=True, encoding="UTF-8", no_network=True, resolve_entities=False
        )
        parser.set_element_class_lookup(lookup)
        self.parser = parser
        self.xml = etree.parse(str(path), parser)
        self.root = self.xml.getroot()
        self.root.set_locale_list(locale, validate=False)
        # lxml drops a Python element proxy (and the attributes ``elements`` caches on
        # it) when no reference is left; holding them all keeps those caches alive.
        self.elements = list(self.root.iter())


@functools.cache
def _load(path: str, mtime: float, locale: str) -> CitationStylesStyle:
    return _CompatStyle(Path(path), locale)


def load_style(path: Path, locale: str) -> CitationStylesStyle:
    """Return the parsed style for a CSL file and locale (cached)."""
    return _load(str(path), os.stat(path).st_mtime, locale)
