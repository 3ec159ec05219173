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
from functools import cache, lru_cache
from typing import Any

from oaiwalk.crosswalk.tables import load_table
from oaiwalk.crosswalk.trail import decide, indexes_by_element, note_used
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


@cache
def _match_index() -> dict[str, tuple[int, _Row]]:
    """Return matched value -> (position, row) of the first row listing it."""
    index: dict[str, tuple[int, _Row]] = {}
    for position, row in enumerate(_type_rows()):
        for value in row.match:
            index.setdefault(value, (position, row))
    return index


@cache
def _pattern_rows() -> tuple[tuple[int, _Row, re.Pattern[str]], ...]:
    return tuple(
        (position, row, row.pattern)
        for position, row in enumerate(_type_rows())
        if row.pattern is not None
    )


@cache
def _rows_by_id() -> dict[str, _Row]:
    rows: dict[str, _Row] = {}
    for row in _type_rows():
        rows.setdefault(row.id, row)
    return rows


@cache
def _not_genre() -> frozenset[str]:
    return frozenset(_table().get("not_genre", ()))


@cache
def _max_generic() -> int:
    return int(_table()["inferred"]["max_rank"])


def _normalise(text: str) -> str:
    value = " ".join(text.split()).lower().rstrip(" .;,")
    if value.startswith("https://"):
        value = "http://" + value.removeprefix("https://")
    return value.rstrip("/") if "://" in value else value


@lru_cache(maxsize=4096)  # pure; type words repeat across records
def _find_row(text: str) -> _Row | None:
    """Return the first row (in table order) whose match list or pattern takes the text."""
    exact = _match_index().get(_normalise(text))
    stripped = text.strip()
    for position, row, pattern in _pattern_rows():
        if exact is not None and position > exact[0]:
            break  # an earlier row already lists the value
        if pattern.search(stripped):
            return row
    return exact[1] if exact is not None else None


def type_rank(row_id: str) -> int:
    """Return the rank of a types row; 0 for the default type."""
    row = _rows_by_id().get(row_id)
    return row.rank if row is not None else 0


def _is_genre_word(text: str) -> bool:
    value = _normalise(text)
    return (
        value not in _not_genre()
        and ":" not in value
        and "/" not in value
        and any(ch.isalpha() for ch in value)
    )


@dataclass(frozen=True, slots=True)
class _Reading:
    """What one dc:type value says: a version, a type row, or an unknown genre word."""

    version: tuple[str, str] | None = None  # (row id, version)
    row: _Row | None = None
    is_genre_word: bool = False


@lru_cache(maxsize=4096)  # pure; type words repeat across records
def _read_type(text: str) -> _Reading:
    version = _version_rows().get(_normalise(text))
    if version is not None:
        return _Reading(version=version)
    row = _find_row(text)
    if row is not None:
        return _Reading(row=row)
    return _Reading(is_genre_word=_is_genre_word(text))


def apply(dc: DcRecord, record: Record) -> Record:
    """Return the record with ``type``, ``genre`` and ``version`` decided from dc:type."""
    matched: list[tuple[_Row, int]] = []
    versions: list[tuple[str, str, int]] = []
    unknown: list[int] = []
    for index in indexes_by_element(dc).get("type", ()):
        reading = _read_type(dc.values[index].text)
        if reading.version is not None:
            versions.append((*reading.version, index))
        elif reading.row is not None:
            matched.append((reading.row, index))
        elif reading.is_genre_word:
            unknown.append(index)

    if versions:
        row_id, version, index = versions[0]
        record = decide(record, f"types:{row_id}", [index], version=version)

    best: _Row | None = None
    if matched:
        if len(matched) == 1:
            best = matched[0][0]
        else:
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
    max_generic = _max_generic()
    rank = type_rank(record.type.row)
    if rank <= max_generic:
        record = _type_from_platform(dc, record)
        rank = type_rank(record.type.row)
    if rank <= max_generic:
        record = _type_from_identifiers(dc, record)
        rank = type_rank(record.type.row)

    if unknown and record.genre is None and rank <= max_generic:
        first = unknown[0]
        record = decide(
            record, "types.unmatched-genre", [first], genre=" ".join(dc.values[first].text.split())
        )
    return record


def _row(row_id: str) -> _Row:
    return _rows_by_id()[row_id]


@cache
def _combinations() -> dict[frozenset[str], tuple[tuple[str, re.Pattern[str] | None, str], ...]]:
    """Return matched row ids -> (combination id, relation pattern, row id), in table order."""
    combos: dict[frozenset[str], tuple[tuple[str, re.Pattern[str] | None, str], ...]] = {}
    for combo in _table().get("combination", ()):
        pattern = combo.get("relation_pattern")
        entry = (combo["id"], re.compile(pattern) if pattern else None, combo["row"])
        key = frozenset(combo["rows"])
        combos[key] = (*combos.get(key, ()), entry)
    return combos


def _combination(dc: DcRecord, row_ids: set[str]) -> tuple[str, _Row] | None:
    """Return the row a combination of matched rows implies ("text" + "still image")."""
    for combo_id, pattern, row_id in _combinations().get(frozenset(row_ids), ()):
        if pattern is not None and not any(
            pattern.search(v.text) for v in dc.values if v.element == "relation"
        ):
            continue
        return combo_id, _row(row_id)
    return None


@cache
def _platform_rows() -> tuple[tuple[dict[str, Any], re.Pattern[str]], ...]:
    return tuple((row, re.compile(row["identifier_pattern"])) for row in _table()["platform"])


@cache
def _platform_screen() -> re.Pattern[str]:
    """Return one pattern that finds what any platform row's pattern finds (a screen)."""
    try:
        return re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in _platform_rows()))
    except re.error:  # rows that cannot be joined (global flags, same group names)
        return re.compile("")  # finds something in every text: every row is tried


def _type_from_platform(dc: DcRecord, record: Record) -> Record:
    """Type a generic record from the platform its OAI identifier names (PoS, PMC, DOAJ)."""
    oai_id = dc.header.identifier or ""
    if not _platform_screen().search(oai_id):
        return record  # one search instead of one per row: most records are no platform's
    for row, pattern in _platform_rows():
        if not pattern.search(oai_id):
            continue
        if not set(row.get("requires_identifier", ())) <= {i.kind for i in record.identifiers}:
            continue
        if {v.element for v in dc.values if v.text} & set(row.get("unless_elements", ())):
            continue
        return decide(record, f"types.platform:{row['id']}", (), type=_row(row["row"]).type)
    return record


@cache
def _by_identifier() -> tuple[tuple[str, str], ...]:
    """Return (identifier kind, types row id) pairs from ``[inferred] by_identifier``."""
    return tuple(_table()["inferred"]["by_identifier"].items())


def _type_from_identifiers(dc: DcRecord, record: Record) -> Record:
    """Type a generic record from the kind of its identifiers (arXiv ids: preprints)."""
    if not record.identifiers:
        return record
    for kind, row_id in _by_identifier():
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


@cache
def _set_spec_pattern() -> re.Pattern[str]:
    return re.compile(_table()["set_spec"]["pattern"])


def _type_from_set_specs(dc: DcRecord, record: Record) -> Record:
    if not dc.header.set_specs:
        return record
    pattern = _set_spec_pattern()
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
