"""Where a ListRecords harvest stands: its window, the tokens seen, the records yielded.

The cursor decides what the next request asks for, spots a resumption-token loop,
drops exact repeats of records, and, when a token expires, where the list may
safely start again (OAI-PMH 2.0, 3.5: a harvester may re-issue the list with a
``from`` argument).
"""

from __future__ import annotations

import hashlib
import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from oaiwalk.errors import HarvestError
from oaiwalk.harvest.protocol import Granularity, format_datestamp, parse_datestamp
from oaiwalk.store import HarvestedRecord, sort_datestamp

__all__ = ["ListCursor", "TokenMemory"]

logger = logging.getLogger(__name__)
MAX_STALLED_RESTARTS = 3  # restarts in a row that did not get past the previous one
_PRUNE_AT = 1024  # remembered records before the overlap window is trimmed


class TokenMemory:
    """The digests of the last ``size`` resumption tokens: loops show, memory stays flat."""

    def __init__(self, size: int = 4096) -> None:
        self._order: deque[bytes] = deque()
        self._digests: set[bytes] = set()
        self._size = size

    def add(self, token: str) -> bool:
        """Remember ``token``; return False when it was among the last ones seen."""
        digest = hashlib.blake2b(token.encode(), digest_size=16).digest()
        if digest in self._digests:
            return False
        self._order.append(digest)
        self._digests.add(digest)
        if len(self._order) > self._size:
            self._digests.discard(self._order.popleft())
        return True

    def clear(self) -> None:
        """Forget every token."""
        self._order.clear()
        self._digests.clear()

    def check(self, token: str, url: str) -> None:
        """Remember ``token``; raise HarvestError when the server repeats one (a loop)."""
        if not self.add(token):
            raise HarvestError(
                f"{url}: the server returned resumptionToken {token!r} twice (a loop); stopping",
                url,
            )


@dataclass
class ListCursor:
    """The state of one list: arguments, next token, highest datestamp, recent records."""

    request_from: str | None
    until: str | None
    token: str | None = None
    max_datestamp: str | None = None  # UTC "YYYY-MM-DDThh:mm:ssZ", comparable as text
    is_ordered: bool = True  # datestamps so far came in non-decreasing order
    tokens: TokenMemory = field(default_factory=TokenMemory)
    stalled: int = 0  # restarts in a row without progress
    restart_mark: str | None = None  # max_datestamp at the last restart
    # identifier -> (datestamp, digest of the XML) inside the overlap window
    recent: dict[str, tuple[str | None, bytes]] = field(default_factory=dict)
    is_pruned: bool = False  # ``recent`` no longer holds every record yielded

    def params(self, metadata_prefix: str, set_spec: str | None) -> dict[str, str]:
        """Return the arguments of the next ListRecords request."""
        if self.token is not None:
            return {"verb": "ListRecords", "resumptionToken": self.token}
        params = {"verb": "ListRecords", "metadataPrefix": metadata_prefix}
        start, until = same_granularity(self.request_from, self.until)
        if start:
            params["from"] = start
        if until:
            params["until"] = until
        if set_spec:
            params["set"] = set_spec
        return params

    def first_sightings(
        self, found: list[HarvestedRecord], granularity: Granularity | None
    ) -> tuple[list[HarvestedRecord], int]:
        """Return the records not yielded before, and how many exact repeats were dropped.

        A repeat is the same identifier, datestamp and XML: after a restart, or a
        repository listing a record twice. A different record under a known
        identifier is kept (the store keeps the later one) and logged.
        """
        kept: list[HarvestedRecord] = []
        repeats = 0
        for record in found:
            stamp = sort_datestamp(record.datestamp)
            digest = hashlib.blake2b(record.xml, digest_size=16).digest()
            previous = self.recent.get(record.identifier)
            if previous == (stamp, digest):
                repeats += 1
                continue
            if previous is not None and previous[0] == stamp:
                logger.warning("%s listed twice with different content", record.identifier)
            kept.append(record)
            if stamp is None:
                continue
            if self.max_datestamp is None or stamp >= self.max_datestamp:
                self.max_datestamp = stamp
            else:
                self.is_ordered = False
            self.recent[record.identifier] = (stamp, digest)
        self._prune(granularity or Granularity.DAY)  # unknown: the wider window is safe
        return kept, repeats

    def restart(self, granularity: Callable[[], Granularity], url: str, *, keeps_rows: bool) -> str:
        """Move to the list's safest new start after an expired token; return where.

        With datestamps in order, the list restarts one granularity step before the
        highest datestamp committed; otherwise from its own start. Progress means a
        higher datestamp than at the previous restart; a list that must restart from
        its start never progresses, so it gets few restarts. Without a store
        (``keeps_rows``) to absorb repeats, a restart from the start is only possible
        while every record yielded is still remembered.
        """
        if not self.is_ordered and self.is_pruned and not keeps_rows:
            raise HarvestError(
                f"{url}: resumption token expired and the repository does not list records"
                " in datestamp order, so the list cannot restart without repeating records;"
                " harvest with --store",
                url,
            )
        moved = self.is_ordered and self.max_datestamp != self.restart_mark
        self.stalled = 0 if moved else self.stalled + 1
        if self.stalled > MAX_STALLED_RESTARTS:
            raise HarvestError(
                f"{url}: resumption tokens expired {self.stalled} times without progress; stopping",
                url,
            )
        self.restart_mark = self.max_datestamp
        value = parse_datestamp(self.max_datestamp) if self.max_datestamp else None
        self.token = None
        self.tokens.clear()  # a new list: its tokens may repeat the old ones
        if value is None or not self.is_ordered:
            return "from the list's start (datestamps were not in order)"
        step = granularity()
        start = format_datestamp(value - step.step, step)
        if self.request_from is None or start > self.request_from:
            self.request_from = start  # never earlier than the list's own start
        return f"from {self.request_from}"

    def _prune(self, granularity: Granularity) -> None:
        """Keep only identifiers inside the overlap window of a restart."""
        if self.max_datestamp is None or len(self.recent) < _PRUNE_AT:
            return
        top = parse_datestamp(self.max_datestamp)
        if top is None:
            return
        low = format_datestamp(top - granularity.step, Granularity.SECONDS)
        before = len(self.recent)
        self.recent = {k: v for k, v in self.recent.items() if v[0] is not None and v[0] >= low}
        self.is_pruned = self.is_pruned or len(self.recent) < before


def same_granularity(start: str | None, until: str | None) -> tuple[str | None, str | None]:
    """Give from and until one granularity (OAI-PMH 2.0, 3.3.1), keeping what they cover."""
    if start and until and len(start) != len(until):
        if len(start) == 10:
            return f"{start}T00:00:00Z", until
        return start, f"{until}T23:59:59Z"
    return start, until
