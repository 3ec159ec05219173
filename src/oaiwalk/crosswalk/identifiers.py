"""Crosswalk step: typed identifiers, the record's DOI/ISSN/ISBN/PMID/PMCID and landing URL.

Reads dc:identifier, dc:relation and dc:source with the rows of
``crosswalks/identifiers.toml``. Identifiers in dc:relation belong to a related work
unless the row or the table says otherwise (see the table's header). A dc:identifier
no row took is a citation of the record (``kind="citation"``, read again by the
container step) or a local identifier (``kind="other"``).
"""

from __future__ import annotations

from typing import NamedTuple

from oaiwalk.crosswalk.identifier_rules import (
    Found,
    is_citation,
    landing_rank,
    max_landing_rank,
    recognise,
    relation_own_kinds,
)
from oaiwalk.crosswalk.trail import decide, indexes_by_element, note_all, reject
from oaiwalk.model import DcRecord, Identifier, Record

__all__ = ["apply"]

_SINGLE_FIELDS = ("issn", "isbn", "pmid", "pmcid")
_DOI_PRIORITY = {"identifier": 0, "relation": 2, "source": 3}


class _Hit(NamedTuple):
    found: Found
    position: int  # index of the DC value
    element: str
    key: tuple[str, str]  # _key(found.identifier), computed once


def _hit(found: Found, index: int, element: str) -> _Hit:
    return _Hit(found, index, element, _key(found.identifier))


def apply(dc: DcRecord, record: Record) -> Record:
    """Return the record with ``identifiers``, ``doi``, ``issn``, ``isbn``, ``pmid``,
    ``pmcid`` and ``url`` decided."""
    grouped = indexes_by_element(dc)  # non-empty values only, as the steps share
    indexes = grouped.get("identifier", ())
    relations, sources = grouped.get("relation"), grouped.get("source")
    if relations or sources:
        indexes = sorted([*indexes, *(relations or ()), *(sources or ())])
    if not indexes:
        return record
    hits: list[_Hit] = []
    unmatched: list[int] = []
    values = dc.values
    for index in indexes:
        value = values[index]
        element = value.element
        result = recognise(value.text, element)
        if result.rejection is not None:
            record = reject(record, index, result.rejection)
            continue
        for found in result.found:
            hits.append(_Hit(found, index, element, _key(found.identifier)))
        if element == "identifier" and not result.whole:
            unmatched.append(index)
    if unmatched:
        _read_unmatched(dc, hits, unmatched)

    own = _own_hits(hits)
    if not own:
        return record
    groups = _group(own)
    identifiers = tuple(group[0].found.identifier for group in groups)
    positions = (own[0].position,) if len(own) == 1 else tuple(sorted({h.position for h in own}))
    record = decide(record, "identifiers:collect", positions, identifiers=identifiers)
    firsts: dict[str, list[_Hit]] = {}  # the first group of each kind
    notes = []
    for group in groups:
        found = group[0].found
        notes.append(("identifiers", f"identifiers:{found.rule}", _indexes(group)))
        if found.identifier.kind not in firsts:
            firsts[found.identifier.kind] = group
    record = note_all(record, notes)
    if "doi" in firsts:
        record = _decide_doi(record, groups)
    if len(firsts) > 1 or "url" not in firsts:  # most records: URLs only
        for field in _SINGLE_FIELDS:
            first = firsts.get(field)
            if first:
                record = decide(
                    record,
                    f"identifiers:{first[0].found.rule}",
                    _indexes(first),
                    **{field: first[0].found.identifier.value},
                )
    return _decide_url(record, groups)


