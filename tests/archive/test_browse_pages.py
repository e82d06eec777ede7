"""Home, speaker, event and source pages: what a visitor sees, and what each page costs."""

from datetime import date

import pytest
from django.test import override_settings
from django.urls import reverse

from archive.models import Article, Occurrence, ReviewStatus, Source, Statement
from archive.views import browse
from ingest.records import resolve_speaker
from ingest.types import ParsedSpeaker
from tests.factories import make_event, make_source, make_speaker, make_statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    """Two events, three speakers, two sources; one rejected statement that must stay hidden."""
    robertson = make_speaker(
        name="Geoffrey Robertson",
        aliases=("Geoffrey Robertson QC",),
        description="Human rights lawyer",
        slug="geoffrey-robertson",
    )
    betancourt = make_speaker(name="Íngrid Betancourt", slug="ingrid-betancourt")
    amnesty = make_speaker(name="Amnesty International", kind="organization", slug="amnesty")
    summit = make_event(
        name="Free Iran Summit",
        slug="free-iran-summit",
        kind="conference",
        start_date=date(2020, 7, 19),
        end_date=date(2020, 7, 20),
        location="Ashraf 3, Albania",
        description="An online conference.",
    )
    rally = make_event(
        name="Rally in Paris", slug="rally-in-paris", kind="rally", start_date=date(2018, 6, 30)
    )
    text = (
        "Summit report\n\n"
        "Geoffrey Robertson QC said: “Justice delayed is justice denied.”\n"
        "Íngrid Betancourt said: “We will not forget the victims.”\n"
        "Robertson added that the massacre was a crime against humanity.\n"
    )
    report = make_source(text=text, title="Summit report", file_name="summit.txt")
    Article.objects.create(
        source=report, position=0, title="Summit report", start=0, end=len(text), event=summit
    )
    s1 = make_statement(
        text="Justice delayed is justice denied.",
        speaker=robertson,
        event=summit,
        source=report,
        date=date(2020, 7, 19),
    )
    s1.occurrences.update(role="Barrister")
    s2 = make_statement(
        text="We will not forget the victims.",
        speaker=betancourt,
        event=summit,
        source=report,
        date=date(2020, 7, 19),
    )
    s3 = make_statement(
        text="the massacre was a crime against humanity",
        speaker=robertson,
        event=summit,
        source=report,
        kind="indirect",
        date=date(2020, 7, 19),
    )
    s4 = make_statement(
        text="Release the prisoners now.",
        speaker=amnesty,
        event=rally,
        date=date(2018, 6, 30),
    )
    hidden = make_statement(
        text="A line an editor rejected.",
        speaker=robertson,
        event=rally,
        date=date(2018, 6, 30),
        review_status=ReviewStatus.REJECTED,
    )
    return {
        "robertson": robertson,
        "betancourt": betancourt,
        "amnesty": amnesty,
        "summit": summit,
        "rally": rally,
        "report": report,
        "statements": [s1, s2, s3, s4],
        "hidden": hidden,
    }


def text_of(response) -> str:
    return response.content.decode()


# -- Home ------------------------------------------------------------------------------------


def test_home_shows_counts_latest_events_and_recent_statements(client, archive):
    response = client.get(reverse("archive:home"))
    assert response.status_code == 200
    page = text_of(response)
    assert "4</span> statements" in page  # the rejected one is not counted
    assert "3</span> speakers" in page
    assert "2</span> events" in page
    assert page.index("Free Iran Summit") < page.index("Rally in Paris")  # newest event first
    assert "Justice delayed is justice denied." in page
    assert "A line an editor rejected." not in page
    assert 'action="/statements/"' in page


def test_home_works_on_an_empty_archive(client):
    response = client.get(reverse("archive:home"))
    assert response.status_code == 200
    assert "No events yet" in text_of(response)


def test_home_query_count(client, archive, django_assert_num_queries):
    # Four counts, latest events, recent statements.
    with django_assert_num_queries(6):
        assert client.get(reverse("archive:home")).status_code == 200


# -- Speakers ----------------------------------------------------------------------------------


