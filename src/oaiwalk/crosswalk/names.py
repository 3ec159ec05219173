"""Crosswalk step: dc:creator and dc:contributor to author, editor, contributor, director.

Each string is read by ``name_parser.read_name``. Role words (``names.toml`` roles)
choose the field; contributors that are organisations or affiliation strings go to
``affiliations``, never to a name list, as do organisations in brackets beside a
person ("Moreau, Lise (Université de Lyon)") and organisation creators that are also
contributors beside person authors (NARCIS); placeholders are rejected; identical names
are kept once. In a thesis an unqualified person contributor is its director
(DSpace exports dc.contributor.advisor as plain dc:contributor).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from oaiwalk.crosswalk.name_parser import ORCID, NameReading, read_name
from oaiwalk.crosswalk.textclean import clean_inline
from oaiwalk.crosswalk.trail import decide, note_used, reject, value_indexes
from oaiwalk.model import DcRecord, DcValue, Name, Record

__all__ = ["apply", "split_names"]

_NAME_FIELDS = ("author", "editor", "contributor", "director")
_THESIS_TYPES = {"thesis"}


def split_names(text: str) -> list[str]:
    """Split a value holding several names separated by ";" (an ORCID stays with its name)."""
    return list(_split_names(text))


@lru_cache(maxsize=8192)  # pure; name strings repeat across a harvest
def _split_names(text: str) -> tuple[str, ...]:
    pieces = [p.strip() for p in text.split(";")]
    out: list[str] = []
    for piece in pieces:
        if not piece:
            continue
        is_orcid_only = bool(ORCID.search(piece)) and not re.sub(
            r"(?i)(https?://(www\.)?orcid\.org/|orcid:?|\d{4}-\d{4}-\d{4}-\d{3}[\dX]|[\s()\[\]])",
            "",
            piece,
        )
        if is_orcid_only and out:
            out[-1] = f"{out[-1]} ; {piece}"
        else:
            out.extend(_split_comma_list(piece))
    return tuple(out) or (text,)


_INITIALS = re.compile(r"^(?:[A-Z][a-z]?\.?\s?-?\s?){1,4}$")  # "J.", "J.A.", "J.-P.", "Th."
_VANCOUVER = re.compile(r"^[^\W\d_][\w'’-]*(?: [^\W\d_][\w'’-]*)* [A-Z]{1,3}$")  # "Smith JA"


def _split_comma_list(text: str) -> list[str]:
    """Split "Smith, J., Jones, K." and "Smith JA, Jones K" into names; else keep text."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) >= 3 and all(_VANCOUVER.match(p) for p in parts):
        return parts
    if len(parts) >= 4 and len(parts) % 2 == 0:
        givens = parts[1::2]
        if all(_INITIALS.match(g) for g in givens) and all(len(f.split()) <= 3 for f in parts[::2]):
            return [f"{f}, {g}" for f, g in zip(parts[::2], givens, strict=True)]
    return [text]


def _key(name: Name) -> str:
    return " ".join(name.display().lower().split())


@lru_cache(maxsize=8192)  # pure; the same names recur, and display() costs as much as a hit
def _read(piece: str, attributes: tuple[tuple[str, str], ...]) -> tuple[NameReading, str]:
    """Return the reading of one name string and its duplicate key ("" for no name)."""
    reading = read_name(piece, attributes)
    return reading, ("" if reading.name is None else _key(reading.name))


def _field_for(value: DcValue, reading: NameReading, is_thesis: bool) -> str:
    if reading.role_field:
        return reading.role_field
    if value.element == "creator":
        return "author"
    if is_thesis and reading.name is not None and not reading.is_organisation:
        return "director"
    return "contributor"


def _affiliations_among_authors(
    authors: dict[str, tuple[Name, list[int]]],
    organisations: set[str],
    affiliations: dict[str, list[int]],
) -> set[int]:
    """Move organisation authors also given as contributor (an affiliation) to affiliations.

    NARCIS sends a thesis as creators "Gautschi, Thomas" and "University of Groningen"
    with the university again as dc:contributor: beside a person, that organisation is
    where the work was done, not an author. Return the moved values' indexes.
    """
    if not any(key not in organisations for key in authors):
        return set()  # only organisations: they are the authors
    moved: set[int] = set()
    for key in [k for k in authors if k in organisations]:
        name, sources = authors[key]
        text = name.literal or ""
        if text in affiliations:
            del authors[key]
            affiliations[text] = sorted({*affiliations[text], *sources})
            moved.update(sources)
    return moved


