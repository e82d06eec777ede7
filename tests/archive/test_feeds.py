"""Atom feeds for searches, speakers and events; sitemap.xml, robots.txt and the favicon."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.factories import make_event, make_speaker, make_statement

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def parse_atom(response) -> ET.Element:
    """The feed's root, after checking what Atom (RFC 4287) requires of it and its entries."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # well-formed XML or this raises
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}") is not None, required
    for entry in root.findall(f"{ATOM}entry"):
        for required in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{required}") or "").strip(), required
        assert entry.find(f"{ATOM}link").get("href").startswith("http")
        assert entry.find(f"{ATOM}author/{ATOM}name") is not None
    return root


def titles(root) -> list[str]:
    return [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")]


def test_a_search_feed_has_the_searchs_statements(client):
    ana = make_speaker(name="Ana Ruiz")
    make_statement(speaker=ana, text="The harbour must stay public.")
    make_statement(text="The bridge opens in spring.")
    root = parse_atom(client.get(reverse("archive:statement-feed"), {"q": "harbour"}))
    assert titles(root) == ["Ana Ruiz: “The harbour must stay public.”"]
    assert "harbour" in root.findtext(f"{ATOM}title")


def test_a_feed_of_reported_speech_does_not_quote_it(client):
    ana = make_speaker(name="Ana Ruiz")
    make_statement(speaker=ana, kind="indirect", text="the harbour would stay public")
    root = parse_atom(client.get(reverse("archive:speaker-feed", args=[ana.slug])))
    assert titles(root) == ["Ana Ruiz: the harbour would stay public"]


def test_event_feed_and_speaker_feed_validate_as_atom(client):
    event = make_event(name="Harbour Forum")
    make_statement(event=event, text="Words at the forum.")
    root = parse_atom(client.get(reverse("archive:event-feed", args=[event.slug])))
    assert len(titles(root)) == 1
    assert client.get(reverse("archive:event-feed", args=["no-such-event"])).status_code == 404


def test_a_feed_with_a_bad_filter_is_a_400(client):
    response = client.get(reverse("archive:statement-feed"), {"date_from": "soon"})
    assert response.status_code == 400


def test_sitemap_lists_public_statements_only(client):
    shown = make_statement(text="Shown in the sitemap.")
    hidden = make_statement(text="Rejected one.", review_status="rejected")
    body = client.get("/sitemap.xml").content.decode()
    assert shown.get_absolute_url() in body
    assert f"/statements/{hidden.pk}/<" not in body


def test_robots_and_favicon_are_not_404s(client, settings):
    settings.ARCHIVE_DEMO = False
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots
    assert client.get("/favicon.ico").status_code == 301


def test_pages_carry_a_canonical_link(client):
    statement = make_statement()
    html = client.get(statement.get_absolute_url(), {"utm": "x"}).content.decode()
    assert f'<link rel="canonical" href="http://testserver{statement.get_absolute_url()}">' in html
