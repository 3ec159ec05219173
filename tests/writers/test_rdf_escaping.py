"""Property tests for the RDF escaping functions; rdflib and lxml read the output back.

Documented normalisation: characters XML 1.0 forbids (C0 controls but tab, LF, CR;
surrogates; U+FFFE/U+FFFF) are removed in every syntax, and values are trimmed.
"""

from __future__ import annotations

import io
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF

from oaiwalk.model import Name, Record
from oaiwalk.writers import rdf
from oaiwalk.writers.rdf import escape_string, escape_xml
from oaiwalk.writers.rdf_profiles import DEFAULT_BASE_URI
from oaiwalk.writers.rdf_terms import clean_text, is_safe_iri, record_slug

pytestmark = pytest.mark.filterwarnings(
    "ignore:ConjunctiveGraph is deprecated:DeprecationWarning"  # rdflib's JSON-LD parser
)

# Arbitrary text, weighted towards what breaks syntaxes.
NASTY = st.sampled_from(['"', '"""', "\\", "\n", "\r", "\t", "<", ">", "&", "<script>", "{", "}"])
TEXT = st.lists(st.one_of(st.text(), NASTY), max_size=8).map("".join)
WRITERS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}


def expected(text: str) -> str:
    return clean_text(text).strip()


@given(TEXT)
def test_escaped_string_reads_back_in_ntriples(text: str) -> None:
    clean = clean_text(text)
    line = f'<urn:x:s> <urn:x:p> "{escape_string(clean)}" .\n'
    assert "\n" not in line[:-1] and "\r" not in line
    assert Graph().parse(data=line, format="nt").value(
        URIRef("urn:x:s"), URIRef("urn:x:p")
    ) == Literal(clean)


@given(TEXT)
def test_escaped_xml_reads_back_as_content_and_attribute(text: str) -> None:
    clean = clean_text(text)
    element = etree.fromstring(f'<a b="{escape_xml(clean)}">{escape_xml(clean)}</a>')
    assert (element.text or "") == clean
    assert element.get("b") == clean.replace("\n", " ").replace("\t", " ")  # XML 3.3.3


@given(st.text())
def test_clean_text_leaves_only_xml_characters(text: str) -> None:
    cleaned = clean_text(text)
    etree.fromstring(f"<a>{escape_xml(cleaned)}</a>")  # raises if any character is refused
    assert all(c in text for c in cleaned)


@given(st.text())
def test_record_slug_is_one_reversible_path_segment(record_id: str) -> None:
    slug = record_slug(record_id)
    assert "/" not in slug and "#" not in slug and "?" not in slug
    assert is_safe_iri(DEFAULT_BASE_URI + "records/" + slug)
    if clean_text(record_id):
        assert unquote(slug) == clean_text(record_id)


@given(st.text())
def test_safe_iris_parse_as_iris(value: str) -> None:
    if is_safe_iri(value):
        graph = Graph().parse(data=f"<urn:x:s> <urn:x:p> <{value}> .\n", format="nt")
        assert graph.value(URIRef("urn:x:s"), URIRef("urn:x:p")) == URIRef(value)


@pytest.mark.parametrize("name", WRITERS)
@given(title=TEXT, family=TEXT, url=TEXT)
def test_any_text_reads_back_through_rdflib(name: str, title: str, family: str, url: str) -> None:
    record = Record(id="oai:x:1", title=title, author=(Name(family=family, given="A"),), url=url)
    out = io.StringIO()
    writer = {"turtle": rdf.TURTLE, "ntriples": rdf.NTRIPLES, "jsonld": rdf.JSONLD}.get(
        name, rdf.RDFXML
    )
    writer([record], out)
    graph = Graph().parse(data=out.getvalue(), format=WRITERS[name])
    titles = [str(t) for t in graph.objects(None, DCTERMS.title)]
    assert titles == ([expected(title)] if expected(title) else [])
    families = [str(f) for f in graph.objects(None, FOAF.familyName)]
    assert families == ([expected(family)] if expected(family) else [])
    pages = list(graph.objects(None, FOAF.page))
    if expected(url):
        assert [str(p) for p in pages] == [expected(url)]
        assert isinstance(pages[0], URIRef) == is_safe_iri(
            expected(url), frozenset(("rdf", "xsd", "owl", "dcterms", "bibo", "foaf"))
        )
    else:
        assert pages == []
