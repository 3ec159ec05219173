"""OaiClient: the waits it asks for, Retry-After parsing, bounded decompression."""

from __future__ import annotations

import random
import tracemalloc
from datetime import UTC, datetime

import pytest

from oaiwalk.errors import HarvestError
from oaiwalk.harvest import ClientSettings, Harvester, HarvestRequest, OaiClient
from oaiwalk.harvest.client import retry_after_seconds

from .oai_server import _bomb


def client_for(server, waits: list[float], **settings) -> OaiClient:
    options = {"backoff_base": 0.5, "retries": 3, **settings}
    return OaiClient(
        server.url, ClientSettings(**options), sleep=waits.append, rng=random.Random(7)
    )


def identifiers(client: OaiClient, server) -> list[str]:
    found = Harvester(client).iter_records(HarvestRequest(server.url))
    return [r.identifier for r in found]


def test_retry_after_in_seconds_and_as_a_date_is_honoured(serve) -> None:
    server = serve()
    server.fault(1, "503", "1")
    server.fault(2, "503", "date")
    waits: list[float] = []
    with client_for(server, waits) as client:
        assert len(identifiers(client, server)) == 25
    assert waits[0] == 1.0
    assert 0.0 <= waits[1] <= 1.0  # one second after the server's clock, parsed from a date
    assert client.retries == 2 and client.requests == 5


def test_retry_after_is_capped(serve) -> None:
    server = serve()
    server.fault(0, "429", "86400")
    waits: list[float] = []
    with client_for(server, waits, retry_after_cap=0.25) as client:
        identifiers(client, server)
    assert waits == [0.25]


def test_backoff_doubles_with_jitter_and_attempts_are_bounded(serve) -> None:
    server = serve()
    server.fault(0, "500", times=-1)
    waits: list[float] = []
    with client_for(server, waits) as client, pytest.raises(HarvestError) as caught:
        identifiers(client, server)
    assert len(waits) == 3 and client.requests == 4
    for attempt, wait in enumerate(waits):
        full = 0.5 * 2**attempt
        assert full / 2 <= wait <= full
    assert caught.value.url is not None and caught.value.url.startswith(server.url)


def test_retry_after_parsing() -> None:
    now = datetime(2026, 11, 25, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("120", now) == 120.0
    assert retry_after_seconds("Wed, 25 Nov 2026 12:00:30 GMT", now) == 30.0
    assert retry_after_seconds("Wed, 25 Nov 2026 11:00:00 GMT", now) == 0.0
    assert retry_after_seconds("soon", now) is None
    assert retry_after_seconds(None, now) is None


def test_a_decompression_bomb_is_refused_with_bounded_memory(serve) -> None:
    server = serve()
    server.fault(0, "bomb", 64 << 20, times=-1)  # 64 MiB of spaces in about 64 KiB
    _bomb(64 << 20)  # made (and cached) before memory is traced
    waits: list[float] = []
    settings = {"retries": 0, "max_decompressed_bytes": 4 << 20}
    with client_for(server, waits, **settings) as client:
        tracemalloc.start()
        try:
            with pytest.raises(HarvestError, match="decompresses to more than 4194304 bytes"):
                identifiers(client, server)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peak < 16 << 20  # the cap plus a few 64 KiB pieces


def test_a_page_larger_than_the_cap_is_refused(serve) -> None:
    server = serve(count=200, page_size=200)
    waits: list[float] = []
    with client_for(server, waits, retries=0, max_page_bytes=20_000) as client:
        with pytest.raises(HarvestError, match="page larger than 20000 bytes"):
            identifiers(client, server)


def test_a_base_url_with_its_own_query_keeps_it(serve) -> None:
    server = serve()
    with OaiClient(f"{server.url}?site=main", ClientSettings(retries=0)) as client:
        found = list(Harvester(client).iter_records(HarvestRequest(client.base_url)))
    assert len(found) == 25
    assert server.log[0] == {"site": "main", "verb": "ListRecords", "metadataPrefix": "oai_dc"}
    assert server.log[1]["site"] == "main" and "resumptionToken" in server.log[1]
