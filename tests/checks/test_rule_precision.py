"""Precision and recall of the rule pack on two realistic fixture apps (issue 17).

``tests/fixtures/apps/laravel-kecamatan`` and ``tests/fixtures/apps/express-layanan`` hold the
framework's safe idioms in quantity (Blade form builders, ``route()``/``url()``/``asset()``,
paginator output, ``Excel::download`` names, query-builder bindings, ``setTimeout(fn)``, a bundled
highlighter with ``token:`` keys) and a handful of real weaknesses listed in ``WEAKNESSES.yaml``.
semgrep runs the way ``repospbe scan`` runs it (one merged config, the same flags), offline.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from repospbe.scanners.semgrep import scan_argv
from tests.checks.test_semgrep_rules import PACK, all_rules, offline_env, semgrep_exe

APPS = Path(__file__).resolve().parents[1] / "fixtures" / "apps"
FIXTURES = ("laravel-kecamatan", "express-layanan")
BLOCKING = {"ERROR"}  # ERROR → high in repospbe.scanners.semgrep; high and critical block a merge request


def weaknesses(app: str) -> set[tuple[str, int, str]]:
    data = yaml.safe_load((APPS / app / "WEAKNESSES.yaml").read_text("utf-8"))
    return {(w["file"], int(w["line"]), w["rule"]) for w in data["weaknesses"]}


def scan(tmp_path: Path) -> dict[str, Any]:
    """One semgrep run over copies of both apps (outside the repo: semgrep ignores tests/ by default)."""
    src = tmp_path / "src"
    for app in FIXTURES:
        shutil.copytree(APPS / app, src / app)
    # An empty .semgrepignore at a project root (semgrep finds the root by git) replaces semgrep's built-in
    # ignore list, which skips every vendor/ folder: the rules must be quiet on Laravel's own
    # resources/views/vendor/ overrides too. Which folders a scan skips is repospbe.scanners' business.
    subprocess.run(["git", "init", "-q", str(src)], check=True, timeout=60)
    (src / ".semgrepignore").write_text("", "utf-8")
    argv = [*scan_argv(semgrep_exe(), PACK, 30, 5_000_000), *FIXTURES]  # the scanner's own command line
    proc = subprocess.run(argv, cwd=src, env=offline_env(tmp_path), capture_output=True, text=True, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr[-4000:]
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return scan(tmp_path_factory.mktemp("precision"))


def findings(result: dict[str, Any], app: str) -> set[tuple[str, int, str, str]]:
    prefix = f"{app}/"
    return {
        (r["path"].removeprefix(prefix), r["start"]["line"], r["check_id"], r["extra"]["severity"])
        for r in result["results"]
        if r["path"].startswith(prefix)
    }


@pytest.mark.slow
@pytest.mark.parametrize("app", FIXTURES)
def test_every_planted_weakness_is_found_at_its_line(results: dict[str, Any], app: str) -> None:
    found = {(f, line, rule) for f, line, rule, _ in findings(results, app)}
    assert sorted(weaknesses(app) - found) == []


@pytest.mark.slow
@pytest.mark.parametrize("app", FIXTURES)
def test_nothing_blocks_on_the_safe_idioms(results: dict[str, Any], app: str) -> None:
    planted = weaknesses(app)
    blocking = sorted(
        (f, line, rule)
        for f, line, rule, sev in findings(results, app)
        if sev in BLOCKING and (f, line, rule) not in planted
    )
    assert blocking == []


@pytest.mark.slow
@pytest.mark.parametrize("app", FIXTURES)
def test_no_finding_at_all_beyond_the_planted_ones(results: dict[str, Any], app: str) -> None:
    """Stricter than the gate: medium and low findings on safe idioms are noise too."""
    extra = sorted((f, line, rule) for f, line, rule, _ in findings(results, app))
    assert [x for x in extra if x not in weaknesses(app)] == []


@pytest.mark.slow
def test_semgrep_parsed_every_fixture_file(results: dict[str, Any]) -> None:
    assert [(e.get("path"), e.get("type")) for e in results["errors"]] == []
    scanned = set(results["paths"]["scanned"])
    assert "laravel-kecamatan/resources/views/vendor/pagination/bootstrap-4.blade.php" in scanned
    assert "express-layanan/public/js/lib/ace-mode-php.min.js" in scanned


@pytest.mark.parametrize("app", FIXTURES)
def test_weaknesses_file_points_at_real_lines_and_rules(app: str) -> None:
    ids = {rule["id"] for _, rule in all_rules()}
    for file, line, rule in weaknesses(app):
        assert rule in ids, rule
        lines = (APPS / app / file).read_text("utf-8").splitlines()
        assert 1 <= line <= len(lines) and lines[line - 1].strip(), (file, line)


def test_fixtures_hold_the_safe_idioms_in_quantity() -> None:
    """The precision claim means something only if the idioms that flooded real scans are there."""
    blade = "\n".join(p.read_text("utf-8") for p in (APPS / FIXTURES[0]).rglob("*.blade.php"))
    assert blade.count("{!! html()->") >= 100
    assert sum(blade.count(f"{{!! {fn}(") for fn in ("route", "url", "asset")) >= 25
    assert blade.count("->links(") >= 4
    php = "\n".join(p.read_text("utf-8") for p in (APPS / FIXTURES[0] / "app").rglob("*.php"))
    assert php.count("Excel::download(") >= 2 and php.count("->where(") >= 10
    js = "\n".join(p.read_text("utf-8") for p in (APPS / FIXTURES[1]).rglob("*.js"))
    assert js.count("setTimeout(") + js.count("setInterval(") >= 5
    assert js.count('token:"') >= 50
