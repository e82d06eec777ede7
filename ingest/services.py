"""Write parsed documents into the archive: one transaction per file.

Records ingest makes carry ``curated=False``. Ingest never changes a curated record (one an
editor has edited or reviewed); it only adds occurrences to it.
"""

import hashlib
import logging
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path

import pghistory
from django.contrib.postgres.search import TrigramSimilarity
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import F, Q
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.text import slugify
from rapidfuzz import fuzz

from archive.models import (
    SEARCH_CONFIG,
    Article,
    Event,
    IngestRun,
    Occurrence,
    ReviewStatus,
    Source,
    Speaker,
    SpeakerAlias,
    Statement,
)
from archive.runs import this_host
from ingest import identity
from ingest.decode import RejectedFile, decode_bytes
from ingest.identity import (
    REWORDED_RATIO,
    SAME_STATEMENT_RATIO,
    SPEAKER_SHORTLIST_SIMILARITY,
    merge_events,
    same_event,
)
from ingest.names import normalize_name
from ingest.parse import parse_document
from ingest.text import fold
from ingest.types import ParsedDocument, ParsedEvent, ParsedSpeaker

logger = logging.getLogger(__name__)

# Every ingest transaction takes this lock, so two ingest commands at once write one after
# the other and never both create the same speaker, event or statement.
INGEST_LOCK_ID = 0x5A7E_4E7A

REWORDED_FLAG = "Source wording changed on re-import"


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


def unique_slug(model, text: str, *, max_length: int = 100) -> str:
    """A slug for ``text`` not yet taken in ``model`` (adds -2, -3, ... when needed)."""
    base = slugify(text)[:max_length].strip("-") or model._meta.model_name
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base[: max_length - 6]}-{n}"
        n += 1
    return slug


def _as_parsed(event: Event) -> ParsedEvent:
    return ParsedEvent(
        key=str(event.pk),
        name=event.name,
        kind=event.kind,
        start_date=event.start_date,
        end_date=event.end_date,
        location=event.location,
    )


def curated_events(previous: Source) -> list[Event]:
    """The curated events the previous version of a file was linked to (by post or statement)."""
    return list(
        Event.objects.filter(curated=True)
        .filter(Q(articles__source=previous) | Q(statements__occurrences__source=previous))
        .distinct()
        .order_by("pk")
    )


def curated_post_events(previous: Source) -> dict[str, Event]:
    """Headline -> curated event, for the posts of a file's previous version."""
    rows = previous.articles.filter(event__curated=True).exclude(title="").select_related("event")
    return {article.title: article.event for article in rows}


def resolve_event(found: ParsedEvent, *, known: Iterable[Event] = ()) -> Event:
    """The archive's record of this event: an existing one it matches, or a new one.

    ``known`` curated events match by identity (name, kind, place), whatever date an editor
    gave them, so a corrected date never makes a re-import create the event again.
    """
    for event in known:
        dated_as_found = replace(
            _as_parsed(event), start_date=found.start_date, end_date=found.end_date
        )
        if same_event(found, dated_as_found):
            return event
    if found.start_date:
        week = timedelta(days=7)
        candidates = Event.objects.filter(
            Q(start_date__range=(found.start_date - week, found.start_date + week))
            | Q(start_date__isnull=True)
        )
    else:
        candidates = Event.objects.all()
    for event in candidates.order_by("pk")[:500]:
        if same_event(found, _as_parsed(event)):
            _fill_event(event, found)
            return event
    year = f"{found.start_date.year} " if found.start_date else ""
    return Event.objects.create(
        name=found.name[:300],
        slug=unique_slug(Event, f"{year}{found.name}"),
        kind=found.kind,
        start_date=found.start_date,
        end_date=found.end_date
        if found.end_date and found.start_date and found.end_date >= found.start_date
        else None,
        location=found.location[:300],
        description=found.description,
    )


