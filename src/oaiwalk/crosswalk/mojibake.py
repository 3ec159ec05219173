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
from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ftfy import TextFixerConfig

__all__ = ["describe_repair", "repair_mojibake"]

# Windows-1252 characters of the bytes 0x80-0x9F (its undefined bytes stay C1 controls).
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_SUSPECT = re.compile(f"[\u00c2-\u00f4][\u0080-\u00bf{_CP1252_HIGH}]")


def _is_evidence(text: str, match: re.Match[str]) -> bool:
    """Return False for "Ã" + no-break space after a capital: Portuguese "IRMÃ" + NBSP."""
    start = match.start()
    return not (match.group() == "Ã\u00a0" and start and text[start - 1].isupper())


def repair_mojibake(text: str) -> str:
    """Return ``text`` with UTF-8-read-as-Latin-1/Windows-1252 sequences decoded.

    Text without such a sequence, or that ftfy does not judge to be mojibake, is
    returned as it is (the same object).
    """
    if text.isascii():
        return text
    first = _SUSPECT.search(text)  # one C-level scan: clean accented text stops here
    if first is None:
        return text
    if not _is_evidence(text, first) and not any(
        _is_evidence(text, m) for m in _SUSPECT.finditer(text, first.end())
    ):
        return text
    return _repair(text)


@lru_cache(maxsize=1024)  # values repeat (a creator on every record of a harvest)
def _repair(text: str) -> str:
    import ftfy

    fixed: str = ftfy.fix_encoding_and_explain(text, _config()).text
    return fixed


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
