"""The archive is a function of its sources, not of the order they were imported in."""

import random
import threading

import pytest
from django.core.management import call_command
from django.db import connection

from ingest.services import import_paths
from tests.conftest import FIXTURES
from tests.snapshots import archive_snapshot, empty_archive

CORPUS = sorted((FIXTURES / "docs").glob("*.txt"))


def _import(files) -> list[str]:
    empty_archive()
    import_paths(paths=files, max_bytes=10**7)
    return archive_snapshot()


@pytest.mark.django_db(transaction=True)
def test_three_orders_and_two_concurrent_commands_give_the_same_archive():
    forward = _import(CORPUS)
    assert forward
    assert _import(list(reversed(CORPUS))) == forward
    shuffled = CORPUS[:]
    random.Random(10).shuffle(shuffled)
    assert _import(shuffled) == forward

    empty_archive()
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
    assert archive_snapshot() == forward
