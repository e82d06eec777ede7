"""Every public page is read-only: GET and HEAD serve it, OPTIONS lists them, the rest is 405."""

import pytest
from django.urls import reverse

from tests.factories import make_event, make_statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_urls():
    event = make_event(name="A conference")
    statement = make_statement(text="We demand justice.", event=event)
    source = statement.occurrences.get().source
    return [
        reverse("archive:home"),
        reverse("archive:statement-list"),
        reverse("archive:statement-list") + "?format=csv",
        reverse("archive:statement-detail", args=[statement.pk]),
        reverse("archive:speaker-list"),
        reverse("archive:speaker-detail", args=[statement.speaker.slug]),
        reverse("archive:event-list"),
        reverse("archive:event-detail", args=[event.slug]),
        reverse("archive:source-list"),
        reverse("archive:source-detail", args=[source.pk]),
        reverse("archive:robots"),
        reverse("archive:statement-feed") + "?q=justice",
        reverse("archive:speaker-feed", args=[statement.speaker.slug]),
        reverse("archive:event-feed", args=[event.slug]),
        reverse("archive:changes"),
        reverse("archive:changes-feed"),
        reverse("sitemap"),
    ]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writing_methods_are_refused_with_405_on_every_public_page(client, public_urls, method):
    for url in public_urls:
        response = getattr(client, method)(url, data={"q": "x"})
        assert response.status_code == 405, url
        assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_read_methods_serve_every_public_page(client, public_urls):
    for url in public_urls:
        assert client.get(url).status_code == 200, url
        head = client.head(url)
        body = b"".join(head.streaming_content) if head.streaming else head.content
        assert head.status_code == 200 and body == b"", url
        options = client.options(url)
        assert options.status_code == 204 and options["Allow"] == "GET, HEAD, OPTIONS", url
