"""Explain a Record: for each field its value, the DC values it came from and the rule.

Pure functions over ``Record.provenance``; ``oaiwalk explain`` prints their output.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from oaiwalk.model import Decision, Identifier, Name, PartialDate, Record, ResourceType

__all__ = ["explain_json", "explain_record", "unmapped_indexes"]

_TEXT_WIDTH = 72  # source texts are cut to this many characters in the text form
_SKIPPED = {"id", "provenance"}


def _cut(text: str, width: int = _TEXT_WIDTH) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _date_text(date: PartialDate) -> str:
    if not date.parts:
        return f"{date.literal} (literal)" if date.literal else "(no date)"
    iso = "/".join(
        "-".join(f"{n:04d}" if i == 0 else f"{n:02d}" for i, n in enumerate(p)) for p in date.parts
    )
    return f"ca. {iso}" if date.circa else iso


def _name_text(name: Name) -> str:
    extras = [x for x in (name.role, name.life_dates, name.orcid and f"orcid {name.orcid}") if x]
    kind = " [organisation]" if name.is_organisation else ""
    return name.display() + kind + (f" ({', '.join(extras)})" if extras else "")


def _value_text(value: Any) -> str:
    """Return one field value as a single line."""
    if value is None:
        return "(none)"
    if isinstance(value, PartialDate):
        return _date_text(value)
    if isinstance(value, Name):
        return _name_text(value)
    if isinstance(value, Identifier):
        return f"{value.kind} {value.value}"
    if isinstance(value, ResourceType):
        return f"{value.csl} (bibtex {value.bibtex}, ris {value.ris}, row {value.row})"
    if isinstance(value, tuple):
        if value and all(isinstance(v, tuple) and len(v) == 2 for v in value):
            return "; ".join(f"[{lang or '?'}] {_cut(str(text))}" for lang, text in value)
        return "; ".join(_value_text(v) for v in value) or "(none)"
    return _cut(str(value), 200)


def _value_json(value: Any) -> Any:
    """Return one field value as JSON-ready data."""
    if isinstance(value, PartialDate):
        return value.to_csl()
    if isinstance(value, (Name, Identifier, ResourceType)):
        data = dataclasses.asdict(value)
        return {k: v for k, v in data.items() if v not in (None, "", ())}
    if isinstance(value, tuple):
        return [_value_json(v) for v in value]
    return value


def _field_order(record: Record) -> list[str]:
    names = [f.name for f in dataclasses.fields(record) if f.name not in _SKIPPED]
    decided = [d.field for d in record.provenance.decisions]
    extra = [f for f in dict.fromkeys(decided) if f not in names]
    return [f for f in names if f in decided] + extra


def _decisions_by_field(record: Record) -> dict[str, list[Decision]]:
    grouped: dict[str, list[Decision]] = {}
    for decision in record.provenance.decisions:
        grouped.setdefault(decision.field, []).append(decision)
    return grouped


def unmapped_indexes(record: Record) -> list[int]:
    """Return the indexes of non-empty DC values that no field took and none rejected."""
    prov = record.provenance
    rejected = {entry.index for entry in prov.rejected}
    used = {i for d in prov.decisions for i in d.sources}
    return [i for i, v in enumerate(prov.values) if v.text and i not in used and i not in rejected]


def _source_json(record: Record, index: int) -> dict[str, Any]:
    value = record.provenance.values[index]
    out: dict[str, Any] = {"index": index, "element": value.element, "text": value.text}
    if value.lang:
        out["lang"] = value.lang
    return out


def _source_text(record: Record, index: int) -> str:
    value = record.provenance.values[index]
    return f'{value.element}[{index}] "{_cut(value.text)}"'


def _lines(record: Record) -> Iterator[str]:
    prov = record.provenance
    where = f"{prov.source or '?'} #{prov.position}" if prov.source else ""
    yield f"record {record.id}" + (f"  ({where})" if where else "")
    grouped = _decisions_by_field(record)
    for field in _field_order(record):
        yield f"{field}: {_value_text(getattr(record, field, None))}"
        merged: dict[str, list[int]] = {}  # one line per rule, sources in first-seen order
        for decision in grouped[field]:
            merged.setdefault(decision.rule, []).extend(decision.sources)
        for rule, sources in merged.items():
            yield f"    by {rule}"
            for index in dict.fromkeys(sources):
                yield f"        from {_source_text(record, index)}"
    unmapped = unmapped_indexes(record)
    yield f"unmapped ({len(unmapped)}):"
    for index in unmapped:
        yield f"    {_source_text(record, index)}"
    yield f"rejected ({len(prov.rejected)}):"
    for entry in prov.rejected:
        yield f'    {entry.element}[{entry.index}] "{_cut(entry.text)}": {entry.reason}'
    if prov.notes:
        yield "notes:"
        yield from (f"    {note}" for note in prov.notes)


def explain_record(record: Record) -> str:
    """Return a readable account of every field, its DC sources and rules, then the losses."""
    return "\n".join(_lines(record)) + "\n"


def explain_json(record: Record) -> dict[str, Any]:
    """Return the same account as ``explain_record`` as JSON-ready data."""
    prov = record.provenance
    grouped = _decisions_by_field(record)
    return {
        "id": record.id,
        "identifier": prov.header.identifier,
        "source": prov.source,
        "position": prov.position,
        "fields": [
            {
                "field": field,
                "value": _value_json(getattr(record, field, None)),
                "decisions": [
                    {
                        "rule": d.rule,
                        "sources": [_source_json(record, i) for i in d.sources],
                    }
                    for d in grouped[field]
                ],
            }
            for field in _field_order(record)
        ],
        "unmapped": [_source_json(record, i) for i in unmapped_indexes(record)],
        "rejected": [
            {"index": e.index, "element": e.element, "text": e.text, "reason": e.reason}
            for e in prov.rejected
        ],
        "notes": list(prov.notes),
    }
