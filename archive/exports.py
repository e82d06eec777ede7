"""Machine-readable exports of the archive."""

import csv
import json
import re
from collections.abc import Callable, Iterable, Iterator

from django.db.models import Prefetch, QuerySet

from archive.models import Occurrence, Statement


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
        }


# Columns of the search export (/statements/?format=csv|json): one row per occurrence, so a
# statement quoted in three sources gives three rows with the same id and permalink.
EXPORT_FIELDS = [
    "id",
    "date",
    "speaker",
    "kind",
    "text",
    "event",
    "source_file",
    "start",
    "end",
    "permalink",
]

# A cell a spreadsheet may evaluate as a formula (OWASP "CSV injection"): one that starts with
# = + - @ (or their full-width and small forms, which some spreadsheets fold to ASCII), tab, CR
# or LF, also after leading spaces, no-break spaces or zero-width characters.
_FORMULA_START = re.compile(
    r"[\s\u200b-\u200f\u2060\ufeff]*"
    r"[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20\ufe62\ufe63\ufe66]"
)


def statement_rows(statements: QuerySet, permalink: Callable[[Statement], str]) -> Iterator[dict]:
    """One dict per occurrence of ``statements``, in their order, read in chunks.

    ``permalink`` turns a statement into its absolute URL (the view knows the host).
    A statement without occurrences still gives one row, with empty source columns.
    """
    occurrences = Prefetch(
        "occurrences",
        queryset=Occurrence.objects.select_related("source").order_by(
            "source__file_name", "start", "pk"
        ),
    )
    rows = statements.select_related("speaker", "event").prefetch_related(occurrences)
    for statement in rows.iterator(chunk_size=2000):
        common = {
            "id": statement.pk,
            "date": statement.date.isoformat() if statement.date else None,
            "speaker": statement.speaker.name,
            "kind": statement.kind,
            "text": statement.text,
            "event": statement.event.name if statement.event else None,
        }
        link = permalink(statement)
        found = statement.occurrences.all()
        if not found:
            yield {**common, "source_file": None, "start": None, "end": None, "permalink": link}
        for occ in found:
            yield {
                **common,
                "source_file": occ.source.file_name,
                "start": occ.start,
                "end": occ.end,
                "permalink": link,
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
    """A header line, then one CSV line per row, every cell guarded by ``csv_safe``."""
    writer = csv.writer(_Echo())
    yield writer.writerow(EXPORT_FIELDS)
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
