"""The store: upserts, tombstones, incremental runs and ``iter_record_xml`` order."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest
from lxml import etree

from oaiwalk.errors import InputError
from oaiwalk.store import HarvestedRecord, Store, iter_record_xml, iter_store_records

from .conftest import FAST, harvest, rows, runs

OAI = "{http://www.openarchives.org/OAI/2.0/}"


def record(identifier: str, datestamp: str, *, deleted: bool = False, text: str = "x"):
    xml = (
        f'<record xmlns="http://www.openarchives.org/OAI/2.0/"><header><identifier>{identifier}'
        f"</identifier><datestamp>{datestamp}</datestamp></header><metadata>{text}</metadata>"
        "</record>"
    ).encode()
    return HarvestedRecord(identifier, datestamp, ("s",), deleted, xml)


def commit(store: Store, run: int, *records: HarvestedRecord):
    return store.commit_page(
        run,
        records,
        "oai_dc",
        token=None,
        max_datestamp=None,
        is_ordered=True,
        requests=1,
        retries=0,
    )


def test_upsert_keeps_one_row_per_identifier_and_the_latest_version(store_path) -> None:
    with Store(store_path) as store:
        run = store.start_run("http://x", "oai_dc", None, None, None, None, None)
        counts = commit(store, run, record("a", "2021-01-02"), record("b", "2021-01-01"))
        assert (counts.new, counts.updated, counts.unchanged) == (2, 0, 0)
        counts = commit(store, run, record("a", "2021-01-02"), record("b", "2021-01-03", text="y"))
        assert (counts.new, counts.updated, counts.unchanged) == (0, 1, 1)
        counts = commit(store, run, record("b", "2020-12-31", text="old"))
        assert counts.unchanged == 1  # an older version never replaces a newer one
        counts = commit(store, run, record("a", "2021-01-05", deleted=True))
        assert (counts.updated, counts.deleted) == (1, 1)
        assert store.counts() == (1, 1)
    assert rows(store_path) == [("a", "2021-01-05", 1, None), ("b", "2021-01-03", 0, None)]


def test_iter_record_xml_yields_live_records_by_datestamp_then_identifier(store_path) -> None:
    with Store(store_path) as store:
        run = store.start_run("http://x", "oai_dc", None, None, None, None, None)
        commit(
            store,
            run,
            record("c", "2021-01-02T00:00:00Z"),
            record("b", "2021-01-02"),  # the same instant as c, in day granularity
            record("a", "2021-01-03T10:00:00+02:00"),
            record("z", "2021-01-01T23:00:00Z"),
            record("d", "2021-01-01", deleted=True),
        )
    found = [
        etree.fromstring(x).findtext(f"{OAI}header/{OAI}identifier")
        for x in iter_record_xml(store_path)
    ]
    assert found == ["z", "b", "c", "a"]
    root = etree.fromstring(next(iter_record_xml(store_path)))
    assert root.tag == f"{OAI}record"


def test_reading_something_else_as_a_store_is_an_input_error(tmp_path) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(InputError, match="not an oaiwalk harvest store"):
        list(iter_record_xml(other))
    with pytest.raises(InputError, match="file not found"):
        list(iter_store_records(tmp_path / "missing.sqlite"))


def test_a_second_run_fetches_one_page_and_changes_nothing(serve, store_path, capsys) -> None:
    server = serve(deleted_every=5)
    assert harvest(capsys, server.url, "--store", str(store_path), *FAST)[0] == 0
    before = rows(store_path)
    server.log.clear()
    code, _, err = harvest(capsys, server.url, "--store", str(store_path), *FAST)
    assert code == 0, err
    assert server.log == [
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2021-03-01T10:54:59Z"}
    ]  # the last datestamp minus one second; the granularity is known from the first run
    assert rows(store_path) == before
    second = runs(store_path)[1]
    assert (second["new"], second["updated"], second["unchanged"]) == (0, 0, 1)


def test_an_incremental_run_upserts_new_changed_and_deleted_records(
    serve, store_path, capsys
) -> None:
    server = serve()
    assert harvest(capsys, server.url, "--store", str(store_path), *FAST)[0] == 0
    latest = max(i.datestamp for i in server.repo.items)
    server.repo.add(3)
    changed = server.repo.items[4]
    changed.title, changed.datestamp = "Changed title", latest + timedelta(hours=5)
    gone = server.repo.items[6]
    gone.is_deleted, gone.datestamp = True, latest + timedelta(hours=6)
    server.log.clear()
    code, _, err = harvest(capsys, server.url, "--store", str(store_path), *FAST)
    assert code == 0, err
    assert len(server.requests("ListRecords")) == 1 and not server.requests("Identify")
    stored = rows(store_path)
    assert len(stored) == 28
    run = runs(store_path)[1]
    assert (run["new"], run["updated"], run["unchanged"], run["deleted"]) == (3, 2, 1, 1)
    assert dict((r[0], r[2]) for r in stored)[gone.identifier] == 1
    live = b"".join(iter_record_xml(store_path))
    assert b"Changed title" in live and gone.identifier.encode() not in live


def test_day_granularity_incremental_overlaps_one_day(serve, store_path, capsys) -> None:
    server = serve(granularity="day")
    assert harvest(capsys, server.url, "--store", str(store_path), *FAST)[0] == 0
    server.log.clear()
    assert harvest(capsys, server.url, "--store", str(store_path), *FAST)[0] == 0
    assert server.log == [{"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2021-03-25"}]
    assert runs(store_path)[1]["unchanged"] == 2


def test_a_failed_run_resumes_from_its_token(serve, store_path, capsys) -> None:
    server = serve()
    server.fault(2, "500", times=4)
    assert harvest(capsys, server.url, "--store", str(store_path), *FAST)[0] == 5
    server.log.clear()
    code, _, err = harvest(capsys, server.url, "--store", str(store_path), *FAST)
    assert code == 0, err
    assert server.log == [{"verb": "ListRecords", "resumptionToken": "0|20|||"}]
    assert "(resumed)" in err
    (run,) = runs(store_path)
    assert (run["status"], run["records"], run["pages"]) == ("complete", 25, 3)
    assert len(rows(store_path)) == 25


def test_a_resumed_run_whose_token_expired_restarts_from_its_window(
    serve, store_path, capsys
) -> None:
    server = serve()
    server.fault(2, "500", times=4)
    assert harvest(capsys, server.url, "--store", str(store_path), *FAST)[0] == 5
    server.generation += 1  # every token the server gave out has expired
    server.log.clear()
    code, _, err = harvest(capsys, server.url, "--store", str(store_path), *FAST)
    assert code == 0, err
    assert [r.get("from") for r in server.requests("ListRecords")] == [
        None,
        "2021-03-01T10:19:59Z",
    ]
    assert len(rows(store_path)) == 25
    assert runs(store_path)[0]["status"] == "complete"


def test_a_set_harvest_and_its_set_specs(serve, store_path, capsys) -> None:
    server = serve()
    code, _, _ = harvest(capsys, server.url, "--store", str(store_path), "--set", "even", *FAST)
    assert code == 0
    assert server.requests("ListRecords")[0]["set"] == "even"
    assert len(rows(store_path)) == 12
    with sqlite3.connect(store_path) as db:
        assert {r[0] for r in db.execute("SELECT set_specs FROM records")} == {'["all", "even"]'}
