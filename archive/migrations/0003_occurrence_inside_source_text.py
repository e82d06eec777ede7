"""Keep every occurrence inside its source's text (a CHECK cannot look at another table)."""

from django.db import migrations

CREATE = """
CREATE FUNCTION archive_occurrence_inside_source_text() RETURNS trigger AS $$
BEGIN
    IF NEW."end" > (SELECT char_length(text) FROM archive_source WHERE id = NEW.source_id) THEN
        RAISE EXCEPTION 'occurrence % [%:%] ends past the end of source %',
            NEW.id, NEW.start, NEW."end", NEW.source_id
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'occurrence_inside_source_text';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER occurrence_inside_source_text
    AFTER INSERT OR UPDATE OF start, "end", source_id ON archive_occurrence
    DEFERRABLE INITIALLY IMMEDIATE
    FOR EACH ROW EXECUTE FUNCTION archive_occurrence_inside_source_text();
"""

DROP = """
DROP TRIGGER IF EXISTS occurrence_inside_source_text ON archive_occurrence;
DROP FUNCTION IF EXISTS archive_occurrence_inside_source_text();
"""


class Migration(migrations.Migration):
    dependencies = [("archive", "0002_initial")]

    operations = [migrations.RunSQL(CREATE, DROP)]
