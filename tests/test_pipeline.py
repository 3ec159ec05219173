"""The pipeline loop: counts, rejections and the on_record hook, with a stub crosswalk."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from oaiwalk import pipeline
from oaiwalk.errors import RecordError
from oaiwalk.model import DcRecord, Record
from oaiwalk.pipeline import Rejection, RunReport, accept, interpret, iter_records

LISTRECORDS = str(Path(__file__).resolve().parent / "fixtures" / "xml" / "listrecords.xml")


def _crosswalk(dc: DcRecord) -> Record:
    """Convert record 1, refuse record 3 (the second live one); record 2 is deleted."""
    if dc.position == 3:
        raise RecordError("no title", dc.header.identifier)
    return Record(id=dc.header.identifier or "")


def test_counts_rejections_and_hook(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "crosswalk", _crosswalk)
    report = RunReport()
    seen: list[Record] = []
    records = list(iter_records([LISTRECORDS], report, on_record=seen.append))
    assert [r.id for r in records] == ["oai:repo.example.org:1"]
    assert seen == records
    assert report.as_dict() == {"read": 3, "converted": 1, "deleted": 1, "rejected": 1}
    assert report.rejected == [
        Rejection(LISTRECORDS, 3, "oai:repo.example.org:3", "no title"),
    ]


def test_a_crosswalk_bug_is_logged_and_rejected(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(dc: DcRecord) -> Record:
        raise ValueError("bad\nvalue")

    monkeypatch.setattr(pipeline, "crosswalk", broken)
    report = RunReport()
    with caplog.at_level(logging.ERROR, logger="oaiwalk.pipeline"):
        assert list(iter_records([LISTRECORDS], report)) == []
    reason = "internal error while interpreting the record: ValueError: bad value"
    assert [r.reason for r in report.rejected] == [reason, reason]
    assert len(caplog.records) == 2 and caplog.records[0].exc_info is not None


def test_interpret_and_accept_agree_with_the_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "crosswalk", _crosswalk)
    report = RunReport()
    for dc in pipeline.iter_live_dc([LISTRECORDS], report):
        accept(dc, interpret(dc), report)
    looped = RunReport()
    list(iter_records([LISTRECORDS], looped))
    assert report == looped
