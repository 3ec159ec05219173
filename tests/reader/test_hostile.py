"""Hostile XML: entity bombs, external entities and DTDs, XInclude, resource limits,
bad bytes. Nothing may be expanded, fetched or included; every case is one InputError."""

from __future__ import annotations

import gzip
import http.server
import io
import re
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from oaiwalk.errors import InputError
from oaiwalk.model import DcRecord, DcValue
from oaiwalk.reader import read_source
from oaiwalk.reader.oaipmh import iter_document

REFUSED = "DOCTYPE refused (DTDs and entities are not allowed in OAI-PMH)"
DC = (
    '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/">{}</oai_dc:dc>'
)
GOOD_RECORD = (
    '<record xmlns="http://www.openarchives.org/OAI/2.0/"><header><identifier>oai:ok:1'
    "</identifier></header><metadata>" + DC.format("<dc:title>fine</dc:title>") + "</metadata>"
    "</record>"
)


class _Recorder(http.server.BaseHTTPRequestHandler):
    """Answers every GET with an entity declaration and remembers the path."""

    requests: list[str]

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.requests.append(self.path)
        body = b'<!ENTITY leak "LEAKED">'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """A real HTTP server on loopback; yields its base URL and the requests it received."""
    requests: list[str] = []
    handler = type("Handler", (_Recorder,), {"requests": requests})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", requests
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def test_the_loopback_server_sees_requests(server: tuple[str, list[str]]) -> None:
    """Control: the server does record a fetch, so "no request" below means something."""
    url, requests = server
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with direct.open(f"{url}/control") as response:
        assert response.read() == b'<!ENTITY leak "LEAKED">'
    assert requests == ["/control"]


def _refused(data: bytes) -> InputError:
    with pytest.raises(InputError) as caught:
        list(read_source(data))
    return caught.value


def test_billion_laughs_is_refused_unexpanded() -> None:
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )
    data = f"<!DOCTYPE lolz [{entities}]>{DC.format('<dc:title>&a9;</dc:title>')}".encode()
    assert str(_refused(data)) == f"<bytes>: {REFUSED}"


def test_external_file_entity_is_refused() -> None:
    data = (
        '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        + DC.format("<dc:title>&xxe;</dc:title>")
    ).encode()
    error = _refused(data)
    assert str(error) == f"<bytes>: {REFUSED}"
    assert "root:" not in str(error)


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE r [<!ENTITY leak SYSTEM "{url}/entity">]>',  # external general entity
        '<!DOCTYPE r SYSTEM "{url}/external.dtd">',  # external DTD
        '<!DOCTYPE r PUBLIC "-//X//DTD X//EN" "{url}/public.dtd">',
        '<!DOCTYPE r [<!ENTITY % p SYSTEM "{url}/param.dtd"> %p;]>',  # parameter entity
    ],
    ids=["entity", "system-dtd", "public-dtd", "parameter-entity"],
)
def test_network_references_are_never_fetched(server: tuple[str, list[str]], doctype: str) -> None:
    url, requests = server
    data = (doctype.format(url=url) + DC.format("<dc:title>&leak;</dc:title>")).encode()
    assert str(_refused(data)) == f"<bytes>: {REFUSED}"
    # second line of defence: the parser itself, without the prolog check
    with pytest.raises(InputError, match=re.escape(REFUSED)):
        list(iter_document(io.BytesIO(data), "direct"))
    assert requests == []


def test_doctype_after_a_long_prolog_is_refused(server: tuple[str, list[str]]) -> None:
    url, requests = server
    prolog = '<?xml version="1.0"?>' + "<!-- padding -->\n" * 20_000 + "<?pi x?>"
    data = (
        prolog + f'<!DOCTYPE r SYSTEM "{url}/x.dtd">' + DC.format("<dc:title>t</dc:title>")
    ).encode()
    assert len(data) > 4 * 65536
    assert str(_refused(data)) == f"<bytes>: {REFUSED}"
    assert requests == []


def test_endless_prolog_is_refused() -> None:
    data = b"<!--" + b"x" * (17 * 2**20) + b"-->" + DC.format("").encode()
    assert str(_refused(data)) == "<bytes>: prolog longer than 16 MB refused"


