"""``oaiwalk harvest``: harvest an OAI-PMH repository into a store, a format, or both."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, TextIO

from oaiwalk.cli.convert_command import add_writer_options, choose_writer, writer_options
from oaiwalk.cli.progress import Progress
from oaiwalk.errors import FormatError, InputError
from oaiwalk.model import DcRecord, Record
from oaiwalk.pipeline import Rejection, RunReport, accept, interpret, write_records
from oaiwalk.registry import Writer
from oaiwalk.store import HarvestedRecord, Store, iter_store_records, sort_datestamp

if TYPE_CHECKING:  # httpx loads only when a harvest runs, not for `oaiwalk --help`
    from oaiwalk.harvest import Harvester, HarvestEvent, HarvestStats

VERBS = ("ListRecords", "Identify", "ListSets", "ListMetadataFormats")
_MB = 1 << 20


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "harvest",
        help="harvest an OAI-PMH repository into a store and/or an output format",
        description="Harvest ListRecords into an SQLite store (run again: resumes an "
        "interrupted harvest, or fetches what changed since), convert while harvesting "
        "with --to, or ask one question with --verb or --identifier.",
    )
    p.add_argument("url", type=_base_url, metavar="URL", help="the repository's OAI-PMH base URL")
    p.add_argument("--metadata-prefix", default="oai_dc", metavar="PREFIX", help="default: oai_dc")
    p.add_argument("--set", dest="set_spec", metavar="SPEC", help="harvest one set")
    p.add_argument(
        "--from",
        dest="from_date",
        type=_datestamp,
        metavar="DATE",
        help="records changed on or after DATE (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ); "
        "default with --store: since the last harvest",
    )
    p.add_argument(
        "--until",
        dest="until_date",
        type=_datestamp,
        metavar="DATE",
        help="records changed on or before DATE",
    )
    p.add_argument("--store", metavar="FILE", help="SQLite harvest store (created if missing)")
    p.add_argument("--verb", choices=VERBS, default="ListRecords", help="the request to make")
    p.add_argument("--identifier", metavar="ID", help="fetch one record (GetRecord)")
    p.add_argument("-t", "--to", metavar="FORMAT", help="convert the records to this format")
    p.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout)")
    add_writer_options(p)
    g = p.add_argument_group("network")
    g.add_argument("--retries", type=_count, default=5, metavar="N", help="retries per request")
    g.add_argument(
        "--timeout", type=_seconds, default=60.0, metavar="S", help="connect/read timeout"
    )
    g.add_argument(
        "--deadline", type=_seconds, default=600.0, metavar="S", help="longest time per request"
    )
    g.add_argument(
        "--backoff", type=_seconds, default=2.0, metavar="S", help="first retry delay (doubles)"
    )
    g.add_argument(
        "--max-wait", type=_seconds, default=600.0, metavar="S", help="longest Retry-After obeyed"
    )
    g.add_argument(
        "--max-page-size",
        type=_count,
        default=512,
        metavar="MB",
        help="largest page, after decompression",
    )
    p.set_defaults(run=run, parser=p)


def run(args: argparse.Namespace) -> int:
    from oaiwalk.harvest import ClientSettings, Harvester, OaiClient

    settings = ClientSettings(
        timeout=args.timeout,
        connect_timeout=args.timeout,
        deadline=args.deadline,
        retries=args.retries,
        backoff_base=args.backoff,
        retry_after_cap=args.max_wait,
        max_page_bytes=args.max_page_size * _MB,
        max_decompressed_bytes=args.max_page_size * _MB,
    )
    display = _Display(args.quiet)
    with OaiClient(args.url, settings) as client:
        harvester = Harvester(client, on_event=display.event)
        try:
            if args.verb != "ListRecords":
                return _answer(harvester, args)
            if args.identifier:
                return _get_record(harvester, args)
            return _list_records(harvester, args, display)
        finally:
            display.close()


def _answer(harvester: Harvester, args: argparse.Namespace) -> int:
    out = sys.stdout
    if args.verb == "Identify":
        for line in harvester.identify().lines():
            out.write(line + "\n")
    elif args.verb == "ListSets":
        for info in harvester.list_sets():
            out.write(f"{info.spec}\t{info.name}\n")
    else:
        for fmt in harvester.list_metadata_formats(args.identifier):
            out.write(f"{fmt.prefix}\t{fmt.schema}\t{fmt.namespace}\n")
    return 0


def _get_record(harvester: Harvester, args: argparse.Namespace) -> int:
    writer = _chosen_writer(args)
    record = harvester.get_record(args.identifier, args.metadata_prefix)
    if args.store:
        with Store(args.store) as store:
            run_id = store.start_run(
                args.url, args.metadata_prefix, None, None, None, None, None, "GetRecord"
            )
            store.commit_page(
                run_id,
                [record],
                args.metadata_prefix,
                token=None,
                max_datestamp=None,
                is_ordered=True,
                requests=harvester.client.requests,
                retries=harvester.client.retries,
            )
            store.finish_run(run_id, "complete")
    if writer is not None:
        return _convert(_parsed([record], args.url), args, writer)
    if not args.store:
        sys.stdout.buffer.write(record.xml + b"\n")
    return 0


def _list_records(harvester: Harvester, args: argparse.Namespace, display: _Display) -> int:
    if not (args.store or args.to or args.output):
        args.parser.error("give --store FILE, --to FORMAT or -o FILE")
    from oaiwalk.harvest import HarvestRequest

    writer = _chosen_writer(args)
    request = HarvestRequest(
        args.url, args.metadata_prefix, args.set_spec, args.from_date, args.until_date
    )
    with _terminate_as_interrupt():
        try:
            if args.store:
                with Store(args.store) as store:
                    stats = harvester.harvest_into(store, request)
                code = display.summary(stats, args.store)
                if writer is not None:
                    code = max(code, _convert(_store_records(args.store), args, writer))
                return code
            assert writer is not None  # without --store, --to or -o was required above
            records = _parsed(harvester.iter_records(request), args.url)
            code = _convert(records, args, writer)
            return max(code, display.summary(harvester.stats, None))
        except KeyboardInterrupt:
            where = "; run the same command again to resume" if args.store else ""
            display.line(f"harvest interrupted{where}", always=True)
            return 130


def _parsed(records: Iterable[HarvestedRecord], source: str) -> Iterator[DcRecord | Rejection]:
    """Read harvested record XML into DcRecords carrying the harvester's repair notes."""
    from oaiwalk.reader import parse_record_xml

    for position, record in enumerate(records, start=1):
        try:
            dc = parse_record_xml(record.xml, source, position)
        except InputError as exc:
            yield Rejection(source, position, record.identifier, exc.message)
            continue
        yield replace(dc, repairs=dc.repairs + record.repairs) if record.repairs else dc


