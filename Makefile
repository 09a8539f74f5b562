# Goed Voorbeeld: `make serve` to preview the site, `make test` to run every test.
# Only Python 3.11+ and make are needed; the virtual environment is made on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test check build bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $@

# axe-core for the accessibility checks in the browser tests (skipped when npm is missing).
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent; \
	else echo "npm niet gevonden: de toegankelijkheidstests worden overgeslagen"; fi

serve: $(STAMP)
	$(BIN)/goedvoorbeeld serve

test: $(STAMP) node_modules/.package-lock.json
	$(BIN)/python -m pytest

check: $(STAMP)
	$(BIN)/goedvoorbeeld check

# Builds into a temporary folder and replaces site/ only after a successful build.
build: $(STAMP)
	$(BIN)/goedvoorbeeld build

# The benchmark of issue 7: 100, 1,000 and 10,000 synthetic cases (about 12 minutes on 2 cores).
# Writes bench.json; `make bench SIZES=50` for a quick run.
SIZES ?= 100,1000,10000
BENCH_STAMP := $(VENV)/.bench-stamp
$(BENCH_STAMP): $(STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	@touch $@

# Bytecode first, as an installed package has it (this checkout may never write it: PYTHONDONTWRITEBYTECODE).
bench: $(BENCH_STAMP)
	$(BIN)/python -m compileall -q src hooks scripts
	$(BIN)/python scripts/bench.py --sizes $(SIZES) --out bench.json

clean:
	rm -rf site .pytest_cache .hypothesis bench.json
