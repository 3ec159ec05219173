"""Run a conversion: read DC records, crosswalk them, count what happened.

The pipeline is the one place that joins reader, crosswalk and a writer. It never
raises for one bad record: rejected records are kept in the ``RunReport`` beside the
counts, as bibtexparser keeps failed blocks beside good ones.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO, TypeVar

from oaiwalk.crosswalk import crosswalk
from oaiwalk.errors import InputError, RecordError
from oaiwalk.losses import find_losses
from oaiwalk.model import DcRecord, LossEntry, Record
from oaiwalk.reader import Source, expand_sources, read_source
from oaiwalk.registry import Writer

logger = logging.getLogger(__name__)
T = TypeVar("T")

__all__ = [
    "Outcome",
    "RecordLosses",
    "Rejection",
    "RunReport",
    "accept",
    "fail_early",
    "interpret",
    "iter_live_dc",
    "iter_records",
    "write_records",
]


@dataclass(frozen=True, slots=True)
class Rejection:
    """A record that was read but not converted, and why."""

    source: str
    position: int
    identifier: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class RecordLosses:
    """The DC values of one record that the chosen format did not carry."""

    record_id: str
    identifier: str | None
    source: str
    position: int
    losses: tuple[LossEntry, ...]


@dataclass
class RunReport:
    """What a run read, converted, skipped and lost."""

    read: int = 0
    converted: int = 0
    deleted: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    losses: list[RecordLosses] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    failed_sources: list[InputError] = field(default_factory=list)

    @property
    def has_losses(self) -> bool:
        return any(entry.losses for entry in self.losses)

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "converted": self.converted,
            "deleted": self.deleted,
            "rejected": len(self.rejected),
        }


def iter_records(
    sources: Iterable[Source],
    report: RunReport | None = None,
    *,
    on_record: Callable[[Record], None] | None = None,
    keep_going: bool = False,
) -> Iterator[Record]:
    """Yield the pivot Record of every live oai_dc record in ``sources``, in input order.

    Deleted records are counted; records in other metadata formats and records the
    crosswalk cannot interpret are rejected into ``report``. A source that cannot be
    read raises ``InputError``, unless ``keep_going`` is set: then its error goes to
    ``report.failed_sources`` and the other sources are still read.
    """
    report = report if report is not None else RunReport()
    # interpret and accept inlined: no outcome tuple and two calls fewer per record
    for dc in iter_live_dc(sources, report, keep_going=keep_going):
        try:
            record = crosswalk(dc)
        except Exception as exc:
            _reject(dc, _rejection_reason(dc, exc), report)
            continue
        report.converted += 1
        if on_record is not None:
            on_record(record)
        yield record


def iter_live_dc(
    sources: Iterable[Source], report: RunReport, *, keep_going: bool = False
) -> Iterator[DcRecord]:
    """Yield the oai_dc records to convert; count deleted ones, reject other formats."""
    for source in expand_sources(sources):
        try:
            for dc in read_source(source):
                report.read += 1
                if dc.header.is_deleted:
                    report.deleted += 1
                elif dc.metadata_format != "oai_dc":
                    reason = f"metadata is {dc.metadata_format or 'missing'}, not oai_dc"
                    report.rejected.append(
                        Rejection(dc.source, dc.position, dc.header.identifier, reason)
                    )
                else:
                    yield dc
        except InputError as exc:
            if not keep_going:
                raise
            report.failed_sources.append(exc)


#: A crosswalk result: the Record, or None and the reason it was rejected.
Outcome = tuple[Record | None, str | None]


def interpret(dc: DcRecord) -> Outcome:
    """Crosswalk one record; a failure becomes a rejection reason, never an exception."""
    try:
        return crosswalk(dc), None
    except Exception as exc:
        return None, _rejection_reason(dc, exc)


def _rejection_reason(dc: DcRecord, exc: Exception) -> str:
    """Return why the crosswalk failed on ``dc``; a crosswalk bug is logged, not raised."""
    if isinstance(exc, RecordError):
        return exc.message
    logger.exception("crosswalk failed on %s#%d", dc.source, dc.position)
    reason = f"internal error while interpreting the record: {type(exc).__name__}: {exc}"
    return " ".join(reason.split())


def _reject(dc: DcRecord, reason: str | None, report: RunReport) -> None:
    report.rejected.append(
        Rejection(dc.source, dc.position, dc.header.identifier, reason or "rejected")
    )


def accept(
    dc: DcRecord,
    outcome: Outcome,
    report: RunReport,
    on_record: Callable[[Record], None] | None = None,
) -> Record | None:
    """Count a crosswalk outcome in ``report``; return the Record if there is one."""
    record, reason = outcome
    if record is None:
        _reject(dc, reason, report)
        return None
    report.converted += 1
    if on_record is not None:
        on_record(record)
    return record


def fail_early(items: Iterator[T], report: RunReport) -> Iterator[T]:
    """Read up to the first item before any output, so a lone unreadable input writes nothing.

    With one input that fails before yielding anything, raise its error; otherwise
    return an iterator over every item (the first one included).
    """
    first = next(items, None)
    if first is None:
        if len(report.failed_sources) == 1 and report.read == 0:
            raise report.failed_sources[0]
        return iter(())
    return itertools.chain((first,), items)


def write_records(
    records: Iterable[Record],
    writer: Writer,
    out: TextIO,
    report: RunReport | None = None,
    *,
    collect_losses: bool = False,
    **options: Any,
) -> None:
    """Write records with one writer; optionally record per-record losses in ``report``."""
    if collect_losses and report is not None:
        records = _tracking_losses(records, writer, report)
    writer(records, out, **options)


def _tracking_losses(
    records: Iterable[Record], writer: Writer, report: RunReport
) -> Iterator[Record]:
    for record in records:
        prov = record.provenance
        report.losses.append(
            RecordLosses(
                record.id,
                prov.header.identifier,
                prov.source,
                prov.position,
                tuple(find_losses(record, writer)),
            )
        )
        yield record
