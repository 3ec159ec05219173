"""Crosswalk step: typed identifiers, the record's DOI/ISSN/ISBN/PMID/PMCID and landing URL.

Reads dc:identifier, dc:relation and dc:source with the rows of
``crosswalks/identifiers.toml``. Identifiers in dc:relation belong to a related work
unless the row or the table says otherwise (see the table's header). A dc:identifier
no row took is a citation of the record (``kind="citation"``, read again by the
container step) or a local identifier (``kind="other"``).
"""

from __future__ import annotations

from dataclasses import dataclass

from oaiwalk.crosswalk.identifier_rules import (
    Found,
    is_citation,
    landing_rank,
    recognise,
    relation_own_kinds,
)
from oaiwalk.crosswalk.trail import decide, note_used, reject
from oaiwalk.model import DcRecord, Identifier, Record

__all__ = ["apply"]

_ELEMENTS = ("identifier", "relation", "source")
_SINGLE_FIELDS = ("issn", "isbn", "pmid", "pmcid")


@dataclass(frozen=True, slots=True)
class _Hit:
    found: Found
    index: int
    element: str


def apply(dc: DcRecord, record: Record) -> Record:
    """Return the record with ``identifiers``, ``doi``, ``issn``, ``isbn``, ``pmid``,
    ``pmcid`` and ``url`` decided."""
    hits: list[_Hit] = []
    unmatched: list[int] = []
    for index, value in enumerate(dc.values):
        if value.element not in _ELEMENTS or not value.text:
            continue
        result = recognise(value.text, value.element)
        if result.rejection is not None:
            record = reject(record, index, result.rejection)
            continue
        hits.extend(_Hit(found, index, value.element) for found in result.found)
        if value.element == "identifier" and not result.whole:
            unmatched.append(index)

    kinds = {hit.found.identifier.kind for hit in _own_hits(hits)}  # not related works
    citations: list[int] = []
    others: list[int] = []
    for index in unmatched:
        second = recognise(dc.values[index].text, "identifier", kinds)
        hits.extend(_Hit(found, index, "identifier") for found in second.found)
        if second.found:
            continue
        text = dc.values[index].text
        if is_citation(text):
            citations.append(index)
        elif not any(h.index == index for h in hits) and any(ch.isalnum() for ch in text):
            others.append(index)
    for index in citations:
        hits.append(_Hit(_plain(dc, index, "citation"), index, "identifier"))
    for index in others:
        hits.append(_Hit(_plain(dc, index, "other"), index, "identifier"))
    hits.sort(key=lambda hit: hit.index)

    own = _own_hits(hits)
    if not own:
        return record
    groups = _group(own)
    identifiers = tuple(group[0].found.identifier for group in groups)
    record = decide(
        record,
        "identifiers:collect",
        sorted({hit.index for hit in own}),
        identifiers=identifiers,
    )
    for group in groups:
        record = note_used(
            record, "identifiers", f"identifiers:{group[0].found.rule}", _indexes(group)
        )
    record = _decide_doi(record, groups)
    for field in _SINGLE_FIELDS:
        group = next((g for g in groups if g[0].found.identifier.kind == field), [])
        if group:
            record = decide(
                record,
                f"identifiers:{group[0].found.rule}",
                _indexes(group),
                **{field: group[0].found.identifier.value},
            )
    return _decide_url(record, groups)


def _plain(dc: DcRecord, index: int, kind: str) -> Found:
    text = dc.values[index].text
    return Found(Identifier(kind, " ".join(text.split()), text), kind)


def _own_hits(hits: list[_Hit]) -> list[_Hit]:
    """Keep identifiers of the record itself; relation identifiers need a reason."""
    own_kinds = relation_own_kinds()
    direct = {_key(h.found.identifier) for h in hits if h.element != "relation"}
    files = [
        _key(h.found.identifier)[1]
        for h in hits
        if h.element == "identifier" and h.found.identifier.kind == "url"
    ]
    own = []
    for hit in hits:
        if hit.element == "relation" and _is_landing_of(hit.found.identifier, files):
            # EPrints: dc:relation is the abstract page, dc:identifier the files under it
            found = Found(hit.found.identifier, "relation-landing", same_work=True)
            own.append(_Hit(found, hit.index, "identifier"))
            continue
        if hit.element == "relation" and not (
            hit.found.same_work
            or hit.found.identifier.kind in own_kinds
            or _key(hit.found.identifier) in direct
        ):
            continue
        if hit.element == "source" and hit.found.identifier.kind == "url":
            continue  # a URL in dc:source is where the record came from, not the record
        own.append(hit)
    return own


def _is_landing_of(identifier: Identifier, files: list[str]) -> bool:
    """Return whether a URL is the page under which some of the record's files live."""
    if identifier.kind != "url":
        return False
    page = _key(identifier)[1]
    return any(file.startswith(page + "/") for file in files)


def _key(identifier: Identifier) -> tuple[str, str]:
    value = identifier.value.casefold()
    if identifier.kind == "url":
        value = value.split("://", 1)[-1].rstrip("/")
    return identifier.kind, value


def _group(hits: list[_Hit]) -> list[list[_Hit]]:
    """Group equal identifiers (the same handle over http and https), first seen first."""
    groups: dict[tuple[str, str], list[_Hit]] = {}
    for hit in hits:
        groups.setdefault(_key(hit.found.identifier), []).append(hit)
    return list(groups.values())


def _indexes(group: list[_Hit]) -> list[int]:
    return sorted({hit.index for hit in group})


def _doi_priority(hit: _Hit) -> int:
    """Rank where a DOI was found: dc:identifier whole value first, dc:source last."""
    if hit.element == "identifier":
        return 1 if hit.found.inside else 0
    if hit.element == "relation":
        return 2
    return 3


def _decide_doi(record: Record, groups: list[list[_Hit]]) -> Record:
    dois = [g for g in groups if g[0].found.identifier.kind == "doi"]
    if not dois:
        return record
    best = min(dois, key=lambda g: min(_doi_priority(h) for h in g))
    hit = min(best, key=_doi_priority)
    return decide(
        record, f"identifiers:{hit.found.rule}", _indexes(best), doi=hit.found.identifier.value
    )


def _decide_url(record: Record, groups: list[list[_Hit]]) -> Record:
    """Pick the landing page from dc:identifier: handle, then repository page, then files."""
    best: tuple[int, str, str, list[_Hit]] | None = None
    for group in groups:
        if all(hit.element != "identifier" for hit in group):
            continue
        identifier = group[0].found.identifier
        ranked = landing_rank(identifier)
        if ranked is None:
            continue
        rank, row = ranked
        url = identifier.uri() if identifier.kind != "url" else identifier.value
        if url and rank > 0 and (best is None or rank > best[0]):
            best = (rank, row, url, group)
    if best is None:
        return record
    return decide(record, f"identifiers.landing:{best[1]}", _indexes(best[3]), url=best[2])
