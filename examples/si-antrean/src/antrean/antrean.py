"""Logika antrean harian: ambil nomor, panggil, selesaikan, lewati, perkiraan tunggu."""
from __future__ import annotations

from datetime import datetime

from antrean.model import Layanan, StatusTiket, Tiket


class AntreanError(Exception):
    """Kesalahan penggunaan antrean yang pesannya layak ditampilkan ke petugas."""


class AntreanHarian:
    """Seluruh tiket satu hari pelayanan untuk sekumpulan layanan."""

    def __init__(self, tanggal: str, layanan: list[Layanan]) -> None:
        """Menyiapkan antrean kosong untuk ``tanggal`` (YYYY-MM-DD) dan daftar layanan."""
        kode = [x.kode for x in layanan]
        if len(set(kode)) != len(kode):
            raise AntreanError("kode layanan tidak boleh ganda")
        self.tanggal = tanggal
        self.layanan = {x.kode: x for x in layanan}
        self.tiket: list[Tiket] = []

    def ambil_nomor(self, kode_layanan: str, waktu: datetime) -> Tiket:
        """Memberi pemohon nomor berikutnya untuk layanan ``kode_layanan``, mis. ``A007``."""
        if kode_layanan not in self.layanan:
            raise AntreanError(f"layanan {kode_layanan} tidak dikenal")
        urutan = 1 + sum(1 for t in self.tiket if t.layanan == kode_layanan)
        if urutan > 999:
            raise AntreanError(f"kuota harian layanan {kode_layanan} (999) telah habis")
        tiket = Tiket(f"{kode_layanan}{urutan:03d}", kode_layanan, urutan, waktu.isoformat(timespec="seconds"))
        tiket.riwayat.append(f"{tiket.diambil} diambil")
        self.tiket.append(tiket)
        return tiket

    def panggil_berikutnya(self, loket: int, waktu: datetime, kode_layanan: str | None = None) -> Tiket | None:
        """Memanggil tiket menunggu yang paling awal ke ``loket``; ``None`` bila antrean kosong."""
        if loket < 1:
            raise AntreanError("nomor loket dimulai dari 1")
        for tiket in self.tiket:
            if tiket.status is StatusTiket.MENUNGGU and kode_layanan in (None, tiket.layanan):
                tiket.status = StatusTiket.DIPANGGIL
                tiket.loket = loket
                tiket.riwayat.append(f"{waktu.isoformat(timespec='seconds')} dipanggil ke loket {loket}")
                return tiket
        return None

    def selesaikan(self, nomor: str, waktu: datetime) -> Tiket:
        """Menandai tiket yang sedang dilayani sebagai selesai."""
        return self._ubah(nomor, StatusTiket.SELESAI, waktu)

    def lewati(self, nomor: str, waktu: datetime) -> Tiket:
        """Menandai tiket yang dipanggil tetapi pemohonnya tidak hadir sebagai dilewati."""
        return self._ubah(nomor, StatusTiket.DILEWATI, waktu)

    def _ubah(self, nomor: str, status: StatusTiket, waktu: datetime) -> Tiket:
        """Memindahkan tiket berstatus dipanggil ke ``status``; menolak perpindahan lain."""
        tiket = self.cari(nomor)
        if tiket.status is not StatusTiket.DIPANGGIL:
            raise AntreanError(f"tiket {nomor} berstatus {tiket.status.value}, belum dipanggil")
        tiket.status = status
        tiket.riwayat.append(f"{waktu.isoformat(timespec='seconds')} {status.value}")
        return tiket

    def cari(self, nomor: str) -> Tiket:
        """Tiket bernomor ``nomor``; kesalahan bila tidak ada."""
        for tiket in self.tiket:
            if tiket.nomor == nomor:
                return tiket
        raise AntreanError(f"tiket {nomor} tidak ditemukan")

    def estimasi_tunggu(self, nomor: str, loket_aktif: int = 1) -> int:
        """Perkiraan menit sampai ``nomor`` dipanggil: tiket di depannya x durasi / loket aktif."""
        if loket_aktif < 1:
            raise AntreanError("jumlah loket aktif minimal 1")
        tiket = self.cari(nomor)
        if tiket.status is not StatusTiket.MENUNGGU:
            return 0
        di_depan = [t for t in self.tiket if t.status is StatusTiket.MENUNGGU and t.layanan == tiket.layanan
                    and t.urutan < tiket.urutan]
        durasi = self.layanan[tiket.layanan].durasi_menit
        return -(-len(di_depan) * durasi // loket_aktif)

    def ringkasan(self) -> dict[str, dict[str, int]]:
        """Rekap jumlah tiket per layanan dan per status untuk laporan harian."""
        rekap = {kode: {s.value: 0 for s in StatusTiket} for kode in self.layanan}
        for tiket in self.tiket:
            rekap[tiket.layanan][tiket.status.value] += 1
        return rekap
