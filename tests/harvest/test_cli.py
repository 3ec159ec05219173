"""``oaiwalk harvest`` end to end: verbs, GetRecord, harvest-and-convert, usage errors."""

from __future__ import annotations

import json

import bibtexparser

from oaiwalk.cli import main

from .conftest import FAST, harvest, rows


def test_identify_prints_granularity_earliest_datestamp_and_deleted_policy(serve, capsys) -> None:
    server = serve(granularity="day")
    code, out, _ = harvest(capsys, server.url, "--verb", "Identify")
    assert code == 0
    assert "granularity: YYYY-MM-DD\n" in out
    assert "earliestDatestamp: 2021-03-02\n" in out
    assert "deletedRecord: persistent\n" in out
    assert server.log == [{"verb": "Identify"}]


def test_list_sets_and_metadata_formats(serve, capsys) -> None:
    server = serve()
    code, out, _ = harvest(capsys, server.url, "--verb", "ListSets")
    assert code == 0
    assert out.splitlines() == ["all\tAll records", "even\tEven records", "odd\tOdd records"]
    code, out, _ = harvest(capsys, server.url, "--verb", "ListMetadataFormats")
    assert code == 0
    assert out.startswith("oai_dc\thttp://www.openarchives.org/OAI/2.0/oai_dc.xsd\t")


def test_get_record_prints_the_record_or_exits_4(serve, capsys) -> None:
    server = serve()
    code, out, _ = harvest(capsys, server.url, "--identifier", "oai:test.local:item/7")
    assert code == 0
    assert "<dc:title>Record number 7</dc:title>" in out
    code, out, err = harvest(capsys, server.url, "--identifier", "oai:test.local:nothing")
    assert (code, out) == (4, "")
    assert "idDoesNotExist" in err and err.count("\n") == 1


def test_get_record_converts_and_stores(serve, store_path, capsys) -> None:
    server = serve()
    argv = [server.url, "--identifier", "oai:test.local:item/7", "--to", "csl-json"]
    code, out, _ = harvest(capsys, *argv, "--store", str(store_path))
    assert code == 0
    assert [i["title"] for i in json.loads(out)] == ["Record number 7"]
    assert [r[0] for r in rows(store_path)] == ["oai:test.local:item/7"]


def test_convert_a_store_gives_the_live_records_only(serve, store_path, capsys) -> None:
    server = serve(deleted_every=5)
    assert harvest(capsys, server.url, "--store", str(store_path), *FAST)[0] == 0
    code = main(["convert", str(store_path), "--to", "csl-json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    items = json.loads(captured.out)
    expected = {i.identifier for i in server.repo.live()}
    assert len(items) == len(expected) == 20
    assert {i["id"] for i in items} == expected


def test_harvest_to_bibtex_in_one_go_without_a_store(serve, tmp_path, capsys) -> None:
    server = serve(deleted_every=5, page_size=4)
    out = tmp_path / "out.bib"
    code, _, err = harvest(capsys, server.url, "--to", "bibtex", "-o", str(out), *FAST)
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    library = bibtexparser.parse_string(text)  # type: ignore[attr-defined]
    titles = sorted(e.fields_dict["title"].value for e in library.entries)
    assert titles == sorted(i.title for i in server.repo.live())
    assert "20 converted, 5 deleted, 0 rejected" in err
    assert len(server.requests("ListRecords")) == 7
    assert list(tmp_path.iterdir()) == [out]  # no database, no temporary file left


def test_harvest_with_store_and_format(serve, store_path, tmp_path, capsys) -> None:
    server = serve(deleted_every=5)
    out = tmp_path / "out.json"
    argv = [server.url, "--store", str(store_path), "-o", str(out), *FAST]
    code, _, err = harvest(capsys, *argv)
    assert code == 0, err
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 20


def test_repair_notes_travel_with_the_records(serve, tmp_path, capsys) -> None:
    server = serve(control_characters=frozenset({2}))
    out = tmp_path / "out.json"
    code, _, err = harvest(capsys, server.url, "-o", str(out), "--retries", "0")
    assert code == 0, err
    titles = [i["title"] for i in json.loads(out.read_text(encoding="utf-8"))]
    assert "Record number 2" in titles  # the control character is gone, the text is intact
    assert "removed 1 illegal XML control character (U+000B)" in err


def test_a_failed_streaming_harvest_leaves_no_output_file(serve, tmp_path, capsys) -> None:
    server = serve()
    server.fault(1, "500", times=-1)
    out = tmp_path / "out.json"
    code, _, err = harvest(capsys, server.url, "-o", str(out), *FAST)
    assert code == 5
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_usage_errors_exit_2(serve, capsys) -> None:
    server = serve()
    code, _, err = harvest(capsys, server.url)
    assert code == 2 and "--store" in err
    code, _, err = harvest(capsys, server.url, "--store", "x.sqlite", "--from", "yesterday")
    assert code == 2 and "--from" in err
    code, _, err = harvest(capsys, "ftp://example.org/oai", "--store", "x.sqlite")
    assert code == 2 and "not an http(s) URL" in err
    assert server.log == []


def test_an_unreachable_server_exits_5(capsys, store_path) -> None:
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{sock.getsockname()[1]}/oai"
    code, _, err = harvest(
        capsys, url, "--store", str(store_path), "--retries", "1", "--backoff", "0"
    )
    assert code == 5
    assert "ConnectError" in err and "after 2 attempts" in err


def test_a_terminal_gets_a_progress_line_and_quiet_gets_nothing(serve, store_path) -> None:
    import os
    import pty
    import subprocess
    import sys

    server = serve()
    argv = [sys.executable, "-m", "oaiwalk", "harvest", server.url, "--store", str(store_path)]
    leader, follower = pty.openpty()
    try:
        process = subprocess.run(argv, stderr=follower, stdout=subprocess.PIPE, timeout=120)
        os.close(follower)
        follower = -1
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the terminal's other end is closed and drained
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
        if follower != -1:
            os.close(follower)
    assert process.returncode == 0
    text = shown.decode()
    assert "\r10 records (" in text and "1 pages, 0 retries" in text
    assert "oaiwalk: page " not in text  # plain lines are for logs, not terminals
    assert "harvest: 25 records" in text
    quiet = subprocess.run(
        [*argv[:3], "--quiet", *argv[3:]], capture_output=True, text=True, timeout=120
    )
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_a_writer_option_that_does_not_apply_fails_before_any_request(serve, capsys) -> None:
    server = serve()
    code, _, err = harvest(capsys, server.url, "--to", "bibtex", "--style", "apa")
    assert code == 2 and "--style does not apply to format 'bibtex'" in err
    assert server.log == []


def test_a_record_without_identifier_is_reported_not_dropped_quietly(
    serve, store_path, capsys
) -> None:
    server = serve()
    dc = '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"/>'
    server.first_page = (
        '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords>'
        "<record><header><identifier>oai:x:1</identifier><datestamp>2021-01-01</datestamp>"
        f"</header><metadata>{dc}</metadata></record>"
        "<record><header><datestamp>2021-01-02</datestamp></header>"
        f"<metadata>{dc}</metadata></record>"
        "</ListRecords></OAI-PMH>"
    ).encode()
    code, _, err = harvest(capsys, server.url, "--store", str(store_path), *FAST)
    assert code == 1
    assert "record 2: the record has no identifier" in err
    assert [r[0] for r in rows(store_path)] == ["oai:x:1"]