def test_speaker_list_is_a_to_z_ignoring_accents_with_public_counts(client, archive):
    page = text_of(client.get(reverse("archive:speaker-list")))
    page = page[page.index('class="letter-group"') :]
    names = ["Amnesty International", "Geoffrey Robertson", "Íngrid Betancourt"]
    positions = [page.index(name) for name in names]
    assert positions == sorted(positions)
    assert 'id="letter-I"' in page  # Íngrid files under I
    # Robertson has three statements, one of them rejected.
    robertson_row = page[page.index("Geoffrey Robertson") :]
    assert "2 statements" in robertson_row[: robertson_row.index("</li>")]


def test_speaker_letter_links_point_at_the_page_the_letter_starts_on(client, archive):
    for i in range(6):
        make_speaker(name=f"Baker {i:02}")
    with override_settings(ARCHIVE_PAGE_SIZE=1):  # 4 speakers per page
        page = text_of(client.get(reverse("archive:speaker-list")))
        second = text_of(client.get(reverse("archive:speaker-list"), {"page": 2}))
    assert 'href="?page=1#letter-A"' in page
    assert 'href="?page=1#letter-B"' in page
    assert 'href="?page=2#letter-G"' in page  # A, 6 x B, then G is the 8th name
    assert 'href="?page=3#letter-I"' in page
    assert "letter-nav__empty" in page  # letters without speakers are not links
    assert 'id="letter-B"' in second  # a letter running over a page is headed again


@pytest.mark.parametrize("typed", ["geofrey robertsen", "ROBERTSON", "robertson qc", "Geoffrey"])
def test_speaker_name_box_finds_misspelled_names(client, archive, typed):
    response = client.get(reverse("archive:speaker-list"), {"q": typed})
    assert response.status_code == 200
    page = text_of(response)
    assert 'href="/speakers/geoffrey-robertson/"' in page
    assert "Amnesty International" not in page


def test_speaker_name_box_matches_without_accents(client, archive):
    page = text_of(client.get(reverse("archive:speaker-list"), {"q": "ingrid betancur"}))
    assert "Íngrid Betancourt" in page


@pytest.mark.parametrize("typed", ["Søren Łaski", "soren laski", "SØREN"])
def test_speaker_name_box_finds_an_imported_name_with_letters_that_do_not_decompose(client, typed):
    # ø and ł have no accent to strip: ingest and the search box must fold them alike
    resolve_speaker(ParsedSpeaker(key="s1", name="Søren Łaski"))
    page = text_of(client.get(reverse("archive:speaker-list"), {"q": typed}))
    assert "Søren Łaski" in page


def test_speaker_name_box_says_so_when_nothing_matches(client, archive):
    page = text_of(client.get(reverse("archive:speaker-list"), {"q": "zzzzqqq"}))
    assert "No speaker has a name like “zzzzqqq”" in page
    assert "/statements/?q=zzzzqqq" in page


def test_speaker_list_query_count(client, archive, django_assert_num_queries):
    # Letter counts, the paginator's count, the page.
    with django_assert_num_queries(3):
        assert client.get(reverse("archive:speaker-list")).status_code == 200


def test_speaker_search_query_count(client, archive, django_assert_num_queries):
    with django_assert_num_queries(2):
        response = client.get(reverse("archive:speaker-list"), {"q": "geofrey robertsen"})
    assert response.status_code == 200


def test_speaker_page_shows_names_roles_statements_by_event_and_timeline(client, archive):
    response = client.get(archive["robertson"].get_absolute_url())
    assert response.status_code == 200
    page = text_of(response)
    assert "Human rights lawyer" in page
    assert "Geoffrey Robertson QC" in page  # an alias
    assert "Barrister" in page  # the role the source gives
    assert "according to" in page and "Summit report" in page
    assert "Justice delayed is justice denied." in page
    assert "the massacre was a crime against humanity" in page
    assert "A line an editor rejected." not in page
    # The search within this speaker's statements.
    assert 'action="/statements/"' in page
    assert 'name="speaker" value="geoffrey-robertson"' in page
    # Timeline: an SVG with a text alternative.
    assert "<svg" in page and 'role="img"' in page
    assert "2 dated statements in July 2020" in page


