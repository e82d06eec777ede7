"""Bad input gives a 404 or a friendly message, never a server error; the error pages."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from archive.views import server_error
from tests.factories import make_event, make_source, make_speaker, make_statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def some_data():
    speaker = make_speaker(name="Jane Doe")
    event = make_event(name="A conference")
    make_statement(text="We demand justice.", speaker=speaker, event=event)
    return {"speaker": speaker, "event": event}


@pytest.mark.parametrize(
    "path",
    [
        "/speakers/nobody/",
        "/events/never-happened/",
        "/sources/999999/",
        "/sources/99999999999999999999999/",  # past the bigint range
        "/sources/abc/",
        "/speakers/not a slug/",
        "/no-such-page/",
    ],
)
def test_unknown_things_are_404_with_a_helpful_page(client, some_data, path):
    response = client.get(path)
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page
    assert 'href="/statements/"' in page  # ways on from the 404 page
    assert 'class="skip-link"' in page  # the site's own layout, not Django's


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99", "2.5", "1e9", "９"])
@pytest.mark.parametrize(
    "url_name", ["archive:speaker-list", "archive:event-list", "archive:source-list"]
)
def test_bad_page_numbers_are_404(client, some_data, url_name, page):
    response = client.get(reverse(url_name), {"page": page})
    assert response.status_code == 404


@pytest.mark.parametrize("page", ["abc", "99"])
def test_bad_page_numbers_on_a_speaker_page_are_404(client, some_data, page):
    response = client.get(some_data["speaker"].get_absolute_url(), {"page": page})
    assert response.status_code == 404


def test_page_one_of_an_empty_list_is_fine(client):
    for url_name in ("archive:speaker-list", "archive:event-list", "archive:source-list"):
        assert client.get(reverse(url_name), {"page": "1"}).status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"year": "abc"},
        {"year": "0"},
        {"year": "１９８８"},
        {"year": "2020", "kind": "<script>"},
        {"year": "9" * 400},
    ],
)
def test_bad_event_filters_explain_themselves(client, some_data, params):
    response = client.get(reverse("archive:event-list"), params)
    assert response.status_code == 400
    page = response.content.decode()
    assert "could not be listed" in page
    assert "<script>" not in page


@pytest.mark.parametrize("q", ["", "   ", "%", "_", "'", "\\", "a" * 5000, "<b>x</b>", "\x00"])
def test_odd_speaker_names_never_break_the_name_box(client, some_data, q):
    response = client.get(reverse("archive:speaker-list"), {"q": q})
    assert response.status_code in (200, 400)
    assert "<b>x</b>" not in response.content.decode()


def test_server_error_page_needs_no_database_or_context(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong on our side" in page
    assert 'lang="en"' in page


def test_an_exception_in_a_view_shows_the_500_page(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("archive.views.browse.render", broken)
    client.raise_request_exception = False
    response = client.get(reverse("archive:home"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_source_text_with_odd_characters_renders(client):
    text = "Nul-free but odd: \u200b\ufeff\U0001f600 “quotes” \r\n tabs\tand <tags>"
    source = make_source(text=text)
    response = client.get(source.get_absolute_url())
    assert response.status_code == 200
    assert "&lt;tags&gt;" in response.content.decode()
