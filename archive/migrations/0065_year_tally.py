"""The year facet (archive.facets.YEAR_SQL) gets a tally of its own, kept by the same triggers.

Statements count under their year, or under "undated" when neither they nor their event
have a date (migration 0020 keeps a statement's date in step with its event's, and every
such change is an update the tally trigger sees).
"""

from django.db import migrations

FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION archive_statement_tally() RETURNS trigger AS $$
DECLARE
    cols text := 'review_status, kind, speaker_id, event_id, event_kind, source_ids, date';
BEGIN
    IF TG_OP = 'INSERT' THEN
        EXECUTE archive_tally_sql(format('SELECT 1 AS sign, %s FROM new_rows', cols));
    ELSIF TG_OP = 'DELETE' THEN
        EXECUTE archive_tally_sql(format('SELECT -1 AS sign, %s FROM old_rows', cols));
    ELSE
        EXECUTE archive_tally_sql(format(
            'SELECT 1 AS sign, %1$s FROM new_rows UNION ALL SELECT -1, %1$s FROM old_rows', cols));
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

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
                 r.review_status <> 'rejected')
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
DELETE FROM archive_statementtally WHERE dimension = 'year';
INSERT INTO archive_statementtally (dimension, value, count)
SELECT 'year', COALESCE(EXTRACT(YEAR FROM date)::integer::text, 'undated'), count(*)
FROM archive_statement WHERE review_status <> 'rejected' GROUP BY 2;
"""

PREVIOUS = r"""
DELETE FROM archive_statementtally WHERE dimension = 'year';

CREATE OR REPLACE FUNCTION archive_statement_tally() RETURNS trigger AS $$
DECLARE
    cols text := 'review_status, kind, speaker_id, event_id, event_kind, source_ids, date';
BEGIN
    IF TG_OP = 'INSERT' THEN
        EXECUTE archive_tally_sql(format('SELECT 1 AS sign, %s FROM new_rows', cols));
    ELSIF TG_OP = 'DELETE' THEN
        EXECUTE archive_tally_sql(format('SELECT -1 AS sign, %s FROM old_rows', cols));
    ELSE
        EXECUTE archive_tally_sql(format(
            'SELECT 1 AS sign, %1$s FROM new_rows UNION ALL SELECT -1, %1$s FROM old_rows', cols));
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

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


class Migration(migrations.Migration):
    dependencies = [("archive", "0064_tally_speaker_months")]

    operations = [migrations.RunSQL(FUNCTIONS + BACKFILL, PREVIOUS)]
