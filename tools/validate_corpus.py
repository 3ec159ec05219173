"""Convert every record of the corpus with every writer and let real clients read the output.

Usage (from the project root)::

    python tools/validate_corpus.py [CORPUS_DIR] [--format NAME ...] [--failures N]

Every file of ``CORPUS_DIR`` (default ``../shared/corpus/raw``) is read once; a file the
reader refuses with ``InputError`` counts as "rejected (clear error)", anything else it
raises is a crash. Each row of the client-check table (``tools/clients/*.py``) whose
writer is installed gets the whole corpus in one writer call; when a client fails every
record, the files are retried one by one so one bad file does not hide the rest. The
table printed is ``format | client | passed/total``; the exit code is 1 when a record
failed or a file crashed the reader, else 0.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make "tools" and "tests" importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from oaiwalk import InputError, OaiwalkError, RunReport, read
from oaiwalk.model import Record
from oaiwalk.registry import Registry
from tools.clients import ClientCheck, Failure, all_checks

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "raw"


@dataclass
class CorpusLoad:
    """The records of every readable file, and the files that were not."""

    files: list[tuple[Path, list[Record]]] = field(default_factory=list)
    rejected: list[tuple[Path, str]] = field(default_factory=list)  # InputError: clear error
    crashed: list[tuple[Path, str]] = field(default_factory=list)  # anything else: a bug
    report: RunReport = field(default_factory=RunReport)

    @property
    def records(self) -> list[Record]:
        return [record for _, records in self.files for record in records]


@dataclass
class Row:
    """One line of the table: how many records one client read back right."""

    format: str
    client: str
    passed: int = 0
    total: int = 0
    skipped: str | None = None
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0  # writer plus client, for the report only


def load_corpus(corpus: Path, per_file: int | None = None) -> CorpusLoad:
    """Read every file of ``corpus`` (sorted), keeping records per file.

    ``per_file`` keeps only each file's first N records (a sample for the test suite;
    every file is still read whole, so crashes anywhere are found).
    """
    load = CorpusLoad()
    for path in sorted(p for p in corpus.iterdir() if p.is_file()):
        try:
            records = list(read(path, load.report))
        except InputError as exc:
            load.rejected.append((path, exc.message))
            continue
        except Exception as exc:  # the point of this tool is to find such bugs
            load.crashed.append((path, f"{type(exc).__name__}: {exc}"))
            continue
        load.files.append((path, records[:per_file] if per_file else records))
    return load


def _write(registry: Registry, check: ClientCheck, records: Sequence[Record]) -> str:
    out = io.StringIO()
    registry.get(check.format)(records, out, **check.options)
    return out.getvalue()


def _run_one(registry: Registry, check: ClientCheck, records: Sequence[Record]) -> list[Failure]:
    try:
        text = _write(registry, check, records)
    except Exception as exc:  # a valid Record must never make a writer raise
        return [Failure(r.id, f"writer raised {type(exc).__name__}: {exc}") for r in records]
    return check.check(records, text)


def run_check(registry: Registry, check: ClientCheck, load: CorpusLoad) -> Row:
    """Run one client over the whole corpus output (file by file when it all fails)."""
    row = Row(check.format, check.label)
    try:
        registry.get(check.format)
    except OaiwalkError as exc:
        row.skipped = f"writer not available ({exc.message})"
        return row
    problem = check.problem()
    if problem:
        row.skipped = problem
        return row
    records = load.records
    started = time.perf_counter()
    failures = _run_one(registry, check, records)
    if len(records) > 1 and len(failures) == len(records) and len(load.files) > 1:
        failures = [
            failure
            for _, file_records in load.files
            if file_records
            for failure in _run_one(registry, check, file_records)
        ]
    row.total = len(records)
    row.failures = failures
    row.passed = row.total - len({f.record_id for f in failures})
    row.seconds = time.perf_counter() - started
    return row


def format_table(rows: Sequence[Row], load: CorpusLoad, *, failures: int = 3) -> str:
    """Return the plain-text report: corpus counts, then ``format | client | passed/total``."""
    report = load.report
    lines = [
        f"files: {len(load.files)} read, {len(load.rejected)} rejected (clear error), "
        f"{len(load.crashed)} crashed",
        f"records: {report.read} read, {report.converted} converted, {report.deleted} deleted, "
        f"{len(report.rejected)} rejected",
        "",
    ]
    width_f = max([len("format"), *(len(r.format) for r in rows)])
    width_c = max([len("client"), *(len(r.client) for r in rows)])
    lines.append(f"{'format':<{width_f}} | {'client':<{width_c}} | passed/total | seconds")
    lines.append(f"{'-' * width_f}-+-{'-' * width_c}-+--------------+--------")
    for row in rows:
        if row.skipped:
            result = f"skipped: {row.skipped}"
        else:
            result = f"{f'{row.passed}/{row.total}':<12} | {row.seconds:7.1f}"
        lines.append(f"{row.format:<{width_f}} | {row.client:<{width_c}} | {result}")
    for path, message in load.crashed:
        lines.append(f"CRASH {path.name}: {message}")
    for row in rows:
        for failure in row.failures[:failures]:
            lines.append(f"FAIL {row.format} {row.client} {failure.record_id}: {failure.reason}")
    return "\n".join(lines) + "\n"


def run(
    corpus: Path, formats: Sequence[str] = (), registry: Registry | None = None
) -> tuple[CorpusLoad, list[Row]]:
    """Load the corpus and run every check (of ``formats``, when given)."""
    registry = registry if registry is not None else Registry.from_entry_points()
    load = load_corpus(corpus)
    checks = [c for c in all_checks() if not formats or c.format in formats]
    return load, [run_check(registry, check, load) for check in checks]


def main(argv: Sequence[str] | None = None) -> int:
    """Print the client table for the corpus; return 1 if any record failed or file crashed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--format", action="append", default=[], help="only this writer")
    parser.add_argument("--failures", type=int, default=3, help="failures listed per client")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        sys.stderr.write(f"validate_corpus: {args.corpus} is not a directory\n")
        return 2
    load, rows = run(args.corpus, args.format)
    sys.stdout.write(format_table(rows, load, failures=args.failures))
    failed = any(row.failures for row in rows) or bool(load.crashed)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
