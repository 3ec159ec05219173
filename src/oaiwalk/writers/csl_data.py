"""Record -> CSL-JSON item (a plain dict): the CSL variables every CSL processor reads.

Shared by writers that feed CSL processors (the citation writer) and meant to be the
one place the CSL-JSON writer's variable mapping lives: the same rules as
``csl_json.record_to_csl`` without its ``custom`` extension object. Every Record
attribute with ``"csl"`` field metadata becomes the CSL variable of that name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from itertools import compress
from operator import attrgetter
from typing import Any, get_type_hints

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
    out = {}
    if name.family:
        out["family"] = name.family
    if name.given:
        out["given"] = name.given
    elif not name.family:
        return None
    if name.non_dropping_particle:
        out["non-dropping-particle"] = name.non_dropping_particle
    if name.dropping_particle:
        out["dropping-particle"] = name.dropping_particle
    if name.suffix:
        out["suffix"] = name.suffix
    return out


def date_to_csl(date: PartialDate) -> dict[str, Any] | None:
    """Return the CSL date object, or None when the date holds nothing.

    Date parts the CSL schema cannot hold (more than two ranges, more than three parts
    or empty parts) are dropped in favour of the date's ``raw`` or ``literal`` text.
    """
    parts = date.parts
    if parts and len(parts) <= 2 and all(1 <= len(p) <= 3 for p in parts):
        # The common case, built directly: what PartialDate.to_csl gives for valid parts.
        valid: dict[str, Any] = {"date-parts": [list(p) for p in parts]}
        if date.circa:
            valid["circa"] = True
        if date.season is not None:
            valid["season"] = date.season
        if date.raw:
            valid["raw"] = date.raw
        return valid
    out = date.to_csl()
    if out.pop("date-parts", None) is not None:
        literal = date.literal or date.raw
        if literal:
            out["literal"] = literal
    if "literal" not in out:
        return None  # CSL processors need parts or a literal; a bare "raw" renders nothing
    return out


def _names(value: tuple[Name, ...]) -> list[dict[str, str]] | None:
    names = [n for n in map(name_to_csl, value) if n is not None]
    return names or None


def _date(value: PartialDate) -> dict[str, Any] | None:
    return date_to_csl(value)


def _words(value: tuple[str, ...]) -> str | None:
    words = [w for w in (str(v).strip() for v in value) if w]
    return ", ".join(words) or None  # "keyword": CSL has one comma-separated string


def _text(value: str) -> str | None:
    return None if value.isspace() else value


def _variable(value: Any) -> Any:
    """Return the CSL-JSON form of one Record value, or None to leave it out."""
    if isinstance(value, PartialDate):
        return date_to_csl(value)
    if isinstance(value, tuple):
        if all(isinstance(v, Name) for v in value):
            return _names(value)
        return _words(value)
    if isinstance(value, str):
        return value if value.strip() else None
    return None


def _converter(hint: Any) -> Callable[[Any], Any]:
    """Return the converter for a CSL attribute's declared type (``_variable`` if unknown)."""
    if hint == tuple[Name, ...]:
        return _names
    if hint == tuple[str, ...]:
        return _words
    if hint == PartialDate | None:
        return _date
    if hint == str | None:
        return _text
    return _variable


_HINTS = get_type_hints(Record)
# (CSL name, converter) per CSL attribute, in Record order; the values come in one C call.
_CONVERTERS = tuple((csl_name(a) or a, _converter(_HINTS[a])) for a in CSL_ATTRIBUTES)
_csl_values = attrgetter(*CSL_ATTRIBUTES)


def record_to_csl(record: Record) -> dict[str, Any]:
    """Return the CSL-JSON item of one Record: id, type, then CSL variables in Record order."""
    csl_type = record.type.csl if record.type.csl in CSL_TYPES else "document"
    item: dict[str, Any] = {"id": record.id, "type": csl_type}
    values = _csl_values(record)
    # compress() skips the empty values (None, "" and (), most of them) in C
    for (key, convert), value in compress(zip(_CONVERTERS, values, strict=True), values):
        converted = convert(value)
        if converted is not None:
            item[key] = converted
    return item
