"""Secrets without the flood: lock files, package hashes and translation labels are not
secrets; the four planted real secrets are all found (real detect-secrets runs)."""

from __future__ import annotations

import json
from pathlib import Path

from repospbe.pipeline.scan import scan_tree
from repospbe.scanners.base import ScanOptions
from repospbe.source import SourceCache
from tests.scanners import secrets_fixture
from tests.scanners.conftest import write_app


def _found(tmp_path: Path, tree: Path) -> set[tuple[str, int]]:
    cache = SourceCache(tmp_path / "cache")
    [out] = scan_tree(cache.directory_tree(tree), ScanOptions(), cache, only=("secrets",))
    return {(f.path, f.line) for f in out.result.findings if f.check_id.startswith("secrets.")}


def test_all_four_planted_secrets_and_nothing_else(tmp_path: Path) -> None:
    tree = secrets_fixture.write(tmp_path / "app")
    assert _found(tmp_path, tree) == secrets_fixture.PLANTED


def test_the_fixture_really_floods_plain_detect_secrets(tmp_path: Path) -> None:
    """The calibration is meaningful: without our filters the same tree gives hundreds."""
    import subprocess

    from repospbe.scanners.base import tool_path

    tree = secrets_fixture.write(tmp_path / "app")
    out = subprocess.run(
        [tool_path("detect-secrets", {}), "scan", "--all-files", "--no-verify", "."],
        cwd=tree,
        capture_output=True,
        check=True,
    )
    results = json.loads(out.stdout)["results"]
    assert sum(len(v) for v in results.values()) > 500


def test_secrets_outside_the_skipped_places_are_still_found(tmp_path: Path) -> None:
    files = {
        "lang.php": "<?php\n$password = 'Xy9#kLm2$Qw8';\n",  # a file named lang, not a lang directory
        "src/locales.js": "const token = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';\n",
        "config/database.php": "<?php\nreturn ['password' => 'Pusher App Secret', 'key' => 'AKIAQ3EGUW7R5XYZ2ABD'];\n",
        "yarn.lock.js": "const secret = 'AKIAQ3EGUW7R5XYZ2ABE';\n",
    }
    found = _found(tmp_path, write_app(tmp_path / "app", files))
    assert {p for p, _ in found} == {"lang.php", "src/locales.js", "config/database.php", "yarn.lock.js"}
