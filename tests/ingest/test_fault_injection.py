"""Ingest killed with SIGKILL at random points, then run again, equals one clean import.

Each round starts ``manage.py ingest`` in a subprocess against the test database and kills it
after a random delay (seeded, so a failure can be repeated); the files it had committed stay,
the file it was writing rolls back. A last run without a kill finishes the job. The archive
must then be exactly what one uninterrupted import makes, and every killed run is marked
failed, not left "running".
"""

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from urllib.parse import quote

import pytest
from django.db import connection

from archive.models import IngestRun, Source
from ingest.services import import_paths
from tests.conftest import FIXTURES, REPO
from tests.snapshots import archive_snapshot, empty_archive

KILLS = int(os.environ.get("FAULT_KILLS", "3"))
CORPUS_FILES = 4  # enough for kills before, inside and between files; keeps the test short
SEED = int(os.environ.get("FAULT_SEED", "10"))


def _database_url() -> str:
    """The test database as a DATABASE_URL for the subprocesses."""
    db = connection.settings_dict
    user = quote(db["USER"] or "")
    password = quote(db["PASSWORD"] or "")
    host = db["HOST"] or ""
    if host.startswith("/"):
        return f"postgresql://{user}:{password}@/{db['NAME']}?host={quote(host)}"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgresql://{user}:{password}@{host}{port}/{db['NAME']}"


def _ingest(folder, env) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "ingest", str(folder), "--no-progress", "-v0"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_until_importing(process: subprocess.Popen, timeout: float = 60) -> None:
    """Wait until the subprocess has recorded its run (Django has started; files come next)."""
    deadline = time.monotonic() + timeout
    while not IngestRun.objects.filter(pid=process.pid).exists():
        assert process.poll() is None, process.stderr.read()
        assert time.monotonic() < deadline, "ingest did not start"
        time.sleep(0.05)


@pytest.mark.django_db(transaction=True)
def test_ingest_killed_at_random_points_and_resumed_equals_one_clean_import(tmp_path, capsys):
    folder = tmp_path / "docs"
    folder.mkdir()
    for path in sorted((FIXTURES / "docs").glob("*.txt"))[:CORPUS_FILES]:
        shutil.copy(path, folder / path.name)
    import_paths(paths=[folder], max_bytes=10**7)
    clean = archive_snapshot()
    empty_archive()

    env = {**os.environ, "DATABASE_URL": _database_url(), "CONN_MAX_AGE": "0"}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    rng = random.Random(SEED)
    started = time.monotonic()
    committed_at_kill = []
    for _ in range(KILLS):
        process = _ingest(folder, env)
        _wait_until_importing(process)
        time.sleep(rng.uniform(0.0, 1.0))  # somewhere among the files, or between them
        process.send_signal(signal.SIGKILL)
        process.wait()
        committed_at_kill.append(Source.objects.count())
    final = _ingest(folder, env)
    _, err = final.communicate(timeout=120)
    assert final.returncode == 0, err
    seconds = time.monotonic() - started
    with capsys.disabled():
        print(
            f"\nfault test: {KILLS} SIGKILLs (seed {SEED}), sources committed at each kill "
            f"{committed_at_kill} of {len(list(folder.iterdir()))}, resumed in {seconds:.1f} s"
        )

    assert archive_snapshot() == clean
    runs = IngestRun.objects.order_by("pk")
    killed = [r for r in runs if r.status != IngestRun.Status.SUCCEEDED]
    # Every killed run that got as far as recording itself is marked failed by the next one.
    assert all(r.status == IngestRun.Status.FAILED for r in killed)
    assert runs.last().status == IngestRun.Status.SUCCEEDED
