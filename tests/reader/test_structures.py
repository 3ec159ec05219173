"""The reader on every accepted structure and every whole-source error (own fixtures)."""

from __future__ import annotations

import gzip
import io
import shutil
import sys
from pathlib import Path

import pytest

from oaiwalk.errors import InputError, OaiPmhError
from oaiwalk.model import DcRecord, DcValue, OaiHeader
from oaiwalk.reader import expand_sources, parse_record_xml, read_dc, read_source

XML = Path(__file__).resolve().parents[1] / "fixtures" / "xml"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"


def fixture(name: str) -> str:
    return str(XML / name)


def read_all(source: object) -> list[DcRecord]:
    return list(read_source(source))  # type: ignore[arg-type]


def test_list_records_keeps_header_values_and_order() -> None:
    path = fixture("listrecords.xml")
    first, deleted, third = read_all(path)
    assert first.header == OaiHeader(
        "oai:repo.example.org:1", "2024-03-01", ("col_1", "com_2"), is_deleted=False
    )
    assert (first.source, first.position, first.metadata_format) == (path, 1, "oai_dc")
    assert first.values == (
        DcValue("title", "Tidal flats of the Wadden Sea", "en"),
        DcValue("creator", "Jansen, Anna"),
        DcValue("creator", "Smith, Bo", None, (("id", "c2"), (XSI_TYPE, "orcid"))),
        DcValue("subject", ""),
        DcValue("{http://purl.org/dc/terms/}abstract", "Short abstract."),
        DcValue("date", "2023"),
        DcValue("identifier", "https://doi.org/10.1234/ABC"),
    )
    assert deleted == DcRecord(
        OaiHeader("oai:repo.example.org:2", "2024-03-02", (), is_deleted=True),
        (),
        path,
        2,
        metadata_format="",
    )
    assert (third.position, third.header.identifier) == (3, "oai:repo.example.org:3")
    assert third.values == (DcValue("title", "Second record"),)


def test_get_record_with_namespaces_on_root() -> None:
    (record,) = read_all(fixture("getrecord-ns-on-root.xml"))
    assert record.header.identifier == "oai:x:9"
    assert record.header.datestamp == "2020-01-01T00:00:00Z"
    assert record.values == (DcValue("title", "Only a title"), DcValue("type", "text"))


def test_bare_dc_documents_under_any_root() -> None:
    records = read_all(fixture("bare-dc-many.xml"))
    assert [(r.position, r.header, r.texts("title")) for r in records] == [
        (1, OaiHeader(), ["First"]),
        (2, OaiHeader(), ["Second"]),
    ]
    assert {r.metadata_format for r in records} == {"oai_dc"}


def test_single_record_without_envelope() -> None:
    (record,) = read_all(fixture("record-no-envelope.xml"))
    assert record.header.identifier == "oai:store:7"
    assert record.texts("title") == ["Stored record"]


def test_no_namespace_envelope_with_foreign_payload_is_not_oai_dc() -> None:
    path = fixture("no-namespace-envelope.xml")
    with pytest.raises(InputError) as caught:
        read_all(path)
    assert str(caught.value) == (
        f"{path}: metadata is arXiv (arXiv), not oai_dc; harvest with metadataPrefix=oai_dc"
    )
    assert type(caught.value) is InputError


def test_no_namespace_dc_is_read_with_a_repair_note() -> None:
    (record,) = read_all(fixture("no-namespace-dc.xml"))
    assert record.metadata_format == "oai_dc"
    assert record.values == (DcValue("title", "Stripped"), DcValue("creator", "Doe, J."))
    assert record.repairs == ("oai_dc:dc and its elements have no namespace",)


def test_mixed_formats_yield_every_record_in_order() -> None:
    records = read_all(fixture("mixed-formats.xml"))
    assert [(r.header.identifier, r.metadata_format) for r in records] == [
        ("oai:m:1", "{http://www.loc.gov/mods/v3}mods"),
        ("oai:m:2", "oai_dc"),
    ]
    assert records[0].values == ()


def test_file_of_marc_records_is_refused() -> None:
    path = fixture("marc-only.xml")
    with pytest.raises(InputError, match="harvest with metadataPrefix=oai_dc") as caught:
        read_all(path)
    assert str(caught.value) == (
        f"{path}: metadata is record ({{http://www.loc.gov/MARC21/slim}}record), not oai_dc; "
        "harvest with metadataPrefix=oai_dc"
    )


