# repospbe: the two commands are `make demo` and `make test` (lint, then the whole suite).
# `make test-fast` runs the suite without the tests marked slow and without lint.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test test-fast install system-packages lint clean bench tag

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

test: lint system-packages
	$(BIN)/python -m pytest -n 2 --dist loadgroup

test-fast: install system-packages
	$(BIN)/python -m pytest -n 2 --dist loadgroup -m "not slow"

# The same checks as .pre-commit-config.yaml (run directly: no git hooks or hook repositories needed).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m mypy --strict

# The annotated release tag v<project.version> on HEAD: what pipelines (REPOSPBE_VERSION) and
# pre-commit (rev:) point to. Refuses a dirty tree or an existing tag (tests/gitlabci/test_version.py).
tag:
	@version=$$($(PYTHON) -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])') \
	  || { echo "make tag: project.version tidak terbaca di pyproject.toml" >&2; exit 2; }; \
	test -z "$$(git status --porcelain)" \
	  || { echo "make tag: pohon kerja tidak bersih; commit atau buang perubahan dulu" >&2; exit 1; }; \
	if git rev-parse -q --verify "refs/tags/v$$version" >/dev/null; then \
	  echo "make tag: tag v$$version sudah ada; naikkan project.version di pyproject.toml" >&2; exit 1; fi; \
	git tag -a "v$$version" -m "repospbe v$$version" && echo "tag v$$version dibuat pada $$(git rev-parse --short HEAD)"

bench: install
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
