"""Uji otomatis untuk aplikasi.validasi (dijalankan oleh `perintah_uji`)."""
import unittest

from aplikasi.validasi import nik_sah, nomor_antrean


class TestNik(unittest.TestCase):
    def test_nik_enam_belas_angka_sah(self) -> None:
        self.assertTrue(nik_sah("6171011203900001"))

    def test_nik_perempuan_sah(self) -> None:
        self.assertTrue(nik_sah("6171015203900001"))

    def test_nik_salah_bentuk(self) -> None:
        self.assertFalse(nik_sah("61710112039"))
        self.assertFalse(nik_sah("61710199039000AB"))

    def test_tanggal_tidak_sah(self) -> None:
        self.assertFalse(nik_sah("6171013503900001"))


class TestAntrean(unittest.TestCase):
    def test_format(self) -> None:
        self.assertEqual(nomor_antrean("a", 7), "A-007")

    def test_prefiks_salah(self) -> None:
        with self.assertRaises(ValueError):
            nomor_antrean("AB", 1)


if __name__ == "__main__":
    unittest.main()
