"""Hand-made Records that exercise what real readers trip over (for the client tests)."""

from __future__ import annotations

from oaiwalk.model import Identifier, Name, PartialDate, Record, ResourceType

JOURNAL = ResourceType(
    csl="article-journal", bibtex="article", biblatex="article", ris="JOUR", row="test"
)
THESIS = ResourceType(csl="thesis", bibtex="phdthesis", biblatex="thesis", ris="THES", row="test")
CHAPTER = ResourceType(
    csl="chapter", bibtex="incollection", biblatex="incollection", ris="CHAP", row="test"
)

SAMPLE_RECORDS = (
    Record(
        id="oai:repo.example.org:1",
        type=JOURNAL,
        title="Liver fibrosis: a review of 2021 <i>in vivo</i> findings",
        author=(
            Name(family="Berg", given="Jan", non_dropping_particle="van den"),
            Name(family="Núñez", given="María José"),
            Name(family="King", given="Martin", suffix="Jr."),
            Name(literal="Hepatology Study Group"),
        ),
        issued=PartialDate(((2021, 8),), raw="2021-08"),
        container_title="JHEP Reports",
        volume="3",
        issue="4",
        page="45–67",
        publisher="Elsevier",
        doi="10.1016/j.jhepr.2021.100291",
        issn="2589-5559",
        pmid="34169246",
        url="https://hdl.handle.net/2072/1",
        language="en",
        abstract="First paragraph.\n\nER  - is not a record end.\nTY  - JOUR neither.",
        keyword=("fibrosis", "liver; cirrhosis"),
        rights=("Attribution 4.0 International",),
        license="https://creativecommons.org/licenses/by/4.0/",
    ),
    Record(
        id="oai:repo.example.org:2",
        type=THESIS,
        title="Estudi de la flora\n   del Montseny",
        author=(Name(family="Vidal i Puig", given="Pau"),),
        director=(Name(family="Puig", given="Anna"),),
        issued=PartialDate(((2019, 11, 5),), raw="2019-11-05"),
        publisher="Universitat de Barcelona",
        url="http://hdl.handle.net/2445/3",
        language="ca",
        identifiers=(Identifier("handle", "2445/3"),),
    ),
    Record(
        id="oai:repo.example.org:3",
        type=CHAPTER,
        title="Ζ-functions and 量子 fields",
        author=(Name(family="Ζωγράφου", given="Ελένη"), Name(family="王", given="小明")),
        editor=(Name(family="Roe", given="Ed"),),
        issued=PartialDate(((2018,),)),
        container_title="Handbook of Things",
        page="101",
        isbn="9780306406157",
        doi="10.1000/XYZ-123",
    ),
    Record(id="oai:repo.example.org:4", title="Untitled dataset, no date"),
)
