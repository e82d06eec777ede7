"""Dates that work: event dates inherited and followed, partial dates, undated as a facet."""

from datetime import date

import pytest
from django.urls import reverse

from archive.dates import date_span
from archive.models import Event, Statement
from tests.factories import make_event, make_statement

URL = reverse("archive:statement-list")


@pytest.mark.parametrize(
    "value, span",
    [
        ("2020", (date(2020, 1, 1), date(2020, 12, 31))),
        ("2020-02", (date(2020, 2, 1), date(2020, 2, 29))),
        ("2020-07-19", (date(2020, 7, 19), date(2020, 7, 19))),
        ("2020-13", None),
        ("July", None),
    ],
)
def test_a_partial_date_names_a_span_of_days(value, span):
    assert date_span(value) == span


@pytest.mark.django_db
def test_a_statement_without_a_date_takes_its_events_and_follows_corrections():
    event = make_event(start_date=date(2020, 7, 19))
    statement = make_statement(event=event, date=None)
    statement.refresh_from_db()
    assert statement.date == date(2020, 7, 19)
    event.start_date = date(2020, 7, 20)
    event.save()
    statement.refresh_from_db()
    assert statement.date == date(2020, 7, 20)


@pytest.mark.django_db
def test_a_statement_with_its_own_date_keeps_it_when_the_event_moves():
    event = make_event(start_date=date(2020, 7, 19))
    statement = make_statement(event=event, date=date(2020, 7, 18))
    Event.objects.filter(pk=event.pk).update(start_date=date(2021, 1, 1))
    statement.refresh_from_db()
    assert statement.date == date(2020, 7, 18)


@pytest.mark.django_db
def test_an_editor_giving_a_date_stops_it_following_the_event():
    event = make_event(start_date=date(2020, 7, 19))
    statement = make_statement(event=event, date=None)
    Statement.objects.filter(pk=statement.pk).update(date=date(2019, 1, 1))
    event.start_date = date(2022, 2, 2)
    event.save()
    statement.refresh_from_db()
    assert statement.date == date(2019, 1, 1)


@pytest.mark.django_db
def test_date_filter_takes_a_year_or_a_month(client):
    july = make_statement(text="Said in July about the harbour.", date=date(2020, 7, 19))
    make_statement(text="Said in August about the harbour.", date=date(2020, 8, 2))
    page = client.get(URL, {"date_from": "2020-07", "date_to": "2020-07"}).content.decode()
    assert july.get_absolute_url() in page
    assert "Said in August" not in page
    page = client.get(URL, {"date_from": "2020", "date_to": "2020"}).content.decode()
    assert "Said in August" in page


@pytest.mark.django_db
def test_undated_is_a_facet_value_you_can_select(client):
    make_statement(text="Dated words about the bridge.", date=date(2020, 7, 19))
    make_statement(text="Undated words about the bridge.", date=None)
    page = client.get(URL).content.decode()
    assert "Undated" in page and "year=undated" in page
    page = client.get(URL, {"year": "undated"}).content.decode()
    assert "Undated words" in page and "Dated words" not in page


@pytest.mark.django_db
def test_undated_events_are_reachable_from_the_event_list(client):
    make_event(name="Meeting with no date", start_date=None)
    make_event(name="Dated meeting", start_date=date(2020, 1, 2))
    page = client.get(reverse("archive:event-list")).content.decode()
    assert "year=undated" in page
    page = client.get(reverse("archive:event-list"), {"year": "undated"}).content.decode()
    assert "Meeting with no date" in page and "Dated meeting" not in page
    assert "Events without a date" in page
