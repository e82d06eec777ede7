"""The benchmark's Datasette side computes what the archive's pages compute.

Datasette finds a table's full-text index only by the way its ``content=`` is quoted; with a
quoting it does not recognise, ``?_search=`` is silently ignored and every "search" facets
the whole table. These tests keep the build and the query mix honest without a server.
"""

import json
import sqlite3
from urllib.parse import parse_qs, urlsplit

from bench import queries, servers

TARGETS = {
    "speaker_id": 2,
    "speaker_slug": "a-speaker",
    "event_id": 3,
    "event_slug": "an-event",
    "statement_id": 10,
    "source_id": 4,
}


def build(path):
    db = sqlite3.connect(path)
    db.executescript(servers.SCHEMA)
    db.execute(
        "INSERT INTO statements (id, speaker, text, review_status, year, speaker_names) "
        "VALUES (1, 'Ada', 'the climate of water', 'unreviewed', '2001', 'Ada')"
    )
    servers.finish_sqlite(db)
    return db


def test_the_fts_index_is_declared_the_way_datasette_detects_it(tmp_path):
    db = build(tmp_path / "bench.db")
    # Datasette 0.65's detect_fts: a virtual table whose SQL names content="t" or content=[t].
    (name,) = db.execute(
        "SELECT name FROM sqlite_master WHERE rootpage = 0 AND sql LIKE ?",
        ["%VIRTUAL TABLE%USING FTS%content=[statements]%"],
    ).fetchone()
    assert name == "statements_fts"
    assert db.execute(
        "SELECT rowid FROM statements_fts WHERE statements_fts MATCH 'climate'"
    ).fetchall() == [(1,)]


def test_every_faceted_column_is_indexed(tmp_path):
    db = build(tmp_path / "bench.db")
    indexed = {columns.split(",")[0].strip() for columns in servers.INDEXES.values()}
    assert set(queries.FACETS) <= indexed
    assert db.execute("SELECT count(*) FROM sqlite_stat1").fetchone()[0] > 0


def test_a_file_from_an_older_build_is_not_reused(tmp_path):
    path = tmp_path / "bench.db"
    assert not servers.sqlite_current(path)
    build(path).close()
    assert servers.sqlite_current(path)
    old = sqlite3.connect(path)
    old.execute(f"PRAGMA user_version = {servers.SQLITE_BUILD - 1}")
    old.close()
    assert not servers.sqlite_current(path)


def test_datasette_pages_hide_rejected_statements_and_show_the_archive_facets():
    mix = {q.name: q for q in queries.query_mix(TARGETS)}
    for name in ("rare word", "common word, facets", "phrase", "no query, newest first"):
        params = parse_qs(urlsplit(mix[name].datasette).query)
        assert params["review_status__not"] == ["rejected"], name
        assert params["_facet"] == list(queries.FACETS), name
    for name in ("speaker page (most prolific)", "event page (largest)", "export, first byte"):
        assert "review_status__not=rejected" in mix[name].datasette, name
    assert (
        "review_status != 'rejected'"
        in parse_qs(urlsplit(mix["page 50 of a common word"].datasette).query)["sql"][0]
    )


def test_the_metadata_names_the_fts_table(tmp_path):
    path = servers.datasette_metadata(tmp_path / "bench.db")
    table = json.loads(path.read_text())["databases"]["bench"]["tables"]["statements"]
    assert table["fts_table"] == "statements_fts"
