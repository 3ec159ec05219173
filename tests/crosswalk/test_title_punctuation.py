"""A title loses the catalogue punctuation that closes it, never its own final dot."""

from __future__ import annotations

import pytest

from oaiwalk.crosswalk import crosswalk
from oaiwalk.crosswalk.title_punctuation import strip_stray_period
from oaiwalk.model import DcRecord, DcValue, OaiHeader


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # Erasmus (DSpace) titles, as harvested
        (
            "De vrouwenbeweging online. Een onderzoek naar het gebruik van Internet door "
            "vrouwenorganisaties in Nederland .",
            "De vrouwenbeweging online. Een onderzoek naar het gebruik van Internet door "
            "vrouwenorganisaties in Nederland",
        ),
        (
            "Dorstige aarde. Het probleem van de 21ste eeuw; groeiend en explosief.",
            "Dorstige aarde. Het probleem van de 21ste eeuw; groeiend en explosief",
        ),
        (
            "Een flexibele arbeidsmarkt? Over verdringing aan de onderkant van de arbeidsmarkt.",
            "Een flexibele arbeidsmarkt? Over verdringing aan de onderkant van de arbeidsmarkt",
        ),
        (
            "Hip Replacement. Estimates using Microsimulation.",
            "Hip Replacement. Estimates using Microsimulation",
        ),
        (
            "The Survey of Bengal. Revised edition, 1912.",
            "The Survey of Bengal. Revised edition, 1912",
        ),
        ('Old Maps. The "Brick Yard".', 'Old Maps. The "Brick Yard"'),
        ("What is a repository?.", "What is a repository?"),
        ("Why not!.", "Why not!"),
    ],
)
def test_catalogue_punctuation_is_dropped(title: str, expected: str) -> None:
    assert strip_stray_period(title) == expected


@pytest.mark.parametrize(
    "title",
    [
        "This is a fake DOI with fake metadata.",  # one sentence: the title as written
        "National Organisation for the Treatment of Abusers conference.",
        "What is X?",
        "Shakespeare's Plays. Act II.",  # roman numeral
        "Trade Policy of the U.S.",
        "Surface growth. Results of Smith et al.",
        "Annual Report. Example Holdings Inc.",
        "Yuba River restraining weir built by Calif. Debris Comm.",
        "Waiting. And then...",
        "Mathematikunterricht: theoret. Grundlagen u. mikroethnograph. Fallunters.",
        "Portrait of the Director. J. Smith.",
        "Title without any dot",
        "PG&E genl. view of dam site up stream.",  # a lower-case word after "genl."
        "Maps. Survey Report NASA.",  # capitals: an acronym may be an abbreviation
    ],
)
def test_a_title_keeps_its_own_final_dot(title: str) -> None:
    assert strip_stray_period(title) == title


def test_the_trail_says_the_final_dot_was_dropped() -> None:
    dc = DcRecord(
        OaiHeader("oai:test:title"),
        (
            DcValue(
                "title", "Dorstige aarde. Het probleem van de 21ste eeuw; groeiend en explosief."
            ),
        ),
    )
    record = crosswalk(dc)
    assert record.title == "Dorstige aarde. Het probleem van de 21ste eeuw; groeiend en explosief"
    rules = [d.rule for d in record.provenance.decisions if d.field == "title"]
    assert rules == ["text.title", "text.title-stray-period"]


def test_an_untouched_title_has_no_stray_period_rule() -> None:
    record = crosswalk(DcRecord(OaiHeader("oai:test:t2"), (DcValue("title", "What is X?"),)))
    assert [d.rule for d in record.provenance.decisions if d.field == "title"] == ["text.title"]