def test_speaker_page_groups_statements_under_events_newest_first(client, archive):
    amnesty = archive["amnesty"]
    make_statement(
        text="Stop the executions.",
        speaker=amnesty,
        event=archive["summit"],
        date=date(2020, 7, 19),
    )
    page = text_of(client.get(amnesty.get_absolute_url()))
    assert page.index("Free Iran Summit") < page.index("Stop the executions.")
    assert page.index("Stop the executions.") < page.index("Rally in Paris")
    assert page.index("Rally in Paris") < page.index("Release the prisoners now.")


def test_speaker_page_query_count(client, archive, django_assert_num_queries):
    # Speaker, aliases, paginator count, page of statements, roles, timeline.
    with django_assert_num_queries(6):
        assert client.get(archive["robertson"].get_absolute_url()).status_code == 200


# -- Events ------------------------------------------------------------------------------------


def test_event_list_is_newest_first_with_year_and_kind_links(client, archive):
    page = text_of(client.get(reverse("archive:event-list")))
    assert page.index("Free Iran Summit") < page.index("Rally in Paris")
    assert 'href="?year=2020"' in page
    assert 'href="?year=2018"' in page
    assert 'href="?kind=rally"' in page
    assert "19 July 2020" in page and "20 July 2020" in page
    assert "3 statements by 2 speakers" in page


def test_event_list_filters_by_year_and_kind(client, archive):
    page = text_of(client.get(reverse("archive:event-list"), {"year": "2018"}))
    assert "Rally in Paris" in page and "Free Iran Summit" not in page
    page = text_of(client.get(reverse("archive:event-list"), {"kind": "conference"}))
    assert "Free Iran Summit" in page and "Rally in Paris" not in page
    page = text_of(client.get(reverse("archive:event-list"), {"year": "2018", "kind": "rally"}))
    assert "1 event," in page
    # The chosen year links back to the list without it.
    assert 'href="?kind=rally"' in page


def test_event_list_year_without_events_is_an_empty_list(client, archive):
    response = client.get(reverse("archive:event-list"), {"year": "1850"})
    assert response.status_code == 200
    assert "No events match" in text_of(response)


@pytest.mark.parametrize(
    "params",
    [{"year": "abc"}, {"year": "-5"}, {"year": "99999"}, {"kind": "picnic"}, {"year": "20.5"}],
)
def test_event_list_bad_filter_is_a_friendly_400(client, archive, params):
    response = client.get(reverse("archive:event-list"), params)
    assert response.status_code == 400
    page = text_of(response)
    assert "These events could not be listed" in page
    assert 'href="?year=2020"' in page  # the valid choices are still offered


def test_event_list_query_count(client, archive, django_assert_num_queries):
    # Year counts, kind counts, paginator count, page.
    with django_assert_num_queries(4):
        assert client.get(reverse("archive:event-list")).status_code == 200
    with django_assert_num_queries(4):
        response = client.get(reverse("archive:event-list"), {"year": "2020", "kind": "conference"})
    assert response.status_code == 200


def test_event_page_shows_details_speakers_statements_in_source_order_and_reports(client, archive):
    response = client.get(archive["summit"].get_absolute_url())
    assert response.status_code == 200
    page = text_of(response)
    assert "Ashraf 3, Albania" in page
    assert "An online conference." in page
    assert "Conference" in page
    # Speakers with their counts, most first.
    assert page.index('href="/speakers/geoffrey-robertson/"') < page.index(
        'href="/speakers/ingrid-betancourt/"'
    )
    # Statements in the order the source gives them.
    said = page[page.index("What was said") :]
    order = [
        "Justice delayed is justice denied.",
        "We will not forget the victims.",
        "the massacre was a crime against humanity",
    ]
    assert [said.index(t) for t in order] == sorted(said.index(t) for t in order)
    occurrence = Occurrence.objects.get(statement=archive["statements"][0])
    assert f'href="/sources/{archive["report"].pk}/#occurrence-{occurrence.pk}"' in page
    # The post that reports the event.
    article = archive["report"].articles.get()
    assert f'href="/sources/{archive["report"].pk}/#post-{article.pk}"' in page


