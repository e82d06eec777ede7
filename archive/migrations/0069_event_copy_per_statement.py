"""Passages follow their statements to another event in one UPDATE per statement, not per row.

``statement_event_to_occurrences`` (migration 0066) ran an UPDATE of the passages for each
statement whose event changed, and each of those fired the passages' statement-level
triggers again: merging the largest event of the 1,000,000-statement bench corpus (58,172
statements) spent 27 of its 40 s there (``python -m bench.edits``; EXPLAIN ANALYZE gave
465 us a call). Now a statement-level trigger with transition tables moves every changed
statement's passages at once, and the passages' ``archive_occurrence_moved`` plans each
call with EXECUTE (below). A trigger with transition tables cannot name columns
(``UPDATE OF event_id``), so it runs after every UPDATE of statements and moves the passages
whose copy differs from their statement's new event.
"""

import importlib

from django.db import migrations

PER_STATEMENT = r"""
DROP TRIGGER statement_event_to_occurrences ON archive_statement;

CREATE OR REPLACE FUNCTION archive_statement_event_to_occurrences() RETURNS trigger AS $$
BEGIN
    -- A statement trigger fires for an UPDATE of no rows too, and the passages' own
    -- statement-level triggers update statements (their sources) in turn: no rows, no work.
    IF EXISTS (SELECT FROM new_rows) THEN
        -- A passage's copy is its statement's event before the change, so the old rows
        -- need not be joined. EXECUTE: planned for the rows at hand (see below).
        EXECUTE 'UPDATE archive_occurrence o SET event_id = n.event_id FROM new_rows n '
                'WHERE o.statement_id = n.id AND o.event_id IS DISTINCT FROM n.event_id';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER statement_event_to_occurrences
    AFTER UPDATE ON archive_statement REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION archive_statement_event_to_occurrences();

-- PL/pgSQL keeps a session's first plan of a static statement, whatever the size of the
-- transition tables it then reads: old and new rows joined by a plan made for a few
-- passages (a nested loop) were still running after 137 s on the 59,913 passages of an
-- event merge. EXECUTE plans each call for the rows it has.
CREATE OR REPLACE FUNCTION archive_occurrence_moved() RETURNS trigger AS $$
BEGIN
    EXECUTE $q$
    UPDATE archive_statement s
    SET source_ids = COALESCE(
        (SELECT array_agg(DISTINCT o.source_id::integer ORDER BY o.source_id::integer)
         FROM archive_occurrence o WHERE o.statement_id = s.id), '{}')
    WHERE s.id IN (
        SELECT x.statement_id FROM old_rows o JOIN new_rows n ON n.id = o.id,
            LATERAL (VALUES (o.statement_id), (n.statement_id)) x (statement_id)
        WHERE o.statement_id <> n.statement_id OR o.source_id <> n.source_id)
    $q$;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""

# Back to migration 0066's functions and per-row trigger.
_0066 = importlib.import_module("archive.migrations.0066_occurrence_event")
PER_ROW = "DROP TRIGGER statement_event_to_occurrences ON archive_statement;\n" + (
    _0066.MOVED.split("DROP TRIGGER")[0]
    + _0066.TRIGGERS[
        _0066.TRIGGERS.index("CREATE FUNCTION archive_statement_event_to_occurrences") :
    ]
).replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION")


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0068_event_speaker_tally"),
    ]

    operations = [migrations.RunSQL(PER_STATEMENT, PER_ROW)]
