"""The review queue: order, filters with counts, one-step actions, next item, bulk actions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.models import ReviewStatus, Speaker, Statement
from tests.factories import make_event, make_source, make_speaker, make_statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue():
    ana = make_speaker(name="Ana Lindqvist", aliases=("Mayor Lindqvist",))
    peter = make_speaker(name="Peter Okafor")
    source = make_source(
        text=(
            "The forum opened. Mayor Lindqvist spoke first. "
            "“We will not raise <b>prices</b> this year,” she said. Then Okafor answered. "
            "“The reserves are empty,” Okafor said. The meeting closed."
        )
    )
    sure = make_statement(
        text="The reserves are empty,",
        speaker=peter,
        source=source,
        confidence=0.9,
        rule="said-after",
    )
    unsure = make_statement(
        text="We will not raise <b>prices</b> this year,",
        speaker=peter,
        source=source,
        confidence=0.3,
        rule="pronoun",
    )
    middle = make_statement(text="Another line entirely.", speaker=ana, confidence=0.6)
    done = make_statement(text="Checked already.", speaker=ana, review_status=ReviewStatus.VERIFIED)
    return {
        "ana": ana,
        "peter": peter,
        "sure": sure,
        "unsure": unsure,
        "middle": middle,
        "done": done,
    }


def rows(response) -> list[int]:
    return [s.pk for s in response.context["statements"]]


def test_queue_lists_unreviewed_statements_least_confident_first(editor, queue):
    response = editor.get("/review/")
    assert rows(response) == [queue["unsure"].pk, queue["middle"].pk, queue["sure"].pk]
    page = response.content.decode()
    assert "pronoun" in page and "3</strong> statements to review" in page


def test_filters_narrow_the_queue_and_show_counts(editor, queue):
    response = editor.get("/review/", {"speaker": queue["peter"].pk})
    assert rows(response) == [queue["unsure"].pk, queue["sure"].pk]
    facets = {
        f.name: {o["label"]: o["count"] for o in f.options} for f in response.context["facets"]
    }
    # The speaker facet ignores its own choice: it says what choosing each would give.
    assert facets["speaker"] == {"Peter Okafor": 2, "Ana Lindqvist": 1}
    assert facets["band"] == {
        "Low (under 0.5)": 1,
        "Medium (0.5 to 0.8)": 0,
        "High (0.8 and over)": 1,
    }
    assert rows(editor.get("/review/", {"band": "low"})) == [queue["unsure"].pk]
    assert rows(editor.get("/review/", {"rule": "said-after"})) == [queue["sure"].pk]


def test_a_bad_filter_value_gets_a_message_not_an_error(editor, queue):
    response = editor.get("/review/", {"speaker": "abc", "band": "huge"})
    assert response.status_code == 400
    assert "is not a record number" in response.content.decode()


def test_queue_page_costs_a_fixed_number_of_queries(editor, queue, django_assert_num_queries):
    for n in range(20):
        make_statement(text=f"Filler statement number {n}.", confidence=0.4)
    editor.get("/review/")  # warm the session
    with CaptureQueriesContext(connection) as first:
        editor.get("/review/")
    make_statement(text="One more statement.", speaker=make_speaker(), event=make_event())
    with django_assert_num_queries(len(first.captured_queries)):
        editor.get("/review/")
    # session, user, permissions (2), count, the page's rows, six facets (kind, rule, band,
    # speaker, event, source): twelve, however long the queue.
    assert len(first.captured_queries) == 12


def test_item_shows_the_passage_in_context_escaped_with_the_quote_marked(editor, queue):
    page = editor.get(f"/review/{queue['unsure'].pk}/").content.decode()
    assert (
        '<mark class="review-quote">We will not raise &lt;b&gt;prices&lt;/b&gt; this year,</mark>'
        in page
    )
    assert "<b>prices" not in page
    assert "Mayor Lindqvist spoke first." in page  # the sentence before
    assert '<mark class="review-cue">Okafor</mark>' in page  # the chosen speaker's name
    assert "pronoun" in page and "0.30" in page


def test_verify_opens_the_next_item_of_the_same_queue(editor, queue):
    response = editor.post(
        f"/review/{queue['unsure'].pk}/act/",
        {"action": "verify", "note": "checked the video at 12:30", "query_string": ""},
    )
    assert response.status_code == 302 and response["Location"] == f"/review/{queue['middle'].pk}/"
    queue["unsure"].refresh_from_db()
    assert queue["unsure"].review_status == ReviewStatus.VERIFIED and queue["unsure"].curated
    history = editor.get(f"/review/{queue['unsure'].pk}/").content.decode()
    assert "checked the video at 12:30" in history and "Verified" in history


def test_next_stays_inside_the_filtered_queue(editor, queue):
    qs = f"speaker={queue['peter'].pk}"
    response = editor.post(
        f"/review/{queue['unsure'].pk}/act/", {"action": "verify", "query_string": qs}
    )
    assert response["Location"] == f"/review/{queue['sure'].pk}/?{qs}"


def test_reject_needs_a_reason(editor, queue):
    url = f"/review/{queue['unsure'].pk}/act/"
    response = editor.post(url, {"action": "reject", "reason": " "}, follow=True)
    assert "Say why the statement is rejected." in response.content.decode()
    editor.post(url, {"action": "reject", "reason": "not a quote: a headline"})
    queue["unsure"].refresh_from_db()
    assert queue["unsure"].review_status == ReviewStatus.REJECTED
    assert queue["unsure"].review_note == "not a quote: a headline"


def test_reattribute_by_alias_or_to_a_new_speaker(editor, queue):
    editor.post(
        f"/review/{queue['unsure'].pk}/act/",
        {"action": "reattribute", "speaker": "mayor lindqvist"},
    )
    queue["unsure"].refresh_from_db()
    assert queue["unsure"].speaker == queue["ana"] and queue["unsure"].curated
    assert "Ana Lindqvist" in queue["unsure"].speaker_names
    history = editor.get(f"/review/{queue['unsure'].pk}/").content.decode()
    assert "Peter Okafor → Ana Lindqvist" in history  # names, not record numbers
    editor.post(
        f"/review/{queue['sure'].pk}/act/", {"action": "reattribute", "new_speaker": "Jo Bloggs"}
    )
    queue["sure"].refresh_from_db()
    assert queue["sure"].speaker.name == "Jo Bloggs"
    assert queue["sure"].speaker_names == "Jo Bloggs"  # found by its new speaker's name


def test_reattribute_to_an_unknown_name_suggests_and_changes_nothing(editor, queue):
    response = editor.post(
        f"/review/{queue['unsure'].pk}/act/",
        {"action": "reattribute", "speaker": "Ana Lindkvist"},
        follow=True,
    )
    page = response.content.decode()
    assert "No speaker is called “Ana Lindkvist”" in page and "Did you mean: Ana Lindqvist" in page
    queue["unsure"].refresh_from_db()
    assert queue["unsure"].speaker == queue["peter"]


def test_speaker_lookup_answers_names_and_aliases_as_json(editor, queue):
    data = editor.get("/review/speakers.json", {"q": "lindq"}).json()
    assert data["results"][0]["name"] == "Ana Lindqvist"
    assert data["results"][0]["value"] == f"Ana Lindqvist [{queue['ana'].slug}]"


def test_edit_span_keeps_the_exact_source_characters_and_checks_bounds(editor, queue):
    statement = queue["sure"]
    occ = statement.occurrences.get()
    url = f"/review/{statement.pk}/act/"
    response = editor.post(
        url, {"action": "span", "occurrence": occ.pk, "start": occ.start, "end": 10**6}, follow=True
    )
    assert "must lie inside the source" in response.content.decode()
    editor.post(
        url, {"action": "span", "occurrence": occ.pk, "start": occ.start, "end": occ.end - 1}
    )
    statement.refresh_from_db()
    occ.refresh_from_db()
    assert statement.text == "The reserves are empty" == occ.passage


def test_set_event_from_the_list(editor, queue):
    event = make_event(name="Water forum")
    editor.post(
        f"/review/{queue['sure'].pk}/act/",
        {"action": "event", "event": f"Water forum [{event.slug}]"},
    )
    queue["sure"].refresh_from_db()
    assert queue["sure"].event == event


def test_bulk_verify_and_reject_from_the_list(editor, queue):
    ids = [queue["sure"].pk, queue["middle"].pk]
    response = editor.post("/review/bulk/", {"statement": ids, "action": "verify"}, follow=True)
    assert "Verified 2 statements." in response.content.decode()
    assert set(
        Statement.objects.filter(review_status="verified").values_list("pk", flat=True)
    ) >= set(ids)
    editor.post(
        "/review/bulk/", {"statement": [queue["unsure"].pk], "action": "reject", "reason": "dup"}
    )
    queue["unsure"].refresh_from_db()
    assert queue["unsure"].review_status == ReviewStatus.REJECTED


def test_statement_change_form_links_to_its_review(editor, queue):
    page = editor.get(f"/admin/archive/statement/{queue['sure'].pk}/change/").content.decode()
    assert f'href="/review/{queue["sure"].pk}/"' in page
    assert Speaker.objects.count() == 2
