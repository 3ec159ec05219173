"""BibTeX and biblatex writers: entries, names, dates, keys, and a bibtexparser round trip."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oaiwalk.model import (
    DcValue,
    Decision,
    Identifier,
    LossEntry,
    Name,
    OaiHeader,
    PartialDate,
    Provenance,
    Record,
    ResourceType,
)
from oaiwalk.writers.bibtex import BIBLATEX, BIBTEX, render_entry
from oaiwalk.writers.citekey_index import KeyIndex
from oaiwalk.writers.citekeys import (
    assign_citekeys,
    assign_keys,
    base_citekey,
    content_digest,
    hash_suffixes,
)
from oaiwalk.writers.latex import has_balanced_braces

from .bibtex_support import (
    ARTICLE,
    HOSTILE_TITLE,
    THESIS,
    VERBATIM,
    decode_latex,
    normalise,
    parse_bibtexparser,
    seed_like,
    varied_records,
    write,
)


def _fields(entry_text: str) -> dict[str, str]:
    library = parse_bibtexparser(entry_text)
    (entry,) = library.entries
    return {f.key: f.value for f in entry.fields}


def test_seed_like_article_as_bibtex() -> None:
    assert render_entry(seed_like(), "nevens2021phase") == (
        "@article{nevens2021phase,\n"
        "  author = {Nevens, Frederik and van der Berg, Jan"
        " and {World Health Organization and Partners} and Smith, Jr., John"
        " and {Garc{\\'i}a de la Vega}, Jos{\\'e} {\\'A}ngel"
        " and {\\L}ukasiewicz, {\\O}ystein},\n"
        "  title = {Phase transitions in {COVID}-19 and the {iPhone}:"
        " a study of {DNA} in {Barcelona}},\n"
        "  journal = {JHEP Reports},\n"
        "  year = {2021},\n"
        "  month = aug,\n"
        "  volume = {3},\n"
        "  number = {4},\n"
        "  pages = {100291--100299},\n"
        "  publisher = {Elsevier},\n"
        "  doi = {10.1016/j.jhepr.2021.100291},\n"
        "  issn = {2589-5559},\n"
        "  pmid = {34169246},\n"
        "  url = {https://example.org/view?id=1&x=a%20b#section_2},\n"
        "  language = {english},\n"
        "  keywords = {liver, {cirrhosis, decompensated}},\n"
        "  abstract = {Background \\& aims: 100\\% of 10 patients had a\\_b"
        " \\textasciitilde{} 5 {\\textbraceright}{\\textbraceleft} end.},\n"
        "  copyright = {Attribution 4.0 International;"
        " http://creativecommons.org/licenses/by/4.0/},\n"
        "}\n"
    )


def test_seed_like_article_as_biblatex_follows_the_data_model() -> None:
    text = render_entry(seed_like(), "k", biblatex=True)
    assert "  date = {2021-08},\n" in text
    assert "  journaltitle = {JHEP Reports},\n" in text
    assert "  eprint = {34169246},\n  eprinttype = {pubmed},\n" in text
    assert "  langid = {english},\n" in text
    assert "García de la Vega" in text  # UTF-8 by default
    assert "  options = {useprefix=true},\n" in text  # "van der" is non-dropping
    assert "publisher" not in text  # not an @article field in biblatex's data model
    assert "year" not in text and "month" not in text and "journal =" not in text


def test_thesis_school_type_and_handle() -> None:
    record = varied_records()[1]
    bibtex = _fields(render_entry(record, "k"))
    assert bibtex["school"] == "Universitat de Barcelona"
    assert bibtex["type"] == "Doctoral thesis"
    assert bibtex["year"] == "2019"
    assert "publisher" not in bibtex
    biblatex = render_entry(record, "k", biblatex=True)
    assert biblatex.startswith("@thesis{k,")
    assert "  institution = {Universitat de Barcelona},\n" in biblatex
    assert "  date = {2019/2020},\n" in biblatex
    assert "  eprint = {2445/12345},\n  eprinttype = {hdl},\n" in biblatex
    assert "  langid = {ngerman},\n" in biblatex


def test_biblatex_resolves_bibtex_type_aliases() -> None:
    record = dataclasses.replace(
        varied_records()[1], type=ResourceType(bibtex="phdthesis", biblatex="phdthesis"), genre=None
    )
    text = render_entry(record, "k", biblatex=True)
    assert text.startswith("@thesis{k,")
    assert "  type = {phdthesis},\n" in text


def test_circa_date_and_literal_date() -> None:
    circa, literal = varied_records()[2], varied_records()[3]
    assert "  date = {2020-03-05~},\n" in render_entry(circa, "k", biblatex=True)
    assert "  year = {2020},\n  month = mar,\n" in render_entry(circa, "k")
    assert "  year = {Spring 2001},\n" in render_entry(literal, "k")
    assert "date" not in render_entry(literal, "k", biblatex=True)


@pytest.mark.parametrize(
    ("name", "written"),
    [
        (Name(family="Berg", given="Jan", non_dropping_particle="van der"), "van der Berg, Jan"),
        (Name(family="Cruz", given="Juan", non_dropping_particle="De la"), "{De la Cruz}, Juan"),
        (Name(family="Artagnan", given="C.", dropping_particle="d'"), "{d'Artagnan}, C."),
        (Name(family="Smith", given="John", suffix="Jr."), "Smith, Jr., John"),
        (Name(family="dos Santos", given="Ana"), "{dos Santos}, Ana"),
        (Name(family="Vargas Blasco", given="Victor"), "Vargas Blasco, Victor"),
        (Name(family="hooks", given="bell"), "{hooks}, bell"),
        (Name(given="Madonna"), "{Madonna}"),
        (Name(family="Smith Jones"), "{Smith Jones}"),
        (Name(literal="Bill and Melinda Gates Foundation"), "{Bill and Melinda Gates Foundation}"),
        (Name(family="Anderson", given="Sand And"), "Anderson, Sand {And}"),
        (Name(family="Doe, Jr", given="J."), "{Doe, Jr}, J."),
    ],
)
def test_names_keep_their_parts(name: Name, written: str) -> None:
    record = Record(id="x", author=(name,))
    assert f"  author = {{{written}}},\n" in render_entry(record, "k", ascii=False)


def test_corporate_and_person_names_read_back_as_separate_names() -> None:
    import bibtexparser.middlewares as m

    record = seed_like()
    library = parse_bibtexparser(render_entry(record, "k", ascii=False))
    library = m.SplitNameParts().transform(library)
    names = library.entries[0]["author"]
    assert len(names) == len(record.author)
    assert names[2].last == ["{World Health Organization and Partners}"]
    assert names[1].von == ["van", "der"] and names[1].last == ["Berg"]
    assert names[3].jr == ["Jr."]


def test_fields_round_trip_through_bibtexparser() -> None:
    for record in varied_records():
        for biblatex in (False, True):
            fields = _fields(render_entry(record, "k", biblatex=biblatex))
            decoded = {
                k: v if k in VERBATIM or not isinstance(v, str) else decode_latex(v)
                for k, v in fields.items()
            }
            if record.title:
                assert decoded["title"] == normalise(record.title)
            if record.abstract:
                assert decoded["abstract"] == normalise(record.abstract)
            if record.note:
                assert decoded["note"] == normalise(record.note)
            if record.doi:
                assert decoded["doi"] == record.doi
            if record.url:
                assert decoded["url"] == record.url
            if record.container_title and record.type.bibtex == "article":
                assert decoded["journaltitle" if biblatex else "journal"] == (
                    record.container_title
                )


def test_hostile_values_stay_inert() -> None:
    text = write(varied_records())
    library = parse_bibtexparser(text)
    assert [e.entry_type for e in library.entries] == [
        "article",
        "phdthesis",
        "techreport",
        "misc",
        "misc",
    ]
    assert not library.strings and not library.preambles and not library.comments
    for line in text.splitlines():
        if line.startswith("  "):
            assert has_balanced_braces(line.split(" = ", 1)[1].rstrip(","))
    assert HOSTILE_TITLE.replace("  ", " ") == decode_latex(library.entries[2]["title"])


@given(
    title=st.text(max_size=40),
    family=st.text(max_size=15),
    given_name=st.text(max_size=15),
    literal=st.text(max_size=20),
    abstract=st.text(max_size=40),
)
def test_arbitrary_values_round_trip_through_bibtexparser(
    title: str, family: str, given_name: str, literal: str, abstract: str
) -> None:
    import bibtexparser.middlewares as m

    record = Record(
        id="x",
        title=title,
        abstract=abstract,
        author=(Name(family=family, given=given_name), Name(literal=literal)),
    )
    for biblatex, ascii in ((False, True), (True, False)):
        text = render_entry(record, "k", biblatex=biblatex, ascii=ascii)
        library = m.SplitNameParts().transform(parse_bibtexparser(text))
        (entry,) = library.entries
        fields = {f.key: f.value for f in entry.fields}
        assert decode_latex(fields.get("title", "")) == normalise(title)
        assert decode_latex(fields.get("abstract", "")) == normalise(abstract)
        names = fields.get("author", [])
        expected = [
            n for n in (normalise(family) or normalise(given_name), normalise(literal)) if n
        ]
        assert len(names) == len(expected)
        if normalise(literal):
            assert decode_latex(" ".join(names[-1].last)) == normalise(literal)


def test_cite_keys_are_readable_and_limited_to_safe_characters() -> None:
    assert base_citekey(seed_like()) == "nevens2021phase"
    thesis = varied_records()[1]
    assert base_citekey(thesis) == "muller2019strasse"
    assert base_citekey(Record(id="x")) == "anonnd"
    corporate = Record(id="y", author=(Name(literal="The World Bank"),), title="A Report")
    assert base_citekey(corporate) == "worldndreport"


def test_cite_keys_are_unique_and_independent_of_record_order() -> None:
    base = seed_like()
    twins = [dataclasses.replace(base, id=f"oai:repo.example:{n}") for n in range(6)]
    records = [*twins, *varied_records(), varied_records()[0]]  # one id appears twice
    keys = dict(zip((r.id for r in records), assign_citekeys(records), strict=False))
    all_keys = assign_citekeys(records)
    assert len(set(all_keys)) == len(all_keys)
    assert all(k.replace("-", "").replace("_", "").replace(":", "").isalnum() for k in all_keys)
    assert all(k == k.lower() and k.isascii() for k in all_keys)
    shuffled = records[:]
    random.Random(7).shuffle(shuffled)
    again = dict(zip((r.id for r in shuffled), assign_citekeys(shuffled), strict=False))
    for record_id in keys:
        if record_id != base.id:  # the id that appears twice gets -2 by content, not place
            assert keys[record_id] == again[record_id]
    assert sorted(assign_citekeys(shuffled)) == sorted(all_keys)
    assert keys["oai:repo.example:thesis/9"] == "muller2019strasse"


def test_content_digest_is_the_sha1_of_the_records_repr() -> None:
    # the digest orders same-id twins; its text must stay repr(record), whatever builds it
    full = Record(
        id="oai:x:1'\"",
        type=ResourceType(csl="thesis", coar="http://purl.org/coar/resource_type/c_db06"),
        title="Ça \\ «x»\n",
        author=(Name(literal="Org"),),
        editor=(Name(family="Doe", given="J.", orcid="0000-0002-1825-0097"), Name(raw="?")),
        issued=PartialDate(((2019,), (2020, 1)), circa=True, season=2, raw="2019/2020"),
        embargo_end=PartialDate(literal="soon"),
        keyword=("a",),
        translated_titles=(("de", "Titel"),),
        identifiers=(Identifier("doi", "10.1/x", "doi:10.1/X"),),
        provenance=Provenance(
            header=OaiHeader("oai:x:1", "2020-01-01", ("set:a",), is_deleted=False),
            values=(DcValue("title", "Ça", "fr", (("{urn:x}a", "b"),)), DcValue("{urn:x}y", "")),
            decisions=(Decision("title", "text.title", (0,)), Decision("url", "r")),
            rejected=(LossEntry("identifier", "978", "ISBN check digit fails", 1),),
            source="in.xml",
            position=3,
            notes=("a note",),
        ),
    )
    for record in [full, Record(id=""), seed_like(), *varied_records()]:
        assert content_digest(record) == hashlib.sha1(repr(record).encode("utf-8")).hexdigest()


@pytest.mark.parametrize(
    ("bases", "ids", "digests"),
    [
        ([], [], []),
        (["a1x", "b2", "a1x", "a1x", "cnd"], ["p", "q", "r", "p", "s"], ["3", "2", "1", "0", "9"]),
        (["x-12y", "x-12y", "z"], ["p", "q", "r"], ["a", "b", "c"]),  # negative years
        (
            ["x", "x", "x", "x-{s}", "x-{s}-2"],
            ["i1", "i2", "i1", "q", "r"],
            ["b", "a", "a", "c", "d"],
        ),
    ],
)
def test_key_index_gives_the_keys_assign_keys_gives(
    bases: list[str], ids: list[str], digests: list[str]
) -> None:
    suffix = hash_suffixes(["i1", "i2"])[0]
    bases = [base.format(s=suffix) for base in bases]  # numbered keys meet existing ones
    with KeyIndex() as index:
        for number, (base, record_id, digest) in enumerate(zip(bases, ids, digests, strict=True)):
            index.add(base, record_id, digest, number)
        keys = list(index.keys())
    assert keys == [(k, n) for n, k in enumerate(assign_keys(bases, ids, digests))]


def test_writer_is_deterministic_and_streams_nothing_for_empty_input() -> None:
    assert write([]) == ""
    assert write(varied_records()) == write(varied_records())
    assert write(varied_records(), biblatex=True).endswith("}\n")


def test_unencodable_characters_are_reported(caplog: pytest.LogCaptureFixture) -> None:
    record = Record(id="x", title="Kanji 日本 and α-helix")
    with caplog.at_level(logging.WARNING, logger="oaiwalk.writers.bibtex"):
        text = write([record])
    assert "日本" in text
    assert "U+65E5" in caplog.text and "U+03B1" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="oaiwalk.writers.bibtex"):
        write([record], biblatex=True)
    assert not caplog.text  # UTF-8 output loses nothing


def test_ascii_option_is_declared_and_switches_encoding() -> None:
    assert BIBTEX.options == ("ascii",) and BIBLATEX.options == ("ascii",)
    record = Record(id="x", title="Ørsted", type=ARTICLE)
    assert "{\\O}rsted" in write([record])
    assert "Ørsted" in write([record], ascii=False)
    assert "{\\O}rsted" in write([record], biblatex=True, ascii=True)


def test_fields_name_record_attributes() -> None:
    attributes = {f.name for f in dataclasses.fields(Record)}
    assert BIBTEX.fields <= attributes and BIBLATEX.fields <= attributes


def test_entry_type_from_an_unexpected_table_value_falls_back_to_misc() -> None:
    odd = Record(id="x", type=ResourceType(bibtex="weird type!", biblatex="artwork"))
    assert render_entry(odd, "k").startswith("@misc{k,")
    assert render_entry(odd, "k", biblatex=True).startswith("@misc{k,")


def test_arxiv_in_bibtex_and_thesis_type_table_row() -> None:
    record = Record(
        id="x", type=THESIS, identifiers=(Identifier("arxiv", "2101.00001"),), title="T"
    )
    text = render_entry(record, "k")
    assert "  eprint = {2101.00001},\n  archiveprefix = {arXiv},\n" in text
    assert "  eprint = {2101.00001},\n  eprinttype = {arxiv},\n" in render_entry(
        record, "k", biblatex=True
    )


def test_pages_use_en_dash_ligature() -> None:
    record = Record(id="x", page="12 - 19", type=ARTICLE, issued=PartialDate(((2001,),)))
    assert "  pages = {12--19},\n" in render_entry(record, "k")
