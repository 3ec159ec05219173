"""Screens that rule a table regex out before it runs: what every match must contain.

Identifier and container rows are tried on every dc:identifier, dc:source and
dc:relation value, and most rows cannot match most values. A screen is derived from
the parsed pattern (CPython's ``re._parser``), so the table stays the one source of the
patterns; what the analysis does not know lets every value through. Two screens:

- ``screen_of``: the case-free texts a match needs and may start with, and its first
  characters (identifier rows, tried on lower-cased ASCII values);
- ``required_chars``: the characters every match contains, case kept (container rows).
"""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
import string
from typing import Any, NamedTuple

__all__ = ["Screen", "required_chars", "screen_of"]

_ASCII = frozenset(chr(n) for n in range(128))
_CATEGORIES = {
    sre.CATEGORY_DIGIT: frozenset(string.digits),
    sre.CATEGORY_WORD: frozenset(string.ascii_lowercase + string.digits + "_"),
    sre.CATEGORY_SPACE: frozenset(c for c in _ASCII if c.isspace()),  # \s has \x1c-\x1f too
}
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_ANALYSIS_ERRORS = (re.error, AttributeError, TypeError, ValueError, RecursionError)

Items = list[tuple[Any, Any]]


class Screen(NamedTuple):
    """What any match of one pattern must show, in lower case (ASCII values only)."""

    first: frozenset[str] | None  # a match at position 0 starts with one of these; None: any
    needs: tuple[str, ...] | None  # a match contains one of these; None: no such text
    starts: tuple[str, ...] | None = None  # a match at position 0 starts with one of these


def screen_of(pattern: re.Pattern[str]) -> Screen:
    """Return the screen of a compiled pattern (a no-op screen if it cannot be analysed)."""
    try:
        parsed = _parse(pattern)
        first, nullable = _first(parsed)
        needs = _best(_needs(_mandatory(parsed, False)))
        starts = _starts(parsed)
    except _ANALYSIS_ERRORS:
        return Screen(None, None)
    return Screen(None if nullable else first, needs, tuple(sorted(starts)) if starts else None)


def required_chars(pattern: re.Pattern[str]) -> frozenset[str]:
    """Return characters that every match contains ("(" and ")" of "\\((\\d+)\\)").

    A value lacking one of them cannot match, so the row's regex need not run. Only
    mandatory literals count, case-free ones under IGNORECASE; an unknown construct
    counts as nothing, and a pattern that cannot be analysed needs nothing.
    """
    try:
        parsed = _parse(pattern)
        return frozenset(_chars(_mandatory(parsed, bool(pattern.flags & re.IGNORECASE))))
    except _ANALYSIS_ERRORS:
        return frozenset()


def _parse(pattern: re.Pattern[str]) -> Items:
    return list(sre_parse.parse(pattern.pattern, pattern.flags))


# --------------------------------------------------------------------------- mandatory parts


class _Literal(NamedTuple):
    char: str
    ignore_case: bool


class _Branch(NamedTuple):
    alternatives: list[list[Any]]  # each a list of _Literal, _Branch and _GAP


_GAP = None  # something that is no literal: it ends a run of literal text


def _mandatory(items: Items, ignore_case: bool) -> list[Any]:
    """Return what every match of ``items`` passes through, in order.

    Mandatory literals, branches (each alternative read the same way) and gaps where
    anything else stands. Groups, atomic groups and repeats of at least one are read
    inside, with gaps around them so that no literal text runs across their bounds.
    """
    found: list[Any] = []
    for op, av in items:
        if op == sre.LITERAL:
            found.append(_Literal(chr(av), ignore_case))
            continue
        found.append(_GAP)
        if op == sre.SUBPATTERN:
            _group, add_flags, del_flags, inner = av
            case = (ignore_case or bool(add_flags & re.IGNORECASE)) and not (
                del_flags & re.IGNORECASE
            )
            found += _mandatory(list(inner), case)
        elif op == sre.ATOMIC_GROUP:
            found += _mandatory(list(av), ignore_case)
        elif op in _REPEATS and av[0] >= 1:
            found += _mandatory(list(av[2]), ignore_case)
        elif op == sre.BRANCH:
            found.append(_Branch([_mandatory(list(alt), ignore_case) for alt in av[1]]))
            continue
        else:
            continue
        found.append(_GAP)
    return found


