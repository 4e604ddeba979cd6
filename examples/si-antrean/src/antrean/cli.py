"""Perintah baris: ``python -m antrean.cli serve|ringkasan``."""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from wsgiref.simple_server import make_server

from antrean.model import Layanan
from antrean.penyimpanan import muat
from antrean.web import AplikasiWeb

LAYANAN_BAWAAN = [
    Layanan("A", "Informasi dan konsultasi", 5),
    Layanan("B", "Perizinan", 15),
    Layanan("C", "Pengaduan", 10),
]


def bangun_parser() -> argparse.ArgumentParser:
    """Menyusun parser argumen untuk perintah ``serve`` dan ``ringkasan``."""
    parser = argparse.ArgumentParser(prog="si-antrean", description="Sistem Informasi Antrean Pelayanan")
    sub = parser.add_subparsers(dest="perintah", required=True)
    serve = sub.add_parser("serve", help="jalankan layanan web")
    serve.add_argument("--data", type=Path, default=Path("data/antrean.json"))
    serve.add_argument("--alamat", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--loket", type=int, default=1, help="jumlah loket aktif")
    rekap = sub.add_parser("ringkasan", help="cetak rekap harian dari berkas data")
    rekap.add_argument("--data", type=Path, default=Path("data/antrean.json"))
    return parser


def main(argv: list[str] | None = None) -> int:
    """Menjalankan perintah yang diminta dan mengembalikan kode keluar."""
    args = bangun_parser().parse_args(argv)
    if args.perintah == "ringkasan":
        antrean = muat(args.data)
        print(json.dumps({"tanggal": antrean.tanggal, "ringkasan": antrean.ringkasan()}, indent=2))
        return 0
    app = AplikasiWeb(args.data, LAYANAN_BAWAAN, loket_aktif=args.loket)
    with make_server(args.alamat, args.port, app) as server:
        print(f"SI-Antrean melayani di http://{args.alamat}:{args.port}/api/layanan")
        server.serve_forever()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
