"""Records built by hand for the RDF writer tests (the crosswalk is tested elsewhere)."""

from __future__ import annotations

from oaiwalk.model import Identifier, Name, OaiHeader, PartialDate, Provenance, Record, ResourceType

ARTICLE = ResourceType(
    csl="article-journal",
    bibo="bibo:AcademicArticle",
    schema="schema:ScholarlyArticle",
    fabio="fabio:JournalArticle",
    coar="http://purl.org/coar/resource_type/c_6501",
    row="eu-repo-article",
)

AUTHORS = (
    ("Nevens", "Frederik"),
    ("Gustot", "Thierry"),
    ("Lasser", "Luc L."),
    ("Haralampiev", "Lyudmil E."),
    ("Vargas Blasco", "Victor Manuel"),
    ("Laterre", "Pierre-François"),
)


def article_record() -> Record:
    """Return a journal article shaped like the seed record after the crosswalk."""
    return Record(
        id="oai:repo.example:11351/7263",
        type=ARTICLE,
        title="A phase II study of progenitor cell therapy",
        author=tuple(Name(family=f, given=g, raw=f"{f}, {g}") for f, g in AUTHORS),
        contributor=(Name(literal="Institut Català de la Salut"),),
        issued=PartialDate(parts=((2021, 8),), raw="2021-08"),
        container_title="JHEP Reports",
        volume="3",
        issue="4",
        page="100291",
        publisher="Elsevier",
        doi="10.1016/j.jhepr.2021.100291",
        issn="2589-5559",
        pmid="34169246",
        language="en",
        languages=("en",),
        abstract='Background & Aims\nHuman <cells> "quoted"',
        subjects=("Insuficiència hepàtica - Tractament", "ANATOMY::Cells::Stem Cells"),
        identifiers=(
            Identifier("citation", "Nevens F, et al. JHEP Reports. 2021;3(4):100291."),
            Identifier("issn", "2589-5559"),
            Identifier("handle", "11351/7263"),
            Identifier("doi", "10.1016/j.jhepr.2021.100291"),
            Identifier("pmid", "34169246"),
            Identifier("wos", "000687283500019"),
        ),
        rights=("Attribution-NonCommercial-NoDerivatives 4.0 International",),
        license="http://creativecommons.org/licenses/by-nc-nd/4.0/",
        access_rights="openAccess",
        formats=("application/pdf",),
        provenance=Provenance(
            header=OaiHeader("oai:repo.example:11351/7263", "2025-10-24T10:23:09Z"),
        ),
    )


HOSTILE_TEXT = 'a """ b > c \\ d\ne\r\nf <script>alert("x")</script> & \t \'q\' {}|^`'


def hostile_record() -> Record:
    """Return a record whose texts and IRIs try to break every RDF syntax."""
    return Record(
        id='oai:bad example:1/<2>"{x}"?a=b&c=d#frag%zz',
        type=ResourceType(bibo="notacurie", schema="nope:Thing", fabio=""),
        title=HOSTILE_TEXT,
        author=(
            Name(family='O"Brien\\', given="<Jo>\n", orcid="0000-0002-1825-0097"),
            Name(literal="ACME & <Sons>"),
            Name(family="", given=""),
            Name(family="Zeta", given="Zed", orcid="bad orcid"),
        ),
        translated_titles=(("es", "título"), ("not a tag!", "x")),
        issued=PartialDate(parts=((2021, 2, 30),), raw="2021-02-30"),
        available_date=PartialDate(parts=((2019,), (2020,)), raw="2019/2020"),
        page="12–34",
        isbn="978-3-16-148410-0",
        url="http://example.org/a b",
        license="CC BY 4.0 (see <site>)",
        language="not a tag!",
        keyword=("\x01control\x0bchars\ufffe", "   "),
        relations=("https://example.org/ok", "javascript alert(1)", "dcterms:title"),
        identifiers=(
            Identifier("url", "http://example.org/x y"),
            Identifier("doi", "10.1000/<bad>"),
            Identifier("other", "\ud800lone surrogate"),
        ),
        provenance=Provenance(header=OaiHeader("oai:bad example:1", "yesterday")),
    )


def bare_record() -> Record:
    """Return a record with nothing but an id."""
    return Record(id="record-0123456789ab")
