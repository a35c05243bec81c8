# The README's two commands: `make demo` (install, then the flagship maps checked,
# compared and drawn) and `make test` (install, then the whole suite). Both install
# everything, Graphviz's `dot` included.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
ARGMAP := $(BIN)/argmap
JOSCELYN := arguments/joscelyn-2020-most-dangerous-alliance.yaml
GABUEV   := arguments/gabuev-2017-good-cop-bad-cop.yaml
OUT    ?= out

.PHONY: setup graphviz interop demo test lint typecheck unit docs gallery bench clean

setup: $(VENV)/.installed graphviz

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

graphviz:
	@scripts/install-graphviz.sh

interop: setup
	@scripts/install-interop.sh $(BIN)/python

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
	rm -rf $(VENV) $(OUT) .cache .pytest_cache .mypy_cache .ruff_cache
