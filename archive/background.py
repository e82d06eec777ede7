"""A read that runs beside the request's own queries, on the machine's other core: a search's
best-match page while its counts are made, a speaker's roles while their statements are
read, a permalink's similar statements while its passages are.

One worker thread per process, started at first use (so after gunicorn forks), keeps
database connections of its own (Django's are per thread), checked the way a request's are
before each read. A read is only sent there when that can change nothing it sees: parallel
reads are on (``ARCHIVE_PARALLEL_READS``) and the caller is outside any transaction, since
the worker could not see the caller's uncommitted writes (a test's, an editor's save).
"""

import threading
from concurrent.futures import Future, ThreadPoolExecutor

from django.conf import settings
from django.db import close_old_connections, connections

_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def start(read, *, using: str) -> Future | None:
    """Run ``read()`` (database reads on alias ``using`` only) in the worker; None when it
    must run in the caller instead (see the module's docstring)."""
    if not settings.ARCHIVE_PARALLEL_READS or connections[using].in_atomic_block:
        return None
    return _worker().submit(_checked, read)


def beside(read, *, using: str):
    """``read`` started in the worker when it may run there (see ``start``); call what this
    returns for its result, which runs ``read`` in the caller when it could not start."""
    future = start(read, using=using)
    return future.result if future is not None else read


def _worker() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="archive-read")
        return _pool


def _checked(read):
    # What request_started does for a request's thread: drop a connection that broke or
    # outlived CONN_MAX_AGE, so the read opens a fresh one.
    close_old_connections()
    return read()


def close() -> None:
    """Close the worker's database connections (a test's, before its database goes)."""
    if _pool is not None:
        _pool.submit(connections.close_all).result()
