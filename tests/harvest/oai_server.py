"""A local OAI-PMH 2.0 repository for tests, with scripted faults.

``OaiServer`` serves a generated repository on 127.0.0.1 (a threaded ``http.server``
in a background thread): N oai_dc records with datestamps, sets and tombstones,
paged by stateless resumption tokens, Identify with day or seconds granularity.
``faults`` maps a page number (0 = the first ListRecords page) to faults, each
served once, and every request is logged, so tests can count them.
"""

from __future__ import annotations

import functools
import gzip
import socket
import struct
import threading
import time
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit
from xml.sax.saxutils import escape

OAI_DC = (
    '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"'
    ' xmlns:dc="http://purl.org/dc/elements/1.1/">'
)


@dataclass
class Item:
    """One record of the generated repository."""

    number: int
    datestamp: datetime
    sets: tuple[str, ...]
    is_deleted: bool = False
    title: str = ""

    @property
    def identifier(self) -> str:
        return f"oai:test.local:item/{self.number}"


@dataclass
class Fault:
    """A fault served instead of (or around) one page: ``kind`` and its parameter."""

    kind: str
    value: Any = None
    times: int = 1  # how many requests of that page it hits (-1: every one)


@dataclass
class Repository:
    """The generated records and how they are listed."""

    count: int = 25
    page_size: int = 10
    granularity: str = "seconds"  # or "day"
    deleted_every: int = 0  # every n-th record is a tombstone
    control_characters: frozenset[int] = frozenset()  # numbers whose title holds \x0b
    order: str = "datestamp"  # or "number" (datestamps then come out of order)
    final_token: str = "empty"  # the last page: "empty" <resumptionToken/> or "absent"
    items: list[Item] = field(default_factory=list)

    def __post_init__(self) -> None:
        start = datetime(2021, 3, 1, 8, 0, 0, tzinfo=UTC)
        step = timedelta(days=1) if self.granularity == "day" else timedelta(minutes=7)
        for n in range(1, self.count + 1):
            # with order "number", datestamps run backwards so they are out of order
            offset = (self.count - n) if self.order == "number" else n
            self.items.append(
                Item(
                    n,
                    start + offset * step,
                    ("all", "even" if n % 2 == 0 else "odd"),
                    bool(self.deleted_every) and n % self.deleted_every == 0,
                    f"Record number {n}",
                )
            )

    def add(self, count: int) -> list[Item]:
        """Add new records, datestamped after every existing one."""
        latest = max(i.datestamp for i in self.items)
        step = timedelta(days=1) if self.granularity == "day" else timedelta(minutes=7)
        new = []
        for k in range(1, count + 1):
            n = len(self.items) + 1
            item = Item(n, latest + k * step, ("all", "even" if n % 2 == 0 else "odd"))
            item.title = f"Record number {n}"
            self.items.append(item)
            new.append(item)
        return new

    def stamp(self, value: datetime) -> str:
        if self.granularity == "day":
            return value.strftime("%Y-%m-%d")
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")

    def live(self) -> list[Item]:
        return [i for i in self.items if not i.is_deleted]


