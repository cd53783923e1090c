# twitchcheck: two commands set up everything on a fresh machine.
#   make run    an example assessment (later: the web app)
#   make test   the whole test suite
# Both depend on `make install`, which creates .venv from the lock file (uv.lock).

PYTHON ?= python3
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
STAMP := $(VENV)/.installed
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: install run test test-fast bench lint typecheck evaluate clean

install: $(STAMP)

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(STAMP): $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --all-groups --quiet
	@touch $(STAMP)

run: install
	$(VENV)/bin/twitchcheck assess --present twitch_eyelid,twitch_brief,duration_under_2_weeks,poor_sleep,high_caffeine --absent muscle_weakness,fever --age 30 --sex female

test: install
	$(VENV)/bin/python -m pytest -q
	$(VENV)/bin/twitchcheck evaluate ../shared/vignettes/public.jsonl --mode structured --quiet

test-fast: install
	$(VENV)/bin/python -m pytest -q -m "not slow"

evaluate: install
	$(VENV)/bin/twitchcheck evaluate ../shared/vignettes/public.jsonl --mode structured
	$(VENV)/bin/twitchcheck evaluate ../shared/vignettes/public.jsonl --mode structured --sensitivity

bench: install
	$(VENV)/bin/python bench/bench_assess.py

lint: install
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) $(TOOLS) .pytest_cache .mypy_cache .hypothesis
