"""Settings for Statement Archive: one module, every deploy-time value from the environment."""

import os
import secrets
from pathlib import Path

from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured

from config.database import (
    DEMO_SUFFIX,
    EMBEDDED_DATABASE_NAME,
    embedded_database_url,
    ensure_database,
    parse_database_url,
    replica_databases,
)

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no environment variable; refuse anything that is not clearly one or the other."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    """Read a whole-number environment variable, refusing one below ``minimum``."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {number}.")
    return number


def env_list(name: str, default: str) -> list[str]:
    """Read a comma-separated environment variable."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Data folder: the embedded database and the generated secret key live here (git-ignored).
DATA_DIR = Path(os.environ.get("ARCHIVE_DATA_DIR", BASE_DIR / "var"))


def _secret_key(data_dir: Path) -> str:
    """SECRET_KEY from the environment, else one generated once and kept in the data folder.

    Processes starting together (gunicorn's workers on a fresh data folder) each write a
    key to a file of their own and link it into place: the first link wins, the others
    read that key, and nobody reads a file still being written.
    """
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = data_dir / "secret_key"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        mine = data_dir / f".secret_key.{os.getpid()}.{secrets.token_hex(4)}"
        with os.fdopen(os.open(mine, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as f:
            f.write(secrets.token_urlsafe(50))
        try:
            os.link(mine, path)
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links: the last writer's key stays
            os.replace(mine, path)
        finally:
            mine.unlink(missing_ok=True)
    return path.read_text().strip()


SECRET_KEY = _secret_key(DATA_DIR)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_filters",
    "pgtrigger",
    "pghistory",
    "csp",
    "axes",
    # django-ninja's API docs page and its Swagger UI files, served locally (no CDN).
    "ninja",
    "archive",
    "ingest",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: a visitor's public page may read from a replica (config.replicas).
    "config.replicas.ReplicaReadsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Edit history: every write in a request is recorded with the user (archive.history).
    "pghistory.middleware.HistoryMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "archive.context_processors.archive",
            ],
        },
    },
]

# The demo archive (make run without SOURCES): invented documents in a database of their own,
# named like the real one plus "_demo", so they can never mix with real imports. Every page
# then shows a banner and every citation says it is demo data.
ARCHIVE_DEMO = env_bool("ARCHIVE_DEMO", False)
ARCHIVE_DEMO_SOURCES = BASE_DIR / "tests" / "ingest" / "fixtures" / "docs"
if database_url := os.environ.get("DATABASE_URL"):
    DATABASES = {"default": parse_database_url(database_url)}
    if ARCHIVE_DEMO:
        DATABASES["default"]["NAME"] += DEMO_SUFFIX
        ensure_database(database_url, DATABASES["default"]["NAME"])
else:
    name = EMBEDDED_DATABASE_NAME + (DEMO_SUFFIX if ARCHIVE_DEMO else "")
    DATABASES = {"default": parse_database_url(embedded_database_url(DATA_DIR, name))}
DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 60, minimum=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Sequential scans start at the table's first page rather than join one running elsewhere:
# the capped search pass estimates how dense the matches are from how far it read
# (archive.facets), which a scan starting mid-table would make arbitrary.
DATABASES["default"]["OPTIONS"]["options"] = " ".join(
    filter(None, [DATABASES["default"]["OPTIONS"].get("options"), "-c synchronize_seqscans=off"])
)
if test_name := os.environ.get("TEST_DATABASE_NAME"):
    # Lets two test runs share one server without fighting over the test database.
    DATABASES["default"]["TEST"] = {"NAME": test_name}
# Read replicas (streaming standbys of the primary), replica_1, replica_2, ...: public pages
# that visitors read are answered from one of them; editors and every write use the primary.
DATABASES.update(
    replica_databases(
        os.environ.get("DATABASE_REPLICA_URLS", ""),
        primary=DATABASES["default"],
        name_suffix=DEMO_SUFFIX if ARCHIVE_DEMO else "",
    )
)
DATABASE_ROUTERS = ["config.replicas.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Security headers that cost nothing behind a TLS-terminating proxy; HTTPS-only ones opt in.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# SECURE_COOKIES sets both; SESSION_COOKIE_SECURE / CSRF_COOKIE_SECURE override one each.
_secure_cookies = env_bool("SECURE_COOKIES", False)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", _secure_cookies)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", _secure_cookies)
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Edit history: only writing requests set the history context (user, url); pages that only
# read stay as cheap as before.
PGHISTORY_MIDDLEWARE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
# The time of each change itself, not of its transaction: one import's changes stay in order.
PGHISTORY_CREATED_AT_FUNCTION = "clock_timestamp()"

# Content-Security-Policy (django-csp) on every response. No page runs inline script: the
# archive's pages have none, the admin's scripts are files, and the API docs serve their assets
# from static/, so a script planted in a source can never run. The one inline style (the
# source page's rule for passages split in pieces) carries the per-request nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", NONCE],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Login throttling (django-axes) for the admin and every other login: after
# AXES_FAILURE_LIMIT wrong passwords for one user name from one address, that pair is locked
# out for AXES_COOLOFF_HOURS. An administrator unlocks early with `manage.py axes_reset`
# (or deletes the row under "Axes > Access attempts" in the admin).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_HOURS", 1, minimum=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "lockout.html"
AXES_RESET_ON_SUCCESS = True

# Ingest: files larger than this are refused with a one-line reason.
INGEST_MAX_FILE_BYTES = env_int("INGEST_MAX_FILE_BYTES", 5 * 1024 * 1024, minimum=1)

# The JSON API (/api/): requests per client address, "number/period" (s, m, h, d).
API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "120/m")
# Client addresses for the rate limit: trust X-Forwarded-For only behind our own proxy.
NINJA_NUM_PROXIES = 1 if env_bool("BEHIND_TLS_PROXY", False) else 0
NINJA_PAGINATION_MAX_OFFSET = 10_000

# Pages of results.
ARCHIVE_PAGE_SIZE = env_int("ARCHIVE_PAGE_SIZE", 25, minimum=1)
# A search counts (and ranks) up to this many matches exactly; past it, counts and facets are
# estimates labelled "about", ranking looks at this many, and pages reach this far.
ARCHIVE_EXACT_COUNT_LIMIT = env_int("ARCHIVE_EXACT_COUNT_LIMIT", 2000, minimum=100)
# An estimated search reads its best-match window beside its sample (archive.background).
ARCHIVE_PARALLEL_READS = env_bool("ARCHIVE_PARALLEL_READS", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
