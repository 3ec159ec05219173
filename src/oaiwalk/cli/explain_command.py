"""``oaiwalk explain``: show where every field of a record came from."""

from __future__ import annotations

import argparse
import itertools
import json
from typing import Any

from oaiwalk.errors import InputError
from oaiwalk.pipeline import iter_records


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "explain",
        help="show, per output field, the DC values and the rule that decided it",
    )
    p.add_argument("input", metavar="INPUT")
    p.add_argument(
        "--record",
        metavar="N|ID",
        help="record number (1-based) or OAI identifier; default: every record",
    )
    p.add_argument("--json", action="store_true", help="machine-readable explanation")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from oaiwalk.explain import explain_json, explain_record

    records = iter_records([args.input])
    if args.record:
        wanted = args.record
        if wanted.isdigit():
            records = itertools.islice(records, int(wanted) - 1, int(wanted))
        else:
            records = (r for r in records if r.provenance.header.identifier == wanted)
    found = 0
    for record in records:
        found += 1
        if args.json:
            print(json.dumps(explain_json(record), ensure_ascii=False, indent=2))
        else:
            print(explain_record(record))
    if not found:
        raise InputError(f"{args.input}: no record {args.record or ''} found".replace("  ", " "))
    return 0
