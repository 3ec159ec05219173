"""explain: every field with its value, DC sources and rule; then unmapped and rejected."""

from __future__ import annotations

import json

from oaiwalk.crosswalk import crosswalk
from oaiwalk.explain import explain_json, explain_record, unmapped_indexes
from oaiwalk.model import DcRecord, DcValue, OaiHeader, Record


def _record() -> Record:
    values = (
        DcValue("title", "Thermal conductivity of layered films"),
        DcValue("creator", "Okafor, Chidinma"),
        DcValue("creator", "Name of contributor"),
        DcValue("date", "2020-02-11T08:00:00Z"),
        DcValue("date", "2019-07"),
        DcValue("language", "spa"),
        DcValue("{urn:example}extra", "a value nobody maps"),
    )
    return crosswalk(
        DcRecord(OaiHeader("oai:test:explain"), values, source="films.xml", position=3)
    )


def test_text_lists_fields_with_sources_and_rules() -> None:
    text = explain_record(_record())
    lines = text.splitlines()
    assert lines[0] == "record oai:test:explain  (films.xml #3)"
    title = lines.index("title: Thermal conductivity of layered films")
    assert lines[title + 1].strip() == "by text.title"
    assert lines[title + 2].strip() == 'from title[0] "Thermal conductivity of layered films"'
    assert "author: Okafor, Chidinma" in lines
    assert "issued: 2019-07" in lines
    assert '        from date[4] "2019-07"' in lines
    assert "language: es" in lines
    assert text.endswith("\n")


def test_text_lists_unmapped_and_rejected_values() -> None:
    lines = explain_record(_record()).splitlines()
    unmapped = lines.index("unmapped (1):")
    assert lines[unmapped + 1] == '    {urn:example}extra[6] "a value nobody maps"'
    rejected = lines.index("rejected (1):")
    assert lines[rejected + 1].startswith('    creator[2] "Name of contributor": names nobody')


def test_json_has_the_same_account() -> None:
    data = explain_json(_record())
    json.dumps(data)  # JSON-ready
    fields = {f["field"]: f for f in data["fields"]}
    assert fields["author"]["value"] == [
        {"family": "Okafor", "given": "Chidinma", "raw": "Okafor, Chidinma"}
    ]
    assert fields["issued"]["value"] == {"date-parts": [[2019, 7]], "raw": "2019-07"}
    [decision] = fields["issued"]["decisions"]
    assert decision == {
        "rule": "dates.w3cdtf",
        "sources": [{"index": 4, "element": "date", "text": "2019-07"}],
    }
    assert data["unmapped"] == [
        {"index": 6, "element": "{urn:example}extra", "text": "a value nobody maps"}
    ]
    assert [r["index"] for r in data["rejected"]] == [2]
    assert data["identifier"] == "oai:test:explain" and data["position"] == 3


def test_unmapped_indexes_skip_used_and_rejected_values() -> None:
    assert unmapped_indexes(_record()) == [6]
