"""Contract tests over every installed writer (as pybtex loads every plugin)."""

from __future__ import annotations

import io

import pytest

import oaiwalk
from oaiwalk.model import Record
from oaiwalk.registry import Frame, Registry, Writer

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


# --jobs: workers render batches apart (Writer.render_part), the parent frames them.
SPLIT = [n for n in NAMES if REGISTRY.get(n).renders_in_batches()]
RECORDS = list(oaiwalk.read(sorted(FIXTURES.glob("*.xml"))))
# Each record twice, so BibTeX keys shared across batches get numbered by the parent.
MANY = RECORDS + RECORDS
OPTIONS = [
    ("turtle", {"profile": "schema"}),
    ("jsonld", {"profile": "fabio", "base_uri": "https://example.org/r"}),
    ("rdfxml", {"profile": "schema"}),
    ("citation", {"html": True}),
    ("citation", {"html": True, "cite": True}),
    ("citation", {"style": "chicago-author-date"}),
    ("bibtex", {"ascii": False}),
    ("biblatex", {"ascii": True}),
]


def _written(writer: Writer, records: list[Record], **options) -> str:
    out = io.StringIO()
    writer(records, out, **options)
    return out.getvalue()


def _assembled(writer: Writer, batches: list[list[Record]], **options) -> str:
    out = io.StringIO()
    parts = [writer.render_part(batch, **options) for batch in batches]
    writer.assemble(parts, out, **options)
    return out.getvalue()


def _cuts(records: list[Record], size: int) -> list[list[Record]]:
    # Empty batches too: a batch whose records were all rejected renders nothing.
    batches = [records[i : i + size] for i in range(0, len(records), size)]
    return [[], *batches[:1], [], *batches[1:], []]


def test_every_built_in_writer_renders_batches_apart() -> None:
    assert set(SPLIT) == set(NAMES)


@pytest.mark.parametrize("count", [0, 1, len(MANY)], ids=["empty", "one", "many"])
@pytest.mark.parametrize(
    ("name", "options"), [(n, {}) for n in SPLIT] + OPTIONS, ids=lambda v: str(v or "")
)
def test_batches_rendered_apart_and_framed_give_the_bytes_of_one_write(
    name: str, options: dict[str, object], count: int
) -> None:
    writer = REGISTRY.get(name)
    records = MANY[:count]
    whole = _written(writer, records, **options)
    assert _assembled(writer, [], **options) == _written(writer, [], **options)
    for size in (1, 3, 7, len(MANY)):
        assert _assembled(writer, _cuts(records, size), **options) == whole, size


def test_a_style_that_numbers_entries_is_written_from_records() -> None:
    # citation-number is the entry's place in the whole output: no batch knows it.
    citation = REGISTRY.get("citation")
    assert not citation.renders_in_batches(style="ieee")
    assert citation.renders_in_batches(style="apa")
    assert not citation.renders_in_batches(locale="de")  # see citation.frame
    with pytest.raises(oaiwalk.FormatError):
        citation.renders_in_batches(style="no-such-style")


def test_a_writer_that_declares_nothing_renders_no_batches() -> None:
    writer = Writer(name="plain", write=lambda records, out: None)
    assert not writer.renders_in_batches()
    with pytest.raises(oaiwalk.FormatError):
        writer.render_part(RECORDS)


def test_a_writer_whose_output_breaks_its_frame_is_refused() -> None:
    def write(records, out) -> None:
        out.write("".join(f"{r.id}\n" for r in records))

    writer = Writer(name="liar", write=write, frame=lambda: Frame(head="[\n", tail="]\n"))
    with pytest.raises(oaiwalk.FormatError, match="frame"):
        writer.render_part(RECORDS)