def test_error_response_raises_oai_pmh_error() -> None:
    path = fixture("error-badargument.xml")
    with pytest.raises(OaiPmhError) as caught:
        read_all(path)
    assert caught.value.code == "badArgument"
    assert str(caught.value) == (
        f"{path}: OAI-PMH error badArgument: Illegal argument: metadataPrefix is missing"
    )
    assert caught.value.exit_code == 4


@pytest.mark.parametrize(
    ("name", "verb"),
    [
        ("identify.xml", "Identify"),
        ("listsets-with-dc.xml", "ListSets"),
        ("listidentifiers.xml", "ListIdentifiers"),
    ],
)
def test_responses_without_records_name_their_verb(name: str, verb: str) -> None:
    path = fixture(name)
    with pytest.raises(InputError) as caught:
        read_all(path)
    assert str(caught.value) == f"{path}: {verb} response holds no records"
    assert type(caught.value) is InputError


def test_list_metadata_formats_holds_no_records() -> None:
    data = (
        b'<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListMetadataFormats>'
        b"<metadataFormat><metadataPrefix>oai_dc</metadataPrefix></metadataFormat>"
        b"</ListMetadataFormats></OAI-PMH>"
    )
    with pytest.raises(InputError, match=r"^<bytes>: ListMetadataFormats response holds no"):
        read_all(data)


def test_xml_without_records_names_its_root() -> None:
    with pytest.raises(InputError) as caught:
        read_all(b"<catalogue><item/></catalogue>")
    assert str(caught.value) == (
        "<bytes>: no OAI-PMH records or oai_dc:dc elements found (root element catalogue)"
    )


def test_deleted_record_without_identifier() -> None:
    (record,) = read_all(fixture("deleted-no-identifier.xml"))
    assert record.header == OaiHeader(None, None, (), is_deleted=True)
    assert (record.values, record.metadata_format) == ((), "")


def test_truncated_file_yields_records_before_the_damage() -> None:
    path = fixture("truncated.xml")
    seen: list[str | None] = []
    with pytest.raises(InputError) as caught:
        for record in read_source(path):
            seen.append(record.header.identifier)
    assert seen == ["oai:t:1", "oai:t:2"]
    message = str(caught.value)
    assert message.startswith(f"{path}: not well-formed XML: ")
    assert "line 14" in message and "\n" not in message


@pytest.mark.parametrize("name", ["latin1.xml", "utf16-bom.xml"])
def test_declared_encodings(name: str) -> None:
    (record,) = read_all(fixture(name))
    assert record.texts("title") == ["Économie des ménages à Girona"]
    assert record.texts("creator") == ["Muñoz, José"]


def test_gzip_is_sniffed_not_guessed_from_the_name(tmp_path: Path) -> None:
    packed = tmp_path / "page.dat"  # no .gz suffix on purpose
    packed.write_bytes(gzip.compress(Path(fixture("listrecords.xml")).read_bytes()))
    records = read_all(packed)
    assert [r.header.identifier for r in records] == [
        "oai:repo.example.org:1",
        "oai:repo.example.org:2",
        "oai:repo.example.org:3",
    ]
    assert records[0].source == str(packed)


def test_broken_gzip_is_an_input_error(tmp_path: Path) -> None:
    packed = tmp_path / "page.xml.gz"
    packed.write_bytes(gzip.compress(Path(fixture("listrecords.xml")).read_bytes())[:200])
    with pytest.raises(InputError, match=rf"^{packed}: broken gzip data: "):
        read_all(packed)


def test_bytes_and_binary_streams() -> None:
    data = Path(fixture("record-no-envelope.xml")).read_bytes()
    (from_bytes,) = read_all(data)
    assert (from_bytes.source, from_bytes.position) == ("<bytes>", 1)
    (from_stream,) = read_all(io.BytesIO(data))
    assert from_stream.source == "<stream>"
    with open(fixture("record-no-envelope.xml"), "rb") as stream:
        (from_file,) = read_all(stream)
    assert from_file.source == fixture("record-no-envelope.xml")
    assert from_bytes.values == from_stream.values == from_file.values


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    data = Path(fixture("listrecords.xml")).read_bytes()
    fake = io.TextIOWrapper(io.BytesIO(data))
    monkeypatch.setattr(sys, "stdin", fake)
    records = list(read_dc(["-"]))
    assert [(r.source, r.position) for r in records] == [
        ("<stdin>", 1),
        ("<stdin>", 2),
        ("<stdin>", 3),
    ]


