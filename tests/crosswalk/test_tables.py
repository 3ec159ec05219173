"""Every crosswalk table matches its JSON Schema, then what a schema cannot check."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import re
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest

import oaiwalk.crosswalk
from oaiwalk.crosswalk.tables import load_table, load_table_schema, table_dir, table_names
from oaiwalk.errors import TableError
from oaiwalk.model import Record

TABLES = table_names()
RECORD_FIELDS = {f.name for f in dataclasses.fields(Record)}
# columns that name or explain a row rather than say what it maps to
NON_RESULT_COLUMNS = {"id", "note", "match", "rank", "pattern", "when"}


def _sections(table: dict[str, Any]) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    for name, rows in table.items():
        if isinstance(rows, list) and rows and all(isinstance(r, dict) for r in rows):
            yield name, rows


def _converters() -> set[str]:
    """Return the converter names every crosswalk module declares in ``CONVERTERS``."""
    names: set[str] = set()
    for info in pkgutil.iter_modules(oaiwalk.crosswalk.__path__):
        module = importlib.import_module(f"oaiwalk.crosswalk.{info.name}")
        names.update(getattr(module, "CONVERTERS", {}))
    return names


def _values(rows: list[dict[str, Any]], key: str) -> Iterator[tuple[str, Any]]:
    for row in rows:
        if key in row:
            yield row.get("id", "?"), row[key]


def test_there_are_tables() -> None:
    assert {"names", "dates", "languages", "rights", "fields"} <= set(TABLES)


def test_every_schema_has_its_table() -> None:
    schemas = {
        p.name.removesuffix(".schema.json") for p in (table_dir() / "schema").glob("*.schema.json")
    }
    assert schemas <= set(TABLES), f"schemas without a table: {sorted(schemas - set(TABLES))}"


@pytest.mark.parametrize("name", TABLES)
def test_table_matches_its_schema(name: str) -> None:
    schema = load_table_schema(name)  # no schema, no pass: TableError fails the test
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = sorted(
        jsonschema.Draft202012Validator(schema).iter_errors(load_table(name)),
        key=lambda e: list(e.absolute_path),
    )
    assert not errors, "; ".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


@pytest.mark.parametrize("name", TABLES)
def test_row_ids_are_unique(name: str) -> None:
    seen: dict[str, str] = {}
    for section, rows in _sections(load_table(name)):
        for row in rows:
            if "id" not in row:
                continue
            assert row["id"] not in seen, (
                f"{name}: id {row['id']!r} in {seen.get(row['id'])} and {section}"
            )
            seen[row["id"]] = section


@pytest.mark.parametrize("name", TABLES)
def test_converters_exist(name: str) -> None:
    known = _converters()
    for _, rows in _sections(load_table(name)):
        for row_id, convert in _values(rows, "convert"):
            assert convert in known, f"{name}:{row_id} names unknown converter {convert!r}"


@pytest.mark.parametrize("name", TABLES)
def test_targets_are_record_fields(name: str) -> None:
    for _, rows in _sections(load_table(name)):
        for key in ("target", "field"):
            for row_id, target in _values(rows, key):
                if isinstance(target, str) and target:
                    assert target in RECORD_FIELDS, (
                        f"{name}:{row_id} {key} {target!r} is no Record field"
                    )


@pytest.mark.parametrize("name", TABLES)
def test_patterns_compile(name: str) -> None:
    for _, rows in _sections(load_table(name)):
        for row_id, pattern in _values(rows, "pattern"):
            for one in [pattern] if isinstance(pattern, str) else pattern:
                try:
                    re.compile(one)
                except re.error as exc:
                    pytest.fail(f"{name}:{row_id} pattern {one!r}: {exc}")


@pytest.mark.parametrize("name", TABLES)
def test_no_value_is_matched_twice_with_different_results(name: str) -> None:
    for section, rows in _sections(load_table(name)):
        results: dict[str, tuple[str, Any]] = {}
        for row in rows:
            matches = row.get("match")
            if not isinstance(matches, list) or not all(isinstance(m, str) for m in matches):
                continue
            result = repr(sorted((k, v) for k, v in row.items() if k not in NON_RESULT_COLUMNS))
            for value in matches:
                key = value.casefold()
                if key in results:
                    other_id, other = results[key]
                    assert other == result, (
                        f"{name}.{section}: {value!r} in {other_id} and {row.get('id')}"
                    )
                results[key] = (row.get("id", "?"), result)


def test_months_and_seasons_are_each_defined_once() -> None:
    table = load_table("dates")
    assert sorted(row["number"] for row in table["month"]) == list(range(1, 13))
    assert sorted(row["number"] for row in table["season"]) == [1, 2, 3, 4]


def test_name_roles_cover_every_name_field() -> None:
    fields = {row["field"] for row in load_table("names")["role"]}
    assert fields == {"author", "editor", "contributor", "director"}


def test_access_terms_and_coar_iris_agree() -> None:
    rows = load_table("rights")["access"]
    assert len({row["term"] for row in rows}) == len({row["coar"] for row in rows}) == len(rows)


def test_a_missing_table_raises_every_time() -> None:
    for _ in range(2):  # the failure is cached, the error still raised each call
        with pytest.raises(TableError, match="no-such-table.toml"):
            load_table("no-such-table")


def _table_patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    """Yield every row pattern of every table, compiled as the steps compile them."""
    from oaiwalk.crosswalk.container_rules import _compile

    for name in TABLES:
        for _, rows in _sections(load_table(name)):
            for row_id, pattern in _values(rows, "pattern"):
                for one in [pattern] if isinstance(pattern, str) else pattern:
                    if name == "containers":
                        yield f"{name}:{row_id}", _compile(row_id, one)  # {{fragments}}
                    else:
                        yield f"{name}:{row_id}", re.compile(one)
    for key, pattern in load_table("containers")["sanity"].items():
        yield f"containers:sanity.{key}", re.compile(pattern)


_PROBES = [chr(n) for n in range(32, 127)] + list("\téßü–’")


def _chars_of(item: tuple[Any, Any], state: Any) -> set[str]:
    """Return the probe characters one single-character item matches."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    one = _compiler.compile(_parser.SubPattern(state, [item]), state.flags)
    return {c for c in _PROBES if one.fullmatch(c)}


