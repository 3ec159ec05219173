"""The reader on every real file of ../shared/corpus (read in place, skipped without it).

Each file yields records or raises one InputError with a one-line message; counts match
MANIFEST.tsv, and refusals are explained by the manifest's own columns and notes.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from oaiwalk.errors import InputError, OaiPmhError
from oaiwalk.model import DC_ELEMENTS, DcRecord
from oaiwalk.reader import read_source

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
MANIFEST = CORPUS / "MANIFEST.tsv"
OAI_DC = "{http://www.openarchives.org/OAI/2.0/oai_dc/}dc"
DC = "http://purl.org/dc/elements/1.1/"

pytestmark = pytest.mark.corpus


def _rows() -> list[Any]:
    if not MANIFEST.is_file():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"corpus absent: {MANIFEST}"))]
    with MANIFEST.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t"))
    return [pytest.param(row, id=Path(row["file"]).stem[:40]) for row in rows]


def _read(path: Path) -> tuple[list[DcRecord], InputError | None]:
    records: list[DcRecord] = []
    try:
        for record in read_source(path):
            records.append(record)
    except InputError as exc:  # anything else fails the test
        return records, exc
    return records, None


@pytest.mark.parametrize("row", _rows())
def test_corpus_file(row: dict[str, str]) -> None:
    path = CORPUS / row["file"]
    notes = row["notes"]
    records, error = _read(path)
    message = str(error) if error else ""
    if error is not None:
        assert "\n" not in message and message.startswith(f"{path}: ")
    count = len(records)
    deleted = sum(r.header.is_deleted for r in records)
    assert [r.position for r in records] == list(range(1, count + 1))

    if row["well_formed"] == "no":
        assert type(error) is InputError and "not well-formed XML: " in message
        assert count <= int(row["records"])
        return
    if int(row["records"]) == 0:
        assert count == 0 and error is not None
        oai_error = re.search(r"OAI error: ([^;\s]+)", notes)
        if oai_error:
            assert isinstance(error, OaiPmhError) and error.code == oai_error.group(1)
        else:
            assert type(error) is InputError
            assert "holds no records" in message or "no OAI-PMH records" in message
        return
    if error is None:
        assert (count, deleted) == (int(row["records"]), int(row["deleted"]))
        _assert_same_as_whole_tree(path, records)
        return
    # refused as a whole: every format named is a non-oai_dc payload the manifest lists
    assert type(error) is InputError and count == 0
    named = re.search(r"\((.*)\), not oai_dc; harvest with metadataPrefix=oai_dc$", message)
    assert named, message
    listed = {p.replace("{None}", "") for p in re.findall(r"metadata payload: ([^;\s]+)", notes)}
    assert set(named.group(1).split(", ")) <= listed


def _assert_same_as_whole_tree(path: Path, records: list[DcRecord]) -> None:
    """Streaming and clearing lose nothing: compare with lxml's whole-document tree."""
    streamed = [
        [(v.element, v.text, v.lang) for v in r.values]
        for r in records
        if r.metadata_format == "oai_dc" and not r.repairs
    ]
    if not streamed:
        return
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    tree = etree.parse(str(path), parser)
    described = {"setDescription", "description", "about"}
    whole = [
        [_value(child) for child in dc if isinstance(child.tag, str)]
        for dc in tree.iter(OAI_DC)
        if not any(etree.QName(a).localname in described for a in dc.iterancestors())
    ]
    assert streamed == whole


def _value(element: Any) -> tuple[str, str, str | None]:
    name = etree.QName(element)
    local = name.localname if name.namespace == DC and name.localname in DC_ELEMENTS else None
    text = "".join(element.itertext()).strip()
    return local or element.tag, text, element.get("{http://www.w3.org/XML/1998/namespace}lang")


def test_seed_record(seed_path: Path) -> None:
    """The seed DSpace GetRecord: one live oai_dc record, header as in the file."""
    (record,) = read_source(seed_path)
    tree = etree.parse(str(seed_path), etree.XMLParser(resolve_entities=False, no_network=True))
    oai = "{http://www.openarchives.org/OAI/2.0/}"
    assert record.metadata_format == "oai_dc" and not record.header.is_deleted
    assert record.header.identifier == tree.findtext(f".//{oai}header/{oai}identifier").strip()
    assert record.header.datestamp == tree.findtext(f".//{oai}header/{oai}datestamp").strip()
    assert record.values and record.texts("title")
    _assert_same_as_whole_tree(seed_path, [record])
