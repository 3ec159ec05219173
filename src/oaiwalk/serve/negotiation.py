"""Content negotiation on ``Accept``, with the media types of DOI content negotiation."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Choice", "OFFERS", "choose", "parse_accept"]

#: media type -> writer name, in the order offered (DOI content negotiation's list, plus HTML).
OFFERS: dict[str, str] = {
    "text/html": "html",
    "application/vnd.citationstyles.csl+json": "csl-json",
    "application/x-bibtex": "bibtex",
    "application/x-research-info-systems": "ris",
    "text/x-bibliography": "citation",
    "text/turtle": "turtle",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "rdfxml",
    "application/n-triples": "ntriples",
    "application/x-biblatex": "biblatex",
    "application/citeproc+json": "csl-json",
    "text/x-bibtex": "bibtex",
    "application/json": "csl-json",
}


@dataclass(frozen=True)
class Choice:
    """The representation chosen: a writer name, its media type and the Accept parameters."""

    writer: str
    media_type: str
    params: dict[str, str] = field(default_factory=dict)


def parse_accept(header: str) -> list[tuple[str, float, dict[str, str]]]:
    """Parse an Accept header into (media range, q, parameters), best first (RFC 9110 12.5.1)."""
    ranges: list[tuple[str, float, dict[str, str], int]] = []
    for order, part in enumerate(header.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if not media:
            continue
        q, params = 1.0, {}
        for piece in pieces[1:]:
            key, _, value = piece.partition("=")
            key, value = key.strip().lower(), value.strip().strip('"')
            if key == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
            elif key:
                params[key] = value
        specificity = 0 if media == "*/*" else 1 if media.endswith("/*") else 2
        ranges.append((media, q, params, -specificity * 1000 + order))
    ranges.sort(key=lambda r: (-r[1], r[3]))
    return [(m, q, p) for m, q, p, _ in ranges]


def choose(accept: str | None, fmt: str | None = None) -> Choice | None:
    """Pick the representation for a request; ``fmt`` (``?format=``) overrides Accept."""
    if fmt:
        fmt = fmt.lower()
        for media, writer in OFFERS.items():
            if fmt in (writer, media):
                return Choice(writer, media)
        return None
    if not accept:
        return Choice("html", "text/html")
    for media, q, params in parse_accept(accept):
        if q <= 0:
            continue
        if media in OFFERS:
            return Choice(OFFERS[media], media, params)
        if media in ("*/*", "text/*"):
            return Choice("html", "text/html", params)
        if media.endswith("/*"):
            family = media[:-1]
            for offer, writer in OFFERS.items():
                if offer.startswith(family):
                    return Choice(writer, offer, params)
    return None
