"""RIS writer: tag order, names, dates, pages, flavours, and one tag per line whatever the data."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oaiwalk.errors import FormatError
from oaiwalk.model import Identifier, Name, PartialDate, Record, ResourceType
from oaiwalk.writers.ris import RIS, format_name, ris_date, ris_value, split_pages

TAG_LINE = re.compile(r"^[A-Z][A-Z0-9]  - ")

ARTICLE = Record(
    id="oai:repo.example.org:2072/1",
    type=ResourceType(csl="article-journal", ris="JOUR"),
    title="Liver fibrosis:\na review",
    author=(
        Name(family="Berg", given="Jan", non_dropping_particle="van den"),
        Name(family="Núñez", given="María", suffix="Jr."),
        Name(literal="Hepatology Study Group"),
    ),
    editor=(Name(family="Roe", given="Ed"),),
    issued=PartialDate(((2021, 8),), raw="2021-08"),
    container_title="JHEP Reports",
    volume="3",
    issue="4",
    page="45–67",
    publisher="Elsevier",
    doi="10.1016/j.jhepr.2021.100291",
    issn="2589-5559",
    pmid="34169246",
    url="https://hdl.handle.net/2072/1",
    language="en",
    abstract="First paragraph.\n\nER  - not a record end.\r\nTY  - JOUR",
    keyword=("fibrosis", "liver"),
    subjects=("liver", "Hepatology"),
    rights=("Attribution 4.0 International",),
    license="https://creativecommons.org/licenses/by/4.0/",
)


def _ris(records, **options) -> str:
    out = io.StringIO()
    RIS(records, out, **options)
    return out.getvalue()


def _tags(text: str) -> list[tuple[str, str]]:
    return [(line[:2], line[6:]) for line in text.split("\r\n") if line]


def test_zotero_block_in_fixed_tag_order() -> None:
    assert _ris([ARTICLE]) == (
        "TY  - JOUR\r\n"
        "ID  - oai:repo.example.org:2072/1\r\n"
        "TI  - Liver fibrosis: a review\r\n"
        "AU  - van den Berg, Jan\r\n"
        "AU  - Núñez, María, Jr.\r\n"
        "AU  - Hepatology Study Group\r\n"
        "A2  - Roe, Ed\r\n"
        "PY  - 2021\r\n"
        "DA  - 2021/08//\r\n"
        "T2  - JHEP Reports\r\n"
        "VL  - 3\r\n"
        "IS  - 4\r\n"
        "SP  - 45\r\n"
        "EP  - 67\r\n"
        "PB  - Elsevier\r\n"
        "SN  - 2589-5559\r\n"
        "DO  - 10.1016/j.jhepr.2021.100291\r\n"
        "UR  - https://hdl.handle.net/2072/1\r\n"
        "LA  - en\r\n"
        "AB  - First paragraph. ER - not a record end. TY - JOUR\r\n"
        "KW  - fibrosis\r\n"
        "KW  - liver\r\n"
        "KW  - Hepatology\r\n"
        "N1  - PMID: 34169246\r\n"
        "N1  - Rights: Attribution 4.0 International\r\n"
        "N1  - License: https://creativecommons.org/licenses/by/4.0/\r\n"
        "ER  - \r\n"
        "\r\n"
    )


def test_endnote_flavour_uses_jo_and_y1() -> None:
    tags = dict(_tags(_ris([ARTICLE], flavour="endnote")))
    assert tags["JO"] == "JHEP Reports" and "T2" not in tags
    assert tags["Y1"] == "2021/08//" and tags["PY"] == "2021" and "DA" not in tags
    chapter = Record(id="c", type=ResourceType(ris="CHAP"), container_title="A Book")
    assert ("T2", "A Book") in _tags(_ris([chapter], flavour="endnote"))


def test_translated_titles_are_notes_not_tt() -> None:
    record = Record(id="t", title="Títol", translated_titles=(("en", "Title"), ("", "Other")))
    tags = _tags(_ris([record]))
    assert ("TI", "Títol") in tags and not any(tag == "TT" for tag, _ in tags)
    assert ("N1", "Title (en): Title") in tags and ("N1", "Other title: Other") in tags


def test_unknown_flavour_is_a_format_error() -> None:
    with pytest.raises(FormatError, match="flavour"):
        _ris([ARTICLE], flavour="refworks")


def test_thesis_advisor_contributor_and_isbn() -> None:
    thesis = Record(
        id="t",
        type=ResourceType(csl="thesis", ris="THES"),
        title="Tesi",
        author=(Name(family="Vidal", given="Pau"),),
        director=(Name(family="Puig", given="Anna"),),
        contributor=(Name(literal="Universitat de Barcelona"),),
        affiliations=("Facultat de Biologia, Universitat de Barcelona",),
        isbn="9788449012345",
        identifiers=(Identifier("isbn", "9788449012345"), Identifier("isbn", "9788449099999")),
    )
    tags = _tags(_ris([thesis]))
    assert ("A3", "Puig, Anna") in tags and ("A4", "Universitat de Barcelona") in tags
    assert ("AD", "Facultat de Biologia, Universitat de Barcelona") in tags
    assert [v for t, v in tags if t == "SN"] == ["9788449012345", "9788449099999"]


def test_names() -> None:
    assert format_name(Name(family="Beethoven", given="Ludwig", non_dropping_particle="van")) == (
        "van Beethoven, Ludwig"
    )
    assert format_name(Name(family="Gaulle", given="Charles", dropping_particle="de")) == (
        "Gaulle, Charles de"
    )
    assert format_name(Name(family="King", given="Martin Luther", suffix="Jr.")) == (
        "King, Martin Luther, Jr."
    )
    assert format_name(Name(family="Plato")) == "Plato"
    assert format_name(Name(given="Madonna")) == "Madonna"
    assert format_name(Name(literal="CERN\nGeneva")) == "CERN Geneva"


def test_dates() -> None:
    assert ris_date(PartialDate(((2021, 8, 3),))) == "2021/08/03/"
    assert ris_date(PartialDate(((2021,),))) == "2021///"
    assert ris_date(PartialDate(((2019,), (2020,)))) == "2019///"
    assert ris_date(PartialDate(literal="s.d.")) is None
    undated = _tags(_ris([Record(id="u", issued=PartialDate(literal="s.d."))]))
    assert not any(tag in ("PY", "DA") for tag, _ in undated)


def test_pages() -> None:
    assert split_pages("45-67") == ("45", "67")
    assert split_pages("45 – 67") == ("45", "67")
    assert split_pages("e100291") == ("e100291", None)
    assert split_pages("1-2, 5") == ("1-2, 5", None)
    tags = _tags(_ris([Record(id="p", page="e100291")]))
    assert ("SP", "e100291") in tags and not any(t == "EP" for t, _ in tags)


def test_ris_value_collapses_lines_and_drops_controls() -> None:
    assert ris_value("a\r\nb\tc\u2028d\x85e") == "a b c d e"
    assert ris_value("bell\x07 and nul\x00") == "bell and nul"
    assert ris_value("  ") == ""
    assert ris_value(" two  spaces ") == "two spaces"  # printable fast path
    assert ris_value("soft\xadhyphen\ufffe\ud800 kept") == "soft\xadhyphen kept"


def test_empty_input_and_empty_values() -> None:
    assert _ris([]) == ""
    assert _ris([Record(id="x", title="  \n ")]) == "TY  - GEN\r\nID  - x\r\nER  - \r\n\r\n"


# ------------------------------------------------------------------ property tests

_text = st.text(max_size=40)
_names = st.builds(
    Name,
    family=st.none() | _text,
    given=st.none() | _text,
    literal=st.none() | _text,
    suffix=st.none() | _text,
)
_records = st.builds(
    Record,
    id=_text,
    type=st.builds(ResourceType, ris=st.sampled_from(["JOUR", "THES", "GEN", "", "ER  -\n"])),
    title=st.none() | _text,
    author=st.lists(_names, max_size=3).map(tuple),
    abstract=st.none() | _text,
    container_title=st.none() | _text,
    page=st.none() | _text,
    keyword=st.lists(_text, max_size=3).map(tuple),
    note=st.none() | _text,
)


@given(st.lists(_records, max_size=4), st.sampled_from(["zotero", "endnote"]))
def test_any_value_gives_one_tag_per_line(records: list[Record], flavour: str) -> None:
    text = _ris(records, flavour=flavour)
    blocks = text.split("\r\n\r\n")
    assert blocks[-1] == "" and len(blocks) == len(records) + 1
    lines = text.split("\r\n")
    assert all(TAG_LINE.match(line) or line == "" for line in lines)
    assert sum(line.startswith("TY  - ") for line in lines) == len(records)
    assert sum(line == "ER  - " for line in lines) == len(records)
    assert "\n" not in text.replace("\r\n", "") and "\r" not in text.replace("\r\n", "")
    for record, block in zip(records, blocks, strict=False):
        tags = _tags(block)
        if record.title and ris_value(record.title):
            assert ("TI", ris_value(record.title)) in tags


@given(_text)
def test_ris_value_is_one_clean_line(text: str) -> None:
    value = ris_value(text)
    assert value == ris_value(value)  # idempotent
    assert value == value.strip() and "  " not in value
    assert not any(ch in value for ch in "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
    # words survive unchanged; only control characters and whitespace runs differ
    kept = "".join(
        ch for ch in text if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cs", "Cn")
    )
    assert value == " ".join(kept.split())  # the fast paths give exactly this
