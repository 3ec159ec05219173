"""Crosswalk step: dc:rights to ``license`` (an IRI), ``access_rights`` and ``rights``.

A licence comes from a URL (``license_url`` rows and their converter) or from a
recognisable name (Creative Commons names via ``cc_element`` rows, others via
``license_text`` rows); a URL beats a name. Access-right terms and IRIs go to
``access_rights``; every statement that is more than a bare URL or term is kept
as text in ``rights``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache

from oaiwalk.crosswalk.tables import load_table
from oaiwalk.crosswalk.textclean import clean_inline
from oaiwalk.crosswalk.trail import decide, note_used, reject, value_indexes
from oaiwalk.model import DcRecord, Record

__all__ = ["CONVERTERS", "apply", "license_from_text", "license_from_url"]

_URL = re.compile(r"https?://[^\s<>\"']+", re.I)
_CC_PATH = re.compile(
    r"^(licenses|publicdomain)/([a-z0-9-]+)(?:/(\d\.\d))?(?:/([a-z]{2}(?:-[a-z]{2})?))?(?:/|$)",
    re.I,
)
_CC_VERSION = re.compile(r"\b(\d\.\d)\b")
# words that may follow a Creative Commons name without changing the licence
_CC_FILLER = {  # words around a Creative Commons name that do not change the licence
    *("international", "internacional", "internationale", "internazionale", "unported"),
    *("generic", "genérica", "universal", "public", "cc", "creative", "commons", "(cc"),
    *("license", "licence", "licencia", "llicència", "licença", "lizenz", "licentie", "licenza"),
    *("the", "of", "terms", "under", "a", "attribution", "de", "la"),
}
_CC_SPLIT = re.compile(r"[\s\-–—/,()]+")
_CC_MAX_WORDS = 6  # the longest translated element name, in words


def _bare(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url.strip().rstrip(".,;)"), flags=re.I)


def _creativecommons_url(url: str) -> str | None:
    """Return the canonical https IRI of a Creative Commons licence or tool URL."""
    path = _bare(url).split("/", 1)[1] if "/" in _bare(url) else ""
    match = _CC_PATH.match(path)
    if not match:
        return None
    kind, code, version, port = match.groups()
    parts = [kind.lower(), code.lower(), version, port.lower() if port else None]
    return "https://creativecommons.org/" + "/".join(p for p in parts if p) + "/"


def _https(url: str) -> str | None:
    """Return the URL with an https scheme, as the licence steward publishes it."""
    url = url.strip().rstrip(".,;)")
    return re.sub(r"^http://", "https://", url, flags=re.I) if _bare(url) else None


def _rightsstatements(url: str) -> str | None:
    """Return the vocab IRI of a RightsStatements.org statement (page/ URLs included)."""
    match = re.search(r"rightsstatements\.org/(?:vocab|page)/([A-Za-z-]+)/(\d\.\d)", url)
    return (
        f"http://rightsstatements.org/vocab/{match.group(1)}/{match.group(2)}/" if match else None
    )


CONVERTERS: dict[str, Callable[[str], str | None]] = {
    "creativecommons-url": _creativecommons_url,
    "https": _https,
    "rightsstatements": _rightsstatements,
}


def license_from_url(url: str) -> tuple[str, str] | None:
    """Return (licence IRI, rule) for a licence URL the table knows, else None."""
    bare = _bare(url).lower()
    for row in load_table("rights")["license_url"]:
        if any(bare.startswith(prefix) for prefix in row["match"]):
            iri = CONVERTERS[row["convert"]](url)
            if iri:
                return iri, f"rights:{row['id']}"
    return None


@cache
def _cc_elements() -> dict[str, str]:
    """Return {element name without spaces or hyphens: code} from the cc_element rows."""
    rows = load_table("rights")["cc_element"]
    return {_squash(m): row["code"] for row in rows for m in row["match"]}


def _squash(text: str) -> str:
    return re.sub(r"[\s\-–—'’]+", "", text)


def _cc_codes(words: list[str], elements: dict[str, str]) -> list[str] | None:
    """Read licence elements from words; multi-word names ("no comercial") are joined."""
    codes: list[str] = []
    k = 0
    while k < len(words):
        for size in range(min(_CC_MAX_WORDS, len(words) - k), 0, -1):
            code = elements.get(_squash("".join(words[k : k + size])))
            if code:
                break
        if code:
            codes.extend([] if code in codes else [code])
            k += size
        elif words[k] in _CC_FILLER:
            k += 1
        else:
            return None
    return codes


def _creativecommons_text(text: str) -> str | None:
    """Return the IRI of a Creative Commons licence named in words, when unambiguous.

    The name must carry a version ("4.0") and no jurisdiction (a ported licence
    needs its country code, which a name does not reliably give). Official
    translations of the element names ("Reconocimiento-NoComercial") are read too.
    """
    low = text.lower()
    elements = _cc_elements()
    by_words = [w for w, code in elements.items() if code == "by" and len(w) > 2]
    starts = r"creative commons|\bcc\b|" + "|".join(rf"\b{re.escape(w)}" for w in by_words)
    start = min((m.start() for m in re.finditer(starts, low)), default=-1)
    version = _CC_VERSION.search(low, max(start, 0))
    if start < 0 or not version:
        return None
    words = [
        w
        for w in _CC_SPLIT.split(low[start : version.start()].replace("creative commons", " "))
        if w
    ]
    codes = _cc_codes(words, elements)
    clause = re.split(r"[;]|[,.](?:\s|$)", low[version.end() :])[0]
    tail_words = [w for w in _CC_SPLIT.split(clause) if w and w != version.group(1)]
    tail = _cc_codes(tail_words, elements)
    if codes is None or tail is None or not codes or codes[0] != "by":
        return None
    order = [c for c in ("by", "nc", "nd", "sa") if c in codes + tail]
    return f"https://creativecommons.org/licenses/{'-'.join(order)}/{version.group(1)}/"


def license_from_text(text: str) -> tuple[str, str] | None:
    """Return (licence IRI, rule) for a licence named in words, else None."""
    table = load_table("rights")
    for row in table["not_work_license"]:
        if re.search(row["pattern"], text, re.I):
            return None
    for row in table["license_text"]:
        if re.search(row["pattern"], text.strip(), re.I):
            return row["iri"], f"rights:{row['id']}"
    iri = _creativecommons_text(text)
    return (iri, "rights.creativecommons-text") if iri else None


@cache
def _access_terms() -> dict[str, tuple[str, str]]:
    return {
        m: (row["term"], row["id"]) for row in load_table("rights")["access"] for m in row["match"]
    }


def _about_other_work(text: str) -> bool:
    return any(
        re.search(r["pattern"], text, re.I) for r in load_table("rights")["not_work_license"]
    )


_Licence = tuple[str, str]


@lru_cache(maxsize=4096)  # pure; a repository states its rights the same way every time
def _read_value(
    raw: str,
) -> tuple[str, _Licence | None, tuple[str, ...], tuple[_Licence, ...], _Licence | None]:
    """Return (clean text, access term, URLs, licences from URLs, licence from words)."""
    text = clean_inline(raw)
    term = _access_terms().get(text.lower().rstrip("."))
    if term:
        return text, term, (), (), None
    urls = tuple(_URL.findall(text))
    if _about_other_work(text):
        return text, None, urls, (), None
    url_licences = tuple(found for url in urls if (found := license_from_url(url)))
    return text, None, urls, url_licences, license_from_text(text)


def apply(dc: DcRecord, record: Record) -> Record:
    """Set ``license``, ``access_rights`` and ``rights`` from dc:rights values."""
    from_url: list[tuple[str, str, int]] = []
    from_text: list[tuple[str, str, int]] = []
    statements: dict[str, list[int]] = {}
    access: list[tuple[str, str, int]] = []
    for index in value_indexes(dc, "rights"):
        text, term, urls, url_licences, text_licence = _read_value(dc.values[index].text)
        if term:
            access.append((term[0], f"rights:{term[1]}", index))
            continue
        from_url.extend((*found, index) for found in url_licences)
        if text_licence:
            from_text.append((*text_licence, index))
        is_bare_url = (
            len(urls) == 1 and text.strip() == urls[0] and from_url and from_url[-1][2] == index
        )
        if not is_bare_url:
            statements.setdefault(text, []).append(index)
    licences = from_url + from_text
    if licences:
        iri, rule, _ = licences[0]
        sources = sorted({i for other, r, i in licences if other == iri and r == rule})
        record = decide(record, rule, sources, license=iri)
        stated = {i for indexes in statements.values() for i in indexes}
        for other, other_rule, index in licences[1:]:
            if other == iri and other_rule != rule:
                record = note_used(record, "license", other_rule, [index])
            elif other != iri and index not in stated:
                record = reject(record, index, f"a second licence; {iri} was kept")
    if access:
        kept, rule, _ = access[0]
        sources = [i for t, _, i in access if t == kept]
        record = decide(record, rule, sources, access_rights=kept)
        for other, _, index in access:
            if other != kept:
                record = reject(record, index, f"conflicts with access right {kept}")
    if statements:
        sources = sorted(i for indexes in statements.values() for i in indexes)
        record = decide(record, "rights.statement", sources, rights=tuple(statements))
    return record
