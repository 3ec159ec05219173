"""Kill a harvest midway (a real subprocess), run it again: complete and duplicate-free."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from .conftest import FAST, rows, runs


@pytest.mark.parametrize(
    ("sig", "status", "code"),
    [(signal.SIGTERM, "interrupted", 130), (signal.SIGKILL, "running", -signal.SIGKILL)],
)
def test_a_killed_harvest_resumes_where_it_stopped(serve, store_path, sig, status, code) -> None:
    server = serve(count=40, page_size=10, deleted_every=7)
    server.block_page = 2  # the server holds the third page until the test says so
    argv = [sys.executable, "-m", "oaiwalk", "harvest", server.url, "--store", str(store_path)]
    process = subprocess.Popen(
        [*argv, *FAST], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert server.reached.wait(60), "the harvest never asked for the third page"
        process.send_signal(sig)
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    server.release.set()
    assert process.returncode == code, err
    if sig == signal.SIGTERM:
        assert "run the same command again to resume" in err
    (run,) = runs(store_path)
    assert (run["status"], run["pages"], run["resumption_token"]) == (status, 2, "0|20|||")
    assert len(rows(store_path)) == 20

    server.log.clear()
    result = subprocess.run([*argv, *FAST], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "(resumed)" in result.stderr
    assert server.log == [
        {"verb": "ListRecords", "resumptionToken": "0|20|||"},
        {"verb": "ListRecords", "resumptionToken": "0|30|||"},
    ]
    stored = rows(store_path)
    assert [r[0] for r in stored] == sorted(i.identifier for i in server.repo.items)
    assert sum(r[2] for r in stored) == 5
    (run,) = runs(store_path)
    assert (run["status"], run["pages"], run["records"], run["new"]) == ("complete", 4, 40, 40)


def test_a_second_harvest_into_a_busy_store_is_refused(serve, store_path, capsys) -> None:
    from .conftest import harvest

    server = serve()
    server.block_page = 1
    argv = [sys.executable, "-m", "oaiwalk", "harvest", server.url, "--store", str(store_path)]
    process = subprocess.Popen([*argv, *FAST], stderr=subprocess.PIPE, text=True)
    try:
        assert server.reached.wait(60), "the first harvest never asked for the second page"
        code, _, err = harvest(capsys, server.url, "--store", str(store_path), *FAST)
        assert code == 5
        assert f"process {process.pid} is harvesting into this store" in err
        server.release.set()
        _, first_err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, first_err
    assert len(rows(store_path)) == 25
    assert [r["status"] for r in runs(store_path)] == ["complete"]
