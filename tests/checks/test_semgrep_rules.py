"""The local semgrep rule pack ``checks/semgrep``: rule tests, metadata, and the fixture apps.

Runs the real semgrep from the virtualenv, offline (``--metrics=off --disable-version-check``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
PACK = REPO_ROOT / "checks" / "semgrep"
APPS = REPO_ROOT / "tests" / "fixtures" / "apps"
LANGUAGES = ("php", "javascript", "python", "java")
CATEGORIES = (
    "sqli",
    "cmdi",
    "code-injection",
    "xss",
    "path-traversal",
    "secrets",
    "weak-hash",
    "tls",
    "debug",
    "upload",
)
# Families added for issue 17 (open redirect, SSRF, cookie flags, weak randomness), in every language.
EXTRA_CATEGORIES = {cat: LANGUAGES for cat in ("redirect", "ssrf", "cookie", "weak-random")}
ID_RE = re.compile(r"^repospbe\.(?P<lang>[a-z]+)\.(?P<cat>[a-z-]+)\.[a-z0-9]+(-[a-z0-9]+)*$")
TEST_EXTENSIONS = {
    "php": {".php"},
    "javascript": {".js", ".jsx"},
    "typescript": {".ts", ".tsx"},
    "python": {".py"},
    "java": {".java"},
}
ID_WORDS = {"yang", "dari", "dan", "dengan", "tanpa", "dapat", "atau", "ke", "di", "dalam", "siapa"}
EN_WORDS = {"the", "a", "an", "is", "are", "and", "of", "on", "to", "from", "with", "without", "can", "into", "anyone"}


def semgrep_exe() -> str:
    """The virtualenv's semgrep (the one `make install` put next to this Python)."""
    beside = Path(sys.executable).parent / "semgrep"
    found = str(beside) if beside.exists() else shutil.which("semgrep")
    if not found:
        pytest.fail("semgrep tidak ditemukan di virtualenv; jalankan `make install`")
    return found


def offline_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env.update({"HOME": str(home), "SEMGREP_SEND_METRICS": "off", "SEMGREP_ENABLE_VERSION_CHECK": "0"})
    return env


def rule_files() -> list[Path]:
    return sorted(PACK.glob("*/*.yaml"))


def all_rules() -> list[tuple[Path, dict[str, Any]]]:
    return [(f, rule) for f in rule_files() for rule in yaml.safe_load(f.read_text("utf-8"))["rules"]]


def test_pack_covers_every_language_and_category() -> None:
    present = {(f.parent.name, f.stem) for f in rule_files()}
    missing = [(lang, cat) for lang in LANGUAGES for cat in CATEGORIES if (lang, cat) not in present]
    missing += [(lang, cat) for cat, langs in EXTRA_CATEGORIES.items() for lang in langs if (lang, cat) not in present]
    assert missing == []
    assert {f.parent.name for f in rule_files()} <= {*LANGUAGES, "generic"}


def test_rule_ids_are_stable_unique_and_match_their_file() -> None:
    ids = [rule["id"] for _, rule in all_rules()]
    assert len(ids) == len(set(ids))
    for path, rule in all_rules():
        match = ID_RE.match(rule["id"])
        assert match, rule["id"]
        assert match["lang"] == path.parent.name, rule["id"]
        assert match["cat"] == path.stem and match["cat"] in (*CATEGORIES, *EXTRA_CATEGORIES), rule["id"]


def test_every_rule_has_required_metadata() -> None:
    for _, rule in all_rules():
        meta = rule.get("metadata", {})
        where = rule["id"]
        assert rule["severity"] in {"ERROR", "WARNING", "INFO"}, where
        assert re.match(r"^CWE-\d+: \S", meta.get("cwe", "")), where
        assert re.match(r"^A\d\d:2021 - \S", meta.get("owasp", "")), where
        assert meta.get("category") == "security", where
        assert meta.get("confidence") in {"HIGH", "MEDIUM", "LOW"}, where
        assert len(meta.get("fix_id", "")) > 20 and len(meta.get("fix_en", "")) > 20, where


def test_messages_are_indonesian_then_english() -> None:
    for _, rule in all_rules():
        lines = rule["message"].split("\n")
        assert len(lines) == 2, rule["id"]
        id_words = set(re.findall(r"[a-z]+", lines[0].lower()))
        en_words = set(re.findall(r"[a-z]+", lines[1].lower()))
        assert id_words & ID_WORDS and not id_words & {"the", "is", "an"}, rule["id"]
        assert en_words & EN_WORDS and not en_words & {"yang", "dengan", "dapat"}, rule["id"]


def test_every_rule_has_an_annotated_test_file_in_its_language() -> None:
    for path, rule in all_rules():
        siblings = [p for p in path.parent.iterdir() if p.name.split(".", 1)[0] == path.stem and p != path]
        langs = set(rule["languages"])
        if langs != {"generic"}:
            wanted = set().union(*(TEST_EXTENSIONS[lang] for lang in langs))
            siblings = [p for p in siblings if p.suffix in wanted]
        text = "\n".join(p.read_text("utf-8") for p in siblings)
        assert re.search(rf"ruleid: {re.escape(rule['id'])}\b", text), f"{rule['id']}: no true positive"
        assert re.search(rf"\bok: {re.escape(rule['id'])}\b", text), f"{rule['id']}: no true negative"


