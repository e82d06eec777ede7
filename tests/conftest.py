"""Shared fixtures: paths to the sample documents and the development set."""

from pathlib import Path
from unittest import mock

import pytest

from archive import background

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"
FIXTURES = REPO / "tests" / "ingest" / "fixtures"


@pytest.fixture(autouse=True, scope="session")
def _reads_stay_on_the_primary():
    """With DATABASE_REPLICA_URLS set, the test run still reads the primary.

    In a test run each replica mirrors the test database through a second connection, which
    cannot see the rows a test has not committed. The routing is tested on its own
    (tests/config/test_replicas.py) and against a real standby (test_streaming_replica.py).
    """
    with mock.patch("config.replicas.replica_aliases", return_value=[]):
        yield


@pytest.fixture(autouse=True)
def _worker_connections_closed():
    """After each test, the read worker's database connections close (archive.background):
    a live server or a transactional test may have used them, and an open one would keep
    the test database from being dropped at the end of the run."""
    yield
    background.close()


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"sample documents not found at {SEEDS}")
    return SEEDS
