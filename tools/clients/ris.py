"""RIS read back by pandoc (``-f ris -t csljson``) and citation-js (plugin-ris).

Both readers turn RIS into CSL-JSON; ``compare_item`` checks, record by record, the
key fields a RIS reader must get back: type (for the unambiguous RIS types), authors in
order, title, year (and month through ``DA``), container, volume, issue, pages, DOI,
ISSN and URL. Documented normalisation: whitespace is collapsed (RIS values are one
line), names are compared as the words they contain (readers split "Family, Given,
Suffix" and organisations differently), DOIs ignore case.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Sequence
from functools import cache
from typing import Any

from oaiwalk.model import Name, Record
from oaiwalk.writers.ris import format_name, ris_value, split_pages

from . import ClientCheck, Failure, failures_for_all

__all__ = ["CHECKS", "compare_item", "read_with_citation_js", "read_with_pandoc"]

# RIS types of periodical articles (container, volume and issue are compared).
_PERIODICAL_TYPES = frozenset({"JOUR", "EJOUR", "JFULL", "MGZN", "NEWS", "INPR", "ABST"})
# RIS types every reader maps to one CSL type; others (GEN, ELEC, ...) are not compared.
_TYPE_PAIRS = {
    "JOUR": "article-journal",
    "BOOK": "book",
    "CHAP": "chapter",
    "THES": "thesis",
    "RPRT": "report",
}
# Types whose SN is an ISBN for every reader.
_BOOK_TYPES = frozenset({"BOOK", "CHAP", "EBOOK", "ECHAP", "EDBOOK"})
# Types for which citation-js takes the date from PY alone, not DA (plugin-ris spec/new.json).
_YEAR_ONLY_TYPES = frozenset(
    "AGGR CHAP CLSWK COMP DBASE DICT EBOOK ECHAP EJOUR GOVDOC MULTI NEWS".split()
)
# Types whose SP/EP are pages (citation-js reads SP of BOOK/THES as number-of-pages).
_PAGED_TYPES = _PERIODICAL_TYPES | {"CHAP", "CONF", "CPAPER", "RPRT"}


def name_words(text: str) -> list[str]:
    """Return the case-folded words of a name, sorted (readers split names differently)."""
    return sorted(w.casefold() for w in re.split(r"[\s,]+", text) if w)


def _client_name_words(name: dict[str, Any]) -> list[str]:
    keys = ("literal", "non-dropping-particle", "dropping-particle", "family", "given", "suffix")
    return name_words(" ".join(str(name[k]) for k in keys if name.get(k)))


def _expected_names(names: Sequence[Name]) -> list[list[str]]:
    return [words for words in (name_words(format_name(n)) for n in names) if words]


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _text(value: Any) -> str:
    return ris_value(str(_first(value))) if value is not None else ""


def _date_parts(item: dict[str, Any]) -> list[Any]:
    issued = item.get("issued") or {}
    parts = issued.get("date-parts") or [[]]
    return list(parts[0])


def compare_item(record: Record, item: dict[str, Any], *, month: bool = False) -> list[str]:
    """Return how a reader's CSL item differs from the record (empty when it matches)."""
    problems: list[str] = []
    ris_type = record.type.ris

    def differ(label: str, expected: Any, actual: Any) -> None:
        if expected != actual:
            problems.append(f"{label}: expected {expected!r}, read {actual!r}")

    if ris_type in _TYPE_PAIRS:
        differ("TY", _TYPE_PAIRS[ris_type], item.get("type"))
    expected_authors = _expected_names(record.author)
    if expected_authors:
        read = [_client_name_words(n) for n in item.get("author") or []]
        differ("AU", expected_authors, read)
    if record.title and ris_value(record.title):
        differ("TI", ris_value(record.title), _text(item.get("title")))
    if record.issued is not None and record.issued.year:
        parts = _date_parts(item)
        differ("PY", record.issued.year, int(parts[0]) if parts else None)
        if month and len(record.issued.parts[0]) > 1 and ris_type not in _YEAR_ONLY_TYPES:
            differ("DA month", record.issued.parts[0][1], int(parts[1]) if len(parts) > 1 else None)
    if record.container_title and ris_type in _PERIODICAL_TYPES | {"CHAP"}:
        differ("T2/JO", ris_value(record.container_title), _text(item.get("container-title")))
    if ris_type in _PERIODICAL_TYPES:
        for label, value, key in (("VL", record.volume, "volume"), ("IS", record.issue, "issue")):
            if value and ris_value(value):
                differ(label, ris_value(value), _text(item.get(key)))
    if record.page and ris_value(record.page) and ris_type in _PAGED_TYPES:
        start, end = split_pages(ris_value(record.page))
        expected_page = f"{start}-{end}" if end else start
        read_page = re.sub("[\u2010-\u2015]", "-", _text(item.get("page")))
        differ("SP/EP", expected_page, read_page.replace(" ", ""))
    if record.doi:
        differ("DO", ris_value(record.doi).lower(), _text(item.get("DOI")).lower())
    if record.issn and ris_type in _PERIODICAL_TYPES:
        read_issns = [ris_value(str(v)) for v in _as_list(item.get("ISSN"))]
        if ris_value(record.issn) not in " ".join(read_issns):
            problems.append(f"SN: expected {record.issn!r}, read {read_issns!r}")
    if record.isbn and ris_type in _BOOK_TYPES:
        # pandoc reads every SN as ISSN, whatever the type: either variable will do
        read_isbns = [ris_value(str(v)) for k in ("ISBN", "ISSN") for v in _as_list(item.get(k))]
        if ris_value(record.isbn) not in " ".join(read_isbns):
            problems.append(f"SN: expected ISBN {record.isbn!r}, read {read_isbns!r}")
    if record.url and ris_value(record.url):
        differ("UR", ris_value(record.url), _text(item.get("URL")))
    return problems


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def compare_all(
    records: Sequence[Record], items: list[dict[str, Any]], *, month: bool = False
) -> list[Failure]:
    """Compare records with the items a reader returned, in order."""
    if len(items) != len(records):
        return failures_for_all(records, f"read {len(items)} records, wrote {len(records)}")
    failures = []
    for record, item in zip(records, items, strict=True):
        problems = compare_item(record, item, month=month)
        if problems:
            failures.append(Failure(record.id, "; ".join(problems)))
    return failures


