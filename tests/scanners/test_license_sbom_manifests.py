"""Licence file names beyond LICENSE; an SBOM from manifests without lock files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from repospbe.pipeline.scan import scan_tree
from repospbe.source import SourceCache
from tests.scanners.conftest import options, write_app

MIT = "MIT License\n\nCopyright (c) 2026 Pemerintah Kota Contoh\n"


def _outcome(tmp_path: Path, files: dict[str, str], scanner: str):  # type: ignore[no-untyped-def]
    cache = SourceCache(tmp_path / "cache")
    [out] = scan_tree(cache.directory_tree(write_app(tmp_path / "app", files)), options(), cache, only=(scanner,))
    return out


@pytest.mark.parametrize("name", ["COPYING", "COPYING.txt", "LICENSE.md", "LICENCE", "LICENCE.txt", "license-MIT.md"])
def test_licence_file_names(tmp_path: Path, name: str) -> None:
    out = _outcome(tmp_path, {name: MIT, "a.py": "x = 1\n"}, "license")
    assert "license.file-missing" not in {f.check_id for f in out.result.findings}


@pytest.mark.parametrize("name", ["LICENSES_NOTE", "README.md", "docs/LICENSE"])
def test_not_a_licence_file(tmp_path: Path, name: str) -> None:
    out = _outcome(tmp_path, {name: MIT, "a.py": "x = 1\n"}, "license")
    assert "license.file-missing" in {f.check_id for f in out.result.findings}


def _components(tmp_path: Path, files: dict[str, str]) -> dict[str, dict[str, object]]:
    out = _outcome(tmp_path, files, "third-party")
    sbom = json.loads(dict(out.result.artifacts)["sbom.cdx.json"])
    return {c["name"]: c for c in sbom.get("components", [])}


PACKAGE = {"dependencies": {"axios": "^1.6.0", "@vue/compiler-sfc": "~3.4.0"}, "devDependencies": {"vite": "5.0.0"}}
COMPOSER = {"require": {"php": "^8.1", "ext-json": "*", "laravel/framework": "^10.10"}, "require-dev": {"a/b": "1.*"}}


def test_package_json_without_lock_gives_declared_ranges(tmp_path: Path) -> None:
    comps = _components(tmp_path, {"package.json": json.dumps(PACKAGE), "composer.json": json.dumps(COMPOSER)})
    assert set(comps) == {"axios", "@vue/compiler-sfc", "vite", "laravel/framework", "a/b"}
    axios = comps["axios"]
    assert axios["version"] == "^1.6.0"
    assert axios["purl"] == "pkg:npm/axios"
    assert {"name": "repospbe:version-kind", "value": "declared-range"} in axios["properties"]  # type: ignore[operator]
    assert comps["laravel/framework"]["version"] == "^10.10"


def test_a_lock_file_wins_over_the_manifest(tmp_path: Path) -> None:
    lock = {"lockfileVersion": 3, "packages": {"": {}, "node_modules/axios": {"version": "1.6.2"}}}
    files = {"package.json": json.dumps(PACKAGE), "package-lock.json": json.dumps(lock)}
    comps = _components(tmp_path, files)
    assert set(comps) == {"axios"} and comps["axios"]["version"] == "1.6.2"
    assert "properties" not in comps["axios"] or not comps["axios"]["properties"]
