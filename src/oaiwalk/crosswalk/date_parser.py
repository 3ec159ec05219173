"""Read one dc:date string as a CSL date (``PartialDate``) and say which date it is.

Converters for the shapes (W3CDTF, timestamps, ranges, day/month/year, month names,
circa, unknown digits) live here; the words (qualifiers, circa and "no date"
wordings, month and season names) are rows of ``crosswalks/dates.toml``.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from oaiwalk.crosswalk.tables import load_table
from oaiwalk.crosswalk.textclean import clean_inline
from oaiwalk.model import PartialDate

__all__ = ["DateReading", "parse_date", "qualifier_of"]

_TIMESTAMP = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?$"
)
_W3CDTF = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_NUMERIC_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")
_UNCERTAIN_DIGITS = re.compile(r"^\d{1,3}[-xXuU?]{1,3}\??$|^\d{2}[-xXuU]{2}\??$")
_YEAR_QUERY = re.compile(r"^(\d{4}(?:-\d{2}){0,2})\s*[?~%]$")  # EDTF uncertain/approximate
_COPYRIGHT_YEAR = re.compile(r"^\d{4}\.?$")
_CIRCA_GLUED = re.compile(r"^c(\d{4})$", re.I)  # "c1998"
_SHORT_RANGE = re.compile(r"^(\d{4})\s*[-/–]\s*(\d{2})$")
_RANGE_SEPARATORS = ("--", "/", "–", "—", " - ", " to ", "-")
_MIN_YEAR, _MAX_YEAR = 1, 2999


@dataclass(frozen=True, slots=True)
class DateReading:
    """One dc:date read: the date (None when it names none), its field and the rule."""

    date: PartialDate | None
    rule: str
    target: str = "issued"  # Record field, "" for a date no field takes
    rank: int = 1  # lower wins among candidates for the same field
    is_timestamp: bool = False


@cache
def _rows(section: str) -> tuple[dict[str, object], ...]:
    return tuple(load_table("dates")[section])


@cache
def _words(section: str) -> dict[str, tuple[str, int]]:
    """Return {word: (row id, number)} for one section of dates.toml."""
    return {
        m: (str(row["id"]), int(row.get("number", 0)))  # type: ignore[call-overload]
        for row in _rows(section)
        for m in row["match"]  # type: ignore[attr-defined]
    }


def qualifier_of(text: str) -> tuple[str, str, int, str] | None:
    """Return (row id, target, rank, rest of text) for the longest qualifier text starts with."""
    low = text.lower()
    found = [
        (len(prefix), row)
        for row in _rows("qualifier")
        for prefix in row["match"]  # type: ignore[attr-defined]
        if low.startswith(prefix)
    ]
    if not found:
        return None
    length, row = max(found, key=lambda item: item[0])
    rank = int(row.get("rank", 0))  # type: ignore[call-overload]
    return str(row["id"]), str(row["target"]), rank, text[length:].strip()


def _valid(parts: tuple[int, ...]) -> bool:
    year = parts[0]
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return False
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        return False
    if len(parts) > 2:
        try:
            datetime.date(*parts)
        except ValueError:
            return False
    return True


def _numbers(*groups: str | None) -> tuple[int, ...]:
    return tuple(int(g) for g in groups if g)


def _single(text: str) -> tuple[tuple[int, ...], str, int | None] | None:
    """Read one point in time: (parts, rule, season) or None."""
    if m := _W3CDTF.match(text):
        parts = _numbers(*m.groups())
        while len(parts) > 1 and parts[-1] == 0:  # "2019-05-00": day unknown (OJS, EPrints)
            parts = parts[:-1]
        return (parts, "dates.w3cdtf", None) if _valid(parts) else None
    if m := _TIMESTAMP.match(text):
        parts = _numbers(*m.groups())
        return (parts, "dates.timestamp", None) if _valid(parts) else None
    if m := _COMPACT.match(text):
        parts = _numbers(*m.groups())
        return (parts, "dates.compact", None) if _valid(parts) else None
    if m := _NUMERIC_DMY.match(text):
        a, b, year = (int(g) for g in m.groups())
        if a > 12 and b <= 12:
            parts = (year, b, a)
        elif b > 12 and a <= 12:
            parts = (year, a, b)  # US order: the day is the one above 12
        elif a == b:
            parts = (year, a, a)
        else:  # 03/04/2019: day and month cannot be told apart; the year is certain
            return ((year,), "dates.ambiguous-day-month", None) if _valid((year,)) else None
        return (parts, "dates.day-month-year", None) if _valid(parts) else None
    return _worded(text)


def _worded(text: str) -> tuple[tuple[int, ...], str, int | None] | None:
    """Read "12 March 2019", "March 12, 2019", "1969, April 25", "Spring 2010"."""
    tokens = [
        t for t in re.split(r"[\s,]+", text.lower()) if t and t not in {"de", "del", "of", "the"}
    ]
    months, seasons = _words("month"), _words("season")
    year = month = day = season = None
    rule = "dates.worded"
    for token in tokens:
        bare = token.rstrip(".")
        if re.fullmatch(r"\d{4}", bare) and year is None:
            year = int(bare)
        elif (token in months or bare in months) and month is None:
            row, month = months.get(token) or months[bare]
            rule = f"dates:{row}"
        elif (token in seasons or bare in seasons) and season is None:
            row, season = seasons.get(token) or seasons[bare]
            rule = f"dates:{row}"
        elif re.fullmatch(r"\d{1,2}(st|nd|rd|th|er|º|o)?", bare) and day is None:
            day = int(re.sub(r"\D", "", bare))
        else:
            return None
    if year is None or (day is not None and month is None):
        return None
    parts = (year,) if month is None else (year, month) if day is None else (year, month, day)
    return (parts, rule, season) if _valid(parts) else None


def _range(text: str) -> tuple[tuple[tuple[int, ...], ...], str] | None:
    if m := _SHORT_RANGE.match(text):  # "2019/20", "2019-20": an academic or fiscal year
        start, end = int(m.group(1)), int(m.group(1)[:2] + m.group(2))
        if start < end <= start + 10:
            return ((start,), (end,)), "dates.range-short"
    for sep in _RANGE_SEPARATORS:
        if text.count(sep) != 1:
            continue
        left, right = (side.strip().rstrip("?").strip() for side in text.split(sep))
        if sep == "-" and not (re.fullmatch(r"\d{4}", left) and re.fullmatch(r"\d{4}", right)):
            continue  # "2021-08" is a month, not a range
        first, second = _single(left), _single(right)
        if first and second and first[0] <= second[0]:
            return (first[0], second[0]), "dates.range"
    return None


@lru_cache(maxsize=8192)  # pure; years and dates repeat across a harvest
def parse_date(text: str) -> DateReading:
    """Interpret one dc:date value; the raw text is kept in ``PartialDate.raw``."""
    raw = text
    s = clean_inline(text)
    target, rank, qualifier_rule = "issued", 1, None
    if found := qualifier_of(s):
        row, target, rank, s = found
        qualifier_rule = f"dates:{row}"
    reading = _interpret(s, raw)
    if qualifier_rule:
        return DateReading(reading.date, qualifier_rule, target, rank, reading.is_timestamp)
    return reading


def _interpret(s: str, raw: str) -> DateReading:
    undated = _words("undated")
    key = s.lower().strip(" []().")
    row = undated.get(key) or undated.get(key + ".")
    if row is not None:
        return DateReading(None, f"dates:{row[0]}")
    circa = False
    halves = s.split()
    if len(halves) % 2 == 0 and halves[: len(halves) // 2] == halves[len(halves) // 2 :]:
        s = " ".join(halves[: len(halves) // 2])  # "1970 1970": a repeated value
    original = s
    if s.startswith("[") and s.endswith("]"):
        s = s[1:-1].strip()  # a date supplied by the cataloguer
    circa_words = _words("circa")
    low = s.lower()
    for word in sorted(circa_words, key=len, reverse=True):
        if low.startswith(word + " ") or (word.endswith(".") and low.startswith(word)):
            s, circa = s[len(word) :].strip(), True
            break
    copyright_words = _words("copyright")
    for word in sorted(copyright_words, key=len, reverse=True):
        if low.startswith(word) and _COPYRIGHT_YEAR.match(s[len(word) :].strip()):
            year = int(s[len(word) :].strip().rstrip("."))
            date = PartialDate(parts=((year,),), raw=raw)
            rule = f"dates:{copyright_words[word][0]}"
            return DateReading(date, rule) if _valid((year,)) else DateReading(None, rule)
    if m := _CIRCA_GLUED.match(s):
        s, circa = m.group(1), True
    if m := _YEAR_QUERY.match(s):
        s, circa = m.group(1), True
    if s.endswith("?"):
        circa = True
    if single := _single(s.rstrip("?").strip()):
        parts, rule, season = single
        if rule == "dates.timestamp":
            return DateReading(
                PartialDate(parts=(parts,), raw=raw), rule, rank=3, is_timestamp=True
            )
        date = PartialDate(parts=(parts,), circa=circa, season=season, raw=raw)
        return DateReading(date, "dates.circa" if circa else rule)
    if found := _range(s):
        parts_pair, rule = found
        return DateReading(PartialDate(parts=parts_pair, circa=circa, raw=raw), rule)
    if _UNCERTAIN_DIGITS.match(s):
        literal = PartialDate(literal=original, raw=raw)
        return DateReading(literal, "dates.uncertain-digits", rank=4)
    if s and any(ch.isalnum() for ch in s):
        return DateReading(PartialDate(literal=original, raw=raw), "dates.literal", rank=4)
    return DateReading(None, "dates.empty")
