"""Field-level accuracy of the crosswalk against the hand-written gold set.

    python tools/gold_accuracy.py [--corpus ../shared/corpus] [--show-misses]

``tests/gold/*.jsonl`` holds one line per gold record: the corpus file, the record's OAI
identifier (or its 1-based position for records without one), the platform, and the CSL
fields a librarian reads from the record. Each expected field is compared with oaiwalk's
CSL-JSON output after light normalisation (whitespace, case of DOIs). Prints accuracy per
field kind and per platform.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"


def load_gold(gold_dir: Path = GOLD) -> list[dict[str, Any]]:
    """Return every gold entry, in file order."""
    entries: list[dict[str, Any]] = []
    for path in sorted(gold_dir.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip() and not line.lstrip().startswith("//"):
                entry = json.loads(line)
                entry["_where"] = f"{path.name}:{n}"
                entries.append(entry)
    return entries


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", " ".join(value.split())).casefold()
    if isinstance(value, list):
        return [_norm(v) for v in value]
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in value.items() if v not in (None, "")}
    return value


def _names(value: list[dict[str, Any]] | None) -> list[Any]:
    out = []
    for name in value or []:
        if "literal" in name:
            out.append({"literal": name["literal"]})
        else:
            family = " ".join(
                p for p in (name.get("non-dropping-particle"), name.get("family")) if p
            )
            out.append({"family": family, "given": name.get("given", "")})
    return _norm(out)


def _issued(item: dict[str, Any]) -> str | None:
    issued = item.get("issued") or {}
    parts = issued.get("date-parts")
    if parts and parts[0]:
        return "-".join(f"{p:04d}" if i == 0 else f"{int(p):02d}" for i, p in enumerate(parts[0]))
    return issued.get("literal")


def _standard_number(field: str, value: Any) -> Any:
    """Compare ISBNs as ISBN-13 and ISSNs in "NNNN-NNNC" form, whatever hyphens were printed."""
    if not isinstance(value, str):
        return value
    from stdnum import isbn, issn

    try:
        if field == "ISBN":
            return isbn.to_isbn13(isbn.compact(value))
        return issn.format(value)
    except Exception:  # not a valid number: compare as written
        return _norm(value)


def actual_value(item: dict[str, Any], field: str) -> Any:
    """Return oaiwalk's value for a gold field, normalised like the expectation."""
    if field in ("author", "editor"):
        return _names(item.get(field))
    if field == "issued":
        return _issued(item)
    if field in ("ISBN", "ISSN"):
        return _standard_number(field, item.get(field))
    return _norm(item.get(field))


def expected_value(expected: dict[str, Any], field: str) -> Any:
    value = expected[field]
    if field in ("author", "editor"):
        return _names(value)
    if field in ("ISBN", "ISSN"):
        return _standard_number(field, value)
    return _norm(value)


def convert_record(corpus: Path, entry: dict[str, Any]) -> dict[str, Any] | None:
    """Return oaiwalk's CSL-JSON item for the gold entry's record, or None if not found."""
    import oaiwalk
    from oaiwalk.writers.csl_data import record_to_csl

    path = corpus / entry["file"]
    wanted = entry.get("identifier")
    for position, record in enumerate(oaiwalk.read(path), 1):
        ident = record.provenance.header.identifier
        if (wanted and ident == wanted) or (not wanted and position == entry.get("position")):
            return record_to_csl(record)
    return None


def score(corpus: Path, show_misses: bool = False) -> dict[str, Any]:
    """Compare every gold field; return totals per field and per platform, and misses."""
    by_field: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    by_platform: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    misses: list[str] = []
    for entry in load_gold():
        item = convert_record(corpus, entry) or {}
        for field in entry["expected"]:
            ok = actual_value(item, field) == expected_value(entry["expected"], field)
            for table, key in ((by_field, field), (by_platform, entry["platform"])):
                table[key][0] += ok
                table[key][1] += 1
            if not ok:
                misses.append(
                    f"{entry['_where']} {entry.get('identifier')} {field}: expected "
                    f"{entry['expected'][field]!r}, got {item.get(field)!r}"
                )
    total = [sum(v[0] for v in by_field.values()), sum(v[1] for v in by_field.values())]
    return {
        "fields": dict(by_field),
        "platforms": dict(by_platform),
        "total": total,
        "misses": misses,
        "records": len(load_gold()),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    if not (args.corpus / "raw").is_dir():
        print(f"corpus not found at {args.corpus}", file=sys.stderr)
        return 2
    result = score(args.corpus)
    print(f"gold records: {result['records']}")
    for title, table in (("field", result["fields"]), ("platform", result["platforms"])):
        print(f"\n| {title} | correct | total | accuracy |\n|---|---|---|---|")
        for key, (ok, n) in sorted(table.items()):
            print(f"| {key} | {ok} | {n} | {ok / n:.1%} |")
    ok, n = result["total"]
    print(f"\n**all fields: {ok}/{n} = {ok / max(n, 1):.1%}**")
    if args.show_misses:
        print("\n".join(result["misses"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
