"""Hostile requests against every public page, in-process (Django's test client, no network).

    python tools/fuzz.py [--requests 3000] [--seed 10]

Reads the archive in the configured database (``make fuzz`` imports the samples first) and
sends a bounded number of requests: real and made-up ids and slugs, every method, search
parameters built from operators, dates, huge numbers, control characters and script tags.
Nothing leaves the process, and the only methods that could write are answered 405. Prints how
many requests got which status, the slowest ones, and exits non-zero on any server error.
"""

import argparse
import logging
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote, urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.test import Client  # noqa: E402

from archive.models import Event, Source, Speaker, Statement  # noqa: E402

METHODS = ["GET"] * 12 + ["HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"]
PARAMS = ["q", "speaker", "event", "event_kind", "source", "kind", "status", "date_from"]
PARAMS += ["date_to", "sort", "page", "format", "name", "letter", "year", "unknown"]
HOSTILE = [
    '"',
    '"unclosed phrase',
    "a OR OR b",
    "-",
    "--x",
    "!!",
    ":*",
    "&&||",
    "\\",
    "'; DROP TABLE archive_statement; --",
    "%00",
    "\x00",
    "\u202e",
    "\ufeff",
    "<script>alert(1)</script>",
    "0",
    "-1",
    "99999999999999999999999",
    "2021-02-30",
    "0000-00-00",
    "9999-12-31",
    "csv",
    "json",
    "xml",
    "date",
    "-date",
    "rank",
    "justice",
    "water",
    "x" * 2000,
    "é" * 300,
]


def _value(rng: random.Random, words: list[str]) -> str:
    pick = rng.random()
    if pick < 0.4:
        return rng.choice(HOSTILE)
    if pick < 0.8 and words:
        return " ".join(rng.sample(words, k=min(len(words), rng.randint(1, 3))))
    return "".join(chr(rng.randint(1, 0x2FFF)) for _ in range(rng.randint(1, 20)))


def _paths(rng: random.Random) -> list[str]:
    """Every public page of the archive, for real records and for ones that do not exist."""
    statements = list(Statement.objects.values_list("pk", flat=True)[:200]) or [1]
    speakers = list(Speaker.objects.values_list("slug", flat=True)[:200]) or ["nobody"]
    events = list(Event.objects.values_list("slug", flat=True)[:200]) or ["nothing"]
    sources = list(Source.objects.values_list("pk", flat=True)[:200]) or [1]
    bad = ["0", "999999999", "x", "%00", quote("<script>"), "-1", "a" * 300]
    return [
        "/",
        "/statements/",
        f"/statements/{rng.choice(statements)}/",
        f"/statements/{rng.choice(bad)}/",
        "/speakers/",
        f"/speakers/{rng.choice(speakers)}/",
        f"/speakers/{rng.choice(bad)}/",
        "/events/",
        f"/events/{rng.choice(events)}/",
        f"/events/{rng.choice(bad)}/",
        "/sources/",
        f"/sources/{rng.choice(sources)}/",
        f"/sources/{rng.choice(bad)}/",
        f"/{rng.choice(bad)}/",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=3000, help="How many requests (bounded).")
    parser.add_argument("--seed", type=int, default=10, help="Random seed, to repeat a run.")
    parser.add_argument("--slowest", type=int, default=10, help="How many slow requests to list.")
    args = parser.parse_args()

    logging.getLogger("django.request").setLevel(logging.ERROR)  # 4xx are expected here
    rng = random.Random(args.seed)
    words = " ".join(Statement.objects.values_list("text", flat=True)[:50]).split()[:500]
    client = Client(raise_request_exception=False, HTTP_HOST="127.0.0.1")
    statuses: Counter[int] = Counter()
    by_method: Counter[tuple[str, int]] = Counter()
    timings: list[tuple[float, str, str, int]] = []
    errors: list[str] = []
    started = time.monotonic()
    for _ in range(args.requests):
        paths = _paths(rng)
        # Real pages twice as often as made-up ones, so most requests reach the views.
        path = rng.choice(paths[:3] + paths[:3] + paths)
        params = [(rng.choice(PARAMS), _value(rng, words)) for _ in range(rng.randint(0, 4))]
        url = path + ("?" + urlencode(params) if params else "")
        method = rng.choice(METHODS)
        began = time.perf_counter()
        response = getattr(client, method.lower())(url)
        if getattr(response, "streaming", False):
            for _chunk in response.streaming_content:  # exports: read the whole stream
                pass
        seconds = time.perf_counter() - began
        statuses[response.status_code] += 1
        by_method[(method, response.status_code)] += 1
        timings.append((seconds, method, url, response.status_code))
        if response.status_code >= 500:
            errors.append(f"{method} {url[:200]}")
    total = time.monotonic() - started

    print(f"{args.requests} requests in {total:.1f} s (seed {args.seed}).")
    print("Statuses: " + ", ".join(f"{code}: {n}" for code, n in sorted(statuses.items())))
    print("By method: " + ", ".join(f"{m} {c}: {n}" for (m, c), n in sorted(by_method.items())))
    print(f"Slowest {args.slowest}:")
    for seconds, method, url, code in sorted(timings, reverse=True)[: args.slowest]:
        print(f"  {seconds * 1000:8.1f} ms  {code}  {method} {url[:120]}")
    if errors:
        print(f"{len(errors)} server errors, first ones:")
        for line in errors[:10]:
            print("  " + line)
        return 1
    print("No server errors.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
