"""The statement search at /statements/: query syntax, ranking, filters, facets, exports."""

import csv
import io
import json
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from archive.models import IngestRun, Occurrence, Statement
from archive.search import START_SEL, STOP_SEL, excerpt, highlight
from tests.factories import make_event, make_source, make_speaker, make_statement

pytestmark = pytest.mark.django_db

URL = reverse("archive:statement-list")


@pytest.fixture
def corpus():
    """A handful of statements by three speakers at two events."""
    ingrid = make_speaker(name="Íngrid Betancourt")
    paolo = make_speaker(name="Paolo Marchetti")
    helga = make_speaker(name="Helga Brandt", aliases=("H. Brandt",))
    forum = make_event(name="Water Forum", kind="conference", start_date=date(2021, 3, 1))
    rally = make_event(name="River Rally", kind="rally", start_date=date(2019, 1, 1))
    s = {
        "rights": make_statement(
            text="Water rights are human rights.",
            speaker=ingrid,
            event=forum,
            date=date(2021, 3, 2),
        ),
        "users": make_statement(
            text="The rights of water users come first.",
            speaker=paolo,
            event=forum,
            date=date(2021, 3, 3),
            kind="indirect",
        ),
        "press": make_statement(
            text="Freedom of the press matters to every citizen.",
            speaker=helga,
            event=rally,
            date=date(2020, 5, 1),
        ),
        "rivers": make_statement(
            text="Rivers belong to everyone, not to the companies.",
            speaker=ingrid,
            event=rally,
            date=date(2019, 1, 1),
        ),
        "bogota": make_statement(
            text="We met the mayor in Bogotá last spring.",
            speaker=helga,
            date=date(2018, 4, 1),
            review_status="verified",
        ),
        "rejected": make_statement(
            text="Water is a commodity like any other.",
            speaker=paolo,
            event=forum,
            date=date(2021, 3, 4),
            review_status="rejected",
        ),
    }
    s["ingrid"], s["paolo"], s["helga"], s["forum"], s["rally"] = ingrid, paolo, helga, forum, rally
    return s


def found(client, **params) -> list[int]:
    """The ids of the statements on the result page, in order."""
    response = client.get(URL, params)
    assert response.status_code == 200, response.content.decode()[:2000]
    return [statement.pk for statement in response.context["statements"]]


def ids(*statements) -> list[int]:
    return [statement.pk for statement in statements]


# -- Query syntax ---------------------------------------------------------------------------


def test_words_match_in_any_order_but_phrase_query_matches_only_exact_phrase(client, corpus):
    assert set(found(client, q="water rights")) == {corpus["rights"].pk, corpus["users"].pk}
    assert found(client, q='"water rights"') == ids(corpus["rights"])


def test_or_matches_either_word(client, corpus):
    assert set(found(client, q="press OR rivers")) == {corpus["press"].pk, corpus["rivers"].pk}


def test_minus_excludes_statements_with_that_word(client, corpus):
    assert found(client, q="rights -users") == ids(corpus["rights"])


def test_english_stemming_matches_other_forms_of_a_word(client, corpus):
    assert found(client, q="river") == ids(corpus["rivers"])
    assert found(client, q="belonging") == ids(corpus["rivers"])


def test_query_without_accents_finds_accented_text(client, corpus):
    assert found(client, q="bogota") == ids(corpus["bogota"])


def test_speaker_name_finds_their_statements_even_when_not_in_the_text(client, corpus):
    assert found(client, q="Marchetti") == ids(corpus["users"])
    # Accent-insensitive on names too, and in rank order: both of Íngrid's, newest first.
    assert found(client, q="Ingrid") == ids(corpus["rights"], corpus["rivers"])


def test_query_of_only_common_words_finds_nothing_and_explains(client, corpus):
    response = client.get(URL, {"q": "the"})
    assert response.status_code == 200
    assert list(response.context["statements"]) == []
    assert "very common words" in response.content.decode()


def test_rejected_statements_are_left_out_of_results(client, corpus):
    assert corpus["rejected"].pk not in found(client, q="water")
    assert corpus["rejected"].pk not in found(client)


