"""Fixtures for the document rules, the bundled registry data and the summary."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]

EXAMPLE = REPO_ROOT / "registry" / "apps" / "diskominfo" / "si-antrean"

INSTANCE = """\
pemda: Pemerintah Kota Contoh
domain: contohkota.go.id
opd_diskominfo: diskominfo
pusat_data:
  - cidr: 192.0.2.0/24
persetujuan: {jumlah: 1, peran: diskominfo}
aturan_dokumen: checks/documents.yaml
"""

APP = """\
id: {app}
nama: Aplikasi {app}
opd: diskominfo
jenis: {jenis}
fungsi: [uji]
status: {status}
deskripsi: Aplikasi untuk pengujian.
{extra}"""
# a handed-over source (6.2.5.2): without it every app in produksi has source.not-handed-over
PIN = "sumber: {repo: https://git.contohkota.go.id/diskominfo/app.git, commit: " + "a" * 40 + "}\n"
# the Pemda's copyright and an open licence (6.2.5.2, 6.2.5.1): without them copyright.* findings
COPYRIGHT = "hak_cipta: Pemerintah Kota Contoh\nlisensi: MIT\n"
# every OPD has a website and an e-mail under the official domain (6.2.5.3)
OPD = (
    "kode: diskominfo\nnama: Dinas Komunikasi dan Informatika\njenis: dinas\n"
    "kontak: {situs: https://diskominfo.contohkota.go.id/, email: diskominfo@contohkota.go.id}\n"
)


class MiniRegistry:
    """A small registry in tmp_path: the real checks/ and one OPD; apps added per test."""

    def __init__(self, root: Path) -> None:
        self.root = root
        shutil.copytree(REPO_ROOT / "checks", root / "checks")
        (root / "registry" / "opd").mkdir(parents=True)
        (root / "registry" / "instance.yaml").write_text(INSTANCE, encoding="utf-8")
        (root / "registry" / "opd" / "diskominfo.yaml").write_text(OPD, encoding="utf-8")

    def app(
        self,
        app: str,
        jenis: str = "khusus",
        status: str = "produksi",
        extra: str = "",
        docs: tuple[str, ...] = (),
        source: bool = True,
    ) -> Path:
        """Write app.yaml (with a pinned source, the Pemda's copyright and an MIT licence unless
        ``source`` is False or ``extra`` has them);
        copy the example app's finished documents named in ``docs``."""
        d = self.root / "registry" / "apps" / "diskominfo" / app
        d.mkdir(parents=True)
        if source and status in ("pengembangan", "produksi") and "sumber:" not in extra:
            extra = extra + ("\n" if extra and not extra.endswith("\n") else "") + PIN
        if source and status in ("pengembangan", "produksi") and "hak_cipta:" not in extra:
            extra = extra + ("\n" if extra and not extra.endswith("\n") else "") + COPYRIGHT
        (d / "app.yaml").write_text(APP.format(app=app, jenis=jenis, status=status, extra=extra), encoding="utf-8")
        for kind in docs:  # + this Pemda's copyright line (copyright.document)
            text = (EXAMPLE / f"{kind}.md").read_text(encoding="utf-8")
            (d / f"{kind}.md").write_text(text + "\nHak cipta © Pemerintah Kota Contoh.\n", encoding="utf-8")
        return d

    def doc(self, app: str, kind: str, text: str) -> str:
        """Write one document; return its repo-relative path."""
        rel = f"registry/apps/diskominfo/{app}/{kind}.md"
        (self.root / rel).write_text(text, encoding="utf-8")
        return rel


@pytest.fixture
def mini(tmp_path: Path) -> MiniRegistry:
    return MiniRegistry(tmp_path / "reg")


ALL_DOCS = ("kebutuhan", "kak", "pengujian", "manual", "bast")


@pytest.fixture
def example_doc() -> Callable[[str], str]:
    """The text of one of the example app's finished documents."""
    return lambda kind: (EXAMPLE / f"{kind}.md").read_text(encoding="utf-8")
