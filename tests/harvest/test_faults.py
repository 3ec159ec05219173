"""Every scripted server fault against a real harvest: records once, exit status, requests."""

from __future__ import annotations

import pytest

from .conftest import FAST, harvest, rows, runs

# Repository(count=25, page_size=10, deleted_every=5): 3 pages, 25 records, 5 tombstones.
PAGES = 3
RECORDS = 25


def list_requests(server) -> int:
    return len(server.requests("ListRecords"))


@pytest.mark.parametrize(
    ("page", "kind", "value"),
    [
        (1, "503", "1"),
        (1, "503", "date"),
        (2, "429", "0"),
        (2, "429", None),
        (1, "500", None),
        (0, "reset", None),
        (1, "truncate", None),
        (1, "cut-xml", None),
        (2, "html", None),
        (1, "bad-xml", None),
    ],
)
def test_a_transient_fault_costs_one_request(serve, store_path, capsys, page, kind, value) -> None:
    server = serve(deleted_every=5)
    server.fault(page, kind, value)
    code, _, err = harvest(capsys, server.url, "--store", str(store_path), *FAST)
    assert code == 0, err
    assert list_requests(server) == PAGES + 1
    stored = rows(store_path)
    assert len(stored) == len({r[0] for r in stored}) == RECORDS
    assert sum(r[2] for r in stored) == 5
    (run,) = runs(store_path)
    assert (run["status"], run["records"], run["new"], run["retries"]) == (
        "complete",
        RECORDS,
        RECORDS,
        1,
    )
    assert "1 retries" in err


def test_a_slow_response_past_the_read_timeout_is_retried(serve, store_path, capsys) -> None:
    server = serve()
    server.fault(1, "slow", 1.5)
    argv = [server.url, "--store", str(store_path), "--timeout", "0.5", *FAST]
    code, _, err = harvest(capsys, *argv)
    assert code == 0, err
    assert list_requests(server) == PAGES + 1
    assert len(rows(store_path)) == RECORDS
    assert "ReadTimeout" in err


def test_a_persistent_5xx_fails_after_the_retries_keeping_earlier_pages(
    serve, store_path, capsys
) -> None:
    server = serve()
    server.fault(1, "500", times=-1)
    code, _, err = harvest(capsys, server.url, "--store", str(store_path), *FAST)
    assert code == 5
    assert list_requests(server) == 1 + 4  # page 0, then page 1 four times (3 retries)
    assert "HTTP 500 (after 4 attempts)" in err
    assert "resumptionToken=" in err.splitlines()[-1]
    assert len(rows(store_path)) == 10
    (run,) = runs(store_path)
    assert run["status"] == "failed" and run["resumption_token"]


def test_a_repeated_token_is_a_loop_and_stops(serve, store_path, capsys) -> None:
    server = serve()
    server.fault(1, "repeat-token")
    code, _, err = harvest(capsys, server.url, "--store", str(store_path), *FAST)
    assert code == 5
    assert "twice (a loop)" in err
    assert list_requests(server) == 2
    assert len(rows(store_path)) == 10


@pytest.mark.parametrize("order", ["datestamp", "number"])
def test_an_expired_token_restarts_without_duplicates(serve, store_path, capsys, order) -> None:
    server = serve(order=order, deleted_every=5)
    server.fault(2, "expire")
    code, _, err = harvest(capsys, server.url, "--store", str(store_path), *FAST)
    assert code == 0, err
    stored = rows(store_path)
    assert len(stored) == len({r[0] for r in stored}) == RECORDS
    (run,) = runs(store_path)
    restart = server.requests("ListRecords")[3]
    if order == "datestamp":
        # restarted from the last committed datestamp minus one second: one page left
        assert restart["from"] == "2021-03-01T10:19:59Z"
        assert list_requests(server) == 4
        assert run["records"] == RECORDS  # the overlap record was not counted twice
    else:
        # datestamps came out of order, so only the list's start is safe
        assert "from" not in restart
        assert list_requests(server) == 3 + PAGES
    assert "restarting the list" in err


def test_tokens_that_always_expire_still_progress_by_datestamp(serve, store_path, capsys) -> None:
    server = serve(count=40, page_size=5)
    for page in range(1, 8):
        server.fault(page, "expire", times=-1)
    code, _, err = harvest(capsys, server.url, "--store", str(store_path), *FAST)
    assert code == 0, err
    assert len(rows(store_path)) == 40
    assert runs(store_path)[0]["records"] == 40
    # each restart's first page repeats the overlap record: 4 new records per restart
    assert err.count("restarting the list from 2021") == 9


def test_tokens_that_always_expire_without_order_stop(serve, store_path, capsys) -> None:
    server = serve(count=40, page_size=5, order="number")
    for page in range(1, 8):
        server.fault(page, "expire", times=-1)
    code, _, err = harvest(capsys, server.url, "--store", str(store_path), *FAST)
    assert code == 5
    assert "expired 4 times without progress" in err
    assert list_requests(server) == 8  # four times: the first page, then an expired token
    assert len(rows(store_path)) == 5


@pytest.mark.parametrize("final", ["empty", "absent"])
def test_the_list_ends_at_an_empty_or_absent_token(serve, store_path, capsys, final) -> None:
    server = serve(final_token=final)
    code, _, err = harvest(capsys, server.url, "--store", str(store_path), *FAST)
    assert code == 0, err
    assert list_requests(server) == PAGES
    assert len(rows(store_path)) == RECORDS


