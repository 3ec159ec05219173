"""Formatting marks inside citeproc-py strings, and their serialisation to text or HTML.

citeproc-py builds an entry by concatenating ``str`` pieces, so a formatter that
returned real ``<i>`` tags could not be told apart from a ``<`` in the data, and
citeproc-py never escapes field values. Here every formatting mark (a style's
``font-style="italic"``, a title's own ``<i>`` markup, quote marks) is one character
from Unicode's private use area; data is kept raw until ``to_html`` escapes it and
turns the marks into tags (or ``to_text`` drops them). Marks have no case and no
whitespace, so citeproc-py's text-case and word splitting leave them alone.
Offered upstream as: "escape field values in the HTML formatter".
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

__all__ = [
    "CLOSE",
    "OPEN",
    "DATA_QUOTE_CLOSE",
    "DATA_QUOTE_OPEN",
    "INLINE_CLOSE",
    "INLINE_OPEN",
    "MARGIN_CLOSE",
    "MARGIN_OPEN",
    "QUOTE_CLOSE",
    "QUOTE_OPEN",
    "html_formatter",
    "strip_marks",
    "text_formatter",
    "to_html",
    "to_text",
]

# tag name -> (opening, closing) HTML, the markup citeproc-js emits
_TAGS: dict[str, tuple[str, str]] = {
    "i": ("<i>", "</i>"),
    "b": ("<b>", "</b>"),
    "sup": ("<sup>", "</sup>"),
    "sub": ("<sub>", "</sub>"),
    "sc": ('<span style="font-variant:small-caps;">', "</span>"),
    "u": ('<span style="text-decoration:underline;">', "</span>"),
    "normal": ('<span style="font-style:normal;">', "</span>"),
    "light": ('<span style="font-weight:normal;">', "</span>"),
    "nosc": ('<span style="font-variant:normal;">', "</span>"),
}
_BASE = 0xE000
OPEN = {name: chr(_BASE + 2 * i) for i, name in enumerate(_TAGS)}
CLOSE = {name: chr(_BASE + 2 * i + 1) for i, name in enumerate(_TAGS)}
QUOTE_OPEN = chr(0xE0F0)  # a quotation begins; its marks depend on the nesting level
QUOTE_CLOSE = chr(0xE0F1)
DATA_QUOTE_OPEN = chr(0xE0F6)  # quotes typed in a field value (nest like style quotes,
DATA_QUOTE_CLOSE = chr(0xE0F7)  # but citeproc-js moves no punctuation into them)
MARGIN_OPEN = chr(0xE0F2)  # second-field-align: the first field (a citation number)
MARGIN_CLOSE = chr(0xE0F3)
INLINE_OPEN = chr(0xE0F4)  # ... and the rest of the entry
INLINE_CLOSE = chr(0xE0F5)
_HTML = {OPEN[n]: t[0] for n, t in _TAGS.items()} | {CLOSE[n]: t[1] for n, t in _TAGS.items()}
_HTML[MARGIN_OPEN] = '<div class="csl-left-margin">'
_HTML[MARGIN_CLOSE] = "</div>"
_HTML[INLINE_OPEN] = '<div class="csl-right-inline">'
_HTML[INLINE_CLOSE] = "</div>"
_TEXT = {MARGIN_CLOSE: " "}  # citeproc-js text output: "[1] Author ..."
_PUNCTUATION_AFTER_QUOTE = re.compile(f"({QUOTE_CLOSE}+)([.,])")
_MARKS = re.compile("[\ue000-\ue0ff]")
_PRIVATE = re.compile("[\ue000-\uf8ff]")
_ESCAPES = {"&": "&#38;", "<": "&#60;", ">": "&#62;"}  # as citeproc-js escapes


def strip_marks(text: str) -> str:
    """Remove private-use characters from data, so data can never forge a mark."""
    return _PRIVATE.sub("", text)


def _wrap(name: str) -> type[str]:
    opening, closing = OPEN[name], CLOSE[name]

    class Wrapped(str):
        def __new__(cls, text: object) -> Wrapped:
            return super().__new__(cls, f"{opening}{text}{closing}")

    Wrapped.__name__ = f"Marked_{name}"
    return Wrapped


def _identity(text: object) -> object:
    return text


# citeproc-py formatter modules are namespaces of wrappers plus ``preformat``; both of
# ours emit marks, which ``to_html``/``to_text`` resolve after rendering.
html_formatter = SimpleNamespace(
    preformat=_identity,
    Italic=_wrap("i"),
    Oblique=_wrap("i"),
    Bold=_wrap("b"),
    Light=_wrap("light"),
    Underline=_wrap("u"),
    Superscript=_wrap("sup"),
    Subscript=_wrap("sub"),
    SmallCaps=_wrap("sc"),
)
text_formatter = html_formatter


def _resolve_quotes(text: str, quotes: tuple[str, str, str, str], inside: bool) -> str:
    """Replace quote marks by the locale's outer or inner quotes, by nesting depth.

    With ``inside`` (the locale's ``punctuation-in-quote``) a "." or "," right after a
    closing quote moves inside it, as CSL 1.0.2 ("Punctuation in Quote") says.
    """
    if QUOTE_OPEN not in text and DATA_QUOTE_OPEN not in text:
        return text
    if inside:
        text = _PUNCTUATION_AFTER_QUOTE.sub(r"\2\1", text)
    outer_open, outer_close, inner_open, inner_close = quotes
    out: list[str] = []
    depth = 0
    for char in text:
        if char in (QUOTE_OPEN, DATA_QUOTE_OPEN):
            out.append(outer_open if depth % 2 == 0 else inner_open)
            depth += 1
        elif char in (QUOTE_CLOSE, DATA_QUOTE_CLOSE):
            depth = max(depth - 1, 0)
            out.append(outer_close if depth % 2 == 0 else inner_close)
        else:
            out.append(char)
    return "".join(out)


def to_text(text: str, quotes: tuple[str, str, str, str], inside: bool = False) -> str:
    """Return rendered text with quotes resolved and formatting marks dropped."""
    text = _resolve_quotes(text, quotes, inside)
    return _MARKS.sub(lambda m: _TEXT.get(m.group(), ""), text)


def to_html(text: str, quotes: tuple[str, str, str, str], inside: bool = False) -> str:
    """Return rendered text as HTML: data escaped, marks turned into tags.

    Italic inside italic becomes ``font-style:normal``, as citeproc-js flips it.
    """
    text = _resolve_quotes(text, quotes, inside)
    escaped = re.sub("[&<>]", lambda m: _ESCAPES[m.group()], text)
    return _MARKS.sub(_tag_for(), escaped)


def _tag_for() -> Any:
    """Return a substitution function that tracks italic nesting within one entry."""
    italic = OPEN["i"], CLOSE["i"]
    stack: list[str] = []

    def tag(match: re.Match[str]) -> str:
        mark = match.group()
        if mark == italic[0]:
            flipped = len(stack) % 2 == 1
            stack.append("normal" if flipped else "i")
            return _HTML[OPEN[stack[-1]]]
        if mark == italic[1] and stack:
            return _HTML[CLOSE[stack.pop()]]
        return _HTML.get(mark, "")

    return tag
