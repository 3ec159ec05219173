"""Load the mapping tables in ``crosswalks/``: the only code that knows where they live.

In a wheel the tables are inside the package (``oaiwalk/crosswalks``); in a source
checkout (editable install) they are the top-level ``crosswalks/`` folder.
"""

from __future__ import annotations

import json
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from oaiwalk.errors import TableError

__all__ = ["load_table", "load_table_schema", "table_dir", "table_names"]


@cache
def table_dir() -> Path:
    """Return the folder holding the crosswalk tables."""
    packaged = Path(__file__).resolve().parent.parent / "crosswalks"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[3] / "crosswalks"
    if checkout.is_dir():
        return checkout
    raise TableError("crosswalk tables not found: the oaiwalk installation is incomplete")


def table_names() -> list[str]:
    """Return the names of every table (file stems of ``*.toml``)."""
    return sorted(p.stem for p in table_dir().glob("*.toml"))


def load_table(name: str) -> dict[str, Any]:
    """Return one table, parsed from ``crosswalks/<name>.toml``; raise TableError if broken."""
    table = _read_table(name)
    if isinstance(table, TableError):
        raise TableError(str(table)) from table.__cause__
    return table


@cache  # a missing or broken table is remembered too: it is not read again per record
def _read_table(name: str) -> dict[str, Any] | TableError:
    path = table_dir() / f"{name}.toml"
    try:
        with path.open("rb") as stream:
            return tomllib.load(stream)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        error = TableError(f"crosswalk table {path.name}: {exc}")
        error.__cause__ = exc
        return error


def load_table_schema(name: str) -> dict[str, Any]:
    """Return the JSON Schema of one table from ``crosswalks/schema/<name>.schema.json``."""
    path = table_dir() / "schema" / f"{name}.schema.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    except (OSError, ValueError) as exc:
        raise TableError(f"crosswalk table schema {path.name}: {exc}") from exc
