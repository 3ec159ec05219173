"""Crosswalk step: container title, volume, issue, pages, series and archive.

Reads dc:source, citation strings in dc:identifier (the identifiers step marked them
``kind="citation"``) and dc:relation with ``crosswalks/containers.toml``. The richest
parse names the container; other parses of the same container (or of none) fill what
it lacks. A value that only names the repository (DSpace's "Scientia") becomes
``archive``, never a container. A record typed no better than "Text" whose container
has a volume, issue or pages becomes a journal article (``types.inferred``).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from oaiwalk.crosswalk import types
from oaiwalk.crosswalk.container_rules import (
    Parse,
    archive_elements,
    is_archive_name,
    is_excluded,
    is_plain_book_identifier,
    is_plain_container,
    is_publisher_journal,
    month_number,
    parse_value,
    plain_elements,
)
from oaiwalk.crosswalk.identifier_forms import InvalidIdentifier, normalize_issn
from oaiwalk.crosswalk.identifier_rules import inside_rule_ids
from oaiwalk.crosswalk.name_parser import read_name
from oaiwalk.crosswalk.names import split_names
from oaiwalk.crosswalk.trail import decide, indexes_by_element, note_used, value_indexes
from oaiwalk.model import DcRecord, Identifier, Name, PartialDate, Record

__all__ = ["apply"]

log = logging.getLogger(__name__)

_PRIORITY = {"source": 0, "identifier": 1, "relation": 2}
_PART_FIELDS = ("volume", "issue", "page")
_CITATION_KINDS = ("citation", "other")  # identifiers that may be journal references
_NON_WORD = re.compile(r"[\W_]+")
_YEAR = re.compile(r"(?<!\d)((?:1[89]|20)\d\d)(?!\d)")
_ET_AL = re.compile(r"(?i)[,\s]*\bet\.?\s+al\b\.?")
_AND = re.compile(r"(?i)\s*,?\s*(?:\band\b|&)\s*|\s*,\s*")
_INVERTED = re.compile(r"^[^,]+,\s*(?:[^\W\d_]{1,2}\.\s*-?)+(?:,|$)")  # "Doe, J.P., ..."
_MONTH_YEAR = re.compile(r"^(?P<month>[^\W\d_]+\.?)\s+(?P<year>(?:1[89]|20)\d\d)$")
_ARXIV_PAGE = re.compile(r"(?i)^https?://(?:www\.)?arxiv\.org/abs/")
_INITIALS_FIRST = re.compile(
    r"^(?P<given>(?:[^\W\d_]{1,2}\.\s*-?\s*)+)\s*(?P<family>[^\W\d_][^,.]+)$"
)


@dataclass(frozen=True, slots=True)
class _Found:
    parse: Parse
    index: int
    element: str


def apply(dc: DcRecord, record: Record) -> Record:
    """Return the record with container, volume, issue, page, series and archive decided."""
    grouped = indexes_by_element(dc)
    if (
        "source" not in grouped
        and "relation" not in grouped
        and "publisher" not in grouped
        and record.container_title is None
        and not any(i.kind in _CITATION_KINDS for i in record.identifiers)
    ):
        return record  # nothing below could read a container (most records)
    parses, plain, archives = _read_values(dc, record)
    record = _decide_container(dc, record, parses, plain)
    if parses:
        record = _decide_series(record, parses)
        record = _decide_issn(record, parses)
    if archives and record.archive is None:
        first = archives[0]
        record = decide(
            record, "containers.archive", [first], archive=" ".join(dc.values[first].text.split())
        )
    if record.container_title and any(getattr(record, f) for f in _PART_FIELDS):
        sources = [d.sources for d in record.provenance.decisions if d.field == "container_title"]
        record = types.infer_article(record, sources[-1] if sources else ())
    if not parses:
        return record  # the steps below only read parses
    own = _own_parses(record, parses)
    record = _decide_book_part(dc, record, own)
    record = _decide_year(dc, record, own)
    return _decide_series_year(dc, record, parses)


def _read_values(dc: DcRecord, record: Record) -> tuple[list[_Found], list[int], list[int]]:
    """Return the parses, plain container titles and archive names among the DC values."""
    parses: list[_Found] = []
    plain: list[int] = []
    archives: list[int] = []
    indexes = value_indexes(dc, "source") + value_indexes(dc, "relation")
    # journal-refs without spaces ("Phys.Rev.D76:013009,2007") are kind "other"
    citations = {i.raw for i in record.identifiers if i.kind in _CITATION_KINDS}
    if citations:
        values = dc.values
        indexes += [i for i in value_indexes(dc, "identifier") if values[i].text in citations]
    if not indexes:
        return parses, plain, archives
    indexes.sort()
    taken = _identifier_values(record)
    publishers: set[str] | None = None  # folded dc:publisher texts, read when first needed
    for index in indexes:
        if index in taken:
            continue  # an ISSN, DOI or URL the identifiers step read is no title
        value = dc.values[index]
        if is_excluded(value.text):
            continue
        parse = parse_value(value.text, value.element)
        if parse is not None:
            parses.append(_Found(parse, index, value.element))
            continue
        if publishers is None:
            publishers = {_folded(dc.values[i].text) for i in value_indexes(dc, "publisher")}
        if publishers and value.element in archive_elements() and _folded(value.text) in publishers:
            archives.append(index)  # the publisher (often the repository) is no container
        elif value.element in plain_elements() and is_plain_container(value.text, record.type.csl):
            plain.append(index)
        elif value.element == "identifier" and is_plain_book_identifier(
            value.text, record.type.csl
        ):
            plain.append(index)
        elif value.element in archive_elements() and is_archive_name(value.text, publishers):
            archives.append(index)
    return parses, plain, archives


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _identifier_values(record: Record) -> set[int]:
    """Return the indexes of DC values the identifiers step took as typed identifiers."""
    loose = _loose_rules()
    return {
        index
        for decision in record.provenance.decisions
        if decision.field == "identifiers" and decision.rule not in loose
        for index in decision.sources
    }


@cache
def _loose_rules() -> frozenset[str]:
    """Return the identifier rules whose values may still be citations."""
    loose = {"identifiers:collect", "identifiers:citation", "identifiers:other"}
    loose |= {f"identifiers:{rule}" for rule in inside_rule_ids()}  # DOIs inside citations
    return frozenset(loose)


def _same(a: str, b: str) -> bool:
    return _title_key(a) == _title_key(b)


@lru_cache(maxsize=4096)  # pure; container titles repeat across records
def _title_key(text: str) -> str:
    return _NON_WORD.sub("", text).casefold()


def _decide_container(
    dc: DcRecord, record: Record, parses: list[_Found], plain: list[int]
) -> Record:
    if not parses and not plain:  # most records: at most a journal named as publisher
        journal = _publisher_journal(dc, record, has_numbers=False)
        if journal is None:
            return record
        title = " ".join(dc.values[journal].text.split())
        return decide(record, "containers.publisher-journal", [journal], container_title=title)
    with_title = [f for f in parses if f.parse.container]
    best = min(
        with_title,
        key=lambda f: (-f.parse.detail, _PRIORITY[f.element], f.index),
        default=None,
    )
    if best is not None:
        title = best.parse.fields["container_title"]
        rule = f"containers:{best.parse.row}"
        record = decide(record, rule, [best.index], container_title=title)
        sources = [best]
    elif plain:
        title = " ".join(dc.values[plain[0]].text.split())
        record = decide(record, "containers.plain-title", [plain[0]], container_title=title)
        sources = []
    else:
        detached = any(f.parse.detail and not f.parse.container for f in parses)
        journal = _publisher_journal(dc, record, has_numbers=detached)
        if journal is None:
            return record
        title = " ".join(dc.values[journal].text.split())
        record = decide(record, "containers.publisher-journal", [journal], container_title=title)
        sources = []

    # Fill volume/issue/page from the best parse first, then from parses of the same
    # container or of none (a bare "2 (2005)" beside a plain title).
    others = sorted(
        (f for f in parses if f is not best and f.parse.row != "dspace-series"),
        key=lambda f: (-f.parse.detail, _PRIORITY[f.element], f.index),
    )
    for found in sources + others:
        other = found.parse.container
        if other is not None and not _same(other, title):
            continue
        rule = f"containers:{found.parse.row}"
        if found is not best and other is not None:
            record = note_used(record, "container_title", rule, [found.index])
        for field in _PART_FIELDS:
            text = found.parse.fields.get(field)
            if not text:
                continue
            if getattr(record, field) is None:
                record = decide(record, rule, [found.index], **{field: text})
            elif found is not best and getattr(record, field) == text:
                record = note_used(record, field, rule, [found.index])
    for index in plain:  # the plain title repeated beside a citation (HAL, DSpace)
        if best is not None and _same(dc.values[index].text, title):
            record = note_used(record, "container_title", "containers.plain-title", [index])
    return record


def _publisher_journal(dc: DcRecord, record: Record, has_numbers: bool) -> int | None:
    """Return the index of a dc:publisher value that names the record's journal."""
    for index in value_indexes(dc, "publisher"):
        if is_publisher_journal(dc.values[index].text, record.type.csl, has_numbers):
            return index
    return None


