# One command runner; CI (.ci/run) runs the same commands.
PYTHON ?= python

.PHONY: install test test-pg lint format typecheck docs ci demo

install:  ## install the package with the development extras
	$(PYTHON) -m pip install -e ".[dev]"

test:  ## the test suite (PostgreSQL too when FACTLEDGER_TEST_PG is set)
	$(PYTHON) -m pytest

test-pg:  ## the test suite with the store tests also on PostgreSQL (127.0.0.1:5432, database test)
	FACTLEDGER_TEST_PG=1 $(PYTHON) -m pytest

lint:  ## ruff lint
	ruff check factledger tests

format:  ## ruff format
	ruff format factledger tests docs

typecheck:  ## mypy in strict mode on the package
	mypy --strict factledger

docs:  ## regenerate docs/cli.md and docs/settings.md from the code
	$(PYTHON) docs/generate.py

demo:  ## ingest the demo corpus into ./factledger.db
	factledger demo

ci:  ## everything CI runs
	.ci/run
