"""A third-party oaiwalk writer, registered through an entry point in the tests."""

from collections.abc import Iterable
from typing import TextIO

from oaiwalk import Record, Writer


def write(records: Iterable[Record], out: TextIO) -> None:
    """Write one line per record: its title."""
    for record in records:
        out.write(f"example record: {record.title}\n")


WRITER = Writer(
    name="example",
    write=write,
    media_type="text/x-oaiwalk-example",
    extension=".example",
    fields=frozenset({"title"}),
)
