"""Read OAI-PMH responses and bare oai_dc documents into ``DcRecord`` values.

INTERFACE (being implemented by the reader's owner):
    Source = str | os.PathLike[str] | bytes | BinaryIO   ("-" means stdin; bytes = XML content)
    expand_sources(sources) -> list[Source]               directories expanded, sorted
    read_source(source) -> Iterator[DcRecord]              one file/stream; raises InputError
    read_dc(sources) -> Iterator[DcRecord]                 every source in turn
    parse_record_xml(data, source, position) -> DcRecord   one OAI <record> element (store rows)
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from oaiwalk.model import DcRecord

Source = str | os.PathLike[str] | bytes | BinaryIO


def read_dc(sources: Iterable[Source]) -> Iterator[DcRecord]:
    """Placeholder: raise until the reader lands."""
    raise NotImplementedError("reader not yet implemented")
    yield  # pragma: no cover


def expand_sources(sources: Iterable[Source]) -> list[Source]:
    """Placeholder until the reader lands."""
    return list(sources)


def read_source(source: Source) -> Iterator[DcRecord]:
    """Placeholder until the reader lands."""
    return read_dc([source])
