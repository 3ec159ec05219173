"""Build Records while keeping the trail: which rule set a field from which DC values."""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import fields
from functools import lru_cache
from itertools import repeat
from typing import Any, TypeVar

from oaiwalk.model import DcRecord, Decision, LossEntry, Provenance, Record, ResourceType

__all__ = [
    "decide",
    "evolve",
    "indexes_by_element",
    "note_all",
    "note_used",
    "reject",
    "start_record",
    "value_indexes",
]

T = TypeVar("T")


def start_record(dc: DcRecord) -> Record:
    """Return an empty Record that carries the DC record's provenance and a stable id."""
    prov = Provenance(
        header=dc.header,
        values=dc.values,
        source=dc.source,
        position=dc.position,
        notes=dc.repairs,
    )
    record = _new(Record)
    # Record.__init__ sets its ~50 fields one interpreted call each; map() does the same
    # object.__setattr__ calls from C (~40% of start_record). Every default is immutable.
    _drain(map(_set, repeat(record, _N_FIELDS), _FIELD_NAMES, (record_id(dc), prov, *_BLANK)))
    return record


# one shared default type: ResourceType is frozen and never set in place
_DEFAULT_TYPE = ResourceType()
# id and provenance first, then every other field with the value Record.__init__ gives it
_FIELD_NAMES = ("id", "provenance") + tuple(
    f.name for f in fields(Record) if f.name not in ("id", "provenance")
)
_N_FIELDS = len(_FIELD_NAMES)
_BLANK = tuple(getattr(Record(id="", type=_DEFAULT_TYPE), name) for name in _FIELD_NAMES[2:])
_new = object.__new__
_drain = deque[object](maxlen=0).extend  # runs an iterator to its end, keeping nothing


def record_id(dc: DcRecord) -> str:
    """Return the OAI identifier, or a digest of the values for records without one."""
    if dc.header.identifier:
        return dc.header.identifier
    digest = hashlib.sha1(
        "\x1f".join(f"{v.element}={v.text}" for v in dc.values).encode("utf-8")
    ).hexdigest()[:12]
    return f"record-{digest}"


def indexes_by_element(dc: DcRecord) -> Mapping[str, Sequence[int]]:
    """Return the non-empty values' indexes by element; shared by the steps, read only."""
    last, grouped = _last_grouped
    return grouped if last is dc else _by_element(dc)


def value_indexes(dc: DcRecord, element: str) -> list[int]:
    """Return the indexes of the non-empty values of one DC element."""
    last, grouped = _last_grouped
    if last is not dc:
        grouped = _by_element(dc)
    return list(grouped.get(element, ()))


_last_grouped: tuple[DcRecord | None, dict[str, list[int]]] = (None, {})


def _by_element(dc: DcRecord) -> dict[str, list[int]]:
    """Group the non-empty values' indexes by element, once per record.

    The steps ask for ~11 elements per record; one pass instead of one scan each.
    Only the record being crosswalked is kept (a strong reference, so ``is`` is safe).
    """
    global _last_grouped
    last, grouped = _last_grouped
    if last is dc:
        return grouped
    grouped = {}
    for i, v in enumerate(dc.values):
        if v.text:
            indexes = grouped.get(v.element)
            if indexes is None:  # not setdefault: that builds a list for every value
                grouped[v.element] = [i]
            else:
                indexes.append(i)
    _last_grouped = (dc, grouped)
    return grouped


_set = object.__setattr__  # how a frozen dataclass's own __init__ sets its fields


def evolve(obj: T, **changes: Any) -> T:
    """Set ``changes`` on a frozen dataclass *in place* and return it.

    Only for the Record (and its Provenance) that ``crosswalk()`` is building: nothing
    else holds a reference to it until ``crosswalk()`` returns, and copying a 48-field
    frozen dataclass for each of the ~20 decisions per record (``dataclasses.replace``)
    cost more than the whole rest of the crosswalk. Once returned, Records are immutable.
    """
    _set_fields(obj, changes)
    return obj


def _set_fields(obj: object, changes: dict[str, Any]) -> None:
    name = ""
    try:
        for name, value in changes.items():
            _set(obj, name, value)
    except AttributeError:  # the classes have __slots__: an unknown name cannot be set
        raise TypeError(f"{type(obj).__name__} has no field {name}") from None


# Decisions repeat (same field, rule and value indexes) across records, and a frozen
# dataclass costs one object.__setattr__ per field to build: share the immutable ones.
_decision = lru_cache(maxsize=4096)(Decision)


def decide(record: Record, rule: str, sources: Iterable[int] = (), /, **fields: Any) -> Record:
    """Set fields on the record being built and note that ``rule`` decided them from ``sources``."""
    src = sources if type(sources) is tuple else tuple(sources)
    decisions = record.provenance.decisions
    for name, value in fields.items():  # one pass: no helper call, no second loop
        try:
            _set(record, name, value)
        except AttributeError:  # __slots__: an unknown name cannot be set
            raise TypeError(f"{type(record).__name__} has no field {name}") from None
        decisions = (*decisions, _decision(name, rule, src))
    _set(record.provenance, "decisions", decisions)
    return record


def note_used(record: Record, field: str, rule: str, sources: Iterable[int]) -> Record:
    """Record that ``sources`` fed ``field`` without changing the field's value."""
    prov = record.provenance
    src = sources if type(sources) is tuple else tuple(sources)
    _set(prov, "decisions", (*prov.decisions, _decision(field, rule, src)))
    return record


def note_all(record: Record, notes: Iterable[tuple[str, str, tuple[int, ...]]]) -> Record:
    """Record several ``(field, rule, sources)`` uses at once, in order (see ``note_used``)."""
    prov = record.provenance
    new = tuple([_decision(field, rule, src) for field, rule, src in notes])
    if new:
        _set(prov, "decisions", prov.decisions + new)
    return record


def reject(record: Record, index: int, reason: str) -> Record:
    """Note that the DC value at ``index`` was rejected, and why."""
    prov = record.provenance
    value = prov.values[index]
    entry = LossEntry(value.element, value.text, reason, index)
    _set(prov, "rejected", (*prov.rejected, entry))
    return record
