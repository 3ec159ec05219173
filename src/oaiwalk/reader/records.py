"""One OAI ``<record>`` or bare ``oai_dc:dc`` element -> ``DcRecord``.

Values keep every child of ``oai_dc:dc`` in document order: DC 1.1 elements by
local name, anything else by Clark name, text with nested text joined and trimmed.
"""

from __future__ import annotations

from typing import Any

from oaiwalk.model import DC_ELEMENTS, DcRecord, DcValue, OaiHeader

__all__ = [
    "DC_NAMESPACE",
    "OAI_DC_NAMESPACES",
    "OAI_NAMESPACES",
    "dc_record",
    "is_oai_record",
    "local_name",
    "oai_record",
    "role",
]

DC_NAMESPACE = "http://purl.org/dc/elements/1.1/"
DCTERMS_NAMESPACE = "http://purl.org/dc/terms/"
OAI_DC_NAMESPACES = frozenset(
    {"http://www.openarchives.org/OAI/2.0/oai_dc/", "http://www.openarchives.org/OAI/2.0/oai_dc"}
)
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_DC_PREFIX = "{" + DC_NAMESPACE + "}"
_DC_TAGS = {_DC_PREFIX + name: name for name in DC_ELEMENTS}
_BARE_DC_NAMESPACES = frozenset({DC_NAMESPACE, DCTERMS_NAMESPACE})
_OAI_DC_TAGS = frozenset(f"{{{ns}}}dc" for ns in OAI_DC_NAMESPACES)
_EMPTY_HEADER = OaiHeader()

# A frozen dataclass's __init__ sets each field through object.__setattr__; setting the
# slots through their descriptors builds the same object in half the time, which counts
# for the ~10 built per record. tests/reader/test_values.py checks every field is set.
SLOTS: dict[type, tuple[str, ...]] = {
    DcValue: ("element", "text", "lang", "attributes"),
    OaiHeader: ("identifier", "datestamp", "set_specs", "is_deleted"),
    DcRecord: ("header", "values", "source", "position", "metadata_format", "repairs"),
}
_new = object.__new__
_set_element, _set_text, _set_lang, _set_attributes = (
    getattr(DcValue, name).__set__ for name in SLOTS[DcValue]
)
_set_identifier, _set_datestamp, _set_set_specs, _set_is_deleted = (
    getattr(OaiHeader, name).__set__ for name in SLOTS[OaiHeader]
)
_set_header, _set_values, _set_source, _set_position, _set_format, _set_repairs = (
    getattr(DcRecord, name).__set__ for name in SLOTS[DcRecord]
)

# OAI-PMH element names (right namespace, namespace without its slash, no namespace)
# looked up by Clark name first: a dict hit is cheaper than splitting the tag
OAI_NAMESPACES = ("http://www.openarchives.org/OAI/2.0/", "http://www.openarchives.org/OAI/2.0", "")
_OAI_NAMES = ("record", "header", "metadata", "identifier", "datestamp", "setSpec")
_ROLES = {(f"{{{ns}}}{n}" if ns else n): n for ns in OAI_NAMESPACES for n in _OAI_NAMES}

_NO_WRAPPER = "metadata holds DC elements without an oai_dc:dc wrapper"
_NO_NAMESPACE = "oai_dc:dc and its elements have no namespace"


def local_name(tag: str) -> str:
    """Return the local part of a Clark name."""
    return tag.rpartition("}")[2]


def role(tag: Any) -> str | None:
    """Return the local name of an element tag (None for comments and PIs), fast for OAI."""
    known = _ROLES.get(tag)
    if known is None and isinstance(tag, str):
        return tag.rpartition("}")[2]
    return known


def _namespace(tag: str) -> str:
    return tag[1 : tag.index("}")] if tag[0] == "{" else ""


def is_oai_record(element: Any) -> bool:
    """Return True when a ``record`` element is an OAI record (has a header or metadata)."""
    return any(role(child.tag) in ("header", "metadata") for child in element)


def dc_record(dc: Any, source: str, position: int) -> DcRecord:
    """Return the DcRecord of a bare ``oai_dc:dc`` element (no OAI header)."""
    return _oai_dc_record(_EMPTY_HEADER, dc_values(dc), source, position)


