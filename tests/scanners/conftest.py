"""A small fixture app and one shared real scan of it (semgrep runs cost seconds)."""

from __future__ import annotations

from pathlib import Path

import pytest

from repospbe.pipeline.scan import Outcome, scan_tree
from repospbe.scanners.base import AppInfo, ScanOptions
from repospbe.source import SourceCache

RULES = Path(__file__).parent / "rules"
SECRET = "hunter2-Sup3rSecretValue-9x"
APP_FILES = {
    "main.py": 'import subprocess\n\n\ndef run(cmd):\n    """Jalankan."""\n    eval(cmd)\n'
    "    subprocess.call(cmd, shell=True)\n\n\ndef tanpa_dok():\n    pass\n",
    "web/index.php": "<?php\n/** Tampilkan. */\nfunction tampil() {\n    eval($_GET['x']);\n}\n",
    "vendor/lib/v.py": "eval(x)\n",
    "public/js/jquery.min.js": "/*! jQuery v3.6.0 | (c) OpenJS Foundation */\nvar a=1;\n",
    "conf.py": f'password = "{SECRET}"\n',
    ".bandit": "[bandit]\nskips: B602,B307\nexclude: main.py\n",
    "LICENSE": "MIT License\n\nCopyright (c) 2026 Pemerintah Kota Contoh\n",
    "requirements.txt": "flask==3.0.0\nrequests\n",
    "composer.lock": '{"packages": [{"name": "laravel/framework", "version": "v10.1.0"}], "packages-dev": []}',
    "package-lock.json": '{"lockfileVersion": 3, "packages": {"": {}, "node_modules/lodash": {"version": "4.17.21"}}}',
}


def write_app(dest: Path, files: dict[str, str] = APP_FILES) -> Path:
    for rel, text in files.items():
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        (dest / rel).write_text(text)
    return dest


@pytest.fixture(scope="session")
def scan_cache(tmp_path_factory: pytest.TempPathFactory) -> SourceCache:
    return SourceCache(tmp_path_factory.mktemp("scan-cache"))


@pytest.fixture(scope="session")
def fixture_app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_app(tmp_path_factory.mktemp("app"))


def options(**kw: object) -> ScanOptions:
    return ScanOptions(rules_dir=RULES, pemda="Pemerintah Kota Contoh", **kw)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def scanned(fixture_app: Path, scan_cache: SourceCache) -> dict[str, Outcome]:
    """Every scanner, real tools, once for the whole session."""
    app = AppInfo(
        key="contoh/app", jenis="khusus", status="produksi", lisensi="MIT", hak_cipta="Pemerintah Kota Contoh"
    )
    source = scan_cache.directory_tree(fixture_app)
    return {o.scanner: o for o in scan_tree(source, options(), scan_cache, app=app)}


def located(outcome: Outcome) -> list[tuple[str, str, int]]:
    return sorted((f.check_id, f.path, f.line) for f in outcome.result.findings)
