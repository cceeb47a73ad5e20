# `make run` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
FILE ?= events.toml

.PHONY: run test lint bench screenshot clean

# Reinstall only when the project's metadata changes, so a second run starts at once.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/timeline $(FILE)

lint: $(STAMP)
	$(BIN)/ruff check timeline tests benchmarks
	$(BIN)/ruff format --check timeline tests benchmarks
	$(BIN)/mypy --strict timeline tests
	$(BIN)/mypy --strict benchmarks  # apart: both hold a hostile.py

test: lint
	$(BIN)/pytest -n 2

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# The README's picture of the HTML page, taken again in headless Chromium.
screenshot: $(STAMP)
	TIMELINE_SCREENSHOT=update $(BIN)/pytest -q tests/test_html_browser.py -k readme_screenshot

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