def oai_record(record: Any, source: str, position: int) -> DcRecord | None:
    """Return the DcRecord of an OAI ``<record>`` element (header and metadata).

    Return None when the element has neither header nor metadata: then it is not an OAI
    record but a payload that happens to be called ``record`` (MARCXML).
    """
    header: Any = None
    metadata: Any = None
    roles = _ROLES
    for child in record:
        tag = child.tag
        local = roles.get(tag) or (tag.rpartition("}")[2] if isinstance(tag, str) else None)
        if local == "header" and header is None:
            header = child
        elif local == "metadata" and metadata is None:
            metadata = child
    if header is None and metadata is None:
        return None
    oai_header = _EMPTY_HEADER if header is None else _header(header)
    if oai_header.is_deleted or metadata is None:
        return DcRecord(oai_header, (), source, position, "")
    for payload in metadata:
        tag = payload.tag
        if isinstance(tag, str):
            break
    else:
        return DcRecord(oai_header, (), source, position, "")
    if tag in _OAI_DC_TAGS:  # the usual case, without splitting the tag
        return _oai_dc_record(oai_header, dc_values(payload), source, position)
    namespace = _namespace(tag)
    if tag == "dc" and _all_in(payload, frozenset({""})):
        values = dc_values(payload)
        return DcRecord(oai_header, values, source, position, repairs=(_NO_NAMESPACE,))
    if namespace in _BARE_DC_NAMESPACES and _all_in(metadata, _BARE_DC_NAMESPACES):
        values = dc_values(metadata)
        return DcRecord(oai_header, values, source, position, repairs=(_NO_WRAPPER,))
    return DcRecord(oai_header, (), source, position, metadata_format=tag)


def _all_in(parent: Any, namespaces: frozenset[str]) -> bool:
    """Return True when every element child of ``parent`` is in one of ``namespaces``."""
    return all(_namespace(c.tag) in namespaces for c in parent if isinstance(c.tag, str))


def _header(header: Any) -> OaiHeader:
    identifier: str | None = None
    datestamp: str | None = None
    set_specs: list[str] = []
    roles = _ROLES
    for child in header:
        tag = child.tag
        local = roles.get(tag) or (tag.rpartition("}")[2] if isinstance(tag, str) else None)
        if local == "identifier":
            identifier = (child.text or "").strip() or None
        elif local == "datestamp":
            datestamp = (child.text or "").strip() or None
        elif local == "setSpec":
            text = (child.text or "").strip()
            if text:
                set_specs.append(text)
    oai_header = _new(OaiHeader)
    _set_identifier(oai_header, identifier)
    _set_datestamp(oai_header, datestamp)
    _set_set_specs(oai_header, tuple(set_specs))
    _set_is_deleted(oai_header, header.get("status") == "deleted")
    return oai_header


def _oai_dc_record(
    header: OaiHeader, values: tuple[DcValue, ...], source: str, position: int
) -> DcRecord:
    """Return ``DcRecord(header, values, source, position)``, built through its slots."""
    record = _new(DcRecord)
    _set_header(record, header)
    _set_values(record, values)
    _set_source(record, source)
    _set_position(record, position)
    _set_format(record, "oai_dc")
    _set_repairs(record, ())
    return record


def dc_values(parent: Any) -> tuple[DcValue, ...]:
    """Return a DcValue for every element child of ``parent``, in document order."""
    values: list[DcValue] = []
    append = values.append
    dc_tags = _DC_TAGS
    for child in parent:
        tag = child.tag
        element = dc_tags.get(tag)
        if element is None:
            if not isinstance(tag, str):
                continue  # comment or processing instruction
            element = tag  # Clark name; a no-namespace DC name stays as it is
        text = "".join(child.itertext()) if len(child) else child.text
        text = text.strip() if text else ""
        lang = None
        attributes: tuple[tuple[str, str], ...] = ()
        items = child.items()
        if items:
            others: list[tuple[str, str]] = []
            for key, item in items:
                if key == _XML_LANG:
                    lang = item
                else:
                    others.append((key, item))
            attributes = tuple(others)
        value = _new(DcValue)
        _set_element(value, element)
        _set_text(value, text)
        _set_lang(value, lang)
        _set_attributes(value, attributes)
        append(value)
    return tuple(values)
