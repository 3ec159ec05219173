"""Stream a whole catalogue in one format, optionally gzip-compressed, in bounded memory."""

from __future__ import annotations

import queue
import threading
import zlib
from collections.abc import Iterable, Iterator
from typing import Any

from oaiwalk.model import Record
from oaiwalk.registry import Writer

__all__ = ["DUMP_FORMATS", "stream_dump"]

#: URL suffix of /dump.<suffix> -> writer name
DUMP_FORMATS = {
    "nt": "ntriples",
    "ttl": "turtle",
    "jsonld": "jsonld",
    "rdf": "rdfxml",
    "bib": "bibtex",
    "ris": "ris",
    "json": "csl-json",
    "jsonl": "csl-jsonl",
}

_DONE = object()


class _QueueText:
    """A text stream whose writes go, encoded, into a bounded queue (back-pressure)."""

    def __init__(self, chunks: queue.Queue[Any], size: int = 64 * 1024) -> None:
        self.chunks = chunks
        self.buffer: list[str] = []
        self.pending = 0
        self.size = size

    def write(self, text: str) -> int:
        self.buffer.append(text)
        self.pending += len(text)
        if self.pending >= self.size:
            self.flush()
        return len(text)

    def flush(self) -> None:
        if self.buffer:
            self.chunks.put("".join(self.buffer).encode("utf-8"))
            self.buffer, self.pending = [], 0


def stream_dump(
    records: Iterable[Record], writer: Writer, *, gzip: bool = False, **options: Any
) -> Iterator[bytes]:
    """Yield the output of ``writer`` over ``records`` as byte chunks, as it is written."""
    chunks: queue.Queue[Any] = queue.Queue(maxsize=8)
    failure: list[BaseException] = []

    def produce() -> None:
        stream = _QueueText(chunks)
        try:
            writer(records, stream, **options)  # type: ignore[arg-type]
            stream.flush()
        except BaseException as exc:  # handed to the consumer, which re-raises it
            failure.append(exc)
        finally:
            chunks.put(_DONE)

    thread = threading.Thread(target=produce, name="oaiwalk-dump", daemon=True)
    thread.start()
    compressor = zlib.compressobj(6, zlib.DEFLATED, 31) if gzip else None
    while (chunk := chunks.get()) is not _DONE:
        data = compressor.compress(chunk) if compressor else chunk
        if data:
            yield data
    thread.join()
    if failure:
        raise failure[0]
    if compressor:
        yield compressor.flush()
