"""Types: dc:type words from DCMI, OpenAIRE, COAR and platforms in many languages."""

from __future__ import annotations

import pytest

from oaiwalk.crosswalk import crosswalk
from oaiwalk.crosswalk.tables import load_table
from oaiwalk.model import DcRecord, DcValue, OaiHeader, Record, ResourceType


def _walk(*pairs: tuple[str, str]) -> Record:
    values = tuple(DcValue(element, text) for element, text in pairs)
    return crosswalk(DcRecord(OaiHeader("oai:test:types"), values))


def _typed(*types: str) -> Record:
    return _walk(*(("type", t) for t in types))


def _rules(record: Record, field: str) -> list[str]:
    return [d.rule for d in record.provenance.decisions if d.field == field]


@pytest.mark.parametrize(
    ("value", "csl", "row"),
    [
        ("info:eu-repo/semantics/article", "article-journal", "eu-repo-article"),
        ("doc-type:article", "article-journal", "eu-repo-article"),
        ("http://purl.org/coar/resource_type/c_6501", "article-journal", "eu-repo-article"),
        ("https://purl.org/coar/resource_type/c_6501/", "article-journal", "eu-repo-article"),
        ("Article", "article-journal", "article-words"),
        ("  Journal  Article. ", "article-journal", "article-words"),
        ("Peer-reviewed Article", "article-journal", "article-words"),
        ("Artículo", "article-journal", "article-words"),
        ("Article dans une revue", "article-journal", "article-words"),
        ("Zeitschriftenartikel", "article-journal", "article-words"),
        ("Aufsatz", "article-journal", "article-words"),
        ("ART", "article-journal", "hal-art"),
        ("COMM", "paper-conference", "hal-comm"),
        ("COUV", "chapter", "hal-couv"),
        ("OUV", "book", "hal-ouv"),
        ("THESE", "thesis", "eu-repo-doctoral-thesis"),
        ("MEM", "thesis", "eu-repo-master-thesis"),
        ("REPORT", "report", "eu-repo-report"),
        ("UNDEFINED", "article", "eu-repo-preprint"),
        ("Book Section", "chapter", "eu-repo-book-part"),
        ("Book chapter", "chapter", "eu-repo-book-part"),
        ("Conference or Workshop Item", "paper-conference", "conference-paper"),
        (
            "info:eu-repo/semantics/conferenceObject",
            "paper-conference",
            "eu-repo-conference-object",
        ),
        ("Thesis", "thesis", "thesis"),
        ("Thèse", "thesis", "thesis"),
        ("Tesis doctoral", "thesis", "eu-repo-doctoral-thesis"),
        ("Dissertation", "thesis", "eu-repo-doctoral-thesis"),
        ("info:eu-repo/semantics/bachelorThesis", "thesis", "eu-repo-bachelor-thesis"),
        ("Working Paper", "report", "eu-repo-working-paper"),
        ("Technical Report", "report", "technical-report"),
        ("Preprint", "article", "eu-repo-preprint"),
        ("Inaugural Address", "speech", "inaugural-address"),
        ("info:eu-repo/semantics/lecture", "speech", "eu-repo-lecture"),
        ("info:eu-repo/semantics/review", "review", "eu-repo-review"),
        ("info:eu-repo/semantics/annotation", "document", "eu-repo-annotation"),
        (
            "info:eu-repo/semantics/contributionToPeriodical",
            "article-magazine",
            "eu-repo-contribution-to-periodical",
        ),
        ("info:eu-repo/semantics/patent", "patent", "eu-repo-patent"),
        ("info:eu-repo/semantics/book", "book", "eu-repo-book"),
        ("Text", "document", "dcmi-text"),
        ("texte", "document", "dcmi-text"),
        ("http://purl.org/dc/dcmitype/Dataset", "dataset", "dcmi-dataset"),
        ("Image", "graphic", "dcmi-image"),
        ("StillImage", "graphic", "dcmi-still-image"),
        ("MovingImage", "motion_picture", "dcmi-moving-image"),
        ("Sound", "song", "dcmi-sound"),
        ("Software", "software", "dcmi-software"),
        ("PhysicalObject", "document", "dcmi-physical-object"),
        ("InteractiveResource", "webpage", "dcmi-interactive-resource"),
        ("Collection", "collection", "dcmi-collection"),
        ("Event", "event", "dcmi-event"),
        ("Service", "webpage", "dcmi-service"),
        ("printed serial", "periodical", "periodical"),
        ("Case Map", "map", "map"),
        ("Photograph", "graphic", "photograph"),
        ("35 mm. col. slide (source for scanned image)", "graphic", "photograph"),
        ("HDR", "thesis", "habilitation"),
        ("publication-article", "article-journal", "article-words"),
        ("image-figure", "figure", "figure"),
        ("Journal contribution", "article-journal", "article-words"),
        (
            "/dk/atira/pure/researchoutput/researchoutputtypes/contributiontojournal/article",
            "article-journal",
            "article-words",
        ),
        (
            "/dk/atira/pure/researchoutput/researchoutputtypes/thesis/doc",
            "thesis",
            "eu-repo-doctoral-thesis",
        ),
        ("Thesis (PhD)", "thesis", "eu-repo-doctoral-thesis"),
        ("Habilitationsschrift", "thesis", "habilitation"),
        ("Artículo revisado por pares", "article-journal", "article-words"),
        ("Contributo in volume", "chapter", "eu-repo-book-part"),
        ("Recording, oral", "song", "dcmi-sound"),
        ("Standard", "standard", "standard"),
    ],
)
def test_type_words(value: str, csl: str, row: str) -> None:
    record = _typed(value)
    assert (record.type.csl, record.type.row) == (csl, row)
    assert _rules(record, "type") == [f"types:{row}"]


