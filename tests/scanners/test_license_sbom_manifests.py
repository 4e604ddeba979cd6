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


MIT_TEXT = MIT + "\nPermission is hereby granted, free of charge, to any person obtaining a copy\nof this software\n"
APACHE = "\n                                 Apache License\n                           Version 2.0, January 2004\n"
GPL3 = "                    GNU GENERAL PUBLIC LICENSE\n                       Version 3, 29 June 2007\n"
BSD3 = "Redistribution and use in source and binary forms, with or without\n...\n3. Neither the name of the\n"


@pytest.mark.parametrize(
    ("files", "spdx"),
    [
        ({"LICENSE": MIT_TEXT}, "MIT"),  # the text alone, no SPDX line, no manifest
        ({"LICENSE": APACHE}, "Apache-2.0"),
        ({"COPYING": GPL3}, "GPL-3.0"),
        ({"LICENSE": BSD3}, "BSD-3-Clause"),
        ({"LICENSE": "hak cipta\n", "pyproject.toml": '[project]\nname = "x"\nlicense = "EUPL-1.2"\n'}, "EUPL-1.2"),
        ({"LICENSE": "hak cipta\n", "pyproject.toml": '[project]\nlicense = {text = "MIT"}\n'}, "MIT"),
        ({"LICENSE": "SPDX-License-Identifier: AGPL-3.0-or-later\n" + MIT_TEXT}, "AGPL-3.0-or-later"),
    ],
)
def test_licence_recognised_without_a_record(tmp_path: Path, files: dict[str, str], spdx: str) -> None:
    out = _outcome(tmp_path, {**files, "a.py": "x = 1\n"}, "license")
    assert "license.spdx-missing" not in {f.check_id for f in out.result.findings}
    assert out.result.detail.startswith(f"lisensi {spdx},")


def test_unrecognised_licence_text_is_still_reported(tmp_path: Path) -> None:
    bad_toml = {"LICENSE": "Semua hak dilindungi.\n", "pyproject.toml": "[project\nlicense = 'MIT'\n"}
    out = _outcome(tmp_path, {**bad_toml, "a.py": "x = 1\n"}, "license")
    assert "license.spdx-missing" in {f.check_id for f in out.result.findings}
