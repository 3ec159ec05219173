"""Hardened XML parsing: no DTD, no entity expansion, no network, no XInclude.

Every ``<!DOCTYPE`` is refused before the parser sees it (OAI-PMH has no use for
DTDs, and refusing them rules out entity bombs and external entities). lxml's
default limits on depth and text size stay on (no ``huge_tree``); its errors become
one-line ``InputError`` messages.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from typing import Any

from lxml import etree

from oaiwalk.errors import InputError

__all__ = [
    "HARDENED",
    "PROLOG_LIMIT",
    "PROLOG_SNIFF_SIZE",
    "check_docinfo",
    "not_well_formed",
    "parse_bytes",
    "refuse_doctype",
]

HARDENED: dict[str, Any] = {
    "resolve_entities": False,
    "load_dtd": False,
    "no_network": True,
    "huge_tree": False,
    "dtd_validation": False,
    "attribute_defaults": False,
}
PROLOG_SNIFF_SIZE = 65536
PROLOG_LIMIT = 16 * 2**20  # comments and PIs before the root, at most

_DOCTYPE_REFUSED = "DOCTYPE refused (DTDs and entities are not allowed in OAI-PMH)"
# the prolog: XML declaration, comments, PIs and whitespace, then the first markup
_PROLOG = re.compile(r"\A\ufeff?(?:\s|<\?.*?\?>|<!--.*?-->)*+", re.DOTALL)
_ROOT = re.compile(r"<([^\s/>!?]+)")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def refuse_doctype(name: str, head: Callable[[int], bytes]) -> str:
    """Raise InputError when the document's prolog has a DOCTYPE; else return the root's name.

    ``head(n)`` returns the first ``n`` bytes of the document without consuming them;
    the prolog is read in growing steps until its end (at most ``PROLOG_LIMIT`` bytes).
    The root element's qualified name is returned as written (``""`` when not seen).
    """
    size = PROLOG_SNIFF_SIZE
    while True:
        start = head(size)
        text = _decode_head(start)
        rest = text[_PROLOG.match(text).end() :]  # type: ignore[union-attr]
        if rest.startswith("<!DOCTYPE"):
            raise InputError(f"{name}: {_DOCTYPE_REFUSED}")
        if len(start) < size or not _prolog_continues(rest):
            root = _ROOT.match(rest)  # the root element, or garbage the parser reports
            return root.group(1) if root else ""
        if size >= PROLOG_LIMIT:
            raise InputError(f"{name}: prolog longer than {PROLOG_LIMIT // 2**20} MB refused")
        size *= 4


def check_docinfo(name: str, tree: Any) -> None:
    """Raise InputError when a parsed document declares a DOCTYPE (fallback check)."""
    docinfo = tree.docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise InputError(f"{name}: {_DOCTYPE_REFUSED}")


def not_well_formed(name: str, exc: etree.XMLSyntaxError) -> InputError:
    """Return the InputError for an lxml syntax error: libxml2's message with line/column.

    iterparse sometimes reports only "no element found"; the parser's error log then
    holds the real cause (an undefined entity, for one).
    """
    message = exc.msg or str(exc)
    if "line" not in message:
        last = exc.error_log.last_error
        if last is not None and last.message:
            message = f"{last.message}, line {last.line}, column {last.column}"
        elif exc.lineno:
            message += f", line {exc.lineno}, column {exc.offset}"
    return InputError(f"{name}: not well-formed XML: {message}")


def parse_bytes(name: str, data: bytes) -> Any:
    """Parse one whole (small) document with the hardened parser; return its root element."""
    refuse_doctype(name, lambda size: data[:size])
    parser = etree.XMLParser(**HARDENED)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise not_well_formed(name, exc) from None
    check_docinfo(name, root.getroottree())
    return root


def _prolog_continues(rest: str) -> bool:
    """Return True when the text after the complete prolog parts may still be prolog."""
    if not rest or rest.startswith(("<?", "<!--")):
        return True  # only prolog so far, or an unfinished PI or comment
    return len(rest) < 9 and ("<!DOCTYPE".startswith(rest) or "<!--".startswith(rest))


def _decode_head(head: bytes) -> str:
    """Decode enough of the document start to read its prolog (markup is ASCII)."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, errors="replace")
    if head.startswith(b"<\x00"):
        return head.decode("utf-16-le", errors="replace")
    if head.startswith(b"\x00<"):
        return head.decode("utf-16-be", errors="replace")
    return head.decode("latin-1")
