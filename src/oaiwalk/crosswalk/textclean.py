"""Clean DC text: repair mojibake, decode entities, drop tags, collapse spaces, keep TeX math."""

from __future__ import annotations

import html
import re
from functools import lru_cache

from oaiwalk.crosswalk.mojibake import repair_mojibake

__all__ = ["clean_inline", "clean_line", "clean_paragraphs", "split_list"]

# TeX math stays byte-for-byte: "$a<b$" is not a tag, "\(x\)" is not markup.
_MATH = re.compile(
    r"(\$\$.+?\$\$|\$(?!\d+(?:[.,]\d+)*\s)[^$\n]+?\$|\\\(.+?\\\)|\\\[.+?\\\])", re.S
)  # "$3.85 Million" is money, not math
# Only tags of HTML (and JATS/MathML as Crossref abstracts carry them) are removed,
# so "a < b" and "<noise>" written as text survive.
_HTML_TAGS = (
    "a|abbr|acronym|address|article|aside|b|big|blockquote|body|br|caption|center|cite|code|"
    "col|dd|del|dfn|div|dl|dt|em|font|footer|h[1-6]|head|header|hr|html|i|img|ins|kbd|li|"
    "mark|nav|ol|p|pre|q|s|samp|section|small|span|strike|strong|sub|sup|table|tbody|td|"
    "tfoot|th|thead|tr|tt|u|ul|var|wbr|(?:jats|mml|xhtml|html):[A-Za-z][A-Za-z0-9-]*"
)
_TAG = re.compile(rf"</?(?:{_HTML_TAGS})(?:\s+[^<>]*?)?\s*/?>|<!--.*?-->", re.S | re.I)
_DROPPED = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.S | re.I)
_BREAK = re.compile(r"<(?:br|/p|p|/div|div|/li|li)\b[^<>]*?/?>", re.I)
_WRAP_MIN = 40  # a line this long that ends mid-sentence was wrapped, not ended
_BLANK_LINE = re.compile(r"\n\s*\n")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _decode(text: str) -> str:
    """Decode HTML entities, twice at most (``&amp;lt;em&amp;gt;`` is double-escaped)."""
    for _ in range(2):
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    return text


def _strip_markup(text: str) -> str:
    """Decode entities, drop tags outside TeX math (line tags: newlines), repair mojibake."""
    if "<" not in text and "&" not in text:  # most values: nothing to decode or drop
        if not text.isascii():
            text = repair_mojibake(text)
        # a printable text holds no control character: skip the regex scan
        return text if text.isprintable() else _CONTROL.sub("", text)
    parts = _MATH.split(text)
    out = []
    for i, part in enumerate(parts):
        if i % 2:  # a math segment, kept as is
            out.append(part)
            continue
        part = _decode(part)
        part = _DROPPED.sub(" ", part)
        part = _BREAK.sub("\n", part)
        out.append(_TAG.sub("", part))
    text = "".join(out)
    if not text.isascii():  # after decoding: "&Atilde;&sup3;" is mojibake too
        text = repair_mojibake(text)
    return _CONTROL.sub("", text)


def clean_line(text: str) -> str:
    """Return text as one line: markup dropped, entities decoded, whitespace collapsed.

    Uncached, for values unique to a record (titles); ``clean_inline`` for the others.
    """
    return " ".join(_strip_markup(text).split())


@lru_cache(maxsize=8192)  # pure; subjects, formats, publishers repeat across records
def clean_inline(text: str) -> str:
    """Return ``clean_line(text)``, cached: for values that repeat across records."""
    return clean_line(text)


def _is_wrapped(line: str, following: str) -> bool:
    """Return True when the break after ``line`` is a hard wrap inside a paragraph."""
    if following[:1].islower() or following[:1] in "([":
        return True
    return len(line) >= _WRAP_MIN and not line.endswith((".", "!", "?", ":"))


def clean_paragraphs(text: str) -> str:
    """Return text with markup dropped and one ``\\n`` between paragraphs.

    CR, CRLF and ``<br>``/``<p>`` end a line; hard-wrapped lines (arXiv, PDF copies)
    are joined; short lines such as "Methods" stay headings; spaces collapse.
    """
    text = _strip_markup(text.replace("\r\n", "\n").replace("\r", "\n"))
    # Within one line, collapsing "[^\S\n]+" and stripping equals " ".join(split()):
    # str.split and re's \s share Py_UNICODE_ISSPACE; join is far cheaper than sub.
    if "\n" not in text:
        if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
            return text  # no whitespace but single inner spaces (all other is unprintable)
        return " ".join(text.split())
    paragraphs: list[str] = []
    for block in _BLANK_LINE.split(text):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        lines = [line for line in lines if line]
        current = ""
        for line in lines:
            if current and _is_wrapped(current.rsplit("\n", 1)[-1], line):
                current = f"{current} {line}"
            else:
                current = f"{current}\n{line}" if current else line
        if current:
            paragraphs.append(current)
    return "\n".join(paragraphs)


def split_list(text: str, separators: str = ";") -> list[str]:
    """Split a delimited list ("a; b; c"), dropping empty items and surrounding spaces."""
    if len(separators) == 1 and separators not in text:  # one item, the common case
        item = text.strip()
        return [item] if item else []
    return [item.strip() for item in _separator(separators).split(text) if item.strip()]


@lru_cache(maxsize=32)
def _separator(separators: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(separators) + "]")
