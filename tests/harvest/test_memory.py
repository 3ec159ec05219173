"""Harvest-and-convert without a store streams: memory does not grow with the pages."""

from __future__ import annotations

import tracemalloc

from .conftest import harvest


def peak_memory(serve, tmp_path, capsys, pages: int) -> int:
    server = serve(count=pages * 10, page_size=10)
    out = tmp_path / f"out-{pages}.jsonl"
    tracemalloc.start()
    try:
        code, _, err = harvest(capsys, server.url, "--to", "csl-jsonl", "-o", str(out))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert code == 0, err
    assert out.read_text(encoding="utf-8").count("\n") == pages * 10
    return peak


def test_streaming_memory_does_not_grow_with_the_number_of_pages(serve, tmp_path, capsys) -> None:
    peak_memory(serve, tmp_path, capsys, 3)  # warm up: imports, caches, the writer
    small = peak_memory(serve, tmp_path, capsys, 6)
    large = peak_memory(serve, tmp_path, capsys, 60)
    assert large < small * 1.5 + (512 << 10), (small, large)  # ten times the pages
