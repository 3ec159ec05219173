"""Hostile and freak values (very long, repetitive) convert to the expected Record.

The timings behind these cases are in ``benchmarks/hostile.py``; the tests only check
results (a row pattern that backtracks catastrophically would make them hang).
"""

from __future__ import annotations

import pytest

from oaiwalk.crosswalk import crosswalk
from oaiwalk.crosswalk.container_rules import MAX_CITATION_CHARS, parse_value
from oaiwalk.model import DcRecord, DcValue, OaiHeader

ARTICLE = DcValue("type", "info:eu-repo/semantics/article")


def _record(*values: DcValue):
    return crosswalk(DcRecord(OaiHeader("oai:test:1"), (DcValue("title", "T"), ARTICLE, *values)))


@pytest.mark.parametrize(
    "text",
    [
        "Journal " * 8000 + "2020 x",  # words then a year: journal-year-pages, year-volume-pages
        "Ab. " * 16000 + "J, 1(2), 3-4 x",  # sentences before a citation
        "a; " * 20000,  # semicolons: ojs-loose, dspace-series
        "J 1(2), 3-4" + " doi:10.1/x" * 6000 + " do",  # a trailing-identifier cut that fails
        "In a, eds. " * 6000,  # apa-chapter starts everywhere
    ],
)
def test_a_long_source_is_read_by_no_row_and_the_record_converts(text: str) -> None:
    record = _record(DcValue("source", text))
    assert parse_value(text, "source") is None
    assert (record.container_title, record.volume, record.page) == (None, None, None)
    assert record.title == "T"


def test_values_up_to_the_limit_are_still_parsed() -> None:
    title = ("Journal of Tests " * 200)[: MAX_CITATION_CHARS - len(" (2023), 1-17")].strip()
    text = f"{title} (2023), 1-17"
    assert len(text) <= MAX_CITATION_CHARS
    parse = parse_value(text, "source")
    assert parse is not None and parse.row == "journal-year-pages"
    assert (parse.fields["container_title"], parse.fields["page"]) == (title, "1-17")
    assert parse_value(text + " " * (MAX_CITATION_CHARS + 1 - len(text)), "source") is None


@pytest.mark.parametrize(
    ("text", "row", "fields"),
    [
        ("Journal of X (2023), 1-17", "journal-year-pages",
         {"container_title": "Journal of X", "page": "1-17"}),
        ("Roe A. A study. Test Journal (1995) 79: 361-377", "year-volume-pages",
         {"container_title": "Test Journal", "volume": "79", "page": "361-377"}),
        ("Revista de Pruebas; 2020: Número especial; 12-20", "ojs-loose",
         {"container_title": "Revista de Pruebas", "page": "12-20"}),
        ("12 Journal (2023), 1-17", None, None),  # a title must start without digits
    ],
)  # fmt: skip
def test_rewritten_rows_read_what_they_read_before(text: str, row: str | None, fields) -> None:
    parse = parse_value(text, "source")
    if row is None:
        assert parse is None or parse.row != "journal-year-pages"
        return
    assert parse is not None and parse.row == row
    assert dict(parse.fields) == fields


@pytest.mark.parametrize("gap", [" ", " : ", "\t" * 20000])
def test_a_same_work_relation_reads_its_value_after_any_gap(gap: str) -> None:
    record = _record(DcValue("relation", f"isVersionOf{gap}10.1234/abc"))
    assert record.doi == "10.1234/abc"


def test_a_same_work_relation_with_a_long_gap_and_two_words_is_no_identifier() -> None:
    record = _record(DcValue("relation", "isVersionOf" + " " * 20000 + "x y"))
    assert record.doi is None and record.url is None


def test_a_name_with_thousands_of_commas_converts() -> None:
    record = _record(DcValue("creator", "Doe, " * 4000 + "J."))
    assert record.title == "T"


def test_a_record_with_many_subjects_keeps_them_all() -> None:
    subjects = [DcValue("subject", f"subject {i}") for i in range(20000)]
    record = _record(*subjects)
    assert len(record.subjects) + len(record.keyword) >= 20000
