"""Parse one DC value with the rows of ``crosswalks/containers.toml``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from types import MappingProxyType
from typing import Any

from oaiwalk.crosswalk.regex_screens import required_chars
from oaiwalk.crosswalk.tables import load_table
from oaiwalk.errors import TableError

__all__ = [
    "MAX_CITATION_CHARS",
    "Parse",
    "is_archive_name",
    "is_excluded",
    "is_plain_book_identifier",
    "is_plain_container",
    "is_publisher_journal",
    "is_too_long_to_parse",
    "month_number",
    "parse_value",
    "plain_elements",
    "archive_elements",
]

# Longest value the rows read. Real citations are far shorter (the corpus's longest
# dc:source/dc:identifier citation has 326 characters); on longer text a few rows and
# the trailing-identifier cut backtrack quadratically (trailing_identifier, apa-chapter:
# ~13 ms and ~6 ms at this length, seconds at 64 kB; see benchmarks/hostile.py).
MAX_CITATION_CHARS = 2000

_PAGE_DASH = re.compile(r"\s*[-–—]\s*")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january", "januari", "janvier", "enero"),
            ("feb", "february", "februari", "février", "febrero"),
            ("mar", "march", "maart", "mars", "marzo"),
            ("apr", "april", "avril", "abril"),
            ("may", "mei", "mai", "mayo"),
            ("jun", "june", "juni", "juin", "junio"),
            ("jul", "july", "juli", "juillet", "julio"),
            ("aug", "august", "augustus", "août", "agosto"),
            ("sep", "sept", "september", "septembre", "septiembre"),
            ("oct", "october", "oktober", "octobre", "octubre"),
            ("nov", "november", "novembre", "noviembre"),
            ("dec", "december", "décembre", "diciembre"),
        ),
        1,
    )
    for name in names
}
_TITLE_YEAR = re.compile(r"(?<!\d)((?:1[89]|20)\d\d)(?!\d)")
_LETTERS = re.compile(r"[^\W\d_]{2}")


@dataclass(frozen=True, slots=True)
class Parse:
    """What one row read from one value: Record field name -> text."""

    row: str
    fields: Mapping[str, str]  # read-only: parses are cached and shared
    year: int | None = None  # the year the citation states ("_year" groups)
    month: int | None = None  # its month, when named ("_month" group)
    type_row: str | None = None  # the types.toml row the row's form implies
    creators_edit: bool = False  # the record's own creators are the editors
    container: str | None = field(init=False)  # fields["container_title"], if any
    detail: int = field(init=False)  # how many of volume, issue and page the parse found

    def __post_init__(self) -> None:
        # computed once: a cached parse is ranked in many records
        object.__setattr__(self, "container", self.fields.get("container_title"))
        detail = sum(1 for name in ("volume", "issue", "page") if name in self.fields)
        object.__setattr__(self, "detail", detail)


@dataclass(frozen=True, slots=True)
class _Row:
    id: str
    pattern: re.Pattern[str]
    needs: frozenset[str]  # characters every match contains (regex_screens)
    elements: frozenset[str]
    requires: frozenset[str]
    type_row: str | None
    creators_edit: bool
    title_year: bool


@cache
def _table() -> dict[str, Any]:
    return load_table("containers")


def _compile(row_id: str, pattern: str) -> re.Pattern[str]:
    fragments = _table().get("fragments", {})
    expanded = re.sub(r"\{\{(\w+)\}\}", lambda m: fragments[m.group(1)], pattern)
    try:
        return re.compile(expanded)
    except (re.error, KeyError) as exc:
        raise TableError(f"containers.toml row {row_id}: bad pattern: {exc}") from exc


@cache
def _rows() -> tuple[_Row, ...]:
    return tuple(
        _Row(
            row["id"],
            pattern := _compile(row["id"], row["pattern"]),
            required_chars(pattern),
            frozenset(row["elements"]),
            frozenset(row["requires"]),
            row.get("type"),
            bool(row.get("creators_edit", False)),
            bool(row.get("title_year", False)),
        )
        for row in _table()["pattern"]
    )


@cache
def _excludes() -> tuple[re.Pattern[str], ...]:
    return tuple(_compile(row["id"], row["pattern"]) for row in _table().get("exclude", []))


def _clean(name: str, text: str) -> str:
    value = " ".join(text.split())
    if name == "page":
        return _PAGE_DASH.sub("-", value)
    if name in ("container_title", "collection_title", "publisher"):
        return _drop_sentence_dot(value.strip(" ,:;"))
    return value.strip(" .,;")


def _drop_sentence_dot(title: str) -> str:
    """Drop a title's final "." unless it ends an abbreviation ("J. Chem. Phys.")."""
    if not title.endswith("."):
        return title
    body = title[:-1]
    last = body.rsplit(" ", 1)[-1]
    if "." in body or (len(last) <= 4 and last[:1].isupper()):
        return title
    return body


def month_number(word: str) -> int | None:
    """Return the number of a month name or abbreviation ("February", "Feb."), else None."""
    return _MONTHS.get(word.strip(" .").casefold())


@lru_cache(maxsize=4096)  # pure; journal strings and citations repeat across records
def is_excluded(text: str) -> bool:
    """Return whether a value is never a container (labelled notes, URIs, notices)."""
    value = " ".join(text.split())
    return any(pattern.search(value) for pattern in _excludes())


