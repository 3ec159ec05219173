"""Shared test set-up: golden-file updating, the ../shared corpus, hypothesis profiles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "raw"
SEED = SHARED / "seed" / "recercat-getrecord-oai_dc.xml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"

settings.register_profile(
    "ci",
    derandomize=True,
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=50, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite golden files from current output (those tests then report as skipped)",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(
        request.config.getoption("--update-golden") or os.environ.get("OAIWALK_UPDATE_GOLDEN")
    )


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The real OAI-PMH corpus in ../shared (skips when it is absent)."""
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not available: {CORPUS} is absent")
    return CORPUS


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The seed DSpace GetRecord response in ../shared (skips when it is absent)."""
    if not SEED.is_file():
        pytest.skip(f"seed record not available: {SEED} is absent")
    return SEED
