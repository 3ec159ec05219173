"""Hardened XML parsing: no DTD, no entity expansion, no network, no XInclude.

Every ``<!DOCTYPE`` is refused before the parser sees it (OAI-PMH has no use for
DTDs, and refusing them rules out entity bombs and external entities). lxml's
default limits on depth and text size stay on (no ``huge_tree``); its errors become
one-line ``InputError`` messages.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

from lxml import etree

from oaiwalk.errors import InputError

__all__ = [
    "HARDENED",
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

_DOCTYPE_REFUSED = "DOCTYPE refused (DTDs and entities are not allowed in OAI-PMH)"
# the prolog: XML declaration, comments, PIs and whitespace, then the first markup
_PROLOG = re.compile(r"\A\ufeff?(?:\s+|<\?.*?\?>|<!--.*?-->)*(<!DOCTYPE|<[^!?])", re.DOTALL)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def refuse_doctype(name: str, head: bytes) -> None:
    """Raise InputError when the document's prolog (``head``: its first bytes) has a DOCTYPE.

    A prolog longer than ``head`` is left to ``check_docinfo`` after parsing starts.
    """
    match = _PROLOG.match(_decode_head(head))
    if match is not None and match.group(1) == "<!DOCTYPE":
        raise InputError(f"{name}: {_DOCTYPE_REFUSED}")


def check_docinfo(name: str, tree: Any) -> None:
    """Raise InputError when a parsed document declares a DOCTYPE (fallback check)."""
    docinfo = tree.docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise InputError(f"{name}: {_DOCTYPE_REFUSED}")


def not_well_formed(name: str, exc: etree.XMLSyntaxError) -> InputError:
    """Return the InputError for an lxml syntax error: lxml's message with line/column."""
    message = exc.msg or str(exc)
    if "line" not in message and exc.lineno:
        message += f", line {exc.lineno}, column {exc.offset}"
    return InputError(f"{name}: not well-formed XML: {message}")


def parse_bytes(name: str, data: bytes) -> Any:
    """Parse one whole (small) document with the hardened parser; return its root element."""
    refuse_doctype(name, data[:PROLOG_SNIFF_SIZE])
    parser = etree.XMLParser(**HARDENED)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise not_well_formed(name, exc) from None
    check_docinfo(name, root.getroottree())
    return root


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
