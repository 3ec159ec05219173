"""The records a server publishes: loaded once, looked up by slug, searched, paged."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime

from oaiwalk.model import Record
from oaiwalk.pipeline import RunReport, iter_records
from oaiwalk.reader import Source
from oaiwalk.writers.rdf_terms import record_slug

__all__ = ["Catalogue", "etag_for", "last_modified_for"]


@dataclass
class Catalogue:
    """Records in input order with an index by URL slug.

    Held in memory: a catalogue of a few hundred thousand records fits comfortably;
    larger collections are better published as sharded static dumps.
    """

    records: list[Record] = field(default_factory=list)
    by_slug: dict[str, Record] = field(default_factory=dict)
    report: RunReport = field(default_factory=RunReport)

    @classmethod
    def load(cls, sources: Iterable[Source]) -> Catalogue:
        """Read every live record of ``sources`` (files, directories or a harvest store)."""
        catalogue = cls()
        for record in iter_records(list(sources), catalogue.report, keep_going=True):
            catalogue.add(record)
        return catalogue

    def add(self, record: Record) -> None:
        slug = record_slug(record.id)
        if slug not in self.by_slug:
            self.records.append(record)
        self.by_slug[slug] = record

    def get(self, slug: str) -> Record | None:
        return self.by_slug.get(slug)

    def search(self, query: str = "") -> list[Record]:
        """Return records whose title, author names or year contain every query word."""
        words = [w.casefold() for w in query.split()]
        if not words:
            return list(self.records)
        return [r for r in self.records if all(w in _haystack(r) for w in words)]

    def __iter__(self) -> Iterator[Record]:
        return iter(self.records)

    def __len__(self) -> int:
        return len(self.records)


def _haystack(record: Record) -> str:
    names = " ".join(n.display() for n in (*record.author, *record.editor))
    year = str(record.issued.year) if record.issued and record.issued.year else ""
    titles = " ".join(title for _lang, title in record.translated_titles)
    return f"{record.title or ''} {titles} {names} {year}".casefold()


def etag_for(record: Record) -> str:
    """A strong ETag from the record id and its OAI datestamp."""
    stamp = record.provenance.header.datestamp or ""
    digest = hashlib.sha256(f"{record.id}\x1f{stamp}".encode()).hexdigest()[:20]
    return f'"{digest}"'


def last_modified_for(record: Record) -> str | None:
    """The OAI datestamp as an HTTP date, or None when absent or unreadable."""
    stamp = record.provenance.header.datestamp
    if not stamp:
        return None
    try:
        when = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return format_datetime(when.astimezone(UTC), usegmt=True)
