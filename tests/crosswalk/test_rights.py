"""Rights: licence IRIs from URLs and names, access rights, statements kept as text."""

from __future__ import annotations

import pytest

from oaiwalk.crosswalk import crosswalk
from oaiwalk.crosswalk.rights import license_from_text, license_from_url
from oaiwalk.model import DcRecord, DcValue, OaiHeader, Record


def _walk(*rights: str) -> Record:
    values = tuple(DcValue("rights", text) for text in rights)
    return crosswalk(DcRecord(OaiHeader("oai:test:rights"), values))


@pytest.mark.parametrize(
    ("url", "iri"),
    [
        (
            "http://creativecommons.org/licenses/by-sa/4.0/",
            "https://creativecommons.org/licenses/by-sa/4.0/",
        ),
        (
            "https://creativecommons.org/licenses/by/2.5",
            "https://creativecommons.org/licenses/by/2.5/",
        ),
        (
            "http://creativecommons.org/licenses/by-nc/4.0/legalcode",
            "https://creativecommons.org/licenses/by-nc/4.0/",
        ),
        (
            "https://creativecommons.org/licenses/by/4.0/deed.de",
            "https://creativecommons.org/licenses/by/4.0/",
        ),
        (
            "http://creativecommons.org/licenses/by-nc-sa/3.0/es/",
            "https://creativecommons.org/licenses/by-nc-sa/3.0/es/",
        ),
        (
            "http://www.creativecommons.org/publicdomain/zero/1.0/",
            "https://creativecommons.org/publicdomain/zero/1.0/",
        ),
        (
            "http://creativecommons.org/publicdomain/mark/1.0/",
            "https://creativecommons.org/publicdomain/mark/1.0/",
        ),
        (
            "http://opensource.org/licenses/BSD-3-Clause",
            "https://opensource.org/licenses/BSD-3-Clause",
        ),
        (
            "https://rightsstatements.org/page/NoC-US/1.0/?language=en",
            "http://rightsstatements.org/vocab/NoC-US/1.0/",
        ),
    ],
)
def test_licence_urls(url: str, iri: str) -> None:
    found = license_from_url(url)
    assert found is not None and found[0] == iri


def test_other_urls_are_no_licence() -> None:
    assert license_from_url("https://repository.example.org/policies") is None
    assert license_from_url("https://creativecommons.org/about/") is None


@pytest.mark.parametrize(
    ("text", "iri"),
    [
        (
            "Attribution-ShareAlike 4.0 International",
            "https://creativecommons.org/licenses/by-sa/4.0/",
        ),
        ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
        ("CC BY-NC-ND 3.0", "https://creativecommons.org/licenses/by-nc-nd/3.0/"),
        (
            "Creative Commons Attribution 4.0 International (CC BY 4.0)",
            "https://creativecommons.org/licenses/by/4.0/",
        ),
        (
            "Creative Commons Attribution-NonCommercial 3.0 Unported License",
            "https://creativecommons.org/licenses/by-nc/3.0/",
        ),
        (
            "Distributed under the Creative Commons Attribution-NoDerivs 2.0 licence.",
            "https://creativecommons.org/licenses/by-nd/2.0/",
        ),
        ("CC0 1.0 Universal", "https://creativecommons.org/publicdomain/zero/1.0/"),
        ("MIT License", "https://opensource.org/licenses/MIT"),
    ],
)
def test_licence_names(text: str, iri: str) -> None:
    found = license_from_text(text)
    assert found is not None and found[0] == iri


@pytest.mark.parametrize(
    "text",
    [
        "CC BY",  # no version: which licence is unknown
        "Creative Commons Attribution-ShareAlike",
        "Creative Commons Attribution 3.0 Austria",  # ported: the country code is not reliable
        "Copyright 2011 Example Society of Physics. All rights reserved.",
        "Metadata are available under CC0 1.0",  # the metadata's licence, not the work's
    ],
)
def test_names_that_give_no_licence(text: str) -> None:
    assert license_from_text(text) is None


