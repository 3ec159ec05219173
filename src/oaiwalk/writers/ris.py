"""RIS writer: one ``TY  - `` ... ``ER  - `` block per record.

Tags come in one fixed order (``TY``, ``ID``, ``TI``, ``ST``, names, ``AD``, dates,
container, numbers, pages, publisher, identifiers, ``UR``, ``LA``, ``AB``, ``KW``, ``DP``,
``N1``). Each value sits on one line: line breaks, tabs and runs of spaces become one
space and control characters are removed (``ris_value``), so no value can start a tag
or a record (``ER  - `` inside an abstract is just text). Lines end in CRLF, as the RIS
specification and Zotero's export do (citation-js and pandoc read LF and CRLF alike),
and a blank line follows each ``ER  - ``.

Option ``flavour``:

- ``"zotero"`` (default): journal or book title in ``T2``, the date as ``PY`` (year)
  plus ``DA`` in ``YYYY/MM/DD/`` form, e.g. ``DA  - 2021/08//`` (what Zotero exports).
- ``"endnote"``: the journal title in ``JO`` (``T2`` for other containers), the date as
  ``PY`` plus ``Y1  - 2021/08//`` (the older RIS tags EndNote reads).

Names are ``Family, Given, Suffix`` with particles kept (``van der Berg, Jan``);
organisations are written as they are. ``AU`` authors, ``A2`` editors, ``A3``
directors (thesis advisors, RIS's "tertiary author"), ``A4`` other contributors.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import TextIO

from oaiwalk.errors import FormatError
from oaiwalk.model import Name, PartialDate, Record
from oaiwalk.registry import Writer

__all__ = ["FLAVOURS", "RIS", "format_name", "ris_date", "ris_value", "split_pages", "write"]

FLAVOURS = ("zotero", "endnote")

EOL = "\r\n"  # RIS specification: each line ends with CR LF

# RIS types whose container is a periodical: endnote flavour names it with JO.
_PERIODICAL_TYPES = frozenset({"JOUR", "EJOUR", "JFULL", "MGZN", "NEWS", "INPR", "ABST"})
# RIS types whose SN is an ISBN first (books and their parts), others list ISSN first.
_BOOK_TYPES = frozenset({"BOOK", "EBOOK", "EDBOOK", "CHAP", "ECHAP", "CONF", "CPAPER"})

_DROPPED_CATEGORIES = frozenset(("Cc", "Cs", "Cn"))  # controls, surrogates, non-characters
_DASHES = "\\-\u2010-\u2015\u2212"  # hyphen-minus, Unicode hyphens and dashes, minus sign
_PAGE_RANGE = re.compile(rf"^\s*([^\s{_DASHES}]+)\s*[{_DASHES}]+\s*([^\s{_DASHES}]+)\s*$")


def ris_value(text: str) -> str:
    """Return ``text`` fit for one RIS line: control characters removed, whitespace collapsed.

    Every kind of line break and whitespace run becomes one space (RIS has no way to
    continue a value on another line); other C0/C1 controls, lone surrogates and
    non-characters are dropped.
    """
    # Fast path: printable text holds no category C character and no whitespace but " ".
    if text.isprintable():
        if "  " in text or text[:1] == " " or text[-1:] == " ":
            return " ".join(text.split())
        return text
    dropped = {ord(ch) for ch in set(text) if _is_dropped(ch)}
    if dropped:
        text = text.translate(dict.fromkeys(dropped))
    return " ".join(text.split())  # str.split() splits at every character isspace() accepts


def _is_dropped(ch: str) -> bool:
    return not ch.isspace() and unicodedata.category(ch) in _DROPPED_CATEGORIES


def format_name(name: Name) -> str:
    """Return ``Family, Given, Suffix`` (particles kept) or an organisation's name."""
    if name.literal is not None:
        return ris_value(name.literal)
    family = name.family or ""
    if name.non_dropping_particle:  # "van der" + "Berg"
        family = f"{name.non_dropping_particle} {family}" if family else name.non_dropping_particle
    given = name.given or ""
    if name.dropping_particle:
        given = f"{given} {name.dropping_particle}" if given else name.dropping_particle
    family = ris_value(family) if family else ""
    given = ris_value(given) if given else ""
    suffix = ris_value(name.suffix) if name.suffix else ""
    if not family:
        return " ".join(p for p in (given, suffix) if p)  # no family name to put first
    if suffix:
        return f"{family}, {given}, {suffix}"  # RIS: "Family, Given, Suffix"
    return f"{family}, {given}" if given else family


def ris_date(date: PartialDate) -> str | None:
    """Return the first date as ``YYYY/MM/DD/`` with empty unknown parts, e.g. ``2021/08//``."""
    if not date.parts or not date.parts[0]:
        return None
    first = date.parts[0]
    fields = [f"{first[0]:04d}"] + [f"{n:02d}" for n in first[1:3]]
    fields += [""] * (3 - len(fields))
    return "/".join(fields) + "/"


def split_pages(page: str) -> tuple[str, str | None]:
    """Split "45-67" (any dash) into start and end; anything else is a start page only."""
    match = _PAGE_RANGE.match(page)
    if match:
        return match.group(1), match.group(2)
    return page, None