def _rescanning_repeats(items: Any, state: Any) -> Iterator[str]:
    """Yield "C*...C*" wherever two unbounded repeats of one character class ``C`` are
    separated only by single characters that ``C`` holds too (``[^;]*[a-z][^;]*?``).

    Such a pair splits a run of C two ways for every character between them: a failing
    match costs O(n^2) on a long run (what journal-year-pages did on 4 kB sources).
    A lookahead for the middle character and one repeat read the same text in O(n).
    """
    from re import _constants as sre  # type: ignore[attr-defined]

    single = (sre.LITERAL, sre.IN, sre.ANY, sre.NOT_LITERAL)
    repeats = (sre.MAX_REPEAT, sre.MIN_REPEAT)
    items = list(items)
    for i, (op, av) in enumerate(items):
        if op in repeats and av[1] == sre.MAXREPEAT and len(av[2]) == 1:
            run = list(av[2])
            shared = _chars_of(run[0], state)
            for later_op, later_av in items[i + 1 :]:
                if (
                    later_op in repeats
                    and later_av[1] == sre.MAXREPEAT
                    and list(later_av[2]) == run
                ):
                    yield f"{run}*...{run}*"
                if later_op not in single:
                    break
                shared &= _chars_of((later_op, later_av), state)
                if not shared:
                    break
        for inner in _inner_sequences(op, av):
            yield from _rescanning_repeats(inner, state)


def _inner_sequences(op: Any, av: Any) -> list[Any]:
    from re import _constants as sre  # type: ignore[attr-defined]

    if op == sre.SUBPATTERN:
        return [av[-1]]
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        return [av[2]]
    if op == sre.BRANCH:
        return list(av[1])
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return [av[1]]
    if op == sre.ATOMIC_GROUP:
        return [av]
    return []


def test_no_table_pattern_rescans_a_run_twice() -> None:
    from re import _parser as sre_parse  # type: ignore[attr-defined]

    found = []
    for where, pattern in _table_patterns():
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
        found += [f"{where}: {shape}" for shape in _rescanning_repeats(parsed, parsed.state)]
    assert found == []


def test_the_rescan_check_finds_the_shape() -> None:
    from re import _parser as sre_parse  # type: ignore[attr-defined]

    def shapes(pattern: str) -> list[str]:
        parsed = sre_parse.parse(pattern)
        return list(_rescanning_repeats(parsed, parsed.state))

    assert shapes(r"^(?P<t>[^;]*[^\W\d_][^;]*?)\s*;") != []
    assert shapes(r"(?:x|[ab]*b[ab]*c)") != []  # in one branch
    assert shapes(r"^(?P<t>(?=[^;]*?[^\W\d_])[^;]*?)\s*;") == []
    assert shapes(r"[^;]*;[^;]*") == []  # ";" cannot be in either run
    assert shapes(r"\s*[:\s]\s*") != []  # a run of spaces splits three ways
    assert shapes(r"\s*,\s*") == []
