"""The data oaiwalk passes between stages: raw DC records in, pivot Records out.

``DcRecord`` is what the reader produces (the OAI header and every DC element in
document order). ``Record`` is the pivot every writer reads: CSL-JSON variables
(snake_case attributes whose CSL name is in the field metadata under ``"csl"``)
plus what CSL lacks (rights, subjects, relations, typed identifiers) and the
``Provenance`` that explains each field and lists what could not be mapped.
All classes are frozen; a stage that changes a record returns a new one with
``dataclasses.replace``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

__all__ = [
    "DC_ELEMENTS",
    "DcRecord",
    "DcValue",
    "Decision",
    "Identifier",
    "LossEntry",
    "Name",
    "OaiHeader",
    "PartialDate",
    "Provenance",
    "Record",
    "ResourceType",
    "csl_name",
]

DC_ELEMENTS = (
    "title",
    "creator",
    "subject",
    "description",
    "publisher",
    "contributor",
    "date",
    "type",
    "format",
    "identifier",
    "source",
    "language",
    "relation",
    "coverage",
    "rights",
)


# --------------------------------------------------------------------------- raw input


@dataclass(frozen=True, slots=True)
class DcValue:
    """One DC element as found: local name, whitespace-trimmed text, xml:lang, attributes."""

    element: str  # local name, e.g. "creator"; a non-DC child keeps "{ns}name"
    text: str
    lang: str | None = None
    attributes: tuple[tuple[str, str], ...] = ()  # other attributes, Clark names, in order


@dataclass(frozen=True, slots=True)
class OaiHeader:
    """The OAI-PMH record header; everything is ``None``/empty for a bare oai_dc document."""

    identifier: str | None = None
    datestamp: str | None = None
    set_specs: tuple[str, ...] = ()
    is_deleted: bool = False


@dataclass(frozen=True, slots=True)
class DcRecord:
    """One record as read: header, DC values in document order, and where it came from.

    ``metadata_format`` is ``"oai_dc"`` for Dublin Core; anything else is the Clark
    name of the metadata payload's root (e.g. ``{http://www.loc.gov/mods/v3}mods``),
    or ``""`` when the record has no metadata (deleted records).
    """

    header: OaiHeader
    values: tuple[DcValue, ...]
    source: str = ""  # file name, "<stdin>" or store path
    position: int = 0  # 1-based index of the record within its source
    metadata_format: str = "oai_dc"
    repairs: tuple[str, ...] = ()  # lossless repairs the reader/harvester made, as notes

    def texts(self, element: str) -> list[str]:
        """Return the non-empty texts of one DC element, in document order."""
        return [v.text for v in self.values if v.element == element and v.text]


# --------------------------------------------------------------------------- pivot parts


@dataclass(frozen=True, slots=True)
class Name:
    """A person (family/given and CSL particles) or an organisation (``literal``)."""

    family: str | None = None
    given: str | None = None
    literal: str | None = None
    dropping_particle: str | None = None  # CSL "dropping-particle" (e.g. "d'" in some styles)
    non_dropping_particle: str | None = None  # CSL "non-dropping-particle" ("van der")
    suffix: str | None = None  # "Jr.", "III"
    orcid: str | None = None  # bare form 0000-0002-1825-0097
    life_dates: str | None = None  # "1809-1882" kept, never printed in citations
    role: str | None = None  # raw role word found with the name ("advisor", "ed.")
    raw: str = ""  # the DC text it came from

    @property
    def is_organisation(self) -> bool:
        return self.literal is not None

    def display(self) -> str:
        """Return the name as one string, "Family, Given" for persons."""
        if self.literal is not None:
            return self.literal
        family = " ".join(p for p in (self.non_dropping_particle, self.family) if p)
        given = " ".join(p for p in (self.given, self.dropping_particle) if p)
        text = ", ".join(p for p in (family, given) if p)
        return f"{text}, {self.suffix}" if self.suffix else text


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A CSL date: one or two date-parts (a range), ``circa``, or only a ``literal``.

    ``parts`` is ``((2021, 8),)`` for "2021-08" and ``((2019,), (2020,))`` for a range.
    ``season`` and ``literal`` follow CSL; ``raw`` is the DC text it came from.
    """

    parts: tuple[tuple[int, ...], ...] = ()
    circa: bool = False
    literal: str | None = None
    season: int | None = None
    raw: str = ""

    @property
    def year(self) -> int | None:
        return self.parts[0][0] if self.parts and self.parts[0] else None

    def to_csl(self) -> dict[str, Any]:
        """Return the CSL-JSON date object."""
        out: dict[str, Any] = {}
        if self.parts:
            out["date-parts"] = [list(p) for p in self.parts]
        if self.circa:
            out["circa"] = True
        if self.season is not None:
            out["season"] = self.season
        if self.literal is not None and not self.parts:
            out["literal"] = self.literal
        if self.raw:
            out["raw"] = self.raw
        return out

    def iso(self) -> str | None:
        """Return W3CDTF text of the (first) date, e.g. "2021-08"; None without parts."""
        if not self.parts:
            return None
        return "-".join(f"{n:04d}" if i == 0 else f"{n:02d}" for i, n in enumerate(self.parts[0]))


