"""Read replicas: a visitor's public page reads from a replica, everything else from the primary.

The rule is made in one place, per request, by ``ReplicaReadsMiddleware``: a GET or HEAD of a
view that only reads public data (``archive.views.methods.read_only`` marks them with
``replica_safe``), by a visitor who is not logged in, may read from a replica. The middleware
picks one reachable replica, in turn, for the whole request (so one page never mixes two
replicas' lag; with none reachable, the primary) and ``ReplicaRouter`` sends that request's
reads there. Everything else reads the primary: editors and staff (who must see their own
change on the next page), the admin, the review queue, logins, every POST, management
commands and ingest (they never pass through the middleware).
Every write goes to the primary, even of an object that was read from a replica.

Visitors who are not logged in never write: the only anonymous POST is a login, which is not a
public read-only view and so reads and writes the primary (django-axes' attempts included).
The session is loaded before the choice is made (``request.user``), so it comes from the primary.
"""

import contextvars
import itertools
import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.core.signals import request_finished
from django.db import DatabaseError, connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

from config.database import REPLICA_PREFIX

# The replica this request reads from, or None: the primary.
_replica: contextvars.ContextVar[str | None] = contextvars.ContextVar("replica", default=None)

REPLICA_METHODS = ("GET", "HEAD")
# A replica that could not be reached is left alone this long by this process.
RETRY_SECONDS = 30.0

logger = logging.getLogger(__name__)
_turns = itertools.count()
_down_until: dict[str, float] = {}


def replica_aliases() -> list[str]:
    """The DATABASES aliases of the configured replicas (none unless DATABASE_REPLICA_URLS)."""
    return [alias for alias in settings.DATABASES if alias.startswith(REPLICA_PREFIX)]


def may_read_from_replica(request: HttpRequest, view: Callable) -> bool:
    """True for a GET or HEAD of a public read-only view by a visitor who is not logged in."""
    return (
        request.method in REPLICA_METHODS
        and getattr(view, "replica_safe", False)
        and not request.user.is_authenticated
    )


def choose_replica(replicas: list[str]) -> str | None:
    """The next reachable replica in turn (round robin); None when none can be reached.

    A replica that is down costs one failed connection per RETRY_SECONDS, not one per request;
    its visitors read another replica, or the primary, meanwhile.
    """
    start = next(_turns)
    now = time.monotonic()
    for offset in range(len(replicas)):
        alias = replicas[(start + offset) % len(replicas)]
        if _down_until.get(alias, 0.0) > now:
            continue
        if _reachable(alias):
            return alias
        _down_until[alias] = now + RETRY_SECONDS
    return None


def _reachable(alias: str) -> bool:
    """Connect to the replica now (a no-op for a kept connection that passes its health check)."""
    connection = connections[alias]
    try:
        connection.close_if_health_check_failed()
        connection.ensure_connection()
    except DatabaseError as exc:
        logger.warning("Read replica %s is unreachable (%s); trying the next one.", alias, exc)
        return False
    return True


class ReplicaReadsMiddleware:
    """Let a visitor's public page read from one replica; every other request reads the primary.

    Placed after AuthenticationMiddleware: the check of ``request.user`` loads the session (from
    the primary) before any read is sent to a replica.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        _replica.set(None)
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view, view_args, view_kwargs) -> None:
        replicas = replica_aliases()
        if replicas and may_read_from_replica(request, view):
            _replica.set(choose_replica(replicas))


def _back_to_primary(**kwargs) -> None:
    # At the end of the response (after a streamed export's last row), not when the view
    # returns: a streaming response reads while it is sent.
    _replica.set(None)


request_finished.connect(_back_to_primary, dispatch_uid="config.replicas.back_to_primary")


class ReplicaRouter:
    """Reads to the request's replica if it has one, else the primary; writes to the primary."""

    def db_for_read(self, model: type[Model], **hints) -> str:
        return _replica.get() or "default"

    def db_for_write(self, model: type[Model], **hints) -> str:
        # Explicit, not None: Django's fallback would write an object back where it was read.
        return "default"

    def allow_relation(self, obj1: Model, obj2: Model, **hints) -> bool | None:
        # A replica holds the same rows as the primary.
        ours = {"default", *replica_aliases()}
        if obj1._state.db in ours and obj2._state.db in ours:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool | None:
        # A replica receives the primary's schema by replication; it cannot run DDL.
        return False if db.startswith(REPLICA_PREFIX) else None
