"""``oaiwalk convert`` driven in-process: stdout, the stderr summary and exit codes."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from oaiwalk.cli import main

from ..conftest import FIXTURES

ARTICLE = FIXTURES / "dspace-journal-article.xml"
EVIL = FIXTURES / "injection-in-values.xml"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_convert_to_csl_json_on_stdout_with_summary_on_stderr(capsys) -> None:
    code, out, err = run(["convert", str(ARTICLE), "--to", "csl-json"], capsys)
    assert code == 0
    items = json.loads(out)
    assert [i["id"] for i in items] == ["oai:repo.example.org:123/456"]
    assert err.strip() == "oaiwalk: csl-json: 1 converted, 0 deleted, 0 rejected"


def test_deleted_records_are_counted_not_converted(capsys) -> None:
    code, out, err = run(["convert", str(EVIL), "--to", "csl-json"], capsys)
    assert code == 0
    assert len(json.loads(out)) == 1
    assert "1 converted, 1 deleted, 0 rejected" in err


def test_quiet_prints_nothing_on_success(capsys) -> None:
    code, out, err = run(["-q", "convert", str(ARTICLE), "--to", "ris"], capsys)
    assert code == 0 and err == "" and out.startswith("TY  - ")


def test_output_file_and_format_from_extension(tmp_path: Path, capsys) -> None:
    target = tmp_path / "out.ris"
    code, out, err = run(["convert", str(ARTICLE), "-o", str(target)], capsys)
    assert code == 0 and out == ""
    assert target.read_text(encoding="utf-8").startswith("TY  - ")
    assert err.strip().endswith(f"-> {target}")


def test_stdin_gzip_directory_and_several_files(tmp_path: Path, capsys, monkeypatch) -> None:
    gz = tmp_path / "in" / "a.xml.gz"
    gz.parent.mkdir()
    gz.write_bytes(gzip.compress(ARTICLE.read_bytes()))
    (tmp_path / "in" / "b.xml").write_bytes(EVIL.read_bytes())
    code, out, _ = run(["convert", str(tmp_path / "in"), "--to", "csl-json"], capsys)
    assert code == 0 and len(json.loads(out)) == 2
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.read_bytes())))
    code, out, _ = run(["convert", "-", "--to", "csl-json"], capsys)
    assert code == 0 and len(json.loads(out)) == 1


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["convert", "x.xml", "--to", "nope"], 2, "oaiwalk: unknown format 'nope'"),
        (["convert", "x.xml"], 2, "oaiwalk: no output format: give --to FORMAT"),
        (["convert", "missing.xml", "--to", "ris"], 3, "oaiwalk: missing.xml"),
        (
            ["convert", str(ARTICLE), "--to", "ris", "--style", "apa"],
            2,
            "oaiwalk: option --style does not apply to format 'ris'",
        ),
        (["convert"], 2, "oaiwalk convert: the following arguments are required"),
    ],
)
def test_errors_are_one_line_with_the_documented_exit_code(argv, code, message, capsys) -> None:
    got, out, err = run(argv, capsys)
    assert got == code
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert err.startswith(message)
    assert "Traceback" not in err


def test_not_xml_and_doctype_are_refused_with_exit_3(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("this is not xml", encoding="utf-8")
    code, out, err = run(["convert", str(bad), "--to", "ris"], capsys)
    assert (code, out) == (3, "") and err.startswith(f"oaiwalk: {bad}")
    dtd = tmp_path / "dtd.xml"
    dtd.write_text('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', encoding="utf-8")
    code, out, err = run(["convert", str(dtd), "--to", "ris"], capsys)
    assert (code, out) == (3, "") and "DOCTYPE refused" in err


def test_oai_error_response_exits_4_with_the_code(tmp_path: Path, capsys) -> None:
    err_file = tmp_path / "error.xml"
    err_file.write_text(
        '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2026-01-01'
        '</responseDate><request verb="GetRecord">https://x.example/oai</request>'
        '<error code="idDoesNotExist">No such record</error></OAI-PMH>',
        encoding="utf-8",
    )
    code, out, err = run(["convert", str(err_file), "--to", "ris"], capsys)
    assert code == 4 and out == ""
    assert "idDoesNotExist" in err and len(err.strip().splitlines()) == 1


def test_one_bad_file_does_not_sink_the_others(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("<not closed", encoding="utf-8")
    code, out, err = run(["convert", str(ARTICLE), str(bad), "--to", "csl-json"], capsys)
    assert code == 3
    assert len(json.loads(out)) == 1
    assert f"oaiwalk: {bad}" in err


def test_report_lists_values_the_format_did_not_carry(tmp_path: Path, capsys) -> None:
    report = tmp_path / "losses.jsonl"
    code, _, err = run(["convert", str(ARTICLE), "--to", "ris", "--report", str(report)], capsys)
    assert code == 0
    lines = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert lines and lines[0]["identifier"] == "oai:repo.example.org:123/456"
    assert all({"element", "text", "reason"} <= set(x) for x in lines[0]["losses"])
    code, _, err = run(["convert", str(ARTICLE), "--to", "ris", "--strict"], capsys)
    assert code == 1 and "--strict" in err


def test_formats_lists_every_builtin_writer(capsys) -> None:
    code, out, _ = run(["formats"], capsys)
    names = {line.split()[0] for line in out.splitlines()}
    assert code == 0
    assert {
        "bibtex",
        "biblatex",
        "csl-json",
        "ris",
        "turtle",
        "ntriples",
        "jsonld",
        "rdfxml",
        "citation",
    } <= names


@pytest.mark.parametrize("to", ["ris", "csl-json"])
def test_jobs_write_the_same_file_as_one_process(tmp_path: Path, to: str, capsys) -> None:
    inputs = [str(p) for p in sorted(FIXTURES.glob("*.xml"))] * 20
    one, two = tmp_path / "one.out", tmp_path / "two.out"
    code1, _, err1 = run(["convert", *inputs, "--to", to, "-o", str(one)], capsys)
    code2, _, err2 = run(["convert", *inputs, "--to", to, "--jobs", "2", "-o", str(two)], capsys)
    assert code1 == code2
    assert two.read_bytes() == one.read_bytes()
    assert err2.replace(str(two), "") == err1.replace(str(one), "")


def test_jobs_with_an_unreadable_only_input_write_no_file(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("<unclosed", encoding="utf-8")
    target = tmp_path / "out.ris"
    code, out, err = run(["convert", str(bad), "--jobs", "2", "-o", str(target)], capsys)
    assert code == 3 and not target.exists() and out == ""
    assert len(err.strip().splitlines()) == 1