def _decide_series(record: Record, parses: list[_Found]) -> Record:
    for found in parses:
        series = found.parse.fields.get("collection_title")
        if not series or (record.container_title and _same(series, record.container_title)):
            continue
        rule = f"containers:{found.parse.row}"
        record = decide(record, rule, [found.index], collection_title=series)
        number = found.parse.fields.get("number")
        if number and record.number is None:
            record = decide(record, rule, [found.index], number=number)
        return record
    return record


def _decide_issn(record: Record, parses: list[_Found]) -> Record:
    """Move an ISSN found in a container string to ``issn`` and the identifiers."""
    for found in parses:
        text = found.parse.fields.get("issn")
        if not text:
            continue
        try:
            issn = normalize_issn(text)
        except InvalidIdentifier as exc:
            log.debug("container ISSN ignored: %s", exc)
            continue
        rule = f"containers:{found.parse.row}"
        if not any(i.kind == "issn" and i.value == issn for i in record.identifiers):
            identifiers = record.identifiers + (Identifier("issn", issn, text),)
            record = decide(record, rule, [found.index], identifiers=identifiers)
        if record.issn is None:
            record = decide(record, rule, [found.index], issn=issn)
    return record


def _own_parses(record: Record, parses: list[_Found]) -> list[_Found]:
    """Return the parses of the record's container (or of none), best first."""
    title = record.container_title
    own = [
        f
        for f in parses
        if f.parse.row != "dspace-series"
        and (f.parse.container is None or (title is not None and _same(f.parse.container, title)))
    ]
    return sorted(own, key=lambda f: (-f.parse.detail, _PRIORITY[f.element], f.index))


