"""tools/validate_corpus.py on a small hand-made corpus: counts, rejections, the table."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tools.clients import Failure
from tools.validate_corpus import Row, format_table, main, run

from ..conftest import FIXTURES

pytestmark = pytest.mark.clients


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    shutil.copy(FIXTURES / "dspace-journal-article.xml", tmp_path / "a.xml")
    shutil.copy(FIXTURES / "thesis-and-organisation.xml", tmp_path / "b.xml")
    (tmp_path / "c.xml").write_text("not xml at all", encoding="utf-8")
    return tmp_path


def test_small_corpus_through_ris_clients(small_corpus: Path) -> None:
    load, rows = run(small_corpus, ["ris"])
    assert [p.name for p, _ in load.files] == ["a.xml", "b.xml"]
    assert [p.name for p, _ in load.rejected] == ["c.xml"] and load.crashed == []
    assert len(load.records) == 3
    assert {row.format for row in rows} == {"ris"} and len(rows) == 4
    for row in rows:
        if row.skipped is None:
            assert (row.passed, row.total) == (3, 3), row.failures
    table = format_table(rows, load)
    assert "files: 2 read, 1 rejected (clear error), 0 crashed" in table
    assert "ris    | pandoc " in table or "skipped" in table


def test_failures_are_listed_and_set_the_exit_code(small_corpus: Path, capsys) -> None:
    row = Row("ris", "example", passed=2, total=3, failures=[Failure("oai:x:1", "TI: differs")])
    load, _ = run(small_corpus, ["no-such-format"])
    table = format_table([row], load)
    assert "ris    | example | 2/3" in table
    assert "FAIL ris example oai:x:1: TI: differs" in table
    assert main([str(small_corpus), "--format", "no-such-format"]) == 0
    assert main([str(small_corpus / "missing")]) == 2
    assert "files: 2 read" in capsys.readouterr().out
