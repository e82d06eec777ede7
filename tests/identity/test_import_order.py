"""The archive is a function of its sources, not of the order they were imported in."""

import json
import random
import threading

import pytest
from django.core.management import call_command
from django.db import connection

from archive.exports import occurrence_rows
from archive.models import Article, Event, IngestRun, Source, Speaker, Statement
from ingest.services import import_paths
from tests.conftest import FIXTURES

CORPUS = sorted((FIXTURES / "docs").glob("*.txt"))


def _export() -> list[str]:
    """Every occurrence with its speaker and event, without ids, in a fixed order."""
    rows = []
    for row in occurrence_rows():
        row.pop("statement_id")
        row["speaker"].pop("id")
        row["speaker"]["aliases"] = sorted(row["speaker"]["aliases"])
        if row["event"]:
            row["event"].pop("id")
        rows.append(json.dumps(row, sort_keys=True, ensure_ascii=False))
    return sorted(rows)


def _empty_archive() -> None:
    Statement.objects.all().delete()
    Article.objects.all().delete()
    Source.objects.all().delete()
    Speaker.objects.all().delete()
    Event.objects.all().delete()
    IngestRun.objects.all().delete()


def _import(files) -> list[str]:
    _empty_archive()
    import_paths(paths=files, max_bytes=10**7)
    return _export()


@pytest.mark.django_db(transaction=True)
def test_three_orders_and_two_concurrent_commands_give_the_same_archive(settings):
    settings.ARCHIVE_DEMO = True  # the corpus is the invented demo set, refused elsewhere
    forward = _import(CORPUS)
    assert forward
    assert _import(list(reversed(CORPUS))) == forward
    shuffled = CORPUS[:]
    random.Random(10).shuffle(shuffled)
    assert _import(shuffled) == forward

    _empty_archive()
    halves = [CORPUS[::2], CORPUS[1::2][::-1]]

    def run(files):
        try:
            call_command("ingest", *map(str, files), "--no-progress", verbosity=0)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(half,)) for half in halves]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert _export() == forward
