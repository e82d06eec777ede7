"""Source metadata the page states; statements without a date of their own take the event's.

Why a trigger rather than a query-time Coalesce: the effective date stays one indexed column
(``statement_newest_idx``, ``statement_date_idx``) that sorts, filters and facets cheaply, and
every write path (admin, merges, bulk updates, ingest) keeps it in step without Python hooks.
``date_from_event`` says the date is the event's: an editor correcting the event's date moves
those statements with it; an editor giving a statement its own date ends that.
"""

from django.db import migrations, models

FUNCTIONS = """
CREATE FUNCTION archive_statement_takes_event_date() RETURNS trigger AS $$
BEGIN
    -- The event trigger's own update below: leave it as it is.
    IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 THEN
        RETURN NEW;
    END IF;
    IF NEW.date IS NULL AND NEW.event_id IS NOT NULL THEN
        NEW.date_from_event := true;
        NEW.date := (SELECT start_date FROM archive_event WHERE id = NEW.event_id);
    ELSIF TG_OP = 'UPDATE' AND NEW.date_from_event
            AND NEW.event_id IS DISTINCT FROM OLD.event_id THEN
        NEW.date_from_event := NEW.event_id IS NOT NULL;
        NEW.date := (SELECT start_date FROM archive_event WHERE id = NEW.event_id);
    ELSIF TG_OP = 'UPDATE' AND NEW.date IS DISTINCT FROM OLD.date THEN
        NEW.date_from_event := false;
    ELSIF TG_OP = 'INSERT' AND NEW.date IS NOT NULL THEN
        NEW.date_from_event := false;
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER statement_takes_event_date
    BEFORE INSERT OR UPDATE ON archive_statement
    FOR EACH ROW EXECUTE FUNCTION archive_statement_takes_event_date();

CREATE FUNCTION archive_event_date_to_statements() RETURNS trigger AS $$
BEGIN
    UPDATE archive_statement SET date = NEW.start_date
     WHERE event_id = NEW.id AND date_from_event AND date IS DISTINCT FROM NEW.start_date;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER event_date_to_statements
    AFTER UPDATE OF start_date ON archive_event
    FOR EACH ROW WHEN (OLD.start_date IS DISTINCT FROM NEW.start_date)
    EXECUTE FUNCTION archive_event_date_to_statements();
"""

# Rows imported before: a date equal to the event's was (almost always) copied from it.
BACKFILL = """
UPDATE archive_statement s SET date_from_event = true
  FROM archive_event e
 WHERE s.event_id = e.id AND (s.date = e.start_date OR (s.date IS NULL AND e.start_date IS NULL));
"""

DROP = """
DROP TRIGGER IF EXISTS event_date_to_statements ON archive_event;
DROP FUNCTION IF EXISTS archive_event_date_to_statements();
DROP TRIGGER IF EXISTS statement_takes_event_date ON archive_statement;
DROP FUNCTION IF EXISTS archive_statement_takes_event_date();
"""


class Migration(migrations.Migration):
    dependencies = [("archive", "0011_editorial_groups")]

    operations = [
        migrations.AddField(
            model_name="source",
            name="author",
            field=models.CharField(blank=True, help_text="The page's byline.", max_length=200),
        ),
        migrations.AddField(
            model_name="source",
            name="published",
            field=models.DateField(
                blank=True,
                help_text="The page's own publication date, when it states one.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="statement",
            name="date_from_event",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text="The date is the event's: kept in step with it by a database trigger.",
            ),
        ),
        migrations.AlterField(
            model_name="statement",
            name="date",
            field=models.DateField(
                blank=True,
                help_text="When it was said; left empty, the event's date (and follows the event).",
                null=True,
            ),
        ),
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop),
        migrations.RunSQL(FUNCTIONS, DROP),
    ]
