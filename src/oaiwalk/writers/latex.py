"""LaTeX text for BibTeX and biblatex values: escaping, case protection, verbatim fields.

Every function here is pure. The escaping contract, checked by property tests:

* the result has balanced braces as BibTeX counts them (a backslash does not hide a
  brace from BibTeX, so an unmatched ``{`` or ``}`` becomes ``{\\textbraceleft}`` /
  ``{\\textbraceright}``; matched pairs become ``\\{`` ... ``\\}``);
* the ten LaTeX specials (``{ } \\ % & $ # _ ^ ~``) are inert text;
* TeX ligatures in the input (``--``, ``''``, ``?` ``) are broken with ``{}`` so they read
  back as typed;
* documented normalisation: Unicode NFC, control characters dropped, every run of
  whitespace (newlines and no-break spaces included) collapsed to one space, ends stripped.

With ``ascii=True`` letters with diacritics and special letters (``é`` → ``{\\'e}``,
``ß`` → ``{\\ss}``, ``ø`` → ``{\\o}``) use pylatexenc's Unicode-to-LaTeX table, restricted
to the accent and letter commands that pandoc, biber and pylatexenc all read back; a few
punctuation marks use TeX ligatures (``--``, ``---``). Other characters have no portable
LaTeX form and stay UTF-8; the caller receives them to report.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache

__all__ = [
    "clean_text",
    "escape_latex",
    "escape_title",
    "has_balanced_braces",
    "verbatim_value",
]

_SPECIALS = {
    "\\": r"\textbackslash{}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
# Grouped, so that no reader takes a following group as the macro's argument (pandoc does
# not know these textcomp macros and would swallow "{X}" after "\textbraceleft{}").
_UNMATCHED = {"{": r"{\textbraceleft}", "}": r"{\textbraceright}"}

# TeX input conventions every LaTeX reader understands, used before pylatexenc's table
# (pandoc drops \textendash and \textemdash silently).
_LIGATURES = {
    "\u2013": "--",
    "\u2014": "---",
}

# pylatexenc results accepted in ASCII mode: accents over a letter and the letter macros
# pandoc's LaTeX reader, biber and pylatexenc's latex2text agree on.
_PORTABLE = re.compile(
    r"""\{\\(?:
        ['`^"~=.uvHckdbr]\{?(?:[A-Za-z]|\\[ij])\}?
      | (?:o|O|ss|ae|AE|oe|OE|aa|AA|l|L|i|j)
      | (?:S|P|pounds|euro|copyright|textregistered|textdegree|guillemotleft
          |guillemotright|textquoteright|textquoteleft|textquotedblleft|textquotedblright
          |ldots|textmu)
    )\}""",
    re.VERBOSE,
)

# Character pairs TeX fonts turn into one glyph ("--" is an en dash, ",," a low quote in
# T1); an empty group between them keeps the text as written.
_LIGATURE_PAIRS = frozenset({"--", "``", "''", "?`", "!`", "<<", ">>", ",,"})
# The first character of each pair, followed by the second: "{}" goes after the match.
_PAIR = re.compile(r"-(?=-)|`(?=`)|'(?=')|[?!](?=`)|<(?=<)|>(?=>)|,(?=,)")
_DASH_PAIR = re.compile(
    r"[-\u2013\u2014](?=[-\u2013\u2014])|`(?=`)|'(?=')|[?!](?=`)|<(?=<)|>(?=>)|,(?=,)"
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_SPECIAL_TABLE = str.maketrans(_SPECIALS)

_WHITESPACE = re.compile(r"\s+")
_SPACES = re.compile(" {2,}")
_WORD = re.compile(r"[^\W_]+")  # letters and digits, any script


def clean_text(text: str) -> str:
    """Return ``text`` in NFC without control characters, whitespace runs as one space."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    if text.isprintable():  # fast path: no controls and no whitespace but " " (one C loop)
        return (_SPACES.sub(" ", text) if "  " in text else text).strip()
    text = "".join(
        " " if ch.isspace() else ch
        for ch in text
        if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cs") and ch != "\ufeff"
    )
    return _WHITESPACE.sub(" ", text).strip()


def has_balanced_braces(text: str) -> bool:
    """Tell whether braces nest as BibTeX counts them (backslashes do not escape)."""
    depth = 0
    for ch in text:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def escape_latex(text: str, *, ascii: bool = False, unencoded: set[str] | None = None) -> str:
    """Return ``text`` as inert LaTeX; in ASCII mode, collect UTF-8 left in ``unencoded``."""
    return _escape(clean_text(text), ascii, unencoded)


def escape_title(text: str, *, ascii: bool = False, unencoded: set[str] | None = None) -> str:
    """Return a title as inert LaTeX with case-sensitive words braced (``{DNA}``).

    Braced: words with a capital after their first character (``{iPhone}``, ``{COVID}``,
    ``{mRNA}``), single capitals after the first word, and, in sentence-case titles,
    capitalised words that do not start a sentence (proper nouns). All-capitals titles
    get no protection: case carries no information there.
    """
    text = clean_text(text)
    if "{" in text or "}" in text:
        return _escape_title_by_piece(text, ascii, unencoded)
    out: list[str] = []
    pos = 0
    # No braces: each stretch escapes alone, as no ligature pair spans a word's edge.
    for start, end in _words_to_protect(text, list(_WORD.finditer(text))):
        out.append(_escape(text[pos:start], ascii, unencoded))
        out.append("{" + _escape(text[start:end], ascii, unencoded) + "}")
        pos = end
    if not out:
        return _escape(text, ascii, unencoded)
    out.append(_escape(text[pos:], ascii, unencoded))
    return "".join(out)


def verbatim_value(text: str, *, ascii: bool = False) -> str:
    """Return a URL or DOI for a verbatim field: raw, with what breaks BibTeX %-encoded.

    Braces, backslashes and whitespace are percent-encoded (RFC 3986 allows none of them
    raw); ``%`` and ``#`` stay as they are, which pandoc and biber read verbatim. With
    ``ascii=True`` non-ASCII characters are percent-encoded as UTF-8 (RFC 3987 IRI to URI).
    """
    text = clean_text(text).replace(" ", "")
    if not ("{" in text or "}" in text or "\\" in text or ascii and not text.isascii()):
        return text  # cleaned text holds no whitespace but " ", removed above
    out: list[str] = []
    for ch in text:
        if ch in "{}\\" or ch.isspace() or (ascii and ord(ch) > 127):
            out.extend(f"%{byte:02X}" for byte in ch.encode("utf-8"))
        else:
            out.append(ch)
    return "".join(out)


# --------------------------------------------------------------------------- internals


def _escape(text: str, ascii: bool, unencoded: set[str] | None) -> str:
    """Return cleaned ``text`` as inert LaTeX, the same as joining ``_escape_pieces``."""
    if "{" in text or "}" in text:
        return "".join(_escape_pieces(text, ascii, unencoded))  # braces need pairing
    if _has_special(text):
        text = text.translate(_SPECIAL_TABLE)
    if ascii and not text.isascii():
        if "\u2013" in text or "\u2014" in text:
            text = _DASH_PAIR.sub(r"\g<0>{}", text)  # dashes become "--"/"---" below
        elif _has_ligature_pair(text):
            text = _PAIR.sub(r"\g<0>{}", text)
        return _NON_ASCII.sub(lambda m: _ascii_piece(m.group(), unencoded), text)
    if _has_ligature_pair(text):
        text = _PAIR.sub(r"\g<0>{}", text)
    return text


def _has_special(text: str) -> bool:
    """Tell whether ``text`` holds one of the keys of ``_SPECIALS``."""
    # Eight memchr-fast scans in one expression: a third of any() over a generator.
    return (
        "\\" in text
        or "%" in text
        or "&" in text
        or "$" in text
        or "#" in text
        or "_" in text
        or "^" in text
        or "~" in text
    )


def _has_ligature_pair(text: str) -> bool:
    """Tell whether ``text`` holds one of ``_LIGATURE_PAIRS``."""
    # One-character scans are memchr-fast; a pair is looked for only if its first is there.
    return (
        ("-" in text and "--" in text)
        or ("," in text and ",," in text)
        or ("'" in text and "''" in text)
        or ("`" in text and ("``" in text or "?`" in text or "!`" in text))
        or ("<" in text and "<<" in text)
        or (">" in text and ">>" in text)
    )


def _ascii_piece(ch: str, unencoded: set[str] | None) -> str:
    """Return the ASCII-mode piece of one non-ASCII character, noting it if it has none."""
    latex = _ascii_form(ch)
    if latex is None:
        if unencoded is not None:
            unencoded.add(ch)
        return ch
    return latex


def _escape_title_by_piece(text: str, ascii: bool, unencoded: set[str] | None) -> str:
    """Return ``escape_title`` of cleaned ``text`` holding braces, one piece per character."""
    pieces = _escape_pieces(text, ascii, unencoded)
    out: list[str] = []
    pos = 0
    for start, end in _words_to_protect(text, list(_WORD.finditer(text))):
        out.extend(pieces[pos:start])
        out.append("{" + "".join(pieces[start:end]) + "}")
        pos = end
    out.extend(pieces[pos:])
    return "".join(out)


def _escape_pieces(text: str, ascii: bool, unencoded: set[str] | None) -> list[str]:
    """Return one LaTeX piece per character of ``text`` (already cleaned)."""
    matched = _matched_braces(text)
    pieces: list[str] = []
    for index, ch in enumerate(text):
        if ch in "{}":
            pieces.append("\\" + ch if index in matched else _UNMATCHED[ch])
        elif ch in _SPECIALS:
            pieces.append(_SPECIALS[ch])
        elif ascii and ord(ch) > 127:
            latex = _ascii_form(ch)
            if latex is None:
                latex = ch
                if unencoded is not None:
                    unencoded.add(ch)
            pieces.append(latex)
        else:
            pieces.append(ch)
        if len(pieces) > 1 and pieces[-2][-1:] + pieces[-1][:1] in _LIGATURE_PAIRS:
            pieces[-2] += "{}"
    return pieces


def _matched_braces(text: str) -> set[int]:
    """Return the indexes of braces that pair up properly."""
    stack: list[int] = []
    matched: set[int] = set()
    for index, ch in enumerate(text):
        if ch == "{":
            stack.append(index)
        elif ch == "}" and stack:
            matched.update((stack.pop(), index))
    return matched


@cache
def _ascii_form(ch: str) -> str | None:
    """Return the portable LaTeX form of one non-ASCII character, or None."""
    if ch in _LIGATURES:
        return _LIGATURES[ch]
    # pylatexenc writes "{\'\i}" for "í"; citation-js reads that as a dotless i
    # with an accent, while every reader takes "{\'i}" for "í".
    latex = re.sub(r"^(\{\\.\{?)\\([ij])", r"\1\2", _encoder()(ch))
    return latex if _PORTABLE.fullmatch(latex) else None


@cache
def _encoder() -> Callable[[str], str]:
    """Return pylatexenc's encoder (imported late: it is only needed for ASCII output)."""
    from pylatexenc.latexencode import UnicodeToLatexEncoder

    encoder = UnicodeToLatexEncoder(
        non_ascii_only=True,
        replacement_latex_protection="braces-all",
        unknown_char_policy="keep",
        unknown_char_warning=False,
    )
    return encoder.unicode_to_latex  # type: ignore[no-any-return]


_SENTENCE_END = frozenset(":.?!")


def _words_to_protect(text: str, words: list[re.Match[str]]) -> list[tuple[int, int]]:
    """Return the spans, in order, of the words whose case a style must not change."""
    if _is_all_capitals(text):
        return []  # case carries no information
    sentence_case: bool | None = None  # decided on first need: most titles never ask
    spans: list[tuple[int, int]] = []
    previous_end = 0
    for number, match in enumerate(words):
        word = match.group()
        start, end = match.span()
        if _has_upper(word[1:]):
            spans.append((start, end))
        elif number and word[0].isupper():
            if len(word) > 1 and sentence_case is None:
                sentence_case = _is_sentence_case(text, words)
            if (len(word) == 1 or sentence_case) and not _SENTENCE_END.intersection(
                text[previous_end:start]
            ):
                spans.append((start, end))
        previous_end = end
    return spans


def _is_all_capitals(text: str) -> bool:
    """Tell whether more than four in five of the (over three) cased letters are capitals."""
    if text.isascii():
        data = text.encode("ascii")  # bytes.translate counts letters without a Python loop
        upper = len(data) - len(data.translate(None, _ASCII_UPPER))
        lower = len(data) - len(data.translate(None, _ASCII_LOWER))
    else:
        upper = sum(map(str.isupper, text))
        lower = sum(map(str.islower, text))
    cased = upper + lower
    return cased > 3 and upper / cased > 0.8


def _has_upper(text: str) -> bool:
    """Tell whether ``text`` holds a capital letter."""
    if text.isascii():
        return text != text.lower()
    return any(ch.isupper() for ch in text)


_ASCII_UPPER = bytes(range(ord("A"), ord("Z") + 1))
_ASCII_LOWER = bytes(range(ord("a"), ord("z") + 1))


def _is_sentence_case(text: str, words: list[re.Match[str]]) -> bool:
    """Tell whether the title is in sentence case rather than Title Case.

    In Title Case every longer word but a few prepositions is capitalised, so a third as
    many lower-case longer words as capitalised ones marks sentence case.
    """
    lower = upper = 0
    for match in words[1:]:
        word = match.group()
        if len(word) < 4 or not word[0].isalpha() or word.lower() in _TITLE_CASE_LOWER:
            continue
        if word[0].islower():
            lower += 1
        elif word[0].isupper() and not _has_upper(word[1:]):
            upper += 1
    return lower * 3 >= upper


# Longer words Title Case styles (Chicago, APA) leave in lower case.
_TITLE_CASE_LOWER = frozenset(
    "with from into over upon than that onto about among after under within without "
    "versus towards through between before".split()
)
