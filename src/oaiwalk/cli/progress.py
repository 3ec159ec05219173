"""A progress line on stderr for long runs, shown only on a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Count records and redraw one status line at most a few times a second."""

    def __init__(self, label: str = "records", stream: TextIO | None = None, enabled: bool = True):
        self.stream = stream or sys.stderr
        self.enabled = enabled and self.stream.isatty()
        self.label = label
        self.count = 0
        self._start = time.monotonic()
        self._last = 0.0

    def update(self, step: int = 1, extra: str = "") -> None:
        """Add ``step`` to the count and redraw when due."""
        self.count += step
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last >= 0.2:
            self._last = now
            rate = self.count / max(now - self._start, 1e-9)
            tail = f" {extra}" if extra else ""
            self.stream.write(f"\r{self.count:,} {self.label} ({rate:,.0f}/s){tail}\x1b[K")
            self.stream.flush()

    def close(self) -> None:
        """Erase the status line."""
        if self.enabled and self.count:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
