"""The archive is a function of its sources, not of the order they were imported in."""

import random
import threading

import pytest
from django.core.management import call_command
from django.db import connection

from ingest.services import import_paths
from tests.conftest import FIXTURES
from tests.identity.test_speaker_identity import FILES
from tests.snapshots import archive_snapshot, empty_archive

# Invented documents where order used to decide who is who: two Bergs, and a bare "Berg".
TRAPS = {
    **FILES,
    "ferry.txt": "Ferry timetable\n\n“The first boat will leave at six,” said Berg.\n",
    "quay.txt": "Quay news\n\n“We lost three days to the wind,” said Bob Lindqvist.\n",
    "port.txt": "Port report\n\n“The cranes are back in service,” said Robert Lindqvist.\n",
}


@pytest.fixture
def corpus(tmp_path):
    paths = sorted((FIXTURES / "docs").glob("*.txt"))
    for name, text in TRAPS.items():
        (tmp_path / name).write_text(text)
        paths.append(tmp_path / name)
    return paths


def _import(files) -> list[str]:
    empty_archive()
    import_paths(paths=files, max_bytes=10**7)
    return archive_snapshot()


@pytest.mark.django_db(transaction=True)
def test_three_orders_and_two_concurrent_commands_give_the_same_archive(corpus, settings):
    settings.ARCHIVE_DEMO = True  # the corpus holds the invented demo set, refused elsewhere
    forward = _import(corpus)
    assert forward
    assert _import(list(reversed(corpus))) == forward
    shuffled = corpus[:]
    random.Random(10).shuffle(shuffled)
    assert _import(shuffled) == forward

    empty_archive()
    halves = [corpus[::2], corpus[1::2][::-1]]

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
