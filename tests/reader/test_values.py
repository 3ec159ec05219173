"""The reader builds DcValue, OaiHeader, DcRecord without __init__: they equal ordinary ones."""

from __future__ import annotations

from dataclasses import fields

import pytest
from lxml import etree

from oaiwalk.model import DcRecord, DcValue, OaiHeader
from oaiwalk.reader.records import SLOTS, dc_values, oai_record

DC = (
    '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:x="urn:x">'
    '<dc:title xml:lang="en"> A <i>nested</i> title </dc:title><!-- a comment -->'
    '<dc:creator x:id="c1" xml:lang="nl" kind="p">Jansen, Anna</dc:creator>'
    "<dc:subject/><x:other>foreign</x:other><title>no namespace</title>"
    "</oai_dc:dc>"
)


@pytest.mark.parametrize("cls", list(SLOTS), ids=lambda cls: cls.__name__)
def test_the_fast_constructors_set_every_field(cls: type) -> None:
    assert tuple(f.name for f in fields(cls)) == SLOTS[cls]
    assert not hasattr(cls, "__post_init__")


def test_values_equal_those_built_by_the_dataclass() -> None:
    values = dc_values(etree.fromstring(DC))
    expected = (
        DcValue("title", "A nested title", "en"),
        DcValue("creator", "Jansen, Anna", "nl", (("{urn:x}id", "c1"), ("kind", "p"))),
        DcValue("subject", ""),
        DcValue("{urn:x}other", "foreign"),
        DcValue("title", "no namespace"),
    )
    assert values == expected
    assert [repr(v) for v in values] == [repr(v) for v in expected]
    assert [hash(v) for v in values] == [hash(v) for v in expected]


RECORD = (
    '<record xmlns="http://www.openarchives.org/OAI/2.0/"><header status="deleted">'
    "<identifier> oai:x:1 </identifier><datestamp>2024-01-02</datestamp>"
    "<setSpec>a</setSpec><setSpec> </setSpec><setSpec>b</setSpec></header>"
    "<metadata>" + DC + "</metadata></record>"
)


@pytest.mark.parametrize("status", ["deleted", "other"])
def test_records_equal_those_built_by_the_dataclasses(status: str) -> None:
    element = etree.fromstring(RECORD.replace("deleted", status))
    record = oai_record(element, "in.xml", 4)
    header = OaiHeader("oai:x:1", "2024-01-02", ("a", "b"), is_deleted=status == "deleted")
    if status == "deleted":
        expected = DcRecord(header, (), "in.xml", 4, metadata_format="")
    else:
        expected = DcRecord(header, dc_values(element[1][0]), "in.xml", 4)
    assert record == expected
    assert repr(record) == repr(expected)
    assert hash(record) == hash(expected)
