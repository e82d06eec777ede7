"""Read replicas: DATABASE_REPLICA_URLS parsing and which requests the router sends to a replica."""

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import request_finished
from django.db import close_old_connections, router
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import resolve

from archive.models import Statement
from archive.views.methods import read_only
from config import replicas
from config.database import replica_databases

PRIMARY = {"CONN_MAX_AGE": 60, "CONN_HEALTH_CHECKS": True}


def test_each_replica_url_becomes_an_alias_that_keeps_the_primarys_connection_settings():
    databases = replica_databases(
        "postgres://reader@db-2.example.org/archive, postgres://reader@db-3.example.org:6543/archive",
        primary=PRIMARY,
    )
    assert list(databases) == ["replica_1", "replica_2"]
    assert databases["replica_2"]["HOST"] == "db-3.example.org"
    assert databases["replica_2"]["PORT"] == "6543"
    assert databases["replica_1"]["CONN_MAX_AGE"] == 60
    assert databases["replica_1"]["CONN_HEALTH_CHECKS"] is True
    # The test run reuses the primary's test database instead of creating one on a standby.
    assert databases["replica_1"]["TEST"] == {"MIRROR": "default"}


def test_replicas_keep_the_primarys_session_settings_and_add_their_own():
    primary = {**PRIMARY, "OPTIONS": {"options": "-c synchronize_seqscans=off"}}
    databases = replica_databases(
        "postgres://r@db-2/archive?options=-c%20statement_timeout%3D5s&connect_timeout=2",
        primary=primary,
    )
    assert databases["replica_1"]["OPTIONS"] == {
        "options": "-c synchronize_seqscans=off -c statement_timeout=5s",
        "connect_timeout": "2",
    }


def test_a_comma_inside_a_replica_url_is_written_percent_2c():
    # URLs are separated by commas, so a password or option holding one percent-encodes it.
    databases = replica_databases(
        "postgres://reader:a%2Cb@db-2/archive?application_name=web%2C1,postgres://r@db-3/archive",
        primary=PRIMARY,
    )
    assert list(databases) == ["replica_1", "replica_2"]
    assert databases["replica_1"]["PASSWORD"] == "a,b"
    assert databases["replica_1"]["OPTIONS"]["application_name"] == "web,1"


def test_no_replica_urls_means_no_replicas():
    assert replica_databases("", primary=PRIMARY) == {}
    assert replica_databases("  ", primary=PRIMARY) == {}


def test_demo_archive_reads_the_demo_database_on_the_replica_too():
    databases = replica_databases("postgres://r@db-2/archive", primary=PRIMARY, name_suffix="_demo")
    assert databases["replica_1"]["NAME"] == "archive_demo"


@pytest.mark.parametrize(
    ("urls", "message"),
    [
        ("postgres://r@db-2/archive,mysql://r:pw@db-3/archive", r"URL number 2\) must start with"),
        ("postgres://r:s3cret@db-2:54x/archive", r"port that is not a number: .*r:\*\*\*@db-2"),
        ("postgres://r@db-2/archive,", r"URL number 2\) is empty"),
        ("postgres://r:s3cret@db-2", r"names no database"),
    ],
)
def test_a_bad_replica_url_is_refused_with_a_message_that_hides_the_password(urls, message):
    with pytest.raises(ImproperlyConfigured, match=message) as refused:
        replica_databases(urls, primary=PRIMARY)
    assert "s3cret" not in str(refused.value)
    assert "DATABASE_REPLICA_URLS" in str(refused.value)


@read_only
def public_page(request):
    return HttpResponse(router.db_for_read(Statement))


def editor_form(request):
    return HttpResponse(router.db_for_read(Statement))


def serve(request, view) -> str:
    """Pass ``request`` through the middleware to ``view``; the alias its reads went to."""

    def handler(request):
        middleware.process_view(request, view, (), {})
        return view(request)

    middleware = replicas.ReplicaReadsMiddleware(handler)
    response = middleware(request)
    return response.content.decode()


def finish_response() -> None:
    """Send request_finished as a WSGI server does when a response is closed.

    Without closing connections, as Django's test client does: these tests use no database.
    """
    request_finished.disconnect(close_old_connections)
    try:
        request_finished.send(sender=None)
    finally:
        request_finished.connect(close_old_connections)


@pytest.fixture
def one_replica(monkeypatch):
    monkeypatch.setattr(replicas, "replica_aliases", lambda: ["replica_1"])
    monkeypatch.setattr(replicas, "_reachable", lambda alias: True)
    yield
    finish_response()


