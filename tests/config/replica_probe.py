"""Run by test_streaming_replica in a process of its own, with the project's real settings.

DATABASE_URL points at a throwaway primary, DATABASE_REPLICA_URLS at its streaming standby
(replica_1) and at a socket where no server listens (replica_2).
The probe writes a statement on the primary, waits until the standby has replayed it, makes
a visitor's, a staff user's and a POST request with Django's test client, and prints one
JSON object saying which server answered each; the test asserts on it.
"""

import json
import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.db import DatabaseError, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from archive.models import Speaker  # noqa: E402
from config import replicas  # noqa: E402
from tests.factories import make_statement  # noqa: E402

REPLICA = "replica_1"


def scalar(alias: str, sql: str, params: tuple = ()):
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def wait_for_replay(timeout: float = 15.0) -> float:
    """Seconds until the replica has replayed everything the primary has written so far."""
    start = time.monotonic()
    target = scalar("default", "SELECT pg_current_wal_lsn()::text")
    while not scalar(REPLICA, "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (target,)):
        if time.monotonic() - start > timeout:
            raise SystemExit(f"the replica did not replay up to {target} in {timeout} s")
        time.sleep(0.05)
    return time.monotonic() - start


def served(client: Client, method: str, path: str, **data) -> dict:
    """Make one request; its status and how many queries each server answered."""
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as replica,
    ):
        response = getattr(client, method)(path, data)
        # A streamed export reads while it is sent: consume it inside the capture.
        body = b"".join(response) if response.streaming else response.content
    return {
        "status": response.status_code,
        "text": body.decode(errors="replace"),
        "primary_queries": len(primary),
        "replica_queries": len(replica),
    }


def main() -> None:
    setup_test_environment()
    seen = {
        "primary_in_recovery": scalar("default", "SELECT pg_is_in_recovery()"),
        "replica_in_recovery": scalar(REPLICA, "SELECT pg_is_in_recovery()"),
    }
    statement = make_statement(text="Replicated words travel to the standby.")
    seen["replay_seconds"] = round(wait_for_replay(), 3)
    page = statement.get_absolute_url()

    seen["visitor_get"] = served(Client(), "get", page)
    seen["visitor_export"] = served(Client(), "get", "/statements/", format="csv")
    seen["visitor_search"] = served(Client(), "get", "/statements/", q="replicated")
    seen["visitor_landing"] = served(Client(), "get", "/statements/")
    seen["visitor_api"] = served(Client(), "get", f"/api/statements/{statement.pk}/")

    staff = Client()
    staff.force_login(User.objects.create_user("replica-staff", is_staff=True))
    seen["staff_get"] = served(staff, "get", page)

    # The one form a visitor posts: a (wrong) login, counted by django-axes on the primary.
    seen["visitor_post"] = served(
        Client(), "post", "/admin/login/", username="nobody", password="wrong"
    )

    # An object read from the replica is saved on the primary ...
    speaker = Speaker.objects.using(REPLICA).get(pk=statement.speaker_id)
    speaker.description = "Saved through an object read from the replica."
    speaker.save(update_fields=["description"])
    seen["saved_on_primary"] = Speaker.objects.using("default").get(pk=speaker.pk).description
    # ... and a write sent to the replica by mistake fails loudly instead of vanishing.
    try:
        Speaker.objects.using(REPLICA).filter(pk=speaker.pk).update(description="lost")
        seen["replica_write_error"] = None
    except DatabaseError as exc:
        seen["replica_write_error"] = str(exc)
    seen["down_replicas"] = sorted(replicas._down_until)
    json.dump(seen, sys.stdout)


if __name__ == "__main__":
    main()
