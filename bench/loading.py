"""The bench corpus into the archive's real tables: spooled to COPY files, then copied in one
transaction after ``migrate``, through every constraint and trigger of the schema.

A NOT NULL column the corpus does not fill (a field added after the generator was written)
gets a blank stand-in default for the COPY (``BLANKS``), dropped again afterwards.
"""

import itertools

import psycopg
from psycopg import sql

from bench.corpus import Corpus

COLUMNS = {
    "speaker": (
        "archive_speaker",
        "id, name, slug, kind, description, curated, created_at, updated_at",
    ),
    "alias": ("archive_speakeralias", "id, speaker_id, name, normalized"),
    "event": (
        "archive_event",
        "id, name, slug, kind, start_date, end_date, location, description, curated, created_at, updated_at",
    ),
    "source": (
        "archive_source",
        "id, file_name, sha256, text, encoding, title, site, url, imported_at, ingest_run_id, superseded_by_id",
    ),
    "article": (
        "archive_article",
        'id, source_id, position, title, start, "end", published, event_id',
    ),
    "statement": (
        "archive_statement",
        "id, speaker_id, event_id, kind, text, date, review_status, fingerprint, speaker_names, rule, "
        "confidence, curated, created_at, updated_at, event_kind, source_ids",
    ),
    "occurrence": (
        "archive_occurrence",
        'id, statement_id, source_id, article_id, start, "end", role, created_at',
    ),
}
# COPY order: what a row's triggers look up comes first (events for the statements' event
# kind, sources for the occurrences' bounds check); foreign keys are checked at commit.
ORDER = ["speaker", "alias", "event", "source", "article", "statement", "occurrence"]


def spool(corpus: Corpus, folder, now: str) -> dict[str, int]:
    """Write every table's rows to ``folder/<table>.copy``; returns row counts."""
    files = {name: open(folder / f"{name}.copy", "w", encoding="utf-8") for name in ORDER}  # noqa: SIM115 (closed below)
    counts = dict.fromkeys(ORDER, 0)
    try:
        for name, row in itertools.chain(
            corpus.speaker_rows(now), corpus.event_rows(now), corpus.document_rows(now)
        ):
            files[name].write(row)
            counts[name] += 1
    finally:
        for handle in files.values():
            handle.close()
    return counts


# Stand-in values for NOT NULL columns the corpus does not fill (fields added to the schema
# after the generator was written), by column type: the build keeps working, and the blank
# value is what a document imported before that field existed would hold.
BLANKS = {
    "text": "''",
    "character varying": "''",
    "boolean": "false",
    "integer": "0",
    "bigint": "0",
    "smallint": "0",
    "double precision": "0",
    "jsonb": "'{}'",
    "ARRAY": "'{}'",
}


def _unfilled(cursor, table: str, columns: str) -> list[tuple[str, str]]:
    """(column, data type) of ``table``'s NOT NULL columns without a default that the COPY
    column list leaves out."""
    given = {c.strip().strip('"') for c in columns.split(",")}
    cursor.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_name = %s AND is_nullable = 'NO' AND column_default IS NULL",
        [table],
    )
    return [(column, kind) for column, kind in cursor.fetchall() if column not in given]


def copy_into(conn, folder) -> None:
    """COPY the spooled rows in ``ORDER`` inside the caller's transaction."""
    with conn.cursor() as cursor:
        blanks = []
        for name in ORDER:
            table, columns = COLUMNS[name]
            for column, kind in _unfilled(cursor, table, columns):
                if kind not in BLANKS:
                    raise RuntimeError(
                        f"bench/loading.py gives no value for {table}.{column} ({kind}): "
                        "add it to COLUMNS and the rows, or a blank for its type to BLANKS."
                    )
                cursor.execute(
                    f'ALTER TABLE {table} ALTER COLUMN "{column}" SET DEFAULT {BLANKS[kind]}'
                )
                blanks.append((table, column))
        for name in ORDER:
            table, columns = COLUMNS[name]
            with (
                cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
                open(folder / f"{name}.copy", "rb") as handle,
            ):
                while chunk := handle.read(1 << 20):
                    copy.write(chunk)
        # The foreign keys are checked now, so that the tables can be altered back.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for table, column in blanks:
            cursor.execute(f'ALTER TABLE {table} ALTER COLUMN "{column}" DROP DEFAULT')
        for name in ORDER:
            table, _ = COLUMNS[name]
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT COALESCE(max(id), 1) FROM {table}))"
            )


def drop_database(admin_url: str, name: str) -> None:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def recreate_database(admin_url: str, name: str, *, template: str | None = None) -> None:
    """``name`` made anew: empty, or a file copy of ``template`` (the corpus, for a run that
    writes to it)."""
    drop_database(admin_url, name)
    create = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if template:
        create += sql.SQL(" TEMPLATE {} STRATEGY FILE_COPY").format(sql.Identifier(template))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(create)
