"""CSL-JSON read by real clients: the CSL schema, citeproc-py and citation-js."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tools.clients.csl_json import CHECKS

import oaiwalk
from oaiwalk.model import Name, PartialDate, Record, ResourceType
from oaiwalk.writers.csl_json import CSL_JSON, CSL_JSONL
from tests.clients.runner import run_node

from .samples import SAMPLE_RECORDS

pytestmark = [pytest.mark.clients, pytest.mark.corpus]  # the schema lives in ../shared


def _write(writer, records) -> str:
    out = io.StringIO()
    writer(records, out)
    return out.getvalue()


@pytest.mark.parametrize("check", CHECKS, ids=[f"{c.format}-{c.label}" for c in CHECKS])
def test_clients_accept_the_output(check) -> None:
    problem = check.problem()
    if problem:
        pytest.skip(problem)
    writer = CSL_JSON if check.format == "csl-json" else CSL_JSONL
    assert check.check(SAMPLE_RECORDS, _write(writer, SAMPLE_RECORDS)) == []


def test_citation_js_renders_names_and_container() -> None:
    done = run_node("csl-read.mjs", input_text=_write(CSL_JSON, SAMPLE_RECORDS[:1]))
    assert done.returncode == 0, done.stderr
    [[entry_id, entry, error]] = json.loads(done.stdout)["entries"]
    assert error is None
    assert entry_id == SAMPLE_RECORDS[0].id
    assert "van den Berg, J." in entry and "JHEP Reports" in entry and "2021" in entry


_records = st.builds(
    Record,
    id=st.uuids().map(str),
    type=st.sampled_from(
        [ResourceType(csl="article-journal"), ResourceType(csl="thesis"), ResourceType()]
    ),
    title=st.text(max_size=40),
    author=st.lists(
        st.builds(Name, family=st.text(max_size=12), given=st.text(max_size=12)), max_size=3
    ).map(tuple),
    issued=st.none()
    | st.builds(PartialDate, parts=st.tuples(st.tuples(st.integers(1, 2999), st.integers(1, 12)))),
    abstract=st.text(max_size=40),
)


@settings(max_examples=8)  # each example starts node and citeproc-js
@given(st.lists(_records, min_size=1, max_size=4))
def test_citation_js_loads_any_records(records: list[Record]) -> None:
    check = next(c for c in CHECKS if c.client == "citation-js")
    if check.problem():
        pytest.skip(check.problem() or "")
    assert check.check(records, _write(CSL_JSON, records)) == []


@pytest.mark.parametrize("check", CHECKS, ids=[f"{c.format}-{c.label}" for c in CHECKS])
def test_clients_accept_the_seed(check, seed_path) -> None:
    problem = check.problem()
    if problem:
        pytest.skip(problem)
    records = list(oaiwalk.read(seed_path))
    writer = CSL_JSON if check.format == "csl-json" else CSL_JSONL
    assert check.check(records, _write(writer, records)) == []
