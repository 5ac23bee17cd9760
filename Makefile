# The README's two commands are `make run` and `make test`; everything else is a helper.
# Only Python 3.11 and make are assumed: the virtualenv and the pinned dependencies are made here.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run test install install-dev lint typecheck migrations-check check lock clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "mentormesh needs Python 3.11, found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime-installed: requirements/runtime.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/runtime.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev-installed: requirements/dev.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@ $(VENV)/.runtime-installed

install: $(VENV)/.runtime-installed
install-dev: $(VENV)/.dev-installed

## Install and start mentormesh on the embedded default (SQLite in ./var, demo community).
run: install
	$(BIN)/mentormesh serve --host $(HOST) --port $(PORT)

## Install the development dependencies and run the whole test suite.
test: install-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: install-dev
	$(BIN)/mypy

migrations-check: install-dev
	DJANGO_SETTINGS_MODULE=mentormesh.test_settings $(BIN)/mentormesh manage makemigrations --check --dry-run

check: lint typecheck migrations-check test

## Re-pin every dependency after editing pyproject.toml.
lock: install-dev
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -q -o requirements/runtime.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --extra spark --python-version 3.11 --generate-hashes -q -o requirements/dev.lock

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
