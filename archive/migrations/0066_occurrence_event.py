"""Each passage carries its statement's event, so the event page reads one index in source order.

- ``occurrence_event_copy`` (BEFORE INSERT OR UPDATE, per row): a passage takes its
  statement's event, whatever the writer set.
- ``statement_event_to_occurrences`` (AFTER UPDATE OF event_id, per row, only when it
  changed): a statement moved to another event (an editor's change, an event merge) moves
  its passages with it, in the same transaction.

The copy is left out of the passage's edit history: it is not an edit of the passage. And
``occurrence_source_ids_update`` (migration 0061) now recomputes a statement's sources only
for passages whose statement or source changed, so moving passages to another event costs
no source recount.
"""

import django.db.models.deletion
import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations, models

TRIGGERS = r"""
CREATE FUNCTION archive_occurrence_event_copy() RETURNS trigger AS $$
BEGIN
    NEW.event_id := (SELECT event_id FROM archive_statement WHERE id = NEW.statement_id);
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER occurrence_event_copy
    BEFORE INSERT OR UPDATE ON archive_occurrence
    FOR EACH ROW EXECUTE FUNCTION archive_occurrence_event_copy();

CREATE FUNCTION archive_statement_event_to_occurrences() RETURNS trigger AS $$
BEGIN
    UPDATE archive_occurrence SET event_id = NEW.event_id WHERE statement_id = NEW.id;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER statement_event_to_occurrences
    AFTER UPDATE OF event_id ON archive_statement
    FOR EACH ROW WHEN (OLD.event_id IS DISTINCT FROM NEW.event_id)
    EXECUTE FUNCTION archive_statement_event_to_occurrences();
"""

MOVED = r"""
CREATE FUNCTION archive_occurrence_moved() RETURNS trigger AS $$
BEGIN
    UPDATE archive_statement s
    SET source_ids = COALESCE(
        (SELECT array_agg(DISTINCT o.source_id::integer ORDER BY o.source_id::integer)
         FROM archive_occurrence o WHERE o.statement_id = s.id), '{}')
    WHERE s.id IN (
        SELECT x.statement_id FROM old_rows o JOIN new_rows n ON n.id = o.id,
            LATERAL (VALUES (o.statement_id), (n.statement_id)) x (statement_id)
        WHERE o.statement_id <> n.statement_id OR o.source_id <> n.source_id);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER occurrence_source_ids_update ON archive_occurrence;
CREATE TRIGGER occurrence_source_ids_update
    AFTER UPDATE ON archive_occurrence REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION archive_occurrence_moved();
"""

UNMOVED = r"""
DROP TRIGGER occurrence_source_ids_update ON archive_occurrence;
CREATE TRIGGER occurrence_source_ids_update
    AFTER UPDATE ON archive_occurrence REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION archive_occurrence_removed();
DROP FUNCTION archive_occurrence_moved();
"""

# Fill the copy for passages already stored (the history trigger ignores the column).
BACKFILL = r"""
UPDATE archive_occurrence o SET event_id = s.event_id
FROM archive_statement s WHERE s.id = o.statement_id AND s.event_id IS NOT NULL;
"""

DROP = r"""
DROP TRIGGER IF EXISTS statement_event_to_occurrences ON archive_statement;
DROP FUNCTION IF EXISTS archive_statement_event_to_occurrences();
DROP TRIGGER IF EXISTS occurrence_event_copy ON archive_occurrence;
DROP FUNCTION IF EXISTS archive_occurrence_event_copy();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0065_year_tally"),
    ]

    operations = [
        pgtrigger.migrations.RemoveTrigger(
            model_name="occurrence",
            name="update_update",
        ),
        migrations.AddField(
            model_name="occurrence",
            name="event",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="archive.event",
            ),
        ),
        migrations.RunSQL(MOVED, UNMOVED),
        # Backfill before the index and the triggers: one pass, no index to keep up.
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop),
        migrations.AddIndex(
            model_name="occurrence",
            index=models.Index(
                fields=["event", "source", "start", "id"], name="occurrence_event_order_idx"
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="occurrence",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition='WHEN (OLD."article_id" IS DISTINCT FROM (NEW."article_id") OR OLD."created_at" IS DISTINCT FROM (NEW."created_at") OR OLD."end" IS DISTINCT FROM (NEW."end") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."role" IS DISTINCT FROM (NEW."role") OR OLD."source_id" IS DISTINCT FROM (NEW."source_id") OR OLD."start" IS DISTINCT FROM (NEW."start") OR OLD."statement_id" IS DISTINCT FROM (NEW."statement_id"))',
                    func='INSERT INTO "archive_occurrencehistory" ("article_id", "created_at", "end", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "role", "source_id", "start", "statement_id") VALUES (NEW."article_id", NEW."created_at", NEW."end", NEW."id", _pgh_attach_context(), clock_timestamp(), \'update\', NEW."id", NEW."role", NEW."source_id", NEW."start", NEW."statement_id"); RETURN NULL;',
                    hash="b90b4e78dd7b627dfee5762ad4b2a05c9ba30e4a",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_bdf45",
                    table="archive_occurrence",
                    when="AFTER",
                ),
            ),
        ),
        migrations.RunSQL(TRIGGERS, DROP),
    ]
