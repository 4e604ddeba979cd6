"""doc-coverage, license, third-party and the SBOM over the fixture app."""

from __future__ import annotations

import json
from pathlib import Path

from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator

from repospbe.pipeline.scan import Outcome
from repospbe.scanners import license as license_scanner
from repospbe.scanners.base import AppInfo, ScanContext
from repospbe.scanners.docparse import procedures
from repospbe.scanners.license import is_open_source
from tests.scanners.conftest import located, options


def test_doc_coverage_lists_undocumented_procedures_and_blocks_below_threshold(scanned: dict[str, Outcome]) -> None:
    out = scanned["doc-coverage"]
    assert out.result.status == "failed"
    assert located(out) == [("doc-coverage.below-threshold", "", 0), ("doc-coverage.undocumented", "main.py", 10)]
    summary = out.result.findings[0]
    assert dict(summary.params) == {"documented": 2, "share": "66.7", "threshold": "100", "total": 3}


def test_doc_parser_per_language() -> None:
    php = "<?php\nclass A {\n  /**\n   * Simpan.\n   */\n  public function simpan() {}\n  function hapus() {}\n}\n"
    assert [(p.name, p.line, p.documented) for p in procedures("php", php)] == [
        ("simpan", 6, True),
        ("hapus", 7, False),
    ]
    js = (
        "/** a */\nexport async function a(x) {}\nconst b = (y) => y;\n"
        "class K {\n  /** m */\n  m(a) {\n    if (a) {\n    }\n  }\n}\n"
    )
    assert [(p.name, p.documented) for p in procedures("javascript", js)] == [("a", True), ("b", False), ("m", True)]
    java = "class A {\n  /** d */\n  @Override\n  public String toString() {\n  }\n  private int f(int a) {\n  }\n}\n"
    assert [(p.name, p.line, p.documented) for p in procedures("java", java)] == [
        ("toString", 4, True),
        ("f", 6, False),
    ]
    py = "def a():\n    '''d'''\n# penjelasan\n@x\ndef b(): pass\nclass C:\n    def m(self): pass\n"
    assert [(p.name, p.documented) for p in procedures("python", py)] == [("a", True), ("b", True), ("C.m", False)]


def test_third_party_detected_and_sbom_valid(scanned: dict[str, Outcome]) -> None:
    out = scanned["third-party"]
    assert located(out) == [("third-party.bundled", "public/js/jquery.min.js", 0), ("third-party.bundled", "vendor", 0)]
    sbom = dict(out.result.artifacts)["sbom.cdx.json"]
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(sbom) is None
    purls = {c.get("purl") for c in json.loads(sbom)["components"]}
    assert {"pkg:composer/laravel/framework@v10.1.0", "pkg:npm/lodash@4.17.21", "pkg:pypi/flask@3.0.0"} <= purls
    names = {c["name"] for c in json.loads(sbom)["components"]}
    assert "jQuery" in names


def test_license_of_the_fixture_app_passes(scanned: dict[str, Outcome]) -> None:
    assert scanned["license"].result.findings == ()


def _license(tmp_path: Path, app: AppInfo | None, files: dict[str, str]) -> list[str]:
    for rel, text in files.items():
        (tmp_path / rel).write_text(text)
    ctx = ScanContext(tmp_path, "t", options(), app=app)
    return sorted(f.check_id for f in license_scanner.run(ctx).findings)


def test_license_problems(tmp_path: Path) -> None:
    special = AppInfo(
        key="a/b", jenis="khusus", lisensi="LicenseRef-Proprietary", hak_cipta="PT Vendor", pemda_built=True
    )
    assert _license(tmp_path, special, {"LICENSE": "Copyright PT Vendor\n"}) == [
        "license.copyright-file",
        "license.copyright-holder",
        "license.not-open-source",
    ]
    # An aplikasi umum built for the Pemda owes the same copyright (6.2.5.2); a central one does not.
    common = AppInfo(key="a/c", jenis="umum", lisensi="MIT", hak_cipta="PT Vendor", pemda_built=True)
    assert _license(tmp_path, common, {}) == ["license.copyright-file", "license.copyright-holder"]
    central = AppInfo(key="a/d", jenis="umum", lisensi="MIT", hak_cipta="Kementerian", pemda_built=False)
    assert _license(tmp_path, central, {}) == []
    excepted = AppInfo(key="a/b", jenis="umum", lisensi="LicenseRef-Proprietary", license_exception=True)
    assert _license(tmp_path, excepted, {}) == []
    (tmp_path / "LICENSE").unlink()
    assert _license(tmp_path, None, {}) == ["license.file-missing", "license.spdx-missing"]
    assert _license(tmp_path, None, {"COPYING": "SPDX-License-Identifier: GPL-3.0-or-later\n"}) == []


def test_spdx_expressions() -> None:
    assert is_open_source("MIT") and is_open_source("GPL-2.0-or-later WITH Classpath-exception-2.0")
    assert is_open_source("LicenseRef-X OR Apache-2.0") and not is_open_source("MIT AND LicenseRef-X")