@cache
def pandoc_path() -> str | None:
    """Return the pandoc binary of pypandoc-binary (or on PATH), or None."""
    try:
        import pypandoc

        return str(pypandoc.get_pandoc_path())
    except (ImportError, OSError):
        return shutil.which("pandoc")


def _pandoc_problem() -> str | None:
    return None if pandoc_path() else "pandoc not found (install pypandoc-binary)"


def read_with_pandoc(text: str) -> list[dict[str, Any]]:
    """Return the CSL items pandoc reads from RIS text; raise RuntimeError if it fails."""
    path = pandoc_path()
    if path is None:
        raise RuntimeError("pandoc not found")
    done = subprocess.run(
        [path, "-f", "ris", "-t", "csljson"],
        input=text.encode("utf-8"),
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"pandoc exit {done.returncode}: {done.stderr.decode()[-300:]}")
    out = done.stdout.decode("utf-8").strip()
    return json.loads(out) if out else []


def read_with_citation_js(text: str) -> list[dict[str, Any]]:
    """Return the CSL items citation-js reads from RIS text; raise RuntimeError if it fails."""
    from tests.clients.runner import run_node_script

    done = run_node_script("ris-read.mjs", input_text=text)
    if done.returncode != 0:
        raise RuntimeError(f"citation-js exit {done.returncode}: {done.stderr[-300:]}")
    items: list[dict[str, Any]] = json.loads(done.stdout)
    return items


def _node_problem() -> str | None:
    from tests.clients.runner import node_clients_problem

    return node_clients_problem()


def _checker(read: Any, *, month: bool) -> Any:
    def check(records: Sequence[Record], text: str) -> list[Failure]:
        try:
            items = read(text)
        except (RuntimeError, ValueError) as exc:
            return failures_for_all(records, str(exc))
        return compare_all(records, items, month=month)

    return check


CHECKS = [
    # pandoc reads only the year (PY); it ignores DA and Y1.
    ClientCheck("ris", "pandoc", _checker(read_with_pandoc, month=False), {}, _pandoc_problem),
    ClientCheck(
        "ris",
        "pandoc",
        _checker(read_with_pandoc, month=False),
        {"flavour": "endnote"},
        _pandoc_problem,
    ),
    # citation-js reads the month from DA (zotero flavour); from Y1 it takes the year only.
    ClientCheck(
        "ris", "citation-js", _checker(read_with_citation_js, month=True), {}, _node_problem
    ),
    ClientCheck(
        "ris",
        "citation-js",
        _checker(read_with_citation_js, month=False),
        {"flavour": "endnote"},
        _node_problem,
    ),
]
