"""CycloneDX inventory of third-party components from lock files and manifests.

Read (anywhere in the tree, outside dependency directories): composer.lock,
package-lock.json, yarn.lock, bower.json, requirements*.txt, pom.xml, and
``package.json``/``composer.json`` when no lock file stands beside them (their
versions are the declared ranges, so the component carries the property
``repospbe:version-kind = declared-range`` and its purl has no version); plus the
libraries recognised by their content in bundled files. A manifest that cannot be
parsed is a finding, not a crash.
"""

from __future__ import annotations

import json
import os
import re
import uuid
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from cyclonedx.model import Property
from cyclonedx.model.bom import Bom
from cyclonedx.model.component import Component, ComponentType
from cyclonedx.model.dependency import Dependency
from cyclonedx.output.json import JsonV1Dot6
from packageurl import PackageURL

from repospbe.findings import Finding, Severity
from repospbe.scanners.base import ThirdParty

RANGE_PROPERTY = "repospbe:version-kind"
Item = tuple[str, str, str, str]  # (purl type, namespace/name, version, source file)
_SKIP_DIRS = {"node_modules", "vendor", "bower_components", ".git"}


def _composer(text: str) -> Iterator[tuple[str, str, str]]:
    data = json.loads(text)
    for pkg in [*data.get("packages", []), *data.get("packages-dev", [])]:
        yield "composer", str(pkg["name"]), str(pkg.get("version", ""))


def _npm_lock(text: str) -> Iterator[tuple[str, str, str]]:
    data = json.loads(text)
    for key, pkg in (data.get("packages") or {}).items():
        if key.startswith("node_modules/") or "/node_modules/" in key:
            yield "npm", key.rsplit("node_modules/", 1)[1], str(pkg.get("version", ""))
    if not data.get("packages"):
        for name, pkg in (data.get("dependencies") or {}).items():
            yield "npm", name, str(pkg.get("version", ""))


_YARN_HEAD = re.compile(r'^"?((?:@[^@/"]+/)?[^@"\s,]+)@')
_YARN_VERSION = re.compile(r'^\s+version:?\s+"?([^"\s]+)"?')


def _yarn(text: str) -> Iterator[tuple[str, str, str]]:
    name = ""
    for line in text.splitlines():
        head = _YARN_HEAD.match(line) if line and not line[0].isspace() else None
        if head:
            name = head.group(1)
            continue
        ver = _YARN_VERSION.match(line)
        if ver and name:
            yield "npm", name, ver.group(1)
            name = ""


def _bower(text: str) -> Iterator[tuple[str, str, str]]:
    data = json.loads(text)
    for name, spec in sorted({**data.get("dependencies", {}), **data.get("devDependencies", {})}.items()):
        yield "bower", name, str(spec)


