"""Named converters that validate and normalise one identifier kind each.

Rows of ``crosswalks/identifiers.toml`` name a converter in ``convert``; a converter
takes the text a row captured and returns the normalised value, or raises
``InvalidIdentifier`` with a one-line reason (a failed check digit, a wrong form).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import unquote

__all__ = ["CONVERTERS", "InvalidIdentifier", "convert_identifier"]


class InvalidIdentifier(ValueError):
    """The captured text is not a valid identifier of the expected kind."""


# Crossref's advice for modern DOIs is 10.NNNN+/suffix; trailing punctuation and
# leftovers of escaped markup (HAL wraps DOIs in "&#x3008;...&#x3009;") are not DOI text.
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_DOI_TAIL = re.compile(r"(?:&#x?[0-9a-f]+;?|&[a-z]+;|[.,;:'\"\]>}〉⟩»])+$", re.IGNORECASE)
_DOI_TAIL_CHARS = frozenset(".,;:'\"]>}〉⟩»")  # what _DOI_TAIL can end with, but for "&..."
_ISSN_SHAPE = re.compile(r"\d{4}-?\d{3}[\dXx]", re.ASCII)
_PMCID = re.compile(r"PMC\d{1,9}")
_HANDLE_PREFIX = re.compile(r"\d+(?:\.\w+)*")
_WOS = re.compile(r"\d{15}|[A-Z]\d{4}[A-Z0-9]{10}")
_SCOPUS_ID = re.compile(r"\d{6,12}")
_SCOPUS_EID = re.compile(r"2-s2\.0-\d{6,12}")
_URL = re.compile(r"^https?://[^\s/]+\.[^\s/]+", re.IGNORECASE)
_ARXIV_NEW = re.compile(r"^(\d{4}\.\d{4,5})(v\d+)?$")
_ARXIV_OLD = re.compile(r"^([a-z][a-z-]*(?:\.[a-z]{2})?/\d{7})(v\d+)?$", re.IGNORECASE)
_HAL = re.compile(r"^([a-z][a-z0-9_]*(?:-[a-z0-9]+)*-\d{8})(v\d+)?$", re.IGNORECASE)


def normalize_doi(text: str) -> str:
    """Return a DOI in lower-case bare form ("10.1016/j.x.2021.1")."""
    doi = text.strip()
    if "%" in doi:
        doi = unquote(doi)
    if "&" in doi or doi[-1:] in _DOI_TAIL_CHARS or doi.endswith("\n"):  # else no tail to cut
        doi = _DOI_TAIL.sub("", doi)
    while doi.endswith(")") and doi.count("(") < doi.count(")"):
        doi = doi[:-1]
    if not _DOI.match(doi):
        raise InvalidIdentifier(f"not a DOI: {text!r}")
    return doi.lower()


def normalize_issn(text: str) -> str:
    """Return an ISSN as "NNNN-NNNC" after checking its check digit."""
    if _ISSN_SHAPE.fullmatch(text):  # the common form, checked here as stdnum.issn does
        digits = text.replace("-", "").upper()
        check = -sum((8 - i) * int(n) for i, n in enumerate(digits[:7])) % 11
        if digits[7] == ("X" if check == 10 else str(check)):
            return f"{digits[:4]}-{digits[4:]}"
    from stdnum import issn
    from stdnum.exceptions import ValidationError

    try:
        return str(issn.format(issn.validate(text)))
    except ValidationError as exc:
        raise InvalidIdentifier(f"ISSN {text.strip()} is invalid: {exc}") from exc


def normalize_isbn(text: str) -> str:
    """Return an ISBN as 13 digits after checking its check digit."""
    from stdnum import isbn
    from stdnum.exceptions import ValidationError

    try:
        return str(isbn.compact(isbn.to_isbn13(isbn.validate(text))))
    except ValidationError as exc:
        raise InvalidIdentifier(f"ISBN {text.strip()} is invalid: {exc}") from exc


def normalize_pmid(text: str) -> str:
    """Return a PubMed id: 1 to 8 digits, no leading zero."""
    digits = text.strip()
    if not digits.isdigit() or digits.startswith("0") or len(digits) > 8:
        raise InvalidIdentifier(f"not a PMID: {text!r}")
    return digits


def normalize_pmcid(text: str) -> str:
    """Return a PubMed Central id as "PMC" plus digits."""
    value = text.strip().upper()
    if not _PMCID.fullmatch(value):
        raise InvalidIdentifier(f"not a PMCID: {text!r}")
    return value


def normalize_handle(text: str) -> str:
    """Return a handle as "prefix/suffix" (prefixes are case-insensitive, as digits)."""
    value = text.strip()
    value = (unquote(value) if "%" in value else value).rstrip("/.")
    prefix, slash, suffix = value.partition("/")
    if not slash or not suffix or not _HANDLE_PREFIX.fullmatch(prefix):
        raise InvalidIdentifier(f"not a handle: {text!r}")
    return f"{prefix}/{suffix}"


def normalize_arxiv(text: str) -> str:
    """Return an arXiv id without its version ("2101.00001", "hep-th/9901001")."""
    value = text.strip().removesuffix(".pdf").rstrip("/")
    for form in (_ARXIV_NEW, _ARXIV_OLD):
        found = form.match(value)
        if found:
            return found.group(1)
    raise InvalidIdentifier(f"not an arXiv id: {text!r}")


def normalize_hal(text: str) -> str:
    """Return a HAL id in lower case without its version ("hal-00830421")."""
    found = _HAL.match(text.strip())
    if not found:
        raise InvalidIdentifier(f"not a HAL id: {text!r}")
    return found.group(1).lower()


def normalize_wos(text: str) -> str:
    """Return a Web of Science accession number, 15 characters (the "WOS:" prefix dropped)."""
    value = text.strip().upper()
    if not _WOS.fullmatch(value):
        raise InvalidIdentifier(f"not a Web of Science id: {text!r}")
    return value


def normalize_scopus(text: str) -> str:
    """Return a Scopus EID ("2-s2.0-" plus digits); a bare Scopus id gets the prefix."""
    value = text.strip()
    if _SCOPUS_ID.fullmatch(value):
        value = f"2-s2.0-{value}"
    if not _SCOPUS_EID.fullmatch(value):
        raise InvalidIdentifier(f"not a Scopus EID: {text!r}")
    return value


def normalize_orcid(text: str) -> str:
    """Return an ORCID iD in bare form after checking its ISO 7064 check character."""
    from stdnum.exceptions import ValidationError
    from stdnum.iso7064 import mod_11_2

    value = text.strip().upper()
    try:
        mod_11_2.validate(value.replace("-", ""))
    except ValidationError as exc:
        raise InvalidIdentifier(f"ORCID {value} is invalid: {exc}") from exc
    return value


def normalize_urn(text: str) -> str:
    """Return a URN with its "urn:" and namespace in lower case."""
    value = text.strip()
    parts = value.split(":", 2)
    if len(parts) < 3 or parts[0].lower() != "urn" or not parts[2]:
        raise InvalidIdentifier(f"not a URN: {text!r}")
    return f"urn:{parts[1].lower()}:{parts[2]}"


def normalize_url(text: str) -> str:
    """Return an http(s) URL as found, trimmed; nothing else is a URL."""
    value = text.strip()
    if not _URL.match(value):
        raise InvalidIdentifier(f"not a URL: {text!r}")
    return value


def keep_text(text: str) -> str:
    """Return the text trimmed, for identifiers oaiwalk does not interpret."""
    return " ".join(text.split())


CONVERTERS: dict[str, Callable[[str], str]] = {
    "arxiv": normalize_arxiv,
    "doi": normalize_doi,
    "hal": normalize_hal,
    "handle": normalize_handle,
    "isbn": normalize_isbn,
    "issn": normalize_issn,
    "orcid": normalize_orcid,
    "pmcid": normalize_pmcid,
    "pmid": normalize_pmid,
    "scopus": normalize_scopus,
    "text": keep_text,
    "url": normalize_url,
    "urn": normalize_urn,
    "wos": normalize_wos,
}


def convert_identifier(converter: str, text: str) -> str:
    """Run the named converter; raise InvalidIdentifier when the text fails it."""
    return CONVERTERS[converter](text)
