# twitchcheck: two commands set up everything on a fresh machine.
#   make run    the web app and JSON API at http://127.0.0.1:8000 (SQLite in the data folder)
#   make test   the whole test suite
# Both depend on `make install`, which creates .venv from the lock file (uv.lock).

PYTHON ?= python3
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
STAMP := $(VENV)/.installed
# The Node FHIR validators (tools/fhir-validate); the stamp lives in node_modules, so removing it reinstalls.
NODE_TOOLS := tools/fhir-validate
NODE_STAMP := $(NODE_TOOLS)/node_modules/.installed
export UV_PROJECT_ENVIRONMENT := $(VENV)
# Python starts fast only from its bytecode caches: the install compiles the dependencies' (--compile-bytecode),
# and this lets Python cache ours, and pytest its rewritten test modules. Without the caches every test worker
# and child process compiled some 2,000 files again: 5-9 s each.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: install system-packages run example serve test test-fast bench lint typecheck evaluate i18n-extract screenshots clean

install: $(STAMP) system-packages $(NODE_STAMP)

# System packages the tests need, installed only when missing: Chromium for the browser
# tests (Playwright cannot download browsers here) and poppler-utils to check PDFs.
system-packages:
	@$(call ensure_apt,/usr/bin/chromium:chromium pdftoppm:poppler-utils)

# $(call ensure_apt,COMMAND:PACKAGE ...): install each Debian package whose command is missing.
define ensure_apt
	missing=""; for pair in $(1); do command -v "$${pair%%:*}" >/dev/null 2>&1 || missing="$$missing $${pair##*:}"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Please install:$$missing (e.g. sudo apt-get install$$missing)"; fi; \
	fi
endef

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(STAMP): $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --all-groups --quiet --compile-bytecode
	@touch $(STAMP)

# npm ci only when node_modules is missing or the lock changed: after that the validators work offline.
$(NODE_STAMP): $(NODE_TOOLS)/package.json $(NODE_TOOLS)/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "Please install Node.js 20.19 or newer with npm (the FHIR validators need it)"; exit 1; }
	cd $(NODE_TOOLS) && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

run: install
	$(VENV)/bin/twitchcheck serve

example: install
	$(VENV)/bin/twitchcheck assess --present twitch_eyelid,twitch_brief,duration_under_2_weeks,poor_sleep,high_caffeine --absent muscle_weakness,fever --age 30 --sex female

# One pytest worker per core, as test-fast: serially the suite took 16 min on this 2-core machine, 11 min with two.
test: install
	$(VENV)/bin/python -m pytest -q -n auto --dist worksteal
	$(VENV)/bin/twitchcheck evaluate ../shared/vignettes/public.jsonl --mode structured --quiet

# The inner loop: one pytest worker per core (pytest-xdist); no browser, PostgreSQL or subprocess fan-out,
# few property-test examples.
test-fast: install
	TWITCHCHECK_FAST=1 $(VENV)/bin/python -m pytest -q -n auto --dist worksteal -m "not slow and not browser and not postgres and not subprocess"

evaluate: install
	$(VENV)/bin/twitchcheck evaluate ../shared/vignettes/public.jsonl --mode structured
	$(VENV)/bin/twitchcheck evaluate ../shared/vignettes/public.jsonl --mode structured --sensitivity

bench: install
	@$(call ensure_apt,wrk:wrk)
	$(VENV)/bin/python bench/bench_cli.py
	$(VENV)/bin/python bench/bench_assess.py
	$(VENV)/bin/python bench/bench_interview.py
	$(VENV)/bin/python bench/bench_nlu.py
	$(VENV)/bin/python bench/bench_pages.py
	$(VENV)/bin/python bench/bench_web.py

lint: install
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/mypy

# Refresh docs/screenshots/ from the browser tests (real Chromium), and the sample doctor's report.
screenshots: install
	TWITCHCHECK_SCREENSHOTS=docs $(VENV)/bin/python -m pytest -q tests/browser
	$(VENV)/bin/python -m twitchcheck.reports.sample docs/

# Interface text: re-extract after changing templates or translatable code, then translate the .po files.
i18n-extract: install
	$(VENV)/bin/pybabel extract -F babel.cfg -k _ -k N_ -k gettext -k ngettext:1,2 --no-location --omit-header -o src/twitchcheck/i18n/messages.pot .
	$(VENV)/bin/pybabel update -i src/twitchcheck/i18n/messages.pot -d src/twitchcheck/i18n/locales --no-fuzzy-matching

clean:
	rm -rf $(VENV) $(TOOLS) $(NODE_TOOLS)/node_modules .pytest_cache .mypy_cache .hypothesis
