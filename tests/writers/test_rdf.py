"""RDF writers on hand-built Records: rdflib parses every syntax, graphs agree, modelling."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, XSD

from oaiwalk import find_writer
from oaiwalk.errors import FormatError
from oaiwalk.model import Name, PartialDate, Record
from oaiwalk.writers import rdf
from oaiwalk.writers.rdf_profiles import DEFAULT_BASE_URI, PROFILES, date_literal
from oaiwalk.writers.rdf_terms import Lit
from tests.writers.rdf_records import (
    AUTHORS,
    HOSTILE_TEXT,
    article_record,
    bare_record,
    hostile_record,
)

DCTERMS = Namespace("http://purl.org/dc/terms/")
BIBO = Namespace("http://purl.org/ontology/bibo/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
SCHEMA = Namespace("http://schema.org/")
FABIO = Namespace("http://purl.org/spar/fabio/")
FRBR = Namespace("http://purl.org/vocab/frbr/core#")
PRISM = Namespace("http://prismstandard.org/namespaces/basic/2.0/")

# rdflib 7.6's own JSON-LD parser builds a ConjunctiveGraph internally and warns about it
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

# writer name -> rdflib parser name
FORMATS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}
SUBJECT = URIRef(DEFAULT_BASE_URI + "records/oai:repo.example:11351%2F7263")


def render(name: str, records: list[Record], **options: Any) -> str:
    out = io.StringIO()
    rdf_writer = {"turtle": rdf.TURTLE, "ntriples": rdf.NTRIPLES, "jsonld": rdf.JSONLD}.get(
        name, rdf.RDFXML
    )
    rdf_writer(records, out, **options)
    return out.getvalue()


def parse(name: str, text: str) -> Graph:
    return Graph().parse(data=text, format=FORMATS[name])


def graph_of(records: list[Record], name: str = "ntriples", **options: Any) -> Graph:
    return parse(name, render(name, records, **options))


def all_records() -> list[Record]:
    return [article_record(), hostile_record(), bare_record()]


# --------------------------------------------------------------------------- syntax


@pytest.mark.parametrize("profile", PROFILES)
def test_every_syntax_gives_the_same_graph(profile: str) -> None:
    graphs = {name: graph_of(all_records(), name, profile=profile) for name in FORMATS}
    reference = graphs["ntriples"]
    assert len(reference) > 100
    for name, graph in graphs.items():
        assert isomorphic(graph, reference), f"{name} differs from ntriples ({profile})"


@pytest.mark.parametrize("name", FORMATS)
def test_empty_input_is_a_valid_empty_document(name: str) -> None:
    text = render(name, [])
    assert text.endswith("\n") or (name == "ntriples" and text == "")
    assert len(parse(name, text)) == 0


@pytest.mark.parametrize("name", FORMATS)
def test_output_is_byte_stable(name: str) -> None:
    assert render(name, all_records()) == render(name, all_records())
    assert render(name, all_records()).endswith("\n")


@pytest.mark.parametrize("name", FORMATS)
def test_registered_with_rdf_options(name: str) -> None:
    writer = find_writer(name)
    assert set(writer.options) == {"profile", "base_uri"}
    assert {"title", "author", "issued", "doi", "license"} <= writer.fields
    out = io.StringIO()
    writer([article_record()], out, profile="schema", style="ignored")
    assert (SUBJECT, RDF.type, SCHEMA.ScholarlyArticle) in parse(name, out.getvalue())


def test_ntriples_streams_record_by_record() -> None:
    out = io.StringIO()
    sizes: list[int] = []

    def records() -> Iterator[Record]:
        for index in range(3):
            sizes.append(len(out.getvalue()))
            yield dataclasses.replace(article_record(), id=f"oai:x:{index}")

    rdf.write_ntriples(records(), out)
    assert sizes[0] == 0 and sizes[0] < sizes[1] < sizes[2]  # written before the next is read


# --------------------------------------------------------------------------- subjects


def test_subject_iri_comes_from_the_oai_identifier_under_base_uri() -> None:
    graph = graph_of([article_record()], base_uri="https://data.example.net/lib")
    subject = URIRef("https://data.example.net/lib/records/oai:repo.example:11351%2F7263")
    assert (subject, DCTERMS.title, None) in graph
    assert (subject, DCTERMS.identifier, Literal("oai:repo.example:11351/7263")) in graph


def test_hostile_identifier_gives_one_encoded_path_segment() -> None:
    subjects = {s for s in graph_of([hostile_record()]).subjects() if isinstance(s, URIRef)}
    main = next(s for s in subjects if "#" not in s)
    slug = main.removeprefix(DEFAULT_BASE_URI + "records/")
    assert slug == "oai:bad%20example:1%2F%3C2%3E%22%7Bx%7D%22%3Fa=b%26c=d%23frag%25zz"


@pytest.mark.parametrize("base_uri", ["not an iri", "relative/path/", "https://x.example/#frag"])
def test_bad_base_uri_is_a_format_error(base_uri: str) -> None:
    with pytest.raises(FormatError, match="base-uri"):
        render("turtle", [article_record()], base_uri=base_uri)


def test_unknown_profile_is_a_format_error() -> None:
    with pytest.raises(FormatError, match="available: dcterms, schema, fabio"):
        render("ntriples", [article_record()], profile="dc11")


# --------------------------------------------------------------------------- modelling


def author_order(graph: Graph, subject: URIRef, name_predicate: URIRef) -> list[str]:
    head = graph.value(subject, BIBO.authorList)
    assert head is not None
    return [str(graph.value(agent, name_predicate)) for agent in Collection(graph, head)]


@pytest.mark.parametrize(
    ("profile", "family"),
    [("dcterms", FOAF.familyName), ("schema", SCHEMA.familyName), ("fabio", FOAF.familyName)],
)
@pytest.mark.parametrize("name", FORMATS)
def test_author_order_is_kept(profile: str, family: URIRef, name: str) -> None:
    graph = graph_of([article_record()], name, profile=profile)
    assert author_order(graph, SUBJECT, family) == [f for f, _ in AUTHORS]


def test_dcterms_profile_models_an_article() -> None:
    g = graph_of([article_record()])
    s = SUBJECT
    assert set(g.objects(s, RDF.type)) == {BIBO.AcademicArticle, BIBO.Document}
    assert g.value(s, DCTERMS.issued) == Literal("2021-08", datatype=XSD.gYearMonth)
    assert g.value(s, DCTERMS.license) == URIRef(
        "http://creativecommons.org/licenses/by-nc-nd/4.0/"
    )
    assert g.value(s, DCTERMS.language) == Literal("en", datatype=XSD.language)
    assert g.value(s, BIBO.doi) == Literal("10.1016/j.jhepr.2021.100291")
    assert g.value(s, BIBO.pmid) == Literal("34169246")
    assert (s, BIBO.volume, Literal("3")) in g and (s, BIBO.issue, Literal("4")) in g
    assert set(g.objects(s, OWL.sameAs)) == {
        URIRef("https://doi.org/10.1016/j.jhepr.2021.100291"),
        URIRef("https://hdl.handle.net/11351/7263"),
        URIRef("https://pubmed.ncbi.nlm.nih.gov/34169246"),
    }
    assert g.value(s, DCTERMS.bibliographicCitation) is not None
    journal = g.value(s, DCTERMS.isPartOf)
    assert g.value(journal, RDF.type) == BIBO.Journal
    assert g.value(journal, DCTERMS.title) == Literal("JHEP Reports")
    assert g.value(journal, BIBO.issn) == Literal("2589-5559")
    publisher = g.value(s, DCTERMS.publisher)
    assert g.value(publisher, RDF.type) == FOAF.Organization
    assert g.value(publisher, FOAF.name) == Literal("Elsevier")
    first = URIRef(f"{SUBJECT}#author-1")
    assert g.value(first, RDF.type) == FOAF.Person
    assert g.value(first, FOAF.name) == Literal("Frederik Nevens")
    assert g.value(first, FOAF.givenName) == Literal("Frederik")
    assert g.value(s, DCTERMS.modified) == Literal("2025-10-24T10:23:09Z", datatype=XSD.dateTime)


def test_schema_profile_chains_issue_volume_periodical() -> None:
    g = graph_of([article_record()], profile="schema")
    issue = g.value(SUBJECT, SCHEMA.isPartOf)
    assert g.value(issue, RDF.type) == SCHEMA.PublicationIssue
    assert g.value(issue, SCHEMA.issueNumber) == Literal("4")
    volume = g.value(issue, SCHEMA.isPartOf)
    assert g.value(volume, SCHEMA.volumeNumber) == Literal("3")
    periodical = g.value(volume, SCHEMA.isPartOf)
    assert g.value(periodical, RDF.type) == SCHEMA.Periodical
    assert g.value(periodical, SCHEMA.issn) == Literal("2589-5559")
    assert g.value(SUBJECT, SCHEMA.datePublished) == Literal("2021-08")
    assert g.value(SUBJECT, SCHEMA.inLanguage) == Literal("en")
    assert (SUBJECT, SCHEMA.sameAs, URIRef("https://doi.org/10.1016/j.jhepr.2021.100291")) in g


def test_schema_jsonld_lists_authors_in_order_for_json_consumers() -> None:
    text = render("jsonld", [article_record()], profile="schema")
    positions = [text.index(f'#author-{i}"') for i in range(1, 7)]
    assert positions == sorted(positions)


def test_fabio_profile_chains_with_frbr_part_of() -> None:
    g = graph_of([article_record()], profile="fabio")
    assert (SUBJECT, RDF.type, FABIO.JournalArticle) in g
    assert (SUBJECT, RDF.type, FABIO.Expression) in g
    assert g.value(SUBJECT, PRISM.doi) == Literal("10.1016/j.jhepr.2021.100291")
    issue = g.value(SUBJECT, FRBR.partOf)
    assert g.value(issue, PRISM.issueIdentifier) == Literal("4")
    volume = g.value(issue, FRBR.partOf)
    assert g.value(volume, PRISM.volume) == Literal("3")
    journal = g.value(volume, FRBR.partOf)
    assert g.value(journal, RDF.type) == FABIO.Journal


def test_page_range_splits_into_start_and_end() -> None:
    g = graph_of([dataclasses.replace(article_record(), page="12–34")], profile="fabio")
    assert g.value(SUBJECT, PRISM.startingPage) == Literal("12")
    assert g.value(SUBJECT, PRISM.endingPage) == Literal("34")


def test_orcid_links_the_person() -> None:
    record = dataclasses.replace(
        article_record(), author=(Name(family="Carberry", given="J.", orcid="0000-0002-1825-0097"),)
    )
    g = graph_of([record])
    person = URIRef(f"{SUBJECT}#author-1")
    assert g.value(person, OWL.sameAs) == URIRef("https://orcid.org/0000-0002-1825-0097")


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (PartialDate(parts=((2021,),)), Lit("2021", str(XSD.gYear))),
        (PartialDate(parts=((2021, 8),)), Lit("2021-08", str(XSD.gYearMonth))),
        (PartialDate(parts=((2021, 8, 5),)), Lit("2021-08-05", str(XSD.date))),
        (PartialDate(parts=((987,),)), Lit("0987", str(XSD.gYear))),
        (PartialDate(parts=((2021, 2, 30),), raw="2021-02-30"), Lit("2021-02-30")),
        (PartialDate(parts=((2019,), (2020,)), raw="2019/2020"), Lit("2019/2020")),
        (PartialDate(parts=((2019,),), circa=True, raw="ca. 2019"), Lit("ca. 2019")),
        (PartialDate(literal="Spring term"), Lit("Spring term")),
    ],
)
def test_dates_are_typed_by_precision(date: PartialDate, expected: Lit) -> None:
    assert date_literal(date) == expected


# --------------------------------------------------------------------------- hostile values


@pytest.mark.parametrize("name", FORMATS)
def test_hostile_literals_read_back_exactly(name: str) -> None:
    graph = parse(name, render(name, [hostile_record()]))
    titles = [str(o) for o in graph.objects(None, DCTERMS.title)]
    assert titles == [HOSTILE_TEXT]
    names = {str(o) for o in graph.objects(None, FOAF.name)}
    assert {'<Jo>\n O"Brien\\', "ACME & <Sons>"} <= names


def test_values_that_are_no_iri_become_literals() -> None:
    g = graph_of([hostile_record()])
    subject = next(s for s in g.subjects(DCTERMS.title, None))
    assert g.value(subject, DCTERMS.license) is None
    assert Literal("CC BY 4.0 (see <site>)") in set(g.objects(subject, DCTERMS.rights))
    assert g.value(subject, FOAF.page) == Literal("http://example.org/a b")
    relations = set(g.objects(subject, DCTERMS.relation))
    # "dcterms:title" would be read as a compact IRI by JSON-LD, so it stays text too
    assert relations == {
        URIRef("https://example.org/ok"),
        Literal("javascript alert(1)"),
        Literal("dcterms:title"),
    }
    assert list(g.objects(subject, OWL.sameAs)) == []  # DOI with '<' and bad ORCID dropped
    assert Literal("10.1000/<bad>") in set(g.objects(subject, DCTERMS.identifier))
    keywords = {str(o) for o in g.objects(subject, DCTERMS.subject)}
    assert keywords == {"controlchars"}  # XML-forbidden characters removed, blanks dropped
    assert g.value(subject, DCTERMS.issued) == Literal("2021-02-30")
    assert g.value(subject, DCTERMS.language) == Literal("not a tag!")
    assert g.value(subject, DCTERMS.modified) == Literal("yesterday")
    assert set(g.objects(subject, RDF.type)) == {BIBO.Document}
    alternatives = set(g.objects(subject, DCTERMS.alternative))
    assert alternatives == {Literal("título", lang="es"), Literal("x")}


# --------------------------------------------------------------------------- goldens

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
GOLDEN_CASES = sorted(p.stem for p in (GOLDEN / "ntriples").glob("*.nt"))


@pytest.mark.parametrize("case", GOLDEN_CASES)
def test_rdf_goldens_hold_one_graph(case: str) -> None:
    reference = parse("ntriples", (GOLDEN / "ntriples" / f"{case}.nt").read_text("utf-8"))
    for name, extension in (("turtle", "ttl"), ("jsonld", "jsonld"), ("rdfxml", "rdf")):
        text = (GOLDEN / name / f"{case}.{extension}").read_text("utf-8")
        assert isomorphic(parse(name, text), reference), f"{case}: {name} golden differs"


class _Discard(io.StringIO):
    """A text sink that keeps nothing, so only the writer's own memory is measured."""

    def write(self, text: str) -> int:
        return len(text)


@pytest.mark.parametrize("name", FORMATS)
def test_memory_stays_flat_however_many_records(name: str) -> None:
    import tracemalloc

    base = article_record()  # one record's values, so only the writer allocates per record

    def peak(count: int) -> int:
        records = (dataclasses.replace(base, id=f"oai:x:{index}") for index in range(count))
        tracemalloc.start()
        try:
            {"turtle": rdf.TURTLE, "ntriples": rdf.NTRIPLES, "jsonld": rdf.JSONLD}.get(
                name, rdf.RDFXML
            )(records, _Discard())
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    peak(200)  # warm caches and free lists (profile table, patterns, tuple free lists)
    assert peak(1200) < 1.25 * peak(120)


@pytest.mark.parametrize("profile", PROFILES)
def test_profile_tables_name_record_fields(profile: str) -> None:
    from oaiwalk.writers.rdf_profiles import load_profile

    loaded = load_profile(profile)
    assert loaded.carried_fields() <= {f.name for f in dataclasses.fields(Record)}
    assert {"title", "author", "issued", "identifiers"} <= loaded.carried_fields()
