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
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from packageurl import PackageURL

from repospbe.findings import Finding, Severity
from repospbe.scanners.base import ThirdParty

RANGE_PROPERTY = "repospbe:version-kind"
SCHEMA_URI = "http://cyclonedx.org/schema/bom-1.6.schema.json"
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


def _component(kind: str, name: str, version: str, source: str) -> dict[str, Any]:
    """One component as CycloneDX 1.6 JSON (keys in the order the CycloneDX library writes them)."""
    namespace, _, short = name.rpartition("/")
    declared = Path(source).name in DECLARED
    purl = None
    if kind != "bower" and short:
        exact = None if declared else version or None
        purl = PackageURL(type=kind, namespace=namespace or None, name=short, version=exact).to_string()
    out: dict[str, Any] = {"bom-ref": f"{purl or f'{kind}:{name}@{version}'}#{source}", "name": name}
    if declared:
        out["properties"] = [{"name": RANGE_PROPERTY, "value": "declared-range"}]
    if purl:
        out["purl"] = purl
    out["type"] = "library"
    if version:
        out["version"] = version
    return out


def _order(component: dict[str, Any]) -> tuple[str, bool, str, str]:
    """The CycloneDX library's order: name, then version (absent last), then bom-ref."""
    version = component.get("version")
    return component["name"], version is None, version or "", component["bom-ref"]


def _unique_refs(components: list[dict[str, Any]]) -> None:
    """A bom-ref already taken gets ``-2``, ``-3``, ... (a manifest may name a package twice,
    e.g. in ``dependencies`` and ``devDependencies``); the library would draw a random one."""
    taken: set[str] = set()
    for component in components:
        ref, n = component["bom-ref"], 1
        while ref in taken:
            n += 1
            ref = f"{component['bom-ref']}-{n}"
        component["bom-ref"] = ref
        taken.add(ref)


def build_sbom(tree: Path, tp: ThirdParty, name: str) -> tuple[str, int, list[Finding]]:
    """(CycloneDX 1.6 JSON, number of components, findings).

    Written directly: the document the CycloneDX library writes for the same components
    (``tests/scanners/test_sbom_direct.py`` compares them; the official 1.6 schema validates
    it), in 0.05 s instead of 1.1 s for a 2,500-package lock file: the library's object model
    compares whole components in sorted sets and searches its references linearly."""
    items, problems = manifests(tree)
    items += [("bundled", lib, ver, path) for path, lib, ver in tp.libraries]
    seen: set[tuple[str, str, str]] = set()
    components: list[dict[str, Any]] = []
    for kind, pkg, ver, source in items:
        if (kind, pkg, ver) not in seen:
            seen.add((kind, pkg, ver))
            components.append(_component(kind, pkg, ver, source))
    _unique_refs(components)
    components.sort(key=_order)
    app = {"bom-ref": f"app:{name}", "name": name, "type": "application"}
    doc: dict[str, Any] = {}
    if components:
        doc["components"] = components
    doc["dependencies"] = [{"ref": ref} for ref in sorted([app["bom-ref"], *(c["bom-ref"] for c in components)])]
    doc["metadata"] = {"component": app, "timestamp": datetime.now(UTC).isoformat()}
    doc["serialNumber"] = uuid.uuid5(uuid.NAMESPACE_URL, f"repospbe:{name}:{tree.name}").urn
    doc["version"] = 1
    doc |= {"$schema": SCHEMA_URI, "bomFormat": "CycloneDX", "specVersion": "1.6"}
    return json.dumps(doc, indent=2) + "\n", len(seen), problems
