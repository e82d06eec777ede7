"""Ingest runs whose process is gone: found by pid (same host) or by a silent heartbeat.

A run records the pid and host of its process and beats (``heartbeat_at``) before each file.
One killed mid-way (SIGKILL, a crash, a lost database) never finishes, so its status would say
"running" forever; the next ingest, and the admin's list of runs, mark it failed instead.
"""

import os
import socket
from datetime import timedelta

from django.db import models
from django.utils import timezone

# A run whose heartbeat is older than this is taken to be dead even when its pid cannot be
# checked (another host): no single file takes this long, even waiting for another run's lock.
ABANDONED_AFTER = timedelta(hours=1)

ABANDONED_REASON = (
    "the import process stopped before finishing (killed, crashed or lost the database)"
)


def this_host() -> str:
    return socket.gethostname()[:255]


def process_alive(pid: int) -> bool:
    """True when a process with this pid runs on this host."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by another user
        return True
    return True


class IngestRunQuerySet(models.QuerySet):
    def abandoned(self) -> list:
        """Runs still marked running whose process is gone."""
        now = timezone.now()
        host = this_host()
        found = []
        for run in self.filter(status="running"):
            beat = run.heartbeat_at or run.started_at
            if now - beat > ABANDONED_AFTER or (
                run.pid and run.host == host and not process_alive(run.pid)
            ):
                found.append(run)
        return found

    def mark_abandoned(self) -> int:
        """Mark every abandoned run failed, saying why; returns how many."""
        runs = self.abandoned()
        for run in runs:
            run.status = "failed"
            run.finished_at = run.heartbeat_at or run.started_at
            run.errors = [*run.errors, {"file": "", "reason": ABANDONED_REASON}]
            run.save(update_fields=["status", "finished_at", "errors"])
        return len(runs)
