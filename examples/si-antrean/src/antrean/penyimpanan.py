"""Penyimpanan antrean harian sebagai berkas JSON yang ditulis secara atomik."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from antrean.antrean import AntreanHarian
from antrean.model import Layanan, Tiket


def simpan(antrean: AntreanHarian, berkas: Path) -> None:
    """Menulis seluruh antrean ke ``berkas``; berkas lama tetap utuh bila penulisan gagal."""
    data = {
        "tanggal": antrean.tanggal,
        "layanan": [{"kode": x.kode, "nama": x.nama, "durasi_menit": x.durasi_menit}
                    for x in antrean.layanan.values()],
        "tiket": [t.ke_dict() for t in antrean.tiket],
    }
    berkas.parent.mkdir(parents=True, exist_ok=True)
    fd, sementara = tempfile.mkstemp(prefix=".antrean-", dir=berkas.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as keluar:
            json.dump(data, keluar, ensure_ascii=False, indent=2)
            keluar.flush()
            os.fsync(keluar.fileno())
        os.replace(sementara, berkas)
    except BaseException:
        os.unlink(sementara)
        raise


def muat(berkas: Path) -> AntreanHarian:
    """Membaca antrean yang disimpan oleh :func:`simpan`."""
    data = json.loads(berkas.read_text(encoding="utf-8"))
    layanan = [Layanan(x["kode"], x["nama"], int(x["durasi_menit"])) for x in data["layanan"]]
    antrean = AntreanHarian(str(data["tanggal"]), layanan)
    antrean.tiket = [Tiket.dari_dict(t) for t in data["tiket"]]
    return antrean


def muat_atau_baru(berkas: Path, tanggal: str, layanan: list[Layanan]) -> AntreanHarian:
    """Antrean hari ``tanggal`` dari ``berkas``, atau antrean baru bila berkas dari hari lain atau belum ada."""
    if berkas.exists():
        antrean = muat(berkas)
        if antrean.tanggal == tanggal:
            return antrean
    return AntreanHarian(tanggal, layanan)
