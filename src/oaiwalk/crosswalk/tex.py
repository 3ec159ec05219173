"""TeX in titles (arXiv and physics repositories) to plain Unicode text.

Only two well-delimited forms are converted, each on its own, so other backslashes and
braces stay exactly as written (``\\write18{…}`` is text, not a command to run):

* accent and letter macros: ``L\\'aszl\\'o`` → "László", ``\\c{c}`` → "ç", ``{\\ss}`` → "ß";
* math segments ``$…$``: ``$\\gamma$-ray`` → "γ-ray"; sub/superscript markers are dropped,
  since CSL titles are plain text (``La$_{1.875}$`` → "La1.875", ``$^{139}$La`` → "139La").

"$3.85 million", "100%" and "R&D" are not TeX and stay as they are.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

__all__ = ["has_tex", "tex_to_text"]

_ACCENT = re.compile(
    r"\{?\\(?:['\"`^~=.]\s*(?:\{[A-Za-z]\}|[A-Za-z])|[cvuHkr]\s*\{[A-Za-z]\}|"
    r"(?:ss|o|O|ae|AE|oe|OE|aa|AA|l|L|i|j)(?![A-Za-z]))\}?"
)
_MATH = re.compile(r"\$(?=[^$\d\s])([^$]+)\$")
_SUB_SUP = re.compile(r"[_^]\{([^{}]*)\}|[_^](\w)")


def has_tex(text: str) -> bool:
    """Return whether ``text`` holds an accent macro or a math segment."""
    return ("\\" in text and bool(_ACCENT.search(text))) or (
        "$" in text and bool(_MATH.search(text))
    )


@cache
def _converter():  # type: ignore[no-untyped-def]
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="text", strict_latex_spaces=True)


def _render(tex: str) -> str | None:
    try:
        out: str = _converter().latex_to_text(tex)
    except Exception:  # pylatexenc is lenient, but a title must never fail the record
        return None
    return out


def _accent(match: re.Match[str]) -> str:
    return _render(match.group(0)) or match.group(0)


def _math(match: re.Match[str]) -> str:
    body = _SUB_SUP.sub(
        lambda m: m.group(1) if m.group(1) is not None else m.group(2), match.group(1)
    )
    rendered = _render(f"${body}$")
    return rendered.strip() if rendered and rendered.strip() else match.group(0)


def tex_to_text(text: str) -> str:
    """Return ``text`` with TeX accent macros and math segments rendered as Unicode."""
    if not has_tex(text):  # most titles: checked without filling the cache with them
        return text
    return _render_tex(text)


@lru_cache(maxsize=4096)  # pylatexenc is slow; the same TeX title may come twice
def _render_tex(text: str) -> str:
    return _MATH.sub(_math, _ACCENT.sub(_accent, text))
