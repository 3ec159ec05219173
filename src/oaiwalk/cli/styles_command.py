"""``oaiwalk styles``: list the citation styles and locales available by name."""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser("styles", help="list citation styles (or locales with --locales)")
    p.add_argument("--locales", action="store_true", help="list CSL locales instead")
    p.add_argument("filter", nargs="?", help="show only names containing this text")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from oaiwalk.writers import styles

    names = styles.list_locales() if args.locales else styles.list_styles()
    for name in names:
        if not args.filter or args.filter.lower() in name.lower():
            print(name)
    return 0
