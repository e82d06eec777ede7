"""Counts at scale: trigger-kept tallies and search columns, exact and estimated search counts."""

from datetime import date

import pytest
from django.db import connection
from django.urls import reverse

from archive import background, facets
from archive.models import Occurrence, Statement, StatementTally
from tests.factories import make_event, make_source, make_speaker, make_statement

pytestmark = pytest.mark.django_db

URL = reverse("archive:statement-list")


def tally(dimension: str, value="") -> int:
    row = StatementTally.objects.filter(dimension=dimension, value=str(value)).first()
    return row.count if row else 0


def test_tallies_follow_inserts_bulk_reviews_and_deletes():
    speaker = make_speaker()
    event = make_event(kind="rally")
    statements = [make_statement(text=f"Line {n}.", speaker=speaker, event=event) for n in range(3)]
    assert tally("public") == 3
    assert tally("speaker", speaker.pk) == 3
    assert tally("event", event.pk) == 3
    assert tally("event_kind", "rally") == 3
    assert tally("kind", "direct") == 3
    # An editor's bulk update is one statement for the trigger, and the counts follow.
    Statement.objects.filter(pk__in=[s.pk for s in statements[:2]]).update(review_status="rejected")
    assert tally("public") == 1
    assert tally("speaker", speaker.pk) == 1
    assert tally("status", "rejected") == 2
    assert tally("status", "unreviewed") == 1
    statements[2].delete()
    assert tally("public") == 0
    assert tally("status", "rejected") == 2


def test_event_kind_is_copied_to_statements_and_follows_the_event():
    event = make_event(kind="rally")
    statement = make_statement(event=event)
    statement.refresh_from_db()
    assert statement.event_kind == "rally"
    event.kind = "panel"
    event.save()
    statement.refresh_from_db()
    assert statement.event_kind == "panel"
    assert tally("event_kind", "panel") == 1
    assert tally("event_kind", "rally") == 0


def test_source_ids_follow_passages_and_survive_a_full_save():
    statement = make_statement(text="We stay.")
    first = statement.occurrences.get().source
    second = make_source(text="Again: We stay.")
    stale = Statement.objects.get(pk=statement.pk)
    Occurrence.objects.create(statement=statement, source=second, start=7, end=15)
    statement.refresh_from_db()
    assert statement.source_ids == sorted([first.pk, second.pk])
    assert tally("source", second.pk) == 1
    stale.text = "We stay."
    stale.save()  # a full save with the old copy of source_ids keeps the stored one
    statement.refresh_from_db()
    assert statement.source_ids == sorted([first.pk, second.pk])
    Occurrence.objects.filter(source=first).delete()
    statement.refresh_from_db()
    assert statement.source_ids == [second.pk]
    assert tally("source", first.pk) == 0


def test_landing_page_counts_and_facets_come_exact_from_the_tallies(client):
    speaker = make_speaker(name="Nadia Quill")
    for n in range(3):
        make_statement(text=f"Point {n}.", speaker=speaker)
    make_statement(text="Hidden.", review_status="rejected")
    page = client.get(URL).content.decode()
    assert "3 statements" in page and "about" not in page.split("Narrow the results")[0]
    assert "Nadia Quill" in page


def test_counts_past_the_exact_limit_are_estimates_labelled_about(client, settings):
    settings.ARCHIVE_EXACT_COUNT_LIMIT = 100
    speaker = make_speaker(name="Ada Vale")
    for n in range(130):
        make_statement(text=f"Harbour plan number {n}.", speaker=speaker)
    response = client.get(URL, {"q": "harbour"})
    page = response.content.decode()
    assert response.context["total_exact"] is False
    assert "about " in page and "estimated counts" in page
    # Ranking and paging stop at the limit, and the page says how to reach the rest.
    assert response.context["paginator"].count == 100
    assert "The first 100 can be paged through" in page


