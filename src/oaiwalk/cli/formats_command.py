"""``oaiwalk formats``: list the installed writers."""

from __future__ import annotations

import argparse
import json
from typing import Any

from oaiwalk.registry import default_registry


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser("formats", help="list output formats (installed writers)")
    p.add_argument("--json", action="store_true", help="machine-readable list")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    writers = list(default_registry())
    if args.json:
        rows = [
            {
                "name": w.name,
                "aliases": list(w.aliases),
                "media_type": w.media_type,
                "extension": w.extension,
                "options": list(w.options),
                "description": w.description,
            }
            for w in writers
        ]
        print(json.dumps(rows, indent=2))
        return 0
    width = max((len(w.name) for w in writers), default=4)
    for w in writers:
        aliases = f" (also: {', '.join(w.aliases)})" if w.aliases else ""
        print(f"{w.name:<{width}}  {w.extension or '-':<8} {w.media_type}{aliases}")
    return 0