def test_no_records_match_is_an_empty_harvest(serve, store_path, capsys) -> None:
    server = serve()
    code, _, err = harvest(
        capsys, server.url, "--store", str(store_path), "--from", "2030-01-01", *FAST
    )
    assert code == 0, err
    assert list_requests(server) == 1
    assert rows(store_path) == []
    assert runs(store_path)[0]["status"] == "complete"


def test_another_oai_error_exits_4(serve, store_path, capsys) -> None:
    server = serve()
    code, _, err = harvest(
        capsys, server.url, "--store", str(store_path), "--metadata-prefix", "mods", *FAST
    )
    assert code == 4
    assert "cannotDisseminateFormat" in err
    assert list_requests(server) == 1


@pytest.mark.parametrize("compression", ["gzip", "deflate", "deflate-raw"])
def test_compressed_pages_are_decoded(serve, store_path, capsys, compression) -> None:
    server = serve()
    server.compression = compression
    code, _, err = harvest(capsys, server.url, "--store", str(store_path), *FAST)
    assert code == 0, err
    assert list_requests(server) == PAGES
    assert len(rows(store_path)) == RECORDS


def test_a_decompression_bomb_fails_the_page(serve, store_path, capsys) -> None:
    server = serve()
    server.fault(0, "bomb", 16 << 20, times=-1)  # 16 MiB of spaces, about 16 KiB gzipped
    argv = [server.url, "--store", str(store_path), "--max-page-size", "1", *FAST]
    code, _, err = harvest(capsys, *argv)
    assert code == 5
    assert "decompresses to more than 1048576 bytes" in err
    assert list_requests(server) == 4
    assert rows(store_path) == []


def test_day_granularity_gets_day_arguments(serve, store_path, capsys) -> None:
    server = serve(granularity="day")
    argv = [server.url, "--store", str(store_path), "--from", "2021-03-10T12:30:00Z", *FAST]
    code, _, err = harvest(capsys, *argv)
    assert code == 0, err
    first = server.requests("ListRecords")[0]
    assert first["from"] == "2021-03-10"  # the server answers badArgument to a time
    assert len(rows(store_path)) == RECORDS - 9 + 1  # items datestamped 2021-03-10 on


def test_seconds_granularity_keeps_the_time(serve, store_path, capsys) -> None:
    server = serve()
    argv = [server.url, "--store", str(store_path), "--from", "2021-03-01T09:00:00Z", *FAST]
    code, _, err = harvest(capsys, *argv)
    assert code == 0, err
    assert server.requests("ListRecords")[0]["from"] == "2021-03-01T09:00:00Z"
    assert len(rows(store_path)) == RECORDS - 8  # 08:07 ... 08:56 are before


def test_control_characters_are_removed_and_noted_per_record(serve, store_path, capsys) -> None:
    server = serve(control_characters=frozenset({12}))
    code, _, err = harvest(capsys, server.url, "--store", str(store_path), *FAST)
    assert code == 0, err
    assert list_requests(server) == PAGES + 3  # page 1 retried, stayed bad, then repaired
    stored = {r[0]: r[3] for r in rows(store_path)}
    assert len(stored) == RECORDS
    notes = {k: v for k, v in stored.items() if v}
    assert notes == {
        "oai:test.local:item/12": '["removed 1 illegal XML control character (U+000B)"]'
    }
    assert "1 records repaired" in err


def test_a_page_that_stays_broken_stops_naming_the_page(serve, store_path, capsys) -> None:
    server = serve()
    server.fault(1, "bad-xml", times=-1)
    code, _, err = harvest(capsys, server.url, "--store", str(store_path), *FAST)
    assert code == 5
    line = err.strip().splitlines()[-1]
    assert "resumptionToken=0%7C10" in line and "not well-formed" in line
    assert list_requests(server) == 1 + 4
    assert len(rows(store_path)) == 10


def test_an_html_error_page_is_never_the_end_of_the_list(serve, store_path, capsys) -> None:
    server = serve()
    server.fault(1, "html", times=-1)
    code, _, err = harvest(capsys, server.url, "--store", str(store_path), *FAST)
    assert code == 5
    assert "DOCTYPE refused" in err or "not an OAI-PMH response" in err
    assert runs(store_path)[0]["status"] == "failed"


def test_from_and_until_are_sent_in_one_granularity(serve, store_path, capsys) -> None:
    server = serve()
    argv = [server.url, "--store", str(store_path), "--from", "2021-03-01T09:00:00Z"]
    code, _, err = harvest(capsys, *argv, "--until", "2021-03-01", *FAST)
    assert code == 0, err
    first = server.requests("ListRecords")[0]
    assert (first["from"], first["until"]) == ("2021-03-01T09:00:00Z", "2021-03-01T23:59:59Z")
    assert len(rows(store_path)) == RECORDS - 8


def test_streaming_restarts_from_the_start_only_while_repeats_can_be_dropped(
    serve, tmp_path, capsys
) -> None:
    import json

    server = serve(count=1200, page_size=100, order="number")
    server.fault(1, "expire")  # early: every record yielded is still remembered
    out = tmp_path / "early.jsonl"
    code, _, err = harvest(capsys, server.url, "--to", "csl-jsonl", "-o", str(out), *FAST)
    assert code == 0, err
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(ids) == len(set(ids)) == 1200

    server.fault(11, "expire")  # late: the oldest records were forgotten
    code, _, err = harvest(capsys, server.url, "--to", "csl-jsonl", "-o", str(out), *FAST)
    assert code == 5
    assert "harvest with --store" in err
