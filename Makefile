# Both entry points create .venv and install the project when it is missing or stale.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: test demo demo-terminal lint typecheck bench run clean mutation messages

$(STAMP): pyproject.toml
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

typecheck: $(STAMP)
	$(VENV)/bin/mypy

test: lint typecheck
	$(VENV)/bin/pytest

demo: $(STAMP)
	$(VENV)/bin/python -m harness.demo

# The same core through the plain-text front end (terminal/): no Slack, no emulator.
demo-terminal: $(STAMP)
	$(VENV)/bin/python -m harness.terminal_demo

# Mutation testing of the rules that decide outcomes (minutes; not part of `make test`).
mutation: $(STAMP)
	$(VENV)/bin/python -m tests.mutation

# The Slack front end's words as a gettext template, for translators (a French catalog is a
# .po made from it under handlers/messages/locale/<language>/LC_MESSAGES/consensus.po).
messages: $(STAMP)
	$(VENV)/bin/pybabel extract --no-default-keywords -k N_ -k Np_:1,2 -k Subcommand:3 -o messages.pot handlers

bench: $(STAMP)
	$(VENV)/bin/python -m tests.bench.run_bench

run: $(STAMP)
	$(VENV)/bin/consensus-bot run

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache .import_linter_cache
