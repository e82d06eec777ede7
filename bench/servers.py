"""The two systems under test: the archive under gunicorn, Datasette over SQLite FTS5.

Both listen on 127.0.0.1 only. Datasette is installed by ``ensure_datasette`` into its own
virtualenv (``var/bench-venv``), so the archive's requirements never see it.
"""

import json
import os
import sqlite3
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

DATASETTE_VERSION = "0.65.5"
HOST = "127.0.0.1"


def ensure_datasette(venv: Path) -> Path:
    """The ``datasette`` executable in ``venv``, installed there first if missing."""
    exe = venv / "bin" / "datasette"
    if not exe.exists():
        print(f"bench: installing Datasette {DATASETTE_VERSION} into {venv}", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin" / "pip"), "install", "--quiet", f"datasette=={DATASETTE_VERSION}"],
            check=True,
        )
    return exe


# Bump when the SQLite build below changes: a file built by an older recipe is rebuilt, not
# reused (``sqlite_current``). Stored as the file's ``PRAGMA user_version``.
SQLITE_BUILD = 2

# The columns Datasette facets on (bench.queries.FACETS) and filters by, each indexed as a
# Datasette publisher is told to ("Speeding up facets with indexes"), with review_status
# appended so the public filter (review_status != 'rejected') is answered from the index.
INDEXES = {
    "statements_date": "date",
    "statements_speaker": "speaker_id, date, review_status",
    "statements_event": "event_id, review_status",
    "statements_speaker_name": "speaker, review_status",
    "statements_event_name": "event, review_status",
    "statements_event_kind": "event_kind, review_status",
    "statements_source": "source_id, review_status",
    "statements_year": "year, review_status",
    "statements_kind": "kind, review_status",
    "statements_review_status": "review_status",
}


SCHEMA = """
CREATE TABLE sources (id INTEGER PRIMARY KEY, file_name TEXT, title TEXT, text TEXT);
CREATE TABLE statements (
    id INTEGER PRIMARY KEY, speaker_id INTEGER, speaker TEXT, event_id INTEGER, event TEXT,
    event_kind TEXT, kind TEXT, text TEXT, date TEXT, year TEXT, review_status TEXT,
    speaker_names TEXT, source_id INTEGER REFERENCES sources(id));
"""


def sqlite_current(path: Path) -> bool:
    """Whether ``path`` exists and was built by this version of ``build_sqlite``."""
    if not path.exists():
        return False
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return db.execute("PRAGMA user_version").fetchone()[0] == SQLITE_BUILD
    finally:
        db.close()


