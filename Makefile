# storylens — run `make help` for the list of targets.
# Every target that needs Python first makes sure .venv exists and matches requirements.lock.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
KERNEL := storylens
CORPUS ?=
STORY  ?=
CONFIG ?=
OUT    ?= outputs
JOBS   ?=
ONLY   ?=
FORCE  ?=

# Every variable reaches the runner as an environment variable it reads (STORYLENS_CORPUS,
# ..., STORYLENS_JOBS, STORYLENS_ONLY), never pasted into the shell line: a name with
# spaces, quotes, `;` or `$` stays one value.

.DEFAULT_GOAL := help
.PHONY: help env reports test test-fast lint lab lock bench bench-scale screenshots clean

help: ## Show this list of targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo "  Variables: CORPUS=path STORY=story.yaml CONFIG=file.yaml OUT=dir JOBS=n ONLY=name FORCE=1 (for reports)"

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (storylens)"
	@touch $(STAMP)

env: $(STAMP) ## Create or update .venv from requirements.lock (runs automatically)

# axe-core for the browser tests' accessibility audit, pinned in tests/browser/package-lock.json
# and installed beside it (never into the reports). Without npm the audit is skipped.
BROWSER_TOOLS := tests/browser
AXE := $(BROWSER_TOOLS)/node_modules/axe-core/axe.min.js

$(AXE): $(BROWSER_TOOLS)/package.json $(BROWSER_TOOLS)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --prefix $(BROWSER_TOOLS) --no-audit --no-fund --loglevel=error \
	  || echo "warning: npm ci failed in $(BROWSER_TOOLS); the accessibility audit will fail in CI" >&2; \
	else echo "warning: npm not found (Debian: apt-get install npm); the accessibility audit is skipped" >&2; fi

reports: export STORYLENS_CORPUS = $(value CORPUS)
reports: export STORYLENS_STORY = $(value STORY)
reports: export STORYLENS_CONFIG = $(value CONFIG)
reports: export STORYLENS_OUT = $(value OUT)
reports: export STORYLENS_JOBS = $(value JOBS)
reports: export STORYLENS_ONLY = $(value ONLY)
reports: export STORYLENS_FORCE = $(value FORCE)
reports: $(STAMP) ## Render every report (CORPUS=..., STORY=..., CONFIG=..., OUT=..., JOBS=..., ONLY=..., FORCE=1)
	$(BIN)/python -m storylens reports

test: $(STAMP) $(AXE) ## Run the whole test suite (what CI runs)
	$(BIN)/python -m pytest

test-fast: $(STAMP) ## Run the tests not marked slow (no report runs, no browser): seconds
	$(BIN)/python -m pytest -m "not slow"

lint: $(STAMP) ## Check the code with ruff
	$(BIN)/ruff check lib tests benchmarks
	$(BIN)/ruff format --check lib tests benchmarks

lab: $(STAMP) ## Open JupyterLab on the project's kernel
	JUPYTER_PATH=$(CURDIR)/$(VENV)/share/jupyter $(BIN)/jupyter lab --notebook-dir=notebooks

bench: $(STAMP) ## Run the speed benchmarks in benchmarks/
	$(BIN)/python benchmarks/bench_corpus.py
	$(BIN)/python benchmarks/bench_reports.py
	$(BIN)/python benchmarks/bench_stages.py

bench-scale: $(STAMP) ## Scale benchmark: 1,000 and 10,000 generated articles (HUGE=1 adds 100,000)
	$(BIN)/python benchmarks/bench_scale.py $(if $(HUGE),--huge)

screenshots: export STORYLENS_OUT = $(value OUT)
screenshots: $(STAMP) ## Full-page PNGs (1,400 px wide) of each share report and one article page, in $(OUT)/screenshots/
	$(BIN)/python benchmarks/screenshots.py

lock: ## Re-pin requirements.lock from pyproject.toml (needs uv: pip install uv)
	uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements.lock

clean: ## Remove generated outputs, caches and .venv
	rm -rf $(OUT) $(VENV) .pytest_cache .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
