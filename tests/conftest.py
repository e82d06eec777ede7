"""Shared fixtures: paths to the sample documents and the development set."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"
FIXTURES = REPO / "tests" / "ingest" / "fixtures"


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"sample documents not found at {SEEDS}")
    return SEEDS
