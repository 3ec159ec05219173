"""What regex_screens reads from table patterns: required characters and identifier screens."""

from __future__ import annotations

import re

import pytest

from oaiwalk.crosswalk.regex_screens import required_chars, screen_of


@pytest.mark.parametrize(
    ("pattern", "needs"),
    [
        (r"^(?P<t>[^;]+);\s*\((\d+)\)$", {";", "(", ")"}),
        (r"(?i)x\.?,\s*(?:no|nr)\.", {",", "."}),  # letters under IGNORECASE: no
        (r"Vol\.?(?:;|;\s)|;", {";"}),  # a literal every branch has
        (r"a,(?:b:)?(?=c)", {"a", ","}),  # optional groups and lookaheads add nothing
        (r"(?i:ab)c+", {"c"}),
        (r"(?i)a(?-i:B)", {"B"}),  # a case-sensitive group inside IGNORECASE
        (r"(?>a;)+b*+c", {"a", ";", "c"}),  # atomic groups and possessive repeats
        (r"é\((x)\)", {"é", "(", ")", "x"}),
    ],
)
def test_required_characters_of_a_row_pattern(pattern: str, needs: set[str]) -> None:
    assert required_chars(re.compile(pattern)) == needs


def test_screens_of_patterns_the_analysis_reads() -> None:
    assert screen_of(re.compile(r"(?i)^(?:doi:|info:doi/)\s*10\.")) == (
        frozenset({"d", "i"}),
        ("doi:", "info:doi/"),
        ("doi:", "info:doi/"),
    )
    assert screen_of(re.compile(r"^\s*x")).first == frozenset({" ", "\t", "\n", "\r", "\x0b",
        "\x0c", "\x1c", "\x1d", "\x1e", "\x1f", "x"})  # fmt: skip
    assert screen_of(re.compile(r"^$")) == (None, None, None)  # matches the empty string
    assert screen_of(re.compile(r"^(?=\d)(?:ab|c)*x")).starts is None
    assert screen_of(re.compile(r"(?i)^\u212a")).first is None  # Kelvin sign matches "k"
    assert screen_of(re.compile(r"[^a]b")).first is None


def test_atomic_and_possessive_parts_screen_as_plain_ones() -> None:
    plain = screen_of(re.compile(r"(?i)^(?:hdl:)\s*\d+/(?:\w+)+"))
    assert screen_of(re.compile(r"(?i)^(?>hdl:)\s*+\d++/(?>\w+)+")) == plain


def test_texts_do_not_run_across_group_bounds() -> None:
    assert screen_of(re.compile(r"ab(?:cd)?ef")).needs == ("ef",)  # not "abef"; a tie: the last
    assert screen_of(re.compile(r"ab(cde)")).needs == ("cde",)


def test_an_unreadable_pattern_screens_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    from oaiwalk.crosswalk import regex_screens

    def fail(pattern: re.Pattern[str]) -> None:
        raise re.error("unknown construct")  # as a future re._parser might

    monkeypatch.setattr(regex_screens, "_parse", fail)
    assert screen_of(re.compile("abc")) == (None, None, None)
    assert required_chars(re.compile("abc")) == frozenset()
