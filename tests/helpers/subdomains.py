"""A small registry for the subdomain and DNS tests (tests/subdomains/, tests/dns/), built from the
checkout's instance.yaml and policy files plus a few OPDs and apps written here (no git: these checks
read files only). The ``reg`` fixture of both packages is ``build_registry(tmp_path / "reg")``."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from repospbe.engine import run_checks
from repospbe.findings import Finding
from repospbe.registry import load_registry
from tests.helpers.git import REPO_ROOT

OPDS = {
    "diskominfo": {
        "kode": "diskominfo",
        "nama": "Dinas Komunikasi dan Informatika",
        "jenis": "dinas",
        "singkatan": ["Diskominfo", "Kominfo"],
    },
    "dinkes": {"kode": "dinkes", "nama": "Dinas Kesehatan", "jenis": "dinas", "singkatan": ["Dinkes"]},
    "bappeda": {"kode": "bappeda", "nama": "Badan Perencanaan Pembangunan Daerah", "jenis": "badan"},
}
APPS = {
    "dinkes/sipd": {"singkatan": ["simpus"]},
    "dinkes/lama": {"status": "dihentikan"},
    "diskominfo/portal-data": {},
}


def write_yaml(path: Path, data: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def app_data(key: str, extra: dict[str, Any]) -> dict[str, Any]:
    opd, app = key.split("/")
    return {
        "id": app,
        "nama": f"Aplikasi {app}",
        "opd": opd,
        "jenis": "khusus",
        "fungsi": ["layanan"],
        "status": "produksi",
        "deskripsi": "Aplikasi uji",
        **extra,
    }


def sub(
    opd: str = "dinkes", app: str | None = "sipd", records: list[dict[str, Any]] | None = None, **extra: Any
) -> dict[str, Any]:
    """A valid subdomain record (A in the example Pusat Data range)."""
    return {
        "opd": opd,
        "untuk": {"app": app} if app else {"opd": opd},
        "tujuan": "Uji",
        "records": records if records is not None else [{"type": "A", "value": "192.0.2.10", "contoh": True}],
        "surat": {"nomor": "800/1/DINKES/2026", "tanggal": "2026-01-05"},
        "tinjauan": "2099-01-01",
        **extra,
    }


class Reg:
    """A writable registry root with helpers."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def subdomain(self, name: str, data: Any) -> Path:
        return write_yaml(self.root / "registry" / "subdomains" / f"{name}.yaml", data)

    def findings(self, prefix: str = "subdomain.") -> list[Finding]:
        return [f for f in run_checks(load_registry(self.root)) if f.check_id.startswith(prefix)]

    def ids(self, prefix: str = "subdomain.", info: bool = True) -> list[tuple[str, str]]:
        return sorted((f.check_id, f.path) for f in self.findings(prefix) if info or f.severity.value != "info")


def build_registry(root: Path) -> Reg:
    for part in ("schemas", "naming"):
        shutil.copytree(REPO_ROOT / "checks" / part, root / "checks" / part)
    shutil.copy(REPO_ROOT / "checks" / "documents.yaml", root / "checks" / "documents.yaml")
    shutil.copytree(REPO_ROOT / "templates" / "subdomain", root / "templates" / "subdomain")
    (root / "registry").mkdir(parents=True)
    shutil.copy(REPO_ROOT / "registry" / "instance.yaml", root / "registry" / "instance.yaml")
    for code, data in OPDS.items():
        write_yaml(root / "registry" / "opd" / f"{code}.yaml", data)
    for key, extra in APPS.items():
        write_yaml(root / "registry" / "apps" / key / "app.yaml", app_data(key, extra))
    return Reg(root)
