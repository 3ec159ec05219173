"""Reading a harvest store (SQLite) written by the real ``oaiwalk.store``."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

from oaiwalk.errors import InputError
from oaiwalk.reader import read_dc, read_source

store = pytest.importorskip("oaiwalk.store", reason="harvest store module not installed")

RECORD = (
    '<record xmlns="http://www.openarchives.org/OAI/2.0/"><header{status}>'
    "<identifier>{identifier}</identifier><datestamp>{datestamp}</datestamp></header>"
    "{metadata}</record>"
)
METADATA = (
    '<metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{title}</dc:title></oai_dc:dc>'
    "</metadata>"
)


def _harvested(
    identifier: str, datestamp: str, title: str | None, repairs: tuple[str, ...] = ()
) -> Any:
    xml = RECORD.format(
        status="" if title else ' status="deleted"',
        identifier=identifier,
        datestamp=datestamp,
        metadata=METADATA.format(title=title) if title else "",
    )
    return store.HarvestedRecord(identifier, datestamp, (), title is None, xml.encode(), repairs)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "harvest.sqlite"
    with store.Store(path) as db:
        run = db.start_run("https://repo.example.org/oai", "oai_dc", None, None, None, None, None)
        db.commit_page(
            run,
            [
                _harvested("oai:r:b", "2024-02-01", "Later"),
                _harvested("oai:r:a", "2024-01-01", "Earlier", ("removed 1 control character",)),
                _harvested("oai:r:c", "2024-01-15", None),
            ],
            "oai_dc",
            token=None,
            max_datestamp="2024-02-01T00:00:00Z",
            is_ordered=False,
            requests=1,
            retries=0,
        )
        db.finish_run(run, "complete")
    return path


def test_store_records_by_datestamp_with_repairs(store_path: Path) -> None:
    records = list(read_dc([store_path.parent]))
    assert [(r.header.identifier, r.texts("title"), r.position) for r in records] == [
        ("oai:r:a", ["Earlier"], 1),
        ("oai:r:b", ["Later"], 2),
    ]
    assert {r.source for r in records} == {str(store_path)}
    assert records[0].repairs == ("removed 1 control character",)
    assert records[1].repairs == ()


def test_store_support_missing(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    find_spec = importlib.util.find_spec

    def without_store(name: str, package: str | None = None) -> object:
        return None if name == "oaiwalk.store" else find_spec(name, package)

    monkeypatch.setattr(importlib.util, "find_spec", without_store)
    with pytest.raises(InputError) as caught:
        list(read_source(store_path))
    assert str(caught.value) == f"{store_path}: harvest store support not installed"


def test_store_content_as_bytes_is_refused(store_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        list(read_source(store_path.read_bytes()))
    assert str(caught.value) == "<bytes>: a harvest store (SQLite) must be given as a file path"
