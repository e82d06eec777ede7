"""Import files into the archive: one transaction per file.

The run over files (``import_paths``: heartbeat, a lost database, dry runs) and the import
of one file (``import_document``: read, decode, parse, then write in one transaction). The
rows of one parsed document are written by ``ingest.writing``; which archived event or
speaker a parsed one is lives in ``ingest.records``, which archived statement a quote is in
``ingest.matching``.
"""

import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pghistory
from django.db import InterfaceError, OperationalError, connection, transaction
from django.utils import timezone

from archive.models import IngestRun, Source
from archive.runs import this_host
from ingest.decode import RejectedFile, decode_bytes
from ingest.parse import parse_document
from ingest.writing import retire_source, write_parsed

logger = logging.getLogger(__name__)

# Every ingest transaction takes this lock, so two ingest commands at once write one after
# the other and never both create the same speaker, event or statement.
INGEST_LOCK_ID = 0x5A7E_4E7A


class DryRun(Exception):
    """Raised inside the dry run's transaction to roll everything back."""


@dataclass
class FileResult:
    """What became of one file."""

    path: str
    status: str  # imported | updated | unchanged | failed
    reason: str = ""
    source_id: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    # What a re-import did to existing records: created/updated/removed/curated_kept.
    changes: dict[str, int] = field(default_factory=dict)


class DatabaseLost(Exception):
    """The database went away mid-run: what was committed, and what to run again."""

    def __init__(
        self, *, path: Path | None, done: list[FileResult], remaining: int, error: Exception
    ):
        self.path, self.done, self.remaining, self.error = path, done, remaining, error
        committed = sum(r.status in ("imported", "updated") for r in done)
        detail = " ".join(str(error).split())[:160]
        if path is None:
            super().__init__(
                f"Lost the database connection after the last file ({detail}): {committed} "
                "file(s) were imported and are kept; only the run's summary was not saved."
            )
            return
        super().__init__(
            f"Lost the database connection while importing {path} ({detail}). "
            f"{committed} file(s) were imported before it and are kept; {path.name} and the "
            f"{remaining - 1} file(s) after it were not. Run the same ingest command again "
            "once the database is back: files already imported are skipped."
        )


def _connection_lost(exc: Exception) -> bool:
    """True when ``exc`` means the database connection is gone (not a bad row or a timeout)."""
    if not isinstance(exc, OperationalError | InterfaceError):
        return False
    try:
        return not connection.is_usable()
    except Exception:  # no connection left to test
        return True


def collect_files(paths: Iterable[Path]) -> tuple[list[Path], list[FileResult]]:
    """Expand folders to the ``.txt`` files inside them; report paths that do not exist."""
    files: list[Path] = []
    missing: list[FileResult] = []
    for path in paths:
        if path.is_dir():
            # Broken links are kept so that they are reported as unreadable, not skipped.
            files.extend(sorted(p for p in path.rglob("*.txt") if p.is_file() or p.is_symlink()))
        elif path.exists():
            files.append(path)
        else:
            missing.append(FileResult(str(path), "failed", "no such file or folder"))
    return files, missing


def import_paths(
    *,
    paths: Iterable[Path],
    max_bytes: int,
    on_file: Callable[[FileResult], None] | None = None,
    on_total: Callable[[int], None] | None = None,
    dry_run: bool = False,
) -> tuple[IngestRun, list[FileResult]]:
    """Import every file under ``paths``, each in its own transaction, and record the run.

    ``on_total`` hears how many files there are once the folders are walked; ``on_file``
    hears what became of each one. ``dry_run`` does it all in one transaction that is then
    rolled back: the results say what would happen, the database is left as it was.
    """
    if dry_run:
        outcome = []
        try:
            with transaction.atomic():
                outcome.extend(
                    import_paths(
                        paths=paths, max_bytes=max_bytes, on_file=on_file, on_total=on_total
                    )
                )
                raise DryRun
        except DryRun:
            return outcome[0], outcome[1]
    paths = [Path(p) for p in paths]
    files, results = collect_files(paths)
    if on_total:
        on_total(len(files) + len(results))
    IngestRun.objects.mark_abandoned()  # earlier runs killed mid-way stop saying "running"
    run = IngestRun.objects.create(
        paths=[str(p) for p in paths],
        pid=os.getpid(),
        host=this_host(),
        heartbeat_at=timezone.now(),
    )
    _import_files(run, files, results, max_bytes=max_bytes, on_file=on_file)
    try:
        _finish_run(run, results)
    except Exception as exc:
        if _connection_lost(exc):
            raise DatabaseLost(path=None, done=results, remaining=0, error=exc) from exc
        raise
    return run, results


