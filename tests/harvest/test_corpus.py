"""Real ListRecords pages from ../shared/corpus, served by the local server, harvested.

Each page is read in place and served as the first page of a list (any token it
carries then leads to an empty last page). Every record with an identifier is
harvested exactly once; the others are reported as skipped, never dropped quietly.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from lxml import etree

from oaiwalk.errors import HarvestError, OaiPmhError
from oaiwalk.harvest import ClientSettings, Harvester, HarvestRequest, OaiClient

from ..conftest import CORPUS

OAI_PMH = "{http://www.openarchives.org/OAI/2.0/}OAI-PMH"


def list_pages() -> list[tuple[str, int]]:
    manifest = CORPUS.parent / "MANIFEST.tsv"
    if not manifest.is_file():
        return []
    with manifest.open(encoding="utf-8", newline="") as stream:
        rows = csv.DictReader(stream, delimiter="\t")
        return [
            (r["file"], int(r["records"]))
            for r in rows
            if r["verb"] == "ListRecords" and r["well_formed"] == "yes"
        ]


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("name", "expected"),
    list_pages()
    or [
        pytest.param(
            "", 0, marks=pytest.mark.skip(reason=f"corpus not available: {CORPUS} is absent")
        )
    ],
)
def test_real_pages_are_harvested_record_for_record(
    corpus_dir: Path, serve, name: str, expected: int
) -> None:
    body = (corpus_dir.parent / name).read_bytes()
    root = etree.fromstring(body)
    server = serve()
    server.first_page = body
    settings = ClientSettings(retries=1, backoff_base=0)
    with OaiClient(server.url, settings) as client:
        harvester = Harvester(client)
        try:
            found = list(harvester.iter_records(HarvestRequest(server.url)))
        except OaiPmhError as exc:
            assert root.find("{http://www.openarchives.org/OAI/2.0/}error") is not None
            assert exc.code != "noRecordsMatch"
            return
        except HarvestError as exc:
            assert root.tag != OAI_PMH, exc  # only a page that is no OAI-PMH answer fails
            assert "not an OAI-PMH response" in exc.message
            return
    stats = harvester.stats
    # exact repeats (one real page lists 1202 records twice) are counted, not yielded
    assert len(found) + len(stats.skipped) + stats.duplicates == expected
    assert len({(r.identifier, r.xml) for r in found}) == len(found)
    for record in found:
        element = etree.fromstring(record.xml)  # each stored record stands alone
        assert etree.QName(element).localname == "record"
        assert record.xml.endswith(b">")  # without the whitespace that followed it
