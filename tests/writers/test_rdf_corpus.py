"""RDF writers over the real corpus and the seed record (read in place from ../shared).

Every file's records, in every syntax, parse with rdflib to the same graph; every
profile's output conforms to its SHACL shapes; the seed carries each field it should.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, FOAF, RDF, XSD

import oaiwalk
from oaiwalk.crosswalk.tables import table_dir
from oaiwalk.errors import OaiwalkError
from oaiwalk.model import Record
from oaiwalk.writers.rdf_profiles import DEFAULT_BASE_URI, PROFILES

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning"),
]

BIBO = Namespace("http://purl.org/ontology/bibo/")
SCHEMA = Namespace("http://schema.org/")
PRISM = Namespace("http://prismstandard.org/namespaces/basic/2.0/")
FRBR = Namespace("http://purl.org/vocab/frbr/core#")
FORMATS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}
SEED_SUBJECT = URIRef(DEFAULT_BASE_URI + "records/oai:recercat.cat:11351%2F7263")
SEED_AUTHORS = ["Nevens", "Gustot", "Lasser", "Haralampiev", "Vargas Blasco", "Laterre"]


def render(records: list[Record], name: str, **options: str) -> str:
    out = io.StringIO()
    oaiwalk.find_writer(name)(records, out, **options)
    return out.getvalue()


# rdflib and pyshacl are slow: each file contributes its first records only (every file,
# so every repository's shape of data is covered; the 2,400-record file adds little).
PER_FILE = 50


@pytest.fixture(scope="module")
def corpus_records(corpus_dir: Path) -> dict[str, list[Record]]:
    """The first live records of every corpus file (what can be read of broken files)."""
    by_file: dict[str, list[Record]] = {}
    for path in sorted(corpus_dir.glob("*.xml")):
        records: list[Record] = []
        try:
            for record in oaiwalk.read(path):
                records.append(record)
                if len(records) == PER_FILE:
                    break
        except OaiwalkError:
            pass  # unreadable input is the reader's concern; keep what was read
        if records:
            by_file[path.name] = records
    return by_file


@pytest.fixture(scope="module")
def ntriples_graphs(corpus_records: dict[str, list[Record]]) -> dict[str, Graph]:
    """Each file's records as N-Triples (dcterms profile), parsed by rdflib."""
    return {
        name: Graph().parse(data=render(records, "ntriples"), format="nt")
        for name, records in corpus_records.items()
    }


@pytest.mark.parametrize("writer", ["turtle", "jsonld", "rdfxml"])
def test_every_corpus_file_gives_the_same_graph_in_every_syntax(
    corpus_records: dict[str, list[Record]], ntriples_graphs: dict[str, Graph], writer: str
) -> None:
    assert sum(len(r) for r in corpus_records.values()) > 400
    for name, records in corpus_records.items():
        reference = ntriples_graphs[name]
        assert len(reference) >= 2 * len({r.id for r in records}), name
        graph = Graph().parse(data=render(records, writer), format=FORMATS[writer])
        assert isomorphic(graph, reference), f"{name}: {writer} differs from ntriples"


@pytest.mark.parametrize("profile", PROFILES)
def test_corpus_output_conforms_to_the_profile_shapes(
    corpus_records: dict[str, list[Record]], profile: str
) -> None:
    pyshacl = pytest.importorskip("pyshacl")
    # one document, as a user converting the whole corpus gets: a record id repeated
    # across files is one resource, and its identical list cells collapse
    records = [r for rs in corpus_records.values() for r in rs]
    data = Graph().parse(data=render(records, "ntriples", profile=profile), format="nt")
    shapes = Graph().parse(table_dir() / "shapes" / f"{profile}.ttl", format="turtle")
    conforms, _, report = pyshacl.validate(data, shacl_graph=shapes)
    assert conforms, report[:3000]


@pytest.mark.parametrize("profile", PROFILES)
def test_shapes_catch_a_broken_graph(profile: str) -> None:
    pyshacl = pytest.importorskip("pyshacl")
    record = URIRef("https://example.org/oaiwalk/records/broken")
    data = Graph()
    cls = {"dcterms": BIBO.Document, "schema": SCHEMA.CreativeWork}.get(
        profile, URIRef("http://purl.org/spar/fabio/Expression")
    )
    title = SCHEMA.name if profile == "schema" else DCTERMS.title
    licence = SCHEMA.license if profile == "schema" else DCTERMS.license
    data.add((record, RDF.type, cls))
    data.add((record, title, Literal("One title")))
    data.add((record, title, Literal("A second title")))  # maxCount 1
    data.add((record, licence, Literal("CC BY")))  # a licence must be an IRI
    shapes = Graph().parse(table_dir() / "shapes" / f"{profile}.ttl", format="turtle")
    conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes)
    assert not conforms
    sh = Namespace("http://www.w3.org/ns/shacl#")
    paths = set(results.objects(None, sh.resultPath))
    assert paths == {title, licence}


