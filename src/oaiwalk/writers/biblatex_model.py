"""The part of biblatex's default data model the biblatex writer needs: fields per type.

Taken from ``blx-dm.def`` (biblatex 3.x, ``\\DeclareDatamodelEntryfields``), restricted to
the fields the writer can fill; biber's ``--validate-datamodel`` warns about any other
field of an entry type. BibTeX-era aliases are resolved the way biber resolves them.
"""

from __future__ import annotations

__all__ = ["ALIASES", "allowed_fields", "resolve_type"]

# Fields valid in every entry type (the unnamed \DeclareDatamodelEntryfields list).
_GLOBAL = "abstract annotation date doi eprint eprinttype keywords langid options url"

_BY_TYPE = {
    "article": "addendum author editor eid issn journaltitle note number pages pubstate "
    "series title version volume",
    "book": "addendum author edition editor eid isbn location note number pages publisher "
    "pubstate series title volume",
    "booklet": "addendum author editor eid howpublished location note pages pubstate title type",
    "collection": "addendum edition editor eid isbn location note number pages publisher "
    "pubstate series title volume",
    "dataset": "addendum author edition editor location note number organization publisher "
    "pubstate series title type version",
    "inbook": "addendum author booktitle edition editor eid isbn location note number pages "
    "publisher pubstate series title volume",
    "incollection": "addendum author booktitle edition editor eid isbn location note number "
    "pages publisher pubstate series title volume",
    "inproceedings": "addendum author booktitle editor eid eventtitle isbn location note "
    "number organization pages publisher pubstate series title volume",
    "manual": "addendum author edition editor eid isbn location note number organization pages "
    "publisher pubstate series title type version",
    "misc": "addendum author editor howpublished location note organization pubstate title "
    "type version",
    "online": "addendum author editor note organization pubstate title version",
    "patent": "addendum author location note number pubstate title type version",
    "periodical": "addendum editor issn note number pubstate series title volume",
    "proceedings": "addendum editor eid eventtitle isbn location note number organization "
    "pages publisher pubstate series title volume",
    "report": "addendum author eid institution location note number pages pubstate title "
    "type version",
    "thesis": "addendum author eid institution location note pages pubstate title type",
    "unpublished": "addendum author eventtitle howpublished location note pubstate title type",
}
_SAME_AS = {
    "bookinbook": "inbook",
    "suppbook": "inbook",
    "reference": "collection",
    "suppcollection": "incollection",
    "inreference": "incollection",
    "mvbook": "book",
    "mvcollection": "collection",
    "mvreference": "collection",
    "mvproceedings": "proceedings",
    "software": "misc",
}

# BibTeX-era types biber maps onto biblatex ones, with the ``type`` they imply
# (biblatex manual, section 2.1.2 "Type aliases").
ALIASES: dict[str, tuple[str, str | None]] = {
    "phdthesis": ("thesis", "phdthesis"),
    "mastersthesis": ("thesis", "mathesis"),
    "techreport": ("report", "techreport"),
    "conference": ("inproceedings", None),
    "electronic": ("online", None),
    "www": ("online", None),
}


def resolve_type(entry_type: str) -> tuple[str, str | None]:
    """Return the biblatex entry type for a type name and the ``type`` field it implies.

    Types without a field list in the default data model become ``misc``.
    """
    name = entry_type.lower()
    if name in ALIASES:
        return ALIASES[name]
    if name in _BY_TYPE or name in _SAME_AS:
        return name, None
    return "misc", None


def allowed_fields(entry_type: str) -> frozenset[str]:
    """Return the fields biber accepts for a (resolved) biblatex entry type."""
    own = _BY_TYPE[_SAME_AS.get(entry_type, entry_type)]
    return frozenset(own.split()) | frozenset(_GLOBAL.split())
