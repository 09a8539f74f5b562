# Goed Voorbeeld: `make serve` to preview the site, `make test` to run every test.
# Only Python 3.11+ and make are needed; the virtual environment is made on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Every install is pinned to the versions the tests passed with (constraints.txt; `make lock` renews it).
PIP    := $(BIN)/python -m pip install -c constraints.txt
# One stamp per set of tools; the preview needs only what builds and serves the site:
# STAMP the runtime dependencies (make serve, make check; no search index), SEARCH_STAMP those and Pagefind
# (make build), TEST_STAMP those and the test tools (make test), BENCH_STAMP below the benchmark's.
STAMP        := $(VENV)/.serve-stamp
SEARCH_STAMP := $(VENV)/.search-stamp
TEST_STAMP   := $(VENV)/.installed-stamp
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test check build bench mutate clean lock

$(BIN)/python:
	@echo "Goed Voorbeeld: een Python-omgeving maken in $(VENV)/"
	$(PYTHON) -m venv $(VENV)
	@# Python 3.11 puts setuptools in every new environment (3.12 no longer does); nothing here uses it at run
	@# time (pip builds the project in an isolated environment): 13 MB less.
	@$(BIN)/python -m pip uninstall --yes --quiet setuptools 2>/dev/null || true

# Each set is installed by one pip run that shows its progress; a larger set stamps the smaller ones too.
# The preview's set-up skips pip's bytecode for every file (Python writes it for the modules it uses, on first
# use): 28 MB less. The test and bench set-ups compile the whole environment, as this machine may never write
# bytecode (PYTHONDONTWRITEBYTECODE).
$(STAMP): pyproject.toml constraints.txt | $(BIN)/python
	@echo "Goed Voorbeeld: installeren wat de voorbeeldweergave nodig heeft (MkDocs, Material, ...)"
	$(PIP) --no-compile -e .
	@touch $@

$(SEARCH_STAMP): pyproject.toml constraints.txt | $(BIN)/python
	@echo "Goed Voorbeeld: installeren wat de site en haar zoekindex nodig hebben (MkDocs, Material, Pagefind, ...)"
	$(PIP) -e ".[search]"
	@touch $(STAMP) $@

$(TEST_STAMP): pyproject.toml constraints.txt | $(BIN)/python
	@echo "Goed Voorbeeld: installeren wat de site en de tests nodig hebben (pytest, Playwright, ...)"
	$(PIP) -e ".[test]"
	$(BIN)/python -m compileall -q $(VENV)/lib
	@touch $(STAMP) $(SEARCH_STAMP) $@

# axe-core for the accessibility checks in the browser tests (skipped when npm is missing).
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent; \
	else echo "npm niet gevonden: de toegankelijkheidstests worden overgeslagen"; fi

serve: $(STAMP)
	$(BIN)/goedvoorbeeld serve

test: $(TEST_STAMP) node_modules/.package-lock.json
	$(BIN)/python -m pytest

check: $(STAMP)
	$(BIN)/goedvoorbeeld check

# Builds into a temporary folder and replaces site/ only after a successful build.
build: $(SEARCH_STAMP)
	$(BIN)/goedvoorbeeld build

# The benchmark of issue 7: 100, 1,000 and 10,000 synthetic cases (about 12 minutes on 2 cores).
# Writes bench.json; `make bench SIZES=50` for a quick run.
SIZES ?= 100,1000,10000
BENCH_STAMP := $(VENV)/.bench-stamp
$(BENCH_STAMP): pyproject.toml constraints.txt | $(BIN)/python
	@echo "Goed Voorbeeld: installeren wat de site en de benchmark nodig hebben (Playwright, wordfreq, ...)"
	$(PIP) -e ".[bench]"
	$(BIN)/python -m compileall -q $(VENV)/lib
	@touch $(STAMP) $(SEARCH_STAMP) $@

# Bytecode first, as an installed package has it (this checkout may never write it: PYTHONDONTWRITEBYTECODE).
bench: $(BENCH_STAMP)
	$(BIN)/python -m compileall -q src hooks scripts
	$(BIN)/python scripts/bench.py --sizes $(SIZES) --out bench.json

# Mutation testing of the pure modules (issue 16): long, so never part of `make test`.
# `make mutate MODULE=ranking` for one module; writes mutants/ (mutmut) and .cosmic-ray/ (cosmic-ray, for schema),
# both ignored by git, and prints the score table.
MODULE ?=
MUTATE_STAMP := $(VENV)/.mutate-stamp
$(MUTATE_STAMP): pyproject.toml constraints.txt | $(BIN)/python
	@echo "Goed Voorbeeld: installeren wat de mutatietests nodig hebben (mutmut, cosmic-ray, pytest, ...)"
	$(PIP) -e ".[test,mutate]"
	@touch $(STAMP) $(SEARCH_STAMP) $@

mutate: $(MUTATE_STAMP)
	nice -n 10 $(BIN)/python scripts/mutate.py $(MODULE)
# Renew constraints.txt: the newest versions pyproject.toml allows, resolved in a scratch environment, then
# `make test` with them (the stamps depend on constraints.txt, so .venv follows). Commit it when the tests pass.
LOCK_VENV := .venv-lock
lock:
	@echo "Goed Voorbeeld: de nieuwste toegestane versies ophalen in $(LOCK_VENV)/"
	rm -rf $(LOCK_VENV)
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install -e ".[test,bench,mutate]"
	@head -2 constraints.txt > constraints.txt.nieuw
	$(LOCK_VENV)/bin/python -m pip freeze --exclude-editable >> constraints.txt.nieuw
	mv constraints.txt.nieuw constraints.txt
	rm -rf $(LOCK_VENV)
	@echo "Goed Voorbeeld: constraints.txt vernieuwd; nu de tests met deze versies"
	$(MAKE) test

clean:
	rm -rf site .pytest_cache .hypothesis bench.json mutants .cosmic-ray
