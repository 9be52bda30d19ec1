# Developer / CI entry points. See `make help`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000
PYTEST_ARGS ?=
# `make serve` listens on 8080 unless PORT is given (PORT=9000 make serve, make serve PORT=9000).
SERVE_PORT := $(if $(filter-out file default,$(origin PORT)),$(PORT),8080)

.PHONY: help venv install run serve serve-check export-check test screenshots test-postgres fixtures lint bench eval loadtest lighthouse backup restore clean

help:
	@echo "make install        create .venv and install requirements-dev.txt (only when requirements change)"
	@echo "make run            migrate, load seed data, collectstatic, runserver on $(HOST):$(PORT) (DEBUG=1 by default)"
	@echo "make serve          production stack: migrate, collectstatic, gunicorn behind nginx on 127.0.0.1:$(SERVE_PORT)"
	@echo "make serve-check    slow clients and a lost database file against make serve (SLOWCLIENT_SECONDS)"
	@echo "make export-check   two whole CSV exports at once against make serve, /healthz within 2 s (EXPORT_CHECK_QUOTES)"
	@echo "make test           run the test suite on SQLite"
	@echo "make screenshots    browser tests only, saving screenshots into tests/browser/screenshots/"
	@echo "make test-postgres  run the test suite against a throwaway PostgreSQL 15 cluster"
	@echo "make fixtures       regenerate fixtures (manage.py build_fixtures)"
	@echo "make lint           ruff check + ruff format --check"
	@echo "make bench          run bench/run.py"
	@echo "make eval           score the quote extractor on eval/ (precision, recall, attribution)"
	@echo "make loadtest       make serve under 60 s of mixed traffic, 32 connections (LOADTEST_SECONDS)"
	@echo "make lighthouse     Lighthouse (pinned in bench/lighthouse/) on every page type against make serve"
	@echo "make backup         write the whole database to backups/iraqnews-YYYYmmdd-HHMMSS.json"
	@echo "make restore FILE=backups/....json   replace the whole database with a backup"
	@echo "make clean          remove db.sqlite3, staticfiles/, run/ and the install stamp"

# The stamp file makes pip re-run only when a requirements file is newer than it.
$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements-dev.txt
	touch $@

venv install: $(STAMP)

# Management commands run with DEBUG=1 unless told otherwise, as `make run` does: with DEBUG
# off the settings need a SECRET_KEY (or the .secret_key file `make serve` creates).
run: $(STAMP)
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --noinput
	DEBUG=$${DEBUG:-1} $(PY) manage.py load_seed
	DEBUG=$${DEBUG:-1} $(PY) manage.py collectstatic --noinput
	DEBUG=$${DEBUG:-1} $(PY) manage.py runserver $(HOST):$(PORT)

serve: $(STAMP)
	bash deploy/install-nginx.sh
	PORT=$(SERVE_PORT) $(PY) deploy/serve.py

serve-check: $(STAMP)
	bash deploy/install-nginx.sh
	$(PY) bench/serve_check.py

export-check: $(STAMP)
	bash deploy/install-nginx.sh
	$(PY) bench/export_check.py --serve --quotes $${EXPORT_CHECK_QUOTES:-200000}

# The suite runs in TEST_WORKERS processes (pytest-xdist), one in-memory database each.
TEST_WORKERS ?= 2

test: $(STAMP)
	$(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

screenshots: $(STAMP)
	SCREENSHOTS=1 $(PY) -m pytest -n $(TEST_WORKERS) tests/browser $(PYTEST_ARGS)

test-postgres: $(STAMP)
	bash .ci/with-postgres.sh $(PY) -m pytest $(PYTEST_ARGS)

eval: $(STAMP)
	$(PY) eval/evaluate.py

fixtures: $(STAMP)
	DEBUG=$${DEBUG:-1} $(PY) manage.py build_fixtures

lint: $(STAMP)
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

bench: $(STAMP)
	$(PY) -m pip install --disable-pip-version-check -q -r bench/requirements.txt
	command -v wrk >/dev/null || apt-get install -y -q wrk || true
	$(PY) bench/run.py

loadtest: $(STAMP)
	bash deploy/install-nginx.sh
	$(PY) bench/loadtest.py

# Lighthouse from the npm registry, the exact version of bench/lighthouse/package-lock.json,
# into bench/lighthouse/node_modules/ (gitignored), again only when the lock file changes.
LIGHTHOUSE_STAMP := bench/lighthouse/node_modules/.installed

$(LIGHTHOUSE_STAMP): bench/lighthouse/package.json bench/lighthouse/package-lock.json
	@command -v npm >/dev/null || { echo "ERROR: npm missing (apt-get install nodejs npm)" >&2; exit 1; }
	cd bench/lighthouse && npm ci --no-audit --no-fund
	touch $@

# LIGHTHOUSE_ARGS: e.g. --dark, --desktop, --only claim_list (bench/lighthouse.py --help).
LIGHTHOUSE_ARGS ?=

lighthouse: $(STAMP) $(LIGHTHOUSE_STAMP)
	bash deploy/install-nginx.sh
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(PY) bench/lighthouse.py $(LIGHTHOUSE_ARGS)

backup: $(STAMP)
	mkdir -p backups
	DEBUG=$${DEBUG:-1} $(PY) manage.py backup_db --output backups/iraqnews-$$(date -u +%Y%m%d-%H%M%S).json

restore: $(STAMP)
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/iraqnews-....json" >&2; exit 2; }
	DEBUG=$${DEBUG:-1} $(PY) manage.py restore_db --no-input "$(FILE)"

clean:
	rm -rf db.sqlite3 db.sqlite3-journal db.sqlite3-wal db.sqlite3-shm staticfiles run $(STAMP)
