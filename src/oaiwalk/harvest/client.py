"""HTTP for OAI-PMH: bounded retries, Retry-After, backoff with jitter, size caps.

Every request has connect and read timeouts and a total deadline. 503 and 429 wait
for Retry-After (seconds or an HTTP date, capped); other 5xx, connection failures,
timeouts and bodies that are not OAI-PMH pages are retried with exponential backoff
and jitter. Bodies are streamed and decompressed here (gzip, deflate), counting bytes
on the wire and after decompression, so a decompression bomb fails with bounded memory.
"""

from __future__ import annotations

import logging
import random
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TypeVar

import httpx

from oaiwalk import __version__
from oaiwalk.errors import HarvestError
from oaiwalk.harvest.protocol import PageError

__all__ = ["ClientSettings", "OaiClient", "RetryEvent", "retry_after_seconds"]

logger = logging.getLogger(__name__)
T = TypeVar("T")
_CHUNK = 1 << 16
_BUSY = (429, 503)  # the statuses that come with Retry-After (RFC 6585, RFC 9110)


@dataclass(frozen=True, slots=True)
class ClientSettings:
    """Timeouts (seconds), retry policy and size caps (bytes) of an OaiClient."""

    timeout: float = 60.0  # read timeout: longest silence while waiting for bytes
    connect_timeout: float = 15.0
    deadline: float = 600.0  # total time one request may take
    retries: int = 5  # attempts after the first one
    backoff_base: float = 2.0  # first backoff; doubles each attempt, with jitter
    backoff_max: float = 120.0
    retry_after_cap: float = 600.0  # longest Retry-After honoured
    max_page_bytes: int = 256 << 20  # bytes on the wire
    max_decompressed_bytes: int = 512 << 20
    user_agent: str = f"oaiwalk/{__version__} (OAI-PMH harvester)"


@dataclass(frozen=True, slots=True)
class RetryEvent:
    """A failed attempt that will be retried after ``wait`` seconds."""

    url: str
    attempt: int  # 1-based attempt that failed
    reason: str
    wait: float


class _Failed(Exception):
    """One failed attempt; ``wait`` is a server-requested delay (Retry-After)."""

    def __init__(self, reason: str, wait: float | None = None, body: bytes | None = None):
        super().__init__(reason)
        self.wait = wait
        self.body = body  # a complete body that did not parse, for repair


