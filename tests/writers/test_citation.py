"""Citation writer: goldens per style, HTML escaping, options, errors, seed acceptance."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import pytest

from oaiwalk.errors import FormatError
from oaiwalk.model import PartialDate, Record
from oaiwalk.writers.citation import CITATION, render_items, write
from oaiwalk.writers.styles import list_locales, list_styles, resolve_locale, resolve_style
from tests.writers.citation_records import ARTICLE, RECORDS

GOLDEN = Path(__file__).resolve().parent / "golden_citation"
STYLES = (
    "apa",
    "chicago-author-date",
    "ieee",
    "modern-language-association",
    "harvard-cite-them-right",
    "nature",
    "american-medical-association",
)


def render(records: list[Record], **options: object) -> str:
    out = io.StringIO()
    write(records, out, **options)  # type: ignore[arg-type]
    return out.getvalue()


def golden_text() -> dict[str, str]:
    return {
        f"{style}{suffix}": render(list(RECORDS.values()), style=style, **options)
        for style in STYLES
        for suffix, options in (
            (".txt", {}),
            (".html", {"html": True}),
            (".cite.txt", {"cite": True}),
        )
    }


@pytest.mark.parametrize("name", sorted(golden_text()))
def test_golden_entries(name: str, update_golden: bool) -> None:
    """Each style renders the hand-written records as reviewed (regenerate: --update-golden)."""
    text = golden_text()[name]
    path = GOLDEN / name
    if update_golden:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
        pytest.skip(f"golden rewritten: {path.name}")
    assert path.is_file(), f"missing golden {path}; run pytest --update-golden and read the diff"
    assert text == path.read_text(encoding="utf-8")


def test_one_line_per_record_in_input_order() -> None:
    text = render(list(RECORDS.values()), style="apa")
    lines = text.splitlines()
    assert len(lines) == len(RECORDS)
    assert lines[0].startswith("Nevens, F., & Laterre, P.-F. (2021).")
    assert lines[1].startswith("Laan, L. van der,")
    assert text.endswith("\n")


def test_seed_like_article_in_apa() -> None:
    (entry,) = render_items([_csl(RECORDS["article"])], style="apa")
    assert entry == (
        "Nevens, F., & Laterre, P.-F. (2021). A phase II study of liver-derived progenitor "
        "cells. JHEP Reports, 3(4), 100291. https://doi.org/10.1016/j.jhepr.2021.100291"
    )


def test_numeric_styles_number_by_position() -> None:
    lines = render(list(RECORDS.values())[:3], style="ieee").splitlines()
    assert [line[:3] for line in lines] == ["[1]", "[2]", "[3]"]


def test_cite_mode_gives_in_text_citations() -> None:
    lines = render([RECORDS["article"], RECORDS["many-authors"]], style="apa", cite=True)
    assert lines.splitlines() == ["(Nevens & Laterre, 2021)", "(AuthorA et al., 2020)"]


def test_html_escapes_every_value() -> None:
    html = render([RECORDS["html-in-title"]], style="apa", html=True)
    assert "<script>" not in html and "<img" not in html
    assert "&#60;script&#62;alert(“x”)&#60;/script&#62;" in html
    assert "<i>Homo sapiens</i>" in html  # CSL rich text in the title is formatting
    assert "O’Brien, M.-J." in html


def test_html_document_shape() -> None:
    html = render([RECORDS["article"]], style="apa", html=True)
    lines = html.splitlines()
    assert lines[0] == '<div class="csl-bib-body">'
    assert lines[1].startswith('  <div class="csl-entry">') and lines[1].endswith("</div>")
    assert lines[-1] == "</div>"


@pytest.mark.parametrize("options", [{}, {"html": True}, {"cite": True}])
def test_empty_input_is_a_valid_empty_document(options: dict[str, bool]) -> None:
    text = render([], **options)
    assert text in ("", '<div class="csl-bib-body">\n</div>\n')


@pytest.mark.parametrize(
    "date",
    [
        PartialDate(literal="20xx", raw="20xx"),
        PartialDate(parts=((2019,), (2020,))),
        PartialDate(parts=((2019, 5, 3), (2019, 6))),
        PartialDate(parts=((1900,),), circa=True),
        PartialDate(parts=((2020, 14),)),  # a season
        PartialDate(raw="s.d."),
        None,
    ],
)
@pytest.mark.parametrize("style", STYLES)
def test_unusual_dates_never_raise(date: PartialDate | None, style: str) -> None:
    record = Record(id="x", type=ARTICLE, title="Dated", issued=date)
    (line,) = render([record], style=style).splitlines()
    assert "Dated" in line


def test_unknown_style_lists_close_matches() -> None:
    with pytest.raises(FormatError, match="did you mean chicago-author-date") as info:
        render([RECORDS["article"]], style="chicago-autor-date")
    assert "apa" in info.value.available


def test_unknown_style_raises_even_without_records() -> None:
    with pytest.raises(FormatError, match="unknown style"):
        render([], style="no-such-style-anywhere")


def test_unknown_locale_lists_close_matches() -> None:
    with pytest.raises(FormatError, match="unknown locale 'xx-YY'"):
        render([RECORDS["article"]], locale="xx-YY")
    assert resolve_locale("de") == "de-DE"
    assert resolve_locale("en_gb") == "en-GB"


def test_locale_changes_terms() -> None:
    (entry,) = render_items(
        [_csl(RECORDS["article"])], style="chicago-author-date", locale="de-DE", cite=True
    )
    assert entry == "(Nevens und Laterre 2021)"


def test_style_from_a_csl_file_path(tmp_path: Path) -> None:
    style = tmp_path / "tiny.csl"
    style.write_text(TINY_STYLE, encoding="utf-8")
    assert resolve_style(str(style)) == style
    text = render([RECORDS["article"]], style=str(style))
    assert text == "A phase II study of liver-derived progenitor cells (2021)\n"


def test_missing_csl_file_is_a_format_error(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="no such CSL style file"):
        resolve_style(tmp_path / "absent.csl")


def test_dependent_style_resolves_to_its_parent() -> None:
    assert resolve_style("vancouver-nlm").name != "vancouver-nlm.csl"
    assert resolve_style("vancouver-nlm").parent.name == "styles"
    line = render([RECORDS["article"]], style="vancouver-nlm")
    assert line.startswith("1. Nevens F, Laterre PF. A phase II study")


def test_listing_styles_and_locales() -> None:
    styles = list_styles()
    assert {"apa", "ieee", "vancouver-nlm"} <= set(styles) and styles == sorted(styles)
    assert {"en-US", "de-DE", "fr-FR"} <= set(list_locales())


def test_writer_declares_its_options_and_fields() -> None:
    assert set(CITATION.options) == {"style", "locale", "html", "cite"}
    assert {"title", "author", "issued", "container_title", "doi"} <= CITATION.fields
    assert CITATION.fields <= {f for f in Record.__dataclass_fields__}


def test_output_is_deterministic() -> None:
    records = list(RECORDS.values())
    assert render(records, style="chicago-author-date") == render(
        records, style="chicago-author-date"
    )


def _csl(record: Record) -> dict[str, object]:
    from oaiwalk.writers.csl_data import record_to_csl

    return record_to_csl(record)


@pytest.mark.corpus
def test_seed_acceptance_apa(seed_path: Path) -> None:
    import oaiwalk

    (record,) = itertools.islice(oaiwalk.read(seed_path), 1)
    (entry,) = render_items([_csl(record)], style="apa")
    assert entry.startswith(
        "Nevens, F., Gustot, T., Lasser, L. L., Haralampiev, L. E., Vargas Blasco, V. M., "
        "& Laterre, P.-F. (2021). A phase II study of human allogeneic liver-derived "
        "progenitor cell therapy for acute-on-chronic liver failure and acute decompensation"
    )
    assert "JHEP Reports, 3(4)" in entry
    assert entry.endswith("https://doi.org/10.1016/j.jhepr.2021.100291")


TINY_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Tiny</title><id>tiny</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout>
      <text variable="title"/>
      <date variable="issued" prefix=" (" suffix=")"><date-part name="year"/></date>
    </layout>
  </bibliography>
</style>
"""


@pytest.mark.corpus
@pytest.mark.parametrize("options", [{}, {"html": True}, {"cite": True}])
def test_corpus_records_all_render(corpus_dir: Path, options: dict[str, bool]) -> None:
    """Real records (the first 300 readable ones) each give one non-empty line."""
    import oaiwalk
    from oaiwalk.errors import InputError

    records: list[Record] = []
    for path in sorted(corpus_dir.glob("*.xml")):
        try:
            records.extend(oaiwalk.read(path))
        except InputError:
            continue  # the corpus keeps broken files on purpose
        if len(records) >= 300:
            break
    text = render(records[:300], style="apa", **options)
    lines = [line for line in text.splitlines() if not line.startswith(("<div class", "</div"))]
    assert len(lines) == len(records[:300])
    assert all(line.strip() for line in lines)
