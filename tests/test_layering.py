"""The import graph of src/repospbe: no cycles, and the layers point one way.

Every ``import`` and ``from ... import`` (module level and inside functions) is
resolved: relative imports against their package, ``from package import module``
to the module. Layers, top down: the CLI (the ``repospbe.cli`` package and the entry points), then the
checks layer (``repospbe.checks``,
``repospbe.pipeline`` and ``repospbe.engine``, the library API that runs the checks),
then the domain packages. A domain module imports neither the checks layer's
``repospbe.checks`` nor the CLI; nothing below the CLI imports the CLI.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "repospbe"

CLI_PREFIXES = ("repospbe.cli", "repospbe.__main__", "repospbe.launch")
CHECKS_LAYER = ("repospbe.checks", "repospbe.pipeline", "repospbe.engine")


def _modules() -> dict[str, tuple[Path, bool]]:
    out: dict[str, tuple[Path, bool]] = {}
    for path in sorted((SRC / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        is_pkg = parts[-1] == "__init__"
        out[".".join(parts[:-1] if is_pkg else parts)] = (path, is_pkg)
    return out


def _targets(module: str, is_pkg: bool, node: ast.Import | ast.ImportFrom, known: set[str]) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        package = module.split(".") if is_pkg else module.split(".")[:-1]
        package = package[: len(package) - (node.level - 1)]
        base = ".".join([*package, *([base] if base else [])])
    return [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]


def _owner(name: str, known: set[str]) -> str | None:
    """The module ``name`` lives in (``repospbe.x.func`` -> ``repospbe.x``); None outside repospbe."""
    while name not in known and "." in name:
        name = name.rsplit(".", 1)[0]
    return name if name in known else None


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    graph: dict[str, set[str]] = {}
    for name, (path, is_pkg) in modules.items():
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for target in _targets(name, is_pkg, node, known):
                    owner = _owner(target, known)
                    if owner is not None and owner != name:
                        deps.add(owner)
        graph[name] = deps
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path ``a -> b -> ... -> a``, or None."""
    state: dict[str, int] = {}  # 1: on the stack, 2: done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == 1:
                return [*stack[stack.index(dep) :], dep]
            if dep not in state and (found := visit(dep)) is not None:
                return found
        stack.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)) is not None:
            return found
    return None


def _within(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") or module.startswith(p + "_") for p in prefixes)


def layer_violations(graph: dict[str, set[str]]) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for module, deps in graph.items():
        if _within(module, CLI_PREFIXES):
            continue
        for dep in deps:
            if _within(dep, CLI_PREFIXES) or (not _within(module, CHECKS_LAYER) and _within(dep, ("repospbe.checks",))):
                out.add((module, dep))
    return out


def test_the_graph_sees_relative_function_level_and_package_imports() -> None:
    graph = import_graph()
    assert "repospbe.checks.schema" in graph["repospbe.checks"]  # from repospbe.checks import schema
    assert "repospbe.dns.octodns" in graph["repospbe.cli.dns"]  # from repospbe.dns import ..., octodns
    assert "repospbe.catalogue.inject" in graph["repospbe.catalogue.mkdocs"]  # imported inside run_mkdocs
    assert "repospbe.registry.schema" in graph["repospbe.documents.rules"]


def test_find_cycle_reports_the_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycles() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_layers_point_one_way() -> None:
    found = layer_violations(import_graph())
    assert not found, "\n".join(f"{a} imports {b}" for a, b in sorted(found))


def test_the_layer_rule_catches_a_domain_import_of_checks_and_of_the_cli() -> None:
    graph = {
        "repospbe.subdomains.request": {"repospbe.checks", "repospbe.cli.options"},
        "repospbe.pipeline.run": {"repospbe.checks"},
        "repospbe.cli.app": {"repospbe.checks"},
        "repospbe.checks.base": {"repospbe.cli.registry"},
    }
    assert layer_violations(graph) == {
        ("repospbe.subdomains.request", "repospbe.checks"),
        ("repospbe.subdomains.request", "repospbe.cli.options"),
        ("repospbe.checks.base", "repospbe.cli.registry"),
    }
