"""data.example-record: example records are reported; in a production registry they block."""

from __future__ import annotations

import shutil
from pathlib import Path

from repospbe.engine import run_checks
from repospbe.registry import load_registry
from tests.registry_data.conftest import REPO_ROOT


def copy(tmp_path: Path) -> Path:
    root = tmp_path / "reg"
    shutil.copytree(REPO_ROOT / "registry", root / "registry")
    shutil.copytree(REPO_ROOT / "checks", root / "checks")
    return root


def examples(root: Path) -> list[tuple[str, str, int]]:
    found = run_checks(load_registry(root))
    return [(f.path, f.severity.value, f.line) for f in found if f.check_id == "data.example-record"]


def test_bundled_examples_are_reported_as_info(tmp_path: Path) -> None:
    assert examples(copy(tmp_path)) == [
        ("registry/apps/diskominfo/si-antrean/app.yaml", "info", 5),
        ("registry/dns/pengecualian-nama.yaml", "info", 16),
        ("registry/reviewers.yaml", "info", 7),
        ("registry/subdomains/si-antrean.yaml", "info", 5),
    ]


def test_a_production_registry_with_examples_gets_a_blocking_warning(tmp_path: Path) -> None:
    root = copy(tmp_path)
    inst = root / "registry" / "instance.yaml"
    inst.write_text(inst.read_text(encoding="utf-8") + "mode: produksi\n", encoding="utf-8")
    found = examples(root)
    assert [sev for _, sev, _ in found] == ["low"] * 4
    schema = [f for f in run_checks(load_registry(root)) if f.path.endswith("instance.yaml")]
    assert schema == []  # mode is a declared setting


def test_a_record_without_contoh_is_not_reported_and_contoh_must_be_boolean(tmp_path: Path) -> None:
    root = copy(tmp_path)
    app = root / "registry" / "apps" / "diskominfo" / "si-antrean" / "app.yaml"
    app.write_text(app.read_text(encoding="utf-8").replace("contoh: true\n", "contoh: 'ya'\n"), encoding="utf-8")
    found = run_checks(load_registry(root))
    assert [f.check_id for f in found if f.path == str(app.relative_to(root))] == ["schema.type"]
    assert "registry/apps/diskominfo/si-antrean/app.yaml" not in [p for p, _, _ in examples(root)]
