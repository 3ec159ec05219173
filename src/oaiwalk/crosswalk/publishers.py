"""Crosswalk step: dc:publisher -> publisher and publisher-place.

Several values in different xml:lang are translations of one name: the one in the
record's language wins and the others are noted as used. Distinct names are joined with
"; " (CSL has one publisher variable). A catalogue-style "Madrid : Editorial X" splits
into place and publisher, and so does a name followed by its place or address
("Springer, Cham"; see ``publisher_places``).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from oaiwalk.crosswalk.publisher_places import is_place, split_trailing_place
from oaiwalk.crosswalk.tables import load_table
from oaiwalk.crosswalk.textclean import clean_inline
from oaiwalk.crosswalk.trail import decide, note_used, value_indexes
from oaiwalk.model import DcRecord, Record

# "Place : Publisher" as library catalogues write it (ISBD area 4); the place has no digits.
_PLACE_PUBLISHER = re.compile(r"^(?P<place>[^:;\d]{2,40}?)\s+:\s+(?P<publisher>\S.*)$")
# "London: Routledge" (no space before the colon): only when the table names the place.
_PLACE_COLON_PUBLISHER = re.compile(r"^(?P<place>[^:;\d]{2,40}?):\s+(?P<publisher>\S.*)$")


def apply(dc: DcRecord, record: Record) -> Record:
    """Set ``publisher`` (and ``publisher_place``) from the dc:publisher values."""
    indexes = value_indexes(dc, "publisher")
    if not indexes:
        return record
    chosen = _in_record_language(dc, record, indexes)
    names: dict[str, list[int]] = {}
    places: dict[str, list[int]] = {}
    rules: dict[str, list[int]] = {}  # publisher_place rule -> value indexes
    for index in chosen:
        # Keep a final dot: publishers abbreviate ("Nomos Verl.-Ges.").
        text = clean_inline(dc.values[index].text).strip(" ,;")
        if not text:
            continue
        found = _split_place(text)
        if found is not None:
            text, place, rule = found
            places.setdefault(place, []).append(index)
            rules.setdefault(rule, []).append(index)
        key = next((k for k in names if k.casefold() == text.casefold()), text)
        names.setdefault(key, []).append(index)
    platforms = _platforms()
    dropped = {k: idx for k, idx in names.items() if k.casefold() in platforms}
    if dropped and len(dropped) < len(names):
        for key, idx in dropped.items():
            del names[key]
            record = note_used(record, "publisher", f"publishers:{platforms[key.casefold()]}", idx)
    if not names:
        return record
    sources = sorted({i for group in names.values() for i in group})
    record = decide(record, "publishers.dc-publisher", sources, publisher="; ".join(names))
    if places:
        [(rule, place_sources), *more] = rules.items()
        record = decide(record, rule, place_sources, publisher_place="; ".join(places))
        for rule, place_sources in more:
            record = note_used(record, "publisher_place", rule, place_sources)
    others = [i for i in indexes if i not in chosen]
    if others:
        record = note_used(record, "publisher", "publishers.translation-of-chosen", others)
    return record


@lru_cache(maxsize=4096)  # pure; a repository's publisher repeats on every record
def _split_place(text: str) -> tuple[str, str, str] | None:
    """Return (publisher, place, rule) when one dc:publisher value also names a place."""
    match = _PLACE_PUBLISHER.match(text)
    if match and not match["place"].strip().lower().startswith(("http", "www")):
        place, publisher = match["place"].strip(), match["publisher"].strip()
        if not is_place(place) and is_place(publisher):  # "Routledge : London"
            return place, publisher, "publishers.publisher-colon-place"
        return publisher, place, "publishers.place-colon-publisher"
    match = _PLACE_COLON_PUBLISHER.match(text)
    if match and is_place(match["place"]):
        return (
            match["publisher"].strip(),
            match["place"].strip(),
            "publishers.place-colon-publisher",
        )
    split = split_trailing_place(text)
    if split is not None:
        return split[0], split[1], "publishers.publisher-comma-place"
    return None


@cache
def _platforms() -> dict[str, str]:
    """Map each platform name (case-folded) to its row id in ``publishers.toml``."""
    return {
        match.casefold(): row["id"]
        for row in load_table("publishers")["platform"]
        for match in row["match"]
    }


def _in_record_language(dc: DcRecord, record: Record, indexes: list[int]) -> list[int]:
    """Keep the values in the record's language when the values carry several languages."""
    langs = {(dc.values[i].lang or "").split("-")[0].lower() for i in indexes}
    if len(langs) < 2 or not record.language:
        return indexes
    wanted = record.language.split("-")[0].lower()
    matching = [i for i in indexes if (dc.values[i].lang or "").split("-")[0].lower() == wanted]
    return matching or indexes
