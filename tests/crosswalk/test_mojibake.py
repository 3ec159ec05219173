"""Mojibake (UTF-8 read as Latin-1/Windows-1252): repaired when certain, noted, else left."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oaiwalk.crosswalk import crosswalk
from oaiwalk.crosswalk.mojibake import describe_repair, repair_mojibake, repair_record
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


def test_repair_record_repairs_every_element_and_notes_it() -> None:
    dc = DcRecord(
        OaiHeader("oai:test:mojibake"),
        (
            DcValue("title", "Grüße aus Köln"),
            DcValue("relation", "El Profesional de la InformaciÃ³n"),
        ),
        repairs=("oai_dc:dc and its elements have no namespace",),
    )
    repaired = repair_record(dc)
    assert [v.text for v in repaired.values] == [
        "Grüße aus Köln",
        "El Profesional de la Información",
    ]
    assert repaired.repairs == (
        "oai_dc:dc and its elements have no namespace",
        "relation[1]: mojibake repaired (UTF-8 read as Latin-1/Windows-1252): "
        '"InformaciÃ³n" -> "Información"',
    )
    assert dc.values[1].text.endswith("InformaciÃ³n")  # the input is not changed


def test_repair_record_returns_a_clean_record_itself() -> None:
    dc = DcRecord(OaiHeader("oai:test:clean"), (DcValue("title", "Grüße aus Köln"),))
    assert repair_record(dc) is dc


def test_a_repaired_record_crosswalks_without_a_second_note() -> None:
    dc = DcRecord(OaiHeader("oai:test:twice"), (DcValue("creator", "LÃ³pez, Ana"),))
    record = crosswalk(repair_record(dc))
    assert record.author[0].family == "López"
    assert len([n for n in record.provenance.notes if "mojibake" in n]) == 1


# Real words of languages written in Latin script with diacritics.
_WORDS = st.sampled_from(
    "días promoción información López Hernández Penadés validés sémantiques être façon "
    "hébreu Müller Grüße Köln Straße Ærø Øresund Ålesund Dvořák Łódź Gdańsk Kraków "
    "obtížím předcházet Ürümqi İstanbul Şişli Árvíztűrő tükörfúrógép Þórsmörk Ça naïve "
    "cœur œuvre Œdipe São João Conceição coração Ñandú Citroën Zürich Liège".split()
)


@given(st.lists(_WORDS, min_size=1, max_size=8), st.sampled_from([" ", ", ", " - ", ": "]))
def test_utf8_read_as_latin1_or_cp1252_round_trips(words: list[str], separator: str) -> None:
    text = separator.join(words)
    assert repair_mojibake(text.encode("utf-8").decode("latin-1")) == text
    try:  # cp1252 leaves five bytes undefined: such a reading loses them, and is no case
        as_cp1252 = text.encode("utf-8").decode("cp1252")
    except UnicodeDecodeError:
        as_cp1252 = text
    # ftfy may judge a short Windows-1252 reading plausible text ("ÅžiÅŸli"): left, never
    # half-repaired or garbled
    assert repair_mojibake(as_cp1252) in (text, as_cp1252)
    assert repair_mojibake(text) == text  # and the correct text is left as it is


def test_a_repaired_text_is_not_decoded_a_second_time() -> None:
    # "ßœ" read as Latin-1; after one round, "ßœ" could be read as UTF-8 again ("ߜ")
    assert repair_mojibake("ßœ a".encode().decode("latin-1")) == "ßœ a"