def build_sqlite(pg_url: str, path: Path) -> None:
    """The bench corpus's statements in SQLite, with an FTS5 index and Datasette's facets.

    One row per statement with the names a Datasette page shows (speaker, event, first source,
    year) denormalised, as a Datasette user would publish them; sources as a second table. The
    FTS table is declared as ``sqlite-utils enable-fts`` declares it (``content=[statements]``)
    so that Datasette detects it; ``metadata.json`` names it too.
    """
    import psycopg

    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    db.executescript(SCHEMA)
    with psycopg.connect(pg_url) as conn:
        with conn.cursor(name="statements") as cursor:
            cursor.itersize = 5000
            # The year as the archive's year facet gives it (archive.facets.YEAR_SQL).
            cursor.execute(
                """SELECT s.id, s.speaker_id, sp.name, s.event_id, e.name, s.event_kind, s.kind,
                          s.text, s.date::text,
                          COALESCE(date_part('year', s.date)::integer::text, 'undated'),
                          s.review_status, s.speaker_names, s.source_ids[1]
                   FROM archive_statement s JOIN archive_speaker sp ON sp.id = s.speaker_id
                   LEFT JOIN archive_event e ON e.id = s.event_id ORDER BY s.id"""
            )
            while rows := cursor.fetchmany(5000):
                db.executemany("INSERT INTO statements VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        with conn.cursor(name="sources") as cursor:
            cursor.execute("SELECT id, file_name, title, text FROM archive_source ORDER BY id")
            while rows := cursor.fetchmany(2000):
                db.executemany("INSERT INTO sources VALUES (?,?,?,?)", rows)
    finish_sqlite(db)
    db.close()
    tmp.rename(path)


def finish_sqlite(db: sqlite3.Connection) -> None:
    """Indexes, the FTS5 index (merged into one segment), statistics and the build marker."""
    for name, columns in INDEXES.items():
        db.execute(f"CREATE INDEX {name} ON statements ({columns})")
    db.executescript(
        f"""
        CREATE VIRTUAL TABLE statements_fts USING fts5(
            text, speaker_names, content=[statements], content_rowid='id',
            tokenize='porter unicode61 remove_diacritics 2');
        INSERT INTO statements_fts (rowid, text, speaker_names)
            SELECT id, text, speaker_names FROM statements;
        INSERT INTO statements_fts (statements_fts) VALUES ('optimize');
        ANALYZE;
        PRAGMA user_version = {SQLITE_BUILD};
        """
    )
    db.commit()


def datasette_metadata(path: Path) -> Path:
    """``metadata.json`` for the database at ``path``: the FTS table, sorting and labels."""
    metadata = {
        "databases": {
            path.stem: {
                "tables": {
                    "statements": {
                        "fts_table": "statements_fts",
                        "fts_pk": "id",
                        "sortable_columns": ["id", "date"],
                    },
                    "sources": {"label_column": "title"},
                }
            }
        }
    }
    out = path.with_name("metadata.json")
    out.write_text(json.dumps(metadata, indent=2))
    return out


def _wait_until_up(url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server for {url} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                response.read()
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"server for {url} did not answer within {timeout:.0f} s")


@contextmanager
def serving(args: list[str], url: str, env: dict, log: Path):
    """Run a server process for the ``with`` block, stopping it (by its own pid) after."""
    with open(log, "w") as out:
        proc = subprocess.Popen(args, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            _wait_until_up(url, proc)
            yield proc
        finally:
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def archive_server(
    repo: Path, pg_url: str, port: int, log: Path, workers: int = 2, settings: dict | None = None
):
    """The archive under gunicorn on ``pg_url``; ``settings``: more environment variables."""
    env = {
        **os.environ,
        "DATABASE_URL": pg_url,
        "ALLOWED_HOSTS": HOST,
        "DEBUG": "false",
        **(settings or {}),
    }
    args = [
        str(repo / ".venv" / "bin" / "gunicorn"),
        "config.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--timeout",
        "120",
    ]
    return serving(args, f"http://{HOST}:{port}/", env, log)


def datasette_server(exe: Path, db: Path, port: int, log: Path, *, trace: bool = False):
    """Datasette as a publisher would run this database: immutable (``-i``), with its metadata.

    Time limits are raised so that facets and counts are computed, not dropped (at the
    defaults, 1 s and 200 ms, a million rows lose their facets); the facet size lists every
    year, as the archive does; facet suggestions are off (the archive suggests none); two SQL
    threads for two cores, as gunicorn runs two workers.
    """
    args = [str(exe), "serve", "--host", HOST, "--port", str(port), "-i", str(db)]
    args += ["--metadata", str(datasette_metadata(db))]
    settings = {
        "sql_time_limit_ms": 60000,
        "facet_time_limit_ms": 60000,
        "default_page_size": 25,
        "default_facet_size": 50,
        "suggest_facets": "off",
        "num_sql_threads": 2,
    }
    if trace:
        settings["trace_debug"] = 1
    for name, value in settings.items():
        args += ["--setting", name, str(value)]
    # Up when it answers a page that reads no database: its home page counts every table,
    # which at a million rows on a busy machine can outlast each readiness probe.
    return serving(args, f"http://{HOST}:{port}/-/versions.json", dict(os.environ), log)
