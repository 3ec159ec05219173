"""Walk one XML document and yield its records: OAI-PMH envelope, errors and verbs.

Accepted: ListRecords and GetRecord responses (namespaced, wrongly namespaced or
without namespace), OAI ``<record>`` elements under any root, and bare ``oai_dc:dc``
elements under any root. Each record is cleared with its preceding siblings once
read, so memory stays flat however large the file.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from lxml import etree

from oaiwalk.errors import InputError, OaiPmhError
from oaiwalk.model import DcRecord
from oaiwalk.reader.records import (
    OAI_DC_NAMESPACES,
    dc_record,
    is_oai_record,
    local_name,
    oai_record,
    role,
)
from oaiwalk.reader.xml import HARDENED, check_docinfo, not_well_formed

__all__ = ["HOLD_LIMIT", "VERBS", "iter_document"]

log = logging.getLogger(__name__)

VERBS = (
    "Identify",
    "ListMetadataFormats",
    "ListSets",
    "ListIdentifiers",
    "ListRecords",
    "GetRecord",
)
HOLD_LIMIT = 10_000  # records held back while no oai_dc record has been seen
_WATCHED_IN_RESPONSE = ("{*}record", "{*}error")
_WATCHED = (*_WATCHED_IN_RESPONSE, *(f"{{{ns}}}dc" for ns in sorted(OAI_DC_NAMESPACES)))
# an oai_dc:dc below one of these is a description, not a record
_NOT_RECORDS = frozenset({"setDescription", "about", "Identify", "ListSets", "description"})


def iter_document(stream: Any, name: str, root: str = "") -> Iterator[DcRecord]:
    """Yield the records of one XML document read from ``stream`` (anything with ``read``).

    ``root`` is the root element's name as written, when known: under an ``OAI-PMH``
    root an oai_dc:dc outside a record is a description, so bare oai_dc:dc elements
    are not watched for (one event per record instead of two); a response without any
    ``<record>`` is still searched for them afterwards, in the tree nothing cleared.

    Records in other metadata formats are held back until an oai_dc record shows up;
    when none does (among the first ``HOLD_LIMIT`` records), the file is refused as
    not oai_dc.
    """
    is_response = root.rpartition(":")[2] == "OAI-PMH"
    watched = _WATCHED_IN_RESPONSE if is_response else _WATCHED
    context = etree.iterparse(stream, events=("end",), tag=watched, **HARDENED)
    position = 0
    held: list[DcRecord] = []  # records before the first oai_dc one, in order
    has_oai_dc = False
    error: tuple[str, str] | None = None
    try:
        for _event, element in context:
            if position == 0:
                check_docinfo(name, element.getroottree())
            local = role(element.tag)
            if local == "record":
                found = oai_record(element, name, position + 1)
                if found is None:
                    continue  # a payload that happens to be called record (MARC)
                position += 1
                record = found
            elif local == "dc":
                if _is_described(element):
                    continue
                position += 1
                record = dc_record(element, name, position)
            else:
                error = error or _oai_error(element)
                continue
            _release(element)
            if has_oai_dc:
                yield record
            elif record.metadata_format == "oai_dc":
                has_oai_dc = True
                yield from held
                held.clear()
                yield record
            else:
                held.append(record)
                if len(held) >= HOLD_LIMIT:  # decide now, so memory stays bounded
                    _refuse_foreign(name, held)
                    yield from held
                    held.clear()
    except etree.XMLSyntaxError as exc:
        yield from held  # records before the damage are good
        raise not_well_formed(name, exc) from None
    if held:
        _refuse_foreign(name, held)
        yield from held
    if error is not None and position:
        log.debug("%s: OAI-PMH error %s ignored beside %d records", name, error[0], position)
    if position == 0:
        document = context.root
        if document is not None:
            check_docinfo(name, document.getroottree())
        if is_response and error is None and document is not None:
            # a broken response with oai_dc:dc but no <record>: nothing was cleared
            # (no record was found), so the whole tree is still there to look in
            for position, dc in enumerate(_bare_dcs(document), start=1):
                yield dc_record(dc, name, position)
            if position:
                return
        if error is not None:
            code, text = error
            raise OaiPmhError(f"{name}: OAI-PMH error {code}: {text}", code=code)
        raise InputError(f"{name}: {_nothing_found(document)}")


def _bare_dcs(document: Any) -> Iterator[Any]:
    """Yield the oai_dc:dc elements of a whole tree that are records, not descriptions."""
    for dc in document.iter(*_WATCHED[len(_WATCHED_IN_RESPONSE) :]):
        if not _is_described(dc):
            yield dc


def _release(element: Any) -> None:
    """Free a finished element and everything before it in its parent."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _is_described(dc: Any) -> bool:
    """Return True when an oai_dc:dc is inside an OAI record or a set/repository description."""
    parent = dc.getparent()
    grandparent = None if parent is None else parent.getparent()
    if grandparent is not None and role(parent.tag) == "metadata":
        if role(grandparent.tag) == "record":
            return True  # the usual case: the record's own payload
    for ancestor in dc.iterancestors():
        local = local_name(ancestor.tag)
        if local in _NOT_RECORDS or (local == "record" and is_oai_record(ancestor)):
            return True
    return False


def _oai_error(element: Any) -> tuple[str, str] | None:
    """Return (code, text) for an OAI-PMH ``<error>``, None for any other ``error`` element."""
    parent = element.getparent()
    code = element.get("code")
    if code is None or parent is None or local_name(parent.tag) != "OAI-PMH":
        return None
    text = " ".join("".join(element.itertext()).split())
    return code, text or "(no message)"


def _refuse_foreign(name: str, records: list[DcRecord]) -> None:
    """Raise InputError when records hold other metadata formats and none holds oai_dc."""
    formats = list(dict.fromkeys(r.metadata_format for r in records if r.metadata_format))
    if not formats:
        return  # only deleted records or records without metadata
    short = "/".join(dict.fromkeys(local_name(f) for f in formats))
    raise InputError(
        f"{name}: metadata is {short} ({', '.join(formats)}), not oai_dc; "
        "harvest with metadataPrefix=oai_dc"
    )


def _nothing_found(root: Any) -> str:
    """Describe a document without records: the OAI-PMH verb it answers, or its root."""
    if root is None:
        return "no records found"
    for element in root.iter():
        if isinstance(element.tag, str) and local_name(element.tag) in VERBS:
            return f"{local_name(element.tag)} response holds no records"
    if local_name(root.tag) == "OAI-PMH":
        return "OAI-PMH response holds no records"
    return f"no OAI-PMH records or oai_dc:dc elements found (root element {root.tag})"
