"""Every corpus record goes through the crosswalk without a crash; the seed as accepted."""

from __future__ import annotations

from pathlib import Path

import pytest

from oaiwalk.crosswalk import crosswalk
from oaiwalk.errors import InputError, RecordError
from oaiwalk.explain import explain_json, unmapped_indexes
from oaiwalk.reader import read_dc

pytestmark = pytest.mark.corpus


def test_every_corpus_record_crosswalks(corpus_dir: Path) -> None:
    crashes: list[str] = []
    converted = 0
    for path in sorted(corpus_dir.glob("*.xml")):
        try:
            for dc in read_dc([path]):
                if dc.header.is_deleted or dc.metadata_format != "oai_dc":
                    continue
                try:
                    record = crosswalk(dc)
                except RecordError:
                    continue  # a refusal with a reason is not a crash
                except Exception as exc:  # a crash is what this test counts
                    crashes.append(f"{path.name} #{dc.position}: {type(exc).__name__}: {exc}")
                    continue
                explain_json(record)
                converted += 1
        except InputError:
            continue  # broken files, error responses: the reader's job to refuse
    assert not crashes, f"{len(crashes)} crashes, first: {crashes[:3]}"
    assert converted > 3000


def test_seed_record(seed_path: Path) -> None:
    [dc] = list(read_dc([seed_path]))
    record = crosswalk(dc)
    assert [n.family for n in record.author] == [
        "Nevens",
        "Gustot",
        "Lasser",
        "Haralampiev",
        "Vargas Blasco",
        "Laterre",
    ]
    assert record.author[4].given == "Victor Manuel"
    assert record.contributor == () and record.editor == () and record.director == ()
    assert len(record.affiliations) == 3
    assert record.affiliations[0] == "Institut Català de la Salut"
    assert record.affiliations[2] == "Vall d'Hebron Barcelona Hospital Campus"
    assert record.issued is not None and record.issued.parts == ((2021, 8),)
    assert record.language == "en"
    assert record.license == "https://creativecommons.org/licenses/by-nc-nd/4.0/"
    assert record.access_rights == "openAccess"
    assert record.abstract is not None and record.abstract.startswith("Background & Aims\nHuman")
    assert "Alcoholic liver disease" in record.keyword
    creators_and_contributors = [
        i
        for i, v in enumerate(dc.values)
        if v.element
        in {
            "creator",
            "contributor",
            "date",
            "rights",
            "language",
            "description",
            "subject",
            "title",
            "format",
        }
    ]
    assert not set(creators_and_contributors) & set(unmapped_indexes(record))
