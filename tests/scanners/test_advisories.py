"""SCA: an OSV zip written here is imported through the CLI, then an app's locks are matched."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from repospbe.pipeline.scan import scan_tree
from repospbe.scanners import ScanResult
from repospbe.source import SourceCache
from tests.helpers.cli import run_cli
from tests.scanners.conftest import options, write_app


def _osv(ident: str, eco: str, name: str, events: list[dict[str, str]], severity: str = "") -> dict[str, object]:
    doc: dict[str, object] = {
        "id": ident,
        "aliases": [f"CVE-2026-{ident[-4:]}"],
        "summary": f"flaw in {name}",
        "affected": [
            {"package": {"ecosystem": eco, "name": name}, "ranges": [{"type": "ECOSYSTEM", "events": events}]}
        ],
    }
    if severity:
        doc["database_specific"] = {"severity": severity}
    return doc


ADVISORIES = [
    _osv("GHSA-lodash-0001", "npm", "lodash", [{"introduced": "0"}, {"fixed": "4.17.21"}], "HIGH"),
    _osv(
        "GHSA-guzzle-0002", "Packagist", "guzzlehttp/guzzle", [{"introduced": "7.0.0"}, {"fixed": "7.4.5"}], "CRITICAL"
    ),
    _osv("PYSEC-2026-0003", "PyPI", "Django", [{"introduced": "4.0"}, {"last_affected": "4.2.1"}]),
    _osv("GO-2026-0004", "Go", "example.com/x", [{"introduced": "0"}, {"fixed": "1.0.0"}]),
]


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    path.write_bytes(buf.getvalue())
    return path


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "advdb"
    monkeypatch.setenv("REPOSPBE_ADVISORIES_DIR", str(directory))
    return directory


def _import(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    members = {f"{a['id']}.json": json.dumps(a).encode() for a in ADVISORIES}
    res = run_cli(capsys, "--lang", "en", "advisories", "import", str(_zip(tmp_path / "all.zip", members)))
    assert res.code == 0, res.err
    assert "npm 1, Packagist 1, PyPI 1, Maven 0; 1 entries of other ecosystems skipped" in res.out


LOCK = {
    "lockfileVersion": 3,
    "packages": {
        "": {"name": "app"},
        "node_modules/lodash": {"version": "4.17.20"},
        "node_modules/other/node_modules/lodash": {"version": "4.17.21"},
    },
}
COMPOSER = {"packages": [{"name": "guzzlehttp/guzzle", "version": "7.4.4"}, {"name": "a/b", "version": "1.0.0"}]}
COMPOSER_FIXED = {"packages": [{"name": "guzzlehttp/guzzle", "version": "7.4.5"}]}


def _result(tmp_path: Path, files: dict[str, str], **kw: object) -> ScanResult:
    cache = SourceCache(tmp_path / "cache")
    tree = cache.directory_tree(write_app(tmp_path / "app", files))
    [out] = scan_tree(tree, options(**kw), cache, only=("advisories",))
    return out.result


def _scan(tmp_path: Path, files: dict[str, str], **kw: object) -> list[tuple[str, str, str, int, dict[str, object]]]:
    out = _result(tmp_path, files, **kw)
    return sorted((f.check_id, f.severity.value, f.path, f.line, dict(f.params)) for f in out.findings)


def test_locked_versions_affected_and_fixed(tmp_path: Path, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _import(capsys, tmp_path)
    assert json.loads((db / "meta.json").read_text())["sha256"]
    found = _scan(
        tmp_path,
        {
            "web/package-lock.json": json.dumps(LOCK, indent=1),
            "composer.lock": json.dumps(COMPOSER, indent=1),
            "old/composer.lock": json.dumps(COMPOSER_FIXED),
            "requirements.txt": "django==4.2.1\nrequests==2.31.0\n",
            "b/requirements.txt": "Django==4.2.2\n",
        },
    )
    got = [(c, s, p, ln, pr["package"], pr["version"], pr["advisory"], pr["fixed"]) for c, s, p, ln, pr in found]
    assert got == [
        (
            "sca.vulnerable-dependency",
            "critical",
            "composer.lock",
            4,
            "guzzlehttp/guzzle",
            "7.4.4",
            "GHSA-guzzle-0002",
            "7.4.5",
        ),
        (
            "sca.vulnerable-dependency",
            "high",
            "web/package-lock.json",
            7,
            "lodash",
            "4.17.20",
            "GHSA-lodash-0001",
            "4.17.21",
        ),
        ("sca.vulnerable-dependency", "medium", "requirements.txt", 1, "django", "4.2.1", "PYSEC-2026-0003", "-"),
    ]


def test_detail_names_the_vulnerable_dependencies(tmp_path: Path, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The check's detail is what the pipeline record and the catalogue's app page show."""
    _import(capsys, tmp_path)
    files = {"package-lock.json": json.dumps(LOCK), "package.json": json.dumps({"dependencies": {"lodash": "^4.0.0"}})}
    detail = _result(tmp_path, files).detail
    assert detail.endswith("; rentan: lodash 4.17.20 (GHSA-lodash-0001)"), detail
    files = {"a/package.json": json.dumps({"dependencies": {"lodash": "^4.0.0"}})}
    assert _result(tmp_path / "b", files).detail.endswith("; rentan: lodash ^4.0.0 (GHSA-lodash-0001?)")


def test_declared_range_is_possibly_affected(tmp_path: Path, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _import(capsys, tmp_path)
    package = {"dependencies": {"lodash": "^4.17.0"}, "devDependencies": {"left-pad": "*"}}
    found = _scan(tmp_path, {"package.json": json.dumps(package, indent=2)})
    assert [(c, s, p, pr["version"]) for c, s, p, _ln, pr in found] == [
        ("sca.possibly-vulnerable-dependency", "medium", "package.json", "^4.17.0")
    ]


def test_missing_and_stale_database(tmp_path: Path, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = {"package-lock.json": json.dumps(LOCK)}
    assert [f[:2] for f in _scan(tmp_path, files)] == [("sca.database-missing", "low")]
    _import(capsys, tmp_path)
    meta = json.loads((db / "meta.json").read_text())
    (db / "meta.json").write_text(json.dumps({**meta, "imported": "2020-01-01T00:00:00Z"}))
    found = _scan(tmp_path, files)
    assert [f[0] for f in found] == ["sca.database-stale", "sca.vulnerable-dependency"]
    assert found[0][4]["limit"] == 30


def test_staleness_limit_is_the_instance_setting(tmp_path: Path, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``umur_maks_basis_kerentanan`` (instance.yaml) reaches the scanner: 10 days old is stale at 7, not at 30."""
    _import(capsys, tmp_path)
    meta = json.loads((db / "meta.json").read_text())
    imported = (datetime.now(UTC) - timedelta(days=10)).strftime("%Y-%m-%dT%H:%M:%SZ")
    (db / "meta.json").write_text(json.dumps({**meta, "imported": imported}))
    files = {"package-lock.json": json.dumps(LOCK)}
    assert "sca.database-stale" not in [f[0] for f in _scan(tmp_path, files)]
    stale = [f for f in _scan(tmp_path / "b", files, advisory_max_age=7) if f[0] == "sca.database-stale"]
    assert [(f[4]["days"], f[4]["limit"]) for f in stale] == [(10, 7)]