def test_doctype_in_utf16_with_bom_and_in_gzip_is_refused() -> None:
    doc = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE r []>' + DC.format("")
    assert str(_refused(doc.encode("utf-16"))) == f"<bytes>: {REFUSED}"
    assert str(_refused(doc.encode("utf-16-le"))) == f"<bytes>: {REFUSED}"
    assert str(_refused(doc.encode("utf-16-be"))) == f"<bytes>: {REFUSED}"
    assert str(_refused(b"\xef\xbb\xbf" + doc.encode("utf-8"))) == f"<bytes>: {REFUSED}"
    assert str(_refused(gzip.compress(doc.encode("utf-8")))) == f"<bytes>: {REFUSED}"


def test_doctype_in_a_comment_is_only_text() -> None:
    data = ("<!-- <!DOCTYPE r> -->" + DC.format("<dc:title>t</dc:title>")).encode()
    (record,) = read_source(data)
    assert record.values == (DcValue("title", "t"),)


def test_xinclude_is_never_processed(server: tuple[str, list[str]]) -> None:
    url, requests = server
    xi = "http://www.w3.org/2001/XInclude"
    data = DC.format(
        f'<dc:title>A <xi:include xmlns:xi="{xi}" href="{url}/inc.xml" parse="text"/>B</dc:title>'
        f'<xi:include xmlns:xi="{xi}" href="file:///etc/passwd" parse="text"/>'
    ).encode()
    (record,) = read_source(data)
    assert record.values == (
        DcValue("title", "A B"),
        DcValue(f"{{{xi}}}include", "", None, (("href", "file:///etc/passwd"), ("parse", "text"))),
    )
    assert requests == []


def test_huge_text_node_is_an_input_error_after_the_good_records() -> None:
    huge = "x" * (11 * 10**6)
    data = (
        f"<ListRecords>{GOOD_RECORD}{DC.format(f'<dc:description>{huge}</dc:description>')}"
        "</ListRecords>"
    ).encode()
    seen: list[DcRecord] = []
    with pytest.raises(InputError) as caught:
        seen.extend(read_source(data))
    assert [r.header.identifier for r in seen] == ["oai:ok:1"]
    message = str(caught.value)
    assert message.startswith("<bytes>: not well-formed XML: ")
    assert "too long" in message or "huge" in message.lower()


def test_deep_nesting_is_an_input_error() -> None:
    depth = 10_000
    data = DC.format("<dc:title>" + "<n>" * depth + "</n>" * depth + "</dc:title>").encode()
    message = str(_refused(data))
    assert message.startswith("<bytes>: not well-formed XML: Excessive depth in document")
    assert "line 1, column" in message


def test_invalid_utf8_names_line_and_column() -> None:
    data = DC.format("\n<dc:title>caf\xe9</dc:title>").encode("latin-1")
    message = str(_refused(data))
    assert message.startswith("<bytes>: not well-formed XML: ")
    assert "line 2, column" in message


@pytest.mark.parametrize("bad", ["\x01", "\x0b", "&#1;", "&#xFFFE;"])
def test_control_characters_are_refused(bad: str) -> None:
    data = DC.format(f"<dc:title>a{bad}b</dc:title>").encode()
    message = str(_refused(data))
    assert message.startswith("<bytes>: not well-formed XML: ")
    assert "line 1, column" in message


def test_utf16_with_bom_file(tmp_path: Path) -> None:
    path = tmp_path / "u16.xml"
    path.write_bytes(
        ('<?xml version="1.0" encoding="UTF-16"?>' + DC.format("<dc:title>中文</dc:title>")).encode(
            "utf-16"
        )
    )
    (record,) = read_source(path)
    assert record.values == (DcValue("title", "中文"),)


def test_undefined_entity_is_not_well_formed() -> None:
    message = str(_refused(DC.format("<dc:title>&bogus;</dc:title>").encode()))
    assert message.startswith("<bytes>: not well-formed XML: ")
    assert "bogus" in message
