"""The read-only JSON API: same filters as the site, cursors, a schema, local docs, 429s."""

from datetime import date

import pytest
from django.core.cache import cache

from tests.factories import make_event, make_source, make_speaker, make_statement

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def corpus():
    ana = make_speaker(name="Ana Ruiz")
    forum = make_event(name="Harbour Forum", start_date=date(2020, 7, 19))
    return {
        "ana": ana,
        "forum": forum,
        "water": make_statement(speaker=ana, event=forum, text="Water rights are human rights."),
        "bridge": make_statement(text="The bridge will open in spring.", date=date(2021, 4, 1)),
        "reported": make_statement(
            speaker=ana, kind="indirect", text="the harbour would stay public"
        ),
    }


def test_statements_list_takes_the_sites_query_syntax_and_filters(client, corpus):
    body = client.get("/api/statements/", {"q": '"human rights"'}).json()
    assert [row["id"] for row in body["results"]] == [corpus["water"].pk]
    row = body["results"][0]
    assert row["speaker"]["name"] == "Ana Ruiz"
    assert row["event"]["slug"] == corpus["forum"].slug
    assert row["date"] == "2020-07-19" and row["date_from_event"] is True
    assert row["permalink"] == f"http://testserver/statements/{corpus['water'].pk}/"
    body = client.get("/api/statements/", {"speaker": corpus["ana"].slug, "kind": "indirect"})
    assert [row["id"] for row in body.json()["results"]] == [corpus["reported"].pk]
    body = client.get("/api/statements/", {"date_from": "2021", "date_to": "2021-04"})
    assert [row["id"] for row in body.json()["results"]] == [corpus["bridge"].pk]


def test_a_bad_filter_is_a_400_with_the_sites_message(client, corpus):
    response = client.get("/api/statements/", {"date_from": "yesterday"})
    assert response.status_code == 400
    assert "From date: Write a year" in response.json()["detail"]


def test_cursor_pagination_walks_every_statement_once(client, corpus):
    for n in range(7):
        make_statement(text=f"Extra statement {n} on the river.")
    seen, url = [], "/api/statements/?page_size=3"
    while url:
        body = client.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    assert len(seen) == len(set(seen)) == 10
    assert seen == sorted(seen, reverse=True)


def test_statement_detail_has_each_passage_exactly(client, corpus):
    body = client.get(f"/api/statements/{corpus['water'].pk}/").json()
    occ = body["occurrences"][0]
    assert occ["passage"] == "Water rights are human rights."
    assert occ["page"].endswith(f"#occurrence-{occ['id']}")
    assert client.get("/api/statements/999999/").status_code == 404


def test_speakers_events_sources_and_occurrences(client, corpus):
    assert "Ana Ruiz" in [s["name"] for s in client.get("/api/speakers/").json()["results"]]
    assert client.get(f"/api/speakers/{corpus['ana'].slug}/").json()["name"] == "Ana Ruiz"
    assert client.get(f"/api/events/{corpus['forum'].slug}/").json()["start_date"] == "2020-07-19"
    source = make_source(text="Plain text of a page.", url="https://example.org/p")
    assert client.get(f"/api/sources/{source.pk}/").json()["text"] == "Plain text of a page."
    listed = client.get("/api/sources/").json()["results"]
    assert "text" not in listed[0]
    water = corpus["water"].pk
    rows = client.get("/api/occurrences/", {"statement": water}).json()["results"]
    assert [r["statement"] for r in rows] == [water]


def test_openapi_schema_and_local_docs(client):
    schema = client.get("/api/schema/").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/statements/" in schema["paths"]
    docs = client.get("/api/docs/").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in docs
    assert "cdn" not in docs.lower()


def test_too_many_requests_get_a_clear_429(client, settings, corpus):
    settings.API_RATE_LIMIT = "3/m"
    codes = [client.get("/api/speakers/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    response = client.get("/api/speakers/")
    assert "Too many requests" in response.json()["detail"]
    assert int(response["Retry-After"]) > 0


def test_api_lists_cost_a_fixed_number_of_queries(client, corpus, django_assert_num_queries):
    for n in range(20):
        make_statement(text=f"Extra statement {n} on the harbour.")
    # the filterset's speaker check is not needed without ?speaker=: one page query
    with django_assert_num_queries(1):
        assert len(client.get("/api/statements/", {"page_size": 20}).json()["results"]) == 20
    # speakers with their aliases: the page, then one prefetch
    with django_assert_num_queries(2):
        client.get("/api/speakers/")