# --------------------------------------------------------------------------- the seed


@pytest.fixture(scope="module")
def seed_records(seed_path: Path) -> list[Record]:
    return list(oaiwalk.read(seed_path))


def seed_graph(records: list[Record], name: str, profile: str) -> Graph:
    return Graph().parse(data=render(records, name, profile=profile), format=FORMATS[name])


@pytest.mark.parametrize("name", FORMATS)
def test_seed_dcterms_field_by_field(seed_records: list[Record], name: str) -> None:
    g = seed_graph(seed_records, name, "dcterms")
    s = SEED_SUBJECT
    assert str(g.value(s, DCTERMS.title)).startswith("A phase II study of human allogeneic")
    families = [
        str(g.value(a, FOAF.familyName)) for a in Collection(g, g.value(s, BIBO.authorList))
    ]
    assert families == SEED_AUTHORS
    assert len(set(g.objects(s, DCTERMS.creator))) == 6
    assert g.value(s, DCTERMS.issued) == Literal("2021-08", datatype=XSD.gYearMonth)
    assert g.value(s, BIBO.doi) == Literal("10.1016/j.jhepr.2021.100291")
    assert g.value(s, BIBO.pmid) == Literal("34169246")
    journal = g.value(s, DCTERMS.isPartOf)
    assert g.value(journal, DCTERMS.title) == Literal("JHEP Reports")
    assert g.value(journal, BIBO.issn) == Literal("2589-5559")
    assert g.value(s, BIBO.volume) == Literal("3")
    assert g.value(s, BIBO.issue) == Literal("4")
    assert g.value(g.value(s, DCTERMS.publisher), FOAF.name) == Literal("Elsevier")
    assert g.value(s, DCTERMS.language) == Literal("en", datatype=XSD.language)
    licence = g.value(s, DCTERMS.license)
    assert isinstance(licence, URIRef) and "creativecommons.org/licenses/by-nc-nd/4.0" in licence
    assert (s, RDF.type, BIBO.AcademicArticle) in g


def test_seed_schema_field_by_field(seed_records: list[Record]) -> None:
    g = seed_graph(seed_records, "jsonld", "schema")
    s = SEED_SUBJECT
    assert (s, RDF.type, SCHEMA.ScholarlyArticle) in g
    assert str(g.value(s, SCHEMA.name)).startswith("A phase II study")
    families = [
        str(g.value(a, SCHEMA.familyName)) for a in Collection(g, g.value(s, BIBO.authorList))
    ]
    assert families == SEED_AUTHORS
    assert g.value(s, SCHEMA.datePublished) == Literal("2021-08")
    issue = g.value(s, SCHEMA.isPartOf)
    assert g.value(issue, SCHEMA.issueNumber) == Literal("4")
    volume = g.value(issue, SCHEMA.isPartOf)
    assert g.value(volume, SCHEMA.volumeNumber) == Literal("3")
    periodical = g.value(volume, SCHEMA.isPartOf)
    assert g.value(periodical, SCHEMA.name) == Literal("JHEP Reports")
    assert g.value(periodical, SCHEMA.issn) == Literal("2589-5559")
    same = set(g.objects(s, SCHEMA.sameAs))
    assert URIRef("https://doi.org/10.1016/j.jhepr.2021.100291") in same
    assert URIRef("https://pubmed.ncbi.nlm.nih.gov/34169246") in same
    assert g.value(g.value(s, SCHEMA.publisher), SCHEMA.name) == Literal("Elsevier")
    assert g.value(s, SCHEMA.inLanguage) == Literal("en")
    assert isinstance(g.value(s, SCHEMA.license), URIRef)


def test_seed_fabio_field_by_field(seed_records: list[Record]) -> None:
    g = seed_graph(seed_records, "rdfxml", "fabio")
    s = SEED_SUBJECT
    assert (s, RDF.type, URIRef("http://purl.org/spar/fabio/JournalArticle")) in g
    assert g.value(s, PRISM.doi) == Literal("10.1016/j.jhepr.2021.100291")
    assert g.value(s, PRISM.publicationDate) == Literal("2021-08", datatype=XSD.gYearMonth)
    issue = g.value(s, FRBR.partOf)
    assert g.value(issue, PRISM.issueIdentifier) == Literal("4")
    volume = g.value(issue, FRBR.partOf)
    assert g.value(volume, PRISM.volume) == Literal("3")
    journal = g.value(volume, FRBR.partOf)
    assert g.value(journal, DCTERMS.title) == Literal("JHEP Reports")
    assert g.value(journal, PRISM.issn) == Literal("2589-5559")
