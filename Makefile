# The two commands a new machine needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.installed-runtime
DEV := $(VENV)/.installed-dev

.PHONY: demo test bench schemas docs clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "boconf needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUNTIME): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(DEV): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(RUNTIME)

# The compiled translations (an editable install does not run the build's compile step).
CATALOG := boconf/locale/it/LC_MESSAGES/boconf.mo
$(CATALOG): $(wildcard boconf/locale/*/LC_MESSAGES/*.po) | $(RUNTIME)
	$(BIN)/python tools/i18n.py compile > /dev/null

## demo: create .venv, install boconf, validate and lint org/, draw its charts into charts/
## and build its documentation site into site/ (both in Italian: the example is an Italian company)
demo: $(RUNTIME) $(CATALOG)
	$(BIN)/boconf validate org/
	$(BIN)/boconf check org/
	$(BIN)/boconf render org/ --all --format svg -o charts/ --lang it
	$(BIN)/boconf docs org/ -o site/ --lang it

## test: every check and test (ruff, format, mypy --strict, import-linter, schemas, pytest)
test: $(DEV) $(CATALOG)
	$(BIN)/ruff check boconf tests benchmarks tools
	$(BIN)/ruff format --check boconf tests benchmarks tools
	$(BIN)/mypy --strict boconf
	$(BIN)/lint-imports
	$(BIN)/boconf schema --check --out schemas
	$(BIN)/boconf rules --docs docs/rules.md --check
	$(BIN)/boconf rules --docs docs/rules.it.md --lang it --check
	bash .ci/test-deps
	$(BIN)/pytest

## bench: validate, check and diff vs a bare YAML load (and the cache, 1M and 2.1M positions);
## docs vs the renderer alone;
## import vs csv.DictReader plus writing the same bytes
bench: $(RUNTIME)
	$(BIN)/python benchmarks/bench_validate.py --large 1000000 2100000
	$(BIN)/python benchmarks/bench_docs.py
	$(BIN)/python benchmarks/bench_diff.py
	$(BIN)/python benchmarks/bench_import.py

## schemas: regenerate the committed JSON Schemas from the models
schemas: $(RUNTIME)
	$(BIN)/boconf schema --out schemas

## docs: regenerate the rule reference (English and Italian) from the registry
docs: $(RUNTIME)
	$(BIN)/boconf rules --docs docs/rules.md
	$(BIN)/boconf rules --docs docs/rules.it.md --lang it

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache bench-out site charts
