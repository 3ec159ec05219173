"""``oaiwalk serve``: publish records over HTTP with content negotiation."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from oaiwalk.errors import FormatError


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "serve",
        help="publish records: landing pages, content negotiation, search, dumps",
        description="Serve records from files, directories or a harvest store. "
        "GET /records/{id} answers text/html, text/turtle, application/ld+json, "
        "application/rdf+xml, application/n-triples, application/x-bibtex, "
        "application/x-research-info-systems, application/vnd.citationstyles.csl+json and "
        "text/x-bibliography; style=apa; locale=en-US.",
    )
    p.add_argument("inputs", nargs="+", metavar="STORE|FILE")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8080)
    p.add_argument(
        "--base-uri", dest="base_uri", help="public base IRI (default: http://HOST:PORT/)"
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from oaiwalk.serve import Catalogue, create_app
    except ImportError as exc:
        raise FormatError(
            f"serve needs the 'serve' extra: pip install 'oaiwalk[serve]' ({exc})"
        ) from exc
    catalogue = Catalogue.load(args.inputs)
    base = args.base_uri or f"http://{args.host}:{args.port}/"
    if not args.quiet:
        print(f"oaiwalk: serving {len(catalogue)} records at {base}", file=sys.stderr)
    uvicorn.run(
        create_app(catalogue, base_uri=base),
        host=args.host,
        port=args.port,
        log_level="warning" if args.quiet else "info",
    )
    return 0
