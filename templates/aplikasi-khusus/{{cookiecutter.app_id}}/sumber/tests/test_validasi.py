"""Uji otomatis untuk aplikasi.validasi (dijalankan oleh `perintah_uji`)."""
import unittest

from aplikasi.validasi import nik_sah, nomor_antrean


class TestNik(unittest.TestCase):
    """Pemeriksaan bentuk NIK oleh nik_sah."""

    def test_nik_enam_belas_angka_sah(self) -> None:
        """NIK 16 angka dengan tanggal lahir 1-31 diterima."""
        self.assertTrue(nik_sah("6171011203900001"))

    def test_nik_perempuan_sah(self) -> None:
        """Tanggal lahir perempuan (ditambah 40) diterima."""
        self.assertTrue(nik_sah("6171015203900001"))

    def test_nik_salah_bentuk(self) -> None:
        """NIK yang terlalu pendek atau memuat huruf ditolak."""
        self.assertFalse(nik_sah("61710112039"))
        self.assertFalse(nik_sah("61710199039000AB"))

    def test_tanggal_tidak_sah(self) -> None:
        """Tanggal lahir 35 bukan tanggal yang mungkin, ditolak."""
        self.assertFalse(nik_sah("6171013503900001"))


class TestAntrean(unittest.TestCase):
    """Pembentukan nomor antrean oleh nomor_antrean."""

    def test_format(self) -> None:
        """Prefiks dibuat huruf besar dan urutan tiga digit."""
        self.assertEqual(nomor_antrean("a", 7), "A-007")

    def test_prefiks_salah(self) -> None:
        """Prefiks lebih dari satu huruf menimbulkan ValueError."""
        with self.assertRaises(ValueError):
            nomor_antrean("AB", 1)


if __name__ == "__main__":
    unittest.main()
