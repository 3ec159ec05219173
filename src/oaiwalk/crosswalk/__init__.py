"""Interpret a DcRecord as a pivot Record through a list of small steps.

Each step is a function ``(dc, record) -> record`` in its own module; it reads the DC
values it knows about and returns a new Record (``dataclasses.replace``) with the
fields it decided and a ``Decision`` per field (see ``trail.decide``). The list is
plain data, as bibtexparser's parse stack: callers may copy and extend it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache

from oaiwalk.crosswalk.mojibake import repair_record
from oaiwalk.crosswalk.trail import start_record
from oaiwalk.model import DcRecord, Record

__all__ = ["Step", "crosswalk", "default_steps"]

Step = Callable[[DcRecord, Record], Record]


def default_steps() -> list[Step]:
    """Return the standard steps, in the order they run."""
    from oaiwalk.crosswalk import steps

    return steps.default_steps()


@cache
def _standard_steps() -> tuple[Step, ...]:
    """The default steps, built once (importing the step modules per record cost ~5%)."""
    return tuple(default_steps())


def crosswalk(dc: DcRecord, steps: Sequence[Step] | None = None) -> Record:
    """Interpret one DC record; raise RecordError only when nothing sensible can be made."""
    dc = repair_record(dc)  # before any step: containers and types read values raw
    record = start_record(dc)
    for step in _standard_steps() if steps is None else steps:
        record = step(dc, record)
    return record
