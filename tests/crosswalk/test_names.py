"""Names: person shapes, particles, roles, organisations, affiliations, placeholders."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oaiwalk.crosswalk import crosswalk
from oaiwalk.crosswalk.name_parser import organisation_rule, read_name
from oaiwalk.model import DcRecord, DcValue, OaiHeader, Record


def _walk(*pairs: tuple[str, str], csl_type: str | None = None) -> Record:
    values = tuple(DcValue(element, text) for element, text in pairs)
    if csl_type:
        values += (DcValue("type", csl_type),)
    return crosswalk(DcRecord(OaiHeader("oai:test:names"), values))


def _parts(text: str) -> dict[str, str]:
    name = read_name(text).name
    assert name is not None
    keys = ("family", "given", "literal", "non_dropping_particle", "suffix", "orcid", "life_dates")
    return {k: getattr(name, k) for k in keys if getattr(name, k)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Okafor, Chidinma", {"family": "Okafor", "given": "Chidinma"}),
        ("Ruiz Ortega, Ana Belén", {"family": "Ruiz Ortega", "given": "Ana Belén"}),
        ("Marchetti, Jean-Luc", {"family": "Marchetti", "given": "Jean-Luc"}),
        ("Lindqvist, K.-H.", {"family": "Lindqvist", "given": "K.-H."}),
        ("Brandt, P. -w.", {"family": "Brandt", "given": "P.-w."}),
        ("Haddad RK", {"family": "Haddad", "given": "R. K."}),
        ("Tomasz Wielgus", {"family": "Wielgus", "given": "Tomasz"}),
        ("Mireille DUPONTEL", {"family": "Dupontel", "given": "Mireille"}),
        ("Clara Ines Montoya", {"family": "Montoya", "given": "Clara Ines"}),
    ],
)
def test_person_shapes(text: str, expected: dict[str, str]) -> None:
    assert _parts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "van der Berg, Joost",
            {"family": "Berg", "given": "Joost", "non_dropping_particle": "van der"},
        ),
        ("Hoek, T. van den", {"family": "Hoek", "given": "T.", "non_dropping_particle": "van den"}),
        ("Vries de, H.", {"family": "Vries", "given": "H.", "non_dropping_particle": "de"}),
        (
            "Anton von Weissach",
            {"family": "Weissach", "given": "Anton", "non_dropping_particle": "von"},
        ),
        (
            "Louis de la Tourelle Brun",
            {"family": "Tourelle Brun", "given": "Louis", "non_dropping_particle": "de la"},
        ),
        # capitalised particles stay in the family name, as citeproc-js reads them
        ("Van Looy, Marc", {"family": "Van Looy", "given": "Marc"}),
        ("Di Stefano, Paola", {"family": "Di Stefano", "given": "Paola"}),
        ("Goossens-ter Horst, E.", {"family": "Goossens-ter Horst", "given": "E."}),
    ],
)
def test_particles(text: str, expected: dict[str, str]) -> None:
    assert _parts(text) == expected


@pytest.mark.parametrize(
    ("text", "suffix"),
    [
        ("Carver, George W., Jr.", "Jr."),
        ("Hale, Thomas, III", "III"),
        ("Peter Lund Sr.", "Sr."),
        ("Ignatius Brennan, S.J.", "S.J."),
    ],
)
def test_suffixes(text: str, suffix: str) -> None:
    parts = _parts(text)
    assert parts["suffix"] == suffix
    assert suffix not in parts.get("given", "")


def test_life_dates_are_kept_out_of_the_given_name() -> None:
    assert _parts("Humboldt, Wilhelm, 1767-1835") == {
        "family": "Humboldt",
        "given": "Wilhelm",
        "life_dates": "1767-1835",
    }
    assert _parts("Ortiz, Lucia, (1931 - 2009)")["life_dates"] == "1931-2009"
    assert _parts("Kerr, Alan B., 1950-")["life_dates"] == "1950-"


@pytest.mark.parametrize(
    "text",
    [
        "Moreau, Lise (0000-0001-5109-3700)",
        "Moreau, Lise ; https://orcid.org/0000-0001-5109-3700",
        "Moreau, Lise https://orcid.org/0000-0001-5109-3700",
        "Moreau, Lise [orcid: 0000-0001-5109-3700]",
    ],
)
def test_orcid_beside_a_name(text: str) -> None:
    assert _parts(text) == {"family": "Moreau", "given": "Lise", "orcid": "0000-0001-5109-3700"}


def test_orcid_in_an_attribute_and_with_check_digit_x() -> None:
    reading = read_name(
        "Abe, Kenji", (("{urn:example}id", "https://orcid.org/0000-0002-7613-440x"),)
    )
    assert reading.name is not None and reading.name.orcid == "0000-0002-7613-440X"


def test_cjk_and_cyrillic_names_are_never_mangled() -> None:
    # no space: where the family name ends is unknown, so a literal, printed as written
    assert _parts("李明华") == {"literal": "李明华"}
    assert not read_name("李明华").is_organisation
    assert _parts("佐藤 花子") == {"family": "佐藤", "given": "花子"}
    assert _parts("Петров Сергей Николаевич") == {"family": "Петров", "given": "Сергей Николаевич"}
    assert _parts("Петров, Сергей") == {"family": "Петров", "given": "Сергей"}
    assert _parts("Ольга Смирнова") == {"family": "Смирнова", "given": "Ольга"}


@pytest.mark.parametrize(
    "text",
    [
        "World Meteorological Organization",
        "CERN. Geneva",
        "Institut de Ciències del Mar",
        "University of Tartu",
        "Universidad Nacional de Córdoba",
        "Department of Applied Physics",
        "The ALICE Collaboration",
        "Nordic Bioinformatics Consortium",
        "Hansen & Berg Ltd",
        "Acme Optics Inc.",
        "Landesamt für Denkmalpflege",
        "Bayerische Staatsbibliothek",
        "Field Survey Group",
        "Harbor Views - Aerial",
        "Obtained from the Protein Data Bank",
    ],
)
def test_organisations_are_literal_names(text: str) -> None:
    assert organisation_rule(text) is not None
    assert _parts(text) == {"literal": text}


@pytest.mark.parametrize(
    "text", ["Han, The Long", "Okafor, Chidinma", "Petit, B.V.", "Lopez, S.A."]
)
def test_persons_are_not_organisations(text: str) -> None:
    assert organisation_rule(text) is None


@pytest.mark.parametrize(
    ("text", "field", "role"),
    [
        ("Keller, Maria (advisor)", "director", "advisor"),
        ("Keller, Maria [Tutor]", "director", "Tutor"),
        ("Keller, Maria, director de tesis", "director", "director de tesis"),
        ("Keller, M., prof. dr. (promotor)", "director", "promotor"),
        ("Keller, Maria (ed.)", "editor", "ed."),
        ("Keller, Maria (eds.)", "editor", "eds."),
        ("Keller, Maria, editor", "editor", "editor"),
        ("Keller, Maria (Hrsg.)", "editor", "Hrsg."),
        ("Keller, Maria (translator)", "contributor", "translator"),
    ],
)
def test_roles_choose_the_field(text: str, field: str, role: str) -> None:
    record = _walk(("contributor", text))
    names = getattr(record, field)
    assert [(n.family, n.given) for n in names] == [("Keller", "M." if "M.," in text else "Maria")]
    assert names[0].role == role
    rules = {d.rule for d in record.provenance.decisions if d.field == field}
    assert any(rule.startswith("names:") for rule in rules)


def test_role_from_an_attribute() -> None:
    values = (
        DcValue(
            "creator",
            "Ngata, Hemi",
            attributes=(("{http://www.language-archives.org/OLAC/1.0/}code", "compiler"),),
        ),
    )
    record = crosswalk(DcRecord(OaiHeader("oai:test:olac"), values))
    assert [n.family for n in record.editor] == ["Ngata"] and not record.author


def test_contributor_organisations_and_affiliations_never_become_names() -> None:
    long_affiliation = (
        "[Okafor C] Department of Hepatology, City Hospital, Lagos, Nigeria. "
        "[Ruiz A] Unitat de Recerca, Hospital del Mar, Barcelona, Spain"
    )
    record = _walk(
        ("creator", "Okafor, Chidinma"),
        ("creator", "Ruiz Ortega, Ana Belén"),
        ("contributor", "Servei Català de Recerca"),
        ("contributor", long_affiliation),
        ("contributor", "Hospital del Mar Research Campus"),
        ("contributor", "Common minerals"),
    )
    assert [n.display() for n in record.author] == ["Okafor, Chidinma", "Ruiz Ortega, Ana Belén"]
    assert record.contributor == () and record.editor == () and record.director == ()
    assert record.affiliations == (
        "Servei Català de Recerca",
        long_affiliation,
        "Hospital del Mar Research Campus",
        "Common minerals",
    )
    decided = {
        i for d in record.provenance.decisions if d.field == "affiliations" for i in d.sources
    }
    assert decided == {2, 3, 4, 5}


def test_creator_organisation_is_a_literal_author() -> None:
    record = _walk(("creator", "World Meteorological Organization"))
    assert record.author[0].literal == "World Meteorological Organization"


@pytest.mark.parametrize(
    "text", ["Name of contributor", "[Unknown]", "unknown", "Anonymous", "N/A"]
)
def test_placeholders_are_rejected_with_a_reason(text: str) -> None:
    record = _walk(("creator", text), ("creator", "Okafor, Chidinma"))
    assert [n.family for n in record.author] == ["Okafor"]
    [entry] = record.provenance.rejected
    assert entry.index == 0 and "names nobody (names:" in entry.reason


def test_identical_names_are_kept_once_and_both_values_are_used() -> None:
    record = _walk(
        ("creator", "Okafor, Chidinma"),
        ("creator", "Okafor,  Chidinma "),
        ("creator", "Tomasz Wielgus"),
    )
    assert [n.display() for n in record.author] == ["Okafor, Chidinma", "Wielgus, Tomasz"]
    used = {i for d in record.provenance.decisions if d.field == "author" for i in d.sources}
    assert used == {0, 1, 2}


def test_several_names_in_one_value_are_split() -> None:
    record = _walk(("creator", "Okafor, C.; Wielgus, T."))
    assert [n.family for n in record.author] == ["Okafor", "Wielgus"]


def test_thesis_contributor_is_its_director() -> None:
    record = _walk(
        ("creator", "Okafor, Chidinma"),
        ("contributor", "Keller, Maria"),
        csl_type="info:eu-repo/semantics/doctoralThesis",
    )
    assert record.type.csl == "thesis"
    assert [n.family for n in record.director] == ["Keller"]
    assert any(d.rule == "names.thesis-contributor-director" for d in record.provenance.decisions)


def test_every_name_value_has_a_rule() -> None:
    record = _walk(("creator", "Haddad RK"), ("contributor", "Keller, Maria (ed.)"))
    by_index = {i: d.rule for d in record.provenance.decisions for i in d.sources}
    assert by_index.keys() >= {0, 1}
    rules = [d.rule for d in record.provenance.decisions]
    assert "names.pubmed-initials" in rules and "names:editor" in rules


def test_affiliation_beside_a_person_goes_to_affiliations() -> None:
    record = _walk(
        ("creator", "Moreau, Lise (Université de Lyon)"), ("creator", "Abe, K. (RIKEN-AIP)")
    )
    assert [n.display() for n in record.author] == ["Moreau, Lise", "Abe, K."]
    assert record.affiliations == ("Université de Lyon", "RIKEN-AIP")
    rules = {(d.field, d.rule) for d in record.provenance.decisions}
    assert ("affiliations", "names.qualifier-affiliation") in rules


def test_emails_and_et_al_are_dropped_and_bare_initials_get_dots() -> None:
    assert _parts("Okafor, Chidinma <c.okafor@example.org>") == {
        "family": "Okafor",
        "given": "Chidinma",
    }
    assert _parts("Okafor, C. et al.") == {"family": "Okafor", "given": "C."}
    assert _parts("Okafor, CN") == {"family": "Okafor", "given": "C. N."}


NAME_PIECES = st.sampled_from(
    [
        "Okafor",
        "van",
        "de",
        ", ",
        " ",
        "(",
        ")",
        "[",
        "]",
        ";",
        "Jr.",
        "C.",
        "ed.",
        "1901-",
        "0000-0002-1825-0097",
        "https://orcid.org/",
        "University",
        "of",
        "李",
        "Иван",
        "-",
        "&",
        "'s",
    ]
)


@given(st.one_of(st.text(max_size=30), st.lists(NAME_PIECES, max_size=8).map("".join)))
def test_any_string_reads_without_error_and_keeps_its_raw_text(text: str) -> None:
    reading = read_name(text)
    if reading.name is not None:
        assert reading.name.raw == text
        assert reading.name.display() or not text.strip(" ;,()[]")


def test_several_names_separated_by_commas() -> None:
    record = _walk(
        ("creator", "Okafor, C., Wielgus, T.-J."), ("creator", "Haddad RK, Lindqvist K, Moreau LA")
    )
    assert [n.display() for n in record.author] == [
        "Okafor, C.",
        "Wielgus, T.-J.",
        "Haddad, R. K.",
        "Lindqvist, K.",
        "Moreau, L. A.",
    ]


def test_capitalised_family_in_inverted_form() -> None:
    assert _parts("DUPONTEL, Mireille") == {"family": "Dupontel", "given": "Mireille"}
    assert _parts("DE LA TORRE, Inés") == {
        "family": "Torre",
        "given": "Inés",
        "non_dropping_particle": "de la",
    }


def test_rda_life_dates_with_relator_and_shouted_names() -> None:
    reading = read_name("Ndlovu, Themba S., 1938- editor.")
    assert reading.name is not None and reading.name.life_dates == "1938-"
    assert reading.role_field == "editor" and reading.name.given == "Themba S."
    assert _parts("NDLOVU, THEMBA S.") == {"family": "Ndlovu", "given": "Themba S."}


def test_creator_repeated_as_contributor_is_one_author() -> None:
    record = _walk(
        ("creator", "Okafor, C."), ("contributor", "Okafor, C."), ("contributor", "Keller, M.")
    )
    assert [n.family for n in record.author] == ["Okafor"]
    assert [n.family for n in record.contributor] == ["Keller"]
    used = {i for d in record.provenance.decisions if d.field == "author" for i in d.sources}
    assert used == {0, 1}
