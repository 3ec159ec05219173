"""Text: titles, abstract, note, keywords, subjects, formats and coverage."""

from __future__ import annotations

import pytest

from oaiwalk.crosswalk import crosswalk
from oaiwalk.crosswalk.text import is_keyword_list, keywords_from_subject
from oaiwalk.crosswalk.textclean import clean_inline, clean_paragraphs
from oaiwalk.model import DcRecord, DcValue, OaiHeader, Record

ABSTRACT_EN = (
    "We measure the thermal conductivity of layered perovskite films between 4 K and room "
    "temperature and find a crossover driven by phonon scattering at grain boundaries."
)
ABSTRACT_ES = (
    "Medimos la conductividad térmica de películas de perovskita en capas entre 4 K y "
    "temperatura ambiente y encontramos un cambio causado por la dispersión de fonones."
)


def _walk(*values: DcValue | tuple[str, str]) -> Record:
    dc_values = tuple(v if isinstance(v, DcValue) else DcValue(*v) for v in values)
    return crosswalk(DcRecord(OaiHeader("oai:test:text"), dc_values))


def _sources(record: Record, field: str) -> set[int]:
    return {i for d in record.provenance.decisions if d.field == field for i in d.sources}


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  A   study\n of   things ", "A study of things"),
        ("Growth of <i>E. coli</i> in <sub>2</sub>D media", "Growth of E. coli in 2D media"),
        ("Salt &amp; pepper &lt;noise&gt;", "Salt & pepper <noise>"),
        ("&amp;lt;em&amp;gt;Nested&amp;lt;/em&amp;gt; escapes", "Nested escapes"),
        ("Bounds for $a<b$ and $\\alpha_{i}$", "Bounds for $a<b$ and $\\alpha_{i}$"),
        ("If x < y then <b>z</b>", "If x < y then z"),
        ("Safe <script>alert(1)</script>title", "Safe title"),
        ("Cost of $5 and $10 items", "Cost of $5 and $10 items"),
    ],
)
def test_clean_inline(raw: str, clean: str) -> None:
    assert clean_inline(raw) == clean


def test_clean_paragraphs_normalises_line_ends_and_unwraps_hard_wrapped_lines() -> None:
    raw = (
        "Aims\r\nWe study how layered films conduct heat between low and room\r\n"
        "temperature in detail.\r\nResults\r\nConductivity drops.\r\n\r\n  Second paragraph."
    )
    assert clean_paragraphs(raw) == (
        "Aims\nWe study how layered films conduct heat between low and room temperature in "
        "detail.\nResults\nConductivity drops.\nSecond paragraph."
    )
    assert clean_paragraphs("One<br/>Two<p>Three</p>") == "One\nTwo\nThree"


def test_title_in_the_record_language_and_translated_titles() -> None:
    record = _walk(
        DcValue("title", "Conductividad térmica de perovskitas", lang="es"),
        DcValue("title", "Thermal  conductivity of <i>perovskites</i>", lang="en"),
        ("language", "eng"),
    )
    assert record.title == "Thermal conductivity of perovskites"
    assert record.translated_titles == (("es", "Conductividad térmica de perovskitas"),)
    rules = {d.field: d.rule for d in record.provenance.decisions}
    assert rules["title"] == "text.title-record-language"
    assert _sources(record, "translated_titles") == {0}


def test_duplicate_titles_are_one_title() -> None:
    record = _walk(("title", "Heat in films"), ("title", "Heat  in films"))
    assert record.title == "Heat in films" and record.translated_titles == ()
    assert _sources(record, "title") == {0, 1}


def test_abstract_is_the_longest_prose_in_the_record_language() -> None:
    record = _walk(
        ("language", "eng"),
        DcValue("description", "perovskite; thermal conductivity; phonons"),
        DcValue("description", ABSTRACT_ES, lang="es"),
        DcValue("description", ABSTRACT_EN, lang="en"),
        DcValue("description", "Comment: 12 pages, 4 figures"),
    )
    assert record.abstract == ABSTRACT_EN
    assert record.keyword == ("perovskite", "thermal conductivity", "phonons")
    assert record.note == "Comment: 12 pages, 4 figures"
    [entry] = record.provenance.rejected
    assert entry.index == 2 and "another language (es, xml:lang)" in entry.reason
    rules = {d.rule for d in record.provenance.decisions}
    assert {"fields:arxiv-comment", "text.abstract-record-language"} <= rules


def test_short_description_is_a_note_and_abstract_keeps_paragraphs() -> None:
    record = _walk(
        ("description", "Handwritten, 14th century"),
        (
            "description",
            "Part one of the\r\nstudy.\r\nPart two of the study, with more words here.",
        ),
    )
    assert record.note == "Handwritten, 14th century"
    assert record.abstract == "Part one of the study.\nPart two of the study, with more words here."


