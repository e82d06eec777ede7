"""Settings read the environment strictly and parse DATABASE_URL."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.database import parse_database_url
from config.settings import env_bool, env_int


def test_env_bool_accepts_clear_values_and_refuses_others(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    assert env_bool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "0")
    assert env_bool("FLAG", True) is False
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG must be true or false"):
        env_bool("FLAG", False)


def test_env_int_refuses_words(monkeypatch):
    monkeypatch.setenv("SIZE", "ten")
    with pytest.raises(ImproperlyConfigured, match="SIZE must be a whole number"):
        env_int("SIZE", 1)


def test_env_int_refuses_a_value_below_its_minimum(monkeypatch):
    # ARCHIVE_PAGE_SIZE=0 would otherwise make every list page a server error.
    monkeypatch.setenv("SIZE", "0")
    with pytest.raises(ImproperlyConfigured, match="SIZE must be at least 1"):
        env_int("SIZE", 25, minimum=1)


def test_database_url_with_host_and_port():
    db = parse_database_url("postgres://archivist:s%40cret@db.example.org:6543/archive")
    assert (db["USER"], db["PASSWORD"], db["HOST"], db["PORT"], db["NAME"]) == (
        "archivist",
        "s@cret",
        "db.example.org",
        "6543",
        "archive",
    )


def test_database_url_with_a_unix_socket_folder():
    db = parse_database_url("postgresql://postgres:@/archive?host=/tmp/sock&sslmode=disable")
    assert db["HOST"] == "/tmp/sock"
    assert db["OPTIONS"] == {"sslmode": "disable"}


def test_database_url_of_another_kind_is_refused():
    with pytest.raises(ImproperlyConfigured, match="postgres://"):
        parse_database_url("sqlite:///db.sqlite3")