# -- Order ----------------------------------------------------------------------------------


def test_results_are_ranked_by_relevance(client, corpus):
    # "rights" twice in a short text beats "rights" once.
    assert found(client, q="rights") == ids(corpus["rights"], corpus["users"])


def test_equally_relevant_results_come_newest_first_then_by_id(client):
    speaker = make_speaker(name="Ada Stone")
    old = make_statement(text="Justice for all.", speaker=speaker, date=date(2001, 1, 1))
    new = make_statement(text="Justice for all!", speaker=speaker, date=date(2005, 1, 1))
    undated = make_statement(text="Justice for all?", speaker=speaker)
    assert found(client, q="justice") == ids(new, old, undated)


def test_sort_newest_and_oldest_override_relevance(client, corpus):
    assert found(client, q="rights", sort="oldest") == ids(corpus["rights"], corpus["users"])
    assert found(client, q="rights", sort="newest") == ids(corpus["users"], corpus["rights"])


def test_without_a_query_results_are_newest_first(client, corpus):
    expected = ["users", "rights", "press", "rivers", "bogota"]
    assert found(client) == ids(*(corpus[name] for name in expected))
    assert found(client, sort="oldest") == ids(*(corpus[name] for name in reversed(expected)))


# -- Result rows ----------------------------------------------------------------------------


def test_matched_words_are_marked_in_the_result(client, corpus):
    response = client.get(URL, {"q": "human"})
    assert "Water rights are <mark>human</mark> rights." in response.content.decode()


def test_accented_word_is_marked_for_an_unaccented_query(client, corpus):
    response = client.get(URL, {"q": "bogota"})
    assert "<mark>Bogotá</mark>" in response.content.decode()


def test_markup_in_a_statement_is_escaped_in_highlighted_results(client):
    make_statement(text="<script>alert('x')</script> Water for <b>all</b>.")
    response = client.get(URL, {"q": "water"})
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "<b>all" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; <mark>Water</mark> for" in html


def test_long_statement_shows_the_passages_around_matches_with_ellipses(client):
    before = " ".join(f"before{n}" for n in range(200))
    after = " ".join(f"after{n}" for n in range(200))
    make_statement(text=f"{before} the aquifer is drying {after}.")
    html = client.get(URL, {"q": "aquifer"}).content.decode()
    assert "<mark>aquifer</mark>" in html
    assert "… before" in html
    assert "before0 " not in html
    assert "after199" not in html


def test_highlight_escapes_text_and_balances_marks():
    headline = f"a<b> {START_SEL}x{STOP_SEL} & {START_SEL}y {START_SEL}z"
    assert highlight(headline) == "a&lt;b&gt; <mark>x</mark> &amp; <mark>y z</mark>"
    assert highlight(f"{STOP_SEL}plain") == "plain"


def test_excerpt_adds_ellipses_only_where_text_is_left_out():
    text = "One two three. Four five six. Seven eight nine."
    assert excerpt(f"One {START_SEL}two{STOP_SEL} three", text) == ("One <mark>two</mark> three …")
    assert excerpt(f"Four {START_SEL}five{STOP_SEL} six", text) == (
        "… Four <mark>five</mark> six …"
    )
    assert excerpt(f"Seven eight {START_SEL}nine{STOP_SEL}", text) == (
        "… Seven eight <mark>nine</mark>"
    )
    assert excerpt(text, text) == text


def test_markup_in_a_statement_is_escaped_without_a_query(client):
    make_statement(text="<script>alert('x')</script> Water.")
    html = client.get(URL).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


def test_result_shows_speaker_event_date_kind_and_permalink(client, corpus):
    html = client.get(URL, {"q": "users"}).content.decode()
    statement = corpus["users"]
    assert f'href="{statement.speaker.get_absolute_url()}"' in html
    assert f'href="{statement.event.get_absolute_url()}">Water Forum</a>' in html
    assert 'datetime="2021-03-03"' in html
    assert "Reported speech" in html
    assert f'href="{statement.get_absolute_url()}"' in html


