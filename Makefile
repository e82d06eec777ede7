# Statement Archive: `make run` serves the archive, `make test` runs the checks.
# Both set everything up first (virtualenv, packages, embedded PostgreSQL, migrations).

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
SOURCES ?= tests/ingest/fixtures/docs
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2

.PHONY: run test setup migrate ingest-samples lint format browser-deps stop-db fuzz

$(VENV)/bin/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) not found; set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Reinstall only when requirements.txt changes.
$(VENV)/.installed: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

setup: $(VENV)/.installed

migrate: setup
	$(PY) manage.py migrate --noinput

ingest-samples: migrate
	$(PY) manage.py ingest $(SOURCES)

run: ingest-samples
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@echo "Statement Archive: serving on http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	$(VENV)/bin/gunicorn config.wsgi:application --bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile -

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup
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

test: setup browser-deps lint
	$(PY) manage.py migrate --noinput --verbosity 0
	$(VENV)/bin/pytest

# Before a release: the property tests with many more examples, then FUZZ_REQUESTS hostile
# requests against every public page (in-process, nothing sent over the network).
FUZZ_REQUESTS ?= 2000
fuzz: ingest-samples
	HYPOTHESIS_PROFILE=fuzz $(VENV)/bin/pytest -q -p no:cacheprovider tests/properties
	$(PY) tools/fuzz.py --requests $(FUZZ_REQUESTS)

# Stop the project's embedded PostgreSQL server (the next command starts it again).
stop-db:
	@$(PY) -c "from pathlib import Path; from config.database import stop_embedded_server; \
		import os; d = Path(os.environ.get('ARCHIVE_DATA_DIR', 'var')); \
		print('stopped the embedded database' if stop_embedded_server(d) else 'no embedded database running')"
