"""Real-client checks of writer output: a table of (format, client, check) rows.

Each module of this package handles one format (``ris.py``, ``csl_json.py``, ...) and
exposes ``CHECKS``, a list of ``ClientCheck``. A check receives the records one writer
call was given and the text it wrote, runs one real client over the text and returns
the ``Failure`` values it found (an empty list means every record passed). Engineers
add a format by adding a module here; ``all_checks()`` finds it.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from oaiwalk.model import Record

__all__ = ["ClientCheck", "Failure", "all_checks"]


@dataclass(frozen=True, slots=True)
class Failure:
    """One record a client did not read back right; ``record_id`` None means all of them."""

    record_id: str | None
    reason: str


CheckFunction = Callable[[Sequence[Record], str], list[Failure]]


@dataclass(frozen=True, slots=True)
class ClientCheck:
    """A client that reads one writer's output, with the writer options to use."""

    format: str  # writer name, as in the registry
    client: str  # what reads it: "pandoc", "citation-js", "jsonschema", ...
    check: CheckFunction
    options: dict[str, Any] = field(default_factory=dict)
    problem: Callable[[], str | None] = lambda: None  # why the client cannot run, or None

    @property
    def label(self) -> str:
        """Return the client name with its writer options, e.g. "pandoc (flavour=endnote)"."""
        extra = ", ".join(f"{k}={v}" for k, v in sorted(self.options.items()))
        return f"{self.client} ({extra})" if extra else self.client


def all_checks() -> list[ClientCheck]:
    """Return the checks of every module in this package, in module order."""
    checks: list[ClientCheck] = []
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        loaded = importlib.import_module(f"{__name__}.{module.name}")
        checks.extend(getattr(loaded, "CHECKS", ()))
    return checks


def failures_for_all(records: Sequence[Record], reason: str) -> list[Failure]:
    """Return one Failure per record, for a client that could not read the batch at all."""
    return [Failure(record.id, reason) for record in records]
