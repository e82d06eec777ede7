"""Security headers on every kind of page: the policy, and HSTS once it is configured."""

import pytest
from django.urls import reverse

from tests.factories import make_statement

pytestmark = pytest.mark.django_db


def test_every_page_carries_a_policy_without_inline_script(client):
    statement = make_statement(text="We demand justice.")
    for url in (
        reverse("archive:home"),
        reverse("archive:statement-list") + "?q=justice",
        statement.get_absolute_url(),
        statement.occurrences.get().source.get_absolute_url(),
        "/no-such-page/",
        reverse("admin:login"),
    ):
        policy = client.get(url)["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert directives["script-src"] == "'self'", url
        assert "'unsafe-inline'" not in policy, url
        assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"


def test_hsts_is_sent_over_https_once_configured(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    response = client.get(reverse("archive:home"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
