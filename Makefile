# The three commands a newcomer needs: `make install`, `make test`, `make build`
# (`make serve` previews with live reload). See README.md.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

# Material prints an end-of-life banner on every build; editors need not see it.
export NO_MKDOCS_2_WARNING := 1

.PHONY: install test build serve

install:
	scripts/install-system-packages.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	npm ci --no-audit --no-fund --silent

test:
	$(BIN)/python -m pytest

build:
	$(BIN)/mkdocs build --strict

serve:
	$(BIN)/mkdocs serve
