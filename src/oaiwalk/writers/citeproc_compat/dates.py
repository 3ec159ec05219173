"""Turn CSL date objects into citeproc-py dates without ever raising.

citeproc-py's ``CiteProcJSON.parse_date`` trusts its input: a year such as "20xx"
raised ``ValueError`` deep in rendering, a day without a month raised ``TypeError``,
a range whose end is ``[0]`` printed "2019–0", and a ``raw`` date was ignored.
citeproc-js reads all of these; ``parse_csl_date`` does as it does: numeric strings
count as numbers, months 13–16 are seasons, a zero or missing end drops the range,
``raw`` ISO dates are parsed and anything else becomes a literal date.
Offered upstream as: "make CiteProcJSON.parse_date total".
"""

from __future__ import annotations

import re
from typing import Any

from citeproc.source import Date, DateRange, LiteralDate

__all__ = ["parse_csl_date"]

_ISO = re.compile(r"^\s*(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")
_ISO_RANGE = re.compile(r"^\s*(\d{4}(?:-\d{1,2}){0,2})\s*/\s*(\d{4}(?:-\d{1,2}){0,2})\s*$")


def _number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
        return int(value)
    return None


def _parts(raw: Any) -> dict[str, int] | None:
    """Return year/month/day/season of one date-parts list, or None without a year."""
    if not isinstance(raw, (list, tuple)) or not raw:
        return None
    numbers = [_number(v) for v in raw[:3]]
    year = numbers[0]
    if not year:  # None or 0: CSL has no year zero, citeproc-js drops it
        return None
    out = {"year": year}
    month = numbers[1] if len(numbers) > 1 else None
    if month and 13 <= month <= 16:
        out["season"] = month - 12
        return out
    if month and 1 <= month <= 12:
        out["month"] = month
        day = numbers[2] if len(numbers) > 2 else None
        if day and 1 <= day <= 31:
            out["day"] = day
    return out


def _from_raw(raw: str) -> list[list[int]]:
    """Parse the ISO 8601 dates and "a/b" ranges citeproc-js reads in ``raw``."""
    match = _ISO_RANGE.match(raw)
    texts = [match.group(1), match.group(2)] if match else [raw]
    parts = []
    for text in texts:
        iso = _ISO.match(text)
        if iso is None or iso.end() != len(text.rstrip()) and not match:
            return []
        parts.append([int(g) for g in iso.groups() if g])
    return parts


def parse_csl_date(data: Any) -> Date | DateRange | LiteralDate | None:
    """Return a citeproc-py date for a CSL date object, or None when it holds nothing."""
    if isinstance(data, str):
        data = {"raw": data}
    if not isinstance(data, dict):
        return None
    circa = bool(data.get("circa"))
    raw_parts = data.get("date-parts")
    if not isinstance(raw_parts, (list, tuple)):
        raw_parts = None
    if not raw_parts and isinstance(data.get("raw"), str):
        raw_parts = _from_raw(data["raw"])
    dates = [d for d in (_parts(p) for p in (raw_parts or [])[:2])]
    season = _number(data.get("season"))
    if dates and dates[0] is not None:
        begin = dates[0]
        if season and 1 <= season <= 4 and "month" not in begin:
            begin["season"] = season
        end = dates[1] if len(dates) > 1 else None
        if end is None or end == begin:
            return Date(circa=circa, **begin)
        return DateRange(begin=Date(**begin), end=Date(**end), circa=circa)
    literal = data.get("literal") or data.get("raw")
    if isinstance(literal, str) and literal.strip():
        return LiteralDate(literal.strip(), circa=circa)
    return None
