"""dc:publisher: translations, catalogue "Place : Publisher", duplicates, several names."""

from __future__ import annotations

from oaiwalk.crosswalk import crosswalk
from oaiwalk.model import DcRecord, DcValue, OaiHeader


def _record(*values: DcValue):
    dc = DcRecord(OaiHeader(identifier="oai:x:1"), (DcValue("title", "T"), *values))
    return crosswalk(dc)


def test_one_publisher() -> None:
    assert _record(DcValue("publisher", " Elsevier ")).publisher == "Elsevier"


def test_translation_in_the_record_language_wins_and_the_other_is_used() -> None:
    record = _record(
        DcValue("language", "spa"),
        DcValue("publisher", "Universidad de Ejemplo", lang="es-ES"),
        DcValue("publisher", "University of Example", lang="en-US"),
    )
    assert record.publisher == "Universidad de Ejemplo"
    used = {i for d in record.provenance.decisions if d.field == "publisher" for i in d.sources}
    assert used == {2, 3}


def test_catalogue_place_colon_publisher_splits() -> None:
    record = _record(DcValue("publisher", "Madrid : Editorial Ejemplo"))
    assert (record.publisher_place, record.publisher) == ("Madrid", "Editorial Ejemplo")


def test_duplicates_collapse_and_distinct_names_join() -> None:
    assert _record(DcValue("publisher", "IEEE"), DcValue("publisher", "ieee")).publisher == "IEEE"
    record = _record(DcValue("publisher", "Springer"), DcValue("publisher", "Example Society"))
    assert record.publisher == "Springer; Example Society"


def test_a_colon_in_a_name_with_digits_is_not_a_place() -> None:
    assert _record(DcValue("publisher", "Press 21 : Books")).publisher == "Press 21 : Books"


def test_abbreviated_publisher_keeps_its_final_dot() -> None:
    assert _record(DcValue("publisher", "Nomos Verl.-Ges.")).publisher == "Nomos Verl.-Ges."


def test_platform_name_beside_a_publisher_is_left_out() -> None:
    record = _record(
        DcValue("publisher", "HAL CCSD"), DcValue("publisher", "American Physical Society")
    )
    assert record.publisher == "American Physical Society"
    rules = {d.rule for d in record.provenance.decisions if d.field == "publisher"}
    assert "publishers:hal-ccsd" in rules
    assert _record(DcValue("publisher", "HAL CCSD")).publisher == "HAL CCSD"


def test_contributors_are_authors_when_there_is_no_creator() -> None:
    record = _record(DcValue("contributor", "Wagelmans, A.P.M."))
    assert [a.family for a in record.author] == ["Wagelmans"] and record.contributor == ()
    kept = _record(DcValue("creator", "Smith, Jane"), DcValue("contributor", "Doe, John"))
    assert [a.family for a in kept.author] == ["Smith"]
    assert [c.family for c in kept.contributor] == ["Doe"]
