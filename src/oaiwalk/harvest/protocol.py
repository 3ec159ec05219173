"""OAI-PMH 2.0 vocabulary: verbs, request arguments, datestamps and response parsing.

Pages are parsed with the reader's hardened lxml parser (no DTD, no entities, no
network, DOCTYPE refused). Anything that is not an OAI-PMH response (HTML, truncated
or not well-formed XML) raises ``PageError``, which the client treats as a failed
attempt, never as the end of a list.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import Enum
from typing import Any

from oaiwalk.errors import InputError, OaiPmhError
from oaiwalk.reader.xml import parse_bytes

__all__ = [
    "BAD_TOKEN",
    "NO_RECORDS",
    "OAI_NS",
    "Granularity",
    "IdentifyInfo",
    "MetadataFormat",
    "PageError",
    "RecordHeader",
    "SetInfo",
    "check_errors",
    "format_datestamp",
    "list_element",
    "parse_datestamp",
    "parse_identify",
    "parse_metadata_formats",
    "parse_page",
    "parse_sets",
    "read_header",
    "records",
    "resumption_token",
]

logger = logging.getLogger(__name__)

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
_Q = "{" + OAI_NS + "}"
NO_RECORDS = "noRecordsMatch"
BAD_TOKEN = "badResumptionToken"


class PageError(Exception):
    """A response body that is not a usable OAI-PMH page (retry it)."""


class Granularity(Enum):
    """Datestamp granularity a repository declares in Identify (OAI-PMH 2.0, 3.3.2)."""

    DAY = "YYYY-MM-DD"
    SECONDS = "YYYY-MM-DDThh:mm:ssZ"

    @property
    def step(self) -> timedelta:
        """Return one unit of the granularity (the overlap of incremental harvests)."""
        return timedelta(days=1) if self is Granularity.DAY else timedelta(seconds=1)


def parse_datestamp(text: str) -> datetime | None:
    """Return a datestamp (day or seconds, ``Z`` or offset) as an aware UTC datetime."""
    text = text.strip()
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), datetime.min.time(), UTC)
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def format_datestamp(value: datetime, granularity: Granularity) -> str:
    """Return ``value`` as a from/until argument in the repository's granularity."""
    value = value.astimezone(UTC)
    if granularity is Granularity.DAY:
        return value.strftime("%Y-%m-%d")
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_page(body: bytes, url: str) -> Any:
    """Parse a response body; return the ``OAI-PMH`` root element or raise PageError."""
    try:
        root = parse_bytes(url, body)
    except InputError as exc:
        raise PageError(exc.message) from None
    if root.tag != _Q + "OAI-PMH":
        raise PageError(f"{url}: not an OAI-PMH response (root element {_local(root.tag)})")
    return root


def check_errors(root: Any, url: str) -> bool:
    """Raise OaiPmhError for an ``<error>`` answer; return True for ``noRecordsMatch``."""
    errors = root.findall(_Q + "error")
    if not errors:
        return False
    codes = [e.get("code", "") for e in errors]
    if codes == [NO_RECORDS]:
        return True
    first = errors[0]
    text = " ".join((first.text or "").split())
    detail = f": {text}" if text else ""
    raise OaiPmhError(f"{url}: OAI-PMH error {first.get('code', '?')}{detail}", codes[0])


def list_element(root: Any, verb: str, url: str) -> Any:
    """Return the verb's element (``<ListRecords>`` ...), or raise PageError if missing."""
    element = root.find(_Q + verb)
    if element is None:
        raise PageError(f"{url}: OAI-PMH response without <{verb}>")
    return element


def resumption_token(container: Any) -> tuple[str | None, int | None]:
    """Return the resumption token (None when absent or empty) and completeListSize."""
    element = container.find(_Q + "resumptionToken")
    if element is None:
        return None, None
    size = element.get("completeListSize")
    total = int(size) if size is not None and size.strip().isdigit() else None
    token = (element.text or "").strip()
    return (token or None), total


def records(container: Any) -> list[Any]:
    """Return the OAI ``<record>`` elements of a ListRecords/GetRecord element."""
    return list(container.findall(_Q + "record"))


@dataclass(frozen=True, slots=True)
class RecordHeader:
    """What the store needs from an OAI record header."""

    identifier: str | None
    datestamp: str | None
    set_specs: tuple[str, ...]
    is_deleted: bool


def read_header(record: Any) -> RecordHeader:
    """Return the header of an OAI ``<record>`` element."""
    header = record.find(_Q + "header")
    if header is None:
        return RecordHeader(None, None, (), False)
    return RecordHeader(
        _text(header.find(_Q + "identifier")),
        _text(header.find(_Q + "datestamp")),
        tuple(t for e in header.findall(_Q + "setSpec") if (t := _text(e))),
        header.get("status") == "deleted",
    )


@dataclass(frozen=True, slots=True)
class IdentifyInfo:
    """The parts of an Identify answer a harvester uses."""

    repository_name: str | None
    base_url: str | None
    protocol_version: str | None
    earliest_datestamp: str | None
    deleted_record: str | None
    granularity: Granularity
    admin_emails: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        """Return ``key: value`` lines for display."""
        return [
            f"repositoryName: {self.repository_name or ''}",
            f"baseURL: {self.base_url or ''}",
            f"protocolVersion: {self.protocol_version or ''}",
            f"granularity: {self.granularity.value}",
            f"earliestDatestamp: {self.earliest_datestamp or ''}",
            f"deletedRecord: {self.deleted_record or ''}",
            *(f"adminEmail: {e}" for e in self.admin_emails),
        ]


def parse_identify(root: Any, url: str) -> IdentifyInfo:
    """Return the Identify answer; an unknown granularity falls back to days (always valid)."""
    element = list_element(root, "Identify", url)
    raw = _text(element.find(_Q + "granularity"))
    granularity = Granularity.SECONDS if raw == Granularity.SECONDS.value else Granularity.DAY
    if raw != granularity.value:
        logger.warning("%s: granularity %r not understood, using days", url, raw)
    return IdentifyInfo(
        _text(element.find(_Q + "repositoryName")),
        _text(element.find(_Q + "baseURL")),
        _text(element.find(_Q + "protocolVersion")),
        _text(element.find(_Q + "earliestDatestamp")),
        _text(element.find(_Q + "deletedRecord")),
        granularity,
        tuple(t for e in element.findall(_Q + "adminEmail") if (t := _text(e))),
    )


@dataclass(frozen=True, slots=True)
class SetInfo:
    """One set of ListSets."""

    spec: str
    name: str


def parse_sets(container: Any) -> list[SetInfo]:
    """Return the sets of one ListSets page."""
    return [
        SetInfo(_text(s.find(_Q + "setSpec")) or "", _text(s.find(_Q + "setName")) or "")
        for s in container.findall(_Q + "set")
    ]


@dataclass(frozen=True, slots=True)
class MetadataFormat:
    """One format of ListMetadataFormats."""

    prefix: str
    schema: str
    namespace: str


def parse_metadata_formats(container: Any) -> list[MetadataFormat]:
    """Return the formats of a ListMetadataFormats answer."""
    return [
        MetadataFormat(
            _text(f.find(_Q + "metadataPrefix")) or "",
            _text(f.find(_Q + "schema")) or "",
            _text(f.find(_Q + "metadataNamespace")) or "",
        )
        for f in container.findall(_Q + "metadataFormat")
    ]


def _text(element: Any) -> str | None:
    if element is None:
        return None
    text = " ".join((element.text or "").split())
    return text or None


def _local(tag: Any) -> str:
    return str(tag).rsplit("}", 1)[-1]
