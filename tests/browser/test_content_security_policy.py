"""The Content-Security-Policy stops inline script in a real browser, and no page of ours needs any.

The first test plants an inline script and an inline event handler in a page on its way to the
browser (as a stored payload slipping past escaping would); without the policy they run.
"""

import pytest
from django.contrib.auth.models import User

from tests.factories import make_statement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLANTED = (
    "<script>document.title = 'inline script ran';</script>"
    "<img src='/no-such-image' onerror=\"document.title = 'inline handler ran'\">"
)


def _csp_messages(page) -> list[str]:
    messages: list[str] = []
    page.on(
        "console",
        lambda msg: messages.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    return messages


def test_an_inline_script_planted_in_a_page_never_runs(live_server, page):
    statement = make_statement(text="We demand justice.")
    url = f"{live_server.url}{statement.get_absolute_url()}"

    def plant(route):
        response = route.fetch()
        body = response.text().replace("</main>", PLANTED + "</main>")
        route.fulfill(response=response, body=body)

    page.route(url, plant)
    messages = _csp_messages(page)
    response = page.goto(url)
    page.wait_for_timeout(300)  # let the broken image fire its handler, were it allowed
    assert "ran" not in page.title()
    assert page.title().endswith("Statement Archive")
    assert any("inline" in m for m in messages), messages
    assert "script-src 'self'" in response.headers["content-security-policy"]


def test_public_and_admin_pages_need_nothing_the_policy_forbids(live_server, page):
    statement = make_statement(text="We demand justice.")
    User.objects.create_superuser("boss", password="a-long-admin-password")
    messages = _csp_messages(page)
    source = statement.occurrences.get().source
    for path in (
        "/",
        "/statements/?q=justice",
        statement.get_absolute_url(),
        source.get_absolute_url(),
        "/admin/login/",
    ):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert "default-src 'self'" in response.headers["content-security-policy"]
    page.fill("#id_username", "boss")
    page.fill("#id_password", "a-long-admin-password")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    for path in (
        "/admin/",
        "/admin/archive/statement/",
        f"/admin/archive/statement/{statement.pk}/change/",
    ):
        assert page.goto(live_server.url + path).status == 200, path
        # the admin's theme toggle and sidebar are scripts in files: they must run
        page.wait_for_load_state("load")
    assert page.evaluate("typeof window.django") == "object"  # admin's own scripts loaded
    assert messages == []
