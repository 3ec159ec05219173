"""Crosswalk step: the resource type, genre and version from dc:type.

Every dc:type value is looked up in ``crosswalks/types.toml``; the matching row with
the highest rank decides ``Record.type`` (rule ``types:<row id>``). Version words set
``Record.version``. A record no row typed keeps the model's default type and takes its
first unknown type word as ``genre``, so nothing a librarian wrote is silently lost.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from oaiwalk.crosswalk.tables import load_table
from oaiwalk.crosswalk.trail import decide, note_used, value_indexes
from oaiwalk.model import DcRecord, Record, ResourceType

__all__ = ["apply", "infer_article", "infer_type", "type_rank"]


@dataclass(frozen=True, slots=True)
class _Row:
    id: str
    match: frozenset[str]
    pattern: re.Pattern[str] | None
    rank: int
    genre: str | None
    type: ResourceType


@cache
def _table() -> dict[str, Any]:
    return load_table("types")


@cache
def _type_rows() -> tuple[_Row, ...]:
    rows = []
    for row in _table()["type"]:
        rows.append(
            _Row(
                id=row["id"],
                match=frozenset(row["match"]),
                pattern=re.compile(row["pattern"]) if "pattern" in row else None,
                rank=row["rank"],
                genre=row.get("genre"),
                type=ResourceType(
                    csl=row["csl"],
                    bibtex=row["bibtex"],
                    biblatex=row["biblatex"],
                    ris=row["ris"],
                    bibo=row["bibo"],
                    schema=row["schema"],
                    fabio=row["fabio"],
                    coar=row.get("coar"),
                    row=row["id"],
                ),
            )
        )
    return tuple(rows)


@cache
def _version_rows() -> dict[str, tuple[str, str]]:
    """Return matched value -> (row id, version)."""
    return {m: (row["id"], row["version"]) for row in _table()["version"] for m in row["match"]}


def _normalise(text: str) -> str:
    value = " ".join(text.split()).lower().rstrip(" .;,")
    if value.startswith("https://"):
        value = "http://" + value.removeprefix("https://")
    return value.rstrip("/") if "://" in value else value


def _find_row(text: str) -> _Row | None:
    value = _normalise(text)
    for row in _type_rows():
        if value in row.match or (row.pattern is not None and row.pattern.search(text.strip())):
            return row
    return None


def type_rank(row_id: str) -> int:
    """Return the rank of a types row; 0 for the default type."""
    return next((row.rank for row in _type_rows() if row.id == row_id), 0)


def _is_genre_word(text: str) -> bool:
    value = _normalise(text)
    return (
        value not in _table().get("not_genre", ())
        and ":" not in value
        and "/" not in value
        and any(ch.isalpha() for ch in value)
    )


def apply(dc: DcRecord, record: Record) -> Record:
    """Return the record with ``type``, ``genre`` and ``version`` decided from dc:type."""
    matched: list[tuple[_Row, int]] = []
    versions: list[tuple[str, str, int]] = []
    unknown: list[int] = []
    for index in value_indexes(dc, "type"):
        text = dc.values[index].text
        found = _version_rows().get(_normalise(text))
        if found is not None:
            versions.append((found[0], found[1], index))
            continue
        row = _find_row(text)
        if row is not None:
            matched.append((row, index))
        elif _is_genre_word(text):
            unknown.append(index)

    if versions:
        row_id, version, index = versions[0]
        record = decide(record, f"types:{row_id}", [index], version=version)

    best: _Row | None = None
    if matched:
        best = max((row for row, _ in matched), key=lambda row: row.rank)  # first of equals
        combo = _combination(dc, {row.id for row, _ in matched})
        if combo is not None:
            combo_id, best = combo
            sources = [index for _, index in matched]
            record = decide(record, f"types.combination:{combo_id}", sources, type=best.type)
        else:
            record = decide(
                record,
                f"types:{best.id}",
                [index for row, index in matched if row.id == best.id],
                type=best.type,
            )
            for row, index in matched:
                if row.id != best.id:
                    record = note_used(record, "type", f"types.outranked:{row.id}", [index])
        if best.genre:
            sources = [index for row, index in matched if row.id == best.id]
            record = decide(record, f"types:{best.id}", sources, genre=best.genre)

    if best is None:
        record = _type_from_set_specs(dc, record)
    max_generic = int(_table()["inferred"]["max_rank"])
    if type_rank(record.type.row) <= max_generic:
        record = _type_from_platform(dc, record)
    if type_rank(record.type.row) <= max_generic:
        record = _type_from_identifiers(dc, record)

    if unknown and record.genre is None and type_rank(record.type.row) <= max_generic:
        first = unknown[0]
        record = decide(
            record, "types.unmatched-genre", [first], genre=" ".join(dc.values[first].text.split())
        )
    return record


def _row(row_id: str) -> _Row:
    return next(row for row in _type_rows() if row.id == row_id)


def _combination(dc: DcRecord, row_ids: set[str]) -> tuple[str, _Row] | None:
    """Return the row a combination of matched rows implies ("text" + "still image")."""
    relations = [v.text for v in dc.values if v.element == "relation"]
    for combo in _table().get("combination", ()):
        if set(combo["rows"]) != row_ids:
            continue
        pattern = combo.get("relation_pattern")
        if pattern and not any(re.search(pattern, text) for text in relations):
            continue
        return combo["id"], _row(combo["row"])
    return None


@cache
def _platform_rows() -> tuple[tuple[dict[str, Any], re.Pattern[str]], ...]:
    return tuple((row, re.compile(row["identifier_pattern"])) for row in _table()["platform"])


def _type_from_platform(dc: DcRecord, record: Record) -> Record:
    """Type a generic record from the platform its OAI identifier names (PoS, PMC, DOAJ)."""
    kinds = {i.kind for i in record.identifiers}
    elements = {v.element for v in dc.values if v.text}
    for row, pattern in _platform_rows():
        if not pattern.search(dc.header.identifier or ""):
            continue
        if not set(row.get("requires_identifier", ())) <= kinds:
            continue
        if elements & set(row.get("unless_elements", ())):
            continue
        return decide(record, f"types.platform:{row['id']}", (), type=_row(row["row"]).type)
    return record


def _type_from_identifiers(dc: DcRecord, record: Record) -> Record:
    """Type a generic record from the kind of its identifiers (arXiv ids: preprints)."""
    for kind, row_id in _table()["inferred"]["by_identifier"].items():
        raws = {i.raw for i in record.identifiers if i.kind == kind}
        if raws:
            row = _row(row_id)
            sources = [i for i, v in enumerate(dc.values) if v.text in raws]
            fields: dict[str, Any] = {"type": row.type}
            if row.genre and record.genre is None:
                fields["genre"] = row.genre
            return decide(record, f"types.inferred:{row.id}", sources, **fields)
    return record


def _decoded(spec: str) -> str:
    """Return an EPrints hex set spec decoded ("74797065733D..." -> "types=..."), else as is."""
    if len(spec) % 2 == 0 and re.fullmatch(r"[0-9A-Fa-f]+", spec):
        try:
            return bytes.fromhex(spec).decode("utf-8")
        except UnicodeDecodeError:
            return spec
    return spec


def _type_from_set_specs(dc: DcRecord, record: Record) -> Record:
    pattern = re.compile(_table()["set_spec"]["pattern"])
    for spec in dc.header.set_specs:
        found = pattern.search(_decoded(spec))
        row = _find_row(found.group("value")) if found else None
        if row is not None:
            record = decide(record, f"types.set-spec:{row.id}", (), type=row.type)
            if row.genre:
                record = decide(record, f"types.set-spec:{row.id}", (), genre=row.genre)
            return record
    return record


def infer_article(record: Record, sources: Iterable[int]) -> Record:
    """Type a record as a journal article when its type says less (see ``infer_type``)."""
    return infer_type(record, _table()["inferred"]["article"], sources)


def infer_type(record: Record, row_id: str, sources: Iterable[int]) -> Record:
    """Type a record with a types row when its type says less (rule ``types.inferred``).

    Called by the container step when a container with volume, issue or pages was found
    (a journal article) or a citation's form implies a type (a book part, a conference
    paper); a record typed above ``[inferred] max_rank`` by its own words keeps its type.
    """
    inferred = _table()["inferred"]
    decisions = record.provenance.decisions
    was_inferred = next((d.rule for d in reversed(decisions) if d.field == "type"), "").startswith(
        "types.inferred:"
    )
    if type_rank(record.type.row) > int(inferred["max_rank"]) and not was_inferred:
        return record
    row = _row(row_id)
    fields: dict[str, Any] = {"type": row.type}
    genre_rule = next((d.rule for d in reversed(decisions) if d.field == "genre"), "")
    if genre_rule.startswith("types.inferred:"):
        fields["genre"] = None  # "Preprint" no longer holds once a journal is known
    return decide(record, f"types.inferred:{row.id}", sources, **fields)
