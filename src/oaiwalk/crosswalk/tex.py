"""TeX in titles (arXiv and physics repositories) to plain Unicode text.

``L\\'aszl\\'o`` becomes "László", ``$\\gamma$-ray`` becomes "γ-ray" and chemical or
isotope sub/superscripts lose their markers (``La$_{1.875}$`` → "La1.875",
``$^{139}$La`` → "139La"), since CSL titles are plain text. Only a title with a TeX
command or a math segment is touched; "$3.85 million", "100%" and "R&D" stay as they are.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

__all__ = ["has_tex", "tex_to_text"]

_TEX = re.compile(r"\\[A-Za-z'\"`^~=.]|\$[^$\d\s][^$]*\$")
_SUB_SUP = re.compile(r"[_^]\{([^{}]*)\}|[_^](\w)")


def has_tex(text: str) -> bool:
    """Return whether ``text`` holds a TeX command or a math segment."""
    return "\\" in text or "$" in text and bool(_TEX.search(text))


@cache
def _converter():  # type: ignore[no-untyped-def]
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="text", strict_latex_spaces=True)


@lru_cache(maxsize=4096)
def tex_to_text(text: str) -> str:
    """Return ``text`` with TeX accents, commands and simple math rendered as Unicode."""
    if not has_tex(text) or not _TEX.search(text):
        return text
    # Characters that are ordinary in a title but special to TeX stay literal.
    protected = re.sub(r"(?<!\\)([%&#])", r"\\\1", text)
    protected = _SUB_SUP.sub(
        lambda m: m.group(1) if m.group(1) is not None else m.group(2), protected
    )
    try:
        converted = _converter().latex_to_text(protected)
    except Exception:  # pylatexenc is lenient, but a title must never fail the record
        return text
    return " ".join(converted.split()) or text
