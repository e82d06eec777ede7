"""The archive as exported, without ids: two archives built differently compare equal."""

import json

from archive.exports import occurrence_rows
from archive.models import Article, Event, IngestRun, Source, Speaker, Statement


def archive_snapshot() -> list[str]:
    """Every occurrence with its speaker and event, ids dropped, in a fixed order."""
    rows = []
    for row in occurrence_rows():
        row.pop("statement_id")
        row["speaker"].pop("id")
        row["speaker"]["aliases"] = sorted(row["speaker"]["aliases"])
        if row["event"]:
            row["event"].pop("id")
        rows.append(json.dumps(row, sort_keys=True, ensure_ascii=False))
    return sorted(rows)


def empty_archive() -> None:
    """Delete every record ingest makes (in an order the foreign keys allow)."""
    Statement.objects.all().delete()
    Article.objects.all().delete()
    Source.objects.all().delete()
    Speaker.objects.all().delete()
    Event.objects.all().delete()
    IngestRun.objects.all().delete()
