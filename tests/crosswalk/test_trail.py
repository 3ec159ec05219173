"""The trail: fields set in place on the Record being built, one Decision per field."""

from __future__ import annotations

from dataclasses import fields

import pytest

from oaiwalk.crosswalk.trail import (
    decide,
    evolve,
    indexes_by_element,
    note_all,
    note_used,
    start_record,
    value_indexes,
)
from oaiwalk.model import DcRecord, DcValue, Decision, OaiHeader, Provenance, Record


def _dc() -> DcRecord:
    values = (DcValue("title", "A"), DcValue("title", ""), DcValue("subject", "x"))
    return DcRecord(OaiHeader("oai:test:trail"), values)


def test_decide_sets_fields_and_notes_one_decision_each() -> None:
    record = start_record(_dc())
    decide(record, "rule.a", [0], title="A", note="n")
    note_used(record, "title", "rule.b", iter([2]))
    assert (record.title, record.note) == ("A", "n")
    assert record.provenance.decisions == (
        Decision("title", "rule.a", (0,)),
        Decision("note", "rule.a", (0,)),
        Decision("title", "rule.b", (2,)),
    )


def test_evolve_refuses_an_unknown_field() -> None:
    record = start_record(_dc())
    with pytest.raises(TypeError, match="Record has no field bogus"):
        evolve(record, bogus=1)
    with pytest.raises(TypeError, match="Record has no field identifiers_of"):
        decide(record, "rule.a", (), identifiers_of=1)


def test_value_indexes_skips_empty_values_and_returns_a_fresh_list() -> None:
    dc = _dc()
    first = value_indexes(dc, "title")
    first.append(99)
    assert value_indexes(dc, "title") == [0]
    assert value_indexes(dc, "creator") == []


def test_note_all_appends_the_notes_in_order_after_earlier_decisions() -> None:
    record = start_record(_dc())
    decide(record, "rule.a", (0,), title="A")
    note_all(record, [("title", "rule.b", (2,)), ("subject", "rule.c", (0, 2))])
    note_all(record, [])
    assert record.provenance.decisions == (
        Decision("title", "rule.a", (0,)),
        Decision("title", "rule.b", (2,)),
        Decision("subject", "rule.c", (0, 2)),
    )


def test_indexes_by_element_groups_the_non_empty_values() -> None:
    dc = _dc()
    grouped = indexes_by_element(dc)
    assert {element: list(indexes) for element, indexes in grouped.items()} == {
        "title": [0],
        "subject": [2],
    }
    assert value_indexes(dc, "subject") == [2]


def test_start_record_equals_the_record_the_constructor_builds() -> None:
    dc = _dc()
    record = start_record(dc)
    expected = Record(
        id="oai:test:trail",
        provenance=Provenance(header=dc.header, values=dc.values, source=dc.source),
    )
    assert record == expected
    assert [getattr(record, f.name) for f in fields(Record)] == [
        getattr(expected, f.name) for f in fields(Record)
    ]
