"""Read OAI-PMH responses, bare oai_dc documents and harvest stores into ``DcRecord`` values.

``read_dc`` is what the pipeline calls; ``read_source`` reads one file or stream;
``parse_record_xml`` reads one stored ``<record>`` (harvest-store rows). Every
failure that concerns a whole source is an ``InputError`` (``OaiPmhError`` for an
OAI-PMH ``<error>`` response) with a one-line message naming the source.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterable, Iterator
from dataclasses import replace

from oaiwalk.errors import InputError
from oaiwalk.model import DcRecord
from oaiwalk.reader.oaipmh import iter_document
from oaiwalk.reader.records import OAI_DC_NAMESPACES, dc_record, local_name, oai_record
from oaiwalk.reader.sources import (
    SQLITE_MAGIC,
    Source,
    expand_sources,
    is_sqlite_store,
    open_source,
    source_name,
)
from oaiwalk.reader.xml import parse_bytes, refuse_doctype

__all__ = ["Source", "expand_sources", "parse_record_xml", "read_dc", "read_source"]


def read_dc(sources: Iterable[Source]) -> Iterator[DcRecord]:
    """Yield the records of every source in turn, directories expanded."""
    for source in expand_sources(sources):
        yield from read_source(source)


def read_source(source: Source) -> Iterator[DcRecord]:
    """Yield the records of one file, stream, ``-`` (stdin), bytes or harvest store."""
    if is_sqlite_store(source):
        yield from _read_store(os.fspath(source))  # type: ignore[arg-type]
        return
    with open_source(source) as (name, stream):
        head = stream.head(len(SQLITE_MAGIC))
        if not head:
            raise InputError(f"{name}: empty file")
        if head == SQLITE_MAGIC:
            raise InputError(f"{name}: a harvest store (SQLite) must be given as a file path")
        root = refuse_doctype(name, stream.head)
        yield from iter_document(stream, name, root)


def parse_record_xml(data: bytes, source: str, position: int) -> DcRecord:
    """Return the DcRecord of one OAI ``<record>`` element's XML (or a bare oai_dc:dc)."""
    name = f"{source}: record {position}"
    root = parse_bytes(name, data)
    local = local_name(root.tag)
    record = oai_record(root, source, position) if local == "record" else None
    if record is not None:
        return record
    if local == "dc" and root.tag[1:].partition("}")[0] in OAI_DC_NAMESPACES:
        return dc_record(root, source, position)
    raise InputError(f"{name}: not an OAI record (root element {root.tag})")


def _read_store(path: str) -> Iterator[DcRecord]:
    """Yield the live records of a harvest store, with the harvester's repair notes."""
    name = source_name(path)
    if importlib.util.find_spec("oaiwalk.store") is None:
        raise InputError(f"{name}: harvest store support not installed")
    for position, (data, repairs) in enumerate(_store_rows(path), start=1):
        record = parse_record_xml(data, name, position)
        yield replace(record, repairs=record.repairs + repairs) if repairs else record


def _store_rows(path: str) -> Iterator[tuple[bytes, tuple[str, ...]]]:
    """Yield (record XML, repair notes) from the store module, whichever API it offers."""
    from oaiwalk import store

    if hasattr(store, "iter_store_records"):
        yield from store.iter_store_records(path)
    else:
        yield from ((xml, ()) for xml in store.iter_record_xml(path))
