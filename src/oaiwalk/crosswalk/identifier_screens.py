"""Screens that rule a table regex out before it runs: its first characters, its text.

The identifier rows are tried on every dc:identifier, dc:relation and dc:source value,
and most rows cannot match most values (a handle row on a repository URL). A ``Screen``
is derived from the parsed pattern (``re._parser``), so the table stays the one source
of the patterns: what the analysis does not know lets every value through.
"""

from __future__ import annotations

import re
import string
from re import _constants as sre
from re import _parser as sre_parse
from typing import Any, NamedTuple

__all__ = ["Screen", "screen_of"]

_ASCII = frozenset(chr(n) for n in range(128))
_CATEGORIES = {
    sre.CATEGORY_DIGIT: frozenset(string.digits),
    sre.CATEGORY_WORD: frozenset(string.ascii_lowercase + string.digits + "_"),
    sre.CATEGORY_SPACE: frozenset(c for c in _ASCII if c.isspace()),  # \s has \x1c-\x1f too
}
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT))


class Screen(NamedTuple):
    """What any match of one pattern must show, in lower case (ASCII values only)."""

    first: frozenset[str] | None  # a match at position 0 starts with one of these; None: any
    needs: tuple[str, ...] | None  # a match contains one of these; None: no such text
    starts: tuple[str, ...] | None = None  # a match at position 0 starts with one of these


def screen_of(pattern: re.Pattern[str]) -> Screen:
    """Return the screen of a compiled pattern (a no-op screen if it cannot be analysed)."""
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
        first, nullable = _first(list(parsed))
        needs = _best(_needs(list(parsed)))
        starts = _starts(list(parsed))
    except (re.error, AttributeError, TypeError, ValueError, RecursionError):
        return Screen(None, None)
    return Screen(None if nullable else first, needs, tuple(sorted(starts)) if starts else None)


def _starts(items: list[tuple[Any, Any]]) -> set[str] | None:
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


def _first(items: list[tuple[Any, Any]]) -> tuple[frozenset[str] | None, bool]:
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


def _in_set(items: list[tuple[Any, Any]]) -> set[str] | None:
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


def _needs(items: list[tuple[Any, Any]]) -> list[frozenset[str]]:
    """Return alternatives of texts, each a set one of whose members every match contains."""
    found: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:
        if op == sre.LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        if run:
            found.append(frozenset(("".join(run),)))
            run = []
        if op == sre.SUBPATTERN:
            found.extend(_needs(list(av[-1])))
        elif op == sre.ATOMIC_GROUP:
            found.extend(_needs(list(av)))
        elif op in _REPEATS and av[0] >= 1:
            found.extend(_needs(list(av[2])))
        elif op == sre.BRANCH:
            union: set[str] = set()
            for alternative in av[1]:
                best = _best(_needs(list(alternative)))
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
