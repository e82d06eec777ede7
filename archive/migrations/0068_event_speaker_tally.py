"""Each event's speakers get a tally of their own (dimension ``speakers:<event id>``, one row
per speaker), kept by the same trigger as the others: the event page lists its most
frequent speakers from an index, without grouping the event's statements."""

import importlib

from django.db import migrations

FUNCTION = r"""
CREATE OR REPLACE FUNCTION archive_tally_sql(changed text) RETURNS text AS $$
    SELECT format($f$
        INSERT INTO archive_statementtally AS t (dimension, value, count)
        SELECT d.dimension, d.value, sum(r.sign)
        FROM (%s) r
        CROSS JOIN LATERAL (
            SELECT * FROM (VALUES
                ('status', r.review_status::text, true),
                ('public', '', r.review_status <> 'rejected'),
                ('kind', r.kind::text, r.review_status <> 'rejected'),
                ('speaker', r.speaker_id::text, r.review_status <> 'rejected'),
                ('event', r.event_id::text,
                 r.review_status <> 'rejected' AND r.event_id IS NOT NULL),
                ('event_kind', r.event_kind::text,
                 r.review_status <> 'rejected' AND r.event_id IS NOT NULL),
                ('year', COALESCE(EXTRACT(YEAR FROM r.date)::integer::text, 'undated'),
                 r.review_status <> 'rejected'),
                ('speakers:' || r.event_id, r.speaker_id::text,
                 r.review_status <> 'rejected' AND r.event_id IS NOT NULL)
            ) AS v
            UNION ALL
            SELECT 'source', x::text, r.review_status <> 'rejected' FROM unnest(r.source_ids) x
            UNION ALL
            SELECT 'month:' || r.speaker_id, to_char(r.date, 'YYYY-MM'),
                   r.review_status <> 'rejected' AND r.date IS NOT NULL
        ) AS d(dimension, value, counted)
        WHERE d.counted
        GROUP BY d.dimension, d.value
        HAVING sum(r.sign) <> 0
        ORDER BY d.dimension, d.value  -- a fixed lock order: two writers cannot deadlock
        ON CONFLICT (dimension, value) DO UPDATE SET count = t.count + EXCLUDED.count
    $f$, changed)
$$ LANGUAGE sql IMMUTABLE;
"""

BACKFILL = r"""
DELETE FROM archive_statementtally WHERE dimension LIKE 'speakers:%';
INSERT INTO archive_statementtally (dimension, value, count)
SELECT 'speakers:' || event_id, speaker_id::text, count(*)
FROM archive_statement WHERE review_status <> 'rejected' AND event_id IS NOT NULL
GROUP BY event_id, speaker_id;
"""

# Back to migration 0065's function, without the event speakers.
PREVIOUS = (
    "DELETE FROM archive_statementtally WHERE dimension LIKE 'speakers:%';"
    + importlib.import_module("archive.migrations.0065_year_tally").FUNCTIONS
)


class Migration(migrations.Migration):
    dependencies = [("archive", "0067_page_indexes")]

    operations = [migrations.RunSQL(FUNCTION + BACKFILL, PREVIOUS)]
