"""Triggers that keep the search columns and the statement tallies exact.

- ``statement_search_columns`` (BEFORE INSERT OR UPDATE, per row): ``event_kind`` is the
  event's kind; ``source_ids`` can only be changed by the occurrence triggers (a full save
  from the admin with a stale copy keeps the stored value).
- ``event_kind_to_statements``: an event whose kind changes passes it to its statements.
- ``occurrence_source_ids_*`` (per statement, with transition tables): a new passage adds its
  source to the statement's ``source_ids``; a removed or moved one recomputes it.
- ``statement_tally_*`` (per statement, with transition tables): every insert, update or
  delete of statements adds its +1/-1 per dimension to ``archive_statementtally`` in the same
  transaction, so a bulk update by an editor costs one aggregate, not one write per row.
"""

from django.db import migrations

CREATE = r"""
CREATE FUNCTION archive_statement_search_columns() RETURNS trigger AS $$
BEGIN
    IF NEW.event_id IS NULL THEN
        NEW.event_kind := '';
    ELSIF TG_OP = 'INSERT' OR NEW.event_id IS DISTINCT FROM OLD.event_id
            OR NEW.event_kind IS DISTINCT FROM OLD.event_kind THEN
        NEW.event_kind := COALESCE((SELECT kind FROM archive_event WHERE id = NEW.event_id), '');
    END IF;
    IF TG_OP = 'UPDATE' AND pg_trigger_depth() < 2 THEN
        NEW.source_ids := OLD.source_ids;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER statement_search_columns
    BEFORE INSERT OR UPDATE ON archive_statement
    FOR EACH ROW EXECUTE FUNCTION archive_statement_search_columns();

CREATE FUNCTION archive_event_kind_to_statements() RETURNS trigger AS $$
BEGIN
    UPDATE archive_statement SET event_kind = NEW.kind
    WHERE event_id = NEW.id AND event_kind IS DISTINCT FROM NEW.kind;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER event_kind_to_statements
    AFTER UPDATE OF kind ON archive_event
    FOR EACH ROW WHEN (OLD.kind IS DISTINCT FROM NEW.kind)
    EXECUTE FUNCTION archive_event_kind_to_statements();

CREATE FUNCTION archive_occurrence_added() RETURNS trigger AS $$
BEGIN
    UPDATE archive_statement s
    SET source_ids = (SELECT array_agg(DISTINCT x ORDER BY x) FROM unnest(s.source_ids || a.ids) x)
    FROM (SELECT statement_id, array_agg(DISTINCT source_id::integer) AS ids FROM new_rows
          GROUP BY statement_id) a
    WHERE s.id = a.statement_id AND NOT s.source_ids @> a.ids;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION archive_occurrence_removed() RETURNS trigger AS $$
BEGIN
    UPDATE archive_statement s
    SET source_ids = COALESCE(
        (SELECT array_agg(DISTINCT o.source_id::integer ORDER BY o.source_id::integer)
         FROM archive_occurrence o WHERE o.statement_id = s.id), '{}')
    WHERE s.id IN (SELECT statement_id FROM old_rows);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER occurrence_source_ids_insert
    AFTER INSERT ON archive_occurrence REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION archive_occurrence_added();
CREATE TRIGGER occurrence_source_ids_update
    AFTER UPDATE ON archive_occurrence REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION archive_occurrence_removed();
CREATE TRIGGER occurrence_source_ids_delete
    AFTER DELETE ON archive_occurrence REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION archive_occurrence_removed();

-- The tally rows for a set of statement rows (each with its sign: +1 added, -1 removed).
CREATE FUNCTION archive_tally_sql(changed text) RETURNS text AS $$
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
        ) AS d(dimension, value, counted)
        WHERE d.counted
        GROUP BY d.dimension, d.value
        HAVING sum(r.sign) <> 0
        ORDER BY d.dimension, d.value  -- a fixed lock order: two writers cannot deadlock
        ON CONFLICT (dimension, value) DO UPDATE SET count = t.count + EXCLUDED.count
    $f$, changed)
$$ LANGUAGE sql IMMUTABLE;

CREATE FUNCTION archive_statement_tally() RETURNS trigger AS $$
DECLARE
    cols text := 'review_status, kind, speaker_id, event_id, event_kind, source_ids';
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
"""

# Transition tables are only visible to the trigger they belong to, hence three triggers.
TALLY_TRIGGERS = r"""
CREATE TRIGGER statement_tally_insert
    AFTER INSERT ON archive_statement REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION archive_statement_tally();
CREATE TRIGGER statement_tally_update
    AFTER UPDATE ON archive_statement REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION archive_statement_tally();
CREATE TRIGGER statement_tally_delete
    AFTER DELETE ON archive_statement REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION archive_statement_tally();
"""

BACKFILL = r"""
UPDATE archive_statement s SET event_kind = e.kind FROM archive_event e WHERE e.id = s.event_id;
UPDATE archive_statement s SET source_ids = o.ids
FROM (SELECT statement_id, array_agg(DISTINCT source_id::integer ORDER BY source_id::integer) AS ids
      FROM archive_occurrence GROUP BY statement_id) o
WHERE o.statement_id = s.id;
DELETE FROM archive_statementtally;
DO $$ BEGIN
    EXECUTE archive_tally_sql(
        'SELECT 1 AS sign, review_status, kind, speaker_id, event_id, event_kind, source_ids '
        'FROM archive_statement');
END $$;
"""

DROP = r"""
DROP TRIGGER IF EXISTS statement_tally_insert ON archive_statement;
DROP TRIGGER IF EXISTS statement_tally_update ON archive_statement;
DROP TRIGGER IF EXISTS statement_tally_delete ON archive_statement;
DROP FUNCTION IF EXISTS archive_statement_tally();
DROP FUNCTION IF EXISTS archive_tally_sql(text);
DROP TRIGGER IF EXISTS occurrence_source_ids_insert ON archive_occurrence;
DROP TRIGGER IF EXISTS occurrence_source_ids_update ON archive_occurrence;
DROP TRIGGER IF EXISTS occurrence_source_ids_delete ON archive_occurrence;
DROP FUNCTION IF EXISTS archive_occurrence_added();
DROP FUNCTION IF EXISTS archive_occurrence_removed();
DROP TRIGGER IF EXISTS event_kind_to_statements ON archive_event;
DROP FUNCTION IF EXISTS archive_event_kind_to_statements();
DROP TRIGGER IF EXISTS statement_search_columns ON archive_statement;
DROP FUNCTION IF EXISTS archive_statement_search_columns();
"""


class Migration(migrations.Migration):
    dependencies = [("archive", "0060_search_columns_and_tallies")]

    operations = [migrations.RunSQL(CREATE + BACKFILL + TALLY_TRIGGERS, DROP)]
