"""Recognise identifiers in one DC value with the rows of ``crosswalks/identifiers.toml``."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any, NamedTuple

from oaiwalk.crosswalk.identifier_forms import CONVERTERS, InvalidIdentifier, convert_identifier
from oaiwalk.crosswalk.regex_screens import Screen, screen_of
from oaiwalk.crosswalk.tables import load_table
from oaiwalk.errors import TableError
from oaiwalk.model import Identifier

__all__ = [
    "Found",
    "IdRule",
    "Recognition",
    "inside_rule_ids",
    "is_citation",
    "landing_rank",
    "max_landing_rank",
    "recognise",
    "relation_own_kinds",
]


_LIST_SEPARATOR = re.compile(r"\s*[;,|]\s*|\s+/\s+")


@dataclass(frozen=True, slots=True)
class IdRule:
    """One row of the identifiers table, compiled."""

    id: str
    kind: str
    convert: str
    scope: str
    pattern: re.Pattern[str]
    elements: frozenset[str]
    same_work: bool
    on_invalid: str
    requires_any: frozenset[str]
    keep_url: bool
    converter: Callable[[str], str] | None = None  # CONVERTERS[convert], looked up once


# Found and Recognition are built for every DC value: immutable NamedTuples, a third of
# the cost of frozen dataclasses.
class Found(NamedTuple):
    """An identifier found in a DC value, the row that found it and how."""

    identifier: Identifier
    rule: str
    same_work: bool = False
    inside: bool = False  # found within a longer text rather than as the whole value


class Recognition(NamedTuple):
    """What the rows made of one DC value."""

    found: tuple[Found, ...] = ()
    rejection: str | None = None  # why the value is not the identifier it claims to be
    whole: bool = False  # a whole-value row took it (so it is no citation)


_NOTHING = Recognition()
_NO_KINDS: frozenset[str] = frozenset()


@cache
def _table() -> dict[str, Any]:
    return load_table("identifiers")


@cache
def _rules() -> tuple[IdRule, ...]:
    rows = []
    for row in _table().get("identifier", []):
        try:
            pattern = re.compile(row["pattern"])
        except re.error as exc:
            raise TableError(f"identifiers.toml row {row['id']}: bad pattern: {exc}") from exc
        rows.append(
            IdRule(
                id=row["id"],
                kind=row["kind"],
                convert=row.get("convert", ""),
                scope=row["scope"],
                pattern=pattern,
                elements=frozenset(row["elements"]),
                same_work=row.get("same_work", False),
                on_invalid=row["on_invalid"],
                requires_any=frozenset(row.get("requires_any", ())),
                keep_url=row.get("keep_url", False),
                converter=CONVERTERS.get(row.get("convert", "")),
            )
        )
    return tuple(rows)


@cache
def _rules_for(scope: str, element: str, second_pass: bool) -> tuple[IdRule, ...]:
    """Return the rows of one scope that read ``element``, in table order.

    The first pass runs rows without ``requires_any``, the second only rows with it.
    """
    return tuple(
        rule
        for rule in _rules()
        if rule.scope == scope
        and element in rule.elements
        and bool(rule.requires_any) == second_pass
    )


@cache
def inside_rule_ids() -> frozenset[str]:
    """Return the ids of rows that find identifiers within longer texts."""
    return frozenset(rule.id for rule in _rules() if rule.scope == "inside")


@cache
def relation_own_kinds() -> frozenset[str]:
    """Return the kinds that are the record's own even when found in dc:relation."""
    return frozenset(_table().get("relation_own_kinds", ()))


# rows with the texts a match needs somewhere and the texts it may start with
_Screened = tuple[tuple[IdRule, tuple[str, ...] | None, tuple[str, ...] | None], ...]


@cache
def _dispatch(element: str, second_pass: bool) -> dict[str, _Screened]:
    """Return, for each ASCII first character, the whole rows that can match a value
    starting with it (``_rules_for`` order), each with its screen's texts."""
    rows = [(rule, screen_of(rule.pattern)) for rule in _rules_for("whole", element, second_pass)]
    return {
        char: tuple(
            (rule, screen.needs, screen.starts)
            for rule, screen in rows
            if screen.first is None or char.lower() in screen.first
        )
        for char in map(chr, range(128))
    }


@cache
def _screened(scope: str, element: str, second_pass: bool) -> _Screened:
    """Return the rows of ``_rules_for`` with the texts their matches need."""
    rows = []
    for rule in _rules_for(scope, element, second_pass):
        screen = screen_of(rule.pattern)
        rows.append((rule, screen.needs, screen.starts if scope == "whole" else None))
    return tuple(rows)


def _has_any(lowered: str | None, needs: tuple[str, ...] | None) -> bool:
    """Return whether ``lowered`` (None: not ASCII, unscreened) has one of ``needs``."""
    if needs is None or lowered is None:
        return True
    for text in needs:
        if text in lowered:
            return True
    return False


def _convert(rule: IdRule, match: re.Match[str]) -> tuple[str, str] | None:
    """Return (kind, value) for a row's match; None when the row does not apply."""
    if rule.kind == "scheme":
        kind = _table()["schemes"].get(match.group("scheme").lower(), "")
        if not kind:
            return None
        return kind, convert_identifier(kind, match.group("value"))
    if rule.converter is None:
        return rule.kind, convert_identifier(rule.convert, match.group("value"))
    return rule.kind, rule.converter(match.group("value"))


