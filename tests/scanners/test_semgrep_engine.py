"""semgrep's native command line (``--experimental``) answers exactly what its Python one answers.

``repospbe.scanners.semgrep`` runs the native (OCaml) command line because it starts in a fraction
of the time. These tests run both over the same named files with the rule pack and compare every
result (rule, file, position, severity, message, metadata) and every error, and prove that a rule's
own ``paths:`` filter still applies to files named one by one (without ``--project-root .`` the
native command line matched ``lang/`` against the bare file name and reported Laravel translations).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from repospbe.scanners.semgrep import scan_argv
from repospbe.scanners.targets import batches
from tests.checks.test_semgrep_rules import PACK, offline_env, semgrep_exe

APPS = Path(__file__).resolve().parents[1] / "fixtures" / "apps"
NATIVE = ("--experimental", "--project-root", ".")
TRANSLATION = "<?php\nreturn [\n    'password' => 'Heslo',\n    'token' => 'Tanda8karakter',\n];\n"
CONFIG = "<?php\n$config = [\n    'password' => 'Pontianak2024!',\n];\n"

pytestmark = pytest.mark.slow


def _tree(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    for app in ("laravel-kecamatan", "express-layanan", "vulnerable"):
        shutil.copytree(APPS / app, src / app)
    for where, text in (("lang/cs/auth.php", TRANSLATION), ("resources/lang/id/auth.php", TRANSLATION)):
        (src / where).parent.mkdir(parents=True, exist_ok=True)
        (src / where).write_text(text, "utf-8")
    (src / "app" / "Config").mkdir(parents=True)
    (src / "app" / "Config" / "kunci.php").write_text(CONFIG, "utf-8")
    (src / "app" / "Config" / "terjemahan.php").write_text(TRANSLATION, "utf-8")
    return src


def _named(src: Path) -> list[str]:
    return sorted(p.relative_to(src).as_posix() for p in src.rglob("*") if p.is_file())


def _run(argv: list[str], src: Path, tmp_path: Path) -> dict[str, Any]:
    out: dict[str, Any] = {"results": [], "errors": []}
    for batch in batches(_named(src)):
        proc = subprocess.run(
            [*argv, *batch], cwd=src, env=offline_env(tmp_path), capture_output=True, text=True, timeout=300
        )
        assert proc.returncode in (0, 1), proc.stderr[-4000:]
        data = json.loads(proc.stdout)
        out["results"] += data["results"]
        out["errors"] += data["errors"]
    return out


def _result(r: dict[str, Any]) -> str:
    extra = {k: r["extra"].get(k) for k in ("message", "metadata", "severity")}
    return json.dumps([r["check_id"], r["path"].removeprefix("./"), r["start"], r["end"], extra], sort_keys=True)


def _error(e: dict[str, Any]) -> str:
    return json.dumps([e.get("type"), e.get("level"), e.get("path", "").removeprefix("./")], sort_keys=True)


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("engine")
    src = _tree(tmp)
    ours = scan_argv(semgrep_exe(), PACK, 30, 5_000_000)
    assert all(flag in ours for flag in NATIVE), "the scanner's command line no longer runs the native engine"
    python_cli = [a for a in ours if a not in NATIVE]
    return _run(ours, src, tmp), _run(python_cli, src, tmp)


def test_native_and_python_command_lines_give_the_same_results(both: tuple[dict[str, Any], ...]) -> None:
    native, python_cli = both
    assert len(native["results"]) >= 20, "the fixture apps hold real weaknesses: too few results means a broken run"
    assert sorted(map(_result, native["results"])) == sorted(map(_result, python_cli["results"]))
    assert sorted(map(_error, native["errors"])) == sorted(map(_error, python_cli["errors"]))


def test_rule_path_filters_apply_to_named_files(both: tuple[dict[str, Any], ...]) -> None:
    native, _ = both
    hits = {r["path"].removeprefix("./") for r in native["results"] if r["check_id"].endswith("hardcoded-credential")}
    assert "app/Config/kunci.php" in hits
    assert "app/Config/terjemahan.php" in hits  # the same text outside a language folder is reported
    assert not {"lang/cs/auth.php", "resources/lang/id/auth.php"} & hits