def _fill_event(event: Event, found: ParsedEvent) -> None:
    """Merge what another source reports into the record (never into a curated one)."""
    if event.curated:
        return
    merged = merge_events(_as_parsed(event), found)
    changed = [
        name
        for name in ("start_date", "end_date", "location")
        if getattr(merged, name) != getattr(event, name)
    ]
    for name in changed:
        setattr(event, name, getattr(merged, name))
    # One name whichever report came first (the event's slug keeps the first one's).
    if (name := identity.canonical_event_name([event.name, found.name[:300]])) != event.name:
        event.name = name
        changed.append("name")
    if event.end_date and event.start_date and event.end_date < event.start_date:
        event.end_date = None
    if changed:
        event.save(update_fields=[*changed, "updated_at"])


def resolve_speaker(found: ParsedSpeaker) -> Speaker:
    """The archive's record of this speaker: matched by ``ingest.identity`` rules, else created.

    Every spelling is kept as an alias, but only full forms match across documents; the name
    and each alias's spelling are recomputed from all the forms seen, so the record does not
    depend on the order files were imported in.
    """
    forms = identity.all_forms(found.name, found.aliases)
    speaker = _matching_speaker(found, identity.alias_forms(found.name, found.aliases, found.kind))
    if speaker is None:
        name = identity.canonical_name(forms.values()) if forms else found.name
        speaker = Speaker.objects.create(
            name=name[:200],
            slug=unique_slug(Speaker, name),
            kind=found.kind,
            description=(found.descriptions[0] if found.descriptions else "")[:500],
        )
    if not speaker.curated:
        _merge_forms(speaker, forms)
        if found.descriptions:
            described = [speaker.description, found.descriptions[0][:500]]
            if (description := identity.canonical_description(described)) != speaker.description:
                speaker.description = description
                speaker.save(update_fields=["description", "updated_at"])
    return speaker


def _known_forms(speaker: Speaker) -> dict[str, str]:
    aliases = [a.name for a in speaker.aliases.all()]
    return identity.alias_forms(speaker.name, aliases, speaker.kind)


def _matching_speaker(found: ParsedSpeaker, forms: dict[str, str]) -> Speaker | None:
    """The oldest speaker sharing a lookup form, else a similar one, that is the same speaker."""
    if not forms:
        return None
    exact = (
        Speaker.objects.filter(aliases__normalized__in=list(forms), kind=found.kind)
        .distinct()
        .order_by("pk")
        .prefetch_related("aliases")
    )
    for speaker in exact:
        if identity.same_speaker(forms, _known_forms(speaker), found.kind):
            return speaker
    main = normalize_name(found.name)
    if not main:
        return None
    # Misspellings and accent variants: trigram candidates, checked by the identity rules.
    candidate_ids = (
        SpeakerAlias.objects.annotate(similarity=TrigramSimilarity("normalized", main))
        .filter(similarity__gte=SPEAKER_SHORTLIST_SIMILARITY, speaker__kind=found.kind)
        .order_by("-similarity", "speaker_id")
        .values_list("speaker_id", flat=True)[:20]
    )
    candidates = Speaker.objects.filter(pk__in=list(candidate_ids)).prefetch_related("aliases")
    for speaker in candidates.order_by("pk"):
        if identity.same_speaker(forms, _known_forms(speaker), found.kind):
            return speaker
    return None


def _merge_forms(speaker: Speaker, forms: dict[str, str]) -> None:
    """Add the new forms, keep the best spelling of each, recompute the canonical name."""
    aliases = {alias.normalized: alias for alias in speaker.aliases.all()}
    SpeakerAlias.objects.bulk_create(
        [
            SpeakerAlias(speaker=speaker, name=spelling, normalized=key)
            for key, spelling in forms.items()
            if key not in aliases
        ]
    )
    for key, spelling in forms.items():
        alias = aliases.get(key)
        if (
            alias is not None
            and (best := identity.best_spelling([alias.name, spelling])) != alias.name
        ):
            alias.name = best
            alias.save(update_fields=["name"])
    spellings = [*(a.name for a in aliases.values()), *forms.values()]
    if spellings and (name := identity.canonical_name(spellings)[:200]) != speaker.name:
        speaker.name = name
        speaker.save(update_fields=["name", "updated_at"])


