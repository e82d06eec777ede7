"""gunicorn.conf.py: read by gunicorn from the working directory (make serve, the image)."""

import runpy
from pathlib import Path

from gunicorn.config import KNOWN_SETTINGS

CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


def _settings() -> dict:
    return {k: v for k, v in runpy.run_path(str(CONF)).items() if not k.startswith("__")}


def test_every_name_in_the_file_is_a_gunicorn_setting():
    assert set(_settings()) <= {setting.name for setting in KNOWN_SETTINGS}


def test_the_worker_timeout_outlasts_the_largest_merges():
    # make bench-edits at 1,000,000 statements: up to 29 s for the largest speaker's merge.
    assert _settings()["timeout"] >= 120
