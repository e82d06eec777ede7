# Statement Archive: `make run` serves the archive, `make test` runs the checks.
# Both set everything up first (virtualenv, packages, embedded PostgreSQL, migrations).
# `make run` alone serves the DEMO archive (invented documents, in its own database);
# `make run SOURCES=path` imports your folder into the real archive and serves that.

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
SOURCES ?=
DEMO_SOURCES := tests/ingest/fixtures/docs
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2

# No SOURCES: the demo database and the invented samples. SOURCES: the real database.
ifeq ($(strip $(SOURCES)),)
RUN_ENV := ARCHIVE_DEMO=1
RUN_SOURCES := $(DEMO_SOURCES)
else
RUN_ENV := ARCHIVE_DEMO=0
RUN_SOURCES := $(SOURCES)
endif

.PHONY: run serve test setup setup-dev migrate ingest-samples lint format browser-deps stop-db bench bench-quick bench-load bench-edits fuzz

$(VENV)/bin/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) not found; set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# The site's packages (make run, Docker): reinstalled only when requirements.txt changes.
$(VENV)/.installed: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# The test tools on top (make test): reinstalled when either file changes.
$(VENV)/.installed-dev: requirements-dev.txt requirements.txt $(VENV)/.installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed

setup-dev: $(VENV)/.installed-dev

migrate: setup
	$(RUN_ENV) $(PY) manage.py migrate --noinput --verbosity 0

ingest-samples: migrate
	$(RUN_ENV) $(PY) manage.py ingest $(RUN_SOURCES)

run: ingest-samples
	@$(MAKE) --no-print-directory serve SERVE_ENV="$(RUN_ENV)"

# Serve without importing anything: the real archive (make run passes the demo's setting).
SERVE_ENV ?= ARCHIVE_DEMO=0
serve: setup
	$(SERVE_ENV) $(PY) manage.py migrate --noinput --verbosity 0
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@if [ "$(SERVE_ENV)" = "ARCHIVE_DEMO=1" ]; then \
		echo "DEMO archive: invented documents in their own database (statement_archive_demo)."; \
		echo "  For your own files: make run SOURCES=path/to/texts (the real database)."; \
	fi
	@echo "Editor or administrator login for /admin/:"
	@echo "  $(PY) manage.py createsuperuser    (an administrator)"
	@echo "  $(PY) manage.py createeditor NAME  (an editor: the review queue at /review/)"
	@echo "  prefix ARCHIVE_DEMO=1 to make the login in the demo database."
	@echo "Statement Archive: serving on http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	$(SERVE_ENV) $(VENV)/bin/gunicorn config.wsgi:application --bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile -

lint: setup-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Chromium for the browser tests, from Debian's packages (installed only where missing and
# only when we may: as root with apt-get). Without it the browser tests skip and say why.
browser-deps:
	@if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		echo "Installing chromium for the browser tests..."; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
			|| echo "Could not install chromium; browser tests will be skipped."; \
	fi

test: setup-dev browser-deps lint
	$(PY) manage.py makemigrations --check --dry-run --verbosity 0 || { echo "Models changed without a migration: run manage.py makemigrations"; exit 1; }
	$(PY) manage.py migrate --noinput --verbosity 0
	$(VENV)/bin/pytest

# Before a release: the property tests with many more examples, then FUZZ_REQUESTS hostile
# requests against every public page (in-process, nothing sent over the network).
FUZZ_REQUESTS ?= 2000
# The requests go to the demo archive (make fuzz imports the samples there first).
fuzz: setup-dev ingest-samples
	HYPOTHESIS_PROFILE=fuzz $(VENV)/bin/pytest -q -p no:cacheprovider tests/properties
	$(RUN_ENV) $(PY) tools/fuzz.py --requests $(FUZZ_REQUESTS)

# Stop the project's embedded PostgreSQL server (the next command starts it again).
stop-db:
	@$(PY) -c "from pathlib import Path; from config.database import stop_embedded_server; \
		import os; d = Path(os.environ.get('ARCHIVE_DATA_DIR', 'var')); \
		print('stopped the embedded database' if stop_embedded_server(d) else 'no embedded database running')"

# Build a synthetic corpus of SCALE statements (once), serve it beside Datasette and time a
# fixed query mix against both (see bench/ and the README's performance section).
SCALE ?= 100000
ROUNDS ?= 20
bench: migrate
	nice -n 10 $(PY) -m bench --scale $(SCALE) --rounds $(ROUNDS)

bench-quick: migrate
	nice -n 10 $(PY) -m bench --scale 20000 --rounds $(ROUNDS)

# The same corpus under 1 and 4 concurrent clients, parallel reads off and on (bench/load.py).
bench-load: migrate
	nice -n 10 $(PY) -m bench.load --scale $(SCALE)

# Editors' merges of the corpus's largest records and a queue page's verify, rolled back.
bench-edits: migrate
	nice -n 10 $(PY) -m bench.edits --scale $(SCALE)
