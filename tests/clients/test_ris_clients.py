"""RIS read back by real readers: pandoc and citation-js (plugin-ris)."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tools.clients.ris import CHECKS, read_with_citation_js, read_with_pandoc

import oaiwalk
from oaiwalk.model import Name, PartialDate, Record, ResourceType
from oaiwalk.writers.ris import RIS, ris_value

from .runner import ensure_node_clients
from .samples import SAMPLE_RECORDS

pytestmark = pytest.mark.clients


def _ris(records, **options) -> str:
    out = io.StringIO()
    RIS(records, out, **options)
    return out.getvalue()


@pytest.mark.parametrize("check", CHECKS, ids=[c.label for c in CHECKS])
def test_readers_get_the_key_fields_back(check) -> None:
    problem = check.problem()
    if problem:
        pytest.skip(problem)
    assert check.check(SAMPLE_RECORDS, _ris(SAMPLE_RECORDS, **check.options)) == []


def test_readers_see_a_difference_when_there_is_one() -> None:
    """The comparison is not blind: a wrong title or author order is reported."""
    ensure_node_clients()
    check = next(c for c in CHECKS if c.client == "citation-js" and not c.options)
    swapped = SAMPLE_RECORDS[0].author[::-1]
    text = _ris(SAMPLE_RECORDS[:1])
    from dataclasses import replace

    failures = check.check([replace(SAMPLE_RECORDS[0], title="Other", author=swapped)], text)
    assert len(failures) == 1 and "TI" in failures[0].reason and "AU" in failures[0].reason


_words = st.text(
    alphabet=st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=30
)
_messy = st.text(max_size=60)  # anything: newlines, controls, "ER  - ", "TY  - "
_records = st.builds(
    Record,
    id=st.uuids().map(str),
    type=st.just(ResourceType(csl="article-journal", ris="JOUR")),
    title=_words.filter(lambda t: bool(ris_value(t))),
    author=st.lists(
        st.builds(
            Name,
            family=st.from_regex(r"[A-Za-zÀ-ÿ]{2,12}", fullmatch=True),
            given=st.from_regex(r"[A-Za-zÀ-ÿ]{1,12}", fullmatch=True),
        ),
        max_size=3,
    ).map(tuple),
    issued=st.builds(PartialDate, parts=st.tuples(st.tuples(st.integers(1000, 2999)))),
    abstract=_messy,
    note=_messy,
    keyword=st.lists(_messy, max_size=3).map(tuple),
)


@settings(max_examples=25)
@given(st.lists(_records, min_size=1, max_size=4))
def test_citation_js_reads_any_values_as_written(records: list[Record]) -> None:
    ensure_node_clients()
    items = read_with_citation_js(_ris(records))
    assert len(items) == len(records)
    for record, item in zip(records, items, strict=True):
        assert item["title"] == ris_value(record.title or "")
        assert item.get("abstract", "") == ris_value(record.abstract or "")
        assert len(item.get("author", [])) == len(record.author)


@settings(max_examples=25)
@given(st.lists(_records, min_size=1, max_size=4))
def test_pandoc_reads_any_values_as_written(records: list[Record]) -> None:
    problem = CHECKS[0].problem()
    if problem:
        pytest.skip(problem)
    items = read_with_pandoc(_ris(records))
    assert len(items) == len(records)
    for record, item in zip(records, items, strict=True):
        assert len(item.get("author", [])) == len(record.author)
        assert item["issued"]["date-parts"][0][0] == record.issued.year
        assert item["title"] == ris_value(record.title or "")


@pytest.mark.corpus
@pytest.mark.parametrize("check", CHECKS, ids=[c.label for c in CHECKS])
def test_readers_get_the_seed_back(check, seed_path) -> None:
    problem = check.problem()
    if problem:
        pytest.skip(problem)
    records = list(oaiwalk.read(seed_path))
    assert len(records) == 1
    assert check.check(records, _ris(records, **check.options)) == []