def render(record: Record, flavour: str = "zotero") -> str:
    """Return one record's RIS block, blank line included; tags in the writer's fixed order."""
    ris_type = record.type.ris
    lines = [f"TY  - {ris_value(ris_type) or 'GEN'}"]
    _put(lines, "ID  - ", record.id)
    _put(lines, "TI  - ", record.title)
    _put(lines, "ST  - ", record.title_short)
    for prefix, names in (
        ("AU  - ", record.author),
        ("A2  - ", record.editor),
        ("A3  - ", record.director),
        ("A4  - ", record.contributor),
    ):
        for name in names:
            _put(lines, prefix, format_name(name))
    for affiliation in record.affiliations:
        _put(lines, "AD  - ", affiliation)  # RIS "Author Address": where the authors work
    issued = record.issued
    if issued is not None:
        year = issued.year
        _put(lines, "PY  - ", str(year) if year else None)
        _put(lines, "Y1  - " if flavour == "endnote" else "DA  - ", ris_date(issued))
    if record.container_title:
        periodical = flavour == "endnote" and ris_type in _PERIODICAL_TYPES
        _put(lines, "JO  - " if periodical else "T2  - ", record.container_title)
    _put(lines, "T3  - ", record.collection_title)
    _put(lines, "VL  - ", record.volume)
    _put(lines, "IS  - ", record.issue)
    if record.page:
        start, end = split_pages(ris_value(record.page))
        _put(lines, "SP  - ", start)
        _put(lines, "EP  - ", end)
    _put(lines, "ET  - ", record.edition)
    _put(lines, "M3  - ", record.genre)
    _put(lines, "PB  - ", record.publisher)
    _put(lines, "CY  - ", record.publisher_place)
    for number in _standard_numbers(record, ris_type):
        _put(lines, "SN  - ", number)
    _put(lines, "DO  - ", record.doi)
    _put(lines, "UR  - ", record.url)
    _put(lines, "LA  - ", record.language)
    _put(lines, "AB  - ", record.abstract)
    if record.keyword or record.subjects:
        for keyword in dict.fromkeys(k.strip() for k in (*record.keyword, *record.subjects)):
            _put(lines, "KW  - ", keyword)
    _put(lines, "DP  - ", record.archive)
    _put_notes(lines, record)
    lines.append("ER  - \r\n\r\n")
    return EOL.join(lines)


def _put(lines: list[str], prefix: str, value: str | None) -> None:
    """Append ``prefix`` + the cleaned value, unless nothing is left of the value."""
    if value:
        text = ris_value(value)
        if text:
            lines.append(prefix + text)


def _standard_numbers(record: Record, ris_type: str) -> list[str]:
    """Return the distinct ISSNs and ISBNs, ISBNs first for books and their parts."""
    issns = [record.issn] if record.issn else []
    isbns = [record.isbn] if record.isbn else []
    for identifier in record.identifiers:
        if identifier.kind == "issn" and identifier.value:
            issns.append(identifier.value)
        elif identifier.kind == "isbn" and identifier.value:
            isbns.append(identifier.value)
    ordered = isbns + issns if ris_type in _BOOK_TYPES else issns + isbns
    return list(dict.fromkeys(ordered)) if len(ordered) > 1 else ordered


def _put_notes(lines: list[str], record: Record) -> None:
    """Append N1 notes: the record's note, then what RIS has no tag for, labelled."""
    _put(lines, "N1  - ", record.note)
    # Not TT: RIS readers (citation-js) take TT as the title to cite and demote TI.
    for lang, title in record.translated_titles:
        _put(lines, "N1  - ", f"Title ({lang}): {title}" if lang else f"Other title: {title}")
    if record.pmid:
        _put(lines, "N1  - ", f"PMID: {record.pmid}")
    if record.pmcid:
        _put(lines, "N1  - ", f"PMCID: {record.pmcid}")
    for statement in record.rights:
        _put(lines, "N1  - ", f"Rights: {statement}")
    if record.license:
        _put(lines, "N1  - ", f"License: {record.license}")


def write(records: Iterable[Record], out: TextIO, *, flavour: str = "zotero") -> None:
    """Write each record as one RIS block; ``flavour`` is "zotero" or "endnote"."""
    if flavour not in FLAVOURS:
        raise FormatError(f"unknown RIS flavour '{flavour}'; available: {', '.join(FLAVOURS)}")
    for record in records:
        out.write(render(record, flavour))


RIS = Writer(
    name="ris",
    aliases=("refman",),
    media_type="application/x-research-info-systems",
    extension=".ris",
    write=write,
    fields=frozenset(
        {
            "id",
            "type",
            "title",
            "translated_titles",
            "title_short",
            "author",
            "editor",
            "director",
            "contributor",
            "affiliations",
            "issued",
            "container_title",
            "collection_title",
            "volume",
            "issue",
            "page",
            "edition",
            "genre",
            "publisher",
            "publisher_place",
            "issn",
            "isbn",
            "doi",
            "url",
            "language",
            "abstract",
            "keyword",
            "subjects",
            "archive",
            "note",
            "pmid",
            "pmcid",
            "rights",
            "license",
        }
    ),
    options=("flavour",),
    concatenable=True,  # blocks stand alone: --jobs workers may render batches apart
    description="RIS (Zotero, EndNote, Mendeley); option flavour=zotero|endnote",
)
