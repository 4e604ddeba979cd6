# repospbe: the two commands are `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test install system-packages lint clean bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/pip check
	touch $(STAMP)

install: $(STAMP)

system-packages:
	bash scripts/ensure-system-packages.sh
	bash scripts/ensure-node-tools.sh

demo: install system-packages
	bash scripts/demo.sh

test: install system-packages
	$(BIN)/python -m pytest -n 2 --dist loadgroup

lint: install
	$(BIN)/python -m mypy

bench: install
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) build dist .pytest_cache
