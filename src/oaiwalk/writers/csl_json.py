"""CSL-JSON writer: a JSON array (``csl-json``) or one object per line (``csl-jsonl``).

Every Record attribute with ``"csl"`` field metadata becomes the CSL variable of that
name (``oaiwalk.model.csl_name``), so there is no second map. What CSL has no variable
for (rights, licence, subjects, typed identifiers, ORCIDs, the OAI header) goes into the
schema's ``custom`` object, which the CSL 1.0.2 input schema (``csl-data.json``) leaves
open. Keys come in a fixed order: ``id``, ``type``, the CSL variables in Record order,
then ``custom``; output is UTF-8 (``ensure_ascii=False``), the array holds one compact
item per line (``[``, items joined by ``,`` and a line break, ``]``), as JSON streaming
tools like, and every document ends with a newline.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from oaiwalk.model import Record
from oaiwalk.registry import Frame, Writer
from oaiwalk.writers import csl_data

__all__ = ["CSL_JSON", "CSL_JSONL", "frame", "record_to_csl", "write", "write_lines"]

# Extensions written into "custom", keyed by Record attribute (values are CSL-style keys).
_CUSTOM_KEYS = {
    "translated_titles": "translated-titles",
    "identifiers": "identifiers",
    "rights": "rights",
    "license": "license",
    "access_rights": "access-rights",
    "embargo_end": "embargo-end",
    "subjects": "subjects",
    "relations": "relations",
    "coverage": "coverage",
    "formats": "formats",
    "languages": "languages",
    "affiliations": "affiliations",
}


def _custom(record: Record) -> dict[str, Any]:
    """Return the ``custom`` object: what the record holds that CSL has no variable for."""
    custom: dict[str, Any] = {}
    if record.translated_titles:
        titles = [{"language": lang, "title": t} for lang, t in record.translated_titles if t]
        if titles:
            custom["translated-titles"] = titles
    if record.identifiers:
        identifiers = [{"kind": i.kind, "value": i.value} for i in record.identifiers if i.value]
        if identifiers:
            custom["identifiers"] = identifiers
    _put_texts(custom, "rights", record.rights)
    if record.license:
        custom["license"] = record.license
    if record.access_rights:
        custom["access-rights"] = record.access_rights
    if record.embargo_end is not None:
        end = record.embargo_end
        embargo = end.iso() or end.literal or end.raw
        if embargo:
            custom["embargo-end"] = embargo
    _put_texts(custom, "subjects", record.subjects)
    _put_texts(custom, "relations", record.relations)
    _put_texts(custom, "coverage", record.coverage)
    _put_texts(custom, "formats", record.formats)
    _put_texts(custom, "languages", record.languages)
    _put_texts(custom, "affiliations", record.affiliations)
    orcids = [
        {"variable": variable, "position": position, "orcid": name.orcid}
        for variable, names in (
            ("author", record.author),
            ("editor", record.editor),
            ("contributor", record.contributor),
            ("director", record.director),
        )
        for position, name in enumerate(names, start=1)
        if name.orcid
    ]
    if orcids:
        custom["orcids"] = orcids
    if record.type.coar:
        custom["coar-type"] = record.type.coar
    header = record.provenance.header
    oai: dict[str, Any] = {}
    if header.identifier:
        oai["identifier"] = header.identifier
    if header.datestamp:
        oai["datestamp"] = header.datestamp
    if header.set_specs:
        oai["sets"] = list(header.set_specs)
    if oai:
        custom["oai"] = oai
    return custom


def _put_texts(custom: dict[str, Any], key: str, texts: tuple[str, ...]) -> None:
    """Set ``custom[key]`` to the non-empty texts, if there are any."""
    if texts:
        kept = [t for t in texts if t]
        if kept:
            custom[key] = kept


def record_to_csl(record: Record) -> dict[str, Any]:
    """Return the CSL-JSON item of one Record (keys in the writer's fixed order)."""
    item = csl_data.record_to_csl(record)
    custom = _custom(record)
    if custom:
        item["custom"] = custom
    return item


# One encoder for every item (json.dumps builds one per call); compact, so the C encoder
# runs. No circular check: items are fresh trees of dicts, lists, strings and numbers.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)


def dump_item(item: dict[str, Any]) -> str:
    """Serialise one item on one line; U+2028/U+2029 are escaped so no line reader splits it."""
    text = _ENCODER.encode(item)
    if text.isascii():  # a flag CPython keeps on every str: no scan
        return text
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def write(records: Iterable[Record], out: TextIO) -> None:
    """Write the records as one CSL-JSON array, one compact item per line."""
    first = True
    for record in records:
        out.write(("[\n" if first else ",\n") + dump_item(record_to_csl(record)))
        first = False
    out.write("[]\n" if first else "\n]\n")


def frame() -> Frame:
    """Return the array's frame: ``write`` is ``[``, items joined by ``,`` LF, then ``]``."""
    return Frame(head="[\n", separator=",\n", tail="\n]\n", empty="[]\n")


def write_lines(records: Iterable[Record], out: TextIO) -> None:
    """Write one compact CSL-JSON object per line (JSON Lines); no records, no lines."""
    for record in records:
        out.write(dump_item(record_to_csl(record)) + "\n")


_FIELDS = frozenset(("id", "type", *csl_data.CSL_ATTRIBUTES, *_CUSTOM_KEYS))

CSL_JSON = Writer(
    name="csl-json",
    aliases=("csljson", "citeproc-json"),
    media_type="application/vnd.citationstyles.csl+json",
    media_types=("application/citeproc+json",),
    extension=".json",
    extensions=(".csl.json",),
    write=write,
    fields=_FIELDS,
    frame=frame,  # --jobs workers render runs of items, the calling process the brackets
    description="CSL-JSON array (citeproc, Zotero, pandoc --citeproc)",
)

CSL_JSONL = Writer(
    name="csl-jsonl",
    aliases=("csl-ndjson",),
    media_type="application/x-ndjson",
    extension=".jsonl",
    extensions=(".ndjson",),
    write=write_lines,
    fields=_FIELDS,
    concatenable=True,  # lines stand alone: --jobs workers may render batches apart
    description="CSL-JSON, one item per line (JSON Lines), for streams",
)
