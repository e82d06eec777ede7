"""The demo archive: its own database, a banner on every page, never mixed with real imports."""

import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.conftest import REPO
from tests.factories import make_statement

BANNER = "Demo data: invented documents."


def _database_name(**env) -> str:
    """The database name settings pick under ``env``, read in a fresh interpreter."""
    code = "from django.conf import settings; print(settings.DATABASES['default']['NAME'])"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def test_demo_mode_uses_a_database_of_its_own():
    real = _database_name(ARCHIVE_DEMO="0")
    assert _database_name(ARCHIVE_DEMO="1") == real + "_demo"


@pytest.mark.django_db
def test_every_page_shows_the_demo_banner_in_demo_mode(client, settings):
    settings.ARCHIVE_DEMO = True
    for name in ("archive:home", "archive:statement-list", "archive:source-list"):
        assert BANNER in client.get(reverse(name)).content.decode()


@pytest.mark.django_db
def test_the_real_archive_shows_no_banner(client, settings):
    settings.ARCHIVE_DEMO = False
    assert BANNER not in client.get(reverse("archive:home")).content.decode()


@pytest.mark.django_db
def test_the_demo_documents_are_refused_by_the_real_archive(settings):
    settings.ARCHIVE_DEMO = False
    with pytest.raises(CommandError, match="invented demo documents"):
        call_command("ingest", str(settings.ARCHIVE_DEMO_SOURCES), "--no-progress", verbosity=0)


@pytest.mark.django_db
def test_demo_citations_exports_and_api_say_the_data_is_invented(client, settings):
    settings.ARCHIVE_DEMO = True
    statement = make_statement(text="Invented words about the harbour.")
    page = client.get(statement.get_absolute_url()).content.decode()
    assert page.count("DEMO DATA: invented documents") >= 4  # text, BibTeX, RIS, CSL-JSON
    rows = b"".join(client.get("/statements/", {"format": "jsonl"}).streaming_content)
    assert b"demo archive of invented documents" in rows
    assert client.get("/api/version/").json()["demo"] is True