def test_rule_files_validate_against_semgreps_rule_schema() -> None:
    """Offline stand-in for `semgrep --validate`, which fetches p/semgrep-rule-lints from the network."""
    spec = find_spec("semgrep")
    assert spec is not None and spec.origin is not None
    schema_path = Path(spec.origin).parent / "semgrep_interfaces" / "rule_schema_v1.yaml"
    validator = jsonschema.Draft7Validator(yaml.safe_load(schema_path.read_text("utf-8")))
    problems = {
        str(f.relative_to(PACK)): [e.message for e in validator.iter_errors(yaml.safe_load(f.read_text("utf-8")))]
        for f in rule_files()
    }
    assert {k: v for k, v in problems.items() if v} == {}


def test_semgrep_test_passes_on_the_pack(tmp_path: Path) -> None:
    """`semgrep --test` over the whole pack: every ruleid: line found, nothing on an ok: line.

    ``--experimental`` selects semgrep's native test runner: same annotations and the same
    verdicts as the Python runner (which also passes), but it loads the 41 rule files in well
    under a second where the Python runner takes 20-40 s on a busy 2-core machine.
    """
    proc = subprocess.run(
        [semgrep_exe(), "--test", "--experimental", "--metrics=off", "--disable-version-check", str(PACK)],
        cwd=REPO_ROOT,
        env=offline_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    total = len(all_rules())
    assert f"{total}/{total}: ✓ All tests passed" in proc.stdout + proc.stderr


def planted(tool: str) -> set[tuple[str, int, str]]:
    data = yaml.safe_load((APPS / "vulnerable" / "PLANTED.yaml").read_text("utf-8"))
    return {(p["file"], p["line"], p["rule"]) for p in data["planted"] if p["tool"] == tool}


def scan_fixture_apps(tmp_path: Path) -> dict[str, Any]:
    """One semgrep run over copies of both apps (outside the repo: semgrep's default ignore of tests/ is off)."""
    for app in ("vulnerable", "clean"):
        shutil.copytree(APPS / app, tmp_path / "src" / app)
    out = tmp_path / "semgrep.json"
    proc = subprocess.run(
        [
            semgrep_exe(),
            "scan",
            "--config",
            str(PACK),
            "--no-rewrite-rule-ids",
            "--json",
            "--output",
            str(out),
            "--metrics=off",
            "--disable-version-check",
            "--quiet",
            "vulnerable",
            "clean",
        ],
        cwd=tmp_path / "src",
        env=offline_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    result: dict[str, Any] = json.loads(out.read_text("utf-8"))
    return result


@pytest.mark.slow
def test_fixture_apps_report_exactly_the_planted_issues(tmp_path: Path) -> None:
    result = scan_fixture_apps(tmp_path)
    assert result["errors"] == []
    found = {(r["path"], r["start"]["line"], r["check_id"]) for r in result["results"]}
    vulnerable = {(p.removeprefix("vulnerable/"), line, rule) for p, line, rule in found if p.startswith("vulnerable/")}
    clean = {f for f in found if f[0].startswith("clean/")}
    assert sorted(vulnerable) == sorted(planted("semgrep"))
    assert clean == set()
    scanned = set(result["paths"]["scanned"])
    assert {"vulnerable/php/.env", "clean/php/.env", "vulnerable/py/templates/izin.html"} <= scanned


def run_json(cmd: list[str], cwd: Path, home: Path) -> Any:
    proc = subprocess.run(cmd, cwd=cwd, env=offline_env(home), capture_output=True, text=True, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr[-4000:]
    return json.loads(proc.stdout)


@pytest.mark.slow
def test_planted_bandit_and_secret_issues_are_real(tmp_path: Path) -> None:
    """PLANTED.yaml's bandit and secrets entries are what the real tools report (clean app: nothing)."""
    bindir = Path(sys.executable).parent
    for app in ("vulnerable", "clean"):
        shutil.copytree(APPS / app, tmp_path / app)
    bandit = {
        app: {
            (r["filename"], r["line_number"], r["test_id"])
            for r in run_json([str(bindir / "bandit"), "-q", "-f", "json", "-r", "py"], tmp_path / app, tmp_path)[
                "results"
            ]
        }
        for app in ("vulnerable", "clean")
    }
    assert planted("bandit") <= bandit["vulnerable"]
    assert bandit["clean"] == set()
    secrets = {
        app: {
            (f, s["line_number"], "secrets")
            for f, items in run_json(
                [str(bindir / "detect-secrets"), "scan", "--all-files", "."], tmp_path / app, tmp_path
            )["results"].items()
            for s in items
        }
        for app in ("vulnerable", "clean")
    }
    assert planted("secrets") <= secrets["vulnerable"]
    assert secrets["clean"] == set()