def _editors(text: str) -> tuple[Name, ...]:
    """Return the names of an editor list ("A. B, C. D, and E. F", "Doe, J. et al.")."""
    value = _ET_AL.sub("", " ".join(text.split())).strip(" ,")
    if _INVERTED.match(value):
        pieces = split_names(value)
    else:
        pieces = [p for p in _AND.split(value) if p]
    names = (_editor_name(piece) for piece in pieces)
    return tuple(name for name in names if name is not None)


def _editor_name(text: str) -> Name | None:
    """Read one editor; "P.B. Lehning" (initials first, as citations print) directly."""
    found = _INITIALS_FIRST.match(text)
    if found:
        return Name(family=found["family"], given=found["given"].strip(), raw=text)
    return read_name(text).name


def _decide_book_part(dc: DcRecord, record: Record, own: list[_Found]) -> Record:
    """Set editors, publisher and the implied type from the record's own citation."""
    has_publisher = bool(dc.texts("publisher"))
    for found in own:
        parse, rule = found.parse, f"containers:{found.parse.row}"
        if parse.creators_edit and not record.editor and _names_cited(record, found, dc):
            # "Roe, A., & Doe, B. (Eds.). (2003). Title." names the creators as editors
            record = decide(record, rule, [found.index], editor=record.author, author=())
        editors = parse.fields.get("editor")
        if editors and not record.editor:
            names = _editors(editors)
            if names:
                record = decide(record, rule, [found.index], editor=names)
        publisher = parse.fields.get("publisher")
        if publisher and not has_publisher and record.publisher is None:
            record = decide(record, rule, [found.index], publisher=publisher)
        if parse.type_row:
            record = types.infer_type(record, parse.type_row, [found.index])
    return record


