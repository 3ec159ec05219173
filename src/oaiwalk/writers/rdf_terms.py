"""RDF terms for the RDF writers, and the pure functions that make values safe as terms.

The writers build plain terms (a ``str`` IRI, a ``Blank`` label, a (text, datatype,
lang) tuple) instead of rdflib objects because rdflib's term constructors and
serializers dominate run time; rdflib stays the judge in the tests. Every text value
passes ``clean_text`` first, so the four serialisations carry the same graph (RDF/XML
cannot hold what XML 1.0 forbids).
"""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import quote

__all__ = [
    "Blank",
    "Iri",
    "Lit",
    "LiteralTerm",
    "Node",
    "Object",
    "Subject",
    "clean_text",
    "is_language_tag",
    "is_safe_iri",
    "record_slug",
]


# Terms are plain values, cheap to build and to tell apart by exact class: an IRI is a
# ``str``, a blank node a ``Blank``, a literal an exact ``tuple`` (text, datatype, lang).
Iri = str
"""An absolute IRI, already checked with ``is_safe_iri`` (a plain ``str``)."""


class Blank(str):
    """A blank node label, unique within one output document."""

    __slots__ = ()


class Lit(NamedTuple):
    """A literal: cleaned text, and a datatype IRI or a language tag (never both).

    Graphs hold literals as plain ``LiteralTerm`` tuples (a NamedTuple costs a Python
    call to build); they compare and hash equal to the matching ``Lit``.
    """

    text: str
    datatype: str | None = None
    lang: str | None = None


LiteralTerm = tuple[str, str | None, str | None]
Subject = str  # an IRI or a Blank
Object = str | LiteralTerm
# One subject and its objects per predicate, in the order first made (dicts as ordered sets).
Node = tuple[Subject, dict[str, dict[Object, None]]]


# XML 1.0 Char production: what RDF/XML can carry; the other formats follow it.
_NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean_text(text: str) -> str:
    """Return ``text`` without the characters XML 1.0 forbids (C0 controls, surrogates)."""
    if text.isprintable():  # the common case, checked in C; printable never needs cleaning
        return text
    return _NOT_XML_CHAR.sub("", text)


# RFC 3987 scheme, then no character that Turtle/N-Triples IRIREF excludes
# (space, controls, <>"{}|^`\) and none that XML 1.0 forbids.
_SAFE_IRI = re.compile(
    r"([A-Za-z][A-Za-z0-9+.\-]*):[^\x00-\x20<>\"{}|^`\\\x7f-\x9f\ud800-\udfff\ufffe\uffff]+"
)


def is_safe_iri(value: str, reserved_schemes: frozenset[str] = frozenset()) -> bool:
    """Tell whether ``value`` can be written as an absolute IRI in every RDF syntax.

    ``reserved_schemes`` are prefix names of the output's context: JSON-LD would read
    ``bibo:x`` as a compact IRI, so such a value is not safe either.
    """
    match = _SAFE_IRI.fullmatch(value)
    if match is None:
        return False
    scheme = match[1].lower()
    if scheme in reserved_schemes:
        return False
    if "%" in value and _STRAY_PERCENT.search(value):
        return False  # a stray '%' makes a malformed IRI for strict parsers
    return not (scheme in ("http", "https") and not value.startswith("//", len(scheme) + 1))


_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")

_LANGUAGE_TAG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")


def is_language_tag(value: str) -> bool:
    """Tell whether ``value`` is a well-formed BCP 47 tag (RDF 1.1 LANGTAG)."""
    return _LANGUAGE_TAG.fullmatch(value) is not None


# Unreserved characters and sub-delims minus '&' (XML) stay; '/' is encoded so the
# slug is one path segment; everything else is UTF-8 percent-encoded (RFC 3986 2.1).
_SLUG_SAFE = "-._~!$'()*+,;=:@"


def record_slug(record_id: str) -> str:
    """Return a stable single path segment for a record id (an OAI identifier)."""
    if _PLAIN_ID.fullmatch(record_id):  # what quote() would leave alone, bar '/'
        return record_id.replace("/", "%2F")
    return quote(clean_text(record_id), safe=_SLUG_SAFE) or "record"


_PLAIN_ID = re.compile(r"[A-Za-z0-9\-._~!$'()*+,;=:@/]+")
