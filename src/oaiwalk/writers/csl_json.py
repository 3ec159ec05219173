"""CSL-JSON writer: a JSON array (``csl-json``) or one object per line (``csl-jsonl``).

Every Record attribute with ``"csl"`` field metadata becomes the CSL variable of that
name (``oaiwalk.model.csl_name``), so there is no second map. What CSL has no variable
for (rights, licence, subjects, typed identifiers, ORCIDs, the OAI header) goes into the
schema's ``custom`` object, which the CSL 1.0.2 input schema (``csl-data.json``) leaves
open. Keys come in a fixed order: ``id``, ``type``, the CSL variables in Record order,
then ``custom``; output is UTF-8 (``ensure_ascii=False``), the array indented by two
spaces, and every document ends with a newline.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import fields
from typing import Any, TextIO

from oaiwalk.model import Name, PartialDate, Record, csl_name
from oaiwalk.registry import Writer

__all__ = ["CSL_JSON", "CSL_JSONL", "record_to_csl", "write", "write_lines"]

# CSL 1.0.2 item types (csl-data.json "type" enum); anything else is written as "document".
_CSL_TYPES = frozenset(
    """article article-journal article-magazine article-newspaper bill book broadcast
    chapter classic collection dataset document entry entry-dictionary entry-encyclopedia
    event figure graphic hearing interview legal_case legislation manuscript map
    motion_picture musical_score pamphlet paper-conference patent performance periodical
    personal_communication post post-weblog regulation report review review-book software
    song speech standard thesis treaty webpage""".split()
)

# (Record attribute, CSL name-object key), in the order CSL-JSON tools write them.
_NAME_PARTS = (
    ("family", "family"),
    ("given", "given"),
    ("non_dropping_particle", "non-dropping-particle"),
    ("dropping_particle", "dropping-particle"),
    ("suffix", "suffix"),
)

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

_CSL_ATTRIBUTES = tuple(f.name for f in fields(Record) if csl_name(f.name) is not None)


def name_to_csl(name: Name) -> dict[str, str] | None:
    """Return the CSL name object of a Name, or None when it holds no text."""
    if name.literal is not None:
        literal = name.literal.strip()
        return {"literal": literal} if literal else None
    out = {key: value for attr, key in _NAME_PARTS if (value := getattr(name, attr))}
    return out if ("family" in out or "given" in out) else None


def date_to_csl(date: PartialDate) -> dict[str, Any] | None:
    """Return the CSL date object, or None when the date holds nothing.

    Date parts the CSL schema cannot hold (more than two ranges, more than three parts
    or empty parts) are dropped in favour of the date's ``raw`` or ``literal`` text.
    """
    out = date.to_csl()
    parts = out.get("date-parts")
    if parts is not None and (len(parts) > 2 or any(not 1 <= len(p) <= 3 for p in parts)):
        del out["date-parts"]
        literal = date.literal or date.raw
        if literal:
            out["literal"] = literal
    if "date-parts" not in out and "literal" not in out:
        return None  # CSL processors need parts or a literal; a bare "raw" renders nothing
    return out


def _variable(value: Any) -> Any:
    """Return the CSL-JSON form of one Record value, or None to leave it out."""
    if isinstance(value, PartialDate):
        return date_to_csl(value)
    if isinstance(value, tuple):
        if all(isinstance(v, Name) for v in value):
            names = [n for n in (name_to_csl(v) for v in value) if n is not None]
            return names or None
        words = [str(v).strip() for v in value if str(v).strip()]
        return ", ".join(words) or None  # "keyword": CSL has one comma-separated string
    if isinstance(value, str):
        return value if value.strip() else None
    return None


def _custom(record: Record) -> dict[str, Any]:
    """Return the ``custom`` object: what the record holds that CSL has no variable for."""
    custom: dict[str, Any] = {}
    for attribute, key in _CUSTOM_KEYS.items():
        value = getattr(record, attribute)
        if attribute == "translated_titles":
            value = [{"language": lang, "title": title} for lang, title in value if title]
        elif attribute == "identifiers":
            value = [{"kind": i.kind, "value": i.value} for i in value if i.value]
        elif isinstance(value, PartialDate):
            value = value.iso() or value.literal or value.raw or None
        elif isinstance(value, tuple):
            value = [v for v in value if v]
        if value:
            custom[key] = value
    orcids = [
        {"variable": csl_name(attribute), "position": position, "orcid": name.orcid}
        for attribute in ("author", "editor", "contributor", "director")
        for position, name in enumerate(getattr(record, attribute), start=1)
        if name.orcid
    ]
    if orcids:
        custom["orcids"] = orcids
    if record.type.coar:
        custom["coar-type"] = record.type.coar
    header = record.provenance.header
    oai = {
        key: value
        for key, value in (
            ("identifier", header.identifier),
            ("datestamp", header.datestamp),
            ("sets", list(header.set_specs)),
        )
        if value
    }
    if oai:
        custom["oai"] = oai
    return custom


def record_to_csl(record: Record) -> dict[str, Any]:
    """Return the CSL-JSON item of one Record (keys in the writer's fixed order)."""
    csl_type = record.type.csl if record.type.csl in _CSL_TYPES else "document"
    item: dict[str, Any] = {"id": record.id, "type": csl_type}
    for attribute in _CSL_ATTRIBUTES:
        value = _variable(getattr(record, attribute))
        if value is not None:
            item[csl_name(attribute) or attribute] = value
    custom = _custom(record)
    if custom:
        item["custom"] = custom
    return item


def dump_item(item: dict[str, Any], *, indent: int | None) -> str:
    """Serialise one item; U+2028/U+2029 are escaped so no line reader splits a value."""
    separators = (",", ": ") if indent is not None else (",", ":")
    text = json.dumps(item, ensure_ascii=False, indent=indent, separators=separators)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _array_chunks(records: Iterable[Record]) -> Iterator[str]:
    first = True
    for record in records:
        body = dump_item(record_to_csl(record), indent=2).replace("\n", "\n  ")
        yield ("[\n  " if first else ",\n  ") + body
        first = False
    yield "[]\n" if first else "\n]\n"


def write(records: Iterable[Record], out: TextIO) -> None:
    """Write the records as one CSL-JSON array, one item at a time."""
    for chunk in _array_chunks(records):
        out.write(chunk)


def write_lines(records: Iterable[Record], out: TextIO) -> None:
    """Write one compact CSL-JSON object per line (JSON Lines); no records, no lines."""
    for record in records:
        out.write(dump_item(record_to_csl(record), indent=None) + "\n")


_FIELDS = frozenset(("id", "type", *_CSL_ATTRIBUTES, *_CUSTOM_KEYS))

CSL_JSON = Writer(
    name="csl-json",
    aliases=("csljson", "citeproc-json"),
    media_type="application/vnd.citationstyles.csl+json",
    media_types=("application/citeproc+json",),
    extension=".json",
    extensions=(".csl.json",),
    write=write,
    fields=_FIELDS,
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
    description="CSL-JSON, one item per line (JSON Lines), for streams",
)
