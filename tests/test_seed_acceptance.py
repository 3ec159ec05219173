"""The seed record (a DSpace GetRecord) converted to every format, read back field by field.

Each format is parsed with a real reader (json, bibtexparser, a RIS tag reader, rdflib)
and must carry: the title, the six authors in order, issued 2021-08, DOI, ISSN, PMID, the
journal "JHEP Reports" volume 3 issue 4, the publisher, the language and the licence.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib

import oaiwalk

from .seed_facts import SEED_AUTHORS

pytestmark = pytest.mark.corpus

TITLE = (
    "A phase II study of human allogeneic liver-derived progenitor cell therapy for "
    "acute-on-chronic liver failure and acute decompensation"
)
FAMILIES = [family for family, _given in SEED_AUTHORS]
DOI = "10.1016/j.jhepr.2021.100291"
LICENCE = "https://creativecommons.org/licenses/by-nc-nd/4.0/"


def test_csl_json(seed_path: Path) -> None:
    (item,) = json.loads(oaiwalk.convert(seed_path, to="csl-json"))
    assert item["title"] == TITLE
    assert [a["family"] for a in item["author"]] == FAMILIES
    assert item["issued"]["date-parts"] == [[2021, 8]]
    assert (item["DOI"], item["ISSN"], item["PMID"]) == (DOI, "2589-5559", "34169246")
    assert (item["container-title"], item["volume"], item["issue"]) == ("JHEP Reports", "3", "4")
    assert (item["publisher"], item["language"]) == ("Elsevier", "en")
    assert LICENCE in json.dumps(item)


@pytest.mark.parametrize("fmt", ["bibtex", "biblatex"])
def test_bibtex_and_biblatex(seed_path: Path, fmt: str) -> None:
    import bibtexparser
    from bibtexparser.middlewares import LatexDecodingMiddleware

    text = oaiwalk.convert(seed_path, to=fmt)
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    assert not library.failed_blocks
    (entry,) = library.entries
    fields = {f.key.lower(): f.value for f in entry.fields}
    assert entry.entry_type == "article"
    assert " ".join(fields["title"].replace("{", "").replace("}", "").split()) == TITLE
    authors = [a.split(",")[0].strip() for a in fields["author"].split(" and ")]
    assert authors == FAMILIES
    assert fields["doi"] == DOI and fields["issn"] == "2589-5559"
    assert "34169246" in (fields.get("pmid"), fields.get("eprint"))
    journal = fields.get("journal") or fields.get("journaltitle")
    assert (journal, fields["volume"], fields["number"]) == ("JHEP Reports", "3", "4")
    if fmt == "bibtex":
        assert (fields["year"], fields["month"]) == ("2021", "aug")
        assert fields["publisher"] == "Elsevier"  # biblatex's @article has no publisher field
        assert fields["language"] == "english"
    else:
        assert fields["date"] == "2021-08"
        assert fields["langid"] == "english"
    assert LICENCE in text


def test_ris(seed_path: Path) -> None:
    text = oaiwalk.convert(seed_path, to="ris")
    tags: dict[str, list[str]] = {}
    for line in text.splitlines():
        if len(line) >= 6 and line[2:6] == "  - ":
            tags.setdefault(line[:2], []).append(line[6:])
    assert tags["TY"] == ["JOUR"] and tags["TI"] == [TITLE]
    assert [a.split(",")[0] for a in tags["AU"]] == FAMILIES
    assert tags["PY"] == ["2021"] and tags["DA"] == ["2021/08//"]
    assert tags["DO"] == [DOI] and tags["SN"] == ["2589-5559"]
    assert (tags["T2"], tags["VL"], tags["IS"]) == (["JHEP Reports"], ["3"], ["4"])
    assert tags["PB"] == ["Elsevier"] and tags["LA"] == ["en"]
    assert "34169246" in text and LICENCE in text


@pytest.mark.parametrize(
    ("fmt", "parser"),
    [("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld"), ("rdfxml", "xml")],
)
def test_rdf(seed_path: Path, fmt: str, parser: str) -> None:
    graph = rdflib.Graph().parse(data=oaiwalk.convert(seed_path, to=fmt), format=parser)
    literals = {str(o) for o in graph.objects() if isinstance(o, rdflib.Literal)}
    iris = {str(o) for o in graph.objects() if isinstance(o, rdflib.URIRef)}
    assert TITLE in literals and "Elsevier" in literals and "JHEP Reports" in literals
    assert {"3", "4", "2589-5559", "34169246"} <= literals
    assert "2021-08" in literals
    assert LICENCE in iris and f"https://doi.org/{DOI}" in iris
    bibo = rdflib.Namespace("http://purl.org/ontology/bibo/")
    (subject,) = set(graph.subjects(bibo.authorList, None))
    authors = list(rdflib.collection.Collection(graph, graph.value(subject, bibo.authorList)))
    foaf = rdflib.Namespace("http://xmlns.com/foaf/0.1/")
    assert [str(graph.value(a, foaf.familyName)) for a in authors] == FAMILIES


def test_citation(seed_path: Path) -> None:
    text = oaiwalk.convert(seed_path, to="citation", style="apa")
    assert text.startswith("Nevens, F., Gustot, T., Lasser, L. L., Haralampiev, L. E.")
    assert "(2021)" in text and "JHEP Reports, 3(4), 100291" in text
    assert f"https://doi.org/{DOI}" in text
