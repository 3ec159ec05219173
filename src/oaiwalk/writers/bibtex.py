"""BibTeX and biblatex writers: one ``@type{key, field = {value}, ...}`` entry per record.

``bibtex`` writes classic BibTeX for BibTeX 0.99 styles: ``year``/``month``, ``journal``,
``school``, ASCII with LaTeX accents by default. ``biblatex`` writes the biblatex data
model for biber: UTF-8, ``date`` (ISO 8601/EDTF), ``journaltitle``, ``location``,
``institution``, ``langid``, ``eprint``/``eprinttype``. Entry types come from the record's
type row (``record.type.bibtex`` / ``record.type.biblatex``).

Both need every record before writing, because a cite key shared by two records gets a
suffix from each record's id, so keys do not depend on record order.
"""

from __future__ import annotations

import logging
import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import TextIO

from oaiwalk.model import Name, PartialDate, Record
from oaiwalk.registry import Assembly, Writer
from oaiwalk.writers.biblatex_model import allowed_fields, resolve_type
from oaiwalk.writers.citekey_index import KeyIndex
from oaiwalk.writers.citekeys import base_citekey, content_digest
from oaiwalk.writers.langids import babel_name
from oaiwalk.writers.latex import clean_text, escape_latex, escape_title, verbatim_value

__all__ = ["BIBLATEX", "BIBTEX", "render_entry", "write_biblatex", "write_bibtex"]

log = logging.getLogger(__name__)

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_ENTRY_TYPE = re.compile(r"[a-z]+")
_PAGE_RANGE = re.compile(r"\s*[-\u2010-\u2015\u2212]+\s*")
_AND = re.compile(r"(?<!\S)(and)(?!\S)", re.IGNORECASE)

# Where the container title goes, by entry type; @misc and @unpublished fall back to
# ``howpublished`` (``_CONTAINER_FALLBACK``), other types have no field for it.
_BIBTEX_CONTAINER = {
    "article": "journal",
    "inproceedings": "booktitle",
    "conference": "booktitle",
    "incollection": "booktitle",
    "inbook": "booktitle",
}
_BIBLATEX_CONTAINER = {
    "article": "journaltitle",
    "inproceedings": "booktitle",
    "incollection": "booktitle",
    "inbook": "booktitle",
    "inreference": "booktitle",
    "suppbook": "booktitle",
    "suppcollection": "booktitle",
}
_CONTAINER_FALLBACK = {"misc": "howpublished", "unpublished": "howpublished"}

# Who published it, by entry type (theses name a school, reports an institution).
_BIBTEX_PUBLISHER = {
    "phdthesis": "school",
    "mastersthesis": "school",
    "techreport": "institution",
    "manual": "organization",
    "proceedings": "publisher",
}
_BIBLATEX_PUBLISHER = {
    "thesis": "institution",
    "phdthesis": "institution",
    "mastersthesis": "institution",
    "report": "institution",
    "techreport": "institution",
    "manual": "organization",
    "misc": "organization",
    "online": "organization",
}

# biblatex eprint types, in order of preference (the biblatex manual, section 3.14.7).
_EPRINTS = (("arxiv", "arxiv"), ("pmid", "pubmed"), ("handle", "hdl"))

# info:eu-repo/semantics version terms (OpenAIRE Guidelines) -> biblatex pubstate.
_MANUSCRIPT_VERSIONS: dict[str, str | None] = {
    "draft": None,
    "submittedversion": "{submitted}",
    "acceptedversion": None,
    "publishedversion": None,
    "updatedversion": None,
}

# Entry types whose "type" field names the kind of work (thesis kind, report series).
_TYPED = frozenset({"thesis", "phdthesis", "mastersthesis", "report", "techreport"})


@dataclass(frozen=True, slots=True)
class _Dialect:
    """What differs between BibTeX and biblatex output."""

    name: str
    entry_type: Callable[[Record], str]
    container: dict[str, str]
    publisher: dict[str, str]
    is_biblatex: bool


_BIBTEX = _Dialect("bibtex", lambda r: r.type.bibtex, _BIBTEX_CONTAINER, _BIBTEX_PUBLISHER, False)
_BIBLATEX = _Dialect(
    "biblatex", lambda r: r.type.biblatex, _BIBLATEX_CONTAINER, _BIBLATEX_PUBLISHER, True
)


