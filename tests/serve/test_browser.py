"""A real browser (headless Chromium) loads a landing page, sees its metadata, exports."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from oaiwalk.writers.rdf_terms import record_slug

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("chromium not installed (Debian package 'chromium'; .ci/run installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield b
        b.close()


def test_landing_page_in_a_browser(server_url, browser):
    page = browser.new_page(accept_downloads=True)
    page.goto(f"{server_url}records/{record_slug('oai:repo.example.org:123/456')}")
    metas = page.eval_on_selector_all(
        "meta[name^=citation_]", "els => els.map(e => [e.name, e.content])"
    )
    assert ["citation_doi", "10.1234/jem.2023.0042"] in metas
    authors = [c for n, c in metas if n == "citation_author"]
    assert authors[0].startswith("van der Berg") and len(authors) == 4
    ld = json.loads(page.inner_text("script[type='application/ld+json']"))
    assert "schema.org" in json.dumps(ld)
    assert page.locator(".Z3988").count() == 1
    with page.expect_download() as info:
        page.click("#exports a:text('BibTeX')")
    download = info.value
    text = Path(download.path()).read_text(encoding="utf-8")
    assert text.lstrip().startswith("@article")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "landing-page.png"), full_page=True)
    assert (ARTIFACTS / "landing-page.png").stat().st_size > 1000
    page.close()
