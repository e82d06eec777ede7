"""The statement permalink page /statements/<id>/."""

import json
import re
from datetime import date

import pytest
from django.utils import timezone

from archive.models import Article, Occurrence
from tests.factories import make_event, make_source, make_speaker, make_statement

pytestmark = pytest.mark.django_db

SOURCE_TEXT = (
    "Water Forum report.\n"
    "Íngrid Betancourt, the senator, said: “Water rights are human rights.”\n"
    "Paolo Marchetti replied: “The rights of water users come first.”\n"
    "Helga Brandt closed: “Freedom of the press matters.”\n"
)


@pytest.fixture
def report():
    """One source quoting three speakers in a row at one event, under one headline."""
    source = make_source(text=SOURCE_TEXT, title="Forum report", site="news.example")
    Article.objects.create(
        source=source, position=0, title="Forum ends in a row", start=0, end=len(SOURCE_TEXT)
    )
    forum = make_event(name="Water Forum", kind="conference", start_date=date(2021, 3, 1))
    first = make_statement(
        text="Water rights are human rights.",
        speaker=make_speaker(name="Íngrid Betancourt"),
        event=forum,
        source=source,
        date=date(2021, 3, 2),
    )
    middle = make_statement(
        text="The rights of water users come first.",
        speaker=make_speaker(name="Paolo Marchetti"),
        event=forum,
        source=source,
        date=date(2021, 3, 2),
        kind="indirect",
    )
    last = make_statement(
        text="Freedom of the press matters.",
        speaker=make_speaker(name="Helga Brandt"),
        event=forum,
        source=source,
        date=date(2021, 3, 2),
        review_status="verified",
    )
    Occurrence.objects.filter(statement=middle).update(role="union leader")
    return {"source": source, "event": forum, "first": first, "middle": middle, "last": last}