def test_results_are_paginated_with_a_total_count(client, corpus, settings):
    settings.ARCHIVE_PAGE_SIZE = 2
    first = client.get(URL)
    assert first.context["paginator"].count == 5
    assert "5 statements" in first.content.decode()
    assert len(first.context["statements"]) == 2
    last = client.get(URL, {"page": 3})
    assert [s.pk for s in last.context["statements"]] == ids(corpus["bogota"])


# -- Filters --------------------------------------------------------------------------------


def test_speaker_filter_takes_several_speakers(client, corpus):
    helga, paolo = corpus["helga"], corpus["paolo"]
    assert found(client, speaker=helga.slug) == ids(corpus["press"], corpus["bogota"])
    assert found(client, speaker=[helga.slug, paolo.slug]) == ids(
        corpus["users"], corpus["press"], corpus["bogota"]
    )


def test_event_and_event_kind_filters(client, corpus):
    assert found(client, event=corpus["rally"].slug) == ids(corpus["press"], corpus["rivers"])
    assert found(client, event_kind="conference") == ids(corpus["users"], corpus["rights"])


def test_date_range_filter_includes_both_ends(client, corpus):
    assert found(client, date_from="2020-05-01", date_to="2021-03-02") == ids(
        corpus["rights"], corpus["press"]
    )
    assert found(client, date_to="2018-12-31") == ids(corpus["bogota"])


def test_source_filter_finds_statements_quoted_in_that_source(client, corpus):
    source = corpus["press"].occurrences.get().source
    assert found(client, source=source.pk) == ids(corpus["press"])


def test_statement_kind_filter(client, corpus):
    assert found(client, kind="indirect") == ids(corpus["users"])


