"""Run the node clients in ``tests/clients`` (citation-js, N3.js) from Python tests.

``ensure_node_clients`` installs the locked packages (``npm ci``) the first time and
skips the calling test, with the reason, when node or npm is missing or the install
fails (no network). ``run_node`` runs one script of this folder with text on stdin.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest

CLIENTS_DIR = Path(__file__).resolve().parent

__all__ = [
    "CLIENTS_DIR",
    "ensure_node_clients",
    "node_clients_problem",
    "run_node",
    "run_node_script",
]


@cache
def node_clients_problem() -> str | None:
    """Install the node clients if needed; return why they are unusable, or None."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        return "node and npm are needed for the citation-js/N3.js client checks"
    if (CLIENTS_DIR / "node_modules" / ".package-lock.json").is_file():
        return None
    done = subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund"],
        cwd=CLIENTS_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return f"npm ci failed in {CLIENTS_DIR}: {last}"
    return None


def ensure_node_clients() -> Path:
    """Return the clients folder with node_modules installed; skip the test if impossible."""
    problem = node_clients_problem()
    if problem is not None:
        pytest.skip(problem)
    return CLIENTS_DIR


def run_node(script_name: str, *args: str, input_text: str) -> subprocess.CompletedProcess[str]:
    """Run ``tests/clients/<script_name>`` with node, ``input_text`` on stdin (UTF-8)."""
    ensure_node_clients()
    return run_node_script(script_name, *args, input_text=input_text)


def run_node_script(
    script_name: str, *args: str, input_text: str
) -> subprocess.CompletedProcess[str]:
    """Run a client script outside pytest; raise RuntimeError when node cannot run it."""
    problem = node_clients_problem()
    node = shutil.which("node")
    if problem is not None or node is None:
        raise RuntimeError(problem or "node not found")
    return subprocess.run(
        [node, str(CLIENTS_DIR / script_name), *args],
        cwd=CLIENTS_DIR,
        input=input_text,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