def recognise(text: str, element: str, known_kinds: Iterable[str] | None = None) -> Recognition:
    """Return the identifiers in one DC value of ``element``.

    ``known_kinds`` switches to the second pass: only rows with ``requires_any`` run,
    and only when the record already has one of those kinds.
    """
    value = " ".join(text.split())
    lowered = value.lower() if value.isascii() else None  # screens read ASCII only
    second_pass = known_kinds is not None
    kinds = frozenset(known_kinds) if known_kinds is not None else _NO_KINDS
    rows = _dispatch(element, second_pass).get(value[:1])  # the rows worth trying
    if rows is None:
        rows = _screened("whole", element, second_pass)
    for rule, needs, starts in rows:
        if starts is not None and lowered is not None and not lowered.startswith(starts):
            continue
        if needs is not None and lowered is not None:
            for need in needs:  # inline _has_any: this loop runs for every row tried
                if need in lowered:
                    break
            else:
                continue
        if second_pass and not rule.requires_any & kinds:
            continue
        match = rule.pattern.match(value)
        if match is None:
            continue
        if rule.kind == "any":
            inner = recognise(match.group("value"), "identifier")
            if not inner.found:
                continue
            same = tuple(
                Found(f.identifier, rule.id, same_work=True, inside=f.inside) for f in inner.found
            )
            return Recognition(same, inner.rejection, whole=True)
        try:
            converted = _convert(rule, match)
        except InvalidIdentifier as exc:
            if rule.on_invalid == "reject":
                return Recognition(rejection=str(exc), whole=True)
            continue
        if converted is None:
            continue
        kind, normalised = converted
        found = [Found(Identifier(kind, normalised, text), rule.id, rule.same_work)]
        if rule.keep_url and kind != "url" and _is_url(value):
            found.append(Found(Identifier("url", value, text), rule.id, rule.same_work))
        if kind == "url":
            found.extend(_inside(value, lowered, element))
        return Recognition(tuple(found), None, True)
    if second_pass:
        return _NOTHING
    listed = _listed(value, element)
    if listed is not None:
        return listed
    inside = _inside(value, lowered, element)
    return Recognition(tuple(inside)) if inside else _NOTHING


def _listed(value: str, element: str) -> Recognition | None:
    """Read "ISSN 1234-5679; 2049-3630" as a list when every part is an identifier."""
    if ";" not in value and "," not in value and "|" not in value and " / " not in value:
        return None  # no separator (whitespace is already single spaces): one part
    parts = [p for p in _LIST_SEPARATOR.split(value) if p]
    if len(parts) < 2:
        return None
    found: list[Found] = []
    for part in parts:
        one = recognise(part, element)
        if not one.whole or one.rejection is not None or not one.found:
            return None
        found.extend(one.found)
    return Recognition(tuple(found), whole=True)


def _is_url(value: str) -> bool:
    try:
        convert_identifier("url", value)
    except InvalidIdentifier:
        return False
    return True


def _inside(value: str, lowered: str | None, element: str) -> list[Found]:
    """Return identifiers the "inside" rows find within a URL or a citation."""
    found: list[Found] = []
    for rule, needs, _starts in _screened("inside", element, False):
        if not _has_any(lowered, needs):
            continue
        for match in rule.pattern.finditer(value):
            if match.group(0) == value:
                continue  # the whole value: whole rows decide that (a bare DOI in dc:source)
            try:
                converted = _convert(rule, match)
            except InvalidIdentifier:
                continue
            if converted is not None:
                kind, normalised = converted
                found.append(
                    Found(Identifier(kind, normalised, match.group(0)), rule.id, False, True)
                )
    return found


@cache
def _citation_forms() -> tuple[int, re.Pattern[str], re.Pattern[str]]:
    spec = _table()["citation"]
    return spec["min_length"], re.compile(spec["year"]), re.compile(spec["words"])


def is_citation(text: str) -> bool:
    """Return whether a value no row took reads as a bibliographic citation."""
    min_length, year, words = _citation_forms()
    value = " ".join(text.split())
    return (
        len(value) >= min_length
        and " " in value
        and year.search(value) is not None
        and len(words.findall(value)) >= 2
        and not value.lower().startswith(("http://", "https://"))
    )


@cache
def _landing_rows() -> dict[str, tuple[tuple[str, re.Pattern[str] | None, Screen, int], ...]]:
    """Return the landing rows by identifier kind, each kind's rows in table order."""
    rows: dict[str, list[tuple[str, re.Pattern[str] | None, Screen, int]]] = {}
    for row in _table().get("landing", []):
        pattern = re.compile(row["pattern"]) if "pattern" in row else None
        screen = screen_of(pattern) if pattern else Screen(None, None)
        rows.setdefault(row["kind"], []).append((row["id"], pattern, screen, row["rank"]))
    return {kind: tuple(kind_rows) for kind, kind_rows in rows.items()}


@cache
def max_landing_rank() -> int:
    """Return the highest rank a landing row gives (no value can beat it)."""
    return max((row["rank"] for row in _table().get("landing", [])), default=0)


def landing_rank(identifier: Identifier) -> tuple[int, str] | None:
    """Return (rank, landing row id) of an identifier as a landing page; None if it is none."""
    value = identifier.value
    lowered = value.lower() if value.isascii() else None
    for row_id, pattern, screen, rank in _landing_rows().get(identifier.kind, ()):
        if pattern is None or (_has_any(lowered, screen.needs) and pattern.search(value)):
            return rank, row_id
    return None