def test_event_page_leaves_out_rejected_statements(client, archive):
    page = text_of(client.get(archive["rally"].get_absolute_url()))
    assert "Release the prisoners now." in page
    assert "A line an editor rejected." not in page


def test_event_page_query_count(client, archive, django_assert_num_queries):
    # Event, one keyset page of passages (with statements, speakers, sources), speakers,
    # posts, the event's statement tally.
    with django_assert_num_queries(5):
        assert client.get(archive["summit"].get_absolute_url()).status_code == 200


def test_event_page_says_how_many_public_statements_it_holds(client, archive):
    assert "1 public statement," in text_of(client.get(archive["rally"].get_absolute_url()))


def test_event_page_walks_its_passages_by_keyset_pages(client, archive, monkeypatch):
    monkeypatch.setattr(browse, "EVENT_PASSAGES_PER_PAGE", 1)
    url = archive["summit"].get_absolute_url()
    seen, response = [], client.get(url)
    while True:
        page = response.context["page_obj"]
        assert len(page.object_list) == 1
        seen.append(page.object_list[0].pk)
        if not page.next_cursor:
            break
        assert f'href="?after={page.next_cursor}"' in text_of(response)
        response = client.get(url, {"after": page.next_cursor})
    expected = Occurrence.objects.filter(statement__event=archive["summit"]).order_by(
        "source_id", "start", "pk"
    )
    assert seen == [o.pk for o in expected.exclude(statement__review_status="rejected")]
    # ...and back again from the last page.
    back = client.get(url, {"before": response.context["page_obj"].previous_cursor})
    assert [o.pk for o in back.context["page_obj"].object_list] == seen[-2:-1]


@pytest.mark.parametrize(
    "params", [{"after": "x"}, {"after": "1.2"}, {"before": "1.2.3.4"}, {"after": "1;drop"}]
)
def test_event_page_refuses_a_cursor_that_is_not_one_with_a_404(client, archive, params):
    assert client.get(archive["summit"].get_absolute_url(), params).status_code == 404


def test_passages_follow_their_statement_to_another_event(archive):
    statement = archive["statements"][0]
    Statement.objects.filter(pk=statement.pk).update(event=archive["rally"])
    assert set(statement.occurrences.values_list("event", flat=True)) == {archive["rally"].pk}
    Statement.objects.filter(pk=statement.pk).update(event=None)
    assert set(statement.occurrences.values_list("event", flat=True)) == {None}


def test_a_new_passage_takes_its_statements_event_whatever_the_writer_says(archive):
    statement = archive["statements"][0]
    occurrence = statement.occurrences.first()
    occurrence.event = archive["rally"]
    occurrence.save()
    occurrence.refresh_from_db()
    assert occurrence.event == statement.event


# -- Sources -----------------------------------------------------------------------------------


def test_source_list_shows_file_title_import_time_and_counts(client, archive):
    page = text_of(client.get(reverse("archive:source-list")))
    assert "summit.txt" in page
    assert "Summit report" in page
    row = page[page.index("summit.txt") :]
    row = row[: row.index("</tr>")]
    cells = [c.split(">")[-1] for c in row.split("</td>")[1:-1]]
    assert cells == ["1", "3", "3"]  # posts, statements, passages


def test_source_list_marks_superseded_versions(client, archive):
    old = make_source(text="Old text.", file_name="summit.txt", superseded_by=archive["report"])
    page = text_of(client.get(reverse("archive:source-list")))
    assert "later import" in page
    assert old.get_absolute_url() in page


def test_source_list_query_count(client, archive, django_assert_num_queries):
    with django_assert_num_queries(2):
        assert client.get(reverse("archive:source-list")).status_code == 200


