"""Lossless repair: only characters XML 1.0 forbids are removed, and each record says so."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from oaiwalk.harvest.repair import repair_control_characters

ILLEGAL = [c for c in range(32) if c not in (9, 10, 13)]


def page(*titles: str) -> bytes:
    records = "".join(f"<record><title>{t}</title></record>" for t in titles)
    return f'<?xml version="1.0" encoding="UTF-8"?><list>{records}</list>'.encode()


def test_raw_and_referenced_control_characters_are_removed_per_record() -> None:
    repair = repair_control_characters(page("ok", "a\x01b&#x1F;c", "d&#11;e\x0c"))
    assert repair is not None
    assert repair.removed == 4
    assert repair.per_record == (
        (),
        ("removed 2 illegal XML control characters (U+0001, U+001F)",),
        ("removed 2 illegal XML control characters (U+000B, U+000C)",),
    )
    titles = etree.fromstring(repair.data).xpath("//title/text()")
    assert titles == ["ok", "abc", "de"]


def test_allowed_whitespace_and_references_are_kept() -> None:
    assert repair_control_characters(page("tab\tnew\nline\r&#9;&#10;&#13;&#x7F;é")) is None


def test_utf16_pages_are_left_alone() -> None:
    data = page("a\x01b").decode().replace("UTF-8", "UTF-16").encode("utf-16")
    assert repair_control_characters(data) is None


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_characters="<&>\r"), max_size=40))
def test_repair_removes_exactly_the_illegal_characters(text: str) -> None:
    data = page(text)
    repair = repair_control_characters(data)
    expected = "".join(ch for ch in text if ord(ch) not in ILLEGAL)
    repaired = data if repair is None else repair.data
    title = etree.fromstring(repaired).findtext("record/title") or ""
    assert title == expected
    assert (repair is None) == (expected == text)
