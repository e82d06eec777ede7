"""Machine-readable exports of the archive."""

from collections.abc import Iterator

from archive.models import Occurrence


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
