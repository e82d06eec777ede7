"""The ingest command: idempotent, safe on bad input, safe when run twice at once."""

import json
import shutil
import threading
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from archive.models import IngestRun, Occurrence, ReviewStatus, Source, Speaker, Statement
from ingest.services import import_paths
from tests.conftest import FIXTURES

DOCS = FIXTURES / "docs"


def _archive_counts() -> dict[str, int]:
    return {
        "sources": Source.objects.count(),
        "statements": Statement.objects.count(),
        "occurrences": Occurrence.objects.count(),
        "speakers": Speaker.objects.count(),
    }


@pytest.fixture
def sample_dir(tmp_path) -> Path:
    """A copy of two of the project's sample documents."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for path in sorted(DOCS.glob("*.txt"))[:2]:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.mark.django_db
def test_importing_the_same_files_twice_adds_nothing(sample_dir):
    call_command("ingest", str(sample_dir), "--no-progress", verbosity=0)
    first = _archive_counts()
    assert first["sources"] == 2 and first["statements"] > 0
    call_command("ingest", str(sample_dir), "--no-progress", verbosity=0)
    assert _archive_counts() == first
    run = IngestRun.objects.latest()
    assert run.counts["unchanged"] == 2
    assert run.status == IngestRun.Status.SUCCEEDED


@pytest.mark.django_db
def test_bad_files_get_a_reason_and_the_rest_import(tmp_path, sample_dir, capsys):
    (tmp_path / "docs" / "empty.txt").write_bytes(b"")
    (tmp_path / "docs" / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")
    (tmp_path / "docs" / "big.txt").write_text("word " * 10_000)
    (tmp_path / "docs" / "gone.txt").symlink_to(tmp_path / "missing-target.txt")
    (tmp_path / "docs" / "latin.txt").write_bytes(
        ("The mayor’s “promise” was clear, said Ana Núñez. " * 5).encode("cp1252")
    )
    with pytest.raises(CommandError, match="4 of 7 files could not be imported"):
        call_command("ingest", str(sample_dir), "--no-progress", "--max-bytes", "40000")
    err = capsys.readouterr().err
    assert "empty.txt: empty file" in err
    assert "image.txt: binary file" in err
    assert "big.txt: too large" in err
    assert "gone.txt: unreadable" in err
    # Files within the limit imported; the non-UTF-8 one with a warning.
    assert Source.objects.filter(file_name="latin.txt").exists()
    run = IngestRun.objects.latest()
    assert run.status == IngestRun.Status.PARTIAL
    assert any("latin.txt: not UTF-8" in w for w in run.warnings)
    assert {Path(e["file"]).name for e in run.errors} == {
        "empty.txt",
        "image.txt",
        "big.txt",
        "gone.txt",
    }


@pytest.mark.django_db
def test_a_changed_file_supersedes_the_old_version_and_keeps_curated_work(sample_dir):
    path = next(sample_dir.glob("*.txt"))
    import_paths(paths=[path], max_bytes=10**7)
    before = {s.pk: s.text for s in Statement.objects.all()}
    curated = Statement.objects.order_by("pk").first()
    curated.text = "Corrected by an editor."
    curated.review_status = ReviewStatus.VERIFIED
    curated.curated = True
    curated.save()

    path.write_text(
        path.read_text(encoding="utf-8") + "\n\nA late correction line.\n", encoding="utf-8"
    )
    import_paths(paths=[path], max_bytes=10**7)

    assert Source.objects.count() == 2
    assert Source.objects.current().count() == 1
    old = Source.objects.exclude(superseded_by=None).get()
    assert old.superseded_by == Source.objects.current().get()
    # Statements found again keep their ids; nothing was duplicated.
    assert set(Statement.objects.values_list("pk", flat=True)) == set(before)
    curated.refresh_from_db()
    assert curated.text == "Corrected by an editor."
    assert curated.review_status == ReviewStatus.VERIFIED


@pytest.mark.django_db(transaction=True)
def test_two_imports_at_once_do_not_duplicate_anything(sample_dir):
    errors = []

    def run():
        try:
            import_paths(paths=[sample_dir], max_bytes=10**7)
        except Exception as exc:  # surfaced by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Source.objects.count() == 2
    statements = Statement.objects.values_list("speaker_id", "fingerprint", "kind")
    assert len(statements) == len(set(statements))


@pytest.mark.django_db
def test_export_writes_one_json_object_per_occurrence(sample_dir, tmp_path):
    call_command("ingest", str(sample_dir), "--no-progress", verbosity=0)
    out = tmp_path / "export.jsonl"
    call_command("export_archive", "--output", str(out))
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == Occurrence.objects.count() > 0
    row = rows[0]
    assert set(row) == {
        "statement_id",
        "kind",
        "text",
        "source_file",
        "start",
        "end",
        "speaker",
        "event",
        "rule",
        "confidence",
        "data_version",
    }
    assert row["rule"] and 0 <= row["confidence"] <= 1
    assert row["data_version"].startswith("import ")  # the last import's id and time
    assert set(row["speaker"]) == {"id", "name", "aliases"}
    assert row["kind"] in {"direct", "indirect"}
    source_text = Source.objects.get(file_name=row["source_file"]).text
    assert 0 <= row["start"] < row["end"] <= len(source_text)
    if row["event"] is not None:
        assert set(row["event"]) == {"id", "name", "date"}


@pytest.mark.django_db
def test_an_unexpected_error_fails_that_file_only_and_finishes_the_run(sample_dir, monkeypatch):
    from ingest import services

    real = services.write_parsed
    broken = sorted(sample_dir.glob("*.txt"))[0].name

    def write_parsed(source, parsed, **kw):
        if source.file_name == broken:
            raise ValueError("parser bug")
        return real(source, parsed, **kw)

    monkeypatch.setattr(services, "write_parsed", write_parsed)
    run, results = import_paths(paths=[sample_dir], max_bytes=10**7)
    assert [r.status for r in results] == ["failed", "imported"]
    assert "ValueError: parser bug" in results[0].reason
    assert run.status == IngestRun.Status.PARTIAL
    assert not Source.objects.filter(file_name=broken).exists()


@pytest.mark.django_db
def test_two_files_with_one_name_in_a_run_do_not_replace_each_other(tmp_path, sample_dir):
    original = next(sample_dir.glob("*.txt"))
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / original.name).write_text("A different page, Jane Roe said: “Hello there.”\n")
    _run, results = import_paths(paths=[sample_dir, other], max_bytes=10**7)
    failed = [r for r in results if r.status == "failed"]
    assert len(failed) == 1
    assert "same file name as" in failed[0].reason
    assert Source.objects.filter(file_name=original.name).count() == 1
    assert Source.objects.current().count() == 2


@pytest.mark.django_db
def test_warnings_are_shown_with_file_and_passage_and_counts_say_new_or_found_again(
    tmp_path, capsys
):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "note.txt").write_text(
        "Harbour notes\n\nThe council met on 3 March 2021.\n\n"
        "“We will not sell the harbour,” said Ana Ruiz, the mayor.\n\n"
        "“Nobody here knows who said this one, and it is long enough to count.”\n"
    )
    call_command("ingest", str(folder), "--no-progress")
    out = capsys.readouterr().out
    run = IngestRun.objects.latest()
    for warning in run.warnings:
        assert warning.startswith(str(folder / "note.txt"))
        assert warning in out
    assert "new statements created" in out and "found again" in out
    copy = tmp_path / "again"
    copy.mkdir()
    (copy / "other.txt").write_text((folder / "note.txt").read_text() + "\nA second page.\n")
    call_command("ingest", str(copy), "--no-progress")
    out = capsys.readouterr().out
    assert "0 new statements created" in out
