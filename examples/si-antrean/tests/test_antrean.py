"""Uji logika antrean harian."""
from __future__ import annotations

from datetime import datetime

import pytest

from antrean.antrean import AntreanError, AntreanHarian
from antrean.model import Layanan, StatusTiket

PAGI = datetime(2026, 3, 2, 8, 0, 0)


def antrean_baru() -> AntreanHarian:
    """Antrean dengan dua layanan: A (5 menit) dan B (15 menit)."""
    return AntreanHarian("2026-03-02", [Layanan("A", "Informasi", 5), Layanan("B", "Perizinan", 15)])


def test_nomor_berurutan_per_layanan() -> None:
    """Nomor tiket berurutan dan terpisah untuk setiap layanan."""
    a = antrean_baru()
    nomor = [a.ambil_nomor(k, PAGI).nomor for k in ("A", "A", "B", "A")]
    assert nomor == ["A001", "A002", "B001", "A003"]


def test_layanan_tidak_dikenal_ditolak() -> None:
    """Kode layanan yang tidak terdaftar menghasilkan kesalahan yang jelas."""
    with pytest.raises(AntreanError, match="Z tidak dikenal"):
        antrean_baru().ambil_nomor("Z", PAGI)


def test_panggil_mengikuti_urutan_dan_loket() -> None:
    """Pemanggilan mengambil tiket menunggu paling awal dan mencatat loketnya."""
    a = antrean_baru()
    a.ambil_nomor("A", PAGI)
    a.ambil_nomor("B", PAGI)
    pertama = a.panggil_berikutnya(2, PAGI)
    assert pertama is not None and (pertama.nomor, pertama.loket) == ("A001", 2)
    khusus_b = a.panggil_berikutnya(1, PAGI, "B")
    assert khusus_b is not None and khusus_b.nomor == "B001"
    assert a.panggil_berikutnya(1, PAGI) is None


def test_selesai_hanya_setelah_dipanggil() -> None:
    """Tiket yang belum dipanggil tidak dapat diselesaikan; setelah dipanggil bisa."""
    a = antrean_baru()
    a.ambil_nomor("A", PAGI)
    with pytest.raises(AntreanError, match="belum dipanggil"):
        a.selesaikan("A001", PAGI)
    a.panggil_berikutnya(1, PAGI)
    assert a.selesaikan("A001", PAGI).status is StatusTiket.SELESAI
    assert a.cari("A001").riwayat[-1].endswith("selesai")


def test_lewati_pemohon_tidak_hadir() -> None:
    """Tiket yang dipanggil tetapi pemohonnya tidak hadir dapat dilewati."""
    a = antrean_baru()
    a.ambil_nomor("B", PAGI)
    a.panggil_berikutnya(1, PAGI)
    assert a.lewati("B001", PAGI).status is StatusTiket.DILEWATI


def test_estimasi_tunggu_dibagi_loket_aktif() -> None:
    """Perkiraan tunggu = tiket di depan x durasi layanan / loket aktif, dibulatkan ke atas."""
    a = antrean_baru()
    for _ in range(4):
        a.ambil_nomor("B", PAGI)
    assert a.estimasi_tunggu("B004") == 45
    assert a.estimasi_tunggu("B004", loket_aktif=2) == 23
    assert a.estimasi_tunggu("B001") == 0


def test_ringkasan_per_status() -> None:
    """Rekap harian menghitung tiket per layanan dan status."""
    a = antrean_baru()
    a.ambil_nomor("A", PAGI)
    a.ambil_nomor("A", PAGI)
    a.panggil_berikutnya(1, PAGI)
    a.selesaikan("A001", PAGI)
    assert a.ringkasan()["A"] == {"menunggu": 1, "dipanggil": 0, "selesai": 1, "dilewati": 0}
    assert a.ringkasan()["B"]["menunggu"] == 0


def test_kode_layanan_tidak_sah() -> None:
    """Kode layanan harus satu huruf kapital dan tidak boleh ganda."""
    with pytest.raises(ValueError):
        Layanan("ab", "Salah")
    with pytest.raises(AntreanError, match="ganda"):
        AntreanHarian("2026-03-02", [Layanan("A", "Satu"), Layanan("A", "Dua")])
