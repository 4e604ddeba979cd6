"""The example app's source: a git bundle pinned in app.yaml, rebuilt deterministically, tests pass."""

from __future__ import annotations

import ast
import os
import shlex
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

from tests.helpers.git import git
from tests.registry_data.conftest import EXAMPLE, REPO_ROOT

BUNDLE = REPO_ROOT / "registry/sources/diskominfo/si-antrean.bundle"


def pinned() -> dict[str, str]:
    data = yaml.safe_load((EXAMPLE / "app.yaml").read_text(encoding="utf-8"))
    return {"repo": data["sumber"]["repo"], "commit": data["sumber"]["commit"], "test": data["perintah_uji"]}


def test_bundle_verifies_and_holds_the_pinned_commit(tmp_path: Path) -> None:
    pin = pinned()
    assert pin["repo"] == "registry/sources/diskominfo/si-antrean.bundle"
    git(tmp_path, "init", "-q")
    git(tmp_path, "bundle", "verify", str(BUNDLE))
    heads = git(tmp_path, "bundle", "list-heads", str(BUNDLE)).split()
    assert heads == [pin["commit"], "refs/heads/main"]


def test_rebuild_yields_the_same_commit(tmp_path: Path) -> None:
    out = tmp_path / "ulang.bundle"
    proc = subprocess.run(
        ["bash", str(REPO_ROOT / "scripts/build-example-source.sh"), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert proc.stdout.strip() == pinned()["commit"]
    assert out.is_file()


def test_documents_name_the_pinned_commit() -> None:
    sha = pinned()["commit"]
    for kind in ("pengujian", "bast"):
        assert f"`{sha}`" in (EXAMPLE / f"{kind}.md").read_text(encoding="utf-8"), kind


def test_pinned_source_tests_pass_and_write_junit(tmp_path: Path) -> None:
    pin = pinned()
    src = tmp_path / "si-antrean"
    git(tmp_path, "clone", "-q", str(BUNDLE), str(src))
    git(src, "checkout", "-q", pin["commit"])
    cmd = shlex.split(pin["test"])
    assert cmd[0] == "python"
    proc = subprocess.run(
        [sys.executable, *cmd[1:]],
        cwd=src,
        capture_output=True,
        text=True,
        timeout=120,
        # Its own temporary root: pytest prunes old runs' directories under the shared one (a minute
        # after many runs on one machine, and never ours to remove).
        env={"PATH": os.environ["PATH"], "HOME": str(tmp_path), "PYTEST_DEBUG_TEMPROOT": str(tmp_path)},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    suite = ET.parse(src / "hasil-uji/junit.xml").getroot().find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("13", "0", "0")


def test_every_procedure_is_documented() -> None:
    procedures = [
        node
        for path in sorted((REPO_ROOT / "examples/si-antrean").rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
    ]
    assert len(procedures) > 30
    assert [p.name for p in procedures if not ast.get_docstring(p)] == []
