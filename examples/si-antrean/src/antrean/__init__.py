"""SI-Antrean: Sistem Informasi Antrean Pelayanan Pemerintah Kota Pontianak.

Paket ini mengelola nomor antrean harian di loket pelayanan Perangkat Daerah:
pengambilan nomor, pemanggilan ke loket, penyelesaian layanan, perkiraan waktu
tunggu dan rekap harian. Hanya memakai pustaka standar Python.
"""

__version__ = "1.0.0"