def test_review_status_filter_shows_rejected_statements_to_editors_only(
    client, admin_client, corpus
):
    assert found(client, status="verified") == ids(corpus["bogota"])
    response = client.get(URL, {"status": "rejected"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert found(admin_client, status="rejected") == ids(corpus["rejected"])


def test_filters_combine_with_the_query(client, corpus):
    assert found(client, q="water", speaker=corpus["ingrid"].slug) == ids(corpus["rights"])


# -- Facets and chips -------------------------------------------------------------------------


def facet_counts(response, name: str) -> dict[str, int]:
    facet = next(f for f in response.context["facets"] if f.name == name)
    return {option.value: option.count for option in facet.options}


def test_facet_counts_follow_the_current_query(client, corpus):
    response = client.get(URL, {"q": "water"})
    assert facet_counts(response, "speaker") == {corpus["ingrid"].slug: 1, corpus["paolo"].slug: 1}
    assert facet_counts(response, "event") == {corpus["forum"].slug: 2}
    assert facet_counts(response, "event_kind") == {"conference": 2}
    assert facet_counts(response, "kind") == {"direct": 1, "indirect": 1}
    # The status facet says what each status would give; rejected ones are for editors only.
    assert facet_counts(response, "status") == {"unreviewed": 2}


def test_facet_ignores_its_own_filter_so_other_options_keep_their_counts(client, corpus):
    response = client.get(URL, {"speaker": corpus["helga"].slug})
    assert facet_counts(response, "speaker") == {
        corpus["ingrid"].slug: 2,
        corpus["helga"].slug: 2,
        corpus["paolo"].slug: 1,
    }
    # ...while the other facets count only Helga's statements.
    assert facet_counts(response, "kind") == {"direct": 2}


def test_facet_option_links_add_the_filter_and_drop_the_page(client, corpus):
    response = client.get(URL, {"q": "water", "page": "1"})
    speaker = next(f for f in response.context["facets"] if f.name == "speaker")
    option = next(o for o in speaker.options if o.value == corpus["ingrid"].slug)
    assert option.query_string == f"q=water&speaker={corpus['ingrid'].slug}"
    assert f'href="?{option.query_string.replace("&", "&amp;")}"' in response.content.decode()


def test_source_facet_counts_statements_per_source(client, corpus):
    source = make_source(text="Helga Brandt said: “Freedom of the press matters.” Twice.")
    make_statement(text="Freedom of the press matters.", speaker=corpus["helga"], source=source)
    response = client.get(URL, {"q": "press"})
    counts = facet_counts(response, "source")
    assert counts[str(source.pk)] == 1
    assert sum(counts.values()) == 2


def test_active_filters_show_as_chips_that_each_drop_one_filter(client, corpus):
    helga, paolo = corpus["helga"], corpus["paolo"]
    response = client.get(
        URL, {"q": "water", "speaker": [helga.slug, paolo.slug], "kind": "indirect"}
    )
    chips = {
        (chip.label, chip.value): chip.remove_query_string for chip in response.context["chips"]
    }
    assert chips == {
        ("Speaker", "Helga Brandt"): f"q=water&speaker={paolo.slug}&kind=indirect",
        ("Speaker", "Paolo Marchetti"): f"q=water&speaker={helga.slug}&kind=indirect",
        ("Statement kind", "Reported speech"): f"q=water&speaker={helga.slug}&speaker={paolo.slug}",
    }
    html = response.content.decode()
    assert "Clear all filters" in html
    assert 'href="?q=water&amp;speaker=' in html


def test_search_form_keeps_the_active_filters(client, corpus):
    html = client.get(URL, {"q": "water", "event": corpus["forum"].slug}).content.decode()
    assert f'<input type="hidden" name="event" value="{corpus["forum"].slug}">' in html
    assert '<label for="id_q">' in html


# -- Nothing found, bad input ---------------------------------------------------------------


def test_no_results_suggests_speakers_with_similar_names(client, corpus):
    response = client.get(URL, {"q": "Betancur"})
    assert response.status_code == 200
    assert list(response.context["suggested_speakers"]) == [corpus["ingrid"]]
    html = response.content.decode()
    assert "Looking for a speaker?" in html
    assert "Use fewer words" in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_from": "2020-13-45"}, "From date: Write a year (2020), a month (2020-07)"),
        ({"date_to": "yesterday"}, "or a full date (2020-07-19). (you gave “yesterday”)"),
        ({"date_from": "2021-01-01", "date_to": "2020-01-01"}, "is after the “to” date"),
        ({"kind": "rumour"}, "Statement kind: Select a valid choice. rumour is not one of"),
        ({"status": "maybe"}, "Review status: Select a valid choice."),
        ({"event_kind": "party"}, "Event kind: Select a valid choice."),
        ({"speaker": "nobody-at-all"}, "Speaker: Select a valid choice."),
        ({"event": "no-such-event"}, "Event: Select a valid choice."),
        ({"source": "abc"}, "Source: Select a valid choice."),
        ({"sort": "random"}, "Sort by: Select a valid choice."),
        ({"q": "water\x00"}, "Search statements: Null characters are not allowed."),
        ({"q": "water " * 100}, "Search statements: Ensure this value has at most 500 characters"),
        ({"page": "abc"}, "“abc” is not a page number."),
        ({"page": "9999"}, "there is no page 9999"),
        ({"page": "0"}, "there is no page 0"),
    ],
)
def test_invalid_input_gives_a_clear_message_not_a_server_error(client, corpus, params, message):
    response = client.get(URL, {"q": "water", **params})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'role="alert"' in response.content.decode()


def test_empty_parameters_are_ignored(client, corpus):
    assert found(client, q="", speaker="", event="", kind="", date_from="") == found(client)


def test_unknown_export_format_is_refused(client, corpus):
    response = client.get(URL, {"format": "xml"})
    assert response.status_code == 400
    assert b"format=csv, format=json or format=jsonl" in response.content


def test_export_with_an_invalid_filter_is_refused_with_the_reason(client, corpus):
    response = client.get(URL, {"format": "csv", "date_from": "nope"})
    assert response.status_code == 400
    assert b"From date: Write a year" in response.content


# -- Exports --------------------------------------------------------------------------------