def test_source_page_shows_provenance_posts_and_marked_text(client, archive):
    report = archive["report"]
    old = make_source(text="Old text.", file_name="summit.txt", superseded_by=report)
    response = client.get(report.get_absolute_url())
    assert response.status_code == 200
    page = text_of(response)
    assert report.sha256 in page
    assert "utf-8" in page
    assert old.get_absolute_url() in page  # earlier version
    article = report.articles.get()
    assert f'id="post-{article.pk}"' in page
    assert f'href="#post-{article.pk}"' in page
    for occurrence in report.occurrences.select_related("statement"):
        assert (
            f'<mark class="passage passage--{occurrence.statement.kind}" '
            f'id="occurrence-{occurrence.pk}">{occurrence.passage}</mark>'
        ) in page
        assert f'href="/statements/{occurrence.statement_id}/"' in page


def test_superseded_source_page_links_to_the_later_version(client, archive):
    old = make_source(text="Old text.", file_name="summit.txt", superseded_by=archive["report"])
    page = text_of(client.get(old.get_absolute_url()))
    assert "An earlier import" in page
    assert archive["report"].get_absolute_url() in page


def test_source_text_is_escaped_never_markup(client):
    text = 'Intro <script>alert("x")</script> & <b>bold</b>: “<i>quoted</i>”'
    source = make_source(text=text)
    make_statement(text="<i>quoted</i>", source=source)
    page = text_of(client.get(source.get_absolute_url()))
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page
    assert "&lt;i&gt;quoted&lt;/i&gt;</mark>" in page


def test_source_page_keeps_overlapping_passages_well_formed(client):
    text = "Alpha beta gamma delta epsilon."
    source = make_source(text=text)
    make_statement(text="Alpha beta gamma", source=source)
    make_statement(text="gamma delta epsilon", source=source)
    page = text_of(client.get(source.get_absolute_url()))
    body = page[page.index('<pre class="source-text"') : page.index("</pre>")]
    assert body.count("<mark") == body.count("</mark>") == 3  # one passage split in two
    assert "passage--continued" in body
    # The split passage lights up whole when targeted (static/js/archive.js): no inline style,
    # which the Content Security Policy would block.
    assert "passage-part-" in page and "<style" not in page


def test_source_page_query_count(client, archive, django_assert_num_queries):
    # Source (with run and later version), earlier versions, posts, passages.
    with django_assert_num_queries(4):
        assert client.get(archive["report"].get_absolute_url()).status_code == 200


# -- Pagination --------------------------------------------------------------------------------


@override_settings(ARCHIVE_PAGE_SIZE=1)
def test_lists_paginate_and_keep_their_filters(client, archive):
    make_event(name="Second conference", kind="conference", start_date=date(2019, 1, 1))
    page = text_of(client.get(reverse("archive:event-list"), {"kind": "conference"}))
    assert 'href="?kind=conference&amp;page=2"' in page
    assert "Page 1 of 2" in page
    page = text_of(client.get(reverse("archive:event-list"), {"kind": "conference", "page": 2}))
    assert "Second conference" in page
    assert 'href="?kind=conference&amp;page=1"' in page


def test_source_list_paginates(client, archive):
    make_source(text="Last one", file_name="zz-last.txt")
    assert Source.objects.count() == 4
    with override_settings(ARCHIVE_PAGE_SIZE=3):
        assert "Page 1 of 2" in text_of(client.get(reverse("archive:source-list")))
        second = text_of(client.get(reverse("archive:source-list"), {"page": 2}))
    assert "zz-last.txt" in second


def test_source_page_starts_at_the_post_with_site_menus_folded_away(client):
    text = "Home | News | About\nSubscribe\n\nHarbour Vote\n\nAna Ruiz said: We keep the harbour."
    source = make_source(text=text)
    Article.objects.create(
        source=source,
        position=0,
        title="Harbour Vote",
        start=text.index("Harbour Vote"),
        end=len(text),
    )
    statement = make_statement(text="We keep the harbour.", source=source)
    page = client.get(source.get_absolute_url()).content.decode()
    chrome = page.index('<details class="source-chrome">')
    assert page.index("Home | News | About") > chrome  # inside the folded part
    body = page.index('<pre class="source-text" aria-labelledby')
    assert "Home | News" not in page[body:]
    assert f'href="{statement.get_absolute_url()}"' in page[body:]  # each passage links back