def _facet_counts(response) -> dict:
    return {f.name: {o.value: o.count for o in f.options} for f in response.context["facets"]}


def test_a_chosen_facet_of_an_estimated_search_is_counted_in_the_same_sample(
    client, settings, monkeypatch, django_assert_num_queries
):
    settings.ARCHIVE_EXACT_COUNT_LIMIT = 100
    # The planner expects more than the limit: estimate at once. The sample is the whole
    # table here, so the estimates can be checked against the separate passes.
    monkeypatch.setattr(facets, "PLAN_FACTOR", 1)
    monkeypatch.setattr(facets, "MIN_SAMPLE_PERCENT", 100.0)
    monkeypatch.setattr(facets, "MAX_SAMPLE_PERCENT", 100.0)
    for n in range(240):
        make_statement(text=f"Harbour plan number {n}.", kind="indirect" if n % 3 else "direct")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE archive_statement")
    search = {"q": "harbour", "kind": "indirect"}
    # The plan, one sample for the total and every facet (kind too), the ranked window's
    # ids, the page's rows.
    with django_assert_num_queries(4):
        shared = client.get(URL, search)
    assert shared.context["total_exact"] is False
    counts = _facet_counts(shared)
    # The kind facet ignores its own choice: it offers both kinds with their counts.
    assert counts["kind"] == {"indirect": 160, "direct": 80}
    assert all(f.estimated for f in shared.context["facets"] if f.options)
    # The same numbers as a pass of its own for the chosen facet gives.
    monkeypatch.setattr(facets, "estimated_with_choices", lambda *args, **kwargs: None)
    separate = client.get(URL, search)
    assert _facet_counts(separate) == counts
    assert separate.context["total"] == shared.context["total"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("limit", "plan_factor"),
    [(1000, 2), (100, 1), (150, 2)],
    ids=["exact", "planned as estimated", "estimated once the capped pass overflows"],
)
def test_a_best_match_page_is_read_beside_its_counts(
    client, settings, monkeypatch, limit, plan_factor
):
    settings.ARCHIVE_EXACT_COUNT_LIMIT = limit
    monkeypatch.setattr(facets, "PLAN_FACTOR", plan_factor)
    monkeypatch.setattr(facets, "MIN_SAMPLE_PERCENT", 100.0)
    monkeypatch.setattr(facets, "MAX_SAMPLE_PERCENT", 100.0)
    for n in range(240):
        make_statement(text=f"Harbour plan number {n}." + " The harbour again." * (n % 4))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE archive_statement")
    in_background = []  # per search: whether the worker thread read the page
    start = background.start

    def spy(read, *, using):
        future = start(read, using=using)
        in_background.append(future is not None)
        return future

    monkeypatch.setattr(background, "start", spy)
    searches = [{"q": "harbour"}, {"q": "harbour", "page": "2"}, {"q": "harbour", "page": "99"}]
    beside = [client.get(URL, params) for params in searches]
    settings.ARCHIVE_PARALLEL_READS = False
    inline = [client.get(URL, params) for params in searches]
    assert in_background == [True, True, True, False, False, False]
    assert beside[0].context["total_exact"] is (limit == 1000)
    # The same statements in the same best-match order, whichever thread read them.
    for first, second in zip(beside[:2], inline[:2], strict=True):
        shown = [s.pk for s in first.context["statements"]]
        assert shown == [s.pk for s in second.context["statements"]]
        assert len(shown) == 25
        assert [s.headline for s in first.context["statements"]] == [
            s.headline for s in second.context["statements"]
        ]
    # A page past the end is the same error either way.
    assert beside[2].status_code == inline[2].status_code == 400


def test_counts_up_to_the_exact_limit_are_exact(client, settings):
    settings.ARCHIVE_EXACT_COUNT_LIMIT = 100
    for n in range(40):
        make_statement(text=f"Harbour wall number {n}.")
    response = client.get(URL, {"q": "harbour"})
    assert response.context["total_exact"] is True
    assert response.context["total"] == 40
    page = response.content.decode()
    assert "40 statements matching" in page and "estimated counts" not in page