def read_csv(response) -> list[dict]:
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark: spreadsheets read UTF-8
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def read_json(response) -> list[dict]:
    return json.loads(b"".join(response.streaming_content))


def test_csv_export_has_the_current_results_one_row_per_occurrence(client, corpus):
    response = client.get(URL, {"q": "rights", "format": "csv", "page": "2"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="statements-')
    rows = read_csv(response)
    assert list(rows[0]) == [
        "id",
        "date",
        "date_from_event",
        "speaker",
        "kind",
        "review_status",
        "text",
        "event",
        "role",
        "source_title",
        "source_url",
        "source_file",
        "start",
        "end",
        "permalink",
        "data_version",
    ]
    first = corpus["rights"]
    occ = first.occurrences.get()
    assert rows[0] == {
        "id": str(first.pk),
        "date": "2021-03-02",
        "date_from_event": str(first.date_from_event),
        "speaker": "Íngrid Betancourt",
        "kind": "direct",
        "review_status": "unreviewed",
        "text": "Water rights are human rights.",
        "event": "Water Forum",
        "role": occ.role,
        "source_title": occ.source.title,
        "source_url": occ.source.url,
        "source_file": occ.source.file_name,
        "start": str(occ.start),
        "end": str(occ.end),
        "permalink": f"http://testserver/statements/{first.pk}/",
        "data_version": "no import yet",
    }
    assert [int(row["id"]) for row in rows] == found(client, q="rights")


def test_csv_export_guards_against_formula_injection(client):
    make_statement(text='=HYPERLINK("http://evil")')
    make_statement(text="-2+3 is what they said")
    make_statement(text="@SUM(A1) too")
    texts = {row["text"] for row in read_csv(client.get(URL, {"format": "csv"}))}
    assert texts == {'\'=HYPERLINK("http://evil")', "'-2+3 is what they said", "'@SUM(A1) too"}


def test_json_export_lists_every_occurrence_with_an_absolute_permalink(client, corpus):
    statement = corpus["press"]
    original = statement.occurrences.get().source
    second = make_source(
        text="As Helga Brandt put it: Freedom of the press matters to every citizen."
    )
    Occurrence.objects.create(statement=statement, source=second, start=24, end=len(second.text))
    response = client.get(URL, {"speaker": corpus["helga"].slug, "format": "json"})
    assert response["Content-Type"] == "application/json"
    rows = read_json(response)
    assert [row["id"] for row in rows] == [statement.pk, statement.pk, corpus["bogota"].pk]
    assert {row["source_file"] for row in rows[:2]} == {original.file_name, second.file_name}
    assert rows[0]["permalink"] == f"http://testserver/statements/{statement.pk}/"
    assert rows[2]["event"] is None


def test_exports_are_streamed(client, corpus):
    response = client.get(URL, {"format": "json"})
    assert response.streaming


# -- Query counts -----------------------------------------------------------------------------

# Without a query or filters the trigger-kept tallies give the count and every facet; then the
# page of rows. A search asks the planner how many matches to expect, then makes one pass over
# them for the count and every facet (archive.facets); a chosen facet adds a plan and a pass of
# its own (it ignores its own filter), except in an estimated search, whose one sample counts it
# too (tests/archive/test_counts.py).
LIST_QUERIES = 2
SEARCH_QUERIES = LIST_QUERIES + 1


def test_statement_list_query_count_is_fixed(client, corpus, django_assert_num_queries):
    for n in range(30):
        make_statement(text=f"Extra statement number {n} about water.")
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(URL)
    assert response.status_code == 200


def test_statement_search_query_count_is_fixed(client, corpus, django_assert_num_queries):
    for n in range(30):
        make_statement(text=f"Extra statement number {n} about water.")
    with django_assert_num_queries(SEARCH_QUERIES):
        response = client.get(URL, {"q": "water"})
    assert response.status_code == 200
    # A chosen facet (kind) is counted in a pass of its own.
    with django_assert_num_queries(SEARCH_QUERIES + 2):
        response = client.get(URL, {"q": "water", "kind": "direct"})
    assert response.status_code == 200


def test_a_page_past_the_numbered_ones_costs_one_id_read_more(
    client, corpus, settings, django_assert_num_queries
):
    settings.ARCHIVE_EXACT_COUNT_LIMIT = 100
    settings.ARCHIVE_PAGE_SIZE = 25
    for n in range(130):
        make_statement(text=f"Extra statement number {n} about water.")
    cursor = client.get(URL, {"page": 4}).context["next_cursor"]
    # The tallies, the ids after the cursor, the page's rows.
    with django_assert_num_queries(LIST_QUERIES + 1):
        response = client.get(URL, {"after": cursor})
    assert response.status_code == 200
    assert len(response.context["statements"]) == 25


def test_speaker_filter_adds_one_query_to_check_the_slugs(
    client, corpus, django_assert_num_queries
):
    # The slugs, and the speaker facet's own plan and pass.
    with django_assert_num_queries(SEARCH_QUERIES + 3):
        client.get(URL, {"q": "water", "speaker": [corpus["ingrid"].slug, corpus["paolo"].slug]})


def test_no_results_page_query_count_is_fixed(client, corpus, django_assert_num_queries):
    # No page of rows to fetch; the speaker suggestions take its place.
    with django_assert_num_queries(SEARCH_QUERIES):
        response = client.get(URL, {"q": "Betancur"})
    assert response.context["suggested_speakers"]


def test_json_export_query_count_is_fixed(client, corpus, django_assert_num_queries):
    for n in range(30):
        make_statement(text=f"Extra statement number {n} about water.")
    # data version, statements, then their occurrences with sources (one prefetch per 2000)
    with django_assert_num_queries(3):
        rows = read_json(client.get(URL, {"q": "water", "format": "json"}))
    assert len(rows) == 32


def test_jsonl_export_gives_one_object_per_line_with_the_data_version(client, corpus):
    IngestRun.objects.create(status="succeeded", finished_at=timezone.now())
    response = client.get(URL, {"format": "jsonl"})
    assert response.status_code == 200
    lines = b"".join(response.streaming_content).decode().splitlines()
    rows = [json.loads(line) for line in lines]
    assert rows and all(row["data_version"].startswith("import ") for row in rows)
    assert response["X-Archive-Data-Version"] == rows[0]["data_version"]


def test_markup_in_speaker_and_event_names_is_escaped_in_rows_and_facets(client):
    speaker = make_speaker(name='<img src=x onerror="alert(1)"> Jones')
    event = make_event(name="<script>alert(2)</script> " + "Forum " * 12)
    make_statement(text="Water for all.", speaker=speaker, event=event)
    html = client.get(URL, {"q": "water"}).content.decode()
    assert "<img src=x" not in html
    assert "<script>alert(2)" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; Jones" in html
    # The long event name is shortened in the row, whole in its title and for screen readers.
    assert 'title="&lt;script&gt;alert(2)&lt;/script&gt; Forum' in html


def test_the_best_match_window_keeps_the_newest_matches_in_best_match_order():
    # Ties on purpose: equal ranks (the same words) with later, earlier and no dates.
    rows = [
        ("Harbour, harbour, harbour.", date(2020, 1, 1)),
        ("The harbour wall.", date(2019, 5, 1)),
        ("The harbour wall.", None),
        ("The harbour wall.", date(2021, 3, 1)),
        ("A harbour.", date(2021, 3, 1)),
        ("Harbour, harbour, harbour.", None),
        ("The harbour wall.", date(2021, 3, 1)),
        ("Nothing to match.", date(2022, 1, 1)),
    ]
    for text, day in rows:
        make_statement(text=text, date=day)
    matches = Statement.objects.matching("harbour")
    best_first = list(matches.by_relevance("harbour").values_list("pk", flat=True))
    assert len(best_first) == 7
    assert matches.newest_ranked_ids("harbour", 100) == best_first
    newest_four = set(sorted(best_first)[-4:])
    assert matches.newest_ranked_ids("harbour", 4) == [pk for pk in best_first if pk in newest_four]
