"""Readers of BibTeX/biblatex for the writer tests: pylatexenc, bibtexparser, pandoc,
citation-js and biber, plus hand-built records (the crosswalk is tested elsewhere)."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from oaiwalk.model import Identifier, Name, PartialDate, Record, ResourceType
from oaiwalk.writers.bibtex import BIBLATEX, BIBTEX
from oaiwalk.writers.latex import clean_text

# Fields read verbatim by every client (no LaTeX decoding).
VERBATIM = frozenset({"doi", "url", "eprint"})

ARTICLE = ResourceType(csl="article-journal", bibtex="article", biblatex="article", row="t")
THESIS = ResourceType(csl="thesis", bibtex="phdthesis", biblatex="thesis", row="t")
REPORT = ResourceType(csl="report", bibtex="techreport", biblatex="report", row="t")
MISC = ResourceType()

HOSTILE_TITLE = "Closing }{ early, @misc{x, \\write18{rm -rf /} 100% #1 $x^2$ a_b ~ & done"


def write(records: Iterable[Record], *, biblatex: bool = False, **options: Any) -> str:
    """Return the writer's text for ``records``."""
    out = io.StringIO()
    (BIBLATEX if biblatex else BIBTEX)(list(records), out, **options)
    return out.getvalue()


def seed_like() -> Record:
    """Return a journal article shaped like the seed record after the crosswalk."""
    return Record(
        id="oai:repo.example:2072/1",
        type=ARTICLE,
        title="Phase transitions in COVID-19 and the iPhone: a study of DNA in Barcelona",
        author=(
            Name(family="Nevens", given="Frederik"),
            Name(family="Berg", given="Jan", non_dropping_particle="van der"),
            Name(literal="World Health Organization and Partners"),
            Name(family="Smith", given="John", suffix="Jr."),
            Name(family="García de la Vega", given="José Ángel"),
            Name(family="Łukasiewicz", given="Øystein"),
        ),
        issued=PartialDate(((2021, 8),), raw="2021-08"),
        container_title="JHEP Reports",
        volume="3",
        issue="4",
        page="100291–100299",
        publisher="Elsevier",
        doi="10.1016/j.jhepr.2021.100291",
        issn="2589-5559",
        pmid="34169246",
        url="https://example.org/view?id=1&x=a%20b#section_2",
        language="en",
        abstract="Background & aims:\n100% of 10 patients had a_b ~ 5 }{ end.",
        keyword=("liver", "cirrhosis, decompensated"),
        rights=("Attribution 4.0 International",),
        license="http://creativecommons.org/licenses/by/4.0/",
        identifiers=(Identifier("pmid", "34169246"),),
    )


def varied_records() -> list[Record]:
    """Return records covering types, names, dates and hostile text."""
    return [
        seed_like(),
        Record(
            id="oai:repo.example:thesis/9",
            type=THESIS,
            title="Straße und Brücke: Übergänge im Ökosystem",
            author=(Name(family="Müller", given="Jürgen"),),
            director=(Name(family="Curie", given="Marie"),),
            issued=PartialDate(((2019,), (2020,)), raw="2019/2020"),
            publisher="Universitat de Barcelona",
            genre="Doctoral thesis",
            language="de",
            identifiers=(Identifier("handle", "2445/12345"),),
            url="http://hdl.handle.net/2445/12345",
        ),
        Record(
            id="oai:repo.example:report/3",
            type=REPORT,
            title=HOSTILE_TITLE,
            author=(
                Name(literal="R&D {Unit} and Friends, Ltd."),
                Name(family="O'Brien", given="Pat"),
            ),
            issued=PartialDate(((2020, 3, 5),), circa=True),
            number="TR-7",
            publisher="Institut für Informatik",
            abstract="Line 1\r\nLine 2\x07\x1b and \\end{document} %comment",
        ),
        Record(
            id="oai:repo.example:misc/4",
            type=MISC,
            title="{Unbalanced {braces}}} and \\ backslash \\\\ and ^^J",
            author=(Name(family="van Gogh", given="Vincent"), Name(family="hooks", given="bell")),
            editor=(Name(given="Madonna"),),
            container_title="Zenodo",
            issued=PartialDate(literal="Spring 2001"),
            note="Note with @article{k, and }",
            identifiers=(Identifier("arxiv", "2101.00001"),),
        ),
        Record(id="oai:repo.example:empty/5"),
    ]


