"""TeX in titles becomes plain Unicode; money, percentages and ampersands stay literal."""

from __future__ import annotations

import pytest

from oaiwalk.crosswalk import crosswalk
from oaiwalk.crosswalk.tex import tex_to_text
from oaiwalk.model import DcRecord, DcValue, OaiHeader


@pytest.mark.parametrize(
    ("tex", "text"),
    [
        (r"Emission of $\gamma$-rays from a burst", "Emission of γ-rays from a burst"),
        (
            r"Stress in La$_{1.875}$Ba$_{0.125}$CuO$_{4}$ by $^{139}$La NMR",
            "Stress in La1.875Ba0.125CuO4 by 139La NMR",
        ),
        (r"Work of L\'aszl\'o Lov\'asz and G\"odel", "Work of László Lovász and Gödel"),
        ("Costs of $3.85 million, 100% of R&D #1", "Costs of $3.85 million, 100% of R&D #1"),
        ("No TeX here: plain title", "No TeX here: plain title"),
    ],
)
def test_tex_to_text(tex: str, text: str) -> None:
    assert tex_to_text(tex) == text


def _title(title: str, lang: str | None = None) -> str | None:
    dc = DcRecord(OaiHeader(identifier="oai:x:1"), (DcValue("title", title, lang=lang),))
    return crosswalk(dc).title


def test_isbd_subtitle_colon_is_closed_up_except_in_french() -> None:
    assert _title("Trust and Exchange : Effects of Embeddedness") == (
        "Trust and Exchange: Effects of Embeddedness"
    )
    assert _title("La ville : une histoire", lang="fr") == "La ville : une histoire"


def test_tex_title_through_the_crosswalk() -> None:
    assert _title(r"Lov\'asz meets $\gamma$ rays") == "Lovász meets γ rays"


@pytest.mark.parametrize(
    "text",
    [
        r"Closing }{ braces, @misc{x, \write18{rm -rf /} and 100% done",
        r"Paths like C:\temp\new stay",
        "Price $5 and $10",
    ],
)
def test_backslashes_and_braces_that_are_not_accents_or_math_stay(text: str) -> None:
    assert tex_to_text(text) == text
