"""One test (or more) per citeproc-py compatibility fix, plus escaping properties."""

from __future__ import annotations

import html
import re

import pytest
from citeproc.source import Date, DateRange, LiteralDate
from hypothesis import given
from hypothesis import strategies as st

from oaiwalk.writers.citation import render_items
from oaiwalk.writers.citeproc_compat.dates import parse_csl_date
from oaiwalk.writers.citeproc_compat.markup import (
    CLOSE,
    DATA_QUOTE_CLOSE,
    DATA_QUOTE_OPEN,
    OPEN,
    QUOTE_CLOSE,
    QUOTE_OPEN,
    strip_marks,
    to_html,
    to_text,
)
from oaiwalk.writers.citeproc_compat.names import parse_particles
from oaiwalk.writers.citeproc_compat.richtext import parse_rich_text
from oaiwalk.writers.citeproc_compat.textcase import title_case

QUOTES = ("\u201c", "\u201d", "\u2018", "\u2019")


def entry(style: str = "apa", **item: object) -> str:
    (text,) = render_items([{"id": "a", "type": "article-journal", **item}], style=style)
    return text


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            {"family": "Laan", "given": "L. van der"},
            {"given": "L.", "dropping-particle": "van der"},
        ),
        ({"family": "van der Laan", "given": "L."}, {"non-dropping-particle": "van der"}),
        ({"family": "Woudt", "given": "C. van 't"}, {"dropping-particle": "van 't"}),
        ({"family": "d'Alembert", "given": "Jean"}, {"non-dropping-particle": "d'"}),
        ({"family": "Smith", "given": "John, Jr."}, {"given": "John", "suffix": "Jr."}),
        ({"family": "Vargas Blasco", "given": "Victor Manuel"}, {}),
    ],
)
def test_particles_split_as_citeproc_js(name: dict[str, str], expected: dict[str, str]) -> None:
    parsed = parse_particles(name)
    for key, value in expected.items():
        assert parsed[key] == value


def test_explicit_particles_and_quoted_families_are_kept() -> None:
    name = {"family": "van Gogh", "given": "V.", "non-dropping-particle": "x"}
    assert parse_particles(name) == name
    assert parse_particles({"family": '"van Gogh"', "given": "V."})["family"] == "van Gogh"


def test_particle_in_given_name_renders_once() -> None:
    text = entry(author=[{"family": "Laan", "given": "L. van der"}], title="T")
    assert text.startswith("Laan, L. van der. (n.d.).")


def test_apostrophe_particle_joins_family() -> None:
    text = entry("ieee", author=[{"family": "d'Anjou", "given": "Leo"}], title="T")
    assert "L. d\u2019Anjou," in text


def test_initialize_false_keeps_given_names() -> None:
    text = entry("chicago-author-date", author=[{"family": "Lasser", "given": "Luc L."}], title="T")
    assert text.startswith("Lasser, Luc L. n.d.")


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("data", "kind", "fields"),
    [
        ({"date-parts": [[2021, 8]]}, Date, {"year": 2021, "month": 8}),
        ({"date-parts": [["2020", "5", "3"]]}, Date, {"year": 2020, "month": 5, "day": 3}),
        ({"date-parts": [[2019], [0]]}, Date, {"year": 2019}),
        ({"date-parts": [[2020, 13]]}, Date, {"year": 2020, "season": 1}),
        ({"date-parts": [[2020, 1, 40]]}, Date, {"year": 2020, "month": 1}),
        ({"date-parts": [[2019], [2020]]}, DateRange, {}),
        ({"raw": "2019/2020"}, DateRange, {}),
        ({"raw": "2003-04-05"}, Date, {"year": 2003, "month": 4, "day": 5}),
        ({"literal": "circa 1900"}, LiteralDate, {}),
        ({"date-parts": [["20xx"]], "raw": "20xx"}, LiteralDate, {}),
    ],
)
def test_dates_parse_like_citeproc_js(data: dict[str, object], kind: type, fields: dict) -> None:
    date = parse_csl_date(data)
    assert isinstance(date, kind)
    for key, value in fields.items():
        assert date[key] == value


@pytest.mark.parametrize("data", [{}, {"date-parts": [[0]]}, {"date-parts": [["x"]]}, "", 5])
def test_empty_or_nonsense_dates_are_none(data: object) -> None:
    assert parse_csl_date(data) is None


@given(st.recursive(st.none() | st.integers() | st.text(max_size=6), st.lists, max_leaves=6))
def test_parse_date_is_total(parts: object) -> None:
    parse_csl_date({"date-parts": parts, "raw": str(parts)})


# --------------------------------------------------------------------------- rich text


def test_rich_text_tags_become_formatting() -> None:
    (piece,) = parse_rich_text("A <i>Homo sapiens</i> study")
    assert piece == (f"A {OPEN['i']}Homo sapiens{CLOSE['i']} study", False)


def test_unknown_or_unpaired_tags_stay_text() -> None:
    assert parse_rich_text("<script>x</script>") == [("<script>x</script>", False)]
    assert parse_rich_text("open <i>only") == [("open <i>only", False)]
    assert parse_rich_text("close</i> only") == [("close</i> only", False)]


