"""Crosswalk step: text (placeholder until its owner lands the real step)."""

from __future__ import annotations

from oaiwalk.model import DcRecord, Record


def apply(dc: DcRecord, record: Record) -> Record:
    """Return the record unchanged (placeholder)."""
    return record
