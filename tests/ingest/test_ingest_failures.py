"""Imports that fail cleanly: dead runs are marked failed, a lost database stops the command."""

import logging
import os
import shutil
import subprocess
from datetime import timedelta

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from archive.models import IngestRun, Source
from archive.runs import ABANDONED_REASON, this_host
from ingest import services
from tests.conftest import FIXTURES


def _dead_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


@pytest.fixture
def docs(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for path in sorted((FIXTURES / "docs").glob("*.txt"))[:3]:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.mark.django_db
def test_a_run_records_its_process_and_heartbeat(docs):
    before = timezone.now()
    call_command("ingest", str(docs), "--no-progress", verbosity=0)
    run = IngestRun.objects.latest()
    assert run.pid == os.getpid() and run.host == this_host()
    assert run.heartbeat_at >= before
    assert run.status == IngestRun.Status.SUCCEEDED


@pytest.mark.django_db
def test_runs_whose_process_is_gone_are_marked_failed_by_the_next_ingest(docs):
    killed = IngestRun.objects.create(paths=["x"], pid=_dead_pid(), host=this_host())
    silent = IngestRun.objects.create(
        paths=["y"], pid=1, host="another-machine", heartbeat_at=timezone.now() - timedelta(hours=2)
    )
    alive = IngestRun.objects.create(paths=["z"], pid=os.getpid(), host=this_host())
    call_command("ingest", str(docs), "--no-progress", verbosity=0)
    for run in (killed, silent):
        run.refresh_from_db()
        assert run.status == IngestRun.Status.FAILED
        assert run.errors[-1]["reason"] == ABANDONED_REASON
        assert run.finished_at is not None
    alive.refresh_from_db()
    assert alive.status == IngestRun.Status.RUNNING


@pytest.mark.django_db
def test_the_admin_shows_a_killed_run_as_failed(admin_client):
    run = IngestRun.objects.create(paths=["x"], pid=_dead_pid(), host=this_host())
    page = admin_client.get(reverse("admin:archive_ingestrun_changelist")).content.decode()
    assert "Failed" in page and f"{run.pid} on {run.host}" in page
    run.refresh_from_db()
    assert run.status == IngestRun.Status.FAILED


def _terminate(backend_pid: int) -> None:
    """End a database session from another connection, as a server restart would."""
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [backend_pid])


@pytest.mark.django_db(transaction=True)
def test_a_lost_database_stops_the_command_at_once_with_one_clear_line(
    docs, monkeypatch, capsys, caplog
):
    seen = []
    real_import = services.import_document

    def import_then_lose_the_database(**kwargs):
        result = real_import(**kwargs)
        seen.append(kwargs["path"].name)
        if len(seen) == 1:
            _terminate(connection.connection.info.backend_pid)
        return result

    monkeypatch.setattr(services, "import_document", import_then_lose_the_database)
    caplog.set_level(logging.ERROR)
    with pytest.raises(CommandError) as raised:
        call_command("ingest", str(docs), "--no-progress", verbosity=0)
    message = str(raised.value)
    assert "\n" not in message
    assert "Lost the database connection while importing" in message
    assert "1 file(s) were imported before it and are kept" in message
    assert "and the 1 file(s) after it were not" in message
    assert "Run the same ingest command again" in message
    assert seen == [sorted(p.name for p in docs.iterdir())[0]]  # stopped at the first loss
    assert not [r for r in caplog.records if r.exc_info]  # no traceback per file
    connection.close()  # a fresh connection for the checks and the teardown
    assert Source.objects.count() == 1
    # Running it again finishes the job. (The interrupted run keeps its pid; once that process
    # has exited the next ingest marks it failed: tests/ingest/test_fault_injection.py.)
    call_command("ingest", str(docs), "--no-progress", verbosity=0)
    assert Source.objects.count() == 3
    assert IngestRun.objects.earliest().pid == os.getpid()


@pytest.mark.django_db(transaction=True)
def test_a_database_lost_after_the_last_file_says_every_file_was_kept(docs, monkeypatch):
    real_finish = services._finish_run

    def lose_the_database_then_finish(run, results):
        _terminate(connection.connection.info.backend_pid)
        real_finish(run, results)

    monkeypatch.setattr(services, "_finish_run", lose_the_database_then_finish)
    with pytest.raises(CommandError) as raised:
        call_command("ingest", str(docs), "--no-progress", verbosity=0)
    assert "after the last file" in str(raised.value)
    assert "3 file(s) were imported and are kept" in str(raised.value)
    connection.close()
    assert Source.objects.count() == 3
