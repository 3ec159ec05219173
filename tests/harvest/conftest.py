"""Fixtures for harvest tests: a local OAI-PMH server and a CLI runner with tiny waits."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from oaiwalk.cli import main

from .oai_server import OaiServer, Repository

#: Options that keep retries fast: backoff starts at 10 ms.
FAST = ["--backoff", "0.01", "--retries", "3"]


@pytest.fixture
def serve() -> Iterator[Callable[..., OaiServer]]:
    """Return a factory starting an OaiServer on 127.0.0.1; every server stops afterwards."""
    servers: list[OaiServer] = []

    def start(**repository: object) -> OaiServer:
        server = OaiServer(Repository(**repository))  # type: ignore[arg-type]
        server.__enter__()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.__exit__(None, None, None)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "harvest.sqlite"


def harvest(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``oaiwalk harvest`` in-process; return exit status, stdout and stderr."""
    code = main(["harvest", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def rows(store: Path) -> list[tuple[str, str, int, str | None]]:
    """Return (identifier, datestamp, is_deleted, repairs) of every stored record."""
    with sqlite3.connect(store) as db:
        return db.execute(
            "SELECT identifier, datestamp, is_deleted, repairs FROM records ORDER BY identifier"
        ).fetchall()


def runs(store: Path) -> list[dict[str, object]]:
    """Return every run row as a dict."""
    with sqlite3.connect(store) as db:
        db.row_factory = sqlite3.Row
        return [dict(r) for r in db.execute("SELECT * FROM runs ORDER BY id")]