def test_permalink_shows_text_speaker_event_date_kind_and_status(client, report):
    statement = report["middle"]
    response = client.get(statement.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "The rights of water users come first." in html
    assert f'<a href="{statement.speaker.get_absolute_url()}">Paolo Marchetti</a>' in html
    assert f'<a href="{report["event"].get_absolute_url()}">Water Forum</a>' in html
    assert '<time datetime="2021-03-02">2 March 2021</time>' in html
    assert "Reported speech" in html
    assert "Unreviewed" in html


def test_permalink_lists_each_occurrence_with_role_headline_and_source_link(client, report):
    statement = report["middle"]
    occ = statement.occurrences.get()
    html = client.get(statement.get_absolute_url()).content.decode()
    assert "union leader" in html
    assert "Forum ends in a row" in html
    assert f'href="/sources/{report["source"].pk}/#occurrence-{occ.pk}"' in html
    assert "View in source" in html


def test_permalink_shows_statements_just_before_and_after_in_the_source(client, report):
    html = client.get(report["middle"].get_absolute_url()).content.decode()
    assert "Just before:" in html
    assert f'href="{report["first"].get_absolute_url()}">Íngrid Betancourt:' in html
    assert "Just after:" in html
    assert f'href="{report["last"].get_absolute_url()}">Helga Brandt:' in html

    first = client.get(report["first"].get_absolute_url()).content.decode()
    assert "Just before:" not in first
    assert f'href="{report["middle"].get_absolute_url()}">Paolo Marchetti:' in first


def test_rejected_neighbours_are_skipped(client, report):
    report["middle"].review_status = "rejected"
    report["middle"].save(update_fields=["review_status"])
    html = client.get(report["first"].get_absolute_url()).content.decode()
    assert f'href="{report["last"].get_absolute_url()}">Helga Brandt:' in html
    assert "Paolo Marchetti:" not in html


def test_permalink_offers_citations_with_the_permalink_and_todays_date(client, report):
    statement = report["first"]
    response = client.get(statement.get_absolute_url())
    html = response.content.decode()
    permalink = f"http://testserver/statements/{statement.pk}/"
    today = timezone.localdate()
    assert html.count(permalink) >= 4  # link, plain text, BibTeX, CSL-JSON
    assert f"(accessed {today.day} {today:%B %Y})" in html
    assert f"urldate = {{{today.isoformat()}}}" in html
    csl = json.loads(response.context["citation_csl"])
    assert csl[0]["accessed"] == {"date-parts": [[today.year, today.month, today.day]]}
    assert csl[0]["URL"] == permalink
    assert "@misc{statement" in html


def test_similar_statements_come_from_the_same_speaker_or_event(client, report):
    other_event = make_event(name="Elsewhere")
    by_same_speaker = make_statement(
        text="Water rights again and again.", speaker=report["first"].speaker, event=other_event
    )
    unrelated = make_statement(text="Water rights are human rights!", event=other_event)
    response = client.get(report["first"].get_absolute_url())
    similar = [s.pk for s in response.context["similar"]]
    assert by_same_speaker.pk in similar
    assert report["middle"].pk in similar  # same event
    assert unrelated.pk not in similar
    assert report["first"].pk not in similar


def test_rejected_statement_is_withdrawn_for_visitors_and_labelled_for_editors(
    client, admin_client, report
):
    statement = report["last"]
    statement.review_status = "rejected"
    statement.save(update_fields=["review_status"])
    response = client.get(statement.get_absolute_url())
    assert response.status_code == 410
    html = response.content.decode()
    assert f"Statement {statement.pk} was withdrawn" in html
    assert statement.text not in html
    assert statement.speaker.name not in html
    # ...editors still see it, clearly labelled...
    html = admin_client.get(statement.get_absolute_url()).content.decode()
    assert "Rejected statement." in html
    assert "(rejected)</h1>" in html
    # ...and it is not offered as similar to its neighbours.
    assert statement not in client.get(report["first"].get_absolute_url()).context["similar"]


def test_markup_in_the_statement_is_escaped_on_its_page(client):
    statement = make_statement(text="<script>alert(1)</script> & more")
    html = client.get(statement.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html


def test_unknown_statement_is_not_found(client):
    assert client.get("/statements/999999/").status_code == 404


def test_permalink_query_count_is_fixed(client, report, django_assert_num_queries):
    extra = make_source(text="Paolo Marchetti repeated: The rights of water users come first.")
    Occurrence.objects.create(
        statement=report["middle"],
        source=extra,
        start=extra.text.index("The"),
        end=len(extra.text),
    )
    # statement + occurrences (with neighbour subqueries) + neighbour statements + similar
    # + the data version (the last import)
    # + the corrections line (editors' statement changes, editors' passage changes)
    with django_assert_num_queries(7):
        response = client.get(report["middle"].get_absolute_url())
    assert len(response.context["occurrences"]) == 2


def test_permalink_heading_names_the_speaker_and_date(client):
    speaker = make_speaker(name="Ana Ruiz")
    statement = make_statement(speaker=speaker, text="The dam stays open.", date=date(2020, 7, 19))
    html = client.get(statement.get_absolute_url()).content.decode()
    assert re.search(
        r'<h1 id="statement-heading">Ana Ruiz, <time[^>]*>19 July 2020</time></h1>', html
    )


def test_permalink_shows_each_sources_own_wording_when_it_differs(client):
    statement = make_statement(text="The river belongs to everyone who lives by it.")
    other = make_source(text="She said: The river belongs to all who live by it.")
    Occurrence.objects.create(
        statement=statement, source=other, start=other.text.index("The"), end=len(other.text)
    )
    html = client.get(statement.get_absolute_url()).content.decode()
    assert "This source’s own words" in html
    assert "The river belongs to all who live by it." in html
    assert html.count("This source’s own words") == 1  # the first sighting matches the text


def test_reported_speech_is_never_wrapped_in_quotation_marks(client):
    source = make_source(text="Ana Ruiz said the dam would stay open. Later: We will not move.")
    speaker = make_speaker(name="Ana Ruiz")
    reported = make_statement(
        speaker=speaker, kind="indirect", text="the dam would stay open", source=source
    )
    direct = make_statement(speaker=speaker, text="We will not move.", source=source)
    for page in (reported, direct):
        html = client.get(page.get_absolute_url()).content.decode()
        assert "“the dam would stay open" not in html
    html = client.get(reported.get_absolute_url()).content.decode()
    assert "Reported speech:" in html
    assert 'class="reported' in html
    assert "“We will not move.”" in client.get(reported.get_absolute_url()).content.decode()


def test_permalink_carries_schema_org_quotation(client):
    statement = make_statement(text="Bridges </script> join towns.")
    html = client.get(statement.get_absolute_url()).content.decode()
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    data = json.loads(html[start : html.index("</script>", start)])
    assert data["@type"] == "Quotation"
    assert data["text"] == "Bridges </script> join towns."
    assert data["creator"]["name"] == statement.speaker.name
