"""Template drift: which apps were made from an older version of their template.

Each app records ``templat: {nama, versi}``; each template has
``templates/<nama>/templat.yaml`` with the current ``versi`` and its ``perubahan``.

Why not cruft: ``cruft check``/``cruft diff`` compare one generated project with its
template, and need that project's checkout with a ``.cruft.json`` (template git URL
and commit) and a clone of the template repository. Drift here is a registry-wide
question answered from the registry alone: the apps' source repositories are not in
the checkout, the templates live in-repo under ``templates/`` (no template repository
to clone, offline), and "behind" is a version with a changelog a reviewer reads, not a
file diff. So cruft was removed from the dependencies; cookiecutter still renders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from repospbe.yamlio import load_file

_NUM = re.compile(r"^(\d+)\.(\d+)\.(\d+)")


@dataclass(frozen=True)
class Drift:
    key: str
    path: str
    template: str
    version: str
    current: str | None  # None: the template (or its version file) does not exist
    changes: tuple[str, ...] = ()

    @property
    def behind(self) -> bool:
        return self.current is not None and version_key(self.version) < version_key(self.current)


def version_key(version: str) -> tuple[int, int, int]:
    m = _NUM.match(version)
    return (int(m[1]), int(m[2]), int(m[3])) if m else (-1, -1, -1)


def template_info(root: Path, name: str) -> tuple[str, list[dict[str, Any]]] | None:
    if "/" in name or name.startswith("."):
        return None
    rel = f"templates/{name}/templat.yaml"
    if not (root / rel).is_file():
        return None
    loaded = load_file(root / rel, rel)
    data = loaded.data if isinstance(loaded.data, dict) else {}
    version = data.get("versi")
    if not isinstance(version, str):
        return None
    raw = data.get("perubahan")
    changes: list[Any] = raw if isinstance(raw, list) else []
    return version, [c for c in changes if isinstance(c, dict)]


def drift_of(root: Path, key: str, path: str, record: Any) -> Drift | None:
    """The drift of one app record (None when it names no template)."""
    tpl = record.get("templat") if isinstance(record, dict) else None
    if not isinstance(tpl, dict) or not isinstance(tpl.get("nama"), str):
        return None
    name, version = tpl["nama"], str(tpl.get("versi", "0.0.0"))
    info = template_info(root, name)
    if info is None:
        return Drift(key, path, name, version, None)
    current, changes = info
    newer = tuple(
        f"{c.get('versi')}: {c.get('ringkasan', '')}"
        for c in changes
        if version_key(str(c.get("versi", ""))) > version_key(version)
    )
    return Drift(key, path, name, version, current, newer)


def lagging(root: Path, apps: dict[str, tuple[str, Any]]) -> tuple[list[Drift], int]:
    """Apps (``key: (record path, record data)``) behind their template or on an unknown version,
    and how many apps were made from a template at all."""
    drifts = [d for key, (path, data) in sorted(apps.items()) if (d := drift_of(root, key, path, data))]
    return [d for d in drifts if d.behind or d.current is None], len(drifts)
