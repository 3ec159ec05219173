"""Which DC values of a record reach no field of a given output format."""

from __future__ import annotations

from collections.abc import Iterator

from oaiwalk.model import LossEntry, Record
from oaiwalk.registry import Writer

__all__ = ["find_losses"]


def find_losses(record: Record, writer: Writer) -> Iterator[LossEntry]:
    """Yield every rejected value and every DC value no field of ``writer`` carries.

    A writer with an empty ``fields`` set is taken to carry every field.
    """
    prov = record.provenance
    yield from prov.rejected
    rejected = {entry.index for entry in prov.rejected}
    carried = writer.fields
    for index, value in enumerate(prov.values):
        if index in rejected or not value.text:
            continue
        used = prov.fields_using(index)
        if not used:
            yield LossEntry(value.element, value.text, "unmapped", index)
        elif carried and not (used & carried):
            kept = ", ".join(sorted(used))
            yield LossEntry(
                value.element, value.text, f"{writer.name} has no field for {kept}", index
            )