def apply(dc: DcRecord, record: Record) -> Record:
    """Set the name lists and ``affiliations`` from dc:creator and dc:contributor."""
    creators, contributors = value_indexes(dc, "creator"), value_indexes(dc, "contributor")
    if not creators and not contributors:
        return record
    is_thesis = record.type.csl in _THESIS_TYPES
    found: dict[str, dict[str, tuple[Name, list[int]]]] = {f: {} for f in _NAME_FIELDS}
    affiliations: dict[str, list[int]] = {}
    trail: list[tuple[str, str, int]] = []  # (field, rule, index) per name
    unqualified: set[str] = set()  # person contributors found with no role
    organisations: set[str] = set()  # keys of names read as organisations
    for element, indexes in (("creator", creators), ("contributor", contributors)):
        for index in indexes:
            value = dc.values[index]
            for piece in _split_names(value.text):
                reading, key = _read(piece, value.attributes)
                if reading.name is None:
                    record = reject(record, index, f"names nobody ({reading.rule})")
                    continue
                if (
                    element == "contributor"
                    and (reading.is_affiliation_like or reading.is_organisation)
                    and reading.role_field is None
                ):
                    text = clean_inline(piece)
                    affiliations.setdefault(text, []).append(index)
                    trail.append(("affiliations", reading.rule, index))
                    continue
                if reading.affiliation:  # "Moreau, Lise (Université de Lyon)"
                    affiliations.setdefault(reading.affiliation, []).append(index)
                    trail.append(("affiliations", "names.qualifier-affiliation", index))
                field = _field_for(value, reading, is_thesis)
                if reading.role_field is None and field != "author" and key in found["author"]:
                    field = "author"  # a creator repeated as dc:contributor is one person
                bucket = found[field]
                if key in bucket:
                    kept, sources = bucket[key]
                    if kept.orcid is None and reading.name.orcid:
                        kept = replace(kept, orcid=reading.name.orcid)
                    bucket[key] = (kept, [*sources, index])
                    trail.append((field, "names.duplicate", index))
                    continue
                bucket[key] = (reading.name, [index])
                if reading.is_organisation:
                    organisations.add(key)
                if field == "contributor" and reading.role_field is None:
                    unqualified.add(key)
                trail.append((field, reading.rule, index))
                if reading.role_rule:
                    trail.append((field, reading.role_rule, index))
                elif field == "director":
                    trail.append((field, "names.thesis-contributor-director", index))
    if unqualified and not found["author"] and not any(v.element == "creator" for v in dc.values):
        # Older DSpace (and other) exports put the authors in plain dc:contributor when
        # there is no dc:creator: with no creator at all, unqualified persons are authors.
        promoted = {
            k: found["contributor"].pop(k) for k in list(found["contributor"]) if k in unqualified
        }
        found["author"] = promoted
        moved = {i for _, idx in promoted.values() for i in idx}
        trail = [("author" if f == "contributor" and i in moved else f, r, i) for f, r, i in trail]
        trail.append(("author", "names.contributors-without-creator", min(moved)))
    demoted = _affiliations_among_authors(found["author"], organisations, affiliations)
    if demoted:
        trail = [
            ("affiliations", "names.creator-also-affiliation", i)
            if f == "author" and i in demoted
            else (f, r, i)
            for f, r, i in trail
        ]
    for field, bucket in found.items():
        if bucket:
            names = tuple(name for name, _ in bucket.values())
            sources = sorted({i for _, idx in bucket.values() for i in idx})
            record = decide(record, f"names.dc-{field}", sources, **{field: names})
    if affiliations:
        sources = sorted({i for idx in affiliations.values() for i in idx})
        record = decide(record, "names.affiliations", sources, affiliations=tuple(affiliations))
    for field, rule, index in trail:
        record = note_used(record, field, rule, [index])
    return record