def test_article_is_typed_in_every_vocabulary() -> None:
    assert _typed("info:eu-repo/semantics/article").type == ResourceType(
        csl="article-journal",
        bibtex="article",
        biblatex="article",
        ris="JOUR",
        bibo="bibo:AcademicArticle",
        schema="schema:ScholarlyArticle",
        fabio="fabio:JournalArticle",
        coar="http://purl.org/coar/resource_type/c_6501",
        row="eu-repo-article",
    )


def test_the_most_specific_type_wins_whatever_the_order() -> None:
    assert _typed("Text", "info:eu-repo/semantics/article").type.row == "eu-repo-article"
    assert _typed("info:eu-repo/semantics/article", "Text").type.row == "eu-repo-article"
    thesis = _typed("Text", "Thesis", "info:eu-repo/semantics/doctoralThesis")
    assert thesis.type.row == "eu-repo-doctoral-thesis"
    assert thesis.type.bibtex == "phdthesis"
    assert "types.outranked:dcmi-text" in _rules(thesis, "type")


def test_thesis_levels_set_the_genre() -> None:
    assert _typed("info:eu-repo/semantics/doctoralThesis").genre == "PhD thesis"
    master = _typed("info:eu-repo/semantics/masterThesis")
    assert (master.genre, master.type.bibtex) == ("Master's thesis", "mastersthesis")
    assert _typed("Thesis").genre is None


@pytest.mark.parametrize(
    ("value", "version"),
    [
        ("info:eu-repo/semantics/publishedVersion", "publishedVersion"),
        ("info:eu-repo/semantics/acceptedVersion", "acceptedVersion"),
        ("info:eu-repo/semantics/submittedVersion", "submittedVersion"),
        ("info:eu-repo/semantics/draft", "draft"),
        ("info:eu-repo/semantics/updatedVersion", "updatedVersion"),
        ("http://purl.org/coar/version/c_970fb48d", "publishedVersion"),
    ],
)
def test_version_words_set_the_version_not_the_type(value: str, version: str) -> None:
    record = _typed("info:eu-repo/semantics/article", value)
    assert record.version == version
    assert record.type.row == "eu-repo-article"
    assert _typed(value).type.row == "default"


def test_unknown_type_word_becomes_the_genre_of_a_default_record() -> None:
    record = _typed("Primaire opgravingsgegevens")
    assert record.type == ResourceType()
    assert record.genre == "Primaire opgravingsgegevens"
    assert _rules(record, "genre") == ["types.unmatched-genre"]


def test_unknown_word_beside_a_bare_dcmi_type_is_the_genre() -> None:
    record = _typed("Text", "Interactive Simulation")
    assert (record.type.row, record.genre) == ("dcmi-text", "Interactive Simulation")


def test_status_words_and_uris_are_never_a_genre() -> None:
    record = _typed("NonPeerReviewed", "info:eu-repo/semantics/somethingNew")
    assert record.genre is None
    assert record.type.row == "default"


@pytest.mark.parametrize(
    "spec",
    ["type:ART", "74797065733D61727469636C65"],  # HAL; EPrints hex for "types=article"
)
def test_set_spec_names_the_type_when_dc_type_does_not(spec: str) -> None:
    dc = DcRecord(OaiHeader("oai:test:set", set_specs=("col_1", spec)), (DcValue("title", "T"),))
    record = crosswalk(dc)
    assert record.type.csl == "article-journal"
    assert _rules(record, "type")[0].startswith("types.set-spec:")


def test_dc_type_wins_over_set_spec() -> None:
    dc = DcRecord(OaiHeader("oai:test:set", set_specs=("type:ART",)), (DcValue("type", "Dataset"),))
    assert crosswalk(dc).type.csl == "dataset"


def test_arxiv_text_record_is_a_preprint() -> None:
    record = _walk(("type", "text"), ("identifier", "http://arxiv.org/abs/2101.00001"))
    assert (record.type.row, record.genre) == ("eu-repo-preprint", "Preprint")
    assert _rules(record, "type")[-1] == "types.inferred:eu-repo-preprint"


