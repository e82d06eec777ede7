"""``python -m bench --scale N``: build (or reuse) the corpus, serve both systems, time the mix.

Steps, each skipped when its result already exists for this scale:

1. the corpus in database ``statement_archive_bench_<N>`` on the project's PostgreSQL
   (migrated, then filled by COPY in one transaction, then VACUUM ANALYZE);
2. the same statements in ``var/bench/bench-<N>.db`` (SQLite FTS5) and Datasette installed
   into ``var/bench-venv``;
3. the query mix against both, interleaved A B A B for ``--rounds`` rounds (one warm-up
   round first), with a time budget that ends the rounds early and says so;
4. ingest of the same small documents into the big corpus and into an empty archive.

Results go to ``var/bench/results-<N>.json``; the table compares with another scale's file.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from psycopg import sql

from bench import corpus, ingest_rate, loading, queries, servers

REPO = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("ARCHIVE_DATA_DIR", REPO / "var"))
OUT = DATA / "bench"
CORPUS_VERSION = "bench-corpus-v1"


def server_url(database: str) -> str:
    """The URL of ``database`` on the project's server (DATABASE_URL's, else the embedded one)."""
    from urllib.parse import urlsplit, urlunsplit

    base = os.environ.get("DATABASE_URL")
    if not base:
        sys.path.insert(0, str(REPO))
        from config.database import embedded_database_url

        base = embedded_database_url(DATA)
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path="/" + database))


def marker(scale: int) -> str:
    return f"{CORPUS_VERSION} scale={scale}"


def corpus_ready(admin_url: str, name: str, scale: int) -> bool:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [name],
        ).fetchone()
    return bool(row and row[0] == marker(scale))


def migrate(url: str) -> None:
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"],
        cwd=REPO,
        env=env,
        check=True,
    )


def build_corpus(scale: int) -> str:
    """The URL of the bench database for ``scale``, built first unless it already is."""
    name = f"statement_archive_bench_{scale}"
    url, admin = server_url(name), server_url("postgres")
    if corpus_ready(admin, name, scale):
        print(f"bench: reusing corpus {name} (migrating it to the code's schema)", flush=True)
        migrate(url)
        return url
    print(f"bench: building corpus of {scale:,} statements in {name}", flush=True)
    loading.recreate_database(admin, name)
    migrate(url)
    spool = OUT / f"spool-{scale}"
    spool.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    counts = loading.spool(corpus.Corpus(scale), spool, datetime.now(UTC).isoformat())
    print(f"bench: generated {counts} in {time.perf_counter() - started:.0f} s", flush=True)
    started = time.perf_counter()
    with psycopg.connect(url) as conn:
        loading.copy_into(conn, spool)
    print(f"bench: COPY with triggers in {time.perf_counter() - started:.0f} s", flush=True)
    started = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
        conn.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                sql.Identifier(name), sql.Literal(marker(scale))
            )
        )
    print(f"bench: VACUUM ANALYZE in {time.perf_counter() - started:.0f} s", flush=True)
    for path in spool.iterdir():
        path.unlink()
    spool.rmdir()
    return url


def pick_targets(url: str) -> dict:
    """The prolific speaker, the largest event, and a statement and source in the middle."""
    with psycopg.connect(url) as conn:
        speaker = conn.execute(
            "SELECT s.id, s.slug FROM archive_speaker s JOIN archive_statementtally t "
            "ON t.dimension = 'speaker' AND t.value = s.id::text ORDER BY t.count DESC LIMIT 1"
        ).fetchone()
        event = conn.execute(
            "SELECT e.id, e.slug FROM archive_event e JOIN archive_statementtally t "
            "ON t.dimension = 'event' AND t.value = e.id::text ORDER BY t.count DESC LIMIT 1"
        ).fetchone()
        (statement_id,) = conn.execute(
            "SELECT id FROM archive_statement WHERE review_status <> 'rejected' "
            "AND id >= (SELECT max(id) / 2 FROM archive_statement) ORDER BY id LIMIT 1"
        ).fetchone()
        (source_id,) = conn.execute(
            "SELECT source_ids[1] FROM archive_statement WHERE id = %s", [statement_id]
        ).fetchone()
    return {
        "speaker_id": speaker[0],
        "speaker_slug": speaker[1],
        "event_id": event[0],
        "event_slug": event[1],
        "statement_id": statement_id,
        "source_id": source_id,
    }


def run_mix(mix, ports: dict, rounds: int, budget: float) -> tuple[dict, int]:
    """Times per (query, system); a warm-up round first, then A B / B A alternating rounds."""
    times = {(q.name, system): [] for q in mix for system in ports}
    for q in mix:  # warm-up, and a check that every page answers
        for system, port in ports.items():
            elapsed, status = queries.timed_get(port, getattr(q, system), first_byte=q.first_byte)
            if status != 200:
                print(f"bench: warning: {system} answered {status} for {q.name}", flush=True)
    deadline = time.monotonic() + budget
    done = 0
    for round_ in range(rounds):
        if time.monotonic() > deadline:
            print(f"bench: time budget reached after {done} rounds", flush=True)
            break
        order = list(ports) if round_ % 2 == 0 else list(reversed(ports))
        for q in mix:
            for system in order:
                elapsed, _ = queries.timed_get(
                    ports[system], getattr(q, system), first_byte=q.first_byte
                )
                times[(q.name, system)].append(elapsed)
        done += 1
    return times, done


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def summarise(mix, times) -> list[dict]:
    rows = []
    for q in mix:
        a, d = times[(q.name, "archive")], times[(q.name, "datasette")]
        rows.append(
            {
                "query": q.name,
                "archive_p50": statistics.median(a),
                "archive_p95": percentile(a, 95),
                "datasette_p50": statistics.median(d),
                "datasette_p95": percentile(d, 95),
            }
        )
    return rows


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f}"


def print_table(scale: int, rows: list[dict], rounds: int) -> None:
    print(
        f"\n{scale:,} statements, {rounds} interleaved rounds, times in ms (client on 127.0.0.1)\n"
    )
    print("| query | archive p50 | archive p95 | Datasette p50 | Datasette p95 | p50 ratio |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in rows:
        ratio = r["archive_p50"] / r["datasette_p50"] if r["datasette_p50"] else float("inf")
        print(
            f"| {r['query']} | {ms(r['archive_p50'])} | {ms(r['archive_p95'])} | "
            f"{ms(r['datasette_p50'])} | {ms(r['datasette_p95'])} | {ratio:.2f} |"
        )


def print_growth(small: dict, large: dict) -> None:
    print(f"\nGrowth {small['scale']:,} -> {large['scale']:,} (p50 ratio, archive and Datasette)\n")
    print("| query | archive | Datasette |")
    print("|---|---:|---:|")
    before = {r["query"]: r for r in small["rows"]}
    for r in large["rows"]:
        b = before.get(r["query"])
        if b:
            print(
                f"| {r['query']} | x{r['archive_p50'] / b['archive_p50']:.1f} | "
                f"x{r['datasette_p50'] / b['datasette_p50']:.1f} |"
            )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--budget", type=float, default=15 * 60, help="seconds for the rounds")
    parser.add_argument("--no-ingest", action="store_true", help="skip the ingest rates")
    parser.add_argument("--build-only", action="store_true", help="build the corpora, time nothing")
    args = parser.parse_args()
    if not 1000 <= args.scale <= 5_000_000 or not 1 <= args.rounds <= 1000:
        parser.error("--scale must be 1,000 to 5,000,000 and --rounds 1 to 1,000")
    OUT.mkdir(parents=True, exist_ok=True)

    url = build_corpus(args.scale)
    db_path = OUT / f"sqlite-{args.scale}" / "bench.db"  # Datasette names it "bench"
    db_path.parent.mkdir(exist_ok=True)
    if not servers.sqlite_current(db_path):  # missing, or built by an older recipe
        started = time.perf_counter()
        servers.build_sqlite(url, db_path)
        print(f"bench: SQLite FTS5 built in {time.perf_counter() - started:.0f} s", flush=True)
    datasette = servers.ensure_datasette(DATA / "bench-venv")
    if args.build_only:
        return
    targets = pick_targets(url)
    mix = queries.query_mix(targets, deep_page=50 if args.scale >= 100_000 else 10)
    mix.append(queries.FLOOR)
    ports = {"archive": 8911, "datasette": 8912}
    with (
        servers.archive_server(REPO, url, ports["archive"], OUT / "gunicorn.log"),
        servers.datasette_server(datasette, db_path, ports["datasette"], OUT / "datasette.log"),
    ):
        times, rounds = run_mix(mix, ports, args.rounds, args.budget)
    rows = summarise(mix, times)
    result = {"scale": args.scale, "rounds": rounds, "rows": rows, "targets": targets}
    if not args.no_ingest:
        result["ingest"] = ingest_rate.measure(REPO, url, server_url, args.scale)
    (OUT / f"results-{args.scale}.json").write_text(json.dumps(result, indent=2))
    print_table(args.scale, rows, rounds)
    if "ingest" in result:
        ingest_rate.print_rates(result["ingest"])
    others = sorted(OUT.glob("results-*.json"))
    by_scale = {json.loads(p.read_text())["scale"]: p for p in others}
    if 100_000 in by_scale and 1_000_000 in by_scale:
        print_growth(
            json.loads(by_scale[100_000].read_text()), json.loads(by_scale[1_000_000].read_text())
        )


if __name__ == "__main__":
    main()
