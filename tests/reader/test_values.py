"""dc_values builds DcValue objects without __init__; they must equal ordinary ones."""

from __future__ import annotations

from dataclasses import fields

from lxml import etree

from oaiwalk.model import DcValue
from oaiwalk.reader.records import DC_VALUE_SLOTS, dc_values

DC = (
    '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:x="urn:x">'
    '<dc:title xml:lang="en"> A <i>nested</i> title </dc:title><!-- a comment -->'
    '<dc:creator x:id="c1" xml:lang="nl" kind="p">Jansen, Anna</dc:creator>'
    "<dc:subject/><x:other>foreign</x:other><title>no namespace</title>"
    "</oai_dc:dc>"
)


def test_the_fast_constructor_sets_every_field() -> None:
    assert tuple(f.name for f in fields(DcValue)) == DC_VALUE_SLOTS
    assert not hasattr(DcValue, "__post_init__")


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
