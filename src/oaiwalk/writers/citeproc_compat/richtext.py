"""Read CSL rich text in field values: HTML-like tags, quotes and apostrophes.

CSL-JSON text may carry ``<i>``, ``<b>``, ``<sup>``, ``<sub>``, ``<sc>``,
``<span style="font-variant:small-caps;">`` and ``<span class="nocase">`` markup;
citeproc-js renders it as formatting and treats every other ``<`` as text.
citeproc-py printed the tags literally (and only knew ``nocase``). It also typesets
straight quotes: paired ``"…"`` or ``'…'`` become the locale's quotes (flipping to
inner quotes when nested) and any other ``'`` becomes the apostrophe ``’``.
``parse_rich_text`` turns a value into citeproc-py ``String``/``NoCase`` pieces with
formatting marks from ``markup``.
Offered upstream as: "parse CSL rich-text markup and quotes in CiteProcJSON".
"""

from __future__ import annotations

import re

from oaiwalk.writers.citeproc_compat.markup import (
    CLOSE,
    DATA_QUOTE_CLOSE,
    DATA_QUOTE_OPEN,
    OPEN,
    strip_marks,
)

__all__ = ["parse_rich_text", "typeset_apostrophes"]

_TAG_NAMES = {
    "<i>": "i",
    "<b>": "b",
    "<sup>": "sup",
    "<sub>": "sub",
    "<sc>": "sc",
    '<span style="font-variant:small-caps;">': "sc",
    '<span style="font-variant: small-caps;">': "sc",
    '<span class="nocase">': "nocase",
    '<span class="nodecor">': "nodecor",
}
_CLOSERS = {"</i>": "i", "</b>": "b", "</sup>": "sup", "</sub>": "sub", "</sc>": "sc"}
_TOKEN = re.compile(
    r"(<i>|</i>|<b>|</b>|<sup>|</sup>|<sub>|</sub>|<sc>|</sc>"
    r'|<span (?:style="font-variant: ?small-caps;"|class="nocase"|class="nodecor")>|</span>'
    r"|[\"'\u201c\u201d\u2018\u2019])"
)
_WORD = re.compile(r"\w", re.UNICODE)


def typeset_apostrophes(text: str) -> str:
    """Return text with straight apostrophes as typographic ones (names, particles)."""
    return text.replace("'", "\u2019")


def _opens_quote(text: str, at: int) -> bool:
    """A quote opens at the start, after space or an opening bracket, before a non-space."""
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return (before.isspace() or before in "([{\u2014/-") and not after.isspace()


def _closes_quote(text: str, at: int) -> bool:
    """A quote closes after a non-space, before the end, space or punctuation."""
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return not before.isspace() and not _WORD.match(after)


def _tokens(text: str) -> list[tuple[str, str]]:
    """Split text into ("text", s), ("open"/"close", tag) and ("quote", ch) tokens."""
    out: list[tuple[str, str]] = []
    position = 0
    for match in _TOKEN.finditer(text):
        if match.start() > position:
            out.append(("text", text[position : match.start()]))
        token = match.group()
        if token in _TAG_NAMES:
            out.append(("open", _TAG_NAMES[token]))
        elif token in _CLOSERS:
            out.append(("close", _CLOSERS[token]))
        elif token == "</span>":
            out.append(("close", "span"))
        else:
            out.append(("quote", f"{match.start()}"))
        position = match.end()
    if position < len(text):
        out.append(("text", text[position:]))
    return out


def _pair_markup(text: str, tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Keep tags and quotes that pair up; turn the others back into text."""
    kinds = list(tokens)
    stack: list[tuple[int, str]] = []  # (token index, what closes it)
    for index, (kind, value) in enumerate(kinds):
        if kind == "open":
            closer = (
                "span"
                if value in ("sc", "nocase", "nodecor") and "<span" in _source(text, index, tokens)
                else value
            )
            stack.append((index, closer))
        elif kind == "close":
            if stack and stack[-1][1] == value:
                stack.pop()
            else:
                kinds[index] = ("text", _literal_close(value))
        elif kind == "quote":
            at = int(value)
            char = text[at]
            top = stack[-1] if stack else None
            if top is not None and top[1] == f"q{_partner(char)}" and _closes_quote(text, at):
                opener = stack.pop()[0]
                kinds[opener] = ("qopen", "")
                kinds[index] = ("qclose", "")
            elif char in "\"'\u201c\u2018" and _opens_quote(text, at):
                stack.append((index, f"q{char}"))
                kinds[index] = ("text", char)  # stays text unless it is closed
            else:
                kinds[index] = ("text", "\u2019" if char == "'" else char)
    for index, closer in stack:  # unclosed tags are text again
        kind, value = kinds[index]
        if kind == "open":
            kinds[index] = ("text", _source(text, index, tokens))
        elif closer.startswith("q"):
            char = closer[1]
            kinds[index] = ("text", "\u2019" if char == "'" else char)
    return kinds


def _partner(char: str) -> str:
    return {'"': '"', "'": "'", "\u201d": "\u201c", "\u2019": "\u2018"}.get(char, "")


def _source(text: str, index: int, tokens: list[tuple[str, str]]) -> str:
    """Return the original text of tag token ``index``."""
    position = 0
    for i, (kind, value) in enumerate(tokens):
        if kind == "text":
            length = len(value)
        elif kind == "quote":
            length = 1
        else:
            match = _TOKEN.match(text, position)
            length = len(match.group()) if match else 0
        if i == index:
            return text[position : position + length]
        position += length
    return ""


def _literal_close(name: str) -> str:
    return "</span>" if name == "span" else f"</{name}>"


def parse_rich_text(text: str) -> list[tuple[str, bool]]:
    """Return (piece, is_nocase) pieces: data with formatting marks, quotes typeset."""
    text = strip_marks(text)
    if not _TOKEN.search(text):
        return [(text, False)]
    tokens = _tokens(text)
    pieces: list[tuple[str, bool]] = []
    buffer: list[str] = []
    nocase = 0
    open_spans: list[str] = []

    def flush() -> None:
        if buffer:
            pieces.append(("".join(buffer), nocase > 0))
            buffer.clear()

    for kind, value in _pair_markup(text, tokens):
        if kind == "text":
            buffer.append(value)
        elif kind == "qopen":
            buffer.append(DATA_QUOTE_OPEN)
        elif kind == "qclose":
            buffer.append(DATA_QUOTE_CLOSE)
        elif kind == "open":
            if value in ("nocase", "nodecor"):
                flush()
                nocase += 1
            else:
                buffer.append(OPEN[value])
            if value in ("sc", "nocase", "nodecor"):
                open_spans.append(value)
        elif kind == "close":
            name = open_spans.pop() if value == "span" and open_spans else value
            if name in ("nocase", "nodecor"):
                flush()
                nocase -= 1
            else:
                buffer.append(CLOSE[name])
    flush()
    return pieces
