"""{{ cookiecutter.nama }}: kode awal dari templat Repositori Aplikasi SPBE.

Ganti modul contoh ini dengan kode aplikasi yang sebenarnya. Pertahankan kebiasaannya:
setiap fungsi punya docstring yang menjelaskan fungsinya, masukannya dan keluarannya.
"""
