"""The harvest loop: ListRecords pages into a store or a stream of records.

Each page is fetched through the client (retries, repair), read into
``HarvestedRecord`` values and handed on; the ``ListCursor`` (``cursor.py``) keeps
the token, the datestamp window and the records already yielded. Into a store,
every page is committed with the run's position, so a run that stops resumes;
without a store, records stream. Progress is reported through ``on_event``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from lxml import etree

from oaiwalk.errors import HarvestError, OaiPmhError
from oaiwalk.harvest.client import OaiClient, RetryEvent
from oaiwalk.harvest.cursor import ListCursor, TokenMemory
from oaiwalk.harvest.protocol import (
    BAD_TOKEN,
    Granularity,
    IdentifyInfo,
    MetadataFormat,
    PageError,
    SetInfo,
    check_errors,
    format_datestamp,
    list_element,
    parse_datestamp,
    parse_identify,
    parse_metadata_formats,
    parse_page,
    parse_sets,
    read_header,
    records,
    resumption_token,
)
from oaiwalk.harvest.repair import PageRepair, repair_control_characters
from oaiwalk.store import HarvestedRecord, Store

__all__ = ["HarvestEvent", "HarvestRequest", "HarvestStats", "Harvester", "Page"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class HarvestRequest:
    """The arguments of one ListRecords harvest (dates as the user gave them)."""

    base_url: str
    metadata_prefix: str = "oai_dc"
    set_spec: str | None = None
    from_date: str | None = None
    until_date: str | None = None


@dataclass
class HarvestStats:
    """Counts of one harvest, updated after every page."""

    pages: int = 0
    records: int = 0
    deleted: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    repaired: int = 0
    duplicates: int = 0  # records seen again after a restart, not yielded twice
    skipped: list[str] = field(default_factory=list)  # records without identifier, by page
    requests: int = 0
    retries: int = 0
    restarts: int = 0
    complete_list_size: int | None = None
    run_id: int | None = None
    is_resumed: bool = False
    request_from: str | None = None


@dataclass(frozen=True, slots=True)
class HarvestEvent:
    """Something a progress display may show: ``page``, ``retry``, ``restart``, ``repair``."""

    kind: str
    stats: HarvestStats
    message: str = ""


@dataclass(slots=True)
class Page:
    """One ListRecords page: its URL, records, next token (None at the end)."""

    url: str
    records: list[HarvestedRecord]
    token: str | None
    complete_list_size: int | None = None
    repair_note: str | None = None


class Harvester:
    """OAI-PMH requests to one repository through an ``OaiClient``."""

    def __init__(
        self, client: OaiClient, on_event: Callable[[HarvestEvent], None] | None = None
    ) -> None:
        self.client = client
        self.stats = HarvestStats()
        self._on_event = on_event
        self._identify: IdentifyInfo | None = None
        self._granularity: Granularity | None = None
        previous = client.on_retry
        client.on_retry = lambda event: self._retried(event, previous)

    # ------------------------------------------------------------------ single answers

    def identify(self) -> IdentifyInfo:
        """Return the repository's Identify answer (asked once)."""
        if self._identify is None:
            self._identify = self._ask({"verb": "Identify"}, parse_identify)
            self._granularity = self._identify.granularity
        return self._identify

    def granularity(self, known: str | None = None) -> Granularity:
        """Return the datestamp granularity: ``known`` (from a store) or asked with Identify."""
        if self._granularity is None:
            if known is not None and known in {g.value for g in Granularity}:
                self._granularity = Granularity(known)
            else:
                try:
                    self._granularity = self.identify().granularity
                except (HarvestError, OaiPmhError) as exc:
                    logger.warning("Identify failed (%s); using day granularity", exc)
                    self._granularity = Granularity.DAY  # every repository supports days
        return self._granularity

    def list_metadata_formats(self, identifier: str | None = None) -> list[MetadataFormat]:
        """Return the metadata formats of the repository (or of one item)."""
        params = {"verb": "ListMetadataFormats"}
        if identifier:
            params["identifier"] = identifier
        formats: list[MetadataFormat] = self._ask(
            params,
            lambda root, url: parse_metadata_formats(list_element(root, params["verb"], url)),
        )
        return formats

    def list_sets(self) -> Iterator[SetInfo]:
        """Yield every set, following resumption tokens."""
        params = {"verb": "ListSets"}
        seen = TokenMemory()
        while True:
            sets, token = self._ask(params, _sets_page)
            yield from sets
            if token is None:
                return
            seen.check(token, self.client.url_for(params))
            params = {"verb": "ListSets", "resumptionToken": token}

    def get_record(self, identifier: str, metadata_prefix: str = "oai_dc") -> HarvestedRecord:
        """Return one record (GetRecord); OaiPmhError when the repository has no such record."""
        params = {"verb": "GetRecord", "identifier": identifier, "metadataPrefix": metadata_prefix}
        page = self.client.request(
            params,
            lambda body, url: self._read_page(body, url, "GetRecord"),
            lambda body, url: self._repair_page(body, url, "GetRecord"),
        )
        if not page.records:
            raise HarvestError(f"{page.url}: GetRecord answer without a record", page.url)
        return page.records[0]

    # ------------------------------------------------------------------ lists

    def iter_records(self, request: HarvestRequest) -> Iterator[HarvestedRecord]:
        """Yield every record of a list (deleted ones included), each identifier once."""
        cursor = self._new_cursor(request, None)
        for page in self._iter_pages(request, cursor):
            self._count(page)
            yield from page.records

    def harvest_into(self, store: Store, request: HarvestRequest) -> HarvestStats:
        """Harvest a list into ``store``, resuming an unfinished run with the same arguments.

        Without ``from_date``, a list harvested before continues from its highest
        datestamp minus one granularity step (an incremental harvest).
        """
        key = (
            request.base_url,
            request.metadata_prefix,
            request.set_spec,
            request.from_date,
            request.until_date,
        )
        busy = store.busy_owner()
        if busy is not None:
            raise HarvestError(
                f"{store.path}: process {busy} is harvesting into this store; wait for it"
                " or stop it, then run again",
                request.base_url,
            )
        latest = store.latest_run(*key)
        if latest is not None and latest.status != "complete" and latest.resumption_token:
            run_id = latest.id
            store.reopen_run(run_id)
            if latest.granularity:
                self.granularity(latest.granularity)
            cursor = ListCursor(
                latest.request_from,
                None,
                token=latest.resumption_token,
                max_datestamp=latest.max_datestamp,
                is_ordered=latest.is_ordered,
            )
            cursor.until = self._new_cursor(request, None).until
            self.stats.is_resumed = True
            row = store.run_row(run_id)
            base_requests, base_retries = row["requests"], row["retries"]
            logger.info("resuming run %d from its resumption token", run_id)
        else:
            # learn the granularity now, so later incremental runs need no Identify
            self.granularity(store.known_granularity(request.base_url))
            since = None if request.from_date else store.harvested_until(*key[:3])
            cursor = self._new_cursor(request, since)
            granularity = self._granularity.value if self._granularity else None
            run_id = store.start_run(*key, cursor.request_from, granularity)
            base_requests = base_retries = 0
        self.stats.run_id = run_id
        self.stats.request_from = cursor.request_from
        try:
            for page in self._iter_pages(request, cursor, store=store, run_id=run_id):
                counts = store.commit_page(
                    run_id,
                    page.records,
                    request.metadata_prefix,
                    token=page.token,
                    max_datestamp=cursor.max_datestamp,
                    is_ordered=cursor.is_ordered,
                    requests=base_requests + self.client.requests,
                    retries=base_retries + self.client.retries,
                )
                self.stats.new += counts.new
                self.stats.updated += counts.updated
                self.stats.unchanged += counts.unchanged
                self._count(page)
        except BaseException as exc:  # keep the token: the next run resumes from it
            status = "failed" if isinstance(exc, Exception) else "interrupted"
            store.finish_run(run_id, status, str(exc) or type(exc).__name__)
            raise
        store.finish_run(run_id, "complete")
        return self.stats

    # ------------------------------------------------------------------ internals

    def _new_cursor(self, request: HarvestRequest, since: str | None) -> ListCursor:
        """Return a cursor at the list's start; ``since`` (UTC) makes it incremental."""
        start = self._date_arg(request.from_date)
        if since is not None:
            value = parse_datestamp(since)
            granularity = self.granularity()
            start = format_datestamp(value - granularity.step, granularity) if value else None
        return ListCursor(start, self._date_arg(request.until_date))

    def _date_arg(self, text: str | None) -> str | None:
        """Return a from/until argument in the repository's granularity.

        A day is always valid (OAI-PMH 2.0, 3.3.2); a time is sent only to a
        repository with seconds granularity, otherwise cut to its day.
        """
        if text is None:
            return None
        value = parse_datestamp(text)
        if value is None:
            raise HarvestError(f"not a datestamp: {text!r} (use YYYY-MM-DD or ISO 8601 UTC)")
        if len(text.strip()) == 10:
            return text.strip()
        return format_datestamp(value, self.granularity())

    def _iter_pages(
        self,
        request: HarvestRequest,
        cursor: ListCursor,
        *,
        store: Store | None = None,
        run_id: int | None = None,
    ) -> Iterator[Page]:
        while True:
            params = cursor.params(request.metadata_prefix, request.set_spec)
            try:
                page = self.client.request(
                    params,
                    lambda body, url: self._read_page(body, url, "ListRecords"),
                    lambda body, url: self._repair_page(body, url, "ListRecords"),
                )
            except OaiPmhError as exc:
                if exc.code != BAD_TOKEN or cursor.token is None:
                    raise
                url = self.client.url_for(params)
                where = cursor.restart(self.granularity, url, keeps_rows=store is not None)
                self.stats.restarts += 1
                message = f"resumption token expired; restarting the list {where}"
                logger.info("%s", message)
                self._emit("restart", message)
                if store is not None and run_id is not None:
                    granularity = self._granularity.value if self._granularity else None
                    store.set_run_window(run_id, cursor.request_from, granularity)
                continue
            if page.token is not None:
                cursor.tokens.check(page.token, page.url)
            page.records, repeats = cursor.first_sightings(page.records, self._granularity)
            self.stats.duplicates += repeats
            cursor.token = page.token
            yield page
            if page.token is None:
                return

    def _read_page(
        self, body: bytes, url: str, verb: str, repair: PageRepair | None = None
    ) -> Page:
        root = parse_page(body, url)
        if check_errors(root, url):
            return Page(url, [], None)  # noRecordsMatch: an empty list
        container = list_element(root, verb, url)
        token, size = resumption_token(container)
        elements = records(container)
        notes: list[tuple[str, ...]] = [() for _ in elements]
        if repair is not None:
            if repair.per_record is not None and len(repair.per_record) == len(elements):
                notes = list(repair.per_record)
            else:
                notes = [(f"{repair.note} (somewhere in its page)",) for _ in elements]
        page = Page(url, [], token, size, repair.note if repair else None)
        for position, (element, note) in enumerate(zip(elements, notes, strict=True), 1):
            record = _harvested(element, note)
            if record is None:
                self.stats.skipped.append(f"{url} record {position}")
                logger.warning("%s: record %d has no identifier; not stored", url, position)
                continue
            page.records.append(record)
        return page

    def _repair_page(self, body: bytes, url: str, verb: str) -> Page | None:
        repair = repair_control_characters(body)
        if repair is None:
            return None
        try:
            page = self._read_page(repair.data, url, verb, repair)
        except PageError:
            return None  # still broken: the caller reports the page
        self._emit("repair", f"{url}: {repair.note}")
        logger.info("%s: %s", url, repair.note)
        return page

    def _ask(self, params: dict[str, str], read: Callable[[Any, str], Any]) -> Any:
        def accept(body: bytes, url: str) -> Any:
            root = parse_page(body, url)
            check_errors(root, url)
            return read(root, url)

        return self.client.request(params, accept)

    def _count(self, page: Page) -> None:
        s = self.stats
        s.pages += 1
        s.records += len(page.records)
        s.deleted += sum(r.is_deleted for r in page.records)
        s.repaired += sum(bool(r.repairs) for r in page.records)
        if page.complete_list_size is not None:
            s.complete_list_size = page.complete_list_size
        self._sync()
        self._emit("page", page.url)

    def _sync(self) -> None:
        self.stats.requests = self.client.requests
        self.stats.retries = self.client.retries

    def _retried(self, event: RetryEvent, previous: Callable[[RetryEvent], None] | None) -> None:
        if previous is not None:
            previous(event)
        self._emit("retry", f"{event.url}: {event.reason}; retrying in {event.wait:.1f} s")

    def _emit(self, kind: str, message: str) -> None:
        self._sync()
        if self._on_event is not None:
            self._on_event(HarvestEvent(kind, replace(self.stats), message))


def _sets_page(root: Any, url: str) -> tuple[list[SetInfo], str | None]:
    container = list_element(root, "ListSets", url)
    return parse_sets(container), resumption_token(container)[0]


def _harvested(element: Any, repairs: tuple[str, ...]) -> HarvestedRecord | None:
    header = read_header(element)
    if header.identifier is None:
        return None
    return HarvestedRecord(
        header.identifier,
        header.datestamp,
        header.set_specs,
        header.is_deleted,
        etree.tostring(element, with_tail=False),
        repairs,
    )
