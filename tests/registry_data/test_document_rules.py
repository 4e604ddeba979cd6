"""checks/documents.yaml: validated against its schema; a bad rules file blocks, never passes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from repospbe.engine import check_registry, exit_code
from repospbe.findings import Severity
from tests.helpers.cli import run_cli
from tests.registry_data.conftest import REPO_ROOT, MiniRegistry

RULES = "checks/documents.yaml"


def rules_findings(mini: MiniRegistry) -> list[tuple[str, str, int]]:
    return [(f.check_id, f.path, f.line) for f in check_registry(mini.root) if f.check_id.startswith("doc.rules")]


def edit_rules(mini: MiniRegistry, old: str, new: str) -> None:
    path = mini.root / RULES
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(mini: MiniRegistry, needle: str) -> int:
    return (mini.root / RULES).read_text(encoding="utf-8").splitlines().index(needle) + 1


def test_bundled_rules_validate_with_check_jsonschema() -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--schemafile",
            str(REPO_ROOT / "checks/schemas/documents.schema.json"),
            str(REPO_ROOT / RULES),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_schema_violation_is_critical_with_line(mini: MiniRegistry) -> None:
    mini.app("a", docs=("kebutuhan", "kak", "pengujian", "manual", "bast"))
    line = line_of(mini, "        min_kata: 30")
    edit_rules(mini, "        min_kata: 30", "        min_kata: 0")
    findings = check_registry(mini.root)
    assert [(f.check_id, f.path, f.line) for f in findings] == [("doc.rules-invalid", RULES, line)]
    assert findings[0].severity is Severity.CRITICAL and exit_code(findings) == 1
    assert findings[0].breadcrumb == "dokumen > kebutuhan > bagian > 1 > min_kata"


def test_unknown_kind_in_requirements(mini: MiniRegistry) -> None:
    line = line_of(mini, "    dokumen: [kebutuhan, kak]")
    edit_rules(mini, "    dokumen: [kebutuhan, kak]", "    dokumen: [kebutuhan, rencana]")
    assert rules_findings(mini) == [("doc.rules-invalid", RULES, line)]


def test_duplicate_file_name(mini: MiniRegistry) -> None:
    edit_rules(mini, "    berkas: kak.md", "    berkas: kebutuhan.md")
    lines = (mini.root / RULES).read_text(encoding="utf-8").splitlines()
    second = [i + 1 for i, x in enumerate(lines) if x == "    berkas: kebutuhan.md"][1]
    assert rules_findings(mini) == [("doc.rules-invalid", RULES, second)]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("versi: 1\nversi: 1\n", 2),  # duplicate key
        ("dokumen: [unclosed\n", 2),  # syntax error
        ("a: &x 1\nb: *x\n", 1),  # alias (reported at the anchored node)
        ("- just\n- a list\n", 1),  # wrong top-level type
        ("", 1),  # empty
    ],
)
def test_unreadable_rules_block(mini: MiniRegistry, text: str, line: int) -> None:
    mini.app("a")
    (mini.root / RULES).write_text(text, encoding="utf-8")
    findings = check_registry(mini.root)
    assert [f.check_id for f in findings] == ["doc.rules-invalid"]
    assert findings[0].path == RULES and findings[0].line == line and exit_code(findings) == 1


def test_missing_rules_file_blocks(mini: MiniRegistry) -> None:
    mini.app("a", docs=("kebutuhan", "kak", "pengujian", "manual", "bast"))
    (mini.root / RULES).unlink()
    assert rules_findings(mini) == [("doc.rules-missing", RULES, 0)]


def test_missing_rules_schema_blocks(mini: MiniRegistry) -> None:
    (mini.root / "checks/schemas/documents.schema.json").unlink()
    assert rules_findings(mini) == [("doc.rules-invalid", "checks/schemas/documents.schema.json", 0)]


@pytest.mark.parametrize("ref", ["../rahasia.yaml", "/etc/passwd.yaml", "checks/documents.json"])
def test_rules_reference_must_stay_inside(mini: MiniRegistry, ref: str) -> None:
    inst = mini.root / "registry/instance.yaml"
    inst.write_text(inst.read_text().replace("aturan_dokumen: checks/documents.yaml", f"aturan_dokumen: {ref}"))
    assert rules_findings(mini) == [("doc.rules-path", ref, 0)]


def test_symlinked_rules_are_refused(mini: MiniRegistry, tmp_path: Path) -> None:
    outside = tmp_path / "luar.yaml"
    outside.write_text((mini.root / RULES).read_text())
    (mini.root / RULES).unlink()
    (mini.root / RULES).symlink_to(outside)
    assert rules_findings(mini) == [("doc.rules-missing", RULES, 0)]


def test_cli_exit_code_and_english(mini: MiniRegistry, capsys: pytest.CaptureFixture[str]) -> None:
    edit_rules(mini, "versi: 1", "versi: 2")
    res = run_cli(capsys, "check", "--registry", str(mini.root), "--lang", "en", "--format", "json")
    assert res.code == 1
    assert '"check_id": "doc.rules-invalid"' in res.out and "Invalid document rules at versi" in res.out
