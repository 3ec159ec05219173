"""HTML pages: a record's landing page (citation, exports, embedded metadata) and the index.

Every value from a record is escaped with ``html.escape`` (text and attributes); JSON-LD
is embedded with ``<`` written as ``\\u003c`` so no value can close the script element.
The embedded metadata is what Zotero's connector and Google Scholar read: Highwire
``citation_*`` meta tags, schema.org JSON-LD and a COinS span.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from html import escape
from urllib.parse import urlencode

from oaiwalk.model import Name, Record
from oaiwalk.registry import Registry

__all__ = ["EXPORTS", "highwire_tags", "coins", "index_page", "landing_page"]

#: Export links on a landing page: (label, ?format= value).
EXPORTS = (
    ("BibTeX", "bibtex"),
    ("BibLaTeX", "biblatex"),
    ("RIS", "ris"),
    ("CSL-JSON", "csl-json"),
    ("Turtle", "turtle"),
    ("JSON-LD", "jsonld"),
    ("RDF/XML", "rdfxml"),
    ("N-Triples", "ntriples"),
)

_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.5;color:#222}h1{font-size:1.5rem}dt{font-weight:600}"
    ".cite{background:#f5f5f5;padding:.75rem;border-left:3px solid #888}"
    "nav a{margin-right:.75rem}li{margin:.4rem 0}"
)


def _name(name: Name) -> str:
    return name.display()


def highwire_tags(record: Record) -> list[tuple[str, str]]:
    """Return (name, content) pairs of Highwire Press ``citation_*`` meta tags."""
    tags: list[tuple[str, str]] = []
    add = tags.append
    if record.title:
        add(("citation_title", record.title))
    for author in record.author:
        add(("citation_author", _name(author)))
        if author.orcid:
            add(("citation_author_orcid", f"https://orcid.org/{author.orcid}"))
    if record.issued and record.issued.parts:
        add(("citation_publication_date", "/".join(str(p) for p in record.issued.parts[0])))
    csl_type = record.type.csl
    if record.container_title:
        key = (
            "citation_journal_title"
            if csl_type.startswith("article")
            else (
                "citation_conference_title"
                if csl_type == "paper-conference"
                else "citation_inbook_title"
            )
        )
        add((key, record.container_title))
    for key, value in (
        ("citation_volume", record.volume),
        ("citation_issue", record.issue),
        ("citation_doi", record.doi),
        ("citation_issn", record.issn),
        ("citation_isbn", record.isbn),
        ("citation_publisher", record.publisher),
        ("citation_language", record.language),
        ("citation_pmid", record.pmid),
        ("citation_abstract", record.abstract),
    ):
        if value:
            add((key, value))
    if record.page:
        first, _, last = record.page.partition("-")
        add(("citation_firstpage", first.strip()))
        if last.strip():
            add(("citation_lastpage", last.strip()))
    if csl_type == "thesis" and record.publisher:
        add(("citation_dissertation_institution", record.publisher))
    if csl_type == "report" and record.publisher:
        add(("citation_technical_report_institution", record.publisher))
    for keyword in record.keyword:
        add(("citation_keywords", keyword))
    if record.url:
        key = (
            "citation_pdf_url"
            if record.url.lower().endswith(".pdf")
            else ("citation_abstract_html_url")
        )
        add((key, record.url))
    return tags


def coins(record: Record) -> str:
    """Return the COinS (OpenURL 1.0 KEV) title attribute value for a record."""
    is_journal = record.type.csl.startswith("article") and bool(record.container_title)
    is_book = record.type.csl in ("book", "chapter")
    fmt = "journal" if is_journal else "book" if is_book else "dc"
    pairs: list[tuple[str, str]] = [
        ("ctx_ver", "Z39.88-2004"),
        ("rft_val_fmt", f"info:ofi/fmt:kev:mtx:{fmt}"),
        ("rfr_id", "info:sid/oaiwalk"),
    ]
    if record.doi:
        pairs.append(("rft_id", f"info:doi/{record.doi}"))
    if record.url:
        pairs.append(("rft_id", record.url))
    title_key = {"journal": "rft.atitle", "book": "rft.btitle"}.get(fmt, "rft.title")
    if record.title:
        pairs.append((title_key, record.title))
    if record.container_title and fmt == "journal":
        pairs.append(("rft.jtitle", record.container_title))
    for author in record.author:
        if author.literal:
            pairs.append(("rft.aucorp" if fmt != "dc" else "rft.creator", author.literal))
        elif fmt == "dc":
            pairs.append(("rft.creator", _name(author)))
        else:
            pairs.append(("rft.au", _name(author)))
    if record.issued and record.issued.iso():
        pairs.append(("rft.date", record.issued.iso() or ""))
    for key, value in (
        ("rft.volume", record.volume),
        ("rft.issue", record.issue),
        ("rft.pages", record.page),
        ("rft.issn", record.issn),
        ("rft.isbn", record.isbn),
        ("rft.pub", record.publisher),
        ("rft.language", record.language),
    ):
        if value and fmt != "dc":
            pairs.append((key, value))
    if fmt == "journal":
        pairs.append(("rft.genre", "article"))
    return urlencode(pairs)


def _render(registry: Registry, name: str, records: Iterable[Record], **options: object) -> str:
    out = io.StringIO()
    registry.get(name)(list(records), out, **options)
    return out.getvalue()


def _json_for_script(text: str) -> str:
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _page(title: str, head: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n{head}</head>\n"
        f"<body>\n{body}</body>\n</html>\n"
    )


def landing_page(record: Record, href: str, registry: Registry, base_uri: str) -> str:
    """Return the landing page of one record; ``href`` is its path on this server."""
    meta = "".join(
        f'<meta name="{escape(k)}" content="{escape(v)}">\n' for k, v in highwire_tags(record)
    )
    jsonld = _render(registry, "jsonld", [record], profile="schema", base_uri=base_uri)
    head = (
        f'{meta}<link rel="canonical" href="{escape(href)}">\n'
        + "".join(
            f'<link rel="alternate" type="{escape(media)}" href="{escape(href)}?format={fmt}">\n'
            for media, fmt in (
                ("application/x-bibtex", "bibtex"),
                ("application/x-research-info-systems", "ris"),
                ("application/vnd.citationstyles.csl+json", "csl-json"),
                ("text/turtle", "turtle"),
            )
        )
        + f'<script type="application/ld+json">{_json_for_script(jsonld.strip())}</script>\n'
    )
    citation = _render(registry, "citation", [record], style="apa", html=True)
    authors = "; ".join(escape(_name(n)) for n in record.author) or "—"
    year = record.issued.year if record.issued and record.issued.year else "n.d."
    details = "".join(
        f"<dt>{escape(label)}</dt><dd>{escape(str(value))}</dd>"
        for label, value in (
            ("Authors", "; ".join(_name(n) for n in record.author)),
            ("Year", year),
            ("Type", record.type.csl),
            ("Journal / container", record.container_title),
            ("Volume", record.volume),
            ("Issue", record.issue),
            ("Pages", record.page),
            ("Publisher", record.publisher),
            ("DOI", record.doi),
            ("Language", record.language),
            ("Licence", record.license),
            ("OAI identifier", record.provenance.header.identifier),
        )
        if value
    )
    exports = "".join(
        f'<a class="export" href="{escape(href)}?format={fmt}" download>{label}</a>'
        for label, fmt in EXPORTS
    )
    abstract = f"<h2>Abstract</h2><p>{escape(record.abstract)}</p>" if record.abstract else ""
    link = ""
    if record.doi:
        doi_url = f"https://doi.org/{record.doi}"
        link = f'<p><a href="{escape(doi_url)}">{escape(doi_url)}</a></p>'
    body = (
        f'<p><a href="/">&larr; all records</a></p>\n'
        f"<h1>{escape(record.title or record.id)}</h1>\n<p>{authors} ({year})</p>\n{link}"
        f'<h2>Cite</h2><div class="cite">{citation}</div>\n'
        f'<h2>Export</h2><nav id="exports">{exports}</nav>\n'
        f"<h2>Details</h2><dl>{details}</dl>\n{abstract}\n"
        f'<span class="Z3988" title="{escape(coins(record))}"></span>\n'
    )
    return _page(record.title or record.id, head, body)


def index_page(
    records: list[Record], query: str, page: int, pages: int, total: int, hrefs: list[str]
) -> str:
    """Return the index: a search box, one page of records, and paging links."""
    items = "".join(
        f'<li><a href="{escape(href)}">{escape(r.title or r.id)}</a> — '
        f"{escape('; '.join(_name(n) for n in r.author[:3]))}"
        f"{' et al.' if len(r.author) > 3 else ''}"
        f" ({r.issued.year if r.issued and r.issued.year else 'n.d.'})</li>\n"
        for r, href in zip(records, hrefs, strict=True)
    )
    q = escape(query)
    nav = []
    if page > 1:
        nav.append(
            f'<a rel="prev" href="/?{escape(urlencode({"q": query, "page": page - 1}))}">'
            "previous</a>"
        )
    if page < pages:
        nav.append(
            f'<a rel="next" href="/?{escape(urlencode({"q": query, "page": page + 1}))}">next</a>'
        )
    body = (
        "<h1>Records</h1>\n"
        f'<form method="get" action="/"><input type="search" name="q" value="{q}" '
        'placeholder="title, author or year" aria-label="search">'
        '<button type="submit">Search</button></form>\n'
        f"<p>{total} record{'s' if total != 1 else ''}"
        f"{f' matching “{q}”' if query else ''}; page {page} of {max(pages, 1)}</p>\n"
        f'<ol start="{(page - 1) * 25 + 1 if records else 1}">\n{items}</ol>\n'
        f"<nav>{' '.join(nav)}</nav>\n"
        '<p>Dumps: <a href="/dump.nt.gz">N-Triples</a> <a href="/dump.ttl">Turtle</a> '
        '<a href="/dump.bib">BibTeX</a> <a href="/dump.json">CSL-JSON</a> '
        '<a href="/dump.ris">RIS</a></p>\n'
    )
    return _page("Records", "", body)
