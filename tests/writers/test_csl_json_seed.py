"""Seed acceptance: the DSpace seed record as CSL-JSON, field by field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import oaiwalk

from ..seed_facts import SEED_AUTHORS

pytestmark = pytest.mark.corpus

AUTHORS = SEED_AUTHORS


@pytest.fixture(scope="module")
def item(seed_path: Path) -> dict:
    [item] = json.loads(oaiwalk.convert(seed_path, to="csl-json"))
    return item


def test_seed_as_csl_json(item: dict) -> None:
    assert item["id"] == "oai:recercat.cat:11351/7263"
    assert item["type"] == "article-journal"
    assert item["title"].startswith("A phase II study of human allogeneic liver-derived")
    assert [(a["family"], a["given"]) for a in item["author"]] == AUTHORS
    assert item["issued"]["date-parts"] == [[2021, 8]]
    assert item["DOI"] == "10.1016/j.jhepr.2021.100291"
    assert item["ISSN"] == "2589-5559"
    assert item["PMID"] == "34169246"
    assert item["container-title"] == "JHEP Reports"
    assert (item["volume"], item["issue"]) == ("3", "4")
    assert item["publisher"] == "Elsevier"
    assert item["language"] == "en"
    assert item["custom"]["license"] == "https://creativecommons.org/licenses/by-nc-nd/4.0/"


def test_seed_as_json_lines_matches_the_array(seed_path: Path, item: dict) -> None:
    lines = oaiwalk.convert(seed_path, to="csl-jsonl").splitlines()
    assert [json.loads(line) for line in lines] == [item]
