"""Fixtures for handover tests: a git registry copy with templates and a registered app."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers.git import REPO_ROOT, init_repo

APP = "diskominfo/si-loket-uji"


def registry_with_app(dest: Path) -> Path:
    for part in ("registry", "checks", "templates"):
        shutil.copytree(REPO_ROOT / part, dest / part)
    app_dir = dest / "registry/apps" / APP
    app_dir.mkdir(parents=True)
    (app_dir / "app.yaml").write_text(
        "# Aplikasi uji serah terima\n"
        "id: si-loket-uji\nnama: Sistem Antrean\nopd: diskominfo\njenis: khusus\n"
        "fungsi: [layanan-publik]\nstatus: pengembangan\ndeskripsi: Antrean layanan.\n"
        "lisensi: MIT\n",
        encoding="utf-8",
    )
    (app_dir / "kebutuhan.md").write_text("# Kebutuhan\n\n## Fungsi\n\n[ISI]\n", encoding="utf-8")
    return init_repo(dest, "awal")


@pytest.fixture
def reg(tmp_path: Path) -> Path:
    return registry_with_app(tmp_path / "reg")