def _store_records(path: str) -> Iterator[DcRecord | Rejection]:
    from oaiwalk.reader import parse_record_xml

    for position, (xml, repairs) in enumerate(iter_store_records(path), start=1):
        try:
            dc = parse_record_xml(xml, path, position)
        except InputError as exc:
            yield Rejection(path, position, None, exc.message)
            continue
        yield replace(dc, repairs=dc.repairs + repairs) if repairs else dc


def _chosen_writer(args: argparse.Namespace) -> Writer | None:
    """Return the writer asked for (None: no conversion), checked before any request."""
    if not (args.to or args.output):
        return None
    writer = choose_writer(args.to, args.output)
    unused = sorted(k for k in writer_options(args) if k not in writer.options)
    if unused:
        names = ", ".join("--" + k.replace("_", "-") for k in unused)
        raise FormatError(f"option {names} does not apply to format '{writer.name}'")
    return writer


def _convert(
    items: Iterable[DcRecord | Rejection], args: argparse.Namespace, writer: Writer
) -> int:
    """Crosswalk and write records; print the conversion summary; return the exit status."""
    options = writer_options(args)
    report = RunReport()
    records = _pivot(items, report)
    if args.output:
        _write_file(args.output, records, writer, report, options)
    else:
        write_records(records, writer, sys.stdout, report, **options)
        sys.stdout.flush()
    if not args.quiet:
        for rej in report.rejected:
            ident = f" ({rej.identifier})" if rej.identifier else ""
            print(
                f"oaiwalk: rejected {rej.source}#{rej.position}{ident}: {rej.reason}",
                file=sys.stderr,
            )
        dest = f" -> {args.output}" if args.output else ""
        print(
            f"oaiwalk: {writer.name}: {report.converted} converted, {report.deleted} deleted,"
            f" {len(report.rejected)} rejected{dest}",
            file=sys.stderr,
        )
    return 1 if report.rejected else 0


