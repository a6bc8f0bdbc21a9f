# One command for each job; each creates .venv and installs what it needs.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint install bench clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/ceasefire demo

lint: $(STAMP)
	$(BIN)/ruff check ceasefire tests

test: $(STAMP) lint
	$(BIN)/python -m pytest
	$(BIN)/ceasefire evaluate tests/gold/dev.jsonl --min-event-f1 $$(cat tests/gold/MIN_EVENT_F1)

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) *.egg-info ceasefire.duckdb report.html
