# Quick start: `make serve` (API on SQLite with the demo district, GraphiQL open) and
# `make test` (lint, then the whole suite on SQLite and a throwaway PostgreSQL 15).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest-xdist workers for `make test`/`make pytest` (README, "Tests": measured on 2 cores).
PYTEST_WORKERS ?= 3

.PHONY: install serve test pytest lint format schema clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

serve: install
	$(BIN)/grassroots db upgrade
	$(BIN)/grassroots seed --if-empty
	$(BIN)/grassroots serve --host $(HOST) --port $(PORT)

test: lint pytest

# Exit code 5 (no tests collected) fails the target like any other non-zero code.
pytest: install
	GRASSROOTS_REQUIRE_POSTGRES=1 bash scripts/with-postgres.sh \
		$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

schema: install
	$(BIN)/grassroots export-schema --output schema.graphql

clean:
	rm -rf $(VENV) grassroots.db grassroots.db-shm grassroots.db-wal .mypy_cache .ruff_cache .pytest_cache
