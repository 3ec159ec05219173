"""Mojibake (UTF-8 read as Latin-1/Windows-1252): repaired when certain, noted, else left."""

from __future__ import annotations

import pytest

from oaiwalk.crosswalk import crosswalk
from oaiwalk.crosswalk.mojibake import describe_repair, repair_mojibake
from oaiwalk.crosswalk.textclean import clean_inline, clean_line, clean_paragraphs
from oaiwalk.model import DcRecord, DcValue, OaiHeader


@pytest.mark.parametrize(
    ("broken", "repaired"),
    [
        # from b2find's copy of an E-LIS record (corpus file 107)
        (
            '"365 dÃ\xadas de libros": blog para la promociÃ³n de la lectura',
            '"365 días de libros": blog para la promoción de la lectura',
        ),
        ("LÃ³pez-HernÃ¡ndez, Francisco", "López-Hernández, Francisco"),
        ("El Profesional de la InformaciÃ³n", "El Profesional de la Información"),
        # Windows-1252 quotes: "â€™" and C1 bytes read as Latin-1 ("â\x80\x99")
        ("dâ€™hyponymie", "d’hyponymie"),
        ("called â\x80\x98wetâ\x80\x99 or", "called ‘wet’ or"),
        ("1200-3300 Ã\x85 range", "1200-3300 Å range"),  # Ångström
        ("GeneChipsÂ® as", "GeneChips® as"),
        ("ÃƒÂ©cole", "école"),  # read wrongly twice
        ("Müller, J. and LÃ³pez, M.", "Müller, J. and López, M."),  # beside correct text
    ],
)
def test_mojibake_is_repaired(broken: str, repaired: str) -> None:
    assert repair_mojibake(broken) == repaired


@pytest.mark.parametrize(
    "text",
    [
        "SÃO PAULO",  # Portuguese capital Ã
        "IRMÃ\u00a0E MÃE",  # capital Ã before a no-break space: ambiguous, left
        "Nguyễn Thị Minh Khai: Tiếng Việt có dấu",
        "Cílem článku je předcházet větším obtížím",  # "íž" passes the screen, not ftfy
        "Ærø, Øresund, Åse Ødegård",
        "Crème brûlée à la française",
        "Grüße aus Köln",
        "plain ASCII title",
        "Â",
    ],
)
def test_legitimate_text_is_left_alone(text: str) -> None:
    assert repair_mojibake(text) == text


def test_cleaning_repairs_every_kind_of_value() -> None:
    assert clean_line("la promociÃ³n") == "la promoción"
    assert clean_inline("InformaciÃ³n") == "Información"
    assert clean_paragraphs("validÃ©s\n\nconsultÃ©") == "validés\nconsulté"
    assert clean_line("<i>InformaciÃ³n</i> &amp; m&Atilde;&sup3;s") == "Información & mós"


def test_describe_repair_names_the_first_word_and_counts_the_rest() -> None:
    assert describe_repair("a LÃ³pez b HernÃ¡ndez", "a López b Hernández") == (
        '"LÃ³pez" -> "López" and 1 more'
    )


def _walk(*values: DcValue):
    return crosswalk(DcRecord(OaiHeader("oai:test:mojibake"), values))


def test_record_fields_are_repaired_and_each_repair_is_noted() -> None:
    record = _walk(
        DcValue("title", '"365 dÃ\xadas de libros": blog para la promociÃ³n de la lectura'),
        DcValue("creator", "LÃ³pez-HernÃ¡ndez, Francisco"),
        DcValue("publisher", "Universidad Carlos III de Madrid. Biblioteca"),
        DcValue("subject", "PromociÃ³n de la lectura"),
    )
    assert record.title == '"365 días de libros": blog para la promoción de la lectura'
    assert [(a.family, a.given) for a in record.author] == [("López-Hernández", "Francisco")]
    assert record.subjects == ("Promoción de la lectura",)
    notes = [n for n in record.provenance.notes if "mojibake" in n]
    assert [n.split(":")[0] for n in notes] == ["title[0]", "creator[1]", "subject[3]"]
    assert '"LÃ³pez-HernÃ¡ndez," -> "López-Hernández,"' in notes[1]


def test_clean_record_gets_no_note() -> None:
    record = _walk(DcValue("title", "Grüße aus Köln"), DcValue("creator", "Müller, Jörg"))
    assert record.title == "Grüße aus Köln" and record.provenance.notes == ()