def test_directories_expand_recursively_and_sorted(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    shutil.copy(fixture("record-no-envelope.xml"), tmp_path / "b" / "one.xml")
    shutil.copy(fixture("getrecord-ns-on-root.xml"), tmp_path / "a.xml")
    (tmp_path / "c.xml.gz").write_bytes(gzip.compress(b"<x/>"))
    (tmp_path / "notes.txt").write_text("ignored")
    (tmp_path / "store.sqlite").write_bytes(b"")
    expanded = expand_sources([tmp_path, "-", b"<x/>"])
    assert expanded == [
        str(tmp_path / "a.xml"),
        str(tmp_path / "b" / "one.xml"),
        str(tmp_path / "c.xml.gz"),
        str(tmp_path / "store.sqlite"),
        "-",
        b"<x/>",
    ]
    ids = [r.header.identifier for r in read_dc([tmp_path / "a.xml", tmp_path / "b"])]
    assert ids == ["oai:x:9", "oai:store:7"]


def test_several_files_each_count_their_own_positions() -> None:
    records = list(read_dc([fixture("bare-dc-many.xml"), fixture("listrecords.xml")]))
    assert [(Path(r.source).name, r.position) for r in records] == [
        ("bare-dc-many.xml", 1),
        ("bare-dc-many.xml", 2),
        ("listrecords.xml", 1),
        ("listrecords.xml", 2),
        ("listrecords.xml", 3),
    ]


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.xml"
    with pytest.raises(InputError) as caught:
        list(read_dc([missing]))
    assert str(caught.value) == f"{missing}: file not found"


def test_not_xml_shows_line_and_column() -> None:
    with pytest.raises(InputError) as caught:
        read_all(b"broken xml")
    assert str(caught.value) == (
        "<bytes>: not well-formed XML: Start tag expected, '<' not found, line 1, column 1"
    )


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.xml"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match=rf"^{empty}: empty file$"):
        read_all(empty)


def test_parse_record_xml_reads_one_stored_record() -> None:
    data = Path(fixture("record-no-envelope.xml")).read_bytes()
    record = parse_record_xml(data, "store.sqlite", 5)
    assert (record.source, record.position, record.header.identifier) == (
        "store.sqlite",
        5,
        "oai:store:7",
    )
    assert record.texts("title") == ["Stored record"]


def test_parse_record_xml_refuses_other_elements() -> None:
    with pytest.raises(InputError) as caught:
        parse_record_xml(b"<set><setSpec>x</setSpec></set>", "s.sqlite", 2)
    assert str(caught.value) == "s.sqlite: record 2: not an OAI record (root element set)"


def _page(*records: str) -> bytes:
    return f'<ListRecords xmlns="http://www.openarchives.org/OAI/2.0/">{"".join(records)}</ListRecords>'.encode()


def _deleted(n: int) -> str:
    return f'<record><header status="deleted"><identifier>oai:d:{n}</identifier></header></record>'


def _mods(n: int) -> str:
    return (
        f"<record><header><identifier>oai:m:{n}</identifier></header><metadata>"
        '<mods xmlns="http://www.loc.gov/mods/v3"/></metadata></record>'
    )


DC_RECORD = (
    "<record><header><identifier>oai:dc:1</identifier></header><metadata>"
    '<dc xmlns="http://www.openarchives.org/OAI/2.0/oai_dc/"/></metadata></record>'
)


def test_held_records_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from oaiwalk.reader import oaipmh

    monkeypatch.setattr(oaipmh, "HOLD_LIMIT", 3)
    # deleted records beyond the limit are let through, in order
    ids = [r.header.identifier for r in read_all(_page(*map(_deleted, range(5)), DC_RECORD))]
    assert ids == [f"oai:d:{n}" for n in range(5)] + ["oai:dc:1"]
    # as many foreign records as the limit, and no oai_dc yet: refused there
    seen: list[DcRecord] = []
    with pytest.raises(InputError, match="metadata is mods"):
        seen.extend(read_source(_page(_deleted(0), _mods(1), _mods(2), DC_RECORD)))
    assert seen == []
    # below the limit the mixed page is read whole
    ids = [r.header.identifier for r in read_all(_page(_mods(1), DC_RECORD))]
    assert ids == ["oai:m:1", "oai:dc:1"]


def test_response_with_dc_but_no_record_elements() -> None:
    records = read_all(fixture("listrecords-without-record-elements.xml"))
    assert [(r.position, r.header, r.texts("title")) for r in records] == [
        (1, OaiHeader(), ["One"]),
        (2, OaiHeader(), ["Two"]),
    ]
