"""Ingest speed at scale: the same new documents into a copy of the big corpus and into an
empty archive, in documents per second, with the ingest process's peak memory.

The documents quote speakers the corpus already knows (the prolific one among them) under a
new spelling, the case that used to rewrite every one of a speaker's statements.
"""

import os
import random
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import psycopg

from bench import loading

DOCUMENTS = 30


def write_documents(folder: Path, names: list[str]) -> None:
    rng = random.Random(7)
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(DOCUMENTS):
        lines = [
            f"CITY HERALD\n\nCouncil hears residents on the harbour plan {n}\n",
            f"News · {1 + n % 28} March 2024 · City desk\n",
        ]
        for k in range(8):
            name = rng.choice(names)
            lines.append(
                f"“We will rebuild the harbour wall before winter number {n} {k},” said {name}, "
                "speaking at the council meeting on Tuesday.\n"
            )
        (folder / f"herald-{n:03}.txt").write_text("\n".join(lines), encoding="utf-8")


def run_ingest(repo: Path, url: str, folder: Path, log: Path) -> tuple[float, int]:
    """Seconds and peak resident memory (bytes) of ``manage.py ingest folder``."""
    env = {**os.environ, "DATABASE_URL": url}
    started = time.perf_counter()
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [sys.executable, "manage.py", "ingest", str(folder)],
            cwd=repo,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        print(f"bench: warning: ingest exited non-zero (see {log})", flush=True)
    return elapsed, usage.ru_maxrss * 1024


def measure(repo: Path, big_url: str, server_url, scale: int) -> dict:
    admin = server_url("postgres")
    big = urlsplit(big_url).path.lstrip("/")
    with psycopg.connect(big_url) as conn:
        names = [
            f"Dr {row[0]}"
            for row in conn.execute(
                "SELECT s.name FROM archive_speaker s JOIN archive_statementtally t "
                "ON t.dimension = 'speaker' AND t.value = s.id::text ORDER BY t.count DESC LIMIT 5"
            )
        ]
    folder = repo / "var" / "bench" / "ingest-docs"
    write_documents(folder, names)
    copy, empty = f"{big}_ingest", "statement_archive_bench_empty"
    results = {}
    started = time.perf_counter()
    loading.recreate_database(admin, copy, template=big)
    print(
        f"bench: copied the corpus for ingest in {time.perf_counter() - started:.0f} s", flush=True
    )
    loading.recreate_database(admin, empty)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"],
        cwd=repo,
        env={**os.environ, "DATABASE_URL": server_url(empty)},
        check=True,
    )
    for label, name in (("empty archive", empty), (f"{scale:,} statements", copy)):
        seconds, peak = run_ingest(repo, server_url(name), folder, folder.parent / f"{name}.log")
        results[label] = {"docs_per_s": DOCUMENTS / seconds, "peak_mb": peak / 2**20}
    for name in (copy, empty):
        loading.drop_database(admin, name)
    return results


def print_rates(results: dict) -> None:
    print(f"\nIngest of {DOCUMENTS} new documents (each process starts Django and parses too)\n")
    print("| into | docs/s | peak memory |")
    print("|---|---:|---:|")
    for label, r in results.items():
        print(f"| {label} | {r['docs_per_s']:.1f} | {r['peak_mb']:.0f} MB |")
