"""Name forms seen across repositories: one-word names, CJK without a space, trades with a
place, particles in inverted names, initials, arXiv's split double surnames, agents."""

from __future__ import annotations

import pytest

from oaiwalk.crosswalk import crosswalk
from oaiwalk.crosswalk.name_parser import read_name
from oaiwalk.model import DcRecord, DcValue, OaiHeader, Record

_KEYS = ("family", "given", "literal", "dropping_particle", "non_dropping_particle", "suffix")


def _parts(text: str) -> dict[str, str]:
    name = read_name(text).name
    assert name is not None
    return {k: getattr(name, k) for k in _KEYS if getattr(name, k)}


def _walk(*pairs: tuple[str, str], csl_type: str | None = None) -> Record:
    values = tuple(DcValue(element, text) for element, text in pairs)
    if csl_type:
        values += (DcValue("type", csl_type),)
    return crosswalk(DcRecord(OaiHeader("oai:test:name-forms"), values))


# ------------------------------------------------------------------ one word


@pytest.mark.parametrize("text", ["Wikipedia", "Wikimedia Commons", "UNESCO", "CERN", "OECD"])
def test_one_word_bodies_and_acronyms_are_organisations(text: str) -> None:
    reading = read_name(text)
    assert _parts(text) == {"literal": text}
    assert reading.is_organisation


@pytest.mark.parametrize("text", ["Neha", "Bharadwaj", "Multatuli", "Voltaire"])
def test_one_word_persons_stay_family_names(text: str) -> None:
    # arXiv mononyms and pen names: CSL puts a mononym in family, not literal
    reading = read_name(text)
    assert _parts(text) == {"family": text}
    assert not reading.is_organisation


def test_mononym_beside_other_authors_stays_an_author() -> None:
    record = _walk(("creator", "Thilak, A. Senthil"), ("creator", "Bharadwaj"))
    assert [n.family for n in record.author] == ["Thilak", "Bharadwaj"]


# ------------------------------------------------------------------ CJK


@pytest.mark.parametrize("text", ["某人", "李明华", "山田太郎"])
def test_cjk_name_without_a_space_is_a_literal_person(text: str) -> None:
    reading = read_name(text)
    assert _parts(text) == {"literal": text}
    assert reading.rule == "names.cjk-unsplit" and not reading.is_organisation


def test_cjk_name_with_a_space_is_split_family_first() -> None:
    assert _parts("王 小明") == {"family": "王", "given": "小明"}


def test_cjk_literal_contributor_is_a_person_not_an_affiliation() -> None:
    record = _walk(
        ("creator", "佐藤 花子"),
        ("contributor", "李明华"),
        csl_type="info:eu-repo/semantics/doctoralThesis",
    )
    assert [n.literal for n in record.director] == ["李明华"]
    assert record.affiliations == ()


# ------------------------------------------------------------------ trades with a place


@pytest.mark.parametrize(
    "text",
    [
        "Turrill-Miller Photographers, S.F.",
        "Union Photo, S.F.",
        "Bushnell Studio, San Francisco",
        "Reid Brothers Architects, S.F.",
    ],
)
def test_trade_names_with_a_place_are_organisations(text: str) -> None:
    assert _parts(text) == {"literal": text}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Miller, S.F.", {"family": "Miller", "given": "S.F."}),
        ("Studer, Anna", {"family": "Studer", "given": "Anna"}),  # "studio" is a whole word
    ],
)
def test_persons_with_initials_are_not_trades(text: str, expected: dict[str, str]) -> None:
    assert _parts(text) == expected


