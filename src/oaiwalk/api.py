"""The Python API: ``read`` records from OAI-PMH/oai_dc input and ``convert`` them."""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Iterator
from typing import IO, Any, TextIO

from oaiwalk.model import Record
from oaiwalk.pipeline import RunReport, iter_records, write_records
from oaiwalk.reader import Source
from oaiwalk.registry import Writer, default_registry

__all__ = ["convert", "find_writer", "read"]


def _as_sources(source: Source | Iterable[Source]) -> list[Source]:
    if isinstance(source, (str, bytes, os.PathLike)) or hasattr(source, "read"):
        return [source]  # type: ignore[list-item]
    return list(source)


def read(source: Source | Iterable[Source], report: RunReport | None = None) -> Iterator[Record]:
    """Yield the pivot Record of every live oai_dc record in a file, directory, stream or list.

    Deleted and rejected records are skipped (and counted in ``report`` when given).
    """
    return iter_records(_as_sources(source), report)


def find_writer(name: str) -> Writer:
    """Return the installed writer for a format name or alias; raise FormatError if none."""
    return default_registry().get(name)


def convert(
    source: Source | Iterable[Source],
    to: str = "csl-json",
    *,
    out: str | os.PathLike[str] | IO[str] | None = None,
    report: RunReport | None = None,
    **options: Any,
) -> str | None:
    """Convert records to a format; return the text, or write it to ``out`` and return None.

    ``options`` are the writer's keyword options (``style="apa"`` for citations ...).
    """
    writer = find_writer(to)
    records = iter_records(_as_sources(source), report)
    if out is None:
        buffer = io.StringIO()
        write_records(records, writer, buffer, report, **options)
        return buffer.getvalue()
    if isinstance(out, (str, os.PathLike)):
        with open(out, "w", encoding="utf-8", newline="") as stream:
            write_records(records, writer, stream, report, **options)
        return None
    write_records(records, writer, _text(out), report, **options)
    return None


def _text(stream: IO[str]) -> TextIO:
    return stream  # type: ignore[return-value]
