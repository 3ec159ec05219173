"""Input sources: paths, directories, ``-`` (stdin), bytes and binary streams.

``open_source`` turns one source into a display name and a byte stream, sniffing
gzip by its magic number (not only the extension). Harvest stores (SQLite files)
are recognised by their header and reported with ``is_sqlite_store``.
"""

from __future__ import annotations

import gzip
import io
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Protocol

from oaiwalk.errors import InputError

__all__ = [
    "PeekableStream",
    "SQLITE_MAGIC",
    "Source",
    "expand_sources",
    "is_sqlite_store",
    "open_source",
    "source_name",
]

Source = str | os.PathLike[str] | bytes | BinaryIO

SQLITE_MAGIC = b"SQLite format 3\x00"
_GZIP_MAGIC = b"\x1f\x8b"
_SUFFIXES = (".xml", ".xml.gz", ".gz", ".sqlite")


def expand_sources(sources: Iterable[Source]) -> list[Source]:
    """Replace each directory by its ``*.xml``, ``*.xml.gz``, ``*.gz``, ``*.sqlite`` files.

    Directories are searched recursively and their files sorted; every other source
    (missing paths included, so reading them reports the error) is kept as given.
    """
    expanded: list[Source] = []
    for source in sources:
        if isinstance(source, (str, os.PathLike)) and source != "-" and os.path.isdir(source):
            found = (p for p in Path(source).rglob("*") if p.name.lower().endswith(_SUFFIXES))
            expanded.extend(str(p) for p in sorted(found) if p.is_file())
        else:
            expanded.append(source)
    return expanded


def source_name(source: Source) -> str:
    """Return the name a source is reported under: its path, ``<stdin>`` or ``<bytes>``."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return "<bytes>"
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        return "<stdin>" if path == "-" else path
    name = getattr(source, "name", None)
    return name if isinstance(name, str) and name else "<stream>"


def is_sqlite_store(source: Source) -> bool:
    """Return True when ``source`` is a path to an SQLite file (a harvest store)."""
    if not isinstance(source, (str, os.PathLike)) or source == "-":
        return False
    try:
        with open(source, "rb") as stream:
            return stream.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False  # open_source reports the error


@contextmanager
def open_source(source: Source) -> Iterator[tuple[str, PeekableStream]]:
    """Yield ``(name, stream)`` for one source, gunzipping transparently.

    Raises InputError when the source cannot be opened.
    """
    name = source_name(source)
    if isinstance(source, (bytes, bytearray, memoryview)):
        yield name, _maybe_gunzip(name, io.BytesIO(bytes(source)))
        return
    if isinstance(source, (str, os.PathLike)):
        if name == "<stdin>":
            yield name, _maybe_gunzip(name, sys.stdin.buffer)
            return
        try:
            stream = open(source, "rb")
        except FileNotFoundError:
            raise InputError(f"{name}: file not found") from None
        except IsADirectoryError:
            raise InputError(f"{name}: is a directory") from None
        except OSError as exc:
            raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from exc
        with stream:
            yield name, _maybe_gunzip(name, stream)
        return
    yield name, _maybe_gunzip(name, source)


def _maybe_gunzip(name: str, stream: BinaryIO) -> PeekableStream:
    """Return the content as a peekable stream, gunzipped when it starts with the gzip magic."""
    raw = PeekableStream(_Guarded(name, stream))
    if raw.head(2) == _GZIP_MAGIC:
        unzipped = gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[call-overload]
        return PeekableStream(_Guarded(name, unzipped))
    return raw


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class _Guarded:
    """A stream that turns read failures (bad gzip, I/O errors) into InputError."""

    def __init__(self, name: str, stream: _Readable) -> None:
        self._name = name
        self._stream = stream

    def read(self, size: int = -1) -> bytes:
        try:
            return self._stream.read(size)
        except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
            raise InputError(f"{self._name}: broken gzip data: {exc}") from exc
        except OSError as exc:
            raise InputError(f"{self._name}: cannot read: {exc.strerror or exc}") from exc


class PeekableStream:
    """A read-only byte stream whose first bytes can be looked at without consuming them."""

    def __init__(self, stream: _Readable) -> None:
        self._stream = stream
        self._buffer = b""

    def head(self, size: int) -> bytes:
        """Return up to ``size`` first unread bytes, keeping them for ``read``."""
        while len(self._buffer) < size:
            chunk = self._stream.read(size - len(self._buffer))
            if not chunk:
                break
            self._buffer += chunk
        return self._buffer[:size]

    def read(self, size: int = -1) -> bytes:
        """Read like ``BinaryIO.read``."""
        if not self._buffer:
            return self._stream.read(size)
        if size < 0:
            data, self._buffer = self._buffer + self._stream.read(), b""
        else:
            data, self._buffer = self._buffer[:size], self._buffer[size:]
        return data