class OaiServer:
    """The repository over HTTP on 127.0.0.1; a context manager."""

    def __init__(self, repository: Repository | None = None) -> None:
        self.repo = repository or Repository()
        self.faults: dict[int, list[Fault]] = {}
        self.compression: str | None = None  # "gzip", "deflate" or "deflate-raw"
        self.generation = 0  # bumped to expire every token
        self.log: list[dict[str, str]] = []
        self.block_page: int | None = None
        self.first_page: bytes | None = None  # served as is for ListRecords (corpus pages)
        self.reached = threading.Event()
        self.release = threading.Event()
        self._lock = threading.Lock()
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.oai = self
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        port = self._httpd.server_address[1]
        return f"http://127.0.0.1:{port}/oai"

    def __enter__(self) -> OaiServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()

    def requests(self, verb: str | None = None) -> list[dict[str, str]]:
        """Return the logged requests (of one verb)."""
        return [r for r in self.log if verb is None or r.get("verb") == verb]

    def fault(self, page: int, kind: str, value: Any = None, times: int = 1) -> None:
        """Serve a fault for ListRecords page ``page`` (0-based)."""
        self.faults.setdefault(page, []).append(Fault(kind, value, times))

    def take_fault(self, page: int) -> Fault | None:
        with self._lock:
            for fault in self.faults.get(page, []):
                if fault.times != 0:
                    fault.times -= 1
                    return fault
        return None

    # ---------------------------------------------------------------- answers

    def answer(self, params: dict[str, str]) -> tuple[str, int | None, Fault | None]:
        """Return the XML answer, its ListRecords page number and the fault to serve."""
        verb = params.get("verb")
        request = "".join(f' {k}="{escape(v)}"' for k, v in params.items())
        if verb == "Identify":
            return self.envelope(request, self.identify()), None, None
        if verb == "ListMetadataFormats":
            body = (
                "<ListMetadataFormats><metadataFormat><metadataPrefix>oai_dc</metadataPrefix>"
                "<schema>http://www.openarchives.org/OAI/2.0/oai_dc.xsd</schema>"
                "<metadataNamespace>http://www.openarchives.org/OAI/2.0/oai_dc/</metadataNamespace>"
                "</metadataFormat></ListMetadataFormats>"
            )
            return self.envelope(request, body), None, None
        if verb == "ListSets":
            sets = "".join(
                f"<set><setSpec>{s}</setSpec><setName>{s.title()} records</setName></set>"
                for s in ("all", "even", "odd")
            )
            return self.envelope(request, f"<ListSets>{sets}</ListSets>"), None, None
        if verb == "GetRecord":
            wanted = params.get("identifier")
            for item in self.repo.items:
                if item.identifier == wanted:
                    body = f"<GetRecord>{self.record(item)}</GetRecord>"
                    return self.envelope(request, body), None, None
            return self.error(request, "idDoesNotExist", f"no item {wanted}"), None, None
        if verb == "ListRecords":
            return self.list_records(request, params)
        return self.error(request, "badVerb", "illegal verb"), None, None

    def identify(self) -> str:
        granularity = "YYYY-MM-DD" if self.repo.granularity == "day" else "YYYY-MM-DDThh:mm:ssZ"
        earliest = self.repo.stamp(min(i.datestamp for i in self.repo.items))
        return (
            "<Identify><repositoryName>Test repository</repositoryName>"
            f"<baseURL>{self.url}</baseURL><protocolVersion>2.0</protocolVersion>"
            "<adminEmail>admin@test.local</adminEmail>"
            f"<earliestDatestamp>{earliest}</earliestDatestamp>"
            f"<deletedRecord>persistent</deletedRecord><granularity>{granularity}</granularity>"
            "</Identify>"
        )

    def list_records(
        self, request: str, params: dict[str, str]
    ) -> tuple[str, int | None, Fault | None]:
        token = params.get("resumptionToken")
        if token is not None:
            if set(params) != {"verb", "resumptionToken"}:
                return (
                    self.error(request, "badArgument", "resumptionToken is exclusive"),
                    None,
                    None,
                )
            try:
                generation, offset, start, until, spec = token.split("|")
                stale = int(generation) != self.generation
            except ValueError:
                stale = True
            if stale:
                return self.error(request, "badResumptionToken", "expired"), None, None
            offset_n = int(offset)
        else:
            if params.get("metadataPrefix") != "oai_dc":
                return self.error(request, "cannotDisseminateFormat", "oai_dc only"), None, None
            start, until, spec = (
                params.get("from", ""),
                params.get("until", ""),
                params.get("set", ""),
            )
            problem = self.check_dates(start, until)
            if problem:
                return self.error(request, "badArgument", problem), None, None
            offset_n = 0
        page = offset_n // self.repo.page_size
        fault = self.take_fault(page)
        chosen = self.select(start, until, spec)
        if not chosen:
            return self.error(request, "noRecordsMatch", "nothing"), page, fault
        items = chosen[offset_n : offset_n + self.repo.page_size]
        end = offset_n + len(items)
        if end < len(chosen):
            next_token = f"{self.generation}|{end}|{start}|{until}|{spec}"
            if fault is not None and fault.kind == "repeat-token":
                next_token = token or next_token
            resume = (
                f'<resumptionToken completeListSize="{len(chosen)}" cursor="{offset_n}">'
                f"{escape(next_token)}</resumptionToken>"
            )
        elif self.repo.final_token == "empty":
            resume = f'<resumptionToken completeListSize="{len(chosen)}" cursor="{offset_n}"/>'
        else:
            resume = ""
        body = "".join(self.record(i) for i in items)
        return self.envelope(request, f"<ListRecords>{body}{resume}</ListRecords>"), page, fault

    def check_dates(self, start: str, until: str) -> str | None:
        for value in (start, until):
            if not value:
                continue
            if len(value) != 10 and self.repo.granularity == "day":
                return f"{value}: finer than the repository's granularity"
        if start and until and len(start) != len(until):
            return "from and until differ in granularity"
        return None

    def select(self, start: str, until: str, spec: str) -> list[Item]:
        def key(item: Item, length: int) -> str:
            return item.datestamp.strftime("%Y-%m-%dT%H:%M:%SZ")[:length]

        chosen = [
            i
            for i in self.repo.items
            if (not start or key(i, len(start)) >= start)
            and (not until or key(i, len(until)) <= until)
            and (not spec or spec in i.sets)
        ]
        if self.repo.order == "number":
            return sorted(chosen, key=lambda i: i.number)
        return sorted(chosen, key=lambda i: (i.datestamp, i.number))

    def record(self, item: Item) -> str:
        sets = "".join(f"<setSpec>{s}</setSpec>" for s in item.sets)
        status = ' status="deleted"' if item.is_deleted else ""
        header = (
            f"<header{status}><identifier>{item.identifier}</identifier>"
            f"<datestamp>{self.repo.stamp(item.datestamp)}</datestamp>{sets}</header>"
        )
        if item.is_deleted:
            return f"<record>{header}</record>"
        title = escape(item.title)
        if item.number in self.repo.control_characters:
            title = title.replace(" ", "\x0b ", 1)
        metadata = (
            f"{OAI_DC}<dc:title>{title}</dc:title>"
            f"<dc:creator>Tester, Number {item.number % 10}</dc:creator>"
            f"<dc:date>{item.datestamp.year}</dc:date><dc:type>text</dc:type>"
            f"<dc:identifier>https://test.local/item/{item.number}</dc:identifier></oai_dc:dc>"
        )
        return f"<record>{header}<metadata>{metadata}</metadata></record>"

    def envelope(self, request: str, body: str) -> str:
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">'
            "<responseDate>2026-11-25T12:00:00Z</responseDate>"
            f"<request{request}>{self.url}</request>{body}</OAI-PMH>"
        )

    def error(self, request: str, code: str, text: str) -> str:
        return self.envelope(request, f'<error code="{code}">{escape(text)}</error>')


