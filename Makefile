# The three commands a newcomer needs: `make install`, `make test`, `make build`
# (`make serve` previews with live reload, `make kiosk` builds the information
# points' offline copy). See README.md.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

# Material prints an end-of-life banner on every build; editors need not see it.
export NO_MKDOCS_2_WARNING := 1

# The portal `make serve` previews: `make serve CONFIG=portals/zone/mkdocs.yml`.
CONFIG ?= mkdocs.yml

.PHONY: install test build serve kiosk edit print

install:
	scripts/install-system-packages.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	# `npm ci`: exactly the lock file, which it never rewrites (a fresh clone stays clean after install).
	npm ci --no-audit --no-fund --loglevel=error

# Test files side by side, one worker per core (at most 4: each builds the shared sites and runs a
# browser); a file's tests stay in one worker, which builds that file's sites once.
test:
	$(BIN)/python -m pytest --numprocesses auto --maxprocesses 4 --dist loadfile

# Every portal, strict: site/city/, site/zone/ (scripts/build.py --help).
# `make build BASE_URL=https://example.org/x/` serves them all under one address.
BASE_URL ?=
build:
	$(BIN)/python scripts/build.py $(if $(BASE_URL),--base-url $(BASE_URL))

serve:
	$(BIN)/portal --config $(CONFIG) serve

kiosk:
	$(BIN)/python scripts/build.py --kiosk

# Every portal's printed publications (investment guide, annual publication) into build/print/<portal>/,
# for proofreading; `make build` prints them too, onto each portal's Publications page (docs/publications.md).
print:
	$(BIN)/portal print

# The web editor on an editor's own machine: Decap's local proxy (decap-server, on 127.0.0.1 only,
# writing to this folder) and the preview; open http://127.0.0.1:8000/admin/ (docs/editors-guide.md).
edit:
	PORT=8081 BIND_HOST=127.0.0.1 MODE=fs GIT_REPO_DIRECTORY=$(CURDIR) LOG_LEVEL=warn node node_modules/decap-server/dist/index.js & \
	trap 'kill $$!' EXIT INT TERM; $(BIN)/portal --config $(CONFIG) serve
