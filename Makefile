# Quick start: `make serve` (API on SQLite with the demo district, GraphiQL open) and
# `make test` (lint, then the whole suite on SQLite and a throwaway PostgreSQL 15).
# Both need Python 3.11+ and, for GraphiQL's files, Node.js 18+ with npm.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest-xdist workers for `make test`/`make pytest` (README, "Tests": measured on 2 cores).
PYTEST_WORKERS ?= 3

GRAPHIQL := server/graphiql
GRAPHIQL_BUILT := $(GRAPHIQL)/static/.built

.PHONY: install graphiql serve test pytest lint format schema peers clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || echo "First run: installing grassroots and its tools into" \
		"$(VENV). This takes a few minutes (8 on a busy 2-core machine); later runs skip it."
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# GraphiQL's browser files (React, GraphiQL), served by the API so that GraphiQL works
# without internet access: npm ci installs the versions package-lock.json pins, and
# build.mjs copies the bundles the page loads into $(GRAPHIQL)/static/ (not committed).
$(GRAPHIQL_BUILT): $(GRAPHIQL)/package.json $(GRAPHIQL)/package-lock.json $(GRAPHIQL)/build.mjs
	@command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1 || { \
		echo "make: GraphiQL's files are built with Node.js 18 or later and npm, which are" \
			"not installed. Install them (Debian, Ubuntu: apt-get install nodejs npm)," \
			"then run make again."; \
		exit 1; }
	@node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 18 ? 0 : 1)' || { \
		echo "make: GraphiQL's files need Node.js 18 or later; this is $$(node --version)."; \
		exit 1; }
	@echo "Building GraphiQL's files with npm (about 40 s the first time)..."
	cd $(GRAPHIQL) && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent

graphiql: $(GRAPHIQL_BUILT)

serve: install graphiql
	$(BIN)/grassroots db upgrade
	$(BIN)/grassroots seed --if-empty
	$(BIN)/grassroots serve --host $(HOST) --port $(PORT)

test: lint pytest

# Exit code 5 (no tests collected) fails the target like any other non-zero code.
pytest: install graphiql
	GRASSROOTS_REQUIRE_POSTGRES=1 bash scripts/with-postgres.sh \
		$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

schema: install
	$(BIN)/grassroots export-schema --output schema.graphql

# grassroots side by side with PostGraphile v4 and v5 and a floor on a throwaway PostgreSQL
# (docs/performance.md); npm installs PostGraphile and Node 22 into build/peers/ on the first
# run. wrk is the load client when installed. Options: PEERS_ARGS="--rounds 2 --duration 3".
peers: install
	$(BIN)/python -m benchmarks.peers --markdown build/peers/results.md $(PEERS_ARGS)

clean:
	rm -rf $(VENV) $(GRAPHIQL)/node_modules $(GRAPHIQL)/static grassroots.db grassroots.db-shm grassroots.db-wal .mypy_cache .ruff_cache .pytest_cache .import_linter_cache