class OaiClient:
    """GET requests to one OAI-PMH base URL, with retries; counts requests and retries."""

    def __init__(
        self,
        base_url: str,
        settings: ClientSettings | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        on_retry: Callable[[RetryEvent], None] | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.base_url = base_url
        self.settings = settings or ClientSettings()
        self.requests = 0
        self.retries = 0
        self._sleep = sleep
        self.on_retry = on_retry  # called before each wait
        self._rng = rng or random.Random()
        s = self.settings
        self._http = httpx.Client(
            timeout=httpx.Timeout(s.timeout, connect=s.connect_timeout),
            follow_redirects=True,
            headers={"User-Agent": s.user_agent, "Accept-Encoding": "gzip, deflate"},
        )

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def __enter__(self) -> OaiClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def url_for(self, params: dict[str, str]) -> str:
        """Return the request URL: the base URL's own query (kept) plus the OAI arguments."""
        return str(httpx.URL(self.base_url).copy_merge_params(params))

    def request(
        self,
        params: dict[str, str],
        accept: Callable[[bytes, str], T],
        repair: Callable[[bytes, str], T | None] | None = None,
    ) -> T:
        """GET ``params`` and return ``accept(body, url)``, retrying failed attempts.

        ``accept`` raises PageError for a body that is no usable page (retried). When
        every attempt failed and the last one had a complete but unusable body,
        ``repair(body, url)`` may still return a result; otherwise HarvestError.
        """
        url = self.url_for(params)
        attempts = self.settings.retries + 1
        last: _Failed | None = None
        for attempt in range(1, attempts + 1):
            try:
                return self._attempt(url, accept)
            except _Failed as failure:
                last = failure
                logger.info("%s: attempt %d failed: %s", url, attempt, failure)
                if attempt == attempts:
                    break
                wait = self._wait(attempt, failure.wait)
                self.retries += 1
                if self.on_retry is not None:
                    self.on_retry(RetryEvent(url, attempt, str(failure), wait))
                self._sleep(wait)
        assert last is not None
        if last.body is not None and repair is not None:
            repaired = repair(last.body, url)
            if repaired is not None:
                return repaired
        raise HarvestError(f"{url}: {last} (after {attempts} attempts)", url)

    def _attempt(self, url: str, accept: Callable[[bytes, str], T]) -> T:
        self.requests += 1
        try:
            status, headers, body = self._fetch(url)
        except (httpx.UnsupportedProtocol, httpx.TooManyRedirects) as exc:  # never transient
            raise HarvestError(f"{url}: {exc}", url) from None
        except httpx.TransportError as exc:
            raise _Failed(
                f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            ) from None
        if status in _BUSY:
            raise _Failed(f"HTTP {status}", retry_after_seconds(headers.get("retry-after")))
        if status >= 500 or status == 408:
            raise _Failed(f"HTTP {status}")
        try:
            return accept(body, url)
        except PageError as exc:
            if status >= 300:  # an error status without an OAI-PMH answer: not transient
                raise HarvestError(f"{url}: HTTP {status}", url) from None
            raise _Failed(str(exc).removeprefix(f"{url}: "), body=body) from None

    def _fetch(self, url: str) -> tuple[int, httpx.Headers, bytes]:
        s = self.settings
        started = time.monotonic()
        with self._http.stream("GET", url) as response:
            if response.status_code in _BUSY or response.status_code >= 500:
                return response.status_code, response.headers, b""
            decoder = _Decoder(response.headers.get("content-encoding", ""))
            parts: list[bytes] = []
            size = 0
            for chunk in response.iter_raw(_CHUNK):
                if response.num_bytes_downloaded > s.max_page_bytes:
                    raise _Failed(f"page larger than {s.max_page_bytes} bytes")
                for piece in decoder.feed(chunk):
                    size += len(piece)
                    if size > s.max_decompressed_bytes:
                        raise _Failed(
                            f"page decompresses to more than {s.max_decompressed_bytes} bytes"
                        )
                    parts.append(piece)
                if time.monotonic() - started > s.deadline:
                    raise _Failed(f"request took longer than {s.deadline:g} s")
            parts.append(decoder.finish())
            return response.status_code, response.headers, b"".join(parts)

    def _wait(self, attempt: int, requested: float | None) -> float:
        s = self.settings
        if requested is not None:
            return min(max(requested, 0.0), s.retry_after_cap)
        backoff = min(s.backoff_max, s.backoff_base * float(2 ** (attempt - 1)))
        return backoff * self._rng.uniform(0.5, 1.0)  # "equal jitter": never zero, never more


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Return the delay a Retry-After header asks for (RFC 9110, 10.2.3), or None."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return float(max((when - (now or datetime.now(UTC))).total_seconds(), 0.0))


class _Decoder:
    """Incremental gzip/deflate decoding with bounded output per step."""

    def __init__(self, encoding: str) -> None:
        coding = encoding.strip().lower()
        self._identity = coding in ("", "identity")
        self._deflate = coding == "deflate"
        if not self._identity and coding not in ("gzip", "x-gzip", "deflate"):
            raise _Failed(f"unsupported Content-Encoding {encoding!r}")
        self._z = zlib.decompressobj(zlib.MAX_WBITS if self._deflate else 16 + zlib.MAX_WBITS)
        self._started = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        """Yield the decoded pieces of one chunk, each at most 64 KiB, as they come."""
        if self._identity:
            yield data
            return
        if self._deflate and not self._started and data:
            self._started = True
            if not _has_zlib_header(data):  # "deflate" sent raw, as some servers do
                self._z = zlib.decompressobj(-zlib.MAX_WBITS)
        try:
            while data:
                piece = self._z.decompress(data, _CHUNK)
                data = self._z.unconsumed_tail
                yield piece  # the caller counts before the next piece is made
        except zlib.error as exc:
            raise _Failed(f"broken compressed body: {exc}") from None

    def finish(self) -> bytes:
        """Return what is left; raise _Failed when the compressed stream was cut short."""
        if self._identity:
            return b""
        if not self._z.eof:
            raise _Failed("truncated compressed body")
        return self._z.flush()


def _has_zlib_header(data: bytes) -> bool:
    """Return True when ``data`` starts with a zlib header (RFC 1950, 2.2)."""
    return len(data) >= 2 and data[0] & 0x0F == 8 and int.from_bytes(data[:2], "big") % 31 == 0