def test_speaker_months_are_tallied_for_the_timeline():
    speaker = make_speaker()
    make_statement(text="One.", speaker=speaker, date=date(2020, 7, 19))
    make_statement(text="Two.", speaker=speaker, date=date(2020, 7, 20))
    hidden = make_statement(text="Three.", speaker=speaker, date=date(2020, 8, 1))
    Statement.objects.filter(pk=hidden.pk).update(review_status="rejected")
    assert tally(f"month:{speaker.pk}", "2020-07") == 2
    assert tally(f"month:{speaker.pk}", "2020-08") == 0


def _walk(client, params, limit=50):
    """Follow "Next" links from the last numbered page to the end; the ids in order."""
    import re

    response = client.get(URL, params)
    seen = [s.pk for s in response.context["statements"]]
    for _ in range(limit):
        cursor = response.context.get("next_cursor") or getattr(
            response.context["page_obj"], "next_cursor", None
        )
        if not cursor:
            return seen, response
        assert re.search(rf"after={re.escape(cursor)}\"", response.content.decode())
        response = client.get(URL, {**params, "after": cursor, "page": ""})
        assert response.status_code == 200
        seen += [s.pk for s in response.context["statements"]]
    raise AssertionError("no end")


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_past_the_numbered_pages_next_goes_on_by_keyset_to_the_end(client, settings, sort):
    settings.ARCHIVE_EXACT_COUNT_LIMIT = 100
    settings.ARCHIVE_PAGE_SIZE = 25
    speaker = make_speaker()
    made = [
        make_statement(text=f"Line {n}.", speaker=speaker, date=date(2020, 1, 1 + n % 28))
        for n in range(150)
    ] + [make_statement(text=f"Undated {n}.", speaker=speaker, date=None) for n in range(30)]
    response = client.get(URL, {"sort": sort})
    assert response.context["paginator"].num_pages == 4  # the first 100 are numbered
    assert "have page numbers" in response.content.decode()
    numbered = []
    for number in range(1, 5):
        numbered += [
            s.pk for s in client.get(URL, {"sort": sort, "page": number}).context["statements"]
        ]
    rest, last = _walk(client, {"sort": sort, "page": 4})
    order = (
        Statement.objects.newest_first() if sort == "newest" else Statement.objects.oldest_first()
    )
    assert numbered[:75] + rest == list(order.values_list("pk", flat=True))
    assert len(set(rest)) == len(rest) == len(made) - 75
    assert "past the numbered pages" in last.content.decode()


def test_a_broken_page_cursor_is_a_friendly_400(client):
    make_statement()
    for cursor in ("x", "1", "1.2.3", "99999999.1"):
        response = client.get(URL, {"after": cursor})
        assert response.status_code == 400
        assert "Start again from the first page" in response.content.decode()


def test_each_events_speakers_are_tallied_and_follow_moves_and_reviews():
    ada, ben = make_speaker(), make_speaker()
    summit, rally = make_event(), make_event()
    lines = [make_statement(text=f"Line {n}.", speaker=ada, event=summit) for n in range(3)]
    make_statement(text="Other.", speaker=ben, event=summit)
    assert tally(f"speakers:{summit.pk}", ada.pk) == 3
    assert tally(f"speakers:{summit.pk}", ben.pk) == 1
    Statement.objects.filter(pk=lines[0].pk).update(event=rally)  # moved to another event
    Statement.objects.filter(pk=lines[1].pk).update(speaker=ben)  # attributed to another speaker
    Statement.objects.filter(pk=lines[2].pk).update(review_status="rejected")
    assert tally(f"speakers:{summit.pk}", ada.pk) == 0
    assert tally(f"speakers:{summit.pk}", ben.pk) == 2
    assert tally(f"speakers:{rally.pk}", ada.pk) == 1