def test_nocase_span_is_protected() -> None:
    assert parse_rich_text('an <span class="nocase">iPhone</span>') == [
        ("an ", False),
        ("iPhone", True),
    ]


def test_quotes_pair_and_apostrophes_curl() -> None:
    (piece,) = parse_rich_text("De 'service' klasse of d'Anjou")
    assert piece[0] == f"De {DATA_QUOTE_OPEN}service{DATA_QUOTE_CLOSE} klasse of d\u2019Anjou"


def test_nested_quotes_flip_to_inner() -> None:
    text = f"{QUOTE_OPEN}De {DATA_QUOTE_OPEN}x{DATA_QUOTE_CLOSE} y{QUOTE_CLOSE}"
    assert to_text(text, QUOTES) == "\u201cDe \u2018x\u2019 y\u201d"


def test_punctuation_stays_outside_quotes_typed_in_data() -> None:
    text = f"{DATA_QUOTE_OPEN}Wien!{DATA_QUOTE_CLOSE}. Next"
    assert to_text(text, QUOTES, inside=True) == "\u201cWien!\u201d. Next"


def test_group_with_only_a_term_from_a_choose_is_suppressed() -> None:
    text = entry(type="thesis", genre="PhD thesis", title="T", author=[{"family": "B"}])
    assert "Publication" not in text and "[PhD thesis]" in text


def test_person_and_organisation_take_no_delimiter_before_and() -> None:
    two = entry(author=[{"family": "A", "given": "B"}, {"literal": "Org"}], title="T")
    three = entry(author=[{"family": "A", "given": "B"}, {"family": "C"}, {"literal": "O"}])
    assert two.startswith("A, B. & Org.") and three.startswith("A, B., C, & O.")


def test_punctuation_moves_inside_quotes_when_the_locale_says_so() -> None:
    text = f"{QUOTE_OPEN}Title{QUOTE_CLOSE}, next"
    assert to_text(text, QUOTES, inside=True) == "\u201cTitle,\u201d next"
    assert to_text(text, QUOTES, inside=False) == "\u201cTitle\u201d, next"


def test_italic_inside_italic_is_flipped_in_html() -> None:
    text = f"{OPEN['i']}Book on {OPEN['i']}E. coli{CLOSE['i']}{CLOSE['i']}"
    assert to_html(text, QUOTES) == (
        '<i>Book on <span style="font-style:normal;">E. coli</span></i>'
    )


# --------------------------------------------------------------------------- element fixes


def test_period_after_question_mark_is_dropped() -> None:
    text = entry(author=[{"family": "Dalen", "given": "H."}], title="Can it work?", volume="3")
    assert text == "Dalen, H. (n.d.). Can it work? 3."


def test_title_substitute_is_not_repeated() -> None:
    text = entry(title="An old map", publisher="Unknown", issued={"date-parts": [[1850]]})
    assert text.count("An old map") == 1


def test_second_field_align_margin() -> None:
    (text,) = render_items([{"id": "a", "type": "book", "title": "T"}], style="ieee", html=True)
    assert text.startswith('<div class="csl-left-margin">[1]</div><div class="csl-right-inline">')


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a study of liver-derived cells", "A Study of Liver-Derived Cells"),
        ("a thesis without a date", "A Thesis without a Date"),
        ("dated 20xx: the end", "Dated 20xx: The End"),
        ("the iPhone and NASA", "The iPhone and NASA"),
    ],
)
def test_title_case_like_citeproc_js(text: str, expected: str) -> None:
    assert str(title_case(text)) == expected


def test_cached_style_is_reused() -> None:
    from oaiwalk.writers.citeproc_compat.style import load_style
    from oaiwalk.writers.styles import resolve_style

    path = resolve_style("apa")
    assert load_style(path, "en-US") is load_style(path, "en-US")
    assert load_style(path, "en-US") is not load_style(path, "de-DE")


# --------------------------------------------------------------------------- escaping

_TAG = re.compile(r"</?(?:i|b|sup|sub|div|span)\b[^>]*>")


@given(st.text(max_size=60))
def test_html_never_lets_data_through_as_markup(title: str) -> None:
    """Whatever the title, tags in the output are ours and the data reads back."""
    (out,) = render_items(
        [{"id": "a", "type": "book", "title": title + "x"}], style="apa", html=True
    )
    without_tags = _TAG.sub("", out)
    assert "<" not in without_tags and ">" not in without_tags
    assert not re.search(r"&(?!#\d+;)", without_tags)


@given(st.text(max_size=40))
def test_marks_cannot_be_forged_by_data(text: str) -> None:
    cleaned = strip_marks(text)
    assert to_html(cleaned, QUOTES) == re.sub(
        "[&<>]", lambda m: {"&": "&#38;", "<": "&#60;", ">": "&#62;"}[m.group()], cleaned
    )
    assert html.unescape(to_html(cleaned, QUOTES)) == cleaned


def test_disambiguate_condition_is_false_for_a_lone_entry() -> None:
    (cite,) = render_items(
        [{"id": "a", "type": "book", "title": "Sample Title", "author": [{"family": "Doe"}]}],
        style="modern-language-association",
        cite=True,
    )
    assert cite == "(Doe)"
