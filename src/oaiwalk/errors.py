"""The oaiwalk error tree; every error carries a one-line message.

::

    OaiwalkError
    ├── InputError        unreadable, not XML, DOCTYPE or entities refused, not oai_dc
    │   └── OaiPmhError   the server answered <error>; carries the OAI error code
    ├── RecordError       one record could not be interpreted; carries its OAI identifier
    ├── FormatError       unknown format, style or locale; carries the available names
    ├── TableError        a crosswalk table fails its schema (a packaging bug)
    └── HarvestError      HTTP failure after retries; carries the URL
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "FormatError",
    "HarvestError",
    "InputError",
    "OaiPmhError",
    "OaiwalkError",
    "RecordError",
    "TableError",
]


class OaiwalkError(Exception):
    """Base of every error oaiwalk raises on purpose."""

    exit_code = 70

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))  # always one line

    @property
    def message(self) -> str:
        return str(self)


class InputError(OaiwalkError):
    """Input is unreadable, unsafe (DOCTYPE, entities), not XML or not oai_dc."""

    exit_code = 3


class OaiPmhError(InputError):
    """The OAI-PMH response is an <error>; ``code`` is the OAI error code."""

    exit_code = 4

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


class RecordError(OaiwalkError):
    """One record could not be interpreted; the others go on."""

    exit_code = 1

    def __init__(self, message: str, identifier: str | None = None) -> None:
        super().__init__(message)
        self.identifier = identifier


class FormatError(OaiwalkError):
    """Unknown format, style or locale; ``available`` lists what exists."""

    exit_code = 2

    def __init__(self, message: str, available: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.available = tuple(available)


class TableError(OaiwalkError):
    """A crosswalk table does not match its schema (a packaging bug)."""

    exit_code = 70


class HarvestError(OaiwalkError):
    """An OAI-PMH request failed after its retries; ``url`` is the request."""

    exit_code = 5

    def __init__(self, message: str, url: str | None = None) -> None:
        super().__init__(message)
        self.url = url