@dataclass(frozen=True, slots=True)
class Identifier:
    """An identifier with its kind: doi, issn, isbn, handle, url, pmid, pmcid, arxiv,
    urn, hal, wos, scopus, orcid, citation, other. ``value`` is normalised (DOI lower-case
    bare, ISSN "NNNN-NNNC", ISBN-13 digits, URL as is)."""

    kind: str
    value: str
    raw: str = ""

    def uri(self) -> str | None:
        """Return a resolvable IRI for the identifier, or None when it has none."""
        v = self.value
        match self.kind:
            case "doi":
                return f"https://doi.org/{v}"
            case "handle":
                return f"https://hdl.handle.net/{v}"
            case "url":
                return v
            case "pmid":
                return f"https://pubmed.ncbi.nlm.nih.gov/{v}"
            case "pmcid":
                return f"https://www.ncbi.nlm.nih.gov/pmc/articles/{v}"
            case "arxiv":
                return f"https://arxiv.org/abs/{v}"
            case "issn":
                return f"urn:issn:{v}"
            case "isbn":
                return f"urn:isbn:{v}"
            case "urn":
                return v if v.lower().startswith("urn:") else f"urn:{v}"
            case "orcid":
                return f"https://orcid.org/{v}"
            case "hal":
                return f"https://hal.science/{v}"
        return None


@dataclass(frozen=True, slots=True)
class ResourceType:
    """The decided type in every output vocabulary (one row of ``crosswalks/types.toml``)."""

    csl: str = "document"
    bibtex: str = "misc"
    biblatex: str = "misc"
    ris: str = "GEN"
    bibo: str = "bibo:Document"
    schema: str = "schema:CreativeWork"
    fabio: str = "fabio:Expression"
    coar: str | None = None
    row: str = "default"  # the table row id that decided it


@dataclass(frozen=True, slots=True)
class Decision:
    """Why a Record field has its value: the rule or table row, and the DC values used."""

    field: str  # Record attribute name
    rule: str  # e.g. "dates.prefer-plain", "types:eu-repo-article"
    sources: tuple[int, ...] = ()  # indexes into Provenance.values


@dataclass(frozen=True, slots=True)
class LossEntry:
    """A DC value no field took, or one that was rejected, with the reason."""

    element: str
    text: str
    reason: str  # "unmapped" or why it was rejected ("ISBN check digit fails")
    index: int = -1  # index into Provenance.values