def _chars(parts: list[Any]) -> set[str]:
    """Return the characters every match contains: case-free ones under IGNORECASE."""
    found: set[str] = set()
    for part in parts:
        if isinstance(part, _Literal):
            char = part.char
            if not part.ignore_case or (char.isascii() and not char.isalnum()):
                found.add(char)
        elif isinstance(part, _Branch) and part.alternatives:
            found |= set.intersection(*(_chars(alt) for alt in part.alternatives))
    return found


def _needs(parts: list[Any]) -> list[frozenset[str]]:
    """Return alternatives of lower-case ASCII texts, each a set one of whose members
    every match contains."""
    found: list[frozenset[str]] = []
    run: list[str] = []
    for part in parts:
        if isinstance(part, _Literal) and part.char in _ASCII:
            run.append(part.char.lower())
            continue
        if run:
            found.append(frozenset(("".join(run),)))
            run = []
        if isinstance(part, _Branch):
            union: set[str] = set()
            for alternative in part.alternatives:
                best = _best(_needs(alternative))
                if best is None:
                    break
                union.update(best)
            else:
                found.append(frozenset(union))
    if run:
        found.append(frozenset(("".join(run),)))
    return found


def _best(candidates: list[frozenset[str]]) -> tuple[str, ...] | None:
    """Pick the candidate whose shortest text is longest (the most selective one).

    Ties go to the last one: a host or a label says more than the "http" before it.
    """
    usable = [c for c in candidates if c and all(c)]
    if not usable:
        return None
    return tuple(sorted(max(reversed(usable), key=lambda c: min(len(t) for t in c))))


# --------------------------------------------------------------------------- match starts


def _starts(items: Items) -> set[str] | None:
    """Return texts one of which a match at position 0 starts with (lower case); None: any."""
    run: list[str] = []
    for op, av in items:
        if op == sre.AT and not run:
            continue  # ^ and the like before anything is consumed
        if op == sre.LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        if run:
            break
        if op == sre.SUBPATTERN:
            return _starts(list(av[-1]))
        if op == sre.ATOMIC_GROUP:
            return _starts(list(av))
        if op in _REPEATS and av[0] >= 1:
            return _starts(list(av[2]))
        if op == sre.BRANCH:
            union: set[str] = set()
            for alternative in av[1]:
                one = _starts(list(alternative))
                if not one:
                    return None
                union |= one
            return union
        return None
    return {"".join(run)} if run else None


def _first(items: Items) -> tuple[frozenset[str] | None, bool]:
    """Return (lower-case ASCII characters a match may start with or None for any, nullable)."""
    chars: set[str] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue  # ignoring a condition only widens the screen
        if op == sre.LITERAL:
            one = _char_set(av, av)
            return (None, False) if one is None else (frozenset(chars | one), False)
        if op == sre.IN:
            one = _in_set(av)
            return (None, False) if one is None else (frozenset(chars | one), False)
        inner: frozenset[str] | None
        if op in (sre.SUBPATTERN, sre.ATOMIC_GROUP):
            inner, nullable = _first(list(av[-1] if op == sre.SUBPATTERN else av))
        elif op == sre.BRANCH:
            inner, nullable = frozenset(), False
            for alternative in av[1]:
                alt, alt_nullable = _first(list(alternative))
                inner = None if inner is None or alt is None else inner | alt
                nullable = nullable or alt_nullable
        elif op in _REPEATS:
            inner, nullable = _first(list(av[2]))
            nullable = nullable or av[0] == 0
        else:
            return None, False
        if inner is None:
            return None, False
        chars |= inner
        if not nullable:
            return frozenset(chars), False
    return frozenset(chars), True


def _char_set(low: int, high: int) -> set[str] | None:
    """Return the lower-cased ASCII characters in a code point range; None if not all ASCII."""
    if high >= 128:
        return None  # under IGNORECASE a non-ASCII letter matches ASCII ones (K, ſ)
    return {chr(n).lower() for n in range(low, high + 1)}


def _in_set(items: Items) -> set[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op == sre.LITERAL:
            one = _char_set(av, av)
        elif op == sre.RANGE:
            one = _char_set(av[0], av[1])
        elif op == sre.CATEGORY and av in _CATEGORIES:
            one = set(_CATEGORIES[av])
        else:
            return None  # NEGATE, other categories: anything
        if one is None:
            return None
        chars |= one
    return chars