def write_bibtex(records: Iterable[Record], out: TextIO, *, ascii: bool = True) -> None:
    """Write classic BibTeX entries; ``ascii`` spells non-ASCII letters as LaTeX accents."""
    _write(records, out, _BIBTEX, ascii)


def write_biblatex(records: Iterable[Record], out: TextIO, *, ascii: bool = False) -> None:
    """Write biblatex entries for biber (UTF-8 unless ``ascii``)."""
    _write(records, out, _BIBLATEX, ascii)


def render_entry(
    record: Record, key: str, *, biblatex: bool = False, ascii: bool | None = None
) -> str:
    """Return one record as a BibTeX (or biblatex) entry ending with a newline.

    ``ascii`` defaults to the writer's default: True for BibTeX, False for biblatex.
    """
    ascii = not biblatex if ascii is None else ascii
    return _render(record, key, _BIBLATEX if biblatex else _BIBTEX, ascii, set())


_KEY_SLOT = "@@oaiwalk-citekey@@"  # the first thing after "@type{" in every rendered entry


#: One rendered entry: base key, record id, content digest, text with ``_KEY_SLOT``.
_Entry = tuple[str, str, str, str]
#: A batch rendered by a --jobs worker: its entries and the characters left unencoded.
_Part = tuple[list[_Entry], frozenset[str]]


def _write(records: Iterable[Record], out: TextIO, dialect: _Dialect, ascii: bool) -> None:
    unencoded: set[str] = set()
    entries = (_entry(record, dialect, ascii, unencoded) for record in records)
    _write_entries(entries, out, dialect, unencoded)


def _entry(record: Record, dialect: _Dialect, ascii: bool, unencoded: set[str]) -> _Entry:
    text = _render(record, _KEY_SLOT, dialect, ascii, unencoded)
    return base_citekey(record), record.id, content_digest(record), text


def _write_entries(
    entries: Iterable[_Entry], out: TextIO, dialect: _Dialect, unencoded: set[str]
) -> None:
    """Spool rendered entries to a temporary file, choose the keys, then write with the keys.

    Keys must not depend on record order, so all records are seen before the first is
    written; entries wait in a temporary file and the key index in a temporary database,
    so memory stays flat however many records there are.
    """
    with (
        tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as spool,
        KeyIndex() as index,
    ):
        for base, record_id, digest, text in entries:
            index.add(base, record_id, digest, len(text))
            spool.write(text)
        spool.seek(0)
        for number, (key, length) in enumerate(index.keys()):
            entry = spool.read(length).replace(_KEY_SLOT, key, 1)
            out.write(("\n" if number else "") + entry)
    if unencoded:
        log.warning(
            "%s: no portable LaTeX form, kept as UTF-8: %s",
            dialect.name,
            " ".join(f"U+{ord(ch):04X}" for ch in sorted(unencoded)),
        )


def _render_part(records: Iterable[Record], *, biblatex: bool, ascii: bool | None = None) -> _Part:
    """Render a batch's entries in a --jobs worker; the keys are chosen by ``_assemble``."""
    dialect = _BIBLATEX if biblatex else _BIBTEX
    unencoded: set[str] = set()
    is_ascii = not biblatex if ascii is None else ascii
    entries = [_entry(record, dialect, is_ascii, unencoded) for record in records]
    return entries, frozenset(unencoded)


def _assemble(
    parts: Iterable[_Part], out: TextIO, *, biblatex: bool, ascii: bool | None = None
) -> None:
    """Write the entries of rendered batches with keys chosen over them all, as ``_write``."""
    unencoded: set[str] = set()

    def entries() -> Iterable[_Entry]:
        for rendered, missing in parts:
            unencoded.update(missing)
            yield from rendered

    _write_entries(entries(), out, _BIBLATEX if biblatex else _BIBTEX, unencoded)