def _import_files(run, files, results, *, max_bytes, on_file) -> None:
    for result in results:
        if on_file:
            on_file(result)
    seen_names: dict[str, Path] = {}
    for index, path in enumerate(files):
        # A file name identifies a document across imports (a changed file supersedes the
        # old version), so two different files with one name in a run would replace each other.
        first = seen_names.setdefault(path.name, path)
        if first != path:
            result = FileResult(
                str(path), "failed", f"same file name as {first}; rename one and import again"
            )
            results.append(result)
            if on_file:
                on_file(result)
            continue
        try:
            run.heartbeat_at = timezone.now()
            run.save(update_fields=["heartbeat_at"])
            result = import_document(path=path, run=run, max_bytes=max_bytes)
        except RejectedFile as exc:
            result = FileResult(str(path), "failed", str(exc))
        except Exception as exc:
            if _connection_lost(exc):
                # Every later file would fail the same way: stop here. The run stays
                # "running"; the next ingest finds its process gone and marks it failed.
                raise DatabaseLost(
                    path=path, done=results, remaining=len(files) - index, error=exc
                ) from exc
            # The file's transaction rolled back; record it and go on, so the run is finished
            # (not left "running") and the other files still import.
            logger.exception("Importing %s failed", path)
            detail = " ".join(str(exc).split())[:200]  # one line, like the other reasons
            result = FileResult(str(path), "failed", f"error: {type(exc).__name__}: {detail}")
        results.append(result)
        if on_file:
            on_file(result)


def _finish_run(run: IngestRun, results: list[FileResult]) -> None:
    totals: dict[str, int] = {"files": len(results)}
    for result in results:
        totals[result.status] = totals.get(result.status, 0) + 1
        for name, value in result.counts.items():
            totals[name] = totals.get(name, 0) + value
    failed = [r for r in results if r.status == "failed"]
    run.counts = totals
    run.errors = [{"file": r.path, "reason": r.reason} for r in failed]
    run.warnings = [f"{r.path}: {w}" for r in results for w in r.warnings]
    if not failed:
        run.status = IngestRun.Status.SUCCEEDED
    elif len(failed) == len(results):
        run.status = IngestRun.Status.FAILED
    else:
        run.status = IngestRun.Status.PARTIAL
    run.finished_at = timezone.now()
    run.save(update_fields=["counts", "errors", "warnings", "status", "finished_at"])


def read_file(path: Path, *, max_bytes: int) -> bytes:
    """The file's bytes, or ``RejectedFile`` saying in one line why not."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise RejectedFile(f"too large ({size:,} bytes; the limit is {max_bytes:,})")
        with path.open("rb") as handle:
            return handle.read(max_bytes + 1)
    except PermissionError:
        raise RejectedFile("unreadable: permission denied") from None
    except IsADirectoryError:
        raise RejectedFile("unreadable: is a folder") from None
    except OSError as exc:
        raise RejectedFile(f"unreadable: {exc.strerror or exc}") from None


def import_document(*, path: Path, run: IngestRun | None = None, max_bytes: int) -> FileResult:
    """Import one file as a Source with its posts, events, speakers and statements.

    The same bytes twice change nothing. New bytes under a file name already imported make a
    new Source that supersedes the old one; statements found again keep their ids.
    """
    data = read_file(path, max_bytes=max_bytes)
    decoded = decode_bytes(data)
    if Source.objects.filter(sha256=decoded.sha256).exists():
        return FileResult(str(path), "unchanged")
    parsed = parse_document(decoded.text)  # pure and slow-ish: outside the transaction
    # Every history row this file's writes make names the import run (archive.history).
    with transaction.atomic(), pghistory.context(ingest_run=run.pk if run else None):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [INGEST_LOCK_ID])
        if existing := Source.objects.filter(sha256=decoded.sha256).first():
            return FileResult(str(path), "unchanged", source_id=existing.pk)
        previous = Source.objects.current().filter(file_name=path.name).first()
        source = Source.objects.create(
            file_name=path.name,
            sha256=decoded.sha256,
            text=decoded.text,
            encoding=decoded.encoding,
            title=parsed.title[:500],
            site=parsed.site[:200],
            url=parsed.url[:1000],
            author=parsed.author[:200],
            published=parsed.published,
            ingest_run=run,
        )
        changes: dict[str, int] = {}
        counts, warnings = write_parsed(source, parsed, previous=previous, changes=changes)
        if decoded.encoding != "utf-8":
            warnings.insert(0, f"not UTF-8: decoded as {decoded.encoding}")
        if previous is not None:
            changes["removed"] = retire_source(previous, replaced_by=source)
    status = "updated" if previous is not None else "imported"
    return FileResult(
        str(path), status, source_id=source.pk, counts=counts, warnings=warnings, changes=changes
    )