def test_dspace_licence_name_url_and_access_right() -> None:
    record = _walk(
        "Attribution-NonCommercial 4.0 International",
        "http://creativecommons.org/licenses/by-nc/4.0/",
        "info:eu-repo/semantics/openAccess",
    )
    assert record.license == "https://creativecommons.org/licenses/by-nc/4.0/"
    assert record.access_rights == "openAccess"
    assert record.rights == ("Attribution-NonCommercial 4.0 International",)
    decisions = {(d.field, d.rule): d.sources for d in record.provenance.decisions}
    assert decisions[("license", "rights:creativecommons")] == (1,)
    assert decisions[("license", "rights.creativecommons-text")] == (0,)
    assert decisions[("access_rights", "rights:open-access")] == (2,)
    assert decisions[("rights", "rights.statement")] == (0,)


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("info:eu-repo/semantics/closedAccess", "closedAccess"),
        ("info:eu-repo/semantics/embargoedAccess", "embargoedAccess"),
        ("info:eu-repo/semantics/restrictedAccess", "restrictedAccess"),
        ("http://purl.org/coar/access_right/c_abf2", "openAccess"),
        ("Open Access", "openAccess"),
        ("openAccess", "openAccess"),
    ],
)
def test_access_rights(text: str, term: str) -> None:
    record = _walk(text)
    assert record.access_rights == term
    assert record.rights == ()


def test_conflicting_access_rights_are_reported() -> None:
    record = _walk("info:eu-repo/semantics/openAccess", "info:eu-repo/semantics/closedAccess")
    assert record.access_rights == "openAccess"
    [entry] = record.provenance.rejected
    assert entry.index == 1 and "openAccess" in entry.reason


def test_free_text_statements_are_kept_once() -> None:
    statement = "© 2019 The Authors. Reuse permitted for research only."
    record = _walk(statement, statement)
    assert record.rights == (statement,)
    assert record.license is None


def test_url_inside_a_statement_gives_the_licence_and_keeps_the_text() -> None:
    text = "Licensed under https://creativecommons.org/licenses/by/4.0/ ; see the publisher's terms"
    record = _walk(text)
    assert record.license == "https://creativecommons.org/licenses/by/4.0/"
    assert record.rights == (text,)


def test_a_second_different_licence_url_is_reported() -> None:
    record = _walk(
        "https://creativecommons.org/licenses/by/4.0/", "http://opensource.org/licenses/MIT"
    )
    assert record.license == "https://creativecommons.org/licenses/by/4.0/"
    [entry] = record.provenance.rejected
    assert entry.index == 1 and "second licence" in entry.reason


@pytest.mark.parametrize(
    ("text", "iri"),
    [
        ("CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/"),
        (
            "Creative Commons — Attribution-ShareAlike 4.0",
            "https://creativecommons.org/licenses/by-sa/4.0/",
        ),
        ("Apache-2.0", "https://www.apache.org/licenses/LICENSE-2.0"),
        ("GPL-3.0-or-later", "https://www.gnu.org/licenses/gpl-3.0.html"),
    ],
)
def test_spdx_style_names(text: str, iri: str) -> None:
    found = license_from_text(text)
    assert found is not None and found[0] == iri


@pytest.mark.parametrize(
    ("text", "iri"),
    [
        (
            "Reconocimiento-NoComercial-SinObraDerivada 4.0 Internacional",
            "https://creativecommons.org/licenses/by-nc-nd/4.0/",
        ),
        (
            "Reconeixement-CompartirIgual 4.0 Internacional",
            "https://creativecommons.org/licenses/by-sa/4.0/",
        ),
        (
            "Namensnennung - Nicht kommerziell 4.0 International",
            "https://creativecommons.org/licenses/by-nc/4.0/",
        ),
        (
            "Licencia Creative Commons Atribución-NoComercial 4.0",
            "https://creativecommons.org/licenses/by-nc/4.0/",
        ),
    ],
)
def test_translated_licence_names(text: str, iri: str) -> None:
    found = license_from_text(text)
    assert found is not None and found[0] == iri


def test_eprints_access_rights_vocabulary() -> None:
    assert _walk("http://purl.org/eprint/accessRights/OpenAccess").access_rights == "openAccess"
