"""Crosswalk step: dc:language to BCP 47 tags (``language`` and ``languages``).

langcodes does the work (ISO 639 codes of every kind, locale tags such as "en_US",
language names in many languages); ``crosswalks/languages.toml`` only overrides it
for junk words and values it reads wrongly.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from oaiwalk.crosswalk.tables import load_table
from oaiwalk.crosswalk.trail import decide, indexes_by_element, reject
from oaiwalk.model import DcRecord, Record

__all__ = ["apply", "guess_language", "record_languages", "tags_of", "to_bcp47"]

_MAX_NAME = 40  # longer values are prose, not a language name
_GUESS_MIN_WORDS = 12
_GUESS_MIN_SHARE = 0.12  # function words are a quarter to a half of running prose
_GUESS_MARGIN = 1.25
_LIST_SEPARATOR = re.compile(r"\s*[;,/|]\s*|\s+(?:and|und|y|et)\s+")
_WORD = re.compile(r"[^\W\d_]+")
_REGION = re.compile(r"^[^(]+\(([^()]+)\)$")


@cache
def _overrides() -> dict[str, tuple[str, str]]:
    rows = load_table("languages")["language"]
    return {m: (row["tag"], row["id"]) for row in rows for m in row["match"]}


@lru_cache(maxsize=4096)  # pure; a harvest holds few distinct language values
def to_bcp47(text: str) -> tuple[str | None, str]:
    """Return (BCP 47 tag or None, rule) for one dc:language or xml:lang value.

    The rule is ``languages:<row id>`` for a table row, ``languages.code`` for a
    code or locale tag, ``languages.name`` for a language name, and
    ``languages.unknown`` when nothing matched.
    """
    import langcodes

    value = " ".join(text.split()).strip(" .;,")
    key = value.lower()
    if key in _overrides():
        tag, row = _overrides()[key]
        return (tag or None), f"languages:{row}"
    code = value.replace("_", "-")
    if code and langcodes.tag_is_valid(code):
        return langcodes.standardize_tag(code), "languages.code"
    if 1 < len(value) <= _MAX_NAME and any(c.isalpha() for c in value):
        try:
            found = langcodes.find(value)
        except LookupError:
            return None, "languages.unknown"
        return _with_region(found, value), "languages.name"
    return None, "languages.unknown"


def _with_region(found: Any, value: str) -> str:
    """Add the region of "English (United States)", DSpace's display of en_US."""
    import langcodes

    match = _REGION.match(value)
    if match and not found.territory:
        try:
            region = langcodes.find_name("territory", match.group(1), "en").territory
        except LookupError:
            region = None
        if region:
            return str(langcodes.standardize_tag(f"{found.language}-{region}"))
    return str(found.to_tag())


def tags_of(text: str) -> list[tuple[str | None, str]]:
    """Return (tag or None, rule) for one dc:language value; "eng; spa" gives two."""
    return list(_tags(text))


@lru_cache(maxsize=4096)  # pure; language values repeat across a harvest
def _tags(text: str) -> tuple[tuple[str | None, str], ...]:
    if _LIST_SEPARATOR.search(text):
        parts = [to_bcp47(p) for p in _LIST_SEPARATOR.split(text) if p.strip()]
        if len(parts) > 1 and all(t for t, _ in parts):
            return tuple((t, f"{r}+list") for t, r in parts)
    return (to_bcp47(text),)


@cache
def _stopwords() -> tuple[tuple[str, frozenset[str]], ...]:
    return tuple(
        (row["tag"], frozenset(row["words"])) for row in load_table("languages")["stopwords"]
    )


@cache
def _stopword_tags() -> dict[str, tuple[int, ...]]:
    """Return {function word: positions in ``_stopwords()`` of the languages using it}."""
    index: dict[str, list[int]] = {}
    for position, (_, words) in enumerate(_stopwords()):
        for word in words:
            index.setdefault(word, []).append(position)
    return {word: tuple(positions) for word, positions in index.items()}


def guess_language(text: str) -> str | None:
    """Return the language tag whose function words ``text`` uses most, or None if unclear.

    Only for prose of some length (an abstract); the margin over the runner-up must be
    clear, so a mixed or unknown text gives None rather than a guess.
    """
    words = _words_of(text.lower())
    if len(words) < _GUESS_MIN_WORDS:
        return None
    hits = [0] * len(_stopwords())
    index = _stopword_tags()
    for positions in filter(None, map(index.get, words)):  # one dict lookup per word
        for position in positions:
            hits[position] += 1
    total = len(words)
    scores = sorted(
        [(count / total, tag) for count, (tag, _) in zip(hits, _stopwords(), strict=True)],
        reverse=True,
    )
    (best, tag), (second, _) = scores[0], scores[1]
    if best >= _GUESS_MIN_SHARE and best >= second * _GUESS_MARGIN:
        return tag
    return None


# ASCII char -> itself if _WORD matches it, else a space: split() then gives findall's runs
_ASCII_WORD_CHARS = str.maketrans({c: " " for c in range(128) if not _WORD.fullmatch(chr(c))})


def _words_of(low: str) -> list[str]:
    """Return ``_WORD.findall(low)``; for ASCII text a translate and split, ~4x faster."""
    if low.isascii():
        return low.translate(_ASCII_WORD_CHARS).split()
    return _WORD.findall(low)


def record_languages(dc: DcRecord) -> list[tuple[int, str]]:
    """Return (value index, BCP 47 tag) for each recognised dc:language, in order."""
    return [
        (index, tag)
        for index in indexes_by_element(dc).get("language", ())
        for tag, _ in _tags(dc.values[index].text)
        if tag
    ]


def apply(dc: DcRecord, record: Record) -> Record:
    """Set ``language`` (the first recognised) and ``languages`` (all, deduplicated)."""
    tags: dict[str, list[int]] = {}
    rules: dict[str, str] = {}
    for index in indexes_by_element(dc).get("language", ()):
        for tag, rule in _tags(dc.values[index].text):
            if tag is None:
                why = "not a language" if rule == "languages.unknown" else f"no language ({rule})"
                record = reject(record, index, why)
                continue
            tags.setdefault(tag, []).append(index)
            rules.setdefault(tag, rule)
    if not tags:
        return record
    first = next(iter(tags))
    record = decide(record, rules[first], tags[first], language=first)
    every = [i for indexes in tags.values() for i in indexes]
    return decide(record, "languages.all", every, languages=tuple(tags))
