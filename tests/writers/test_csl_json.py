"""CSL-JSON writer: variables from Record metadata, custom extensions, streaming, schema."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tools.clients.csl_json import (
    SCHEMA_PATH,
    citeproc_py_view,
    render_with_citeproc_py,
    schema_errors,
)

from oaiwalk.model import (
    Identifier,
    Name,
    OaiHeader,
    PartialDate,
    Provenance,
    Record,
    ResourceType,
)
from oaiwalk.writers.csl_data import date_to_csl, name_to_csl
from oaiwalk.writers.csl_json import CSL_JSON, CSL_JSONL, record_to_csl

ORCID = "0000-0002-1825-0097"
OAI_ID = "oai:repo.example.org:2072/1"
ARTICLE = Record(
    id="oai:repo.example.org:2072/1",
    type=ResourceType(csl="article-journal", ris="JOUR", coar="http://purl.org/coar/c_6501"),
    title="Liver fibrosis in 2021: a review",
    author=(
        Name(
            family="Berg", given="Jan", non_dropping_particle="van den", orcid="0000-0002-1825-0097"
        ),
        Name(family="Núñez", given="María", suffix="Jr."),
        Name(literal="Hepatology Study Group"),
    ),
    director=(Name(family="Puig", given="Anna"),),
    issued=PartialDate(((2021, 8),), raw="2021-08"),
    container_title="JHEP Reports",
    volume="3",
    issue="4",
    page="100291",
    publisher="Elsevier",
    doi="10.1016/j.jhepr.2021.100291",
    issn="2589-5559",
    pmid="34169246",
    url="https://hdl.handle.net/2072/1",
    language="en",
    abstract="First paragraph.\n\nSecond paragraph.",
    keyword=("fibrosis", "liver"),
    translated_titles=(("ca", "Fibrosi hepàtica"),),
    identifiers=(Identifier("doi", "10.1016/j.jhepr.2021.100291"), Identifier("pmid", "34169246")),
    rights=("Attribution 4.0 International",),
    license="https://creativecommons.org/licenses/by/4.0/",
    access_rights="openAccess",
    subjects=("Hepatology",),
    provenance=Provenance(
        header=OaiHeader("oai:repo.example.org:2072/1", "2021-09-01", ("col_1",))
    ),
)


def _write(writer, records) -> str:
    out = io.StringIO()
    writer(records, out)
    return out.getvalue()


def test_csl_variables_come_from_record_metadata() -> None:
    item = record_to_csl(ARTICLE)
    assert list(item)[:2] == ["id", "type"] and list(item)[-1] == "custom"
    assert item["id"] == "oai:repo.example.org:2072/1"
    assert item["type"] == "article-journal"
    assert item["container-title"] == "JHEP Reports"
    assert item["DOI"] == "10.1016/j.jhepr.2021.100291"
    assert item["ISSN"] == "2589-5559" and item["PMID"] == "34169246"
    assert item["issued"] == {"date-parts": [[2021, 8]], "raw": "2021-08"}
    assert item["keyword"] == "fibrosis, liver"
    assert item["abstract"] == "First paragraph.\n\nSecond paragraph."
    assert "title-short" not in item  # None values are left out


def test_names_are_csl_name_objects_in_order() -> None:
    item = record_to_csl(ARTICLE)
    assert item["author"] == [
        {"family": "Berg", "given": "Jan", "non-dropping-particle": "van den"},
        {"family": "Núñez", "given": "María", "suffix": "Jr."},
        {"literal": "Hepatology Study Group"},
    ]
    assert item["director"] == [{"family": "Puig", "given": "Anna"}]
    assert name_to_csl(Name(raw="  ")) is None
    assert name_to_csl(Name(literal=" ")) is None
    assert name_to_csl(Name(given="Plato")) == {"given": "Plato"}


def test_extensions_go_to_custom() -> None:
    custom = record_to_csl(ARTICLE)["custom"]
    assert custom["rights"] == ["Attribution 4.0 International"]
    assert custom["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert custom["access-rights"] == "openAccess"
    assert custom["subjects"] == ["Hepatology"]
    assert custom["translated-titles"] == [{"language": "ca", "title": "Fibrosi hepàtica"}]
    assert {"kind": "pmid", "value": "34169246"} in custom["identifiers"]
    assert custom["orcids"] == [
        {"variable": "author", "position": 1, "orcid": "0000-0002-1825-0097"}
    ]
    assert custom["coar-type"] == "http://purl.org/coar/c_6501"
    assert custom["oai"] == {
        "identifier": "oai:repo.example.org:2072/1",
        "datestamp": "2021-09-01",
        "sets": ["col_1"],
    }


def test_unknown_type_is_written_as_document() -> None:
    assert record_to_csl(Record(id="x", type=ResourceType(csl="thesis-chapter")))["type"] == (
        "document"
    )


def test_dates_the_schema_cannot_hold_fall_back_to_literal() -> None:
    assert date_to_csl(PartialDate(((2019,), (2020,), (2021,)), raw="2019/2020/2021")) == {
        "raw": "2019/2020/2021",
        "literal": "2019/2020/2021",
    }
    assert date_to_csl(PartialDate(literal="s.d.", raw="s.d.")) == {
        "literal": "s.d.",
        "raw": "s.d.",
    }
    assert date_to_csl(PartialDate(raw="unknown")) is None
    assert date_to_csl(PartialDate(((2019, 1, 2), (2019, 2, 3)), circa=True, season=2)) == {
        "date-parts": [[2019, 1, 2], [2019, 2, 3]],
        "circa": True,
        "season": 2,
    }


def test_array_layout_and_empty_document() -> None:
    text = _write(CSL_JSON, [ARTICLE, Record(id="b", title="B")])
    assert text.startswith('[\n{"id":') and text.endswith("}\n]\n")
    items = _write(CSL_JSONL, [ARTICLE, Record(id="b", title="B")]).splitlines()
    assert text == "[\n" + ",\n".join(items) + "\n]\n"  # the JSON Lines items, one per line
    assert [i["id"] for i in json.loads(text)] == [ARTICLE.id, "b"]
    assert "María" in text  # ensure_ascii=False
    assert _write(CSL_JSON, []) == "[]\n"
    assert json.loads(_write(CSL_JSON, [])) == []


def test_json_lines_one_object_per_line() -> None:
    text = _write(CSL_JSONL, [ARTICLE, Record(id="b", title="B\u2028C")])
    lines = text.split("\n")
    assert lines[-1] == "" and len(lines) == 3
    assert json.loads(lines[0]) == record_to_csl(ARTICLE)
    assert "\\u2028" in lines[1]  # escaped, so no line reader splits the value
    assert json.loads(lines[1])["title"] == "B\u2028C"
    assert _write(CSL_JSONL, []) == ""


def test_array_is_streamed_record_by_record() -> None:
    out = io.StringIO()
    seen: list[str] = []

    def records() -> Iterator[Record]:
        yield Record(id="first", title="One")
        seen.append(out.getvalue())  # what was written before the second record was pulled
        yield Record(id="second", title="Two")

    CSL_JSON(records(), out)
    assert '"first"' in seen[0] and '"second"' not in seen[0]


def test_fields_cover_csl_variables_and_custom_extensions() -> None:
    assert {"title", "author", "issued", "doi", "rights", "license", "subjects"} <= CSL_JSON.fields
    assert "provenance" not in CSL_JSON.fields


needs_schema = pytest.mark.skipif(
    not SCHEMA_PATH.is_file(), reason=f"CSL schema not available: {SCHEMA_PATH} is absent"
)


@pytest.mark.corpus
@needs_schema
def test_rich_record_validates_against_csl_schema() -> None:
    for item in json.loads(_write(CSL_JSON, [ARTICLE, Record(id="bare")])):
        assert schema_errors(item) == []


def test_citeproc_py_renders_apa() -> None:
    entry = render_with_citeproc_py(record_to_csl(ARTICLE))
    assert "van den Berg, J." in entry and "JHEP Reports" in entry and "(2021)" in entry


def test_citeproc_py_renders_a_report_with_contributors() -> None:
    """citeproc-py 0.11 crashes on CSL 1.0.2 "contributor" names; the check leaves them out."""
    report = Record(
        id="r",
        type=ResourceType(csl="report"),
        title="R&D Networks",
        author=(Name(family="Goyal", given="S."),),
        contributor=(Name(family="Moraga", given="J."),),
        issued=PartialDate(((2003,),)),
    )
    item = record_to_csl(report)
    assert item["contributor"] == [{"family": "Moraga", "given": "J."}]
    assert "contributor" not in citeproc_py_view(item) and "author" in citeproc_py_view(item)
    assert render_with_citeproc_py(item).startswith("Goyal, S. (2003). R&D Networks")


# ------------------------------------------------------------------ property tests

_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)
_names = st.builds(
    Name,
    family=st.none() | _text,
    given=st.none() | _text,
    literal=st.none() | _text,
    non_dropping_particle=st.none() | _text,
    suffix=st.none() | _text,
)
_dates = st.builds(
    PartialDate,
    parts=st.lists(
        st.lists(st.integers(1, 2999), min_size=0, max_size=4).map(tuple), max_size=3
    ).map(tuple),
    circa=st.booleans(),
    literal=st.none() | _text,
    raw=_text,
)
_records = st.builds(
    Record,
    id=_text.filter(bool),
    type=st.builds(ResourceType, csl=st.sampled_from(["article-journal", "thesis", "nonsense"])),
    title=st.none() | _text,
    author=st.lists(_names, max_size=4).map(tuple),
    issued=st.none() | _dates,
    abstract=st.none() | _text,
    keyword=st.lists(_text, max_size=3).map(tuple),
    rights=st.lists(_text, max_size=2).map(tuple),
)


@given(st.lists(_records, max_size=4))
def test_any_records_give_json_that_reads_back(records: list[Record]) -> None:
    items = json.loads(_write(CSL_JSON, records))
    assert items == [record_to_csl(r) for r in records]
    lines = _write(CSL_JSONL, records).split("\n")
    assert [json.loads(line) for line in lines[:-1]] == items
    for record, item in zip(records, items, strict=True):
        if record.title and record.title.strip():
            assert item["title"] == record.title  # text is never altered


@pytest.mark.corpus
@needs_schema
@given(st.lists(_records, max_size=4))
def test_any_records_validate_against_csl_schema(records: list[Record]) -> None:
    for item in json.loads(_write(CSL_JSON, records)):
        assert schema_errors(item) == []


def _plain_date_to_csl(date: PartialDate) -> dict | None:
    """The definition ``date_to_csl`` implements with a fast path: to_csl, then repairs."""
    out = date.to_csl()
    parts = out.get("date-parts")
    if parts is not None and (len(parts) > 2 or any(not 1 <= len(p) <= 3 for p in parts)):
        del out["date-parts"]
        if date.literal or date.raw:
            out["literal"] = date.literal or date.raw
    return out if ("date-parts" in out or "literal" in out) else None


@given(_dates, st.none() | st.integers(1, 4))
def test_date_to_csl_matches_its_definition_key_order_included(date, season) -> None:
    date = PartialDate(date.parts, date.circa, date.literal, season, date.raw)
    got, expected = date_to_csl(date), _plain_date_to_csl(date)
    assert got == expected and list(got or ()) == list(expected or ())


@given(_names, st.none() | _text)
def test_name_to_csl_keeps_set_parts_in_csl_order(name: Name, particle: str | None) -> None:
    name = Name(
        name.family, name.given, name.literal, particle, name.non_dropping_particle, name.suffix
    )
    keys = ("family", "given", "non-dropping-particle", "dropping-particle", "suffix")
    values = (name.family, name.given, name.non_dropping_particle, particle, name.suffix)
    expected = {k: v for k, v in zip(keys, values, strict=True) if v}
    got = name_to_csl(name)
    if name.literal is not None:
        assert got == ({"literal": name.literal.strip()} if name.literal.strip() else None)
    elif "family" in expected or "given" in expected:
        assert got is not None and list(got.items()) == list(expected.items())
    else:
        assert got is None
