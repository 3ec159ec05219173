"""Crosswalk step: dc:date to ``issued``, ``available_date`` and ``embargo_end``.

Each value is read by ``date_parser.parse_date``. The issued date is, in order: a
date labelled as issued; else the earliest plain date (DSpace adds accession
timestamps such as 2022-03-25T07:02:10Z beside the plainer issued date 2021-08);
else a literal date ("Late 19th century"); else a creation date; else the earliest
timestamp. Unchosen timestamps become ``available_date``; "n.d." is noted as no date.
"""

from __future__ import annotations

from oaiwalk.crosswalk.date_parser import DateReading, parse_date, qualifier_of
from oaiwalk.crosswalk.trail import decide, indexes_by_element, note_used, reject
from oaiwalk.model import DcRecord, PartialDate, Record

__all__ = ["apply", "pick_issued_date"]


def _attribute_reading(
    reading: DateReading, attributes: tuple[tuple[str, str], ...]
) -> DateReading:
    """Let a qualifier attribute (``type="issued"``) say which date a value is."""
    for _, value in attributes:
        found = qualifier_of(value)
        if found and not found[3]:
            row, target, rank, _ = found
            return DateReading(reading.date, f"dates:{row}", target, rank, reading.is_timestamp)
    return reading


def _sort_key(date: PartialDate) -> tuple[int, ...]:
    # a less precise date sorts after a more precise one in the same period, so
    # "2021" and "2021-08-15" give the precise one; "2020" still beats "2021-08"
    first = date.parts[0]
    return first + (99,) * (3 - len(first))


def pick_issued_date(readings: list[tuple[int, DateReading]]) -> tuple[int, DateReading] | None:
    """Return the (index, reading) that is the issued date among dc:date readings."""
    candidates = [
        (r.rank, _sort_key(r.date) if r.date and r.date.parts else (9999,), i, r)
        for i, r in readings
        if r.target == "issued" and r.date is not None
    ]
    if not candidates:
        return None
    _, _, index, reading = min(candidates, key=lambda c: (c[0], c[1], c[2]))
    return index, reading


def apply(dc: DcRecord, record: Record) -> Record:
    """Set ``issued``, ``available_date`` and ``embargo_end`` from dc:date values."""
    indexes = indexes_by_element(dc).get("date")
    if not indexes:
        return record
    values = dc.values
    readings = [
        (i, _attribute_reading(parse_date(values[i].text), values[i].attributes))
        if values[i].attributes
        else (i, parse_date(values[i].text))  # no qualifier attribute: nothing to weigh
        for i in indexes
    ]
    if len(readings) == 1:  # the usual case: one issued date, nothing else to weigh
        index, reading = readings[0]
        if reading.target == "issued" and reading.date is not None:
            return decide(record, reading.rule, (index,), issued=reading.date)
    chosen = pick_issued_date(readings)
    used: set[int] = set()
    if chosen is not None:
        index, reading = chosen
        same = [i for i, r in readings if r.date == reading.date and r.target == "issued"]
        if reading.is_timestamp:  # a timestamp equal in day is the same event
            same = [i for i, r in readings if r.is_timestamp and r.date == reading.date]
        record = decide(record, reading.rule, sorted({index, *same}), issued=reading.date)
        used.update(same, {index})
    for field in ("available_date", "embargo_end"):
        labelled = [(i, r) for i, r in readings if r.target == field and r.date is not None]
        if labelled:
            index, reading = labelled[0]
            record = decide(record, reading.rule, [index], **{field: reading.date})
            used.add(index)
    timestamps = [(i, r) for i, r in readings if r.is_timestamp and i not in used]
    if timestamps and record.available_date is None and _is_plain(chosen):
        first = min(timestamps, key=lambda item: _sort_key(item[1].date))  # type: ignore[arg-type]
        same = [i for i, r in timestamps if r.date == first[1].date]
        record = decide(record, "dates.timestamp-available", same, available_date=first[1].date)
        used.update(same)
    for index, reading in readings:
        if index in used:
            continue
        if reading.date is None and reading.rule.startswith("dates:"):
            record = note_used(record, "issued", reading.rule, [index])  # "n.d.": no date
        elif reading.date is None:
            record = reject(record, index, f"not a date ({reading.rule})")
        elif reading.target == "":
            record = reject(record, index, f"not the publication date ({reading.rule})")
        else:
            record = reject(record, index, "another dc:date was chosen as issued")
    return record


def _is_plain(chosen: tuple[int, DateReading] | None) -> bool:
    """Return True when the issued date did not itself come from a timestamp."""
    return chosen is None or not chosen[1].is_timestamp