def _render(record: Record, key: str, dialect: _Dialect, ascii: bool, unencoded: set[str]) -> str:
    entry_type = dialect.entry_type(record).lower()
    if not _ENTRY_TYPE.fullmatch(entry_type):
        entry_type = "misc"
    implied: str | None = None
    if dialect.is_biblatex:
        entry_type, implied = resolve_type(entry_type)
        if implied is None and entry_type in ("thesis", "report"):
            # @thesis and @report require a type: the BibTeX column names the kind.
            implied = resolve_type(record.type.bibtex.lower())[1]
    fields = _fields(record, entry_type, implied, dialect, ascii, unencoded)
    if dialect.is_biblatex:
        allowed = allowed_fields(entry_type)
        fields = [(name, value) for name, value in fields if name in allowed]
    lines = [f"@{entry_type}{{{key},"]
    lines.extend(f"  {name} = {value}," for name, value in fields)
    lines.append("}")
    return "\n".join(lines) + "\n"


def _fields(
    record: Record,
    entry_type: str,
    implied_type: str | None,
    dialect: _Dialect,
    ascii: bool,
    unencoded: set[str],
) -> list[tuple[str, str]]:
    """Return (field, value as written) pairs in output order; values are never empty."""

    def text(value: str | None) -> str | None:
        escaped = escape_latex(value, ascii=ascii, unencoded=unencoded) if value else ""
        return "{" + escaped + "}" if escaped else None

    def verbatim(value: str | None) -> str | None:
        raw = verbatim_value(value, ascii=ascii) if value else ""
        return "{" + raw + "}" if raw else None

    def repeated(value: str | None) -> str | None:
        """``text`` for values records share (journal, publisher, rights), from a cache."""
        if not value:
            return None
        escaped, missing = _escape_repeated(value, ascii)
        if missing:
            unencoded.update(missing)
        return "{" + escaped + "}" if escaped else None

    def names(value: tuple[Name, ...]) -> str | None:
        rendered = []
        for name in value:
            written, missing = _name_cached(name, ascii)
            if missing:
                unencoded.update(missing)
            if written:
                rendered.append(written)
        return "{" + " and ".join(rendered) + "}" if rendered else None

    pairs: list[tuple[str, str | None]] = [
        ("author", names(record.author)),
        ("editor", names(record.editor)),
    ]
    title = escape_title(record.title, ascii=ascii, unencoded=unencoded) if record.title else ""
    pairs.append(("title", "{" + title + "}" if title else None))
    container = dialect.container.get(entry_type)
    container = container or _CONTAINER_FALLBACK.get(entry_type)
    if container is not None:
        pairs.append((container, repeated(record.container_title)))
    if dialect.is_biblatex:
        pairs.append(("eventtitle", text(record.event_title)))
        pairs.append(("date", _edtf(record.issued)))
    else:
        pairs.extend(_year_month(record.issued, text))
    is_article = entry_type == "article"
    pairs += [
        ("series", repeated(record.collection_title)),
        ("volume", text(record.volume)),
        ("number", text(record.issue if is_article else record.number)),
        ("pages", _pages(record.page, ascii, unencoded)),
        ("edition", text(record.edition)),
    ]
    if dialect.is_biblatex and is_article and record.issue and record.number:
        pairs.append(("eid", text(record.number)))
    if entry_type in _TYPED:
        pairs.append(("type", text(record.genre) or (implied_type and "{" + implied_type + "}")))
    publisher_field = dialect.publisher.get(entry_type, "publisher")
    pairs.append((publisher_field, repeated(record.publisher)))
    pairs.append(
        ("location" if dialect.is_biblatex else "address", repeated(record.publisher_place))
    )
    if dialect.is_biblatex:
        pairs.extend(_version(record.version, text))
    pairs += [
        ("doi", verbatim(record.doi)),
        ("issn", repeated(record.issn)),
        ("isbn", text(record.isbn)),
        *_eprint(record, dialect, text),
        ("url", verbatim(record.url)),
    ]
    language = babel_name(record.language)
    pairs.append(("langid" if dialect.is_biblatex else "language", repeated(language)))
    pairs.append(("keywords", _keywords(record.keyword, ascii, unencoded)))
    pairs.append(("abstract", text(record.abstract)))
    pairs.append(("note", text(record.note)))
    # biblatex's data model has no rights field: "annotation" is the one standard
    # styles never print; BibTeX uses "copyright", as Zotero's exporter does.
    pairs.append(("annotation" if dialect.is_biblatex else "copyright", repeated(_rights(record))))
    if dialect.is_biblatex and _uses_prefix(record):
        pairs.append(("options", "{useprefix=true}"))
    return [(name, value) for name, value in pairs if value]


