"""Convert with several processes (``--jobs N``) or on Dask (``--scheduler``), in input order.

The reader runs in the calling process (it streams); batches of raw records go to worker
processes. For a writer that renders batches apart (``Writer.renders_in_batches``: it
concatenates, declares a ``Frame`` or an ``Assembly``) the workers crosswalk *and render*
their batch and send back a part (a framed writer's body text), so the calling process
only reads, frames and writes; for the others (a numbered bibliography, a third-party
writer that declares nothing) the workers crosswalk and the Records come back to be
written in the calling process. Either way the output is byte for byte the output of a
single-process run.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from typing import Any, TextIO

from oaiwalk.losses import find_losses
from oaiwalk.model import DcRecord, DcValue, LossEntry, OaiHeader, Record
from oaiwalk.pipeline import (
    Outcome,
    RecordLosses,
    Rejection,
    RunReport,
    accept,
    fail_early,
    interpret,
    iter_live_dc,
    write_records,
)
from oaiwalk.reader import Source
from oaiwalk.registry import Writer

__all__ = ["BATCH_SIZE", "convert", "interpret_batch", "iter_records", "render_batch"]

#: Records per task: large enough to amortise pickling, small enough to keep memory flat.
BATCH_SIZE = 256

#: A DcRecord as plain tuples: pickling nested slotted dataclasses cost as much as reading.
Packed = tuple[Any, ...]
#: Per record of a rendered batch: (record id, rejection reason, losses or None).
Outcomes = list[tuple[str, str | None, tuple[LossEntry, ...] | None]]


def convert(
    sources: Iterable[Source],
    writer: Writer,
    out: TextIO,
    report: RunReport,
    *,
    jobs: int = 2,
    scheduler: str | None = None,
    collect_losses: bool = False,
    on_records: Callable[[int], None] | None = None,
    **options: Any,
) -> None:
    """Write ``sources`` with ``writer`` to ``out`` using ``jobs`` processes (or a Dask cluster).

    ``on_records(n)`` is told how many records each finished batch converted (progress).
    Counting, rejections and losses in ``report`` are those of a single-process run.
    Raises the input's error, before writing anything, when the only input cannot be read.
    """
    if not writer.renders_in_batches(**options):
        step = (lambda _record: on_records(1)) if on_records else None
        records = fail_early(
            iter_records(sources, report, jobs=jobs, scheduler=scheduler, on_record=step), report
        )
        write_records(records, writer, out, report, collect_losses=collect_losses, **options)
        return
    live = fail_early(iter_live_dc(sources, report, keep_going=True), report)

    def parts() -> Iterator[Any]:
        for batch, (outcomes, part) in _in_order(
            _batches(live, BATCH_SIZE),
            lambda executor, batch: executor.submit(
                render_batch, [_pack(dc) for dc in batch], writer, options, collect_losses
            ),
            jobs,
            scheduler,
        ):
            converted = _account(batch, outcomes, report)
            if on_records is not None and converted:
                on_records(converted)
            yield part

    writer.assemble(parts(), out, **options)


def iter_records(
    sources: Iterable[Source],
    report: RunReport,
    *,
    jobs: int = 2,
    scheduler: str | None = None,
    on_record: Callable[[Record], None] | None = None,
) -> Iterator[Record]:
    """Yield the Records of ``sources`` in input order, crosswalked by ``jobs`` processes.

    With ``scheduler`` (a Dask distributed address) the batches run on that cluster.
    Counting and rejection follow ``pipeline.iter_records`` exactly.
    """
    live = iter_live_dc(sources, report, keep_going=True)
    for batch, outcomes in _in_order(
        _batches(live, BATCH_SIZE),
        lambda executor, batch: executor.submit(interpret_batch, [_pack(dc) for dc in batch]),
        jobs,
        scheduler,
    ):
        for dc, outcome in zip(batch, outcomes, strict=True):
            record = accept(dc, outcome, report, on_record)
            if record is not None:
                yield record


def interpret_batch(packed: list[Packed]) -> list[Outcome]:
    """Crosswalk a batch in a worker process."""
    return [interpret(_unpack(item)) for item in packed]


def render_batch(
    packed: list[Packed], writer: Writer, options: dict[str, Any], collect_losses: bool
) -> tuple[Outcomes, Any]:
    """Crosswalk and render a batch in a worker process: per-record outcomes and the part."""
    outcomes: Outcomes = []
    records: list[Record] = []
    for item in packed:
        record, reason = interpret(_unpack(item))
        if record is None:
            outcomes.append(("", reason or "rejected", None))
            continue
        losses = tuple(find_losses(record, writer)) if collect_losses else None
        outcomes.append((record.id, None, losses))
        records.append(record)
    return outcomes, writer.render_part(records, **options)


def _account(batch: list[DcRecord], outcomes: Outcomes, report: RunReport) -> int:
    """Count a rendered batch in ``report`` as ``pipeline.accept`` would; return converted."""
    converted = 0
    for dc, (record_id, reason, losses) in zip(batch, outcomes, strict=True):
        header = dc.header
        if reason is not None:
            report.rejected.append(Rejection(dc.source, dc.position, header.identifier, reason))
            continue
        converted += 1
        if losses is not None:
            report.losses.append(
                RecordLosses(record_id, header.identifier, dc.source, dc.position, losses)
            )
    report.converted += converted
    return converted


def _in_order(
    batches: Iterable[list[DcRecord]],
    submit: Callable[[Executor, list[DcRecord]], Any],
    jobs: int,
    scheduler: str | None,
) -> Iterator[tuple[list[DcRecord], Any]]:
    """Submit each batch, keep a bounded window in flight, yield (batch, result) in order."""
    executor = _executor(jobs, scheduler)
    try:
        window = max(2, jobs) * 2  # batches in flight: bounds memory
        pending: list[tuple[list[DcRecord], Any]] = []
        for batch in batches:
            pending.append((batch, submit(executor, batch)))
            if len(pending) >= window:
                yield _settled(pending.pop(0))
        while pending:
            yield _settled(pending.pop(0))
    finally:
        executor.shutdown(cancel_futures=True)


def _settled(item: tuple[list[DcRecord], Any]) -> tuple[list[DcRecord], Any]:
    batch, future = item
    return batch, future.result()


def _executor(jobs: int, scheduler: str | None) -> Executor:
    if scheduler:
        from oaiwalk.dask import executor_for  # imported only when asked for

        return executor_for(scheduler)
    return ProcessPoolExecutor(max_workers=max(1, jobs))


def _batches(items: Iterable[DcRecord], size: int) -> Iterator[list[DcRecord]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _pack(dc: DcRecord) -> Packed:
    h = dc.header
    return (
        (h.identifier, h.datestamp, h.set_specs, h.is_deleted),
        tuple((v.element, v.text, v.lang, v.attributes) for v in dc.values),
        dc.source,
        dc.position,
        dc.metadata_format,
        dc.repairs,
    )


def _unpack(item: Packed) -> DcRecord:
    header, values, source, position, metadata_format, repairs = item
    return DcRecord(
        OaiHeader(*header),
        tuple(DcValue(*v) for v in values),
        source,
        position,
        metadata_format,
        repairs,
    )
