"""Languages: dc:language values to BCP 47 through langcodes, table overrides first."""

from __future__ import annotations

import pytest

from oaiwalk.crosswalk import crosswalk
from oaiwalk.crosswalk.languages import guess_language, to_bcp47
from oaiwalk.model import DcRecord, DcValue, OaiHeader, Record


def _walk(*languages: str) -> Record:
    values = tuple(DcValue("language", text) for text in languages)
    return crosswalk(DcRecord(OaiHeader("oai:test:languages"), values))


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("eng", "en"),
        ("en", "en"),
        ("EN", "en"),
        ("en_US", "en-US"),
        ("pt_BR", "pt-BR"),
        ("spa", "es"),
        ("fre", "fr"),
        ("fra", "fr"),
        ("ger", "de"),
        ("deu", "de"),
        ("cze", "cs"),
        ("Spanish", "es"),
        ("español", "es"),
        ("Castellano", "es"),
        ("Deutsch", "de"),
        ("français", "fr"),
        ("Nederlands", "nl"),
        ("English.", "en"),
        ("Latin", "la"),
    ],
)
def test_codes_and_names(text: str, tag: str) -> None:
    assert to_bcp47(text)[0] == tag


@pytest.mark.parametrize(
    "text", ["other", "und", "zxx", "mul", "Latn", "Language note", "qqqq zzz", "--"]
)
def test_junk_is_no_language(text: str) -> None:
    assert to_bcp47(text)[0] is None


def test_language_is_the_first_and_languages_all_without_duplicates() -> None:
    record = _walk("other", "ger", "eng", "deu")
    assert record.language == "de"
    assert record.languages == ("de", "en")
    decisions = {d.field: d for d in record.provenance.decisions}
    assert decisions["language"].sources == (1, 3)
    assert decisions["language"].rule == "languages.code"
    assert decisions["languages"].sources == (1, 3, 2)
    [entry] = record.provenance.rejected
    assert entry.index == 0 and "languages:dspace-other" in entry.reason


def test_unknown_words_are_rejected_not_guessed() -> None:
    record = _walk("Bibliography in appendix")
    assert record.language is None
    assert record.provenance.rejected[0].reason == "not a language"


def test_dspace_display_names_keep_the_region() -> None:
    assert to_bcp47("English (United States)")[0] == "en-US"
    assert to_bcp47("Portuguese (Brazil)")[0] == "pt-BR"
    assert to_bcp47("Spanish (Atlantis)")[0] == "es"


def test_several_languages_in_one_value() -> None:
    record = _walk("eng; spa", "English and French", "Spanish, Castilian")
    assert record.languages == ("en", "es", "fr")
    assert record.language == "en"
    assert record.provenance.rejected == ()


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        (
            "We measure how heat flows through the layered films and find that it is limited by "
            "the grain boundaries.",
            "en",
        ),
        (
            "Wir messen, wie die Wärme durch die Schichten fließt, und finden, dass sie von den "
            "Korngrenzen begrenzt wird.",
            "de",
        ),
        (
            "Mesurem com flueix la calor a través de les capes i trobem que està limitada per "
            "les fronteres dels grans.",
            "ca",
        ),
        (
            "Medimos cómo fluye el calor a través de las capas y encontramos que está limitado "
            "por los bordes de los granos.",
            "es",
        ),
        (
            "We meten hoe de warmte door de lagen stroomt en vinden dat die wordt beperkt door "
            "de korrelgrenzen van het materiaal.",
            "nl",
        ),
    ],
)
def test_guess_language_of_prose(text: str, tag: str) -> None:
    assert guess_language(text) == tag


def test_guess_language_declines_short_or_unknown_text() -> None:
    assert guess_language("Thermal conductivity of films") is None
    assert (
        guess_language(
            "Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor "
            "incididunt"
        )
        is None
    )


def test_ascii_word_split_equals_the_word_regex() -> None:
    """The translate-and-split fast path finds exactly the runs ``_WORD`` finds."""
    from oaiwalk.crosswalk.languages import _WORD, _words_of

    every_ascii = "".join(chr(c) for c in range(128))
    for text in (every_ascii, "don't stop_me now 42x y2k a-b", "l'été est là", ""):
        assert _words_of(text.lower()) == _WORD.findall(text.lower())
