"""Validasi masukan yang umum dipakai layanan Pemda.

Contoh kode berdokumentasi: setiap fungsi menjelaskan apa yang dikerjakan, masukan,
keluaran dan galat yang mungkin muncul.
"""
from __future__ import annotations

import re

_NIK = re.compile(r"^[0-9]{16}$")


def nik_sah(nik: str) -> bool:
    """Periksa bentuk Nomor Induk Kependudukan (NIK).

    Masukan: ``nik`` berupa teks. Keluaran: True bila tepat 16 angka dan bagian tanggal
    lahir (digit ke-7 dan 8, ditambah 40 untuk perempuan) bernilai 1-31 atau 41-71.
    Fungsi ini hanya memeriksa bentuk, bukan keberadaan NIK di data kependudukan.
    """
    nik = nik.strip()
    if not _NIK.match(nik):
        return False
    hari = int(nik[6:8])
    return 1 <= hari <= 31 or 41 <= hari <= 71


def nomor_antrean(prefiks: str, urutan: int) -> str:
    """Bentuk nomor antrean yang mudah dibaca, mis. ``A-007``.

    Masukan: ``prefiks`` satu huruf loket dan ``urutan`` bilangan positif.
    Keluaran: teks prefiks huruf besar, tanda hubung dan urutan tiga digit.
    Galat: ValueError bila prefiks bukan satu huruf atau urutan tidak positif.
    """
    if len(prefiks) != 1 or not prefiks.isalpha():
        raise ValueError("prefiks harus satu huruf")
    if urutan < 1:
        raise ValueError("urutan harus bilangan positif")
    return f"{prefiks.upper()}-{urutan:03d}"
