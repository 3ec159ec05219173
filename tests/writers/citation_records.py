"""Hand-written Records for the citation writer tests: one per feature worth a golden."""

from __future__ import annotations

from oaiwalk.model import Name, PartialDate, Record, ResourceType

ARTICLE = ResourceType(csl="article-journal", bibtex="article", ris="JOUR", row="test-article")
BOOK = ResourceType(csl="book", bibtex="book", ris="BOOK", row="test-book")
THESIS = ResourceType(csl="thesis", bibtex="phdthesis", ris="THES", row="test-thesis")


def person(family: str, given: str, **parts: str) -> Name:
    return Name(family=family, given=given, raw=f"{family}, {given}", **parts)


RECORDS: dict[str, Record] = {
    "article": Record(
        id="oai:example.org:1",
        type=ARTICLE,
        title="A phase II study of liver-derived progenitor cells",
        author=(person("Nevens", "Frederik"), person("Laterre", "Pierre-François")),
        issued=PartialDate(parts=((2021, 8),)),
        container_title="JHEP Reports",
        volume="3",
        issue="4",
        page="100291",
        publisher="Elsevier",
        doi="10.1016/j.jhepr.2021.100291",
    ),
    "particles": Record(
        id="oai:example.org:2",
        type=ARTICLE,
        title="De 'service' klasse in Nederland",
        author=(
            person("Laan", "L. van der"),
            person("Beethoven", "Ludwig", dropping_particle="van"),
            Name(family="Gogh", given="Vincent", non_dropping_particle="van"),
            person("d'Anjou", "Leo"),
        ),
        issued=PartialDate(parts=((2003,),)),
        container_title="Mens en Maatschappij",
    ),
    "corporate": Record(
        id="oai:example.org:3",
        type=BOOK,
        title="Annual report on open access",
        author=(Name(literal="European Organization for Nuclear Research"),),
        issued=PartialDate(parts=((2019, 5, 3),)),
        publisher="CERN",
        publisher_place="Geneva",
    ),
    "many-authors": Record(
        id="oai:example.org:4",
        type=ARTICLE,
        title="Twenty-two authors and one result",
        author=tuple(person(f"Author{chr(65 + i)}", f"Given {chr(65 + i)}.") for i in range(22)),
        issued=PartialDate(parts=((2020,),)),
        container_title="Physical Review Letters",
        volume="124",
        page="101801-101809",
    ),
    "no-date": Record(
        id="oai:example.org:5",
        type=THESIS,
        title="A thesis without a date",
        author=(person("Smith", "John, Jr."),),
        publisher="University of Nowhere",
    ),
    "date-range": Record(
        id="oai:example.org:6",
        type=BOOK,
        title="Collected letters",
        author=(person("García Márquez", "Gabriel"),),
        issued=PartialDate(parts=((2019,), (2020,)), raw="2019/2020"),
    ),
    "uncertain-date": Record(
        id="oai:example.org:7",
        type=BOOK,
        title="A record dated 20xx",
        author=(person("Doe", "Jane"),),
        issued=PartialDate(literal="20xx", raw="20xx"),
    ),
    "circa": Record(
        id="oai:example.org:8",
        type=BOOK,
        title="An old map",
        issued=PartialDate(parts=((1850,),), circa=True),
        publisher="Unknown",
    ),
    "non-latin": Record(
        id="oai:example.org:9",
        type=ARTICLE,
        title="Исследование методов анализа данных",
        author=(person("Иванов", "Иван Петрович"), Name(literal="张伟")),
        issued=PartialDate(parts=((2018, 12, 1),)),
        container_title="Вестник науки",
        language="ru",
    ),
    "html-in-title": Record(
        id="oai:example.org:10",
        type=ARTICLE,
        title='Growth of <i>Homo sapiens</i> & <script>alert("x")</script> <img onerror=x>',
        author=(person("O'Brien", "Mary-Jane"),),
        issued=PartialDate(parts=((2022, 1),)),
        container_title="Journal of <b>Bold</b> Claims",
    ),
}
