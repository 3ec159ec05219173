"""Crosswalk accuracy on the hand-written gold set (``tests/gold``), read from the corpus."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import gold_accuracy  # noqa: E402

pytestmark = pytest.mark.corpus


def test_gold_set_spans_enough_records_and_platforms() -> None:
    entries = gold_accuracy.load_gold()
    assert len(entries) >= 150
    assert len({e["platform"] for e in entries}) >= 12


def test_every_gold_record_is_found(corpus_dir: Path) -> None:
    missing = [
        e["_where"]
        for e in gold_accuracy.load_gold()
        if gold_accuracy.convert_record(corpus_dir.parent, e) is None
    ]
    assert missing == []


def test_field_accuracy_meets_the_target(corpus_dir: Path) -> None:
    result = gold_accuracy.score(corpus_dir.parent)
    ok, total = result["total"]
    assert total > 0
    assert ok / total >= 0.98, "\n".join(result["misses"][:40])
