"""The bench corpus builds into the current schema, with every passage at its offsets."""

from datetime import UTC, datetime

import pytest
from django.db import connection

from archive.folding import fingerprint
from archive.models import Occurrence, Statement, StatementTally
from bench import corpus, loading

pytestmark = pytest.mark.django_db


def test_the_corpus_copies_into_the_current_schema_with_passages_at_their_offsets(tmp_path):
    counts = loading.spool(corpus.Corpus(1000), tmp_path, datetime.now(UTC).isoformat())
    connection.ensure_connection()
    loading.copy_into(connection.connection, tmp_path)
    assert Statement.objects.count() == counts["statement"]
    for occurrence in Occurrence.objects.select_related("source", "statement")[:200]:
        assert occurrence.passage == occurrence.statement.text
        assert occurrence.event_id == occurrence.statement.event_id  # kept by the trigger
        # The hash ingest looks quotes up by: a bench statement is found again like any other.
        assert occurrence.statement.fingerprint == fingerprint(occurrence.statement.text)
    assert StatementTally.count_for("public", "") == Statement.objects.visible().count()
    # The stand-in defaults for unfilled columns are gone again.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'archive_source' "
            "AND column_name = 'author' AND column_default IS NOT NULL"
        )
        assert cursor.fetchone() == (0,)