class Replicas:
    """Two fake replicas: which are down, and every connection attempt made to them."""

    def __init__(self) -> None:
        self.down: set[str] = set()
        self.asked: list[str] = []

    def reachable(self, alias: str) -> bool:
        self.asked.append(alias)
        return alias not in self.down


@pytest.fixture
def two_replicas(monkeypatch):
    fake = Replicas()
    monkeypatch.setattr(replicas, "replica_aliases", lambda: ["replica_1", "replica_2"])
    monkeypatch.setattr(replicas, "_reachable", fake.reachable)
    monkeypatch.setattr(replicas, "_down_until", {})
    yield fake
    finish_response()


def visitor(request):
    request.user = AnonymousUser()
    return request


def test_a_visitors_get_of_a_public_page_reads_from_the_replica(one_replica):
    assert serve(visitor(RequestFactory().get("/statements/")), public_page) == "replica_1"
    assert serve(visitor(RequestFactory().head("/statements/")), public_page) == "replica_1"


def test_staff_and_editors_read_the_primary_so_they_see_their_own_changes(one_replica):
    for user in (User(username="staff", is_staff=True), User(username="editor")):
        request = RequestFactory().get("/statements/")
        request.user = user
        assert serve(request, public_page) == "default"


def test_a_post_reads_and_writes_the_primary(one_replica):
    # The login form is the one page a visitor posts to; its lockout counts live on the primary.
    request = visitor(RequestFactory().post("/admin/login/", {"username": "a"}))
    assert serve(request, editor_form) == "default"
    assert router.db_for_write(Statement) == "default"


def test_visitors_take_the_replicas_in_turn(two_replicas):
    served = {serve(visitor(RequestFactory().get("/")), public_page) for _ in range(4)}
    assert served == {"replica_1", "replica_2"}


def test_a_replica_that_is_down_is_skipped_and_tried_again_later(two_replicas):
    two_replicas.down.add("replica_2")
    served = [serve(visitor(RequestFactory().get("/")), public_page) for _ in range(4)]
    assert served == ["replica_1"] * 4
    # One failed connection, then left alone until RETRY_SECONDS have passed.
    assert two_replicas.asked.count("replica_2") == 1
    two_replicas.down.clear()
    replicas._down_until["replica_2"] = 0.0  # as if RETRY_SECONDS had passed
    served = {serve(visitor(RequestFactory().get("/")), public_page) for _ in range(4)}
    assert served == {"replica_1", "replica_2"}


def test_with_every_replica_down_visitors_read_the_primary(two_replicas):
    two_replicas.down.update({"replica_1", "replica_2"})
    assert serve(visitor(RequestFactory().get("/")), public_page) == "default"


def test_a_visitors_get_of_a_page_not_marked_public_reads_the_primary(one_replica):
    assert serve(visitor(RequestFactory().get("/admin/login/")), editor_form) == "default"


def test_without_replicas_every_read_goes_to_the_primary():
    assert replicas.replica_aliases() == []
    assert serve(visitor(RequestFactory().get("/statements/")), public_page) == "default"


def test_after_the_response_and_outside_requests_reads_go_to_the_primary(one_replica):
    # A streamed export keeps reading the replica until its response is finished.
    middleware = replicas.ReplicaReadsMiddleware(lambda request: HttpResponse())
    middleware.process_view(visitor(RequestFactory().get("/")), public_page, (), {})
    assert router.db_for_read(Statement) == "replica_1"
    finish_response()
    assert router.db_for_read(Statement) == "default"


def test_an_object_read_from_a_replica_is_saved_on_the_primary(one_replica):
    statement = Statement()
    statement._state.db = "replica_1"
    assert router.db_for_write(Statement, instance=statement) == "default"
    primary_one = Statement()
    primary_one._state.db = "default"
    assert router.allow_relation(statement, primary_one) is True


def test_migrations_run_only_on_the_primary():
    assert router.allow_migrate("replica_1", "archive") is False
    assert router.allow_migrate("default", "archive") is True


@pytest.mark.parametrize(
    ("path", "replica_safe"),
    [
        ("/", True),
        ("/statements/", True),
        ("/statements/feed/", True),
        ("/speakers/", True),
        ("/events/", True),
        ("/sources/", True),
        ("/changes/", True),
        ("/sitemap.xml", True),
        ("/api/statements/", True),
        ("/api/docs/", True),
        ("/admin/", False),
        ("/admin/login/", False),
        ("/review/", False),
    ],
)
def test_public_pages_are_marked_for_the_replica_and_editor_pages_are_not(path, replica_safe):
    assert getattr(resolve(path).func, "replica_safe", False) is replica_safe