@dataclass(frozen=True, slots=True)
class Provenance:
    """Raw input and the trail of decisions: what ``explain`` and loss reports read."""

    header: OaiHeader = field(default_factory=OaiHeader)
    values: tuple[DcValue, ...] = ()
    decisions: tuple[Decision, ...] = ()
    rejected: tuple[LossEntry, ...] = ()
    source: str = ""
    position: int = 0
    notes: tuple[str, ...] = ()  # repairs and warnings about the record

    def fields_using(self, index: int) -> set[str]:
        """Return the Record fields that took the value at ``index``."""
        return {d.field for d in self.decisions if index in d.sources}


def _csl(name: str) -> Any:
    return field(default=None, metadata={"csl": name})


def _csl_tuple(name: str) -> Any:
    return field(default=(), metadata={"csl": name})


# --------------------------------------------------------------------------- the pivot


@dataclass(frozen=True, slots=True)
class Record:
    """The pivot record: CSL-JSON variables plus extensions, and its provenance.

    Attributes with ``"csl"`` metadata are CSL variables under that name. Names are
    tuples of ``Name``; dates are ``PartialDate``; everything else is text.
    """

    id: str  # CSL "id": stable, from the OAI identifier (or source + position)
    type: ResourceType = field(default_factory=ResourceType)
    title: str | None = _csl("title")
    title_short: str | None = _csl("title-short")
    author: tuple[Name, ...] = _csl_tuple("author")
    editor: tuple[Name, ...] = _csl_tuple("editor")
    contributor: tuple[Name, ...] = _csl_tuple("contributor")
    director: tuple[Name, ...] = _csl_tuple("director")  # thesis advisors go here, as Zotero
    issued: PartialDate | None = _csl("issued")
    available_date: PartialDate | None = _csl("available-date")
    container_title: str | None = _csl("container-title")
    collection_title: str | None = _csl("collection-title")
    volume: str | None = _csl("volume")
    issue: str | None = _csl("issue")
    page: str | None = _csl("page")
    number: str | None = _csl("number")
    edition: str | None = _csl("edition")
    publisher: str | None = _csl("publisher")
    publisher_place: str | None = _csl("publisher-place")
    event_title: str | None = _csl("event-title")
    genre: str | None = _csl("genre")
    medium: str | None = _csl("medium")
    version: str | None = _csl("version")
    doi: str | None = _csl("DOI")
    isbn: str | None = _csl("ISBN")
    issn: str | None = _csl("ISSN")
    pmid: str | None = _csl("PMID")
    pmcid: str | None = _csl("PMCID")
    url: str | None = _csl("URL")
    language: str | None = _csl("language")  # BCP 47
    abstract: str | None = _csl("abstract")
    keyword: tuple[str, ...] = _csl_tuple("keyword")  # joined with ", " in CSL-JSON
    note: str | None = _csl("note")
    source: str | None = _csl("source")
    archive: str | None = _csl("archive")
    # ---- extensions: what CSL lacks
    translated_titles: tuple[tuple[str, str], ...] = ()  # (lang, title)
    identifiers: tuple[Identifier, ...] = ()
    rights: tuple[str, ...] = ()  # rights statements as text
    license: str | None = None  # licence IRI when one is known
    access_rights: str | None = None  # e.g. "openAccess" / COAR access right IRI
    embargo_end: PartialDate | None = None
    subjects: tuple[str, ...] = ()
    relations: tuple[str, ...] = ()
    coverage: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()  # every language, BCP 47, first = ``language``
    affiliations: tuple[str, ...] = ()  # contributors recognised as affiliations
    provenance: Provenance = field(default_factory=Provenance)

    def identifiers_of(self, kind: str) -> list[Identifier]:
        """Return the identifiers of one kind, in order."""
        return [i for i in self.identifiers if i.kind == kind]


def csl_name(attribute: str) -> str | None:
    """Return the CSL variable name of a Record attribute, or None for extensions."""
    return _CSL_NAMES.get(attribute)


_CSL_NAMES: dict[str, str] = {
    f.name: f.metadata["csl"] for f in fields(Record) if "csl" in f.metadata
}
