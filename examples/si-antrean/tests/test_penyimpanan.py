"""Uji penyimpanan JSON antrean."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from antrean.antrean import AntreanHarian
from antrean.model import Layanan, StatusTiket
from antrean.penyimpanan import muat, muat_atau_baru, simpan

LAYANAN = [Layanan("A", "Informasi", 5)]


def test_simpan_lalu_muat_sama(tmp_path: Path) -> None:
    """Antrean yang disimpan lalu dimuat kembali berisi tiket dan status yang sama."""
    a = AntreanHarian("2026-03-02", LAYANAN)
    a.ambil_nomor("A", datetime(2026, 3, 2, 8, 0))
    a.panggil_berikutnya(3, datetime(2026, 3, 2, 8, 5))
    berkas = tmp_path / "data" / "antrean.json"
    simpan(a, berkas)
    b = muat(berkas)
    assert b.tanggal == "2026-03-02"
    assert b.cari("A001").status is StatusTiket.DIPANGGIL and b.cari("A001").loket == 3
    assert list(berkas.parent.iterdir()) == [berkas]


def test_hari_baru_mulai_dari_nol(tmp_path: Path) -> None:
    """Berkas dari hari sebelumnya tidak dilanjutkan: nomor dimulai lagi dari 001."""
    a = AntreanHarian("2026-03-01", LAYANAN)
    a.ambil_nomor("A", datetime(2026, 3, 1, 9, 0))
    berkas = tmp_path / "antrean.json"
    simpan(a, berkas)
    hari_ini = muat_atau_baru(berkas, "2026-03-02", LAYANAN)
    assert hari_ini.tiket == []
    assert muat_atau_baru(berkas, "2026-03-01", LAYANAN).tiket[0].nomor == "A001"