def _read_unmatched(dc: DcRecord, hits: list[_Hit], unmatched: list[int]) -> None:
    """Add to ``hits`` what the second pass, citations and local ids make of the
    dc:identifier values no whole row took; keep ``hits`` in value order."""
    kinds = {hit.found.identifier.kind for hit in _own_hits(hits)}  # not related works
    citations: list[int] = []
    others: list[int] = []
    for index in unmatched:
        text = dc.values[index].text
        second = recognise(text, "identifier", kinds)
        for found in second.found:
            hits.append(_hit(found, index, "identifier"))
        if second.found:
            continue
        if is_citation(text):
            citations.append(index)
        elif not any(h.position == index for h in hits) and any(ch.isalnum() for ch in text):
            others.append(index)
    for index in citations:
        hits.append(_hit(_plain(dc, index, "citation"), index, "identifier"))
    for index in others:
        hits.append(_hit(_plain(dc, index, "other"), index, "identifier"))
    hits.sort(key=lambda hit: hit.position)


def _plain(dc: DcRecord, index: int, kind: str) -> Found:
    text = dc.values[index].text
    return Found(Identifier(kind, " ".join(text.split()), text), kind)


def _own_hits(hits: list[_Hit]) -> list[_Hit]:
    """Keep identifiers of the record itself; relation identifiers need a reason."""
    own = []
    direct: set[tuple[str, str]] | None = None
    files: list[str] = []
    for hit in hits:
        if hit.element == "identifier":
            own.append(hit)
        elif hit.element == "source":
            if hit.found.identifier.kind != "url":
                own.append(hit)  # a URL in dc:source is where the record came from
        else:  # dc:relation
            if direct is None:  # only records with relation hits need these
                direct = {h.key for h in hits if h.element != "relation"}
                files = [
                    h.key[1]
                    for h in hits
                    if h.element == "identifier" and h.found.identifier.kind == "url"
                ]
            if _is_landing_of(hit.found.identifier, files):
                # EPrints: dc:relation is the abstract page, dc:identifier the files under it
                found = Found(hit.found.identifier, "relation-landing", same_work=True)
                own.append(_Hit(found, hit.position, "identifier", hit.key))
            elif (
                hit.found.same_work
                or hit.found.identifier.kind in relation_own_kinds()
                or hit.key in direct
            ):
                own.append(hit)
    return own


def _is_landing_of(identifier: Identifier, files: list[str]) -> bool:
    """Return whether a URL is the page under which some of the record's files live."""
    if identifier.kind != "url" or not files:
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
    if len(hits) == 1:
        return [[hits[0]]]
    groups: dict[tuple[str, str], list[_Hit]] = {}
    for hit in hits:
        group = groups.get(hit.key)
        if group is None:
            groups[hit.key] = [hit]
        else:
            group.append(hit)
    return list(groups.values())


def _indexes(group: list[_Hit]) -> tuple[int, ...]:
    if len(group) == 1:
        return (group[0].position,)
    return tuple(sorted({hit.position for hit in group}))


def _doi_priority(hit: _Hit) -> int:
    """Rank where a DOI was found: dc:identifier whole value first, dc:source last."""
    if hit.element == "identifier":
        return 1 if hit.found.inside else 0
    return _DOI_PRIORITY[hit.element]


def _decide_doi(record: Record, groups: list[list[_Hit]]) -> Record:
    dois = [g for g in groups if g[0].found.identifier.kind == "doi"]
    best = min(dois, key=lambda g: min(_doi_priority(h) for h in g))
    hit = min(best, key=_doi_priority)
    return decide(
        record, f"identifiers:{hit.found.rule}", _indexes(best), doi=hit.found.identifier.value
    )


def _decide_url(record: Record, groups: list[list[_Hit]]) -> Record:
    """Pick the landing page from dc:identifier: handle, then repository page, then files."""
    best: tuple[int, str, str, list[_Hit]] | None = None
    top = max_landing_rank()
    for group in groups:
        if group[0].element != "identifier" and all(h.element != "identifier" for h in group):
            continue
        identifier = group[0].found.identifier
        ranked = landing_rank(identifier)
        if ranked is None:
            continue
        rank, row = ranked
        if rank > 0 and (best is None or rank > best[0]):
            url = identifier.uri() if identifier.kind != "url" else identifier.value
            if url:
                best = (rank, row, url, group)
                if rank >= top:
                    break  # a later group needs a higher rank to win: there is none
    if best is None:
        return record
    return decide(record, f"identifiers.landing:{best[1]}", _indexes(best[3]), url=best[2])
