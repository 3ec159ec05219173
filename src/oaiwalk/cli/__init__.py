"""The ``oaiwalk`` command: arguments, progress, summaries and exit codes.

The only package that prints. Each sub-command is a module in this package with
``add_parser(subparsers)`` and ``run(args) -> int``; ``main`` turns every
``OaiwalkError`` into one line on stderr and an exit code from ``EXIT_CODES``.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from oaiwalk import __version__
from oaiwalk.errors import (
    FormatError,
    HarvestError,
    InputError,
    OaiPmhError,
    OaiwalkError,
    RecordError,
    TableError,
)

__all__ = ["EXIT_CODES", "main", "main_entry"]

#: Exit status by error class (the README repeats this table).
EXIT_CODES: dict[type[OaiwalkError], int] = {
    RecordError: 1,
    FormatError: 2,
    InputError: 3,
    OaiPmhError: 4,
    HarvestError: 5,
    TableError: 70,
}
EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 70

#: Sub-command modules, in the order ``--help`` lists them.
COMMANDS = ("convert", "explain", "formats", "styles", "harvest", "serve")


def exit_code_for(error: OaiwalkError) -> int:
    """Return the exit status for an error (the most specific class in the table wins)."""
    for cls in type(error).__mro__:
        if cls in EXIT_CODES:
            return EXIT_CODES[cls]
    return EXIT_INTERNAL


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{self.prog}: {message} (see --help)")


class _UsageError(Exception):
    pass


def build_parser() -> argparse.ArgumentParser:
    """Return the parser with every available sub-command."""
    parser = _Parser(
        prog="oaiwalk",
        description="Crosswalk OAI-PMH Dublin Core (oai_dc) to BibTeX, CSL-JSON, RIS, RDF "
        "and formatted citations.",
        epilog="exit codes: 0 ok; 1 some records rejected or --strict losses; 2 usage; "
        "3 input unreadable/unsafe/not oai_dc; 4 OAI-PMH error response; 5 harvest failed; "
        "70 internal error",
    )
    parser.add_argument("--version", action="version", version=f"oaiwalk {__version__}")
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="log more")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"oaiwalk.cli.{name}_command")
        except ModuleNotFoundError as exc:
            if exc.name == f"oaiwalk.cli.{name}_command":
                continue  # command not part of this installation
            raise
        module.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (never raises for expected errors)."""
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        _configure_logging(args.verbose, args.quiet)
        if args.command is None:
            parser.print_help(sys.stderr)
            return EXIT_USAGE
        return int(args.run(args))
    except _UsageError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    except OaiwalkError as exc:
        print(f"oaiwalk: {exc.message}", file=sys.stderr)
        return exit_code_for(exc)
    except KeyboardInterrupt:
        print("oaiwalk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK  # the reader of our stdout went away (e.g. `| head`)
    except Exception as exc:  # a bug: one line, traceback only under --debug
        if debug:
            raise
        print(
            f"oaiwalk: internal error: {type(exc).__name__}: {exc} (rerun with --debug)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def main_entry() -> None:
    """Console-script entry point."""
    code = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        pass
    sys.exit(code)


def _configure_logging(verbose: int, quiet: bool) -> None:
    levels = (logging.WARNING, logging.INFO, logging.DEBUG)
    level = logging.ERROR if quiet else levels[min(verbose, 2)]
    logging.basicConfig(level=level, format="oaiwalk: %(name)s: %(message)s", stream=sys.stderr)