def refresh_speaker_names(speakers: Iterable[Speaker], *, new: Iterable[Statement] = ()) -> None:
    """Copy each speaker's name and aliases onto their statements, for search.

    The statements just created (``new``) get the names by id. The speaker's earlier
    statements are rewritten only when the names bring a search word they lack: one of them
    (by the speaker index) shows what they hold, so a known speaker seen again, or a new
    spelling made of words already there, costs no rewrite of their 80,000 statements.
    """
    new_ids: dict[int, list[int]] = {}
    for statement in new:
        new_ids.setdefault(statement.speaker_id, []).append(statement.pk)
    for speaker in speakers:
        names = speaker.search_names
        ids = new_ids.get(speaker.pk, [])
        if ids:
            Statement.objects.filter(pk__in=ids).exclude(speaker_names=names).update(
                speaker_names=names
            )
        held = next(
            iter(
                Statement.objects.filter(speaker=speaker)
                .exclude(pk__in=ids)
                .order_by()  # any one row, through the speaker index
                .values_list("speaker_names", flat=True)[:1]
            ),
            None,
        )
        if held is not None and held != names and not _same_search_words(held, names):
            speaker.refresh_statement_names()


def _same_search_words(old: str, new: str) -> bool:
    """True when ``new`` holds no search word (lexeme) that ``old`` lacks."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tsvector_to_array(to_tsvector(%s::regconfig, %s)) "
            "<@ tsvector_to_array(to_tsvector(%s::regconfig, %s))",
            [SEARCH_CONFIG, new, SEARCH_CONFIG, old],
        )
        return cursor.fetchone()[0]


def fingerprint(text: str) -> str:
    """Hash of a quote's letters and digits, lower-cased and unaccented."""
    return hashlib.sha256(comparable(text).encode()).hexdigest()


def comparable(text: str) -> str:
    """A quote reduced to its lower-case unaccented words, for comparing two sources."""
    return " ".join(re.findall(r"\w+", fold(text)))


def flag_if_reworded(statement: Statement, text: str) -> None:
    """A reviewed statement whose source now says something else goes back to the queue.

    The statement keeps its reviewed text; the new wording is kept beside it for the editor.
    """
    if statement.review_status != ReviewStatus.VERIFIED:
        return
    if comparable(text) == comparable(statement.text):
        return
    statement.review_status = ReviewStatus.UNREVIEWED
    statement.review_flag = REWORDED_FLAG
    statement.source_wording = text
    statement.save(update_fields=["review_status", "review_flag", "source_wording", "updated_at"])


class CuratedPassages:
    """The curated statements of a file's previous version, found again in its new text.

    Editors may have moved such a statement to another speaker or changed its span, so the
    parser's speaker and wording cannot find it; its exact passage can. Each passage is
    looked up in the new text (the copy nearest its old position); a quote the parser finds
    overlapping it is that statement, anchored where the editor put it. A passage whose
    words changed is matched by close wording instead and sent back to review.
    """

    def __init__(self, previous: Source, new_text: str) -> None:
        self._open: list[tuple[Statement, str, int, int | None]] = []
        rows = (
            Occurrence.objects.filter(source=previous, statement__curated=True)
            .select_related("statement")
            .order_by("start", "pk")
        )
        for occ in rows:
            passage = previous.text[occ.start : occ.end]
            self._open.append(
                (occ.statement, passage, occ.start, _nearest(new_text, passage, occ.start))
            )
        self.ids = {statement.pk for statement, *_ in self._open}
        self.count = len(self.ids)

    def claim(self, found) -> tuple[Statement, int, int] | None:
        """(statement, start, end) for a parsed quote that is a curated passage, else None."""
        for index, (statement, passage, _, start) in enumerate(self._open):
            if start is not None and start < found.end and found.start < start + len(passage):
                del self._open[index]
                return statement, start, start + len(passage)
        wanted = comparable(found.text)
        for index, (statement, passage, _, start) in enumerate(self._open):
            if (
                start is None
                and statement.kind == found.kind
                and (fuzz.ratio(wanted, comparable(passage)) >= REWORDED_RATIO)
            ):
                del self._open[index]
                flag_if_reworded(statement, found.text)
                return statement, found.start, found.end
        return None


def _nearest(text: str, passage: str, near: int) -> int | None:
    """Where ``passage`` occurs in ``text``, the copy closest to ``near``; None if nowhere."""
    best, at = None, text.find(passage)
    while at >= 0:
        if best is None or abs(at - near) < abs(best - near):
            best = at
        at = text.find(passage, at + 1)
    return best


