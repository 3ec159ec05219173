"""dc:publisher: translations, catalogue "Place : Publisher", duplicates, several names."""

from __future__ import annotations

import pytest

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


# ---------------------------------------------------------------- place after the name


@pytest.mark.parametrize(
    ("value", "publisher", "place"),
    [
        # as harvested (TU Delft, ARNO, DANS EASY, Calisphere)
        (
            "NCG, Netherlands Geodetic Commission, Delft",
            "NCG, Netherlands Geodetic Commission",
            "Delft",
        ),
        (
            "IEEE Computer Society Press, Los Alamitos, California",
            "IEEE Computer Society Press",
            "Los Alamitos, California",
        ),
        (
            "ACVU-HBS, De Boelelaan 1105, 1081 HV Amsterdam, Nederland",
            "ACVU-HBS",
            "Amsterdam, Nederland",
        ),
        (
            "California Historical Society, North Baker Research Library, 678 Mission Street, "
            "San Francisco, CA 94105-4014; http://www.californiahistoricalsociety.org/",
            "California Historical Society, North Baker Research Library",
            "San Francisco, CA",
        ),
        ("Springer, Cham", "Springer", "Cham"),
        (
            "Wiley-VCH Verlag GmbH & Co. KGaA, Weinheim",
            "Wiley-VCH Verlag GmbH & Co. KGaA",
            "Weinheim",
        ),
        ("Springer-Verlag, Berlin Heidelberg", "Springer-Verlag", "Berlin Heidelberg"),
        ("Oxford University Press, Oxford OX2 6DP, UK", "Oxford University Press", "Oxford, UK"),
        ("Sage, Thousand Oaks, CA", "Sage", "Thousand Oaks, CA"),
        ("Delft University of Technology, Delft", "Delft University of Technology", "Delft"),
        ("London: Routledge", "Routledge", "London"),
        ("Routledge : London", "Routledge", "London"),
    ],
)
def test_a_place_after_the_name_goes_to_publisher_place(
    value: str, publisher: str, place: str
) -> None:
    record = _record(DcValue("publisher", value))
    assert (record.publisher, record.publisher_place) == (publisher, place)


@pytest.mark.parametrize(
    "value",
    [
        "Wiley-VCH Verlag GmbH & Co. KGaA",
        "Erasmus Research Institute of Management (ERIM), Erasmus University Rotterdam",
        "de Saisset Museum, Santa Clara University",
        "Universität Duisburg-Essen, Campus Essen, Fachbereich Wirtschaftswissenschaften",
        "School of Informatics, University of Edinburgh",
        "University of California, Berkeley",  # a campus
        "African American Museum & Library at Oakland (Oakland, Calif.)",
        "John Wiley & Sons, Ltd",
        "Taylor & Francis, Inc.",
        "Rooijen, M. van",
        "Room 101, 3 Example Street",  # an address without a place it could be in
        "Acme, Springfield",  # an unknown town with nothing to vouch for it
        "portal:Libraries and the Academy",
    ],
)
def test_a_name_without_a_recognisable_place_is_kept_whole(value: str) -> None:
    record = _record(DcValue("publisher", value))
    assert (record.publisher, record.publisher_place) == (value, None)


def test_the_trail_names_the_place_rule() -> None:
    record = _record(DcValue("publisher", "NCG, Netherlands Geodetic Commission, Delft"))
    rules = {d.field: d.rule for d in record.provenance.decisions}
    assert rules["publisher_place"] == "publishers.publisher-comma-place"
    assert rules["publisher"] == "publishers.dc-publisher"


def test_the_place_reaches_bibtex_address_and_ris_cy() -> None:
    from io import StringIO

    from oaiwalk.registry import Registry

    record = _record(
        DcValue("type", "book"),
        DcValue("publisher", "IEEE Computer Society Press, Los Alamitos, California"),
    )
    registry = Registry.from_entry_points()
    outputs = {}
    for name in ("bibtex", "ris"):
        out = StringIO()
        registry.get(name).write([record], out)
        outputs[name] = out.getvalue()
    assert "Los Alamitos, California" in outputs["bibtex"].split("address")[1].split("\n")[0]
    assert "CY  - Los Alamitos, California" in outputs["ris"]
    assert "PB  - IEEE Computer Society Press\r\n" in outputs["ris"]