def _pivot(items: Iterable[DcRecord | Rejection], report: RunReport) -> Iterator[Record]:
    for item in items:
        report.read += 1
        if isinstance(item, Rejection):
            report.rejected.append(item)
        elif item.header.is_deleted:
            report.deleted += 1
        elif item.metadata_format != "oai_dc":
            reason = f"metadata is {item.metadata_format or 'missing'}, not oai_dc"
            report.rejected.append(
                Rejection(item.source, item.position, item.header.identifier, reason)
            )
        else:
            record = accept(item, interpret(item), report)
            if record is not None:
                yield record


def _write_file(
    path: str, records: Iterable[Record], writer: Writer, report: RunReport, options: Any
) -> None:
    """Write through a temporary file renamed into place, so a failed run leaves no half file."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".oaiwalk-", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            write_records(records, writer, stream, report, **options)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class _Display:
    """Harvest progress on stderr: a live line on a terminal, plain lines otherwise."""

    def __init__(self, quiet: bool, stream: TextIO | None = None) -> None:
        self.quiet = quiet
        self.stream = stream or sys.stderr
        self.progress = Progress("records", self.stream, enabled=not quiet)

    def event(self, event: HarvestEvent) -> None:
        if self.quiet:
            return
        s = event.stats
        if event.kind == "page":
            extra = f"{s.pages} pages, {s.retries} retries"
            if self.progress.enabled:
                self.progress.update(s.records - self.progress.count, extra)
            else:
                records = f"{s.records} records ({s.deleted} deleted)"
                self.line(f"page {s.pages}: {records}, {s.retries} retries")
        else:
            self.line(event.message)

    def line(self, text: str, *, always: bool = False) -> None:
        if self.quiet and not always:
            return
        if self.progress.enabled:
            self.stream.write("\r\x1b[K")
        self.stream.write(f"oaiwalk: {text}\n")
        self.stream.flush()

    def summary(self, s: HarvestStats, store: str | None) -> int:
        """Print what the harvest did; return 1 when records had to be skipped."""
        for where in s.skipped:
            self.line(f"skipped {where}: the record has no identifier", always=True)
        counts = f"{s.records} records ({s.deleted} deleted"
        if store:
            counts += f"; {s.new} new, {s.updated} updated, {s.unchanged} unchanged"
        counts += ")"
        parts = [counts, f"{s.pages} pages", f"{s.requests} requests", f"{s.retries} retries"]
        if s.repaired:
            parts.append(f"{s.repaired} records repaired")
        if s.restarts:
            parts.append(f"{s.restarts} restarts after expired tokens")
        resumed = " (resumed)" if s.is_resumed else ""
        dest = f" -> {store}" if store else ""
        self.line(f"harvest{resumed}: {', '.join(parts)}{dest}")
        return 1 if s.skipped else 0

    def close(self) -> None:
        self.progress.close()


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """Treat SIGTERM like Ctrl-C, so the store records the run as interrupted."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _base_url(text: str) -> str:
    if not text.lower().startswith(("http://", "https://")) or len(text) < 10:
        raise argparse.ArgumentTypeError(f"{text!r} is not an http(s) URL")
    return text


def _datestamp(text: str) -> str:
    if sort_datestamp(text) is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ")
    return text


def _seconds(text: str) -> float:
    value = float(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value
