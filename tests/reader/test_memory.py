"""Streaming: reading a large file keeps memory flat (records are cleared as read)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

RECORD = (
    "<record><header><identifier>oai:big.example.org:{n}</identifier>"
    "<datestamp>2024-01-01</datestamp><setSpec>big</setSpec></header><metadata>"
    '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/">'
    "<dc:title>Record number {n} about tidal flats and salt marshes</dc:title>"
    "<dc:creator>Jansen, Anna</dc:creator><dc:creator>Smith, Bo</dc:creator>"
    "<dc:description>{padding}</dc:description><dc:date>2023-05-0{d}</dc:date>"
    "<dc:identifier>https://doi.org/10.1234/big.{n}</dc:identifier>"
    "</oai_dc:dc></metadata></record>\n"
)
PADDING = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 12

# Reads a file in a fresh interpreter, keeps nothing, prints count and peak RSS (KiB).
PROBE = """
import json, resource, sys
from oaiwalk.reader import read_source
count = sum(1 for _ in read_source(sys.argv[1]))
print(json.dumps([count, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss]))
"""


LAYOUTS = {
    # an OAI-PMH response: only records are watched
    "list-records": (
        '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords>\n',
        "</ListRecords></OAI-PMH>\n",
    ),
    # bare oai_dc:dc documents (header and metadata stripped) under a foreign root
    "bare-dc": ("<collection>\n", "</collection>\n"),
}


def _write_page(path: Path, records: int, layout: str = "list-records") -> None:
    start, end = LAYOUTS[layout]
    with path.open("w", encoding="utf-8") as out:
        out.write(start)
        for n in range(records):
            record = RECORD.format(n=n, d=n % 9 + 1, padding=PADDING)
            if layout == "bare-dc":
                record = record[record.index("<oai_dc:dc") : record.index("</metadata>")] + "\n"
            out.write(record)
        out.write(end)


def _peak_rss_kib(path: Path) -> tuple[int, int]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, check=True
    )
    count, peak = json.loads(done.stdout)
    return count, peak


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_memory_stays_flat_on_a_large_file(tmp_path: Path, layout: str) -> None:
    small, large = tmp_path / "small.xml", tmp_path / "large.xml"
    _write_page(small, 1_000, layout)
    _write_page(large, 50_000, layout)
    assert large.stat().st_size > 45 * 2**20

    small_count, small_peak = _peak_rss_kib(small)
    large_count, large_peak = _peak_rss_kib(large)

    assert (small_count, large_count) == (1_000, 50_000)
    # 49,000 more records (> 48 MiB more XML) may cost at most 16 MiB more memory;
    # an uncleared tree would take several times the file size.
    assert large_peak - small_peak < 16 * 1024
