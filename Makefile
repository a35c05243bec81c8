# The README's two commands: `make demo` (install, then the flagship maps checked,
# compared and drawn) and `make test` (install, then the whole suite). Both install
# everything, Graphviz's `dot` included, the Python packages from the committed lock
# (requirements/lock.txt, every file's hash checked) and the Argdown CLI from its npm lock.
# `make lock` updates the Python lock; `make test-latest` runs the suite on the newest and
# the oldest releases the package's ranges allow, to see drift before it reaches anyone.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
ARGMAP := $(BIN)/argmap
JOSCELYN := arguments/joscelyn-2020-most-dangerous-alliance.yaml
GABUEV   := arguments/gabuev-2017-good-cop-bad-cop.yaml
OUT    ?= out
LOCK   := requirements/lock.txt
LATEST := .venv-latest
OLDEST := .venv-oldest

.PHONY: setup graphviz interop demo test lint typecheck unit docs gallery bench clean lock test-latest

setup: $(VENV)/.installed graphviz

# Exactly the lock, nothing resolved here: --no-deps, and the build backend comes from the
# lock too (--no-build-isolation), so a fresh machine next month installs what CI had today.
$(VENV)/.installed: pyproject.toml $(LOCK)
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check
	touch $@

# The newest releases within pyproject.toml's ranges, for every platform and Python 3.11+.
lock: setup
	$(BIN)/uv pip compile pyproject.toml requirements/build.in --extra dev --extra interop \
		--universal --python-version 3.11 --generate-hashes --upgrade --no-header -o $(LOCK)

# Not in CI: the newest releases the ranges allow, then the oldest (the lower bound of each
# runtime dependency), each in a venv of its own. `pip list --outdated` shows what the
# upper bounds hold back.
test-latest: setup interop
	rm -rf $(LATEST) $(OLDEST)
	$(PYTHON) -m venv $(LATEST)
	$(LATEST)/bin/python -m pip install --quiet --upgrade pip
	$(LATEST)/bin/python -m pip install --quiet --upgrade -e '.[dev,interop]'
	$(LATEST)/bin/python -m pip list --outdated
	$(LATEST)/bin/pytest
	$(BIN)/uv pip compile pyproject.toml --resolution lowest-direct --python-version 3.11 --no-header \
		-o $(OLDEST).txt
	$(PYTHON) -m venv $(OLDEST)
	$(OLDEST)/bin/python -m pip install --quiet -r $(OLDEST).txt pytest hypothesis
	$(OLDEST)/bin/python -m pip install --quiet --no-deps -e .
	$(OLDEST)/bin/python -m pip list
	$(OLDEST)/bin/pytest -m 'not interop'

graphviz:
	@scripts/install-graphviz.sh

interop: setup
	@scripts/install-interop.sh

demo: setup
	$(ARGMAP) check arguments/
	$(ARGMAP) show $(GABUEV) --depth 2
	$(ARGMAP) compare $(JOSCELYN) $(GABUEV)
	$(ARGMAP) matrix arguments/
	mkdir -p $(OUT)
	$(ARGMAP) render $(JOSCELYN) -o $(OUT)/joscelyn.svg
	$(ARGMAP) render $(GABUEV) -o $(OUT)/gabuev.svg
	$(ARGMAP) render $(JOSCELYN) $(GABUEV) --compare -o $(OUT)/comparison.svg
	@echo "diagrams written to $(OUT)/"

lint: setup
	$(BIN)/ruff check src tests scripts bench
	$(BIN)/ruff format --check src tests scripts bench

typecheck: setup
	$(BIN)/mypy

unit: setup
	$(BIN)/pytest

test: setup interop lint typecheck unit

docs: setup
	$(BIN)/python scripts/cli_reference.py
	$(ARGMAP) schema -o docs/map.schema.json

gallery: setup
	$(BIN)/python -m argmap.gallery

bench: setup
	$(BIN)/python bench/generate.py
	$(BIN)/python bench/run.py --write docs/performance.md

clean:
	rm -rf $(VENV) $(LATEST) $(OLDEST) $(OLDEST).txt $(OUT) .cache .pytest_cache .mypy_cache .ruff_cache
