"""Seed acceptance: the DSpace seed record through the whole pipeline, field by field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import oaiwalk

from ..seed_facts import SEED_AUTHORS
from .bibtex_support import decode_latex, parse_bibtexparser

pytestmark = pytest.mark.corpus

AUTHORS = [f"{family}, {given}" for family, given in SEED_AUTHORS]


def _entry(seed_path: Path, to: str) -> dict[str, Any]:
    text = oaiwalk.convert(seed_path, to=to)
    assert text is not None
    library = parse_bibtexparser(text)
    (entry,) = library.entries
    fields = {f.key: f.value for f in entry.fields}
    return {"@type": entry.entry_type, "@key": entry.key, **fields}


def _authors(names: list[str]) -> list[str]:
    return [decode_latex(name) for name in names]


def test_seed_as_bibtex(seed_path: Path) -> None:
    entry = _entry(seed_path, "bibtex")
    assert entry["@type"] == "article"
    assert entry["@key"] == "nevens2021phase"
    assert decode_latex(entry["title"]).startswith(
        "A phase II study of human allogeneic liver-derived progenitor cell therapy"
    )
    assert "{II}" in entry["title"]  # the roman numeral keeps its case
    assert _authors(entry["author"]) == AUTHORS
    assert all(name.isascii() for name in entry["author"])  # "Pierre-Fran{\c{c}}ois"
    assert (entry["year"], entry["month"]) == ("2021", "aug")
    assert entry["doi"] == "10.1016/j.jhepr.2021.100291"
    assert entry["issn"] == "2589-5559"
    assert entry["pmid"] == "34169246"
    assert (entry["journal"], entry["volume"], entry["number"]) == ("JHEP Reports", "3", "4")
    assert entry["publisher"] == "Elsevier"
    assert entry["language"] == "english"
    assert "creativecommons.org/licenses/by-nc-nd/4.0/" in entry["copyright"]


def test_seed_as_biblatex(seed_path: Path) -> None:
    entry = _entry(seed_path, "biblatex")
    assert entry["@type"] == "article"
    assert _authors(entry["author"]) == AUTHORS
    assert "Laterre, Pierre-François" in entry["author"]  # UTF-8
    assert entry["date"] == "2021-08"
    assert entry["doi"] == "10.1016/j.jhepr.2021.100291"
    assert entry["issn"] == "2589-5559"
    assert (entry["eprint"], entry["eprinttype"]) == ("34169246", "pubmed")
    assert (entry["journaltitle"], entry["volume"], entry["number"]) == ("JHEP Reports", "3", "4")
    assert entry["langid"] == "english"
    assert "creativecommons.org/licenses/by-nc-nd/4.0/" in entry["annotation"]
    # biblatex's data model has no publisher for @article (biber warns about one).
    assert "publisher" not in entry
    assert "version" not in entry  # "publishedVersion" names the manuscript, not an edition
