"""Machine-readable exports of the archive."""

import csv
import json
import re
from collections.abc import Callable, Iterable, Iterator

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from archive.models import IngestRun, IngestStatus, Occurrence, Statement


def data_version() -> dict:
    """The archive's data version: the last finished import's id and time (None when empty).

    Exports and citations carry it, so a result can be reproduced and cited exactly.
    """
    run = (
        IngestRun.objects.exclude(status=IngestStatus.RUNNING)
        .order_by("-started_at")
        .only("pk", "started_at", "finished_at")
        .first()
    )
    if run is None:
        return {"import_id": None, "imported_at": None}
    return {"import_id": run.pk, "imported_at": (run.finished_at or run.started_at).isoformat()}


def version_label(version: dict) -> str:
    """``version`` in words: "import 12 of 2026-12-01 22:00 UTC" (the demo archive says so)."""
    demo = "demo archive of invented documents, " if settings.ARCHIVE_DEMO else ""
    if version["import_id"] is None:
        return f"{demo}no import yet"
    when = version["imported_at"][:16].replace("T", " ")
    return f"{demo}import {version['import_id']} of {when} UTC"


def occurrence_rows() -> Iterator[dict]:
    """One dict per occurrence in current sources, in the scorer's JSON Lines format."""
    occurrences = (
        Occurrence.objects.filter(source__superseded_by__isnull=True)
        .select_related("statement__speaker", "statement__event", "source")
        .prefetch_related("statement__speaker__aliases")
        .order_by("source__file_name", "start", "pk")
    )
    for occ in occurrences.iterator(chunk_size=2000):
        statement = occ.statement
        speaker = statement.speaker
        event = statement.event
        yield {
            "statement_id": statement.pk,
            "kind": statement.kind,
            "text": statement.text,
            "source_file": occ.source.file_name,
            "start": occ.start,
            "end": occ.end,
            "speaker": {
                "id": speaker.pk,
                "name": speaker.name,
                "aliases": [alias.name for alias in speaker.aliases.all()],
            },
            "event": (
                {
                    "id": event.pk,
                    "name": event.name,
                    "date": event.start_date.isoformat() if event.start_date else None,
                }
                if event
                else None
            ),
            "rule": statement.rule,
            "confidence": statement.confidence,
        }


# Columns of the search export (/statements/?format=csv|json|jsonl): one row per occurrence,
# so a statement quoted in three sources gives three rows with the same id and permalink.
EXPORT_FIELDS = [
    "id",
    "date",
    "date_from_event",
    "speaker",
    "kind",
    "review_status",
    "text",
    "event",
    "role",
    "source_title",
    "source_url",
    "source_file",
    "start",
    "end",
    "permalink",
    "data_version",
]

# A cell a spreadsheet may evaluate as a formula (OWASP "CSV injection"): one that starts with
# = + - @ (or their full-width and small forms, which some spreadsheets fold to ASCII), tab, CR
# or LF, also after leading spaces, no-break spaces or zero-width characters.
_FORMULA_START = re.compile(
    r"[\s\u200b-\u200f\u2060\ufeff]*"
    r"[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20\ufe62\ufe63\ufe66]"
)


def statement_rows(
    statements: QuerySet, permalink: Callable[[Statement], str], version: str = ""
) -> Iterator[dict]:
    """One dict per occurrence of ``statements``, in their order, read in chunks.

    ``permalink`` turns a statement into its absolute URL (the view knows the host);
    ``version`` is the archive's data version (``version_label``), on every row.
    A statement without occurrences still gives one row, with empty source columns.
    """
    occurrences = Prefetch(
        "occurrences",
        queryset=Occurrence.objects.select_related("source", "article").order_by(
            "source__file_name", "start", "pk"
        ),
    )
    rows = statements.select_related("speaker", "event").prefetch_related(occurrences)
    empty = dict.fromkeys(("role", "source_title", "source_url", "source_file", "start", "end"))
    for statement in rows.iterator(chunk_size=2000):
        common = {
            "id": statement.pk,
            "date": statement.date.isoformat() if statement.date else None,
            "date_from_event": statement.date_from_event,
            "speaker": statement.speaker.name,
            "kind": statement.kind,
            "review_status": statement.review_status,
            "text": statement.text,
            "event": statement.event.name if statement.event else None,
            "permalink": permalink(statement),
            "data_version": version,
        }
        found = statement.occurrences.all()
        if not found:
            yield {**common, **empty}
        for occ in found:
            yield {
                **common,
                "role": occ.role,
                "source_title": occ.source.title or occ.headline,
                "source_url": occ.source.url,
                "source_file": occ.source.file_name,
                "start": occ.start,
                "end": occ.end,
            }


def csv_safe(value) -> str:
    """A cell value a spreadsheet will show as text, never run as a formula."""
    if value is None:
        return ""
    text = str(value)
    return "'" + text if _FORMULA_START.match(text) else text


class _Echo:
    """A file-like object whose write() returns the line, so csv.writer can feed a stream."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[dict]) -> Iterator[str]:
    """A byte-order mark and a header line, then one CSV line per row, cells via ``csv_safe``.

    The BOM makes spreadsheet programs read the file as UTF-8 (accents, curly quotes).
    """
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(EXPORT_FIELDS)
    for row in rows:
        yield writer.writerow([csv_safe(row[field]) for field in EXPORT_FIELDS])


def json_chunks(rows: Iterable[dict]) -> Iterator[str]:
    """A JSON array of the rows, written one object at a time."""
    yield "["
    separator = "\n"
    for row in rows:
        yield separator + json.dumps(
            {field: row[field] for field in EXPORT_FIELDS}, ensure_ascii=False
        )
        separator = ",\n"
    yield "\n]\n"


def jsonl_lines(rows: Iterable[dict]) -> Iterator[str]:
    """JSON Lines: one object per line, for downloads too large to parse as one array."""
    for row in rows:
        yield json.dumps({field: row[field] for field in EXPORT_FIELDS}, ensure_ascii=False) + "\n"
