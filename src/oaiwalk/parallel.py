"""Convert with several processes (``--jobs N``) or on Dask (``--scheduler``), in input order.

The reader runs in the calling process (it streams, and XML parsing is a small share of
the work); batches of raw records go to worker processes, which run the crosswalk; the
Records come back in input order and the writer runs in the calling process, so the
output is byte for byte the output of a single-process run.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from typing import Any

from oaiwalk.model import DcRecord, Record
from oaiwalk.pipeline import Outcome, RunReport, accept, interpret, iter_live_dc
from oaiwalk.reader import Source

__all__ = ["BATCH_SIZE", "interpret_batch", "iter_records"]

#: Records per task: large enough to amortise pickling, small enough to keep memory flat.
BATCH_SIZE = 256


def interpret_batch(batch: list[DcRecord]) -> list[Outcome]:
    """Crosswalk a batch in a worker process."""
    return [interpret(dc) for dc in batch]


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
    executor, owned = _executor(jobs, scheduler)
    try:
        live = iter_live_dc(sources, report, keep_going=True)
        window = max(2, jobs) * 2  # batches in flight: bounds memory
        pending: list[tuple[list[DcRecord], Any]] = []
        for batch in _batches(live, BATCH_SIZE):
            pending.append((batch, executor.submit(interpret_batch, batch)))
            if len(pending) >= window:
                yield from _drain(pending.pop(0), report, on_record)
        while pending:
            yield from _drain(pending.pop(0), report, on_record)
    finally:
        if owned:
            executor.shutdown(cancel_futures=True)


def _executor(jobs: int, scheduler: str | None) -> tuple[Executor, bool]:
    if scheduler:
        from oaiwalk.dask import executor_for  # imported only when asked for

        return executor_for(scheduler), True
    return ProcessPoolExecutor(max_workers=max(1, jobs)), True


def _batches(items: Iterable[DcRecord], size: int) -> Iterator[list[DcRecord]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _drain(
    item: tuple[list[DcRecord], Any],
    report: RunReport,
    on_record: Callable[[Record], None] | None,
) -> Iterator[Record]:
    batch, future = item
    for dc, outcome in zip(batch, future.result(), strict=True):
        record = accept(dc, outcome, report, on_record)
        if record is not None:
            yield record
