"""Contract tests over every installed writer (as pybtex loads every plugin)."""

from __future__ import annotations

import io

import pytest

import oaiwalk
from oaiwalk.model import Record
from oaiwalk.registry import Registry, Writer

from ..conftest import FIXTURES

REGISTRY = Registry.from_entry_points()
NAMES = REGISTRY.names()


@pytest.mark.parametrize("name", NAMES)
def test_every_entry_point_loads_a_writer(name: str) -> None:
    writer = REGISTRY.get(name)
    assert isinstance(writer, Writer)
    assert writer.name == name, "the entry-point name must be the writer's name"
    assert writer.media_type and "/" in writer.media_type
    assert writer.extension.startswith(".")


def test_names_aliases_media_types_and_extensions_are_unique() -> None:
    writers = [REGISTRY.get(n) for n in NAMES]
    names = [n for w in writers for n in w.names()]
    assert len(names) == len(set(names))
    media = [(w.media_type, w.name) for w in writers]
    # A media type may be shared by writers of one family only if their options differ
    assert len({m for m, _ in media}) == len(media)


@pytest.mark.parametrize("name", NAMES)
def test_empty_input_gives_a_document_ending_with_newline_or_nothing(name: str) -> None:
    out = io.StringIO()
    REGISTRY.get(name)([], out)
    text = out.getvalue()
    assert text == "" or text.endswith("\n")


@pytest.mark.parametrize("name", NAMES)
def test_minimal_record_writes_without_error_and_ends_with_newline(name: str) -> None:
    out = io.StringIO()
    REGISTRY.get(name)([Record(id="oai:example.org:1", title="A title")], out)
    assert out.getvalue().endswith("\n")
    assert "A title" in out.getvalue() or "A\\ title" in out.getvalue()


@pytest.mark.parametrize("name", NAMES)
def test_fields_name_record_attributes(name: str) -> None:
    attributes = set(Record.__dataclass_fields__)
    assert REGISTRY.get(name).fields <= attributes


CONCATENABLE = [n for n in NAMES if REGISTRY.get(n).concatenable]


def test_the_line_oriented_built_ins_declare_they_concatenate() -> None:
    assert {"ris", "ntriples", "csl-jsonl"} <= set(CONCATENABLE)


@pytest.mark.parametrize("name", CONCATENABLE)
def test_concatenable_writers_give_the_same_bytes_written_in_batches(name: str) -> None:
    # --jobs workers render batches apart and the parent concatenates their text.
    records = list(oaiwalk.read(sorted(FIXTURES.glob("*.xml"))))
    assert len(records) > 4
    writer = REGISTRY.get(name)

    def text(batch: list[Record]) -> str:
        out = io.StringIO()
        writer(batch, out)
        return out.getvalue()

    assert text([]) == ""
    assert text(records) == text(records[:3]) + text(records[3:])
