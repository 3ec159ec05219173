"""ListCursor: request arguments, repeats, restart windows, token loops."""

from __future__ import annotations

import pytest

from oaiwalk.errors import HarvestError
from oaiwalk.harvest.cursor import ListCursor, TokenMemory
from oaiwalk.harvest.protocol import Granularity
from oaiwalk.store import HarvestedRecord


def record(identifier: str, datestamp: str, text: str = "") -> HarvestedRecord:
    return HarvestedRecord(identifier, datestamp, (), False, f"<record>{text}</record>".encode())


def test_arguments_share_one_granularity_and_a_token_stands_alone() -> None:
    cursor = ListCursor("2021-01-01", "2021-02-01T12:00:00Z")
    assert cursor.params("oai_dc", "a:b") == {
        "verb": "ListRecords",
        "metadataPrefix": "oai_dc",
        "from": "2021-01-01T00:00:00Z",
        "until": "2021-02-01T12:00:00Z",
        "set": "a:b",
    }
    cursor.token = "t1"
    assert cursor.params("oai_dc", "a:b") == {"verb": "ListRecords", "resumptionToken": "t1"}


def test_exact_repeats_are_dropped_changed_records_kept() -> None:
    cursor = ListCursor(None, None)
    kept, repeats = cursor.first_sightings(
        [record("a", "2021-01-01"), record("b", "2021-01-02")], None
    )
    assert [r.identifier for r in kept] == ["a", "b"] and repeats == 0
    found = [record("b", "2021-01-02"), record("b", "2021-01-02", "new"), record("c", "2021-01-03")]
    kept, repeats = cursor.first_sightings(found, None)
    assert [(r.identifier, r.xml) for r in kept] == [
        ("b", b"<record>new</record>"),
        ("c", b"<record></record>"),
    ]
    assert repeats == 1
    assert cursor.max_datestamp == "2021-01-03T00:00:00Z" and cursor.is_ordered


def test_restart_goes_back_one_step_from_the_highest_datestamp() -> None:
    cursor = ListCursor("2020-06-01T00:00:00Z", None, token="t")
    cursor.first_sightings([record("a", "2021-01-01T10:00:00Z")], Granularity.SECONDS)
    where = cursor.restart(lambda: Granularity.SECONDS, "u", keeps_rows=False)
    assert where == "from 2021-01-01T09:59:59Z"
    assert cursor.token is None and cursor.request_from == "2021-01-01T09:59:59Z"
    day = ListCursor(None, None, token="t")
    day.first_sightings([record("a", "2021-01-05")], Granularity.DAY)
    assert day.restart(lambda: Granularity.DAY, "u", keeps_rows=False) == "from 2021-01-04"


def test_out_of_order_datestamps_restart_from_the_start_a_few_times() -> None:
    cursor = ListCursor("2020-01-01", None, token="t")
    cursor.first_sightings([record("a", "2021-01-05"), record("b", "2021-01-01")], None)
    assert not cursor.is_ordered

    def never() -> Granularity:
        raise AssertionError("no window is computed for an unordered list")

    for _ in range(3):
        cursor.token = "t"
        assert "list's start" in cursor.restart(never, "u", keeps_rows=True)
        assert cursor.request_from == "2020-01-01"
    with pytest.raises(HarvestError, match="expired 4 times without progress"):
        cursor.restart(never, "u", keeps_rows=True)


def test_token_memory_spots_loops_within_its_window() -> None:
    memory = TokenMemory(size=3)
    for token in ("a", "b", "c"):
        memory.check(token, "u")
    with pytest.raises(HarvestError, match="returned resumptionToken 'b' twice"):
        memory.check("b", "u")
    memory.check("d", "u")  # pushes "a" out of the window
    assert memory.add("a")
