"""``python -m bench.datasette_trace DB``: where Datasette's time goes, query class by query class.

Serves ``DB`` exactly as ``make bench`` does (``bench.servers.datasette_server``, plus
``trace_debug``), asks each Datasette URL of the query mix for its JSON with ``_trace=1``,
and prints the request's time, the SQL statements it ran and the slowest of them. Then
times each URL's full HTML response client-side (``bench.queries.timed_get``, median of
``--runs``). The targets (prolific speaker, largest event...) come from a ``results-N.json``
of an earlier ``make bench``, as ``--targets``.
"""

import argparse
import json
import statistics
import urllib.request
from pathlib import Path

from bench import queries, servers

PORT = 8932


def trace(path: str) -> dict:
    base, _, query = path.partition("?")
    base = base.removesuffix(".csv")
    url = f"http://{servers.HOST}:{PORT}{base}.json?{query}&_trace=1"
    with urllib.request.urlopen(url, timeout=300) as response:
        return json.load(response)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.datasette_trace")
    parser.add_argument("db", type=Path, help="a bench SQLite file (var/bench/sqlite-N/bench.db)")
    parser.add_argument("--targets", type=Path, required=True, help="a results-N.json")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--slowest", type=int, default=3, help="SQL statements shown per page")
    parser.add_argument("--datasette", type=Path, default=Path("var/bench-venv/bin/datasette"))
    args = parser.parse_args()
    targets = json.loads(args.targets.read_text())["targets"]
    mix = queries.query_mix(targets)
    log = args.db.with_name("datasette-trace.log")
    with servers.datasette_server(args.datasette, args.db, PORT, log, trace=True):
        print("| query | Datasette median ms | SQL ms | statements | rows counted |")
        print("|---|---:|---:|---:|---:|")
        details = []
        for q in mix:
            times = [
                queries.timed_get(PORT, q.datasette, first_byte=q.first_byte)[0]
                for _ in range(args.runs)
            ]
            data = {} if q.first_byte else trace(q.datasette)
            spans = data.get("_trace", {})
            print(
                f"| {q.name} | {statistics.median(times) * 1000:,.0f} | "
                f"{spans.get('sum_trace_duration_ms', 0):,.0f} | {spans.get('num_traces', '')} | "
                f"{data.get('filtered_table_rows_count') or ''} |",
                flush=True,
            )
            slow = sorted(spans.get("traces", []), key=lambda t: -t["duration_ms"])
            details.append((q.name, slow[: args.slowest]))
    for name, slow in details:
        if slow and slow[0]["duration_ms"] >= 20:
            print(f"\n{name}:")
            for span in slow:
                print(f"  {span['duration_ms']:7.0f} ms  {' '.join(span['sql'].split())[:200]}")


if __name__ == "__main__":
    main()
