"""A taller sample for the browser checks of issue 18: more OPDs (names that sort differently
by code point and by Indonesian collation), 40 more apps (a matrix taller than the screen),
OPD maintainers, reviewers, and governance records (decisions, releases, a pipeline record
with a dependency-advisory check, audit events) added to the collected catalogue."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

from repospbe.advisories.store import import_file
from repospbe.catalogue.collect import Catalogue, collect
from repospbe.governance.types import AuditEvent, Decision, Release
from repospbe.pipeline.record import AppRun, CheckStatus, PipelineRecord
from tests.catalogue.sample import REPO_ROOT, app, make_registry, write
from tests.helpers.git import commit_all

KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFSK+VN2tbkKMVOlRt3qhMi5RlycQ8x5l/ChstBxntf4 pengelola@dpmptsp"
EXTRA_OPDS = {
    "arsip": "arsip dan Perpustakaan Daerah",  # lower case: last by code point, first by collation
    "esdm": "Énergi dan Sumber Daya Mineral",  # accent: after "z" by code point, between D and F
    "fasilitas": "Fasilitas Umum Kota",
}
EXTRA_APPS = 40
ADVISORIES = [
    {
        "id": "GHSA-35jh-r3h4-6jhm",
        "summary": "Command injection in lodash",
        "affected": [
            {
                "package": {"ecosystem": "npm", "name": "lodash"},
                "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "4.17.21"}]}],
                "database_specific": {"severity": "HIGH"},
            }
        ],
    }
]


def enrich_registry(root: Path) -> None:
    """More OPDs and apps, the bundled (example) reviewers, and a maintainer for DPMPTSP."""
    reg = root / "registry"
    for code, name in EXTRA_OPDS.items():
        write(reg / "opd" / f"{code}.yaml", {"kode": code, "nama": name, "jenis": "dinas"})
    codes = list(EXTRA_OPDS)
    for i in range(EXTRA_APPS):
        opd = codes[i % len(codes)]
        write(reg / "apps" / opd / f"layanan-{i:02d}" / "app.yaml", app(opd, f"layanan-{i:02d}", f"Layanan {i:02d}"))
    dpmptsp = reg / "opd" / "dpmptsp.yaml"
    data = yaml.safe_load(dpmptsp.read_text(encoding="utf-8"))
    data["pengelola"] = [{"id": "rina", "nama": "Rina Marlina", "email": ["rina@dpmptsp.example"], "kunci_publik": KEY}]
    write(dpmptsp, data)
    shutil.copyfile(REPO_ROOT / "registry" / "reviewers.yaml", reg / "reviewers.yaml")
    commit_all(root, "lebih banyak OPD dan aplikasi")


def advisory_database(dest: Path) -> Path:
    """A one-advisory OSV database imported the way ``repospbe advisories import`` does."""
    src = dest / "osv.json"
    src.parent.mkdir(parents=True, exist_ok=True)
    src.write_text(json.dumps(ADVISORIES), encoding="utf-8")
    import_file(src, dest / "db")
    return dest / "db"


def add_governance(cat: Catalogue) -> None:
    """Decisions on MR !7 (a rejection the same reviewer later replaced by an approval, and a
    stale approval), two releases, a passed pipeline record with two vulnerable dependencies,
    and the merge of MR !7 in the audit."""
    sipanda = cat.apps["dpmptsp/sipanda"]
    sipanda.decisions = [
        Decision(
            "7", "rahmat-hidayat", "tolak", "Uji belum lengkap", "2026-11-01T10:00:00+07:00", True, status="digantikan"
        ),
        Decision(
            "7", "rahmat-hidayat", "setuju", "", "2026-11-03T09:00:00+07:00", True, counted=True, status="berlaku"
        ),
        Decision(
            "7", "siti-nurhaliza", "setuju", "", "2026-11-02T09:00:00+07:00", True, problem="usang", status="usang"
        ),
    ]
    sipanda.releases = [
        Release(sipanda.key, "1.2.0", "b" * 40, "2026-11-04T08:00:00+07:00", "agus-santoso", True, env="staging"),
        Release(sipanda.key, "1.2.0", "b" * 40, "2026-11-05T08:00:00+07:00", "agus-santoso", True, env="produksi"),
    ]
    detail = (
        "14 komponen diperiksa terhadap basis data 2026-11-20T00:00:00Z; rentan: "
        "left-pad * (GHSA-aaaa-bbbb-cccc?), lodash 4.17.20 (GHSA-35jh-r3h4-6jhm)"
    )
    sipanda.pipeline = PipelineRecord("c" * 40, "d" * 40, "passed", "2026-11-02T00:00:00Z", "2026-11-02T00:05:00Z")
    sipanda.app_run = AppRun(
        sipanda.key,
        source_commit="a" * 40,
        checks=(CheckStatus("semgrep", "passed"), CheckStatus("advisories", "passed", 2, 0, detail)),
    )
    cat.audit.append(AuditEvent("2026-11-03T03:00:00Z", "gabung", "e" * 40, "MR !7", True))


def rich_catalogue(base: Path) -> Catalogue:
    """The sample registry enriched, collected, with governance records added (no guides)."""
    root = make_registry(base / "reg", with_guides=False)
    enrich_registry(root)
    collected = collect(root)
    add_governance(collected)
    return collected
