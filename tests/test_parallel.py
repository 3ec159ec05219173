"""``--jobs`` and Dask give exactly the bytes of a single-process run, in input order."""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

import pytest

import oaiwalk
from oaiwalk import parallel
from oaiwalk.model import Record
from oaiwalk.pipeline import RunReport, iter_records, write_records
from oaiwalk.registry import Writer, default_registry

from .conftest import FIXTURES

CASES = sorted(FIXTURES.glob("*.xml"))


def _single(sources: list[Path], to: str) -> tuple[str, RunReport]:
    report = RunReport()
    out = io.StringIO()
    write_records(iter_records(sources, report), default_registry().get(to), out)
    return out.getvalue(), report


def _jobs(sources: list[Path], to: str, jobs: int) -> tuple[str, RunReport]:
    report = RunReport()
    out = io.StringIO()
    records = parallel.iter_records(sources, report, jobs=jobs)
    write_records(records, default_registry().get(to), out)
    return out.getvalue(), report


@pytest.mark.parametrize("to", ["csl-json", "ris", "bibtex"])
def test_jobs_output_equals_single_process_output(to: str) -> None:
    # The fixtures repeated so that several batches are in flight at once.
    sources = CASES * 200
    single, single_report = _single(sources, to)
    multi, multi_report = _jobs(sources, to, jobs=2)
    assert multi == single
    assert multi_report.as_dict() == single_report.as_dict()


# Every built-in renders in the workers (concatenated, framed, or BibTeX's assembly);
# a numbering citation style and a locale other than en-US are written from Records.
FORMATS = [(name, {}) for name in default_registry().names() if name != "citation"] + [
    ("citation", {}),
    ("citation", {"html": True}),
    ("citation", {"style": "ieee"}),
    ("turtle", {"profile": "schema"}),
    ("biblatex", {"ascii": True}),
]


@pytest.mark.parametrize(("to", "options"), FORMATS, ids=lambda v: str(v or ""))
def test_convert_with_jobs_gives_the_single_process_bytes_report_and_losses(
    to: str, options: dict[str, object]
) -> None:
    sources = CASES * 60  # several batches of parallel.BATCH_SIZE in flight
    writer = default_registry().get(to)
    single_report = RunReport()
    single = io.StringIO()
    records = iter_records(sources, single_report)
    write_records(records, writer, single, single_report, collect_losses=True, **options)
    report = RunReport()
    out = io.StringIO()
    progress: list[int] = []
    parallel.convert(
        sources,
        writer,
        out,
        report,
        jobs=2,
        collect_losses=True,
        on_records=progress.append,
        **options,
    )
    assert out.getvalue() == single.getvalue()
    assert report.as_dict() == single_report.as_dict()
    assert report.losses == single_report.losses and report.has_losses
    assert report.rejected == single_report.rejected
    assert sum(progress) == report.converted


def test_convert_with_jobs_raises_before_writing_when_the_only_input_is_unreadable(
    tmp_path: Path,
) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("<unclosed", encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(oaiwalk.InputError):
        parallel.convert([bad], default_registry().get("ris"), out, RunReport(), jobs=2)
    assert out.getvalue() == ""


def _write_ids(records: Iterable[Record], out: TextIO) -> None:
    out.write("".join(f"{record.id}\n" for record in records))


def test_a_writer_that_declares_no_framing_is_written_from_records() -> None:
    # A third-party writer that knows nothing of frames keeps working with --jobs.
    writer = Writer(name="ids", write=_write_ids)
    sources = CASES * 60
    out = io.StringIO()
    report = RunReport()
    parallel.convert(sources, writer, out, report, jobs=2)
    assert out.getvalue() == "".join(f"{r.id}\n" for r in oaiwalk.read(sources))
    assert report.converted == len(out.getvalue().splitlines())


def test_jobs_keep_going_past_a_bad_source(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("<unclosed", encoding="utf-8")
    report = RunReport()
    records = list(parallel.iter_records([CASES[0], bad, CASES[1]], report, jobs=2))
    assert len(report.failed_sources) == 1
    assert len(records) == report.converted > 0


def test_dask_local_cluster_output_equals_single_process_output(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    import oaiwalk.dask as oaiwalk_dask

    single = oaiwalk.convert(CASES, to="csl-json")
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        report = RunReport()
        text = oaiwalk_dask.convert(CASES, to="csl-json", client=client, report=report)
        assert text == single
        assert report.converted == len(list(oaiwalk.read(CASES)))
        shards = oaiwalk_dask.convert(CASES, to="ris", client=client, shard_dir=tmp_path)
        assert isinstance(shards, list) and len(shards) == len(CASES)
        joined = "".join(Path(s).read_bytes().decode("utf-8") for s in shards)
        assert joined == oaiwalk.convert(CASES, to="ris")
        # BibTeX renders in the workers (keys chosen by the client); ieee comes back as Records
        for to, options in (("bibtex", {}), ("citation", {"style": "ieee"})):
            text = oaiwalk_dask.convert(CASES * 2, to=to, client=client, **options)
            assert text == oaiwalk.convert(CASES * 2, to=to, **options), to
