"""Repair mojibake: UTF-8 text that was decoded as Latin-1 or Windows-1252 upstream.

"promociÃ³n" is "promoción" whose two UTF-8 bytes were read as two characters. A cheap
screen passes clean values (the vast majority) untouched: ASCII text cannot hold
mojibake, and other text needs a character of a UTF-8 lead byte (Â…ô) followed by one of
a continuation byte (U+0080–U+00BF or its Windows-1252 reading, "€" … "Ÿ"). Only then
does ftfy, the field's standard tool, decide, with its encoding fixes alone enabled, so
Czech "obtížím", Vietnamese or Portuguese "SÃO PAULO" stay as written.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from oaiwalk.model import DcRecord

if TYPE_CHECKING:
    from ftfy import TextFixerConfig

__all__ = ["describe_repair", "repair_mojibake", "repair_note", "repair_record"]

# Windows-1252 characters of the bytes 0x80-0x9F (its undefined bytes stay C1 controls).
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_SUSPECT = re.compile(f"[\u00c2-\u00f4][\u0080-\u00bf{_CP1252_HIGH}]")
# Text read wrongly twice shows the first reading's own lead bytes again: "Ã", "Â", "Å",
# "â" ("ÃƒÂ©" is "Ã©" is "é"); only these justify a second round of decoding.
_SUSPECT_AGAIN = re.compile(f"[ÂÃÄÅÆÇÈÉÊËÐÑâ][\u0080-\u00bf{_CP1252_HIGH}]")


def _is_evidence(text: str, match: re.Match[str]) -> bool:
    """Return False for "Ã" + no-break space after a capital: Portuguese "IRMÃ" + NBSP."""
    start = match.start()
    return not (match.group() == "Ã\u00a0" and start and text[start - 1].isupper())


def repair_mojibake(text: str) -> str:
    """Return ``text`` with UTF-8-read-as-Latin-1/Windows-1252 sequences decoded.

    Text without such a sequence, or that ftfy does not judge to be mojibake, is
    returned as it is (the same object).
    """
    if text.isascii() or not _has_evidence(text):
        return text
    return _repair(text)


def _has_evidence(text: str) -> bool:
    first = _SUSPECT.search(text)  # one C-level scan: clean accented text stops here
    if first is None:
        return False
    return _is_evidence(text, first) or any(
        _is_evidence(text, m) for m in _SUSPECT.finditer(text, first.end())
    )


@lru_cache(maxsize=1024)  # values repeat (a creator on every record of a harvest)
def _repair(text: str) -> str:
    """Apply ftfy's plan one decoding round at a time, while the text still shows mojibake.

    Text read wrongly twice ("ÃƒÂ©") needs two rounds; a second round is only taken when
    the first left mojibake evidence, so correct text after a repair is not decoded again.
    """
    import ftfy

    plan = [
        (op, arg) for op, arg in ftfy.fix_encoding_and_explain(text, _config()).explanation or []
    ]
    start = 0
    for end, (operation, _) in enumerate(plan, 1):
        if operation not in ("decode", "apply"):
            continue
        if start and not _SUSPECT_AGAIN.search(text):
            break
        text = ftfy.apply_plan(text, plan[start:end])
        start = end
    return text


@cache
def _config() -> TextFixerConfig:
    """Only ftfy's encoding repairs: no quote uncurling, no HTML, no normalisation."""
    from ftfy import TextFixerConfig

    return TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=True,  # "Ã" + space is "à" whose 0xA0 byte became a space
        replace_lossy_sequences=False,  # a lost byte is not repaired by a "�"
        decode_inconsistent_utf8=True,  # mojibake beside correct text: "Müller, LÃ³pez"
        fix_c1_controls=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,
        explain=True,
    )


def describe_repair(before: str, after: str) -> str:
    """Return the first repaired word and how many words changed: '"LÃ³pez" -> "López"'."""
    changed = [(a, b) for a, b in zip(before.split(), after.split(), strict=False) if a != b]
    if not changed:
        return f'"{before}" -> "{after}"'
    first, repaired = changed[0]
    more = f" and {len(changed) - 1} more" if len(changed) > 1 else ""
    return f'"{first}" -> "{repaired}"{more}'


def repair_note(element: str, index: int, before: str, after: str) -> str:
    """Return the provenance note for one repaired DC value."""
    return (
        f"{element}[{index}]: mojibake repaired (UTF-8 read as Latin-1/Windows-1252):"
        f" {describe_repair(before, after)}"
    )


def repair_record(dc: DcRecord) -> DcRecord:
    """Return ``dc`` with every value's mojibake repaired and noted in ``repairs``.

    For a caller that repairs a record before any crosswalk step reads it, so that the
    steps reading values raw (containers, types) see the repair too; ``dc`` itself is
    returned when nothing needed repair (nearly always).
    """
    values = list(dc.values)
    notes = []
    for index, value in enumerate(dc.values):
        if value.text.isascii():
            continue
        repaired = repair_mojibake(value.text)
        if repaired != value.text:
            values[index] = replace(value, text=repaired)
            notes.append(repair_note(value.element, index, value.text, repaired))
    if not notes:
        return dc
    return replace(dc, values=tuple(values), repairs=(*dc.repairs, *notes))
