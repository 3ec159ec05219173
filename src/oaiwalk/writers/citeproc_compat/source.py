"""CSL-JSON items -> citeproc-py references, read the way citeproc-js reads them.

Replaces ``citeproc.source.json.CiteProcJSON`` (which it subclasses): names get their
particles split (``names``), dates never raise (``dates``), text values keep their
rich-text markup and typeset quotes (``richtext``), numbers stay text, unknown
variables are skipped instead of warned about, and the item id keeps its case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from citeproc import DATES, NAMES, VARIABLES
from citeproc.source import BibliographySource, CustomDict, Name, Reference
from citeproc.string import MixedString, NoCase, String

from oaiwalk.writers.citeproc_compat.dates import parse_csl_date
from oaiwalk.writers.citeproc_compat.markup import strip_marks
from oaiwalk.writers.citeproc_compat.names import parse_particles
from oaiwalk.writers.citeproc_compat.richtext import parse_rich_text, typeset_apostrophes

__all__ = ["CompatSource", "to_reference"]

# CSL 1.0.2 name variables citeproc-py's NAMES list lacks (CSL-JSON from oaiwalk has
# "contributor" and "director"); citeproc-py renders any name variable it is given.
_MORE_NAMES = frozenset(
    """contributor director chair compiler curator executive_producer guest host narrator
    organizer performer producer script_writer series_creator""".split()
)
_NAME_VARIABLES = frozenset(NAMES) | _MORE_NAMES
_KNOWN = frozenset(VARIABLES) | {"uri", "container_uri", "date"} | _MORE_NAMES
# Variables citeproc-js reads as numbers: a hyphen between two numbers is a range and
# prints as an en dash ("18(1-2)" -> "18(1–2)"); citeproc-py only did that for pages.
_RANGE_VARIABLES = frozenset({"volume", "issue", "collection_number", "number_of_volumes"})
_NUMBER_RANGE = re.compile(r"^\s*(\d+)\s*-\s*(\d+)\s*$")
_NAME_KEYS = ("family", "given", "dropping-particle", "non-dropping-particle", "suffix")
_VERBATIM = frozenset({"language", "URL", "DOI", "ISBN", "ISSN", "PMID", "PMCID"})


def _text(value: Any) -> MixedString:
    """Return a text value as citeproc-py strings; whitespace runs become one space."""
    out = MixedString()
    for piece, is_nocase in parse_rich_text(" ".join(str(value).split())):
        out += NoCase(piece) if is_nocase else String(piece)
    return out


def _name(data: Any) -> Name | None:
    if not isinstance(data, dict):
        return None
    if data.get("literal"):
        return Name(literal=typeset_apostrophes(strip_marks(str(data["literal"]))))
    parsed = parse_particles({k: str(v) for k, v in data.items() if k in _NAME_KEYS and v})
    parts = {k: typeset_apostrophes(strip_marks(v)) for k, v in parsed.items() if v}
    particle = parts.get("non-dropping-particle", "")
    if particle.endswith(("\u2019", "-")) and parts.get("family"):
        # citeproc-js joins "d’" or "al-" to the family name without a space;
        # citeproc-py always puts a space after a particle.
        del parts["non-dropping-particle"]
        parts["family"] = particle + parts["family"]
    if not parts.get("family") and not parts.get("given"):
        return None
    if not parts.get("family"):  # citeproc-py cannot render a given name alone
        return Name(literal=parts["given"])
    return Name(**parts)


def to_reference(item: dict[str, Any], key: str) -> Reference:
    """Return the citeproc-py Reference of one CSL-JSON item under ``key`` (lower case)."""
    data: dict[str, Any] = {}
    for variable, value in item.items():
        python_key = variable.replace("-", "_")
        if variable in ("id", "type") or python_key not in _KNOWN or value in (None, "", []):
            continue
        if python_key in _NAME_VARIABLES:
            names = [n for n in (_name(v) for v in value or ()) if n is not None]
            if names:
                data[python_key] = names
        elif python_key in DATES:
            date = parse_csl_date(value)
            if date is not None:
                data[python_key] = date
        elif python_key in _RANGE_VARIABLES and _NUMBER_RANGE.match(str(value)):
            data[python_key] = String(_NUMBER_RANGE.sub("\\1\u2013\\2", str(value)))
        elif variable in _VERBATIM:
            data[python_key] = String(strip_marks(str(value)))
        else:
            data[python_key] = _text(value)
    return _Reference(key, str(item.get("type") or "document"), data)


class _Reference(Reference):  # type: ignore[misc]
    """A Reference that accepts CSL 1.0.2 name variables without warning about them."""

    def __init__(self, key: str, csl_type: str, data: dict[str, Any]) -> None:
        self.key = key
        self.type = csl_type
        CustomDict.__init__(self, data, optional=_KNOWN)


class CompatSource(BibliographySource):  # type: ignore[misc]
    """A citeproc-py bibliography source from CSL-JSON items, keyed "0", "1", ...

    citeproc-py lower-cases citation keys, so item ids (which may differ only in
    case) are not used as keys.
    """

    def __init__(self, items: Iterable[dict[str, Any]]) -> None:
        super().__init__()
        for index, item in enumerate(items):
            self.add(to_reference(item, str(index)))
