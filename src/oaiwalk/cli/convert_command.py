"""``oaiwalk convert``: read oai_dc input and write one output format."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from oaiwalk.cli.progress import Progress
from oaiwalk.errors import FormatError
from oaiwalk.pipeline import RunReport, fail_early, iter_records, write_records
from oaiwalk.registry import Writer, default_registry

WRITER_OPTIONS = ("style", "locale", "html", "cite", "base_uri", "profile", "flavour", "ascii")


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "convert",
        help="convert OAI-PMH/oai_dc files, directories, stdin or a harvest store",
        description="Convert oai_dc records to another format. INPUT may be files (.xml, "
        ".xml.gz), directories, a harvest store (.sqlite) or - for stdin.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument(
        "-t",
        "--to",
        metavar="FORMAT",
        help="output format (see `oaiwalk formats`); default: from the -o extension",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout)")
    add_writer_options(p)
    p.add_argument(
        "--report",
        metavar="FILE",
        help="write a JSON-lines loss report: every DC "
        "value the format did not carry, every rejected value and record",
    )
    p.add_argument("--strict", action="store_true", help="exit 1 when any DC value was lost")
    p.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="worker processes (output identical to --jobs 1)",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on a Dask distributed scheduler (e.g. tcp://host:8786)",
    )
    p.set_defaults(run=run)


def add_writer_options(p: argparse.ArgumentParser) -> None:
    """Add the options writers may declare (each writer takes only its own)."""
    g = p.add_argument_group("format options")
    g.add_argument("--style", help="citation style name or .csl file (citation)")
    g.add_argument("--locale", help="CSL locale, e.g. en-US (citation)")
    g.add_argument("--html", action="store_true", default=None, help="HTML citations")
    g.add_argument(
        "--cite",
        action="store_true",
        default=None,
        help="in-text citation forms instead of bibliography entries (citation)",
    )
    g.add_argument("--base-uri", dest="base_uri", help="base IRI for record subjects (RDF)")
    g.add_argument("--profile", help="RDF vocabulary profile: dcterms, schema, fabio")
    g.add_argument(
        "--flavour", "--flavor", dest="flavour", help="RIS tag flavour: zotero (default) or endnote"
    )
    g.add_argument(
        "--ascii",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="BibTeX: non-ASCII as LaTeX (default for bibtex) or UTF-8",
    )


def writer_options(args: argparse.Namespace) -> dict[str, Any]:
    return {k: getattr(args, k, None) for k in WRITER_OPTIONS if getattr(args, k, None) is not None}


def choose_writer(fmt: str | None, output: str | None) -> Writer:
    registry = default_registry()
    if fmt:
        return registry.get(fmt)
    if output:
        writer = registry.by_extension(output)
        if writer is not None:
            return writer
    raise FormatError(
        f"no output format: give --to FORMAT (available: {', '.join(registry.names())})"
    )


def run(args: argparse.Namespace) -> int:
    writer = choose_writer(args.to, args.output)
    options = writer_options(args)
    _check_options(writer, options)
    report = RunReport()
    progress = Progress(enabled=not args.quiet)
    collect = bool(args.report or args.strict)

    def emit(stream: TextIO) -> None:
        sources = ["-" if s == "-" else s for s in args.inputs]
        if args.scheduler or args.jobs > 1:
            from oaiwalk import parallel  # imported only when asked for

            parallel.convert(
                sources,
                writer,
                stream,
                report,
                jobs=args.jobs,
                scheduler=args.scheduler,
                collect_losses=collect,
                on_records=progress.update,
                **options,
            )
            return
        records = iter_records(
            sources, report, on_record=lambda _record: progress.update(), keep_going=True
        )
        write_records(
            fail_early(records, report), writer, stream, report, collect_losses=collect, **options
        )

    try:
        if args.output:
            _write_file(args.output, emit)
        else:
            emit(sys.stdout)
            sys.stdout.flush()
    finally:
        progress.close()
    if args.report:
        _write_report(args.report, report)
    return _summarise(args, report, writer)


def _check_options(writer: Writer, options: dict[str, Any]) -> None:
    unused = sorted(k for k in options if k not in writer.options)
    if unused:
        names = ", ".join("--" + k.replace("_", "-") for k in unused)
        raise FormatError(f"option {names} does not apply to format '{writer.name}'")


def _write_file(path: str, emit: Callable[[TextIO], None]) -> None:
    """Write through a temporary file renamed into place, so a failed run leaves no half file."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".oaiwalk-", dir=target.parent or Path("."))
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            emit(stream)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_report(path: str, report: RunReport) -> None:
    with open(path, "w", encoding="utf-8", newline="") as stream:
        _dump_report(report, stream)


def _dump_report(report: RunReport, stream: TextIO) -> None:
    for entry in report.losses:
        if not entry.losses:
            continue
        line = {
            "record": entry.record_id,
            "identifier": entry.identifier,
            "source": entry.source,
            "position": entry.position,
            "losses": [
                {"element": x.element, "text": x.text, "reason": x.reason} for x in entry.losses
            ],
        }
        stream.write(json.dumps(line, ensure_ascii=False) + "\n")
    for rej in report.rejected:
        line = {
            "rejected": True,
            "identifier": rej.identifier,
            "source": rej.source,
            "position": rej.position,
            "reason": rej.reason,
        }
        stream.write(json.dumps(line, ensure_ascii=False) + "\n")
    for err in report.failed_sources:
        stream.write(json.dumps({"failed_source": True, "error": err.message}) + "\n")


def _summarise(args: argparse.Namespace, report: RunReport, writer: Writer) -> int:
    from oaiwalk.cli import exit_code_for

    for err in report.failed_sources:
        print(f"oaiwalk: {err.message}", file=sys.stderr)
    for rej in report.rejected:
        if not args.quiet:
            where = f"{rej.source}#{rej.position}"
            ident = f" ({rej.identifier})" if rej.identifier else ""
            print(f"oaiwalk: rejected {where}{ident}: {rej.reason}", file=sys.stderr)
    lost = sum(len(e.losses) for e in report.losses)
    if not args.quiet:
        parts = [
            f"{report.converted} converted",
            f"{report.deleted} deleted",
            f"{len(report.rejected)} rejected",
        ]
        if args.report or args.strict:
            parts.append(f"{lost} values not carried by {writer.name}")
        dest = f" -> {args.output}" if args.output else ""
        print(f"oaiwalk: {writer.name}: {', '.join(parts)}{dest}", file=sys.stderr)
    if report.failed_sources:
        return max(exit_code_for(e) for e in report.failed_sources)
    if report.rejected:
        return 1
    if args.strict and lost:
        if not args.quiet:
            print(f"oaiwalk: --strict: {lost} DC values were not carried", file=sys.stderr)
        return 1
    return 0
