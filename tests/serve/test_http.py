"""HTTP behaviour of ``oaiwalk serve``: every media type, errors, caching headers, dumps."""

from __future__ import annotations

import gzip
import io
import json
import re

import httpx
import pytest
import rdflib

from oaiwalk.writers.rdf_terms import record_slug

ARTICLE = "oai:repo.example.org:123/456"
EVIL = "oai:evil.example.org:1"


def url(base: str, record_id: str) -> str:
    return f"{base}records/{record_slug(record_id)}"


@pytest.mark.parametrize(
    ("accept", "content_type"),
    [
        ("text/turtle", "text/turtle"),
        ("application/ld+json", "application/ld+json"),
        ("application/rdf+xml", "application/rdf+xml"),
        ("application/n-triples", "application/n-triples"),
        ("application/x-bibtex", "application/x-bibtex"),
        ("application/x-research-info-systems", "application/x-research-info-systems"),
        ("application/vnd.citationstyles.csl+json", "application/vnd.citationstyles.csl+json"),
        ("text/x-bibliography; style=apa; locale=en-US", "text/x-bibliography"),
        ("text/html", "text/html"),
    ],
)
def test_each_media_type_is_served_with_its_content_type(server_url, accept, content_type):
    response = httpx.get(url(server_url, ARTICLE), headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == content_type
    assert response.headers["vary"] == "Accept"
    assert response.headers["etag"].startswith('"')
    assert response.headers["last-modified"] == "Sun, 01 Jun 2025 08:00:00 GMT"
    assert "Long-term outcomes" in response.text or "Long-term" in response.text


def test_rdf_answers_parse_and_use_the_server_as_base(server_url):
    subject = rdflib.URIRef(url(server_url, ARTICLE))
    for accept, fmt in [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ]:
        text = httpx.get(url(server_url, ARTICLE), headers={"Accept": accept}).text
        graph = rdflib.Graph().parse(data=text, format=fmt)
        assert (subject, None, None) in graph, accept


def test_csl_json_and_bibliography(server_url):
    csl = httpx.get(
        url(server_url, ARTICLE), headers={"Accept": "application/vnd.citationstyles.csl+json"}
    ).json()
    items = csl if isinstance(csl, list) else [csl]
    assert items[0]["DOI"] == "10.1234/jem.2023.0042"
    text = httpx.get(
        url(server_url, ARTICLE), headers={"Accept": "text/x-bibliography; style=apa"}
    ).text
    assert "2023" in text and "van der Berg" in text


def test_q_values_and_wildcards(server_url):
    r = httpx.get(
        url(server_url, ARTICLE), headers={"Accept": "text/html;q=0.5, application/x-bibtex;q=0.9"}
    )
    assert r.headers["content-type"].startswith("application/x-bibtex")
    r = httpx.get(url(server_url, ARTICLE), headers={"Accept": "*/*"})
    assert r.headers["content-type"].startswith("text/html")


def test_format_parameter_overrides_accept(server_url):
    r = httpx.get(url(server_url, ARTICLE) + "?format=ris", headers={"Accept": "text/html"})
    assert r.status_code == 200 and r.text.startswith("TY  - ")


def test_406_lists_available_media_types(server_url):
    r = httpx.get(url(server_url, ARTICLE), headers={"Accept": "image/png"})
    assert r.status_code == 406
    assert "text/turtle" in r.text and "application/x-bibtex" in r.text
    r = httpx.get(url(server_url, ARTICLE) + "?format=docx")
    assert r.status_code == 406


def test_unknown_record_is_404(server_url):
    assert httpx.get(f"{server_url}records/nothing-here").status_code == 404


def test_etag_gives_304(server_url):
    first = httpx.get(url(server_url, ARTICLE), headers={"Accept": "text/turtle"})
    again = httpx.get(
        url(server_url, ARTICLE),
        headers={"Accept": "text/turtle", "If-None-Match": first.headers["etag"]},
    )
    assert again.status_code == 304 and again.content == b""


def test_landing_page_escapes_hostile_values_and_embeds_metadata(server_url):
    html = httpx.get(url(server_url, EVIL), headers={"Accept": "text/html"}).text
    # the only elements are ours: one JSON-LD script, no image, no event handler
    assert html.count("<script") == 1
    assert "<img" not in html and "onerror=" not in html.replace("onerror=alert", "")
    assert "}{ braces, @misc{x, \\write18{rm -rf /} and 100% &quot;quotes&quot;" in html
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert ld is not None
    data = json.loads(ld.group(1))
    assert '100% \\"quotes\\"' in json.dumps(data, ensure_ascii=False)
    article = httpx.get(url(server_url, ARTICLE)).text
    assert '<meta name="citation_title" content="Long-term outcomes' in article
    assert article.count('<meta name="citation_author"') == 4
    assert '<meta name="citation_doi" content="10.1234/jem.2023.0042">' in article
    assert 'class="Z3988"' in article


def test_index_search_and_paging(server_url):
    html = httpx.get(server_url).text
    assert "Records" in html and "/records/" in html
    found = httpx.get(server_url, params={"q": "water mediterranean"}).text
    assert "Water management" in found or "gestión del agua" in found
    assert "Long-term outcomes" not in found
    assert "0 records" in httpx.get(server_url, params={"q": "zzzz-nothing"}).text


@pytest.mark.parametrize(("name", "fmt"), [("dump.nt.gz", "nt"), ("dump.ttl", "turtle")])
def test_dumps_stream_every_record(server_url, name, fmt):
    r = httpx.get(server_url + name)
    assert r.status_code == 200
    data = gzip.decompress(r.content) if name.endswith(".gz") else r.content
    graph = rdflib.Graph().parse(io.BytesIO(data), format=fmt)
    subjects = {str(s) for s in graph.subjects() if str(s).startswith(server_url + "records/")}
    assert url(server_url, ARTICLE) in subjects
    assert url(server_url, EVIL) in subjects
