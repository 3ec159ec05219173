"""Seed acceptance: the DSpace seed record as RIS (both flavours), field by field."""

from __future__ import annotations

from pathlib import Path

import pytest

import oaiwalk

from ..seed_facts import SEED_AUTHORS

pytestmark = pytest.mark.corpus

AUTHORS = [f"{family}, {given}" for family, given in SEED_AUTHORS]


def _tags(seed_path: Path, flavour: str) -> list[tuple[str, str]]:
    text = oaiwalk.convert(seed_path, to="ris", flavour=flavour)
    assert text.count("ER  - \r\n") == 1
    return [(line[:2], line[6:]) for line in text.split("\r\n") if line]


@pytest.mark.parametrize("flavour", ["zotero", "endnote"])
def test_seed_as_ris(seed_path: Path, flavour: str) -> None:
    tags = _tags(seed_path, flavour)
    first = dict(reversed(tags))  # the first value of each tag
    assert tags[0] == ("TY", "JOUR") and tags[-1] == ("ER", "")
    assert first["TI"].startswith("A phase II study of human allogeneic liver-derived")
    assert [v for t, v in tags if t == "AU"] == AUTHORS
    assert first["PY"] == "2021"
    assert first["DA" if flavour == "zotero" else "Y1"] == "2021/08//"
    assert first["T2" if flavour == "zotero" else "JO"] == "JHEP Reports"
    assert (first["VL"], first["IS"], first["SP"]) == ("3", "4", "100291")
    assert first["DO"] == "10.1016/j.jhepr.2021.100291"
    assert first["SN"] == "2589-5559"
    assert first["PB"] == "Elsevier"
    assert first["LA"] == "en"
    notes = [v for t, v in tags if t == "N1"]
    assert "PMID: 34169246" in notes
    assert "License: https://creativecommons.org/licenses/by-nc-nd/4.0/" in notes
