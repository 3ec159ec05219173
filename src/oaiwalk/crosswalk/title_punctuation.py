"""Drop the catalogue punctuation that closes a title; keep the title's own.

``crosswalks/titles.toml`` says when a final dot is catalogue punctuation ("... in
Nederland .", "Title. Subtitle.") and lists the abbreviations whose dot stays.
"""

from __future__ import annotations

import re
from functools import cache

from oaiwalk.crosswalk.tables import load_table

__all__ = ["strip_stray_period"]

# A sentence ends inside the title: a word of 3+ letters, then ". ", "? " or "! " and a
# capital ("Dorstige aarde. Het probleem", "Een flexibele arbeidsmarkt? Over ...").
_SENTENCE_ENDS = (". ", "? ", "! ")
_WORD_MIN = 3
_PLAIN_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_YEAR = re.compile(r"\d{4}")
_CLOSERS = ")]\"'”’»"


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(w.casefold() for w in load_table("titles")["abbreviations"]["words"])


def strip_stray_period(title: str) -> str:
    """Return ``title`` without a final dot that is catalogue punctuation.

    " ." and "?."/"!." always lose the dot; a title of several sentences loses a final
    dot after a plain word (not an abbreviation), a year or a closing bracket or quote.
    """
    if not title.endswith(".") or title.endswith(".."):  # most titles; "..." is an ellipsis
        return title
    before = title[-2:-1]
    if before.isspace() or before in "?!":
        return title[:-1].rstrip()
    if not _is_several_sentences(title):
        return title
    word = title[:-1].rsplit(None, 1)[-1]
    is_plain = (
        _PLAIN_WORD.fullmatch(word) is not None
        and not word.isupper()  # an acronym or roman numeral: "Act II."
        and len(word) > 1
        and word.casefold() not in _abbreviations()
    )
    if is_plain or _YEAR.fullmatch(word) or (word[-1:] in _CLOSERS):
        return title[:-1]
    return title


def _is_several_sentences(title: str) -> bool:
    """Return True when a sentence ends inside the title and it holds no abbreviation.

    A one-letter abbreviation inside ("u.", "J.", "S.F.") marks an abbreviated
    catalogue title, whose dots are not sentence ends.
    """
    body = title[:-1]
    if ". " not in body and "? " not in body and "! " not in body:  # one sentence
        return False
    for word in body.split():
        word = word.lstrip("([")
        if len(word) > 1 and word[1] == "." and word[0].isalpha():
            return False
    abbreviations = _abbreviations()
    found = False
    for end in _SENTENCE_ENDS:
        at = body.find(end)
        while at != -1:
            start = at
            while start and body[start - 1].isalpha():
                start -= 1
            if at - start >= _WORD_MIN and body[at + 2 : at + 3].isupper():
                if body[start:at].casefold() in abbreviations:
                    return False
                found = True
            at = body.find(end, at + 1)
    return found
