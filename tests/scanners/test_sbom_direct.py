"""The SBOM written directly is the document the CycloneDX library writes, and valid CycloneDX 1.6."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator

from repospbe.scanners import sbom
from repospbe.scanners.base import ThirdParty
from tests.scanners.sbom_library import library_sbom

NPM_LOCK = {
    "name": "app",
    "lockfileVersion": 3,
    "packages": {
        "": {"name": "app", "version": "1.0.0"},
        "node_modules/@scope/kit": {"version": "2.0.0-rc.1+build.5"},
        "node_modules/left-pad": {"version": "1.3.0"},
        "node_modules/left-pad/node_modules/zeta": {"version": "0.1.0"},
        "node_modules/Zed": {"version": "1.0.0"},
        "node_modules/naïve": {"version": "1.0.0"},
        "node_modules/no-version": {},
        "node_modules/same": {"version": "1.0.0"},
    },
}
COMPOSER_LOCK = {
    "packages": [{"name": "laravel/framework", "version": "v10.48.4"}, {"name": "same", "version": "1.0.0"}],
    "packages-dev": [{"name": "phpunit/phpunit", "version": "10.5.0"}],
}
TREE = {
    "package-lock.json": json.dumps(NPM_LOCK),
    "package.json": json.dumps({"dependencies": {"ignored-beside-lock": "1"}}),
    "api/composer.lock": json.dumps(COMPOSER_LOCK),
    "web/yarn.lock": '"@babel/core@^7.0.0":\n  version "7.24.0"\n\nlodash@^4:\n  version "4.17.21"\n',
    "web/bower.json": json.dumps({"dependencies": {"jquery": "~3.7", "bootstrap": "5"}}),
    "tools/requirements-dev.txt": "Django==4.2.11\nrequests\n# comment\n-r base.txt\nPyYAML[libyaml] == 6.0.1\n",
    "java/pom.xml": (
        '<project xmlns="http://maven.apache.org/POM/4.0.0"><dependencies><dependency>'
        "<groupId>org.example</groupId><artifactId>lib</artifactId><version>1.2</version>"
        "</dependency></dependencies></project>"
    ),
    "ui/package.json": json.dumps({"dependencies": {"vue": "^3.4", "@vue/x": "~1"}, "devDependencies": {"vite": "5"}}),
    "legacy/composer.json": json.dumps({"require": {"php": "^8.1", "monolog/monolog": "^3"}}),
}
BUNDLED = ThirdParty(
    (),
    ("public/jquery.min.js", "public/lodash.min.js"),
    (
        ("public/jquery.min.js", "jQuery", "3.7.1"),
        ("public/lodash.min.js", "Lodash", ""),
        ("x/jq.js", "jQuery", "3.7.1"),
    ),
)


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def _without_timestamp(text: str) -> dict[str, object]:
    data = json.loads(text)
    data["metadata"].pop("timestamp")
    return data


def _lock(packages: int) -> str:
    entries: dict[str, object] = {"": {"name": "app", "version": "1.0.0"}}
    for i in range(packages):
        entries[f"node_modules/@scope/p{i % 7}-{i}"] = {"version": f"1.{i % 13}.{i}"}
    return json.dumps({"name": "app", "lockfileVersion": 3, "packages": entries})


@pytest.mark.parametrize(
    ("files", "tp"),
    [
        (TREE, BUNDLED),
        ({"package-lock.json": _lock(400)}, ThirdParty()),
        ({"README.md": "no manifests\n"}, ThirdParty()),
        ({"README.md": "only bundled\n"}, BUNDLED),
    ],
    ids=["every-manifest-kind", "large-lock", "empty", "bundled-only"],
)
def test_same_document_as_the_library(tmp_path: Path, files: dict[str, str], tp: ThirdParty) -> None:
    tree = _write(tmp_path / "app", files)
    direct, count, problems = sbom.build_sbom(tree, tp, name="app")
    assert not problems
    assert _without_timestamp(direct) == _without_timestamp(library_sbom(tree, tp, "app"))
    assert len(json.loads(direct).get("components", [])) == count
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(direct) is None


def test_byte_for_byte_but_the_timestamp(tmp_path: Path) -> None:
    tree = _write(tmp_path / "app", TREE)
    direct, _, _ = sbom.build_sbom(tree, BUNDLED, name="app")
    library = library_sbom(tree, BUNDLED, "app")
    stamp = json.loads(direct)["metadata"]["timestamp"]
    assert direct.replace(stamp, "T") == library.replace(json.loads(library)["metadata"]["timestamp"], "T")


def test_a_package_named_twice_gets_distinct_references(tmp_path: Path) -> None:
    # The same name in dependencies and devDependencies: one purl, two declared ranges.
    tree = _write(
        tmp_path / "app", {"package.json": json.dumps({"dependencies": {"a": "1"}, "devDependencies": {"a": "2"}})}
    )
    text, count, _ = sbom.build_sbom(tree, ThirdParty(), name="app")
    refs = [c["bom-ref"] for c in json.loads(text)["components"]]
    assert count == 2 and refs == ["pkg:npm/a#package.json", "pkg:npm/a#package.json-2"]
    assert sorted(d["ref"] for d in json.loads(text)["dependencies"]) == sorted(["app:app", *refs])
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(text) is None


def test_hostile_names_stay_valid_json_and_cyclonedx(tmp_path: Path) -> None:
    lock = {
        "lockfileVersion": 3,
        "packages": {'node_modules/a"b\\c\u2028': {"version": "1\n2"}, "node_modules/%2e": {}},
    }
    tree = _write(tmp_path / "app", {"package-lock.json": json.dumps(lock)})
    text, _, _ = sbom.build_sbom(tree, ThirdParty(), name="app")
    assert _without_timestamp(text) == _without_timestamp(library_sbom(tree, ThirdParty(), "app"))
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(text) is None