# ------------------------------------------------------------------ particles


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Staudt von, H.-M.", {"family": "Staudt", "given": "H.-M.", "dropping_particle": "von"}),
        ("Staudt, H.-M. von", {"family": "Staudt", "given": "H.-M.", "dropping_particle": "von"}),
        (
            "Humboldt, Alexander von",
            {"family": "Humboldt", "given": "Alexander", "dropping_particle": "von"},
        ),
        (
            "Droste zu Hülshoff, Annette von",
            # a particle inside the family name stays there
            {"family": "Droste zu Hülshoff", "given": "Annette", "dropping_particle": "von"},
        ),
    ],
)
def test_german_particle_after_an_inverted_name_is_dropping(
    text: str, expected: dict[str, str]
) -> None:
    assert _parts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Laan, L. van der", {"family": "Laan", "given": "L.", "non_dropping_particle": "van der"}),
        ("Vries de, H.", {"family": "Vries", "given": "H.", "non_dropping_particle": "de"}),
        ("Jong, G. de", {"family": "Jong", "given": "G.", "non_dropping_particle": "de"}),
        (
            "von Staudt, H.-M.",
            {"family": "Staudt", "given": "H.-M.", "non_dropping_particle": "von"},
        ),
        (
            "Anton von Weissach",
            {"family": "Weissach", "given": "Anton", "non_dropping_particle": "von"},
        ),
    ],
)
def test_dutch_and_leading_particles_stay_non_dropping(text: str, expected: dict[str, str]) -> None:
    assert _parts(text) == expected


# ------------------------------------------------------------------ initials


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("P.B. Lehning", {"family": "Lehning", "given": "P.B."}),
        ("Lehning, P.B.", {"family": "Lehning", "given": "P.B."}),
        ("H.-M. Staudt", {"family": "Staudt", "given": "H.-M."}),
        ("Gray, S. J.", {"family": "Gray", "given": "S. J."}),
        ("Jenkins, S.J.", {"family": "Jenkins", "given": "S.J."}),
        ("Mireille DUPONTEL", {"family": "Dupontel", "given": "Mireille"}),
    ],
)
def test_dotted_initials_are_given_names(text: str, expected: dict[str, str]) -> None:
    assert _parts(text) == expected


@pytest.mark.parametrize(
    ("text", "suffix"),
    [("Ignatius Brennan, S.J.", "S.J."), ("Lund, Jr.", "Jr."), ("Peter Lund, Jr.", "Jr.")],
)
def test_suffixes_after_a_full_name_stay_suffixes(text: str, suffix: str) -> None:
    assert _parts(text)["suffix"] == suffix


# ------------------------------------------------------------------ double surnames


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Carretero, J. A. Caballero", {"family": "Caballero Carretero", "given": "J. A."}),
        ("Elorrieta, M. A. Unland", {"family": "Unland Elorrieta", "given": "M. A."}),
        ("Heros, C. Pérez de los", {"family": "Pérez de los Heros", "given": "C."}),
    ],
)
def test_arxiv_split_double_surnames_are_joined(text: str, expected: dict[str, str]) -> None:
    assert _parts(text) == expected
    assert read_name(text).rule == "names.initials-then-surname"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Oppenheimer, J. Robert", {"family": "Oppenheimer", "given": "J. Robert"}),
        ("Martins, Jorge H. C.", {"family": "Martins", "given": "Jorge H. C."}),
        ("Van, N. T. Hong", {"family": "Van", "given": "N. T. Hong"}),
        ("Ruiz Ortega, Ana Belén", {"family": "Ruiz Ortega", "given": "Ana Belén"}),
        ("Penadés-De-la-Cruz, Honorio", {"family": "Penadés-De-la-Cruz", "given": "Honorio"}),
    ],
)
def test_given_names_after_initials_stay_given(text: str, expected: dict[str, str]) -> None:
    assert _parts(text) == expected


# ------------------------------------------------------------------ roles and agents


def test_capitalised_role_word_as_the_only_given_name_is_a_name() -> None:
    # ArchivesSpace's test agent "Agent, Creator"
    reading = read_name("Agent, Creator")
    assert _parts("Agent, Creator") == {"family": "Agent", "given": "Creator"}
    assert reading.role_field is None


@pytest.mark.parametrize(
    ("text", "field"),
    [("Keller, Maria, Editor", "editor"), ("Keller, ed.", "editor"), ("Keller, editor", "editor")],
)
def test_role_words_after_a_name_still_choose_the_field(text: str, field: str) -> None:
    reading = read_name(text)
    assert reading.role_field == field
    assert reading.name is not None and reading.name.family == "Keller"


