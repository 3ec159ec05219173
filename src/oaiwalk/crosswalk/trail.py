"""Build Records while keeping the trail: which rule set a field from which DC values."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable
from typing import Any

from oaiwalk.model import Decision, DcRecord, LossEntry, Provenance, Record

__all__ = ["decide", "reject", "start_record", "value_indexes"]


def start_record(dc: DcRecord) -> Record:
    """Return an empty Record that carries the DC record's provenance and a stable id."""
    prov = Provenance(
        header=dc.header,
        values=dc.values,
        source=dc.source,
        position=dc.position,
        notes=dc.repairs,
    )
    return Record(id=record_id(dc), provenance=prov)


def record_id(dc: DcRecord) -> str:
    """Return the OAI identifier, or a digest of the values for records without one."""
    if dc.header.identifier:
        return dc.header.identifier
    digest = hashlib.sha1(
        "\x1f".join(f"{v.element}={v.text}" for v in dc.values).encode("utf-8")
    ).hexdigest()[:12]
    return f"record-{digest}"


def value_indexes(dc: DcRecord, element: str) -> list[int]:
    """Return the indexes of the non-empty values of one DC element."""
    return [i for i, v in enumerate(dc.values) if v.element == element and v.text]


def decide(record: Record, rule: str, sources: Iterable[int] = (), /, **fields: Any) -> Record:
    """Set fields on a copy of ``record`` and note that ``rule`` decided them from ``sources``."""
    src = tuple(sources)
    prov = record.provenance
    decisions = prov.decisions + tuple(Decision(name, rule, src) for name in fields)
    return dataclasses.replace(
        record, provenance=dataclasses.replace(prov, decisions=decisions), **fields
    )


def note_used(record: Record, field: str, rule: str, sources: Iterable[int]) -> Record:
    """Record that ``sources`` fed ``field`` without changing the field's value."""
    prov = record.provenance
    decisions = prov.decisions + (Decision(field, rule, tuple(sources)),)
    return dataclasses.replace(record, provenance=dataclasses.replace(prov, decisions=decisions))


def reject(record: Record, index: int, reason: str) -> Record:
    """Note that the DC value at ``index`` was rejected, and why."""
    prov = record.provenance
    value = prov.values[index]
    entry = LossEntry(value.element, value.text, reason, index)
    return dataclasses.replace(
        record, provenance=dataclasses.replace(prov, rejected=prov.rejected + (entry,))
    )
