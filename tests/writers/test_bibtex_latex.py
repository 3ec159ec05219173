"""LaTeX escaping for BibTeX values: specials, braces, ASCII accents, case protection."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oaiwalk.writers.latex import (
    clean_text,
    escape_latex,
    escape_title,
    has_balanced_braces,
    verbatim_value,
)

from .bibtex_support import decode_latex, normalise

# Text with every LaTeX special, braces, backslashes, control characters and accents.
HOSTILE = st.text(
    alphabet=st.one_of(
        st.sampled_from("{}\\%&$#_^~@,=\"'`-?!<> \n\r\t\x00\x07\x1bAaéÉßøŁ–—‘’“”日"),
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
    ),
    max_size=60,
)


@pytest.mark.parametrize(
    ("raw", "latex"),
    [
        ("100% & $5 #1 a_b", r"100\% \& \$5 \#1 a\_b"),
        ("x^2 ~ y", r"x\textasciicircum{}2 \textasciitilde{} y"),
        ("C:\\path", r"C:\textbackslash{}path"),
        ("f(x) = {a, b}", r"f(x) = \{a, b\}"),
        ("}{", r"{\textbraceright}{\textbraceleft}"),
        ("a {b", r"a {\textbraceleft}b"),
        ("pages 1--2, ''q''", r"pages 1-{}-2, '{}'q'{}'"),
        ("line\nbreak\r\n  and\ttab", "line break and tab"),
        ("bell\x07 esc\x1b", "bell esc"),
    ],
)
def test_specials_are_escaped(raw: str, latex: str) -> None:
    assert escape_latex(raw) == latex


@pytest.mark.parametrize(
    ("special", "latex"),
    [
        ("\\", r"\textbackslash{}"),
        ("%", r"\%"),
        ("&", r"\&"),
        ("$", r"\$"),
        ("#", r"\#"),
        ("_", r"\_"),
        ("^", r"\textasciicircum{}"),
        ("~", r"\textasciitilde{}"),
    ],
)
def test_each_special_is_escaped_when_alone_in_a_text(special: str, latex: str) -> None:
    assert escape_latex(f"a{special}b") == f"a{latex}b"
    assert escape_latex(f"a{special}b", ascii=True) == f"a{latex}b"


@pytest.mark.parametrize(
    ("raw", "latex"),
    [
        ("café", r"caf{\'e}"),
        ("Façade", r"Fa{\c{c}}ade"),
        ("Øresund", r"{\O}resund"),
        ("Straße", r"Stra{\ss}e"),
        ("Łódź", r"{\L}{\'o}d{\'z}"),
        ("Dvořák", r"Dvo{\v{r}}{\'a}k"),
        ("García", r"Garc{\'i}a"),
        ("naïve", r"na{\"i}ve"),
        ("Ærø", r"{\AE}r{\o}"),
        ("1–2 — x", "1--2 --- x"),
        ("“q” ‘s’", r"{\textquotedblleft}q{\textquotedblright} {\textquoteleft}s{\textquoteright}"),
    ],
)
def test_ascii_mode_spells_letters_as_latex(raw: str, latex: str) -> None:
    unencoded: set[str] = set()
    assert escape_latex(raw, ascii=True, unencoded=unencoded) == latex
    assert not unencoded


def test_characters_without_portable_latex_stay_utf8_and_are_reported() -> None:
    unencoded: set[str] = set()
    assert escape_latex("日本 α ☃ é", ascii=True, unencoded=unencoded) == "日本 α ☃ {\\'e}"
    assert unencoded == {"日", "本", "α", "☃"}


def test_utf8_mode_keeps_non_ascii() -> None:
    assert escape_latex("Łódź 日本 & co") == r"Łódź 日本 \& co"


@pytest.mark.parametrize(
    ("title", "latex"),
    [
        ("DNA repair in COVID-19 patients", "{DNA} repair in {COVID}-19 patients"),
        ("The iPhone and mRNA vaccines", "The {iPhone} and {mRNA} vaccines"),
        ("SARS-CoV-2 in H1N1 models", "{SARS}-{CoV}-2 in {H1N1} models"),
        ("Impact of Brexit on trade in Europe", "Impact of {Brexit} on trade in {Europe}"),
        ("Phase Transitions in Liquid Crystals", "Phase Transitions in Liquid Crystals"),
        ("Vitamin D: a review", "Vitamin {D}: a review"),
        ("Liver disease: Results of a trial", "Liver disease: Results of a trial"),
        ("ALL CAPITALS TITLE FROM AN OLD RECORD", "ALL CAPITALS TITLE FROM AN OLD RECORD"),
        ("Études sur l'ADN", "{\\'E}tudes sur l'{ADN}"),
    ],
)
def test_title_protects_case_sensitive_words_only(title: str, latex: str) -> None:
    assert escape_title(title, ascii=True) == latex


def test_verbatim_values_keep_percent_and_hash_and_encode_braces() -> None:
    url = "https://ex.org/a%20b?q={x}&r=\\y z#frag_1~"
    assert verbatim_value(url) == "https://ex.org/a%20b?q=%7Bx%7D&r=%5Cyz#frag_1~"
    assert verbatim_value("https://ex.org/café", ascii=True) == "https://ex.org/caf%C3%A9"
    assert verbatim_value("https://ex.org/café") == "https://ex.org/café"


def test_balance_check_counts_braces_as_bibtex_does() -> None:
    assert has_balanced_braces(r"a {b} \{c\}")
    assert not has_balanced_braces(r"a \} b \{")
    assert not has_balanced_braces("{")


@given(HOSTILE, st.booleans())
def test_escaped_text_has_balanced_braces(text: str, ascii: bool) -> None:
    assert has_balanced_braces(escape_latex(text, ascii=ascii))
    assert has_balanced_braces(escape_title(text, ascii=ascii))


@given(HOSTILE, st.booleans())
def test_escaped_text_has_no_raw_special_or_line_break(text: str, ascii: bool) -> None:
    latex = escape_latex(text, ascii=ascii)
    stripped = latex
    for command in (r"\%", r"\&", r"\$", r"\#", r"\_", r"\{", r"\}"):
        stripped = stripped.replace(command, "")
    assert not set("%&$#_\n\r") & set(stripped)
    commands = re.sub(r"\\text(asciicircum|asciitilde)|\{\\[\^~]", "", latex)  # accents
    assert "^" not in commands and "~" not in commands


@given(HOSTILE)
def test_utf8_text_reads_back_through_pylatexenc(text: str) -> None:
    assert decode_latex(escape_latex(text)) == normalise(text)
    assert decode_latex(escape_title(text)) == normalise(text)


@given(HOSTILE)
def test_ascii_text_reads_back_and_is_ascii_but_for_reported_characters(text: str) -> None:
    unencoded: set[str] = set()
    latex = escape_latex(text, ascii=True, unencoded=unencoded)
    assert {ch for ch in latex if ord(ch) > 127} <= unencoded
    assert decode_latex(latex) == normalise(text)


@given(HOSTILE)
def test_verbatim_value_has_no_brace_backslash_or_space(text: str) -> None:
    value = verbatim_value(text)
    assert not set("{}\\ \n") & set(value)


def test_clean_text_documents_the_normalisation() -> None:
    assert clean_text(" e\u0301\u00a0x\u2028y\x00 ") == "é x y"
