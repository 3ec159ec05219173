"""Dates: which dc:date is issued, and how each form becomes a CSL date."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oaiwalk.crosswalk import crosswalk
from oaiwalk.crosswalk.date_parser import parse_date
from oaiwalk.model import DcRecord, DcValue, OaiHeader, PartialDate, Record


def _walk(*dates: str, attributes: tuple[tuple[str, str], ...] = ()) -> Record:
    values = tuple(DcValue("date", d, attributes=attributes) for d in dates)
    return crosswalk(DcRecord(OaiHeader("oai:test:dates"), values))


def _csl(text: str) -> dict[str, object] | None:
    date = parse_date(text).date
    if date is None:
        return None
    out = date.to_csl()
    out.pop("raw")
    return out


@pytest.mark.parametrize(
    ("text", "csl"),
    [
        ("2017", {"date-parts": [[2017]]}),
        ("2017-11", {"date-parts": [[2017, 11]]}),
        ("2017-11-05", {"date-parts": [[2017, 11, 5]]}),
        ("2015-06-30T11:45:00Z", {"date-parts": [[2015, 6, 30]]}),
        ("2015-06-30 11:45:00", {"date-parts": [[2015, 6, 30]]}),
        ("2015-06-30T11:45:00.123+02:00", {"date-parts": [[2015, 6, 30]]}),
        ("November 2017", {"date-parts": [[2017, 11]]}),
        ("5 November 2017", {"date-parts": [[2017, 11, 5]]}),
        ("November 5, 2017", {"date-parts": [[2017, 11, 5]]}),
        ("2017, Nov. 5", {"date-parts": [[2017, 11, 5]]}),
        ("5 de noviembre de 2017", {"date-parts": [[2017, 11, 5]]}),
        ("5. Oktober 2017", {"date-parts": [[2017, 10, 5]]}),
        ("Autumn 2017", {"date-parts": [[2017]], "season": 3}),
        ("25/11/2017", {"date-parts": [[2017, 11, 25]]}),
        ("11/25/2017", {"date-parts": [[2017, 11, 25]]}),
        ("1999-2001", {"date-parts": [[1999], [2001]]}),
        ("1999/2001", {"date-parts": [[1999], [2001]]}),
        ("1999–2001", {"date-parts": [[1999], [2001]]}),
        ("2010-03-01/2012-09-30", {"date-parts": [[2010, 3, 1], [2012, 9, 30]]}),
        ("c1987", {"date-parts": [[1987]], "circa": True}),
        ("ca. 1905", {"date-parts": [[1905]], "circa": True}),
        ("circa 1905", {"date-parts": [[1905]], "circa": True}),
        ("[1911?]", {"date-parts": [[1911]], "circa": True}),
        ("[ca. 1860]", {"date-parts": [[1860]], "circa": True}),
        ("c. 1890-1910", {"date-parts": [[1890], [1910]], "circa": True}),
        ("1985 1985", {"date-parts": [[1985]]}),
    ],
)
def test_forms(text: str, csl: dict[str, object]) -> None:
    assert _csl(text) == csl


def test_day_and_month_that_cannot_be_told_apart_keep_only_the_year() -> None:
    reading = parse_date("04/06/2017")
    assert reading.date == PartialDate(parts=((2017,),), raw="04/06/2017")
    assert reading.rule == "dates.ambiguous-day-month"


@pytest.mark.parametrize(
    "text", ["19--", "20xx", "196?", "18uu", "Late 18th century", "ca. after 1720"]
)
def test_unknown_digits_and_prose_are_literal(text: str) -> None:
    date = parse_date(text).date
    assert date is not None and not date.parts and date.literal == text


@pytest.mark.parametrize("text", ["2017-02-30", "2017-13", "0000"])
def test_impossible_dates_are_not_date_parts(text: str) -> None:
    date = parse_date(text).date
    assert date is None or not date.parts


@pytest.mark.parametrize("text", ["n.d.", "s.d.", "[n.d.]", "undated", "s.f.", "o.J."])
def test_no_date_gives_no_issued_but_records_the_decision(text: str) -> None:
    record = _walk(text)
    assert record.issued is None
    [decision] = record.provenance.decisions
    assert (
        decision.field == "issued" and decision.rule == "dates:no-date" and decision.sources == (0,)
    )
    assert record.provenance.rejected == ()


def test_dspace_timestamps_lose_to_the_plainer_issued_date() -> None:
    record = _walk("2019-04-02T09:13:55Z", "2019-04-02T09:13:55Z", "2018-12")
    assert record.issued is not None and record.issued.parts == ((2018, 12),)
    assert record.available_date is not None and record.available_date.parts == ((2019, 4, 2),)
    decisions = {d.field: d for d in record.provenance.decisions}
    assert decisions["issued"].sources == (2,)
    assert decisions["available_date"].sources == (0, 1)
    assert record.provenance.rejected == ()


def test_timestamp_only_record_still_gets_its_date() -> None:
    record = _walk("2008-07-14T16:20:01Z")
    assert record.issued is not None and record.issued.parts == ((2008, 7, 14),)
    assert record.available_date is None


def test_earliest_plain_date_wins_and_the_other_is_reported() -> None:
    record = _walk("2016-05", "2014", "2016-05-03T10:00:00Z")
    assert record.issued is not None and record.issued.parts == ((2014,),)
    [entry] = record.provenance.rejected
    assert entry.text == "2016-05" and "issued" in entry.reason


def test_a_more_precise_date_in_the_same_year_wins() -> None:
    record = _walk("2014", "2014-09-18")
    assert record.issued is not None and record.issued.parts == ((2014, 9, 18),)


def test_embargo_end_is_not_the_issued_date() -> None:
    record = _walk("info:eu-repo/date/embargoEnd/2026-01-31", "2024-06")
    assert record.embargo_end is not None and record.embargo_end.parts == ((2026, 1, 31),)
    assert record.issued is not None and record.issued.parts == ((2024, 6),)


def test_labelled_dates() -> None:
    record = _walk("Created: 2011-02-01", "Updated: 2013-05-06", "Issued: 2012-03-04")
    assert record.issued is not None and record.issued.parts == ((2012, 3, 4),)
    reasons = {e.text: e.reason for e in record.provenance.rejected}
    assert "not the publication date" in reasons["Updated: 2013-05-06"]
    assert "chosen as issued" in reasons["Created: 2011-02-01"]


def test_creation_date_is_used_when_nothing_else_is_given() -> None:
    record = _walk("Created: 2011-02-01")
    assert record.issued is not None and record.issued.parts == ((2011, 2, 1),)


def test_qualifier_attribute() -> None:
    record = _walk("2009-10-11", attributes=(("type", "available"),))
    assert record.issued is None
    assert record.available_date is not None and record.available_date.parts == ((2009, 10, 11),)


def test_raw_text_is_kept() -> None:
    record = _walk("[ca. 1860]")
    assert record.issued is not None and record.issued.raw == "[ca. 1860]"


DATE_PIECES = st.sampled_from(
    [
        "2019",
        "12",
        "03",
        "-",
        "/",
        "–",
        " ",
        "ca.",
        "c",
        "?",
        "[",
        "]",
        "March",
        "de",
        "n.d.",
        "T10:00:00Z",
        "info:eu-repo/date/embargoEnd/",
        "Issued:",
        "xx",
        "--",
        "1850s",
    ]
)


@given(st.one_of(st.text(max_size=30), st.lists(DATE_PIECES, max_size=7).map("".join)))
def test_any_string_parses_to_a_valid_csl_date_or_none(text: str) -> None:
    date = parse_date(text).date
    if date is None:
        return
    assert date.raw == text
    assert date.parts or date.literal
    for part in date.parts:
        assert 1 <= len(part) <= 3 and 1 <= part[0] <= 2999
        assert len(part) < 2 or 1 <= part[1] <= 12
    if len(date.parts) == 2:
        assert date.parts[0] <= date.parts[1]


def test_edtf_uncertain_and_approximate() -> None:
    assert _csl("1987~") == {"date-parts": [[1987]], "circa": True}
    assert _csl("1987-05?") == {"date-parts": [[1987, 5]], "circa": True}


def test_academic_year_ranges_but_year_month_stays_a_month() -> None:
    assert _csl("2015/16") == {"date-parts": [[2015], [2016]]}
    assert _csl("2015-16") == {"date-parts": [[2015], [2016]]}
    assert _csl("2015-11") == {"date-parts": [[2015, 11]]}


@pytest.mark.parametrize(
    ("text", "csl"),
    [
        ("©2005", {"date-parts": [[2005]]}),
        ("cop. 1998", {"date-parts": [[1998]]}),
        ("2019-05-00", {"date-parts": [[2019, 5]]}),
        ("2019-00-00", {"date-parts": [[2019]]}),
    ],
)
def test_copyright_years_and_zero_parts(text: str, csl: dict[str, object]) -> None:
    assert _csl(text) == csl
