"""Write parsed documents into the archive: one transaction per file.

The run over files (``import_paths``: heartbeat, a lost database, dry runs) and the write of
one parsed document (``write_parsed``); which archived event or speaker a parsed one is lives
in ``ingest.records``, which archived statement a quote is in ``ingest.matching``.

Records ingest makes carry ``curated=False``. Ingest never changes a curated record (one an
editor has edited or reviewed); it only adds occurrences to it.
"""

import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pghistory
from django.db import InterfaceError, OperationalError, connection, transaction
from django.utils import timezone

from archive.models import (
    Article,
    IngestRun,
    Occurrence,
    Source,
    Statement,
)
from archive.runs import this_host
from ingest.decode import RejectedFile, decode_bytes
from ingest.matching import CuratedPassages, StatementMatcher
from ingest.parse import parse_document
from ingest.records import (
    curated_events,
    curated_post_events,
    refresh_speaker_names,
    resolve_event,
    resolve_speaker,
)
from ingest.types import ParsedDocument

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


def retire_source(old: Source, *, replaced_by: Source) -> int:
    """Point an old version at its replacement and drop what ingest alone had made from it."""
    old.superseded_by = replaced_by
    old.save(update_fields=["superseded_by"])
    dropped = old.occurrences.filter(statement__curated=False)
    statement_ids = set(dropped.values_list("statement_id", flat=True))
    dropped.delete()
    # Only the statements that just lost a passage: no scan of the whole table, and
    # statements left without passages by other means are not touched.
    _, deleted = Statement.objects.filter(pk__in=statement_ids, occurrences__isnull=True).delete()
    return deleted.get(Statement._meta.label, 0)


def write_parsed(
    source: Source,
    parsed: ParsedDocument,
    *,
    previous: Source | None = None,
    changes: dict[str, int] | None = None,
) -> tuple[dict[str, int], list[str]]:
    """Create the rows for one parsed document; returns counts and warnings.

    ``previous`` (the version this one replaces) lets curated records be found by identity:
    its events, and its curated passages wherever their statements now live.
    """
    warnings = list(parsed.warnings)
    curated = CuratedPassages(previous, source.text) if previous else None
    known_events = curated_events(previous) if previous else []
    # A post found again (same headline) keeps the curated event an editor linked it to,
    # whatever that event is now called (a merge, a rename).
    by_post = curated_post_events(previous) if previous else {}
    events = {
        a.event_key: by_post[a.title] for a in parsed.articles if a.event_key and a.title in by_post
    }
    for found_event in parsed.events:
        if found_event.key not in events:
            events[found_event.key] = resolve_event(found_event, known=known_events)
    speakers = {s.key: resolve_speaker(s) for s in parsed.speakers}
    articles = [
        Article.objects.create(
            source=source,
            position=index,
            title=article.title[:500],
            start=article.start,
            end=article.end,
            published=article.published,
            event=events.get(article.event_key),
        )
        for index, article in enumerate(parsed.articles)
    ]
    matcher = StatementMatcher()
    occurrences: dict[tuple, Occurrence] = {}
    unattributed = []
    for found in parsed.statements:
        speaker = speakers.get(found.speaker_key) if found.speaker_key else None
        if speaker is None:
            unattributed.append(found)
            continue
        event = events.get(found.event_key) if found.event_key else None
        article = articles[found.article_index] if found.article_index is not None else None
        # No date of its own: the database gives it the event's (and keeps it in step, migration
        # 0020); the post's date only where there is no dated event to follow.
        when = found.date
        if when is None and (event is None or event.start_date is None) and article is not None:
            when = article.published
        claimed = curated.claim(found) if curated else None
        if claimed is not None:
            statement, start, end = claimed
            occurrences.setdefault(
                (id(statement), start, end),
                Occurrence(
                    statement=statement,
                    source=source,
                    article=article,
                    start=start,
                    end=end,
                    role=found.role[:500],
                ),
            )
            continue
        statement = matcher.resolve(
            speaker=speaker,
            kind=found.kind,
            text=found.text,
            event=event,
            date=when,
            rule=found.rule,
            confidence=found.confidence,
        )
        occurrences.setdefault(
            (id(statement), found.start, found.end),
            Occurrence(
                statement=statement,
                source=source,
                article=article,
                start=found.start,
                end=found.end,
                role=found.role[:500],
            ),
        )
    new_statements = len(matcher._new)
    matcher.save()
    Occurrence.objects.bulk_create(occurrences.values())
    if changes is not None:
        new = {id(s) for s in matcher._new}
        touched = {o.statement_id for o in occurrences.values()}
        changes["created"] = len(matcher._new)
        changes["updated"] = len(
            {o.statement_id for o in occurrences.values() if id(o.statement) not in new}
        )
        changes["curated_kept"] = curated.count if curated else 0
        changes["curated_found"] = len(touched & curated.ids) if curated else 0
    statements = len(occurrences)
    # One warning per skipped passage, with where it is, so a reader can look at it.
    warnings += [
        f"no identifiable speaker, skipped: {_passage(found.text)} (characters {found.start}–{found.end})"
        for found in unattributed
    ]
    refresh_speaker_names(set(speakers.values()), new=matcher.created)
    counts = {
        "posts": len(articles),
        "events": len(events),
        "speakers": len(set(speakers.values())),
        "statements": statements,
        "statements_new": new_statements,
        "warnings": len(warnings),
    }
    return counts, warnings


def _passage(text: str, limit: int = 90) -> str:
    """A passage for a warning line: one line, cut after a word with an ellipsis."""
    words = " ".join(text.split())
    if len(words) > limit:
        words = words[:limit].rsplit(" ", 1)[0] + "…"
    return f"«{words}»"