def is_too_long_to_parse(text: str) -> bool:
    """Return whether a value is longer than any citation the rows read (left unparsed)."""
    return len(text) > MAX_CITATION_CHARS


@lru_cache(maxsize=4096)  # pure, returns a frozen Parse with read-only fields
def parse_value(text: str, element: str) -> Parse | None:
    """Return the first row's reading of a value, or None when no row reads it.

    A value longer than ``MAX_CITATION_CHARS`` is read by no row.
    """
    if len(text) > MAX_CITATION_CHARS:
        return None
    value = _trailing_identifier().sub("", " ".join(text.split()))
    present = frozenset(char for char in _needed_chars() if char in value)
    for row in _rows():
        if element not in row.elements or not row.needs <= present:
            continue
        match = row.pattern.search(value)
        if match is None:
            continue
        fields = {
            name: cleaned
            for name, found in match.groupdict().items()
            if found and not name.startswith("_") and (cleaned := _clean(name, found))
        }
        series = fields.get("collection_title")
        if series and _not_series().search(series):
            continue  # a reference to a work about the item, not its series
        container = fields.get("container_title")
        if container and (_not_container().search(container) or not _LETTERS.search(container)):
            continue  # "eds." statements and bare numbers are no titles
        if not row.requires.isdisjoint(fields):
            groups = match.groupdict()
            year = next((groups[g] for g in ("_year", "_year2") if groups.get(g)), None)
            month = _MONTHS.get((groups.get("_month") or "").strip(" .").casefold())
            if year is None and row.title_year and container:
                years = set(_TITLE_YEAR.findall(container))  # "Proc. of IROS 2022"
                year = years.pop() if len(years) == 1 else None
            return Parse(
                row.id,
                MappingProxyType(fields),
                int(year) if year else None,
                month if year else None,
                row.type_row,
                row.creators_edit,
            )
    return None


@cache
def _needed_chars() -> frozenset[str]:
    return frozenset().union(*(row.needs for row in _rows()))


@cache
def plain_elements() -> frozenset[str]:
    """Return the elements whose unparsed values may be plain container titles."""
    return frozenset(_table()["plain"]["elements"])


@cache
def archive_elements() -> frozenset[str]:
    """Return the elements whose unparsed values may name the archive."""
    return frozenset(_table()["archive"]["elements"])


@cache
def _not_container() -> re.Pattern[str]:
    return re.compile(_table()["sanity"]["not_container"])


@cache
def _trailing_identifier() -> re.Pattern[str]:
    return re.compile(_table()["sanity"]["trailing_identifier"])


@cache
def _not_series() -> re.Pattern[str]:
    return re.compile(_table()["sanity"]["not_series"])


@cache
def _journal_cues() -> re.Pattern[str]:
    return re.compile(_table()["plain"]["journal_cues"])


@cache
def _archive_markers() -> re.Pattern[str]:
    return re.compile(_table()["archive"]["markers"])


def _words(value: str) -> list[str]:
    return re.findall(r"[^\W_]+", value)


@lru_cache(maxsize=4096)  # pure; plain journal titles repeat across records
def is_plain_container(text: str, csl_type: str) -> bool:
    """Return whether an unparsed value reads as a container title for this record type."""
    plain = _table()["plain"]
    value = " ".join(text.split())
    if ";" in value or len(value) > 300:
        return False  # structured text no row understood is no title
    words = _words(value)
    if len(words) == 1:
        return words[0].lower() in plain["one_word_journals"]
    if " " not in value:
        return False  # "CeDER-PP-2007-12" is a report number, not a title
    if _journal_cues().search(value):
        return True
    if _archive_markers().search(value):
        return False
    return csl_type in plain["part_types"] and len(words) >= int(plain["min_words"])


_NOT_BOOK_TITLE = re.compile(r"\d{4}|[()\[\]]|\bpp?\.\s*\d")


def is_plain_book_identifier(text: str, csl_type: str) -> bool:
    """Return whether a free-text dc:identifier of a book part names its book."""
    plain = _table()["plain"]
    value = " ".join(text.split())
    if csl_type not in plain.get("identifier_types", ()) or _NOT_BOOK_TITLE.search(value):
        return False
    words = _words(value)
    return len(words) >= int(plain["min_words"]) and is_plain_container(value, csl_type)


@cache
def _publisher_types() -> frozenset[str]:
    """Return the CSL types whose dc:publisher may name the journal (none when off)."""
    table = _table()
    return frozenset(table["plain"]["part_types"] if table["publisher"]["use_publisher"] else ())


@lru_cache(maxsize=4096)  # pure; publisher names repeat across records
def is_publisher_journal(text: str, csl_type: str, has_numbers: bool) -> bool:
    """Return whether a dc:publisher value names the journal of a part (DSpace habit)."""
    if csl_type not in _publisher_types():
        return False
    value = " ".join(text.split())
    return ";" not in value and (has_numbers or bool(_journal_cues().search(value)))


def is_archive_name(text: str, publishers: set[str]) -> bool:
    """Return whether an unparsed value names a repository, library or archive."""
    value = " ".join(text.split())
    words = _words(value)
    if not words:
        return False
    if len(words) == 1 or value.casefold() in publishers:
        return True
    return bool(_archive_markers().search(value))
