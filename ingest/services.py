"""Write parsed documents into the archive: one transaction per file.

Records ingest makes carry ``curated=False``. Ingest never changes a curated record (one an
editor has edited or reviewed); it only adds occurrences to it.
"""

import hashlib
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection, transaction
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
from ingest.decode import RejectedFile, decode_bytes
from ingest.events import merge_events, same_event
from ingest.names import names_match, normalize_name
from ingest.parse import parse_document
from ingest.text import fold
from ingest.types import ParsedDocument, ParsedEvent, ParsedSpeaker

logger = logging.getLogger(__name__)

# Every ingest transaction takes this lock, so two ingest commands at once write one after
# the other and never both create the same speaker, event or statement.
INGEST_LOCK_ID = 0x5A7E_4E7A

# Two quotes of one speaker this alike (rapidfuzz ratio, 0-100) are one statement.
SAME_STATEMENT_RATIO = 92


@dataclass
class FileResult:
    """What became of one file."""

    path: str
    status: str  # imported | updated | unchanged | failed
    reason: str = ""
    source_id: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


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
) -> tuple[IngestRun, list[FileResult]]:
    """Import every file under ``paths``, each in its own transaction, and record the run.

    ``on_total`` hears how many files there are once the folders are walked; ``on_file``
    hears what became of each one.
    """
    paths = [Path(p) for p in paths]
    files, results = collect_files(paths)
    if on_total:
        on_total(len(files) + len(results))
    run = IngestRun.objects.create(paths=[str(p) for p in paths])
    for result in results:
        if on_file:
            on_file(result)
    seen_names: dict[str, Path] = {}
    for path in files:
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
            result = import_document(path=path, run=run, max_bytes=max_bytes)
        except RejectedFile as exc:
            result = FileResult(str(path), "failed", str(exc))
        except Exception as exc:
            # The file's transaction rolled back; record it and go on, so the run is finished
            # (not left "running") and the other files still import.
            logger.exception("Importing %s failed", path)
            detail = " ".join(str(exc).split())[:200]  # one line, like the other reasons
            result = FileResult(str(path), "failed", f"error: {type(exc).__name__}: {detail}")
        results.append(result)
        if on_file:
            on_file(result)
    _finish_run(run, results)
    return run, results


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
    with transaction.atomic():
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
            ingest_run=run,
        )
        counts, warnings = write_parsed(source, parsed)
        if decoded.encoding != "utf-8":
            warnings.insert(0, f"not UTF-8: decoded as {decoded.encoding}")
        if previous is not None:
            retire_source(previous, replaced_by=source)
    status = "updated" if previous is not None else "imported"
    return FileResult(str(path), status, source_id=source.pk, counts=counts, warnings=warnings)


def retire_source(old: Source, *, replaced_by: Source) -> None:
    """Point an old version at its replacement and drop what ingest alone had made from it."""
    old.superseded_by = replaced_by
    old.save(update_fields=["superseded_by"])
    dropped = old.occurrences.filter(statement__curated=False)
    statement_ids = set(dropped.values_list("statement_id", flat=True))
    dropped.delete()
    # Only the statements that just lost a passage: no scan of the whole table, and
    # statements left without passages by other means are not touched.
    Statement.objects.filter(pk__in=statement_ids, occurrences__isnull=True).delete()


def write_parsed(source: Source, parsed: ParsedDocument) -> tuple[dict[str, int], list[str]]:
    """Create the rows for one parsed document; returns counts and warnings."""
    warnings = list(parsed.warnings)
    events = {e.key: resolve_event(e) for e in parsed.events}
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
    unattributed = 0
    for found in parsed.statements:
        speaker = speakers.get(found.speaker_key) if found.speaker_key else None
        if speaker is None:
            unattributed += 1
            continue
        event = events.get(found.event_key) if found.event_key else None
        article = articles[found.article_index] if found.article_index is not None else None
        when = found.date or (event.start_date if event else None)
        if when is None and article is not None:
            when = article.published
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
    matcher.save()
    Occurrence.objects.bulk_create(occurrences.values())
    statements = len(occurrences)
    if unattributed:
        warnings.append(f"{unattributed} quoted passages without an identifiable speaker skipped")
    refresh_speaker_names(set(speakers.values()), new=matcher.created)
    counts = {
        "posts": len(articles),
        "events": len(events),
        "speakers": len(set(speakers.values())),
        "statements": statements,
        "warnings": len(warnings),
    }
    return counts, warnings


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


def resolve_event(found: ParsedEvent) -> Event:
    """The archive's record of this event: an existing one it matches, or a new one."""
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
    if event.end_date and event.start_date and event.end_date < event.start_date:
        event.end_date = None
    if changed:
        event.save(update_fields=[*changed, "updated_at"])


def _forms(found: ParsedSpeaker) -> dict[str, str]:
    """Normalised lookup form -> spelling, for the name and every alias."""
    forms: dict[str, str] = {}
    for spelling in (found.name, *found.aliases):
        key = normalize_name(spelling)
        if key and key not in forms:
            forms[key] = spelling
    return forms


def resolve_speaker(found: ParsedSpeaker) -> Speaker:
    """The archive's record of this speaker: matched by any spelling, else created."""
    forms = _forms(found)
    speaker = (
        Speaker.objects.filter(aliases__normalized__in=list(forms), kind=found.kind)
        .order_by("pk")
        .first()
    )
    if speaker is None:
        speaker = _fuzzy_speaker(found, forms)
    if speaker is None:
        speaker = Speaker.objects.create(
            name=found.name[:200],
            slug=unique_slug(Speaker, found.name),
            kind=found.kind,
            description=(found.descriptions[0] if found.descriptions else "")[:500],
        )
    if not speaker.curated:
        known = set(speaker.aliases.values_list("normalized", flat=True))
        SpeakerAlias.objects.bulk_create(
            [
                SpeakerAlias(speaker=speaker, name=spelling[:200], normalized=key[:200])
                for key, spelling in forms.items()
                if key not in known
            ]
        )
        if not speaker.description and found.descriptions:
            speaker.description = found.descriptions[0][:500]
            speaker.save(update_fields=["description", "updated_at"])
    return speaker


def _fuzzy_speaker(found: ParsedSpeaker, forms: dict[str, str]) -> Speaker | None:
    """A speaker whose spellings look like these ones (misspellings, accent variants)."""
    main = normalize_name(found.name)
    if not main:
        return None
    candidate_ids = (
        SpeakerAlias.objects.annotate(similarity=TrigramSimilarity("normalized", main))
        .filter(similarity__gte=0.4, speaker__kind=found.kind)
        .order_by("-similarity")
        .values_list("speaker_id", flat=True)[:20]
    )
    for speaker in Speaker.objects.filter(pk__in=list(candidate_ids)).prefetch_related("aliases"):
        existing = [speaker.name, *(a.name for a in speaker.aliases.all())]
        if names_match([found.name, *found.aliases], existing):
            return speaker
    return None


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
        fields = ("id", "kind", "text", "fingerprint", "curated", "event_id", "date", "speaker_id")
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
        elif not statement.curated and statement.pk is not None:
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
