"""docs/panduan/aturan-keamanan.md is generated from checks/semgrep and must be current."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
SCRIPT = REPO_ROOT / "scripts" / "gen_semgrep_rules_doc.py"
PAGE = REPO_ROOT / "docs" / "panduan" / "aturan-keamanan.md"


def test_rules_page_is_up_to_date() -> None:
    proc = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_rules_page_lists_every_rule_with_its_fix() -> None:
    page = PAGE.read_text("utf-8")
    for rule_file in sorted((REPO_ROOT / "checks" / "semgrep").glob("*/*.yaml")):
        for rule in yaml.safe_load(rule_file.read_text("utf-8"))["rules"]:
            assert f"#### `{rule['id']}`" in page
            assert rule["metadata"]["fix_id"] in page


def test_check_mode_fails_on_a_stale_page(tmp_path: Path) -> None:
    """--check compares against the real page; a copy of the script next to a stale page must fail."""
    (tmp_path / "scripts").mkdir()
    (tmp_path / "docs" / "panduan").mkdir(parents=True)
    (tmp_path / "scripts" / SCRIPT.name).write_text(SCRIPT.read_text("utf-8"), "utf-8")
    (tmp_path / "checks").symlink_to(REPO_ROOT / "checks", target_is_directory=True)
    (tmp_path / "docs" / "panduan" / PAGE.name).write_text(PAGE.read_text("utf-8") + "\nsuntingan tangan\n", "utf-8")
    proc = subprocess.run(
        [sys.executable, str(tmp_path / "scripts" / SCRIPT.name), "--check"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 1
    assert "tidak mutakhir" in proc.stdout