class StatementMatcher:
    """Finds the archived statement a quote is, with indexed lookups and a bounded shortlist.

    The same words by the same speaker (by fingerprint, the (speaker, fingerprint) index), or
    nearly the same words (rapidfuzz ratio >= SAME_STATEMENT_RATIO, for quotes at least 40
    characters long) among those of the speaker's ``SHORTLIST`` latest statements that have
    about the same length, are one statement. So a speaker's 80,000 earlier statements are never loaded.
    New statements are kept in memory and written together by ``save()``.
    """

    # How many of a speaker's latest statements are read to compare wording with.
    SHORTLIST = 200

    def __init__(self) -> None:
        self._loaded: dict[int, Statement] = {}  # archived statements found so far, by pk
        self._new: list[Statement] = []
        self._changed: dict[int, set[str]] = {}

    def _archived(self, speaker: Speaker, kind: str, text: str, print_: str) -> list[Statement]:
        fields = (
            "id",
            "kind",
            "text",
            "fingerprint",
            "curated",
            "event_id",
            "date",
            "speaker_id",
            "review_status",
        )
        # No default ordering on either query: a "first" by date or id would walk the whole
        # table's date or id index instead of the speaker's own rows.
        same = Statement.objects.filter(speaker=speaker, kind=kind).only(*fields).order_by()
        exact = list(same.filter(fingerprint=print_)[:1])
        if exact or len(comparable(text)) < 40:
            return exact
        low, high = int(len(text) / 1.15), int(len(text) / 0.85) + 1
        # The shortlist is the speaker's latest public statements (the speaker index, so the
        # rows read are bounded), of those the ones of about the same length; a rejected
        # statement is still found again by its fingerprint.
        latest = (
            same.exclude(review_status=ReviewStatus.REJECTED)
            .order_by(F("date").desc(nulls_last=True), "-id")
            .values("pk")[: self.SHORTLIST]
        )
        return list(
            same.filter(pk__in=latest)
            .annotate(length=Length("text"))
            .filter(length__gte=low, length__lte=high)
        )

    def find(self, *, speaker: Speaker, kind: str, text: str) -> Statement | None:
        print_ = fingerprint(text)
        new = [s for s in self._new if s.speaker_id == speaker.pk and s.kind == kind]
        archived = [
            self._loaded.setdefault(s.pk, s) for s in self._archived(speaker, kind, text, print_)
        ]
        candidates = new + archived
        for candidate in candidates:
            if candidate.fingerprint == print_:
                return candidate
        wanted = comparable(text)
        if len(wanted) < 40:  # short fragments are too easily alike to merge safely
            return None
        for candidate in candidates:
            if 0.85 <= len(candidate.text) / len(text) <= 1.15 and (
                fuzz.ratio(wanted, comparable(candidate.text)) >= SAME_STATEMENT_RATIO
            ):
                return candidate
        return None

    def resolve(
        self, *, speaker: Speaker, kind: str, text: str, event, date, rule: str, confidence: float
    ) -> Statement:
        """The matching statement (filling in what it lacks) or a new, not yet saved one."""
        statement = self.find(speaker=speaker, kind=kind, text=text)
        if statement is None:
            statement = Statement(
                speaker=speaker,
                kind=kind,
                text=text,
                event=event,
                date=date,
                fingerprint=fingerprint(text),
                review_status=ReviewStatus.UNREVIEWED,
                rule=rule,
                confidence=confidence,
            )
            self._new.append(statement)
        elif statement.curated and statement.pk is not None:
            flag_if_reworded(statement, text)
        elif statement.pk is not None:
            if statement.event_id is None and event is not None:
                statement.event = event
                self._changed.setdefault(statement.pk, set()).add("event")
            if statement.date is None and date is not None:
                statement.date = date
                self._changed.setdefault(statement.pk, set()).add("date")
        return statement

    @property
    def created(self) -> list[Statement]:
        """The statements ``save()`` wrote."""
        return self._new

    def save(self) -> None:
        Statement.objects.bulk_create(self._new)
        for pk, fields in self._changed.items():
            self._loaded[pk].save(update_fields=[*fields, "updated_at"])
