"""``python -m bench.edits --scale N``: editors' writes on the big corpus, each rolled back.

The actions an editor takes on the biggest records, through the same functions the review
pages call (``archive.editing``), on the corpus ``python -m bench`` built for this scale:
merging the most prolific speaker into a small one and a small one into it, merging the
largest event into another, re-attributing one statement to the most prolific speaker and
verifying a queue page of statements. They run on a copy of the corpus, each in a
transaction that is rolled back (a rolled-back update still leaves dead rows and index
entries behind, which would slow the next ``make bench``), and the copy is dropped. Prints
the median of ``--rounds`` runs and the statements each record holds after the action. A
request has gunicorn's worker timeout (``gunicorn.conf.py``): an action slower than that
fails for the editor.
"""

import argparse
import os
import statistics
import time
from urllib.parse import urlsplit

from bench import loading
from bench.__main__ import build_corpus, server_url

QUEUE_PAGE = 50


def timed(action) -> tuple[float, int]:
    """Seconds ``action()`` took inside a transaction that is then rolled back, and the
    statements its record holds after it (counted untimed, before the rollback)."""
    from django.db import transaction

    from archive.models import Event, Statement

    with transaction.atomic():
        started = time.perf_counter()
        record = action()
        elapsed = time.perf_counter() - started
        if isinstance(record, int):  # a count of statements changed
            rows = record
        else:
            field = "event" if isinstance(record, Event) else "speaker"
            rows = Statement.objects.filter(**{field: record}).count()
        transaction.set_rollback(True)
    return elapsed, rows


def actions() -> dict:
    from archive import editing
    from archive.models import Event, Speaker, Statement, StatementTally

    def largest(dimension: str) -> list[int]:
        rows = StatementTally.objects.filter(dimension=dimension).order_by("-count")
        return [int(v) for v in rows.values_list("value", flat=True)[:200]]

    # Fetched afresh for each run: a merge's delete() leaves the Python object without a pk.
    speakers, events = largest("speaker"), largest("event")
    prolific, small = speakers[0], speakers[-1]
    biggest, other_event = events[0], events[-1]

    def speaker(pk: int) -> Speaker:
        return Speaker.objects.get(pk=pk)

    def event(pk: int) -> Event:
        return Event.objects.get(pk=pk)

    queue_ids = list(
        Statement.objects.filter(review_status="unreviewed")
        .order_by("-id")
        .values_list("id", flat=True)[:QUEUE_PAGE]
    )

    def moved(who: int) -> int:
        return Statement.objects.filter(speaker=who).count()

    return {
        f"merge the most prolific speaker ({moved(prolific):,} statements) into a small one": (
            lambda: editing.merge_speakers(speaker(small), [speaker(prolific)])
        ),
        f"merge a small speaker ({moved(small):,} statements) into the most prolific": (
            lambda: editing.merge_speakers(speaker(prolific), [speaker(small)])
        ),
        "merge the largest event into a small one": (
            lambda: editing.merge_events(event(other_event), [event(biggest)])
        ),
        "re-attribute one statement to the most prolific speaker": (
            lambda: editing.reattribute(
                Statement.objects.filter(speaker_id=small)[:1], speaker=speaker(prolific)
            )
        ),
        f"verify a queue page ({QUEUE_PAGE} statements)": (
            lambda: editing.verify(Statement.objects.filter(pk__in=queue_ids))
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.edits", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--scale", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    corpus = urlsplit(build_corpus(args.scale)).path.lstrip("/")
    copy = f"{corpus}_edits"
    loading.recreate_database(server_url("postgres"), copy, template=corpus)
    os.environ["DATABASE_URL"] = server_url(copy)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.db import connections

    django.setup()
    try:
        print(f"\nEditors' actions at {args.scale:,} statements (median of {args.rounds})\n")
        print("| action | statements after | ms |")
        print("|---|---:|---:|")
        for label, action in actions().items():
            runs = [timed(action) for _ in range(args.rounds)]
            seconds = statistics.median(r[0] for r in runs)
            print(f"| {label} | {runs[0][1]:,} | {seconds * 1000:,.0f} |", flush=True)
    finally:
        connections.close_all()
        loading.drop_database(server_url("postgres"), copy)


if __name__ == "__main__":
    main()
