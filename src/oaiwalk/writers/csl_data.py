"""Record -> CSL-JSON item (a plain dict): the CSL variables every CSL processor reads.

Shared by writers that feed CSL processors (the citation writer) and meant to be the
one place the CSL-JSON writer's variable mapping lives: the same rules as
``csl_json.record_to_csl`` without its ``custom`` extension object. Every Record
attribute with ``"csl"`` field metadata becomes the CSL variable of that name.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from oaiwalk.model import Name, PartialDate, Record, csl_name

__all__ = ["CSL_ATTRIBUTES", "CSL_TYPES", "date_to_csl", "name_to_csl", "record_to_csl"]

# CSL 1.0.2 item types (csl-data.json "type" enum); anything else is written as "document".
CSL_TYPES = frozenset(
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

CSL_ATTRIBUTES = tuple(f.name for f in fields(Record) if csl_name(f.name) is not None)


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


def record_to_csl(record: Record) -> dict[str, Any]:
    """Return the CSL-JSON item of one Record: id, type, then CSL variables in Record order."""
    csl_type = record.type.csl if record.type.csl in CSL_TYPES else "document"
    item: dict[str, Any] = {"id": record.id, "type": csl_type}
    for attribute in CSL_ATTRIBUTES:
        value = _variable(getattr(record, attribute))
        if value is not None:
            item[csl_name(attribute) or attribute] = value
    return item
