# eventcoder — the two commands: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/pip install --disable-pip-version-check -q -c constraints.txt
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test
DEMO   := demo_out

.PHONY: demo test install install-test system-deps bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --disable-pip-version-check -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(PIP) -e .
	touch $@

$(TSTAMP): $(BIN)/python pyproject.toml constraints.txt
	$(PIP) -e '.[test]'
	touch $@ $(STAMP)

install: $(STAMP)
install-test: $(TSTAMP)

## demo: create .venv, install, ingest the bundled sample corpus into a fresh embedded DB, summarise, export
demo: $(STAMP)
	rm -rf $(DEMO) && mkdir -p $(DEMO)
	$(BIN)/eventcoder ingest src/eventcoder/data/sample_corpus --db $(DEMO)/eventcoder.db --quiet
	$(BIN)/eventcoder summary --db $(DEMO)/eventcoder.db
	$(BIN)/eventcoder events --db $(DEMO)/eventcoder.db --format acled --output $(DEMO)/events_acled.csv
	$(BIN)/eventcoder events --db $(DEMO)/eventcoder.db --format geojson --output $(DEMO)/events.geojson
	$(BIN)/eventcoder report --db $(DEMO)/eventcoder.db --format html --output $(DEMO)/report.html
	@echo "wrote $(DEMO)/events_acled.csv, $(DEMO)/events.geojson, $(DEMO)/report.html (database: $(DEMO)/eventcoder.db)"

## system-deps: Debian packages the browser and PostgreSQL tests use (skipped when present or not root)
system-deps:
	@bash scripts/system-deps.sh

## test: create .venv, install with test extras (and the Debian packages the tests need), run pytest
test: $(TSTAMP) system-deps
	$(BIN)/python -m pytest -q

## bench: speed and memory figures as a table (benchmarks/run_all.py; ~30 min). make bench BENCH_ARGS=--quick for a short run
bench: $(TSTAMP)
	$(BIN)/python benchmarks/run_all.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(DEMO) .pytest_cache