def _names_cited(record: Record, found: _Found, dc: DcRecord) -> bool:
    text = dc.values[found.index].text.casefold()
    return bool(record.author) and all(
        n.family is not None and n.family.casefold() in text for n in record.author
    )


def _is_arxiv_record(record: Record) -> bool:
    """Return whether the record is arXiv's own (not a repository copy citing an arXiv id).

    Its OAI identifier says so; a bare oai_dc document (no header) is arXiv's when its
    first identifier is the arXiv abstract page, as arXiv writes it.
    """
    oai_id = record.provenance.header.identifier
    if oai_id is not None:
        return oai_id.startswith("oai:arXiv.org:")
    first = record.identifiers[0].raw if record.identifiers else ""
    return _ARXIV_PAGE.match(first) is not None


def _weak_issued(record: Record) -> bool:
    """Return whether ``issued`` is no publication date a citation year should yield to.

    The dates step runs first and, lacking better, takes a repository timestamp
    (DSpace's accession "2003-07-14T13:15:45Z"); arXiv's dc:date values are submission
    and revision dates, never the journal's.
    """
    if record.issued is None:
        return True
    if _is_arxiv_record(record):
        return True
    raw = record.issued.raw
    return "T" in raw and ":" in raw


def _new_year_placeholder(record: Record, year: int) -> bool:
    """Return whether ``issued`` is 1 January of the citation's year (a year-only default)."""
    return record.issued is not None and record.issued.parts == ((year, 1, 1),)


def _decide_year(dc: DcRecord, record: Record, own: list[_Found]) -> Record:
    """Make the year a citation states ``issued`` when the record's own date is weak.

    Weak: a repository timestamp, an arXiv submission date, or 1 January of the very
    year the citation states (a year-only date stored as a full date).
    """
    for found in own:
        year, month = found.parse.year, found.parse.month
        if year is not None and (_weak_issued(record) or _new_year_placeholder(record, year)):
            parts = ((year, month),) if month else ((year,),)
            date = PartialDate(parts, raw=" ".join(dc.values[found.index].text.split()))
            return decide(
                record, f"containers.citation-year:{found.parse.row}", [found.index], issued=date
            )
    return record


def _decide_series_year(dc: DcRecord, record: Record, parses: list[_Found]) -> Record:
    """Date a record that has only repository timestamps by the year in its report number.

    DSpace working-paper and thesis series number items by year ("ERS-2003-086-LIS",
    "Diss. 2003:055"); a dc:relation "October 2003" of the same year adds the month.
    """
    if not _weak_issued(record) or _is_arxiv_record(record):
        return record
    for found in parses:
        number = found.parse.fields.get("number") if found.parse.row == "dspace-series" else None
        years = set(_YEAR.findall(number or ""))
        if len(years) != 1:
            continue
        year = int(years.pop())
        parts: tuple[int, ...] = (year,)
        sources = [found.index]
        for index in value_indexes(dc, "relation"):
            month_year = _MONTH_YEAR.match(" ".join(dc.values[index].text.split()))
            if month_year and int(month_year["year"]) == year:
                month = month_number(month_year["month"])
                if month is not None:
                    parts, sources = (year, month), [found.index, index]
                    break
        date = PartialDate((parts,), raw=" ".join(dc.values[found.index].text.split()))
        return decide(record, "containers.series-year", sources, issued=date)
    return record