def test_arxiv_record_with_a_journal_ref_is_a_journal_article() -> None:
    record = _walk(
        ("type", "text"),
        ("identifier", "http://arxiv.org/abs/2101.00001"),
        ("identifier", "Test Journal of Physics 123, 064507 (2005)"),
    )
    assert (record.type.row, record.genre) == ("eu-repo-article", None)


def test_arxiv_id_does_not_retype_a_typed_record() -> None:
    record = _walk(("type", "info:eu-repo/semantics/article"), ("identifier", "arXiv:2101.00001"))
    assert record.type.row == "eu-repo-article"


def test_no_type_keeps_the_model_default() -> None:
    record = _walk(("title", "Untyped"))
    assert record.type == ResourceType()
    assert record.genre is None and record.version is None


def test_type_rows_cover_the_vocabularies_the_brief_names() -> None:
    table = load_table("types")
    matched = {m for row in table["type"] for m in row["match"]}
    for prefix in ("info:eu-repo/semantics/", "doc-type:"):
        for word in (
            "article", "bachelorthesis", "masterthesis", "doctoralthesis", "book", "bookpart",
            "review", "conferenceobject", "lecture", "workingpaper", "preprint", "report",
            "annotation", "contributiontoperiodical", "patent", "other",
        ):  # fmt: skip
            assert f"{prefix}{word}" in matched, f"{prefix}{word}"
    for word in (
        "text", "dataset", "image", "stillimage", "movingimage", "sound", "software",
        "physicalobject", "interactiveresource", "collection", "event", "service",
    ):  # fmt: skip
        assert f"http://purl.org/dc/dcmitype/{word}" in matched, word


def test_ranks_order_generic_below_specific() -> None:
    rank = {row["id"]: row["rank"] for row in load_table("types")["type"]}
    assert rank["eu-repo-other"] < rank["dcmi-text"] < rank["eu-repo-article"]
    assert rank["thesis"] < rank["eu-repo-doctoral-thesis"]
    assert load_table("types")["inferred"]["max_rank"] < rank["eu-repo-article"]


@pytest.mark.corpus
def test_seed_record_type_and_version(seed_path) -> None:
    import oaiwalk

    (record,) = list(oaiwalk.read(seed_path))
    assert (record.type.csl, record.type.bibtex, record.type.ris, record.type.bibo) == (
        "article-journal",
        "article",
        "JOUR",
        "bibo:AcademicArticle",
    )
    assert record.version == "publishedVersion"


def _at(identifier: str, *pairs: tuple[str, str]) -> Record:
    values = tuple(DcValue(element, text) for element, text in pairs)
    return crosswalk(DcRecord(OaiHeader(identifier), values))


@pytest.mark.parametrize(
    ("identifier", "pairs", "csl", "rule"),
    [
        (
            "oai:pos.sissa.it:SOMECONF2019/042",
            [("type", "Text"), ("identifier", "PoS(SOMECONF2019)042")],
            "paper-conference",
            "types.platform:pos",
        ),
        (
            "oai:pubmedcentral.nih.gov:1234567",
            [("type", "Text"), ("identifier", "http://dx.doi.org/10.1234/abc.5")],
            "article-journal",
            "types.platform:pubmed-central",
        ),
        (
            "oai:doaj.org:1234-5679",
            [("title", "Revista de Pruebas"), ("identifier", "issn: 1234-5679")],
            "periodical",
            "types.platform:doaj-journal",
        ),
    ],
)
def test_platform_implies_type(identifier, pairs, csl, rule) -> None:
    record = _at(identifier, *pairs)
    assert record.type.csl == csl
    assert rule in _rules(record, "type")


def test_platform_rows_need_their_conditions() -> None:
    # a DOAJ article (journal named in dc:source) is no periodical
    article = _at(
        "oai:doaj.org:1234-5679",
        ("identifier", "issn: 1234-5679"),
        ("source", "Revista de Pruebas, Vol 3, Iss 1, Pp 10-20 (2011)"),
    )
    assert article.type.csl != "periodical"
    # a DOAJ journal record without its ISSN read as such stays untyped
    assert _at("oai:doaj.org:1234-5679", ("title", "Revista")).type.csl == "document"
    # a specific dc:type is never overridden by the platform
    thesis = _at("oai:pos.sissa.it:X/1", ("type", "Doctoral thesis"))
    assert thesis.type.csl == "thesis"


def test_scanned_text_in_a_finding_aid_is_a_manuscript() -> None:
    record = _walk(
        ("type", "text"),
        ("type", "still image"),
        ("relation", "http://archive.example.org/findaid/ark:/99999/abc123"),
    )
    assert record.type.csl == "manuscript"
    assert "types.combination:archival-scanned-text" in _rules(record, "type")
    # without the finding aid, or with a third type word, the usual ranking decides
    assert _typed("text", "still image").type.csl != "manuscript"
    mixed = _walk(
        ("type", "text"),
        ("type", "still image"),
        ("type", "dataset"),
        ("relation", "http://archive.example.org/findaid/x"),
    )
    assert mixed.type.csl == "dataset"
