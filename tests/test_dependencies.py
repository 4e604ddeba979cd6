"""The dependencies in pyproject.toml are exactly what the code imports.

Every third-party top-level module imported in src/repospbe (module level or inside a
function) maps, through the installed distributions, to a declared runtime dependency;
every declared runtime dependency is imported somewhere in src, or is listed below
with the reason it is needed without an import. Third-party imports in tests/ are
declared in the runtime dependencies or the ``test`` extra.
"""

from __future__ import annotations

import ast
import functools
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "repospbe"

# Declared runtime dependencies that are needed although no module imports them.
NOT_IMPORTED = {
    # Run as executables by the scanners (repospbe.scanners.base.DISTRIBUTIONS); their
    # versions are read from the installed distributions for the scan report.
    "semgrep": "scanner executable",
    "bandit": "scanner executable",
}
# Local top-level modules the tests import (not distributions).
LOCAL = {"repospbe", "tests", "benchmarks", "__future__"}
# Sources of example applications scanned by the tests, never imported by them.
TEST_FIXTURES = ROOT / "tests" / "fixtures"


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _names(specs: list[str]) -> set[str]:
    out = set()
    for spec in specs:
        m = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", spec)
        assert m, spec
        out.add(normalise(m[1]))
    return out


def declared() -> tuple[set[str], set[str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return _names(project["dependencies"]), _names(project["optional-dependencies"]["test"])


def third_party_imports(paths: list[Path]) -> dict[str, str]:
    """Top-level module -> one file importing it (absolute imports outside the stdlib)."""
    found: dict[str, str] = {}
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                tops = [a.name.split(".")[0] for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                tops = [node.module.split(".")[0]]
            else:
                continue
            for top in tops:
                if top not in sys.stdlib_module_names and top not in LOCAL:
                    found.setdefault(top, str(path.relative_to(ROOT)))
    return found


@functools.cache
def _installed() -> dict[str, list[str]]:
    return dict(importlib.metadata.packages_distributions())


def distributions(module: str) -> set[str]:
    dists = _installed().get(module, [])
    assert dists, f"{module} is imported but no installed distribution provides it"
    return {normalise(d) for d in dists}


def src_files() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def test_every_import_in_src_is_a_declared_runtime_dependency() -> None:
    runtime, _ = declared()
    missing = {
        f"{module} ({where}) -> {sorted(distributions(module))}"
        for module, where in third_party_imports(src_files()).items()
        if not distributions(module) & runtime
    }
    assert not missing, "imported but not declared: " + "; ".join(sorted(missing))


def test_every_declared_runtime_dependency_is_imported_or_explained() -> None:
    runtime, _ = declared()
    imported = set().union(*(distributions(m) for m in third_party_imports(src_files())))
    unused = runtime - imported - set(NOT_IMPORTED)
    assert not unused, f"declared but never imported in src/repospbe: {sorted(unused)}"
    stale = set(NOT_IMPORTED) & imported
    assert not stale, f"imported after all, drop from NOT_IMPORTED: {sorted(stale)}"
    assert set(NOT_IMPORTED) <= runtime


def test_the_unimported_dependencies_are_used_as_stated() -> None:
    from repospbe.catalogue.config import base_config
    from repospbe.scanners.base import DISTRIBUTIONS

    scanners = {k for k, why in NOT_IMPORTED.items() if why == "scanner executable"}
    imported = set().union(*(distributions(m) for m in third_party_imports(src_files())))
    # every scanner distribution is either run as an executable (and listed) or imported as a library
    assert scanners == {normalise(d) for d in DISTRIBUTIONS.values()} - imported
    assert base_config(ROOT)["theme"]["name"] == "material"


def test_test_imports_are_declared_in_runtime_or_the_test_extra() -> None:
    runtime, test = declared()
    files = [p for p in sorted((ROOT / "tests").rglob("*.py")) if TEST_FIXTURES not in p.parents]
    missing = {
        f"{module} ({where})"
        for module, where in third_party_imports(files).items()
        if not distributions(module) & (runtime | test)
    }
    assert not missing, "imported by tests but not declared: " + "; ".join(sorted(missing))


def test_test_only_packages_are_not_runtime_dependencies() -> None:
    runtime, test = declared()
    assert not runtime & test
    assert "octodns" in test and "octodns" not in runtime  # only tests load the octoDNS configuration
