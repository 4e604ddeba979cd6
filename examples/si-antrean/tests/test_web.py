"""Uji antarmuka web WSGI dengan permintaan nyata lewat wsgiref."""
from __future__ import annotations

import io
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from antrean.model import Layanan
from antrean.web import AplikasiWeb


def minta(app: AplikasiWeb, metode: str, jalur: str, badan: Any = None) -> tuple[str, dict[str, Any]]:
    """Mengirim satu permintaan ke aplikasi WSGI dan mengembalikan status serta JSON jawabannya."""
    data = b"" if badan is None else json.dumps(badan).encode()
    environ = {"REQUEST_METHOD": metode, "PATH_INFO": jalur, "CONTENT_LENGTH": str(len(data)),
               "wsgi.input": io.BytesIO(data)}
    hasil: dict[str, str] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        """Mencatat status jawaban."""
        hasil["status"] = status

    isi = b"".join(app(environ, start_response))
    return hasil["status"], json.loads(isi)


def aplikasi(tmp_path: Path) -> AplikasiWeb:
    """Aplikasi dengan jam tetap dan satu layanan 10 menit."""
    return AplikasiWeb(tmp_path / "antrean.json", [Layanan("A", "Informasi", 10)],
                       jam=lambda: datetime(2026, 3, 2, 8, 0))


def test_alur_ambil_panggil_selesai(tmp_path: Path) -> None:
    """Anjungan mengambil nomor, loket memanggil dan menyelesaikan, rekap mencatatnya."""
    app = aplikasi(tmp_path)
    assert minta(app, "POST", "/api/tiket", {"layanan": "A"})[0] == "201 Created"
    status, isi = minta(app, "POST", "/api/tiket", {"layanan": "A"})
    assert isi["tiket"]["nomor"] == "A002" and isi["estimasi_menit"] == 10
    status, isi = minta(app, "POST", "/api/panggil", {"loket": 1})
    assert status == "200 OK" and isi["tiket"]["nomor"] == "A001"
    assert minta(app, "POST", "/api/selesai", {"nomor": "A001"})[0] == "200 OK"
    _, rekap = minta(app, "GET", "/api/ringkasan")
    assert rekap["ringkasan"]["A"] == {"menunggu": 1, "dipanggil": 0, "selesai": 1, "dilewati": 0}


def test_kesalahan_dijawab_dengan_pesan(tmp_path: Path) -> None:
    """Permintaan salah mendapat kode 4xx dan pesan, bukan galat server."""
    app = aplikasi(tmp_path)
    assert minta(app, "POST", "/api/tiket", {"layanan": "Z"})[0] == "409 Conflict"
    assert minta(app, "POST", "/api/tiket", {})[0] == "400 Bad Request"
    assert minta(app, "POST", "/api/tiket", [1, 2])[0] == "400 Bad Request"
    assert minta(app, "GET", "/api/tidak-ada")[0] == "404 Not Found"
    assert minta(app, "GET", "/api/tiket/A999")[0] == "409 Conflict"


def test_panggil_saat_kosong(tmp_path: Path) -> None:
    """Memanggil saat antrean kosong tidak gagal dan memberi tahu bahwa antrean kosong."""
    _, isi = minta(aplikasi(tmp_path), "POST", "/api/panggil", {"loket": 1})
    assert isi == {"tiket": None, "pesan": "antrean kosong"}
