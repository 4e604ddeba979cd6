"""The SBOM as the CycloneDX library writes it: the reference ``build_sbom`` is compared with.

This is the code ``repospbe.scanners.sbom`` used before it wrote the JSON itself (issue 19:
1.1 s for a 2,500-package lock file), kept for the tests only.
"""

from __future__ import annotations

import uuid
import warnings
from pathlib import Path
from typing import Any

from cyclonedx.model import Property
from cyclonedx.model.bom import Bom
from cyclonedx.model.component import Component, ComponentType
from cyclonedx.model.dependency import Dependency
from cyclonedx.output.json import JsonV1Dot6
from packageurl import PackageURL

from repospbe.scanners.base import ThirdParty
from repospbe.scanners.sbom import DECLARED, RANGE_PROPERTY, manifests


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
    """Every component's empty dependency entry at once (the library's own way is quadratic)."""
    targets = [c for c in (bom.metadata.component, *bom.components) if c is not None]
    known = {id(d.ref) for d in bom.dependencies}
    bom.dependencies.update(Dependency(ref=c.bom_ref) for c in targets if id(c.bom_ref) not in known)
    known |= {id(c.bom_ref) for c in targets}
    general = bom.register_dependency

    def register(target: Any, depends_on: Any = None) -> None:
        if depends_on or id(target.bom_ref) not in known:
            general(target, depends_on)

    bom.register_dependency = register  # type: ignore[method-assign]


def library_sbom(tree: Path, tp: ThirdParty, name: str) -> str:
    items, _problems = manifests(tree)
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
        return JsonV1Dot6(bom).output_as_string(indent=2) + "\n"
