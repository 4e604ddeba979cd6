"""The SBOM of a large lock file is the one the library writes by itself, only faster."""

from __future__ import annotations

import json
from pathlib import Path

from repospbe.scanners import sbom
from repospbe.scanners.base import ThirdParty


def _lock(packages: int) -> str:
    entries: dict[str, object] = {"": {"name": "app", "version": "1.0.0"}}
    for i in range(packages):
        entries[f"node_modules/@scope/p{i}"] = {"version": f"1.{i}.0", "license": "MIT"}
    return json.dumps({"name": "app", "lockfileVersion": 3, "packages": entries})


def _without_timestamp(text: str) -> dict[str, object]:
    data = json.loads(text)
    data["metadata"].pop("timestamp", None)
    return data


def test_same_document_as_the_library_alone(tmp_path: Path) -> None:
    (tmp_path / "package-lock.json").write_text(_lock(300), encoding="utf-8")
    tp = ThirdParty((), ("public/jquery.min.js",), (("public/jquery.min.js", "jquery", "3.7.1"),))
    fast, count, problems = sbom.build_sbom(tmp_path, tp, name="app")
    assert count == 301 and not problems

    def plain(bom: object) -> None:  # the library's own registration only
        return None

    original = sbom._register_dependencies
    sbom._register_dependencies = plain  # type: ignore[assignment]
    try:
        slow, _, _ = sbom.build_sbom(tmp_path, tp, name="app")
    finally:
        sbom._register_dependencies = original
    assert _without_timestamp(fast) == _without_timestamp(slow)
    deps = _without_timestamp(fast)["dependencies"]
    assert isinstance(deps, list) and len(deps) == 302  # the app and every component, once each