def _year_month(
    date: PartialDate | None, text: Callable[[str | None], str | None]
) -> list[tuple[str, str | None]]:
    """Return BibTeX ``year`` and ``month`` (a month macro, as BibTeX styles expect)."""
    if date is None:
        return []
    if not date.parts:
        return [("year", text(date.literal))]
    first = date.parts[0]
    month = _MONTHS[first[1] - 1] if len(first) > 1 and 1 <= first[1] <= 12 else None
    return [("year", "{" + str(first[0]) + "}"), ("month", month)]


def _edtf(date: PartialDate | None) -> str | None:
    """Return a biblatex ``date``: ISO 8601 / EDTF level 1 (``2021-08``, ``2019/2020``)."""
    if date is None or not date.parts:
        return None
    ends = ["-".join(_date_part(i, n) for i, n in enumerate(p)) for p in date.parts[:2] if p]
    if not ends:
        return None
    value = "/".join(ends)
    if date.circa and len(ends) == 1:
        value += "~"
    return "{" + value + "}"


def _date_part(index: int, number: int) -> str:
    if index == 0:
        return f"{number:04d}" if number >= 0 else f"-{-number:04d}"
    return f"{number:02d}"


def _pages(page: str | None, ascii: bool, unencoded: set[str]) -> str | None:
    """Return a page range with BibTeX's ``--`` en dash between the parts ("100--110")."""
    if not page:
        return None
    parts = [escape_latex(p, ascii=ascii, unencoded=unencoded) for p in _PAGE_RANGE.split(page)]
    value = "--".join(p for p in parts if p)
    return "{" + value + "}" if value else None


def _version(
    version: str | None, text: Callable[[str | None], str | None]
) -> list[tuple[str, str | None]]:
    """Return biblatex ``version``, or ``pubstate`` for the OpenAIRE version vocabulary.

    "publishedVersion" and its kin say which manuscript a repository holds, not an
    edition: only "submittedVersion" has a biblatex counterpart (``pubstate=submitted``).
    """
    if not version:
        return []
    word = version.rsplit("/", 1)[-1].strip().lower()
    if word in _MANUSCRIPT_VERSIONS:
        return [("pubstate", _MANUSCRIPT_VERSIONS[word])]
    return [("version", text(version))]


def _eprint(
    record: Record, dialect: _Dialect, text: Callable[[str | None], str | None]
) -> list[tuple[str, str | None]]:
    """Return eprint fields: biblatex ``eprint``/``eprinttype``, BibTeX arXiv and PMID."""
    if not dialect.is_biblatex:
        arxiv = record.identifiers_of("arxiv")
        pairs: list[tuple[str, str | None]] = []
        if arxiv:
            pairs += [("eprint", text(arxiv[0].value)), ("archiveprefix", "{arXiv}")]
        return [*pairs, ("pmid", text(record.pmid))]
    for kind, eprinttype in _EPRINTS:
        value = record.pmid if kind == "pmid" and record.pmid else None
        if value is None:
            found = record.identifiers_of(kind)
            value = found[0].value if found else None
        if value:
            return [("eprint", text(value)), ("eprinttype", "{" + eprinttype + "}")]
    return []


def _keywords(keywords: tuple[str, ...], ascii: bool, unencoded: set[str]) -> str | None:
    """Return comma-separated keywords; a keyword holding a comma is braced whole."""
    parts = []
    for keyword in keywords:
        escaped = escape_latex(keyword, ascii=ascii, unencoded=unencoded)
        if escaped:
            parts.append("{" + escaped + "}" if "," in escaped else escaped)
    return "{" + ", ".join(parts) + "}" if parts else None


def _rights(record: Record) -> str | None:
    """Return rights statements and the licence IRI as one text (Zotero's ``copyright``)."""
    parts = list(record.rights)
    if record.license and record.license not in parts:
        parts.append(record.license)
    return "; ".join(parts) or None


def _uses_prefix(record: Record) -> bool:
    """Tell whether every name particle is non-dropping (biblatex ``useprefix=true``)."""
    names = [*record.author, *record.editor]
    has_non_dropping = any(n.non_dropping_particle for n in names)
    return has_non_dropping and not any(n.dropping_particle for n in names)