_REQ = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:==\s*([^\s;#]+))?")


def _requirements(text: str) -> Iterator[tuple[str, str, str]]:
    for line in text.splitlines():
        if line.strip().startswith(("#", "-")):
            continue
        match = _REQ.match(line)
        if match:
            yield "pypi", match.group(1).lower(), match.group(2) or ""


def _pom(text: str) -> Iterator[tuple[str, str, str]]:
    root = ET.fromstring(text)
    ns = root.tag.split("}")[0] + "}" if root.tag.startswith("{") else ""
    for dep in root.iter(f"{ns}dependency"):
        group = dep.findtext(f"{ns}groupId") or ""
        artifact = dep.findtext(f"{ns}artifactId") or ""
        yield "maven", f"{group}/{artifact}", dep.findtext(f"{ns}version") or ""


def _package_json(text: str) -> Iterator[tuple[str, str, str]]:
    data = json.loads(text)
    for section in ("dependencies", "devDependencies", "optionalDependencies"):
        for name, spec in sorted((data.get(section) or {}).items()):
            yield "npm", str(name), str(spec)


def _composer_json(text: str) -> Iterator[tuple[str, str, str]]:
    data = json.loads(text)
    for section in ("require", "require-dev"):
        for name, spec in sorted((data.get(section) or {}).items()):
            if "/" in name:  # not php itself nor ext-*/lib-* platform packages
                yield "composer", str(name), str(spec)


# A manifest read only when no lock file beside it gives the resolved versions.
DECLARED = {
    "package.json": ("package-lock.json", "yarn.lock", "pnpm-lock.yaml", "npm-shrinkwrap.json"),
    "composer.json": ("composer.lock",),
}

_PARSERS: list[tuple[Callable[[str], bool], Callable[[str], Iterator[tuple[str, str, str]]]]] = [
    (lambda n: n == "composer.lock", _composer),
    (lambda n: n == "package-lock.json", _npm_lock),
    (lambda n: n == "yarn.lock", _yarn),
    (lambda n: n == "bower.json", _bower),
    (lambda n: n.startswith("requirements") and n.endswith(".txt"), _requirements),
    (lambda n: n == "pom.xml", _pom),
    (lambda n: n == "package.json", _package_json),
    (lambda n: n == "composer.json", _composer_json),
]


def manifests(tree: Path) -> tuple[list[Item], list[Finding]]:
    items: list[Item] = []
    problems: list[Finding] = []
    for dirpath, dirnames, filenames in os.walk(tree):
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIP_DIRS)
        for name in sorted(filenames):
            parser = next((p for match, p in _PARSERS if match(name)), None)
            if parser is None or any(lock in filenames for lock in DECLARED.get(name, ())):
                continue
            rel = (Path(dirpath) / name).relative_to(tree).as_posix()
            try:
                text = (Path(dirpath) / name).read_text(encoding="utf-8")
                items += [(kind, pkg, ver, rel) for kind, pkg, ver in parser(text)]
            except (ValueError, KeyError, TypeError, AttributeError, ET.ParseError, OSError) as exc:
                problems.append(
                    Finding.make(
                        "third-party.manifest-invalid",
                        Severity.LOW,
                        "third-party.manifest-invalid.msg",
                        path=rel,
                        hint="third-party.manifest-invalid.hint",
                        error=str(exc)[:200],
                    )
                )
    return items, problems


def _component(kind: str, name: str, version: str, source: str) -> Component:
    namespace, _, short = name.rpartition("/")
    declared = Path(source).name in DECLARED
    purl = None
    if kind != "bower" and short:
        exact = None if declared else version or None
        purl = PackageURL(type=kind, namespace=namespace or None, name=short, version=exact)
    ref = f"{purl.to_string() if purl else f'{kind}:{name}@{version}'}#{source}"
    props = [Property(name=RANGE_PROPERTY, value="declared-range")] if declared else []
    return Component(
        name=name, version=version or None, type=ComponentType.LIBRARY, purl=purl, bom_ref=ref, properties=props
    )


def _register_dependencies(bom: Bom) -> None:
    """Give every component its (empty) dependency entry in one step.

    The library's output step registers them itself, one linear search per component
    (``Bom.register_dependency``): quadratic, 25 s for a 2,500-package lock file. This
    adds the same entries at once and answers the library's own calls from a set; the
    output is unchanged."""
    targets = [c for c in (bom.metadata.component, *bom.components) if c is not None]
    known = {id(d.ref) for d in bom.dependencies}
    bom.dependencies.update(Dependency(ref=c.bom_ref) for c in targets if id(c.bom_ref) not in known)
    known |= {id(c.bom_ref) for c in targets}
    general = bom.register_dependency

    def register(target: Any, depends_on: Any = None) -> None:
        if depends_on or id(target.bom_ref) not in known:
            general(target, depends_on)

    bom.register_dependency = register  # type: ignore[method-assign]


def build_sbom(tree: Path, tp: ThirdParty, name: str) -> tuple[str, int, list[Finding]]:
    """(CycloneDX 1.6 JSON, number of components, findings)."""
    items, problems = manifests(tree)
    items += [("bundled", lib, ver, path) for path, lib, ver in tp.libraries]
    seen: set[tuple[str, str, str]] = set()
    bom = Bom(serial_number=uuid.uuid5(uuid.NAMESPACE_URL, f"repospbe:{name}:{tree.name}"))
    bom.metadata.component = Component(name=name, type=ComponentType.APPLICATION, bom_ref=f"app:{name}")
    for kind, pkg, ver, source in items:
        if (kind, pkg, ver) in seen:
            continue
        seen.add((kind, pkg, ver))
        bom.components.add(_component(kind, pkg, ver, source))
    _register_dependencies(bom)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        text = JsonV1Dot6(bom).output_as_string(indent=2)
    return text + "\n", len(seen), problems
