"""The public surface: a short, sorted ``__all__``, and a CLI that starts without heavy imports."""

from __future__ import annotations

import subprocess
import sys
import types

import oaiwalk


def test_all_is_sorted_and_matches_public_names() -> None:
    assert list(oaiwalk.__all__) == sorted(oaiwalk.__all__)
    public = {
        n
        for n in dir(oaiwalk)
        if not n.startswith("_") and not isinstance(getattr(oaiwalk, n), types.ModuleType)
    }
    assert public == set(oaiwalk.__all__) - {"__version__"}


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys\n"
        "from oaiwalk import cli\n"
        "try:\n    cli.main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('rdflib', 'citeproc', 'bibtexparser', 'httpx', 'starlette')"
        " if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "HEAVY="


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "oaiwalk", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"oaiwalk {oaiwalk.__version__}"
