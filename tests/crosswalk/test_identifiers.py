"""Identifiers: DOI/ISSN/ISBN/PMID/... in every wrapping, relation rules, landing URL.

Fixtures are hand-written records shaped like what DSpace, HAL, PMC, OJS and EPrints
emit; the numbers are invented ones with valid check digits (or deliberately not).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oaiwalk.crosswalk import crosswalk
from oaiwalk.crosswalk.identifier_forms import normalize_doi
from oaiwalk.model import DcRecord, DcValue, OaiHeader, Record


def _walk(*pairs: tuple[str, str]) -> Record:
    values = tuple(DcValue(element, text) for element, text in pairs)
    return crosswalk(DcRecord(OaiHeader("oai:test:ids"), values))


def _ids(record: Record) -> list[tuple[str, str]]:
    return [(i.kind, i.value) for i in record.identifiers]


def _rules(record: Record, field: str) -> list[str]:
    return [d.rule for d in record.provenance.decisions if d.field == field]


@pytest.mark.parametrize(
    "text",
    [
        "10.1234/ABC.def-5",
        "doi:10.1234/abc.def-5",
        "DOI: 10.1234/abc.def-5",
        "DOI  :  10.1234/abc.def-5",
        "info:doi/10.1234/abc.def-5",
        "https://doi.org/10.1234/abc.def-5",
        "http://dx.doi.org/10.1234/abc.def-5",
        "https://doi.org/10.1234%2Fabc.def-5",
        "https://onlinelibrary.example.com/doi/10.1234/abc.def-5",
        "Smith J. A title. Journal of Tests. 2020;4(2):10-20. doi: 10.1234/abc.def-5.",
    ],
)
def test_doi_in_every_wrapping_is_lower_case_bare(text: str) -> None:
    record = _walk(("identifier", text))
    assert record.doi == "10.1234/abc.def-5"
    assert ("doi", "10.1234/abc.def-5") in _ids(record)


_SUFFIX = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._;()/:\-]{0,30}[A-Za-z0-9]", fullmatch=True)


@given(registrant=st.integers(1000, 999999999), suffix=_SUFFIX)
def test_every_wrapping_of_a_doi_normalises_to_the_same_bare_doi(registrant, suffix) -> None:
    doi = f"10.{registrant}/{suffix}"
    expected = normalize_doi(doi)
    assert expected == doi.lower()
    assert normalize_doi(expected) == expected
    for text in (f"doi:{doi}", f"https://doi.org/{doi}", f"info:doi/{doi.upper()}", f"DOI: {doi}"):
        assert _walk(("identifier", text)).doi == expected, text


def test_doi_inside_a_hal_source_citation_loses_its_escaped_brackets() -> None:
    record = _walk(
        (
            "source",
            "Journal of Tests, Test Society, 2013, 87 (3), pp.033017. "
            "&#x3008;10.5555/TEST.87.033017&#x3009;",
        )
    )
    assert record.doi == "10.5555/test.87.033017"


def test_alt_identifier_in_relation_is_the_works_own() -> None:
    record = _walk(
        ("identifier", "https://hdl.handle.net/20.500.99999/42"),
        ("relation", "info:eu-repo/semantics/altIdentifier/doi/10.1234/own"),
        ("relation", "info:eu-repo/semantics/altIdentifier/arxiv/2101.00001"),
        ("relation", "info:eu-repo/semantics/altIdentifier/pmid/12345678"),
    )
    assert record.doi == "10.1234/own"
    assert record.pmid == "12345678"
    assert ("arxiv", "2101.00001") in _ids(record)
    assert _rules(record, "doi") == ["identifiers:eu-repo-altidentifier"]


def test_relation_doi_of_another_work_is_not_the_records() -> None:
    record = _walk(
        ("identifier", "10.1234/this-work"),
        ("relation", "https://doi.org/10.1234/other-work"),
    )
    assert record.doi == "10.1234/this-work"
    assert ("doi", "10.1234/other-work") not in _ids(record)


def test_relation_doi_equal_to_the_identifier_doi_is_the_same_identifier() -> None:
    record = _walk(
        ("identifier", "10.1234/same"),
        ("relation", "https://doi.org/10.1234/SAME"),
    )
    assert _ids(record).count(("doi", "10.1234/same")) == 1
    doi_decision = next(d for d in record.provenance.decisions if d.field == "doi")
    assert doi_decision.sources == (0, 1)


def test_is_version_of_relation_gives_the_works_doi() -> None:
    record = _walk(("relation", "isVersionOf: https://doi.org/10.1234/published"))
    assert record.doi == "10.1234/published"


def test_identifier_doi_wins_over_source_doi() -> None:
    record = _walk(
        ("source", "Journal, 2020, 5 (1), pp.1-2. 10.1234/from-source"),
        ("identifier", "https://doi.org/10.1234/from-identifier"),
    )
    assert record.doi == "10.1234/from-identifier"


def test_bare_doi_in_source_is_an_issue_doi_not_the_records() -> None:
    record = _walk(("source", "10.1234/issue.5"))
    assert record.doi is None


@pytest.mark.parametrize(
    ("text", "issn"),
    [
        ("1234-5679", "1234-5679"),
        ("ISSN: 2049-3630", "2049-3630"),
        ("EISSN: 1111-2220", "1111-2220"),
        ("issn: 0000-0019", "0000-0019"),
        ("ISSN 12345679", "1234-5679"),
        ("ISSN 1234-5679 (Print)", "1234-5679"),
        ("2049-3630 (online)", "2049-3630"),
        ("urn:issn:1234-5679", "1234-5679"),
    ],
)
def test_issn_forms(text: str, issn: str) -> None:
    assert _walk(("source", text)).issn == issn


def test_a_list_of_identifiers_in_one_value() -> None:
    record = _walk(("identifier", "ISSN: 1234-5679; 2049-3630"))
    assert _ids(record) == [("issn", "1234-5679"), ("issn", "2049-3630")]
    isbns = _walk(("identifier", "ISBN 978-0-306-40615-7, 0-306-40615-2"))
    assert _ids(isbns) == [("isbn", "9780306406157")]
    citation = _walk(("identifier", "Roe, A. 2001. A title, with commas; and more, 12(3)"))
    assert [i.kind for i in citation.identifiers] == ["citation"]


def test_issn_with_a_wrong_check_digit_is_rejected_with_the_reason() -> None:
    record = _walk(("identifier", "1234-5678"))
    assert record.issn is None
    assert not record.identifiers
    (loss,) = record.provenance.rejected
    assert loss.text == "1234-5678"
    assert "ISSN" in loss.reason and "check" in loss.reason.lower()


@pytest.mark.parametrize(
    "text",
    [
        "ISBN 0-306-40615-2",
        "0-306-40615-2",
        "978-0-306-40615-7",
        "9780306406157",
        "ISBN-10: 0306406152",
        "978-0-306-40615-7 (pbk.)",
        "urn:isbn:9780306406157",
    ],
)
def test_isbn_10_and_13_become_isbn_13_digits(text: str) -> None:
    assert _walk(("identifier", text)).isbn == "9780306406157"


def test_isbn_10_with_two_hyphen_groups() -> None:
    assert _walk(("identifier", "90-1234567-7")).isbn == "9789012345675"


def test_isbn_with_a_wrong_check_digit_is_rejected() -> None:
    record = _walk(("identifier", "ISBN 0-306-40615-3"))
    assert record.isbn is None
    assert record.provenance.rejected[0].reason.startswith("ISBN 0-306-40615-3 is invalid")


def test_bare_ten_digits_failing_the_isbn_check_are_just_a_local_number() -> None:
    record = _walk(("identifier", "1234567890"))
    assert record.isbn is None
    assert _ids(record) == [("other", "1234567890")]
    assert not record.provenance.rejected


@pytest.mark.parametrize(
    "text",
    [
        "pmid:23456789",
        "PMID: 23456789",
        "info:pmid/23456789",
        "https://pubmed.ncbi.nlm.nih.gov/23456789/",
        "http://www.ncbi.nlm.nih.gov/pubmed/23456789",
        "https://europepmc.org/article/MED/23456789",
    ],
)
def test_labelled_pmid(text: str) -> None:
    assert _walk(("identifier", text)).pmid == "23456789"


def test_bare_pmid_needs_a_scholarly_neighbour() -> None:
    alone = _walk(("identifier", "23456789"))
    assert alone.pmid is None
    assert _ids(alone) == [("other", "23456789")]
    with_doi = _walk(("identifier", "23456789"), ("identifier", "10.1234/x"))
    assert with_doi.pmid == "23456789"
    assert _rules(with_doi, "pmid") == ["identifiers:pmid-bare"]
    beside_related = _walk(("identifier", "23456789"), ("relation", "10.1234/related"))
    assert beside_related.pmid is None


def test_pmcid_forms_and_pmc_relative_links() -> None:
    record = _walk(("identifier", "/pmc/articles/PMC1234567/"), ("identifier", "/pubmed/7654321"))
    assert record.pmcid == "PMC1234567"
    assert record.pmid == "7654321"
    assert record.url == "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1234567"
    assert _walk(("identifier", "pmc7654321")).pmcid == "PMC7654321"


def test_handle_over_http_and_https_is_kept_once_and_is_the_landing_url() -> None:
    record = _walk(
        ("identifier", "https://hdl.handle.net/20.500.99999/7"),
        ("identifier", "http://hdl.handle.net/20.500.99999/7"),
        ("identifier", "https://repo.example.org/bitstream/20.500.99999/7/1/paper.pdf"),
    )
    assert _ids(record).count(("handle", "20.500.99999/7")) == 1
    assert record.url == "https://hdl.handle.net/20.500.99999/7"
    assert _rules(record, "url") == ["identifiers.landing:handle"]


@pytest.mark.parametrize("text", ["hdl:2200/2008TEST", "info:hdl/2200/2008TEST"])
def test_handle_labels(text: str) -> None:
    assert ("handle", "2200/2008TEST") in _ids(_walk(("identifier", text)))


def test_landing_page_beats_pdf_and_doi_alone_gives_no_url() -> None:
    record = _walk(
        ("identifier", "https://eprints.example.ac.uk/123/1/paper.pdf"),
        ("identifier", "https://eprints.example.ac.uk/123/"),
        ("identifier", "10.1234/x"),
    )
    assert record.url == "https://eprints.example.ac.uk/123/"
    assert _walk(("identifier", "10.1234/x")).url is None
    assert _walk(("identifier", "https://x.example.org/files/a.pdf")).url == (
        "https://x.example.org/files/a.pdf"
    )


@pytest.mark.parametrize(
    ("text", "arxiv"),
    [
        ("arXiv:2101.00001v2", "2101.00001"),
        ("arXiv:2101.00001 [hep-th]", "2101.00001"),
        ("ARXIV  :  1303.0980", "1303.0980"),
        ("http://arxiv.org/abs/hep-th/9901001v1", "hep-th/9901001"),
        ("https://arxiv.org/abs/math.GT/0309136", "math.GT/0309136"),
        ("https://arxiv.org/pdf/2101.00001.pdf", "2101.00001"),
    ],
)
def test_arxiv_old_and_new_ids(text: str, arxiv: str) -> None:
    assert ("arxiv", arxiv) in _ids(_walk(("identifier", text)))


def test_hal_id_and_hal_url_are_one_identifier_plus_the_landing_page() -> None:
    record = _walk(
        ("identifier", "hal-01234567"),
        ("identifier", "https://hal.science/hal-01234567v2"),
    )
    assert _ids(record) == [("hal", "hal-01234567"), ("url", "https://hal.science/hal-01234567v2")]
    assert record.url == "https://hal.science/hal-01234567v2"


def test_wos_scopus_urn() -> None:
    record = _walk(
        ("identifier", "WOS:000123456700001"),
        ("identifier", "WOS:A1997XY12300003"),
        ("identifier", "000765432100002"),
        ("identifier", "2-s2.0-85012345678"),
        ("identifier", "URN:NBN:de:0000-test-12345"),
        ("identifier", "https://nbn-resolving.org/urn:nbn:de:0000-test-67890"),
    )
    ids = _ids(record)
    assert ("wos", "000123456700001") in ids and ("wos", "000765432100002") in ids
    assert ("wos", "A1997XY12300003") in ids
    assert ("scopus", "2-s2.0-85012345678") in ids
    assert ("urn", "urn:nbn:de:0000-test-12345") in ids
    assert ("urn", "urn:nbn:de:0000-test-67890") in ids


def test_citation_string_is_an_identifier_of_kind_citation() -> None:
    text = "Doe J, Roe R. A made-up study. Journal of Tests. 2019 Mar;12(3):45-67."
    record = _walk(("identifier", text))
    assert _ids(record) == [("citation", text)]
    assert _rules(record, "identifiers")[1:] == ["identifiers:citation"]


def test_every_identifier_decision_names_its_row_and_value() -> None:
    record = _walk(("identifier", "doi:10.1234/a"), ("identifier", "https://repo.example.org/x/1"))
    assert _rules(record, "identifiers") == [
        "identifiers:collect",
        "identifiers:doi-label",
        "identifiers:url",
    ]
    assert [d.sources for d in record.provenance.decisions if d.field == "identifiers"] == [
        (0, 1),
        (0,),
        (1,),
    ]


def test_eprints_abstract_page_in_relation_is_the_landing_page() -> None:
    record = _walk(
        ("relation", "https://eprints.example.ac.uk/123/"),
        ("relation", "https://other.example.org/related/9"),
        ("identifier", "https://eprints.example.ac.uk/123/1/paper.pdf"),
    )
    assert record.url == "https://eprints.example.ac.uk/123/"
    assert ("url", "https://other.example.org/related/9") not in _ids(record)
    assert "identifiers:relation-landing" in _rules(record, "identifiers")


def test_orcid_urls_are_people_never_the_landing_page() -> None:
    record = _walk(("identifier", "https://orcid.org/0000-0002-1825-0097"))
    assert _ids(record) == [("orcid", "0000-0002-1825-0097")]
    assert record.url is None
    broken = _walk(("identifier", "https://orcid.org/0000-0002-1825-0098"))
    assert broken.url is None


def test_placeholders_and_unrelated_relations_are_left_alone() -> None:
    record = _walk(("identifier", "-"), ("relation", "https://related.example.org/thing"))
    assert record.identifiers == ()
    assert record.url is None


@pytest.mark.corpus
def test_seed_record_identifiers(seed_path) -> None:
    import oaiwalk

    (record,) = list(oaiwalk.read(seed_path))
    ids = _ids(record)
    assert record.doi == "10.1016/j.jhepr.2021.100291"
    assert record.issn == "2589-5559"
    assert record.pmid == "34169246"
    assert ids.count(("handle", "11351/7263")) == 1
    assert ("wos", "000687283500019") in ids
    assert record.url == "https://hdl.handle.net/11351/7263"
    assert [i.kind for i in record.identifiers].count("citation") == 1


@pytest.mark.corpus
def test_corpus_identifiers_are_normalised_and_unique(corpus_dir) -> None:
    import oaiwalk
    from oaiwalk.errors import InputError

    doi = re.compile(r"^10\.\d{4,9}/\S+$")
    seen = 0
    for path in sorted(corpus_dir.glob("*.xml")):
        try:
            records = list(oaiwalk.read(path))
        except InputError:
            continue
        for record in records:
            seen += 1
            keys = [(i.kind, i.value.casefold()) for i in record.identifiers]
            assert len(keys) == len(set(keys)), record.id
            if record.doi:
                assert doi.match(record.doi) and record.doi == record.doi.lower(), record.id
            if record.url:
                assert record.url.startswith(("http://", "https://")), record.id
    assert seen > 3000


# ---- fast paths: each must agree with the slow code it short-cuts

_WRAPPED = [
    "10.1234/abc.def-5",
    "doi:10.1234/abc.def-5",
    "DOI : 10.1234/abc",
    "https://doi.org/10.1234/abc",
    "http://dx.doi.org/10.1234/abc",
    "https://hdl.handle.net/20.500.99999/42",
    "hdl:1234/5",
    "info:eu-repo/semantics/altIdentifier/doi/10.1234/own",
    "isVersionOf: https://doi.org/10.1234/x",
    "https://arxiv.org/abs/2101.00001v2",
    "arXiv:2101.00001",
    "PMC1234567",
    "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1234567/",
    "/pmc/articles/PMC1234567",
    "PMID: 23456789",
    "https://pubmed.ncbi.nlm.nih.gov/23456789/",
    "WOS:000687283500019",
    "2-s2.0-85108000000",
    "SCOPUS_ID:85108000000",
    "ISSN: 2049-3630",
    "1234-5679 (online)",
    "ISBN 978-0-306-40615-7",
    "0-306-40615-2",
    "9780306406157",
    "urn:nbn:de:0001-12345",
    "https://nbn-resolving.org/urn:nbn:de:0001-12345",
    "https://hal.science/hal-00830421v2/document",
    "halshs-00830421",
    "https://orcid.org/0000-0002-1825-0097",
    "oai:repo.example.org:123",
    "https://repository.example.org/bitstream/1/file.pdf",
    "Smith J. A title. Journal of Tests. 2020;4(2):10-20. doi: 10.1234/abc PMID: 1234567",
    "A paper, arXiv:2101.00001 [hep-th]",
]


@given(
    text=st.sampled_from(_WRAPPED),
    case=st.sampled_from([str, str.upper, str.lower, str.swapcase]),
    tail=st.sampled_from(["", "/", ".", " ", "x", "/1", ")"]),
)
def test_screens_never_rule_out_a_row_that_matches(text: str, case, tail: str) -> None:
    from oaiwalk.crosswalk import identifier_rules as rules
    from oaiwalk.crosswalk.regex_screens import screen_of

    value = case(text) + tail
    lowered = value.lower()
    for rule in rules._rules():
        screen = screen_of(rule.pattern)
        hit = rule.pattern.search(value) if rule.scope == "inside" else rule.pattern.match(value)
        if hit is None:
            continue
        assert screen.needs is None or any(n in lowered for n in screen.needs), rule.id
        if rule.scope == "whole":
            assert screen.first is None or value[0].lower() in screen.first, rule.id
            assert screen.starts is None or lowered.startswith(screen.starts), rule.id


@given(st.from_regex(r"[0-9]{4}-?[0-9]{3}[0-9Xx]", fullmatch=True))
def test_issn_fast_path_agrees_with_stdnum(text: str) -> None:
    from stdnum import issn
    from stdnum.exceptions import ValidationError

    from oaiwalk.crosswalk.identifier_forms import InvalidIdentifier, normalize_issn

    try:
        expected = str(issn.format(issn.validate(text)))
    except ValidationError:
        with pytest.raises(InvalidIdentifier, match="is invalid"):
            normalize_issn(text)
    else:
        assert normalize_issn(text) == expected


_OLD_DOI_TAIL = re.compile(r"(?:&#x?[0-9a-f]+;?|&[a-z]+;|[.,;:'\"\]>}〉⟩»])+$", re.IGNORECASE)


@given(st.text(alphabet="10./ab&#x;:)(%0A〉\n", max_size=25))
def test_doi_tail_fast_path_agrees_with_the_tail_regex(text: str) -> None:
    from urllib.parse import unquote

    doi = _OLD_DOI_TAIL.sub("", unquote(text.strip()))
    while doi.endswith(")") and doi.count("(") < doi.count(")"):
        doi = doi[:-1]
    try:
        got = normalize_doi(text)
    except ValueError:
        assert not re.match(r"^10\.\d{4,9}/\S+$", doi)
    else:
        assert got == doi.lower()
