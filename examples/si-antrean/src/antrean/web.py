"""Antarmuka web JSON (WSGI) untuk anjungan tiket, layar loket dan rekap harian.

Rute:
- ``GET  /api/layanan``          daftar layanan
- ``POST /api/tiket``            ambil nomor: ``{"layanan": "A"}``
- ``GET  /api/tiket/<nomor>``    status tiket dan perkiraan tunggu
- ``POST /api/panggil``          panggil berikutnya: ``{"loket": 1, "layanan": "A"}``
- ``POST /api/selesai``          ``{"nomor": "A001"}``; ``/api/lewati`` sama bentuknya
- ``GET  /api/ringkasan``        rekap per layanan dan status
"""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterable

from antrean.antrean import AntreanError, AntreanHarian
from antrean.model import Layanan, Tiket
from antrean.penyimpanan import muat_atau_baru, simpan

Respon = tuple[str, dict[str, Any]]
MAKS_BADAN = 4096


class AplikasiWeb:
    """Aplikasi WSGI; setiap perubahan langsung disimpan ke berkas data."""

    def __init__(self, berkas: Path, layanan: list[Layanan], jam: Callable[[], datetime] = datetime.now,
                 loket_aktif: int = 1) -> None:
        """Menyiapkan aplikasi dengan berkas data, daftar layanan, sumber waktu dan jumlah loket."""
        self.berkas = berkas
        self.layanan = layanan
        self.jam = jam
        self.loket_aktif = loket_aktif

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        """Titik masuk WSGI: menjalankan rute dan mengirim jawaban JSON."""
        try:
            status, isi = self.rute(environ["REQUEST_METHOD"], environ.get("PATH_INFO", "/"), _badan(environ))
        except AntreanError as exc:
            status, isi = "409 Conflict", {"galat": str(exc)}
        except (ValueError, KeyError, TypeError) as exc:
            status, isi = "400 Bad Request", {"galat": f"permintaan tidak sah: {exc}"}
        data = json.dumps(isi, ensure_ascii=False).encode("utf-8")
        start_response(status, [("Content-Type", "application/json; charset=utf-8"),
                                ("Content-Length", str(len(data)))])
        return [data]

    def rute(self, metode: str, jalur: str, badan: dict[str, Any]) -> Respon:
        """Memilih penangan berdasarkan metode dan jalur; 404 bila tidak ada."""
        sekarang = self.jam()
        antrean = muat_atau_baru(self.berkas, sekarang.date().isoformat(), self.layanan)
        if metode == "GET" and jalur == "/api/layanan":
            return "200 OK", {"layanan": [vars(x) for x in antrean.layanan.values()]}
        if metode == "GET" and jalur == "/api/ringkasan":
            return "200 OK", {"tanggal": antrean.tanggal, "ringkasan": antrean.ringkasan()}
        if metode == "GET" and jalur.startswith("/api/tiket/"):
            return "200 OK", self._tiket(antrean, antrean.cari(jalur.rsplit("/", 1)[1]))
        if metode == "POST" and jalur in ("/api/tiket", "/api/panggil", "/api/selesai", "/api/lewati"):
            return self._ubah(antrean, jalur, badan, sekarang)
        return "404 Not Found", {"galat": f"rute {metode} {jalur} tidak ada"}

    def _ubah(self, antrean: AntreanHarian, jalur: str, badan: dict[str, Any], sekarang: datetime) -> Respon:
        """Menjalankan perubahan antrean lalu menyimpannya."""
        if jalur == "/api/tiket":
            tiket = antrean.ambil_nomor(str(badan["layanan"]), sekarang)
            status = "201 Created"
        elif jalur == "/api/panggil":
            dipanggil = antrean.panggil_berikutnya(int(badan["loket"]), sekarang, badan.get("layanan"))
            if dipanggil is None:
                return "200 OK", {"tiket": None, "pesan": "antrean kosong"}
            tiket, status = dipanggil, "200 OK"
        elif jalur == "/api/selesai":
            tiket, status = antrean.selesaikan(str(badan["nomor"]), sekarang), "200 OK"
        else:
            tiket, status = antrean.lewati(str(badan["nomor"]), sekarang), "200 OK"
        simpan(antrean, self.berkas)
        return status, self._tiket(antrean, tiket)

    def _tiket(self, antrean: AntreanHarian, tiket: Tiket) -> dict[str, Any]:
        """Isi jawaban untuk satu tiket, termasuk perkiraan menit tunggu."""
        return {"tiket": tiket.ke_dict(), "estimasi_menit": antrean.estimasi_tunggu(tiket.nomor, self.loket_aktif)}


def _badan(environ: dict[str, Any]) -> dict[str, Any]:
    """Membaca badan permintaan JSON (paling besar ``MAKS_BADAN`` bita); kosong menjadi ``{}``."""
    panjang = int(environ.get("CONTENT_LENGTH") or 0)
    if panjang <= 0:
        return {}
    if panjang > MAKS_BADAN:
        raise ValueError("badan permintaan terlalu besar")
    data = json.loads(environ["wsgi.input"].read(panjang).decode("utf-8"))
    if not isinstance(data, dict):
        raise ValueError("badan permintaan harus objek JSON")
    return data