def test_self_citation_description_is_a_note() -> None:
    citation = "Lindqvist K. Wärmeleitung in Schichtkristallen. Uppsala; 1979."
    record = _walk(("description", citation))
    assert record.note == citation and record.abstract is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("graphene; phonons; heat transport", True),
        ("Alcoholic liver disease; Stem cell; Liver regenerative medicine", True),
        ("single keyword", False),
        (
            "We study heat. It flows; slowly and surely through films of many kinds and shapes.",
            False,
        ),
    ],
)
def test_keyword_lists(text: str, expected: bool) -> None:
    assert is_keyword_list(text) is expected


def test_subjects_are_kept_and_keywords_are_their_leaves() -> None:
    assert keywords_from_subject("PHYSICS::Condensed Matter::Phonons") == ["Phonons"]
    assert keywords_from_subject("Subheadings::/methods") == ["methods"]
    assert keywords_from_subject("heat; light") == ["heat", "light"]
    assert keywords_from_subject("53.10") == [] and keywords_from_subject("85 A") == []
    record = _walk(
        ("subject", "PHYSICS::Condensed Matter::Phonons"),
        ("subject", "Thermal conductivity; Films"),
        ("subject", "thermal conductivity"),
    )
    assert record.subjects == (
        "PHYSICS::Condensed Matter::Phonons",
        "Thermal conductivity",
        "Films",
    )
    assert record.keyword == ("Phonons", "Thermal conductivity", "Films")
    assert _sources(record, "subjects") == {0, 1, 2}


def test_formats_medium_and_coverage() -> None:
    record = _walk(
        ("format", "application/pdf"),
        ("format", "application/pdf"),
        ("format", "2 MB"),
        ("coverage", "Lapland"),
        ("coverage", "Lapland"),
        ("coverage", "1990-2000"),
    )
    assert record.formats == ("application/pdf", "2 MB")
    assert record.medium is None  # a MIME type is a format, not a CSL medium
    assert record.coverage == ("Lapland", "1990-2000")
    assert _sources(record, "formats") == {0, 1, 2}
    assert _sources(record, "coverage") == {3, 4, 5}


def test_medium_drops_a_trailing_url() -> None:
    record = _walk(("format", "DVD, https://files.example.org/a.mp4"))
    assert record.medium == "DVD"


def test_extents_and_mime_types_are_not_media() -> None:
    assert _walk(("format", "245 p.")).medium is None
    assert _walk(("format", "image/jpeg")).medium is None
    assert _walk(("format", "Print")).medium == "Print"


def test_every_text_value_is_used_or_rejected() -> None:
    record = _walk(
        ("title", "Heat in films"),
        ("description", ABSTRACT_EN),
        ("description", ABSTRACT_EN),
        ("description", "a; b; c"),
        ("subject", "Heat"),
        ("format", "text/html"),
        ("coverage", "Arctic"),
    )
    rejected = {e.index for e in record.provenance.rejected}
    used = {i for d in record.provenance.decisions for i in d.sources}
    assert used | rejected == set(range(7))


@pytest.mark.parametrize(
    "text", ["Abstract not available.", "No abstract available", "Description"]
)
def test_abstract_placeholders_are_rejected(text: str) -> None:
    record = _walk(("description", text))
    assert record.abstract is None and record.note is None
    [entry] = record.provenance.rejected
    assert "fields:no-abstract" in entry.reason


ABSTRACT_ES_LONG = (
    ABSTRACT_ES + " Además, los resultados muestran que la conductividad depende del tamaño."
)


@pytest.mark.parametrize(
    ("language", "expected"), [("eng", ABSTRACT_EN), ("spa", ABSTRACT_ES_LONG)]
)
def test_translations_without_xml_lang_are_told_apart_by_their_words(
    language: str, expected: str
) -> None:
    record = _walk(
        ("language", language),
        ("description", ABSTRACT_ES_LONG),  # longer than the English one
        ("description", ABSTRACT_EN),
    )
    assert record.abstract == expected
    [entry] = record.provenance.rejected
    assert "another language" in entry.reason and "guessed" in entry.reason
    assert any(d.rule == "text.abstract-guessed-language" for d in record.provenance.decisions)


def test_abstract_in_another_language_than_dc_language_is_still_the_abstract() -> None:
    record = _walk(("language", "eng"), DcValue("description", ABSTRACT_ES, lang="es"))
    assert record.abstract == ABSTRACT_ES
    assert record.provenance.rejected == ()


@pytest.mark.parametrize(
    "text",
    ["a b", " a b", "a b ", "a  b", "a\tb", "a\u00a0b", "a\u2028b", "a\u3000 b", "a\x1fb", "ab"],
)
def test_one_line_paragraph_collapses_whitespace_as_the_regex_did(text: str) -> None:
    """The single-spaced fast path gives what collapsing ``[^\\S\\n]+`` and stripping gives."""
    import re

    from oaiwalk.crosswalk.textclean import _strip_markup

    expected = re.sub(r"[^\S\n]+", " ", _strip_markup(text)).strip()
    assert clean_paragraphs(text) == expected