@lru_cache(maxsize=4096)
def _escape_repeated(value: str, ascii: bool) -> tuple[str, frozenset[str]]:
    """Return ``escape_latex`` of a value records share, and the characters it left."""
    unencoded: set[str] = set()
    return escape_latex(value, ascii=ascii, unencoded=unencoded), frozenset(unencoded)


@lru_cache(maxsize=4096)
def _name_cached(name: Name, ascii: bool) -> tuple[str, frozenset[str]]:
    """Return ``_name`` of a name (names repeat across records) and the characters it left."""
    unencoded: set[str] = set()
    return _name(name, ascii, unencoded), frozenset(unencoded)


def _name(name: Name, ascii: bool, unencoded: set[str]) -> str:
    """Return one name as BibTeX reads it: "von Last, Jr., First" or ``{Organisation}``."""

    def part(value: str) -> str:
        escaped = escape_latex(value, ascii=ascii, unencoded=unencoded)
        if "," in escaped:
            return "{" + escaped + "}"  # a comma would start the next name part
        return _AND.sub("{\\1}", escaped)  # "and" would start the next name

    family, given, suffix = (clean_text(p or "") for p in (name.family, name.given, name.suffix))
    if name.literal is not None or not (family or given):
        literal = escape_latex(name.literal or name.raw, ascii=ascii, unencoded=unencoded)
        return "{" + literal + "}" if literal else ""
    if not family:
        return "{" + part(given) + "}"
    written = part(family)
    # BibTeX reads lower-case words before the last name as the "von" part, and a bare
    # "First Last" when there is no comma: such families are braced whole.
    if _starts_lower_anywhere(family) or (" " in family and not given):
        written = "{" + written + "}"
    particles = (clean_text(p or "") for p in (name.dropping_particle, name.non_dropping_particle))
    particle = " ".join(p for p in particles if p)
    if particle:
        glue = "" if particle.endswith(("'", "\u2019")) else " "
        if particle[0].islower() and glue:
            written = part(particle) + glue + written  # BibTeX's "von" part
        else:
            written = "{" + part(particle) + glue + written + "}"  # kept in the family
    pieces = [written]
    if suffix:
        pieces.append(part(suffix))
    if given:
        pieces.append(part(given))
    elif suffix:
        pieces.append("{}")  # "Last, Jr., {}": a trailing comma makes biber warn
    return ", ".join(pieces)


def _starts_lower_anywhere(family: str) -> bool:
    """Tell whether a word of the family starts in lower case; BibTeX splits names into
    words at spaces, ties and hyphens ("Penadés-De-la-Cruz" would lose "la")."""
    return any(word[:1].islower() for word in re.split(r"[\s~-]+", family.strip()))


_FIELDS = frozenset(
    {
        "type",
        "author",
        "editor",
        "title",
        "container_title",
        "issued",
        "collection_title",
        "volume",
        "issue",
        "number",
        "page",
        "edition",
        "genre",
        "publisher",
        "publisher_place",
        "doi",
        "issn",
        "isbn",
        "pmid",
        "url",
        "language",
        "keyword",
        "abstract",
        "note",
    }
)

BIBTEX = Writer(
    name="bibtex",
    aliases=("bib",),
    media_type="application/x-bibtex",
    media_types=("text/x-bibtex",),
    extension=".bib",
    extensions=(".bibtex",),
    write=write_bibtex,
    fields=_FIELDS | {"rights", "license", "identifiers"},
    options=("ascii",),
    streaming=False,
    # --jobs workers render entries; the calling process chooses the keys over all of them
    assembly=Assembly(partial(_render_part, biblatex=False), partial(_assemble, biblatex=False)),
    description="BibTeX (classic fields, ASCII with LaTeX accents)",
)

BIBLATEX = Writer(
    name="biblatex",
    aliases=("biber",),
    media_type="application/x-biblatex",
    extension=".biblatex",
    write=write_biblatex,
    fields=_FIELDS | {"event_title", "version", "identifiers", "rights", "license"},
    options=("ascii",),
    streaming=False,
    assembly=Assembly(partial(_render_part, biblatex=True), partial(_assemble, biblatex=True)),
    description="biblatex for biber (UTF-8, date, journaltitle, langid, eprint)",
)