@functools.cache
def _bomb(size: int) -> bytes:
    """Return ``size`` spaces gzipped (a few KiB for many MiB)."""
    return gzip.compress(b" " * size, compresslevel=6)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    oai: OaiServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients that gave up (timeouts, resets) are part of the tests


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in separate writes
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        oai = self.server.oai
        params = dict(parse_qsl(urlsplit(self.path).query, keep_blank_values=True))
        with oai._lock:
            oai.log.append(dict(params))
        params.pop("site", None)  # a query of the base URL itself (see test_client)
        if oai.first_page is not None and params.get("verb") == "ListRecords":
            self.serve_given_page(params)
            return
        text, page, fault = oai.answer(params)
        if page is not None and page == oai.block_page and not oai.release.is_set():
            oai.reached.set()
            oai.release.wait(30)
        body = text.encode("utf-8")
        if fault is not None and self.serve_fault(fault, body):
            return
        self.send_body(200, body)

    def serve_given_page(self, params: dict[str, str]) -> None:
        """Serve ``first_page`` as is, then an empty last page for whatever token it had."""
        oai = self.server.oai
        if "resumptionToken" not in params and oai.first_page is not None:
            self.send_body(200, oai.first_page)
            return
        last = '<ListRecords><resumptionToken completeListSize="0"/></ListRecords>'
        self.send_body(200, oai.envelope(' verb="ListRecords"', last).encode())

    def serve_fault(self, fault: Fault, body: bytes) -> bool:
        """Serve ``fault``; return False when the normal body should follow."""
        oai = self.server.oai
        kind = fault.kind
        if kind in ("503", "429"):
            headers = {}
            if fault.value == "date":
                when = datetime.now(UTC) + timedelta(seconds=1)
                headers["Retry-After"] = format_datetime(when, usegmt=True)
            elif fault.value is not None:
                headers["Retry-After"] = str(fault.value)
            self.send_body(int(kind), b"busy", headers, "text/plain")
        elif kind == "500":
            self.send_body(500, b"internal error", content_type="text/plain")
        elif kind == "reset":
            # SO_LINGER 0: close() sends RST instead of FIN
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
        elif kind == "slow":
            time.sleep(float(fault.value))
            self.send_body(200, body)
        elif kind == "truncate":  # the connection closes before Content-Length bytes
            self.send_response(200)
            self.send_header("Content-Type", "text/xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.close_connection = True
        elif kind == "cut-xml":  # a complete HTTP message holding half a page
            self.send_body(200, body[: len(body) // 2])
        elif kind == "html":
            page = b"<!DOCTYPE html><html><body><h1>Service unavailable</h1></body></html>"
            self.send_body(200, page, content_type="text/html")
        elif kind == "bad-xml":
            self.send_body(200, body.replace(b"<record>", b"<record><broken", 1))
        elif kind == "expire":
            oai.generation += 1
            text = oai.error(' verb="ListRecords"', "badResumptionToken", "expired")
            self.send_body(200, text.encode())
        elif kind == "bomb":
            bomb = _bomb(int(fault.value))
            self.send_body(200, bomb, {"Content-Encoding": "gzip"}, compress=False)
        else:
            return False  # "repeat-token" changes the body itself
        return True

    def send_body(
        self,
        status: int,
        body: bytes,
        headers: dict[str, str] | None = None,
        content_type: str = "text/xml; charset=utf-8",
        compress: bool = True,
    ) -> None:
        mode = self.server.oai.compression
        accepted = self.headers.get("Accept-Encoding", "")
        extra = dict(headers or {})
        if compress and mode and mode.split("-")[0] in accepted:
            if mode == "gzip":
                body = gzip.compress(body)
            elif mode == "deflate":
                body = zlib.compress(body)
            else:  # raw deflate, as some servers send for "deflate"
                packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
                body = packer.compress(body) + packer.flush()
            extra["Content-Encoding"] = mode.split("-")[0]
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in extra.items():
            self.send_header(name, value)
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            self.close_connection = True  # the client gave up (timeout test)
