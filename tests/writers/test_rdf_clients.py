"""RDF output read by independent parsers: N3.js (strict) and rapper (Raptor 2)."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import Graph

from oaiwalk.model import Record
from oaiwalk.writers import rdf
from oaiwalk.writers.rdf_profiles import PROFILES
from tests.clients.runner import run_node
from tests.writers.rdf_records import article_record, bare_record, hostile_record

pytestmark = pytest.mark.clients

WRITERS = {"turtle": rdf.TURTLE, "ntriples": rdf.NTRIPLES, "rdfxml": rdf.RDFXML}
RDFLIB_FORMATS = {"turtle": "turtle", "ntriples": "nt", "rdfxml": "xml"}


def render(name: str, profile: str, records: list[Record] | None = None) -> str:
    out = io.StringIO()
    WRITERS[name](
        records or [article_record(), hostile_record(), bare_record()], out, profile=profile
    )
    return out.getvalue()


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("name", ["turtle", "ntriples"])
def test_n3js_parses_strictly(name: str, profile: str) -> None:
    text = render(name, profile)
    done = run_node("n3-parse.mjs", name, input_text=text)
    assert done.returncode == 0, done.stderr
    counts = json.loads(done.stdout)
    assert counts["count"] == len(Graph().parse(data=text, format=RDFLIB_FORMATS[name]))
    assert counts["lists"] == 6 + 3  # one rdf:first per author; the empty name is dropped


def test_n3js_rejects_what_it_should() -> None:
    done = run_node("n3-parse.mjs", "ntriples", input_text='<a b> <urn:p> "x" .\n')
    assert done.returncode == 1 and done.stderr


def rapper() -> str:
    found = shutil.which("rapper")
    if found is None:
        pytest.skip("rapper not installed (Debian package raptor2-utils)")
    return found


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("name", ["turtle", "ntriples", "rdfxml"])
def test_rapper_parses(name: str, profile: str, tmp_path: Path) -> None:
    text = render(name, profile)
    path = tmp_path / f"out.{name}"
    path.write_text(text, encoding="utf-8", newline="")
    done = subprocess.run(
        [rapper(), "-i", name, "-o", "ntriples", str(path), "http://base.example/"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Error" not in done.stderr and "Warning" not in done.stderr, done.stderr
    expected = len(Graph().parse(data=text, format=RDFLIB_FORMATS[name]))
    assert len(done.stdout.splitlines()) == expected
