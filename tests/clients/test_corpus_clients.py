"""Every writer over every corpus record, read back by every real client (tools/clients/)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tools.clients import ClientCheck, all_checks
from tools.validate_corpus import CorpusLoad, format_table, load_corpus, run_check

from oaiwalk.registry import Registry

pytestmark = [pytest.mark.corpus, pytest.mark.clients]

CHECKS = all_checks()


#: Records per corpus file the suite sends to every client (0 = all). The full run over
#: all 3,805 records is `python tools/validate_corpus.py` (about 25 minutes, mostly
#: citeproc rendering); the suite samples each file's first records to stay fast in CI.
PER_FILE = int(os.environ.get("OAIWALK_CORPUS_PER_FILE", "25"))


@pytest.fixture(scope="module")
def corpus_load(corpus_dir: Path) -> CorpusLoad:
    return load_corpus(corpus_dir, per_file=PER_FILE or None)


def test_every_corpus_file_is_read_or_rejected_with_a_clear_error(corpus_load) -> None:
    assert corpus_load.crashed == []
    assert corpus_load.records, "the corpus gave no records at all"
    assert all(message.strip() and "\n" not in message for _, message in corpus_load.rejected)


@pytest.mark.parametrize("check", CHECKS, ids=[f"{c.format}-{c.label}" for c in CHECKS])
def test_client_reads_every_record(check: ClientCheck, corpus_load: CorpusLoad) -> None:
    row = run_check(Registry.from_entry_points(), check, corpus_load)
    if row.skipped:
        pytest.skip(row.skipped)
    assert row.total == len(corpus_load.records)
    assert row.passed == row.total, format_table([row], corpus_load, failures=10)
