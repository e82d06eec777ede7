"""``python -m bench.load --scale N``: the archive under concurrent clients, with parallel
reads (``ARCHIVE_PARALLEL_READS``) on and off.

Two archive servers on the corpus ``python -m bench`` built for this scale, one with the
setting off, one with it on; for each number of clients, blocks of ``--seconds`` alternate
between them (off on / on off / off on). Each client walks the query mix's archive pages
(exports left out) in turn. Prints requests per second and p50/p95 latency per block kind:
whether reading beside the request, a gain for one visitor, costs throughput when every
core is busy.
"""

import argparse
import statistics
import threading
import time

from bench import queries, servers
from bench.__main__ import OUT, REPO, build_corpus, percentile, pick_targets

PORTS = {"off": 8913, "on": 8914}


def block(port: int, paths: list[str], clients: int, seconds: float) -> dict:
    """``clients`` threads, each GETting ``paths`` in turn (from its own offset) until time."""
    latencies: list[float] = []
    stop = time.perf_counter() + seconds

    def client(offset: int) -> None:
        k = offset
        while time.perf_counter() < stop:
            elapsed, _ = queries.timed_get(port, paths[k % len(paths)])
            latencies.append(elapsed)
            k += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {
        "rate": len(latencies) / seconds,
        "p50": statistics.median(latencies),
        "p95": percentile(latencies, 95),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.load", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--scale", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", default="1,4", help="comma-separated client counts")
    parser.add_argument("--blocks", type=int, default=3, help="blocks per setting and count")
    args = parser.parse_args()
    counts = [int(c) for c in args.clients.split(",")]
    url = build_corpus(args.scale)
    mix = queries.query_mix(pick_targets(url), deep_page=50 if args.scale >= 100_000 else 10)
    paths = [q.archive for q in mix if not q.first_byte]
    results = {}
    with (
        servers.archive_server(
            REPO,
            url,
            PORTS["off"],
            OUT / "gunicorn-off.log",
            settings={"ARCHIVE_PARALLEL_READS": "false"},
        ),
        servers.archive_server(
            REPO,
            url,
            PORTS["on"],
            OUT / "gunicorn-on.log",
            settings={"ARCHIVE_PARALLEL_READS": "true"},
        ),
    ):
        for path in paths:  # warm-up: both servers, every page once per worker
            for port in PORTS.values():
                for _ in range(2):
                    queries.timed_get(port, path)
        for clients in counts:
            for n in range(args.blocks):
                order = list(PORTS) if n % 2 == 0 else list(reversed(PORTS))
                for setting in order:
                    got = block(PORTS[setting], paths, clients, args.seconds)
                    results.setdefault((clients, setting), []).append(got)
    print(
        f"\n{args.scale:,} statements, {len(paths)} pages in turn, "
        f"{args.blocks} blocks of {args.seconds:.0f} s per row (medians of the blocks)\n"
    )
    print("| clients | parallel reads | requests/s | p50 ms | p95 ms |")
    print("|---:|---|---:|---:|---:|")
    for (clients, setting), blocks in results.items():
        print(
            f"| {clients} | {setting} | {statistics.median(b['rate'] for b in blocks):.1f} | "
            f"{statistics.median(b['p50'] for b in blocks) * 1000:.0f} | "
            f"{statistics.median(b['p95'] for b in blocks) * 1000:.0f} |"
        )


if __name__ == "__main__":
    main()
