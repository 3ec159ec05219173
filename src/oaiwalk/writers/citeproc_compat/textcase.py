"""CSL ``text-case="title"`` as citeproc-js applies it.

citeproc-py capitalised only space-separated words, lower-cased nothing it did not
know and used a short stop-word list. citeproc-js (``CSL.Output.Formatters.title``)
capitalises every all-lower-case word of two or more letters that is not a stop word
(``CSL.SKIP_WORDS``), the first word, a word after ":", "?" or "!", and the word
before a hyphen; hyphenated parts count as words ("Liver-Derived"); a word that
already has a capital letter is left alone, as is ``nocase`` text.
Offered upstream as: "title case like citeproc-js".
"""

from __future__ import annotations

import re
from typing import Any

from citeproc.string import MixedString, NoCase, String

__all__ = ["SKIP_WORDS", "title_case"]

SKIP_WORDS = frozenset(
    """about above across afore after against al along alongside amid amidst among amongst
    anenst apropos apud around as aside astride at athwart atop barring before behind below
    beneath beside besides between beyond but by circa despite down during et except for
    forenenst from given in inside into lest like modulo near next notwithstanding of off on
    onto out over per plus pro qua sans since than through thru throughout thruout till to
    toward towards under underneath until unto up upon versus vs. v. vs v via vis-à-vis with
    within without or yet so and nor a an the de d' von van c ca""".split()
)
_SPLIT = re.compile(r"([\s\u00a0\u2000-\u200b\u205f\u3000]+|-)")
_FIRST_LETTER = re.compile(r"[^\W\d_]")


def _capitalise(word: str) -> str:
    """Upper-case the first character (after formatting marks), as citeproc-js does."""
    i = 0
    while i < len(word) and "\ue000" <= word[i] <= "\ue0ef":
        i += 1
    return word[:i] + word[i : i + 1].upper() + word[i + 1 :]


class _State:
    def __init__(self) -> None:
        self.is_first = True
        self.after_punct = False


def _title_piece(text: str, state: _State) -> str:
    tokens = _SPLIT.split(text)
    for j in range(0, len(tokens), 2):
        word = tokens[j]
        if not word:
            continue
        following = tokens[j + 1] if j + 1 < len(tokens) else ""
        lower = word.lower()
        bare = lower.strip("\ue000-\ue0ff.,;:!?()[]\"'\u2018\u2019\u201c\u201d")
        visible = _FIRST_LETTER.search(word) is not None
        capitalise = (
            (len(bare) > 1 and bare not in SKIP_WORDS)
            or (following == "-" and len(bare) > 1)
            or state.is_first
            or state.after_punct
        )
        if capitalise and word == lower:
            tokens[j] = _capitalise(word)
        if visible:
            state.is_first = False
            state.after_punct = word.rstrip("\ue000-\ue0ff")[-1:] in (":", "?", "!")
    return "".join(tokens)


def title_case(text: Any) -> Any:
    """Return ``text`` (a citeproc-py String or MixedString) in title case."""
    state = _State()
    if isinstance(text, MixedString):
        return MixedString(
            piece if isinstance(piece, NoCase) else type(piece)(_title_piece(str(piece), state))
            for piece in text
        )
    if isinstance(text, NoCase):
        return text
    return String(_title_piece(str(text), state))
