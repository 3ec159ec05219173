"""Registry lookups, errors, and a third-party writer found through entry points."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from oaiwalk import cli
from oaiwalk.errors import FormatError
from oaiwalk.registry import Registry, Writer

PLUGIN_DIR = Path(__file__).resolve().parents[1] / "plugins" / "example_writer"


def _writer(name: str, **kw: object) -> Writer:
    def write(records, out, **options):  # type: ignore[no-untyped-def]
        for r in records:
            out.write(f"{name}:{r.id}\n")

    return Writer(name=name, write=write, **kw)  # type: ignore[arg-type]


def test_lookup_by_name_alias_media_type_and_extension() -> None:
    reg = Registry([_writer("alpha", aliases=("a",), media_type="text/x-a", extension=".aa")])
    assert reg.get("ALPHA").name == "alpha"
    assert reg.get("a").name == "alpha"
    assert reg.by_media_type("text/x-a; charset=utf-8").name == "alpha"  # type: ignore[union-attr]
    assert reg.by_extension("out/file.aa").name == "alpha"  # type: ignore[union-attr]
    assert reg.by_media_type("text/nothing") is None


def test_unknown_format_names_close_matches_and_everything_available() -> None:
    reg = Registry([_writer("bibtex"), _writer("ris")])
    with pytest.raises(FormatError) as info:
        reg.get("bibtx")
    assert "did you mean bibtex" in str(info.value)
    assert "available: bibtex, ris" in str(info.value)


def test_two_writers_claiming_one_name_is_an_error_naming_both() -> None:
    reg = Registry()
    reg.add(_writer("dup"), origin="dist-one")
    with pytest.raises(FormatError, match="dist-one and dist-two"):
        reg.add(_writer("dup"), origin="dist-two")


def test_writer_passes_only_declared_options() -> None:
    seen: dict[str, object] = {}

    def write(records, out, **options):  # type: ignore[no-untyped-def]
        seen.update(options)

    w = Writer(name="opt", write=write, options=("style",))
    w([], io.StringIO(), style="apa", profile="schema", locale=None)
    assert seen == {"style": "apa"}


@pytest.fixture
def third_party_plugin(tmp_path: Path) -> Iterator[None]:
    """Install tests/plugins/example_writer with a minimal .dist-info on sys.path."""
    dist = tmp_path / "oaiwalk_example_writer-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: oaiwalk-example-writer\nVersion: 1.0\n", encoding="utf-8"
    )
    (dist / "entry_points.txt").write_text(
        "[oaiwalk.writers]\nexample = oaiwalk_example_writer:WRITER\n", encoding="utf-8"
    )
    sys.path[:0] = [str(tmp_path), str(PLUGIN_DIR)]
    try:
        yield
    finally:
        sys.path.remove(str(tmp_path))
        sys.path.remove(str(PLUGIN_DIR))
        sys.modules.pop("oaiwalk_example_writer", None)


def test_third_party_writer_is_found_and_used_from_the_cli(
    third_party_plugin: None, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    import oaiwalk.registry as registry

    monkeypatch.setattr(registry, "_default", None)
    assert "example" in Registry.from_entry_points().names()
    source = Path(__file__).resolve().parents[1] / "fixtures" / "bare-dc-dataset.xml"
    code = cli.main(["convert", str(source), "--to", "example"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("example record: Hourly river temperature measurements")
