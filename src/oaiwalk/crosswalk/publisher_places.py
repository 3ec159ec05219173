"""Tell a publisher's name from the place or address written after it.

"IEEE Computer Society Press, Los Alamitos, California" is the publisher "IEEE Computer
Society Press" in "Los Alamitos, California". The comma-separated parts are read from
the end against ``crosswalks/publishers.toml`` (places, postcodes, street words, and the
organisation words that make a part a name); its header says when a part is cut off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from oaiwalk.crosswalk.tables import load_table

__all__ = ["is_place", "split_trailing_place"]

_URL_TAIL = re.compile(r"\s*[;,]?\s*\(?(?:https?://|www\.)\S*\)?\s*$", re.I)
_WORD = re.compile(r"[^\W_]+(?:[.'’-][^\W_]+)*\.?")
_PARTICLES = frozenset(
    "de la del der den di do da dos das du des le les am an im op aan upon on sur en bei zu".split()
)
# "University of California, Berkeley" names a campus, not a place of publication.
_CAMPUS = re.compile(
    r"^(?:the\s+)?(?:state\s+)?universit(?:y|ies|é|à|ät|eit|ad|ade)\s+"
    r"(?:of\s+|de\s+|di\s+|van\s+|do\s+|da\s+)?[^\s,]+(?:\s[^\s,]+)?$",
    re.I,
)
_CITY_WORDS_MAX = 4


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    names: dict[str, str]  # case-folded name -> kind
    codes: dict[str, str]  # "CA", "UK": exact spelling -> kind
    organisation: frozenset[str]
    street_words: frozenset[str]
    street_suffixes: tuple[str, ...]
    postcodes: tuple[re.Pattern[str], ...]


@cache
def _gazetteer() -> _Gazetteer:
    table: dict[str, Any] = load_table("publishers")
    names: dict[str, str] = {}
    codes: dict[str, str] = {}
    for row in table["place"]:
        for match in row["match"]:
            if len(match) <= 3 and match.isupper():
                codes[match] = row["kind"]
            else:
                names[match.casefold()] = row["kind"]
    return _Gazetteer(
        names=names,
        codes=codes,
        organisation=frozenset(table["organisation"]["words"]),
        street_words=frozenset(table["street"]["words"]),
        street_suffixes=tuple(table["street"]["suffixes"]),
        postcodes=tuple(re.compile(row["pattern"]) for row in table["postcode"]),
    )


def _place_kind(text: str) -> str | None:
    """Return the kind of a place the table names ("city", "region", "country"), if any."""
    gazetteer = _gazetteer()
    kind = gazetteer.codes.get(text) or gazetteer.names.get(text.casefold())
    if kind is None and text.endswith(".") and len(text) > 4:  # "Nederland." (not "Ala.")
        kind = gazetteer.names.get(text[:-1].casefold())
    if kind is None and ("/" in text or " " in text):
        kind = _several_places(text)
    return kind


def _several_places(text: str) -> str | None:
    """Return "city" for places written together: "Berlin/Heidelberg", "Berlin Heidelberg"."""
    names = _gazetteer().names
    parts = [p for p in re.split(r"\s*/\s*|\s+(?:&|and|und|et|y)\s+", text) if p]
    if len(parts) > 1:
        return "city" if all(p.casefold() in names for p in parts) else None
    words, start, found = text.split(), 0, 0
    while start < len(words):
        for width in (3, 2, 1):
            if " ".join(words[start : start + width]).casefold() in names:
                start, found = start + width, found + 1
                break
        else:
            return None
    return "city" if found > 1 else None


def is_place(text: str) -> bool:
    """Return True when every comma-separated part of ``text`` is a place the table names."""
    parts = [p.strip() for p in text.split(",")]
    return all(p and _place_kind(p) for p in parts)


def _words(text: str) -> list[str]:
    return [w.casefold().rstrip(".") for w in _WORD.findall(text)]


def _is_organisation(text: str) -> bool:
    organisation = _gazetteer().organisation
    return any(w in organisation for w in _words(text))


def _is_street(text: str) -> bool:
    """Return True for a street address or post box: a number and a street word."""
    if not any(c.isdigit() for c in text):
        return False
    gazetteer = _gazetteer()
    words = _words(text)
    return any(w in gazetteer.street_words for w in words) or any(
        w.endswith(gazetteer.street_suffixes) for w in words
    )


def _looks_like_city(text: str) -> bool:
    """Return True for 1-4 capitalised words without digits: an unknown town's name."""
    words = text.split()
    if not words or len(words) > _CITY_WORDS_MAX or any(c.isdigit() for c in text):
        return False
    return (
        all(w[:1].isupper() or w.casefold() in _PARTICLES for w in words) and words[0][:1].isupper()
    )


def _read_part(part: str, right_kind: str | None) -> tuple[str, str | None, bool] | None:
    """Return (kind, place text or None, is_strong_evidence) for one trailing part."""
    kind = _place_kind(part)
    if kind is not None:
        return kind, part, True
    for pattern in _gazetteer().postcodes:
        match = pattern.fullmatch(part)
        if match is None:
            continue
        place = match["place"].strip()
        place_kind = _place_kind(place)
        if place_kind is not None or _looks_like_city(place):
            return place_kind or "city", place, True
    if _is_street(part):
        return "street", None, False
    if right_kind in ("region", "country") and _looks_like_city(part):
        return "city", part, False  # "Los Alamitos" before "California"
    return None


def split_trailing_place(text: str) -> tuple[str, str] | None:
    """Return (publisher, place) when ``text`` ends with a place or an address, else None.

    Nothing is cut unless the table names a place or a postcode is found, a name is
    left, and no part cut holds an organisation word ("Erasmus University Rotterdam").
    """
    if "," not in text:  # most publishers
        return None
    body = _URL_TAIL.sub("", text) if ("://" in text or "www." in text) else text
    parts = [p.strip() for p in body.split(",")]
    cut, is_evident = len(parts), False
    places: list[str] = []
    kinds: list[str] = []
    right_kind: str | None = None
    while cut > 1:
        part = parts[cut - 1]
        reading = _read_part(part, right_kind) if part and "(" not in part else None
        if reading is None or ")" in part or _is_organisation(part):
            break  # a name, or inside brackets: "Library at Oakland (Oakland, Calif.)"
        right_kind, place, strong = reading
        if place is not None and place not in places:
            places.insert(0, place)
            kinds.insert(0, right_kind)
        is_evident = is_evident or strong
        cut -= 1
    publisher = ", ".join(p for p in parts[:cut] if p)
    if not is_evident or not places or not publisher:
        return None
    if kinds == ["city"] and _CAMPUS.match(publisher):
        return None
    return publisher, ", ".join(places)
