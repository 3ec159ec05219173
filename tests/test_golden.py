"""Golden tests: every fixture through every registered writer, compared byte for byte.

``tests/fixtures/<case>.xml`` gives ``tests/golden/<writer>/<case><extension>``. A missing
golden fails and says how to make it; ``--update-golden`` rewrites goldens and reports
those tests as skipped, so such a run never looks green.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from oaiwalk.pipeline import iter_records, write_records
from oaiwalk.registry import Registry

from .conftest import FIXTURES, GOLDEN

CASES = sorted(FIXTURES.glob("*.xml"))
WRITER_NAMES = Registry.from_entry_points().names()


def _render(case: Path, writer_name: str) -> str:
    writer = Registry.from_entry_points().get(writer_name)
    out = io.StringIO()
    write_records(iter_records([case]), writer, out)
    return out.getvalue()


def _golden_path(case: Path, writer_name: str) -> Path:
    writer = Registry.from_entry_points().get(writer_name)
    return GOLDEN / writer.name / f"{case.stem}{writer.extension or '.txt'}"


@pytest.mark.parametrize("writer_name", WRITER_NAMES)
@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden(case: Path, writer_name: str, update_golden: bool) -> None:
    actual = _render(case, writer_name)
    golden = _golden_path(case, writer_name)
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8", newline="")
        pytest.skip(f"golden rewritten: {golden.relative_to(GOLDEN.parent.parent)}")
    if not golden.exists():
        pytest.fail(
            f"no golden file {golden.relative_to(GOLDEN.parent.parent)}: run "
            "`python -m pytest tests/test_golden.py --update-golden`, read the diff, commit"
        )
    assert actual == golden.read_bytes().decode("utf-8")  # exact bytes: RIS lines end in CRLF


@pytest.mark.parametrize("writer_name", WRITER_NAMES)
def test_output_is_deterministic(writer_name: str) -> None:
    for case in CASES:
        assert _render(case, writer_name) == _render(case, writer_name)
