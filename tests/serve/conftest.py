"""A real uvicorn server on 127.0.0.1 publishing the golden fixtures."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest

from ..conftest import FIXTURES


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def server_url() -> Iterator[str]:
    uvicorn = pytest.importorskip("uvicorn")
    from oaiwalk.serve import Catalogue, create_app

    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    catalogue = Catalogue.load(sorted(FIXTURES.glob("*.xml")))
    config = uvicorn.Config(
        create_app(catalogue, base_uri=base), host="127.0.0.1", port=port, log_level="error"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(500):  # wait until it accepts connections (not a time limit on the test)
        if server.started:
            break
        time.sleep(0.01)
    yield base
    server.should_exit = True
    thread.join()
