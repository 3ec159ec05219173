"""Former home of the identifier rows' screens, now in ``regex_screens`` (kept for imports)."""

from __future__ import annotations

from oaiwalk.crosswalk.regex_screens import Screen, screen_of

__all__ = ["Screen", "screen_of"]