# ------------------------------------------------------------------ affiliations


def test_organisation_creator_repeated_as_contributor_is_an_affiliation() -> None:
    # NARCIS theses: the university is creator and contributor beside the author
    record = _walk(
        ("creator", "Gautschi, Thomas"),
        ("contributor", "University of Groningen"),
        ("creator", "University of Groningen"),
        csl_type="info:eu-repo/semantics/doctoralThesis",
    )
    assert [n.display() for n in record.author] == ["Gautschi, Thomas"]
    assert record.affiliations == ("University of Groningen",)
    rules = {(d.field, d.rule) for d in record.provenance.decisions}
    assert ("affiliations", "names.creator-also-affiliation") in rules
    used = {i for d in record.provenance.decisions if d.field == "affiliations" for i in d.sources}
    assert used == {1, 2}


def test_organisation_creator_alone_or_not_repeated_stays_an_author() -> None:
    alone = _walk(
        ("creator", "University of Groningen"), ("contributor", "University of Groningen")
    )
    assert [n.literal for n in alone.author] == ["University of Groningen"]
    corporate = _walk(("creator", "Gautschi, Thomas"), ("creator", "Survey of India"))
    assert [n.display() for n in corporate.author] == ["Gautschi, Thomas", "Survey of India"]


# ------------------------------------------------------------------ descriptions and labels


def test_lower_case_description_after_a_direct_name_is_dropped() -> None:
    assert _parts("Mike Moore, student newspaper photographer") == {
        "family": "Moore",
        "given": "Mike",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ruiz Ortega, ana belén", {"family": "Ruiz Ortega", "given": "ana belén"}),
        ("van der Berg, jan peter", {"family": "Berg", "given": "jan peter"}),
    ],
)
def test_lower_case_given_names_are_not_descriptions(text: str, expected: dict[str, str]) -> None:
    assert {k: v for k, v in _parts(text).items() if k != "non_dropping_particle"} == expected


def test_collection_named_after_a_person_is_an_organisation() -> None:
    text = "Joseph Vaughn, S.J. Photograph Album"
    assert _parts(text) == {"literal": text}


# ------------------------------------------------------------------ order without a comma


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("P.B.Lehning", {"family": "Lehning", "given": "P.B."}),
        ("Lehning P.B.", {"family": "Lehning", "given": "P.B."}),
        ("Sartre J.-P.", {"family": "Sartre", "given": "J.-P."}),
        ("Van Dam P.", {"family": "Van Dam", "given": "P."}),
        ("J.R.R. Tolkien", {"family": "Tolkien", "given": "J.R.R."}),
        ("Jean-Paul Sartre", {"family": "Sartre", "given": "Jean-Paul"}),
    ],
)
def test_initials_before_or_after_a_family_name(text: str, expected: dict[str, str]) -> None:
    assert _parts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kim Jong-un", {"family": "Kim", "given": "Jong-un"}),
        ("Park Chan-wook", {"family": "Park", "given": "Chan-wook"}),
        ("Chiang Kai-shek", {"family": "Chiang", "given": "Kai-shek"}),
        ("Jong-un Kim", {"family": "Kim", "given": "Jong-un"}),  # Western order kept
        ("Anna Lee-smith", {"family": "Lee-smith", "given": "Anna"}),  # no listed surname
        ("Kim Jongun", {"family": "Jongun", "given": "Kim"}),  # no hyphenated syllables
        ("KIM Jongun", {"family": "Kim", "given": "Jongun"}),
    ],
)
def test_romanised_east_asian_family_first(text: str, expected: dict[str, str]) -> None:
    assert _parts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Keller, AG", {"family": "Keller", "given": "A. G."}),
        ("Smit, BV", {"family": "Smit", "given": "B. V."}),
        ("Siemens AG", {"literal": "Siemens AG"}),  # no comma: a company designation
        ("Turrill-Miller Photographers, S.F.", {"literal": "Turrill-Miller Photographers, S.F."}),
    ],
)
def test_initials_after_a_comma_are_no_company_designation(
    text: str, expected: dict[str, str]
) -> None:
    assert _parts(text) == expected
