"""`manage.py check --deploy` is clean in a production configuration read from the environment."""

import os
import subprocess
import sys

from tests.conftest import REPO

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-long-random-production-key-" + "x9Q2" * 12,
    "ALLOWED_HOSTS": "archive.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://archive.example.org",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "SECURE_HSTS_PRELOAD": "true",
    "SESSION_COOKIE_SECURE": "true",
    "CSRF_COOKIE_SECURE": "true",
    "BEHIND_TLS_PROXY": "true",
}


def _check_deploy(extra: dict[str, str]) -> subprocess.CompletedProcess:
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE is no part of a production environment.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(extra)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_no_issue_with_production_variables():
    result = _check_deploy(PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_warns_when_hsts_is_off():
    result = _check_deploy({**PRODUCTION, "SECURE_HSTS_SECONDS": "0"})
    assert result.returncode != 0
    assert "security.W004" in result.stdout + result.stderr
