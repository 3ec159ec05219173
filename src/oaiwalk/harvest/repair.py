"""Lossless repair of OAI-PMH pages: remove characters XML 1.0 forbids, and say where.

Only C0 control characters other than tab, newline and carriage return are removed,
whether raw or written as character references (``&#1;``): XML 1.0 (section 2.2,
production ``Char``) allows them nowhere, so no parser could have given them a meaning
and removing them loses nothing a reader could see. Anything else that breaks a page
(truncation, bad markup) is not repaired.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

__all__ = ["PageRepair", "repair_control_characters"]

# Raw C0 bytes never occur inside a multi-byte UTF-8 sequence (nor in Latin-1 or other
# ASCII-compatible encodings), so removing them byte-wise is safe for those encodings.
_RAW = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_REFERENCE = re.compile(rb"&#(?:0*([0-8]|1[124-9]|2\d|3[01])|[xX]0*([0-8bBcCeEfF]|1[0-9a-fA-F]));")
_RECORD_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?record[\s>/]")


@dataclass(frozen=True, slots=True)
class PageRepair:
    """A repaired page: its bytes, and per OAI ``<record>`` (in order) what was removed.

    ``per_record`` is None when records could not be located in the raw text; then
    ``note`` applies to every record of the page.
    """

    data: bytes
    removed: int
    per_record: tuple[tuple[str, ...], ...] | None
    note: str


def repair_control_characters(data: bytes) -> PageRepair | None:
    """Return the page without illegal control characters, or None if it has none.

    UTF-16 and UTF-32 pages are not touched (a zero byte is part of their characters).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00<", b"<\x00")):
        return None
    found = [(m.start(), _codepoint(m)) for m in _REFERENCE.finditer(data)]
    found += [(m.start(), m.group()[0]) for m in _RAW.finditer(data)]
    if not found:
        return None
    found.sort()
    repaired = _RAW.sub(b"", _REFERENCE.sub(b"", data))
    starts = [m.start() for m in _RECORD_START.finditer(data)]
    per_record = _per_record(found, starts) if starts else None
    return PageRepair(repaired, len(found), per_record, _describe([c for _, c in found]))


def _codepoint(match: re.Match[bytes]) -> int:
    decimal, hexadecimal = match.groups()
    return int(decimal) if decimal is not None else int(hexadecimal, 16)


def _per_record(
    found: list[tuple[int, int]], starts: list[int]
) -> tuple[tuple[str, ...], ...] | None:
    """Assign each removed character to the record it was in (by the preceding start tag)."""
    buckets: list[list[int]] = [[] for _ in starts]
    for offset, codepoint in found:
        index = bisect_right(starts, offset) - 1
        if index < 0:
            continue  # before the first record: in the envelope, no record's text
        buckets[index].append(codepoint)
    return tuple((_describe(b),) if b else () for b in buckets)


def _describe(codepoints: list[int]) -> str:
    kinds = ", ".join(f"U+{c:04X}" for c in sorted(set(codepoints)))
    plural = "s" if len(codepoints) != 1 else ""
    return f"removed {len(codepoints)} illegal XML control character{plural} ({kinds})"