# --------------------------------------------------------------------------- readers


@cache
def _latex_decoder() -> Any:
    from pylatexenc import latex2text

    db = latex2text.get_default_latex_context_db()
    # pylatexenc renders \textasciicircum as U+02C6 and drops the text brace macros;
    # these are the characters the LaTeX kernel's textcomp commands stand for.
    db.add_context_category(
        "oaiwalk-text-symbols",
        prepend=True,
        macros=[
            latex2text.MacroTextSpec("textasciicircum", "^"),
            latex2text.MacroTextSpec("textbraceleft", "{"),
            latex2text.MacroTextSpec("textbraceright", "}"),
        ],
    )
    return latex2text.LatexNodes2Text(latex_context=db, math_mode="verbatim")


def decode_latex(text: str) -> str:
    """Return the text a LaTeX value stands for (pylatexenc, with textcomp symbols)."""
    return str(_latex_decoder().latex_to_text(text))


def normalise(text: str) -> str:
    """Apply the writers' documented normalisation (NFC, no controls, one space)."""
    return clean_text(text)


def parse_bibtexparser(text: str) -> Any:
    """Parse with bibtexparser 2: split names on the raw text, then decode non-verbatim
    fields with pylatexenc (bibtexparser's own decoder reads ``%`` in URLs as a comment)."""
    import bibtexparser
    from bibtexparser import middlewares as m

    library = bibtexparser.parse_string(text, append_middleware=[m.SeparateCoAuthors()])
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    return library


def pandoc_csl(text: str, dialect: str) -> tuple[list[dict[str, Any]], str]:
    """Return pandoc's CSL-JSON for a .bib text and pandoc's stderr."""
    pypandoc = pytest.importorskip("pypandoc", reason="pypandoc-binary provides pandoc")
    try:
        pandoc = pypandoc.get_pandoc_path()
    except OSError as exc:
        pytest.skip(f"pandoc unavailable: {exc}")
    done = subprocess.run(
        [pandoc, "-f", dialect, "-t", "csljson"],
        input=text,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout or "[]"), done.stderr


def citationjs_csl(text: str, dialect: str) -> list[dict[str, Any]]:
    """Return citation-js's CSL-JSON items for a .bib text."""
    from tests.clients.runner import run_node

    done = run_node("bibtex-read.mjs", dialect, input_text=text)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["count"] == len(data["items"])
    return list(data["items"])


def biber_warnings(text: str, tmp_path: Path) -> list[str]:
    """Return biber's WARN/ERROR lines for ``biber --tool --validate-datamodel``."""
    biber = shutil.which("biber")
    if biber is None:
        pytest.skip("biber not installed (Debian: apt-get install -y biber)")
    source = tmp_path / "in.bib"
    source.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [
            biber,
            "--tool",
            "--validate-datamodel",
            "--input-encoding=UTF-8",
            f"--output-file={tmp_path / 'out.bib'}",
            str(source),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    lines = (done.stdout + done.stderr).splitlines()
    problems = [line for line in lines if re.match(r"^(WARN|ERROR)", line)]
    if done.returncode != 0 and not problems:
        problems.append(f"biber exited {done.returncode}")
    return problems


def display_family(name: dict[str, Any]) -> str:
    """Return a CSL name's particles and family as one string (or its literal)."""
    if "literal" in name:
        return str(name["literal"])
    parts = [name.get("dropping-particle"), name.get("non-dropping-particle"), name.get("family")]
    return " ".join(p for p in parts if p)


def record_family(name: Name) -> str:
    if name.literal is not None:
        return name.literal
    parts = (name.dropping_particle, name.non_dropping_particle, name.family or name.given)
    return " ".join(p for p in parts if p)


def fold(text: str) -> str:
    """Fold case, quotes and dashes that readers change by design (pandoc's smart
    punctuation and English title-case handling) so texts compare by content."""
    text = unicodedata.normalize("NFC", text).casefold()
    return text.translate(str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'}))
