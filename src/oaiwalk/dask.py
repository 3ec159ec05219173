"""Run oaiwalk on a Dask distributed cluster: one task per input file (a partition).

Two ways out: ``convert(paths, to=..., client=...)`` writes one output exactly as a
single-process run would: for a writer that renders batches apart (see ``parallel``)
each worker renders its partition's part and the client frames the parts in input
order; for the others the partitions' Records come back to be written there. With
``shard_dir`` every worker writes its partition's output to its own shard file, which
is how a very large aggregate is converted (no single process sees every record).
Workers need oaiwalk installed (``pip install oaiwalk[dask]``); input paths must be
readable by the workers (a shared file system or object-store mount).
"""

from __future__ import annotations

import io
import itertools
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from oaiwalk.model import Record
from oaiwalk.pipeline import RunReport, iter_records, write_records
from oaiwalk.reader import expand_sources
from oaiwalk.registry import default_registry

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from distributed import Client

__all__ = ["convert", "executor_for", "merge_reports"]


def executor_for(address: str) -> Executor:
    """Return a concurrent.futures executor backed by the Dask scheduler at ``address``."""
    from distributed import Client

    client = Client(address)  # type: ignore[no-untyped-call]
    return client.get_executor()  # type: ignore[no-untyped-call,no-any-return]


def _read_partition(path: str) -> tuple[list[Record], RunReport]:
    report = RunReport()
    return list(iter_records([path], report, keep_going=True)), report


def _render_partition(path: str, to: str, options: dict[str, Any]) -> tuple[Any, RunReport]:
    writer = default_registry().get(to)
    report = RunReport()
    records = list(iter_records([path], report, keep_going=True))
    return writer.render_part(records, **options), report


def _write_shard(
    path: str, index: int, to: str, shard_dir: str, options: dict[str, Any]
) -> tuple[str, RunReport]:
    writer = default_registry().get(to)
    report = RunReport()
    target = Path(shard_dir) / f"part-{index:06d}{writer.extension}"
    with open(target, "w", encoding="utf-8", newline="") as out:
        write_records(iter_records([path], report, keep_going=True), writer, out, **options)
    return str(target), report


def convert(
    paths: Iterable[str | os.PathLike[str]],
    *,
    to: str,
    client: Client,
    out: str | os.PathLike[str] | None = None,
    shard_dir: str | os.PathLike[str] | None = None,
    report: RunReport | None = None,
    **options: Any,
) -> str | list[str] | None:
    """Convert files on a Dask cluster.

    Without ``shard_dir``: return the text (or write it to ``out``), byte for byte what
    ``oaiwalk.convert`` gives. With ``shard_dir``: write one output file per input
    partition there and return their paths in input order.
    """
    sources = [str(p) for p in expand_sources([os.fspath(p) for p in paths])]
    report = report if report is not None else RunReport()
    writer = default_registry().get(to)
    if shard_dir is not None:
        Path(shard_dir).mkdir(parents=True, exist_ok=True)
        futures = [
            client.submit(_write_shard, path, i, to, os.fspath(shard_dir), options, pure=False)
            for i, path in enumerate(sources)
        ]
        shards: list[str] = []
        for future in futures:
            shard, part = future.result()
            shards.append(shard)
            merge_reports(report, part)
        return shards
    if writer.renders_in_batches(**options):
        renders = [
            client.submit(_render_partition, path, to, options, pure=False) for path in sources
        ]

        def write(stream: TextIO) -> None:
            writer.assemble(_settled(renders, report), stream, **options)

    else:
        reads = [client.submit(_read_partition, path, pure=False) for path in sources]

        def write(stream: TextIO) -> None:
            records = itertools.chain.from_iterable(_settled(reads, report))
            write_records(records, writer, stream, **options)

    if out is None:
        buffer = io.StringIO()
        write(buffer)
        return buffer.getvalue()
    with open(out, "w", encoding="utf-8", newline="") as stream:
        write(stream)
    return None


def _settled(futures: list[Any], report: RunReport) -> Iterator[Any]:
    """Yield each partition's result in order, merging its report into ``report``."""
    for future in futures:
        result, part = future.result()
        merge_reports(report, part)
        yield result
        future.release()  # the client has used it: let the cluster free the memory


def merge_reports(total: RunReport, part: RunReport) -> RunReport:
    """Add one partition's counts and findings to ``total``."""
    total.read += part.read
    total.converted += part.converted
    total.deleted += part.deleted
    total.rejected.extend(part.rejected)
    total.losses.extend(part.losses)
    total.failed_sources.extend(part.failed_sources)
    return total
