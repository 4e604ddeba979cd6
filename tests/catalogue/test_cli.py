"""``repospbe catalogue build|serve`` from the command line."""

from __future__ import annotations

import threading
import urllib.request
from pathlib import Path

import pytest

from repospbe.catalogue.serve import address, make_server
from repospbe.errors import InputError
from tests.catalogue.sample import make_registry
from tests.helpers.cli import run_cli


def test_build_prints_where_to_open_and_the_serve_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_registry(tmp_path / "reg")
    result = run_cli(capsys, "catalogue", "build", "--registry", str(root), "--out", str(tmp_path / "k"))
    assert result.code == 0, result.err
    assert "Katalog 3 aplikasi (18 halaman) dibangun di" in result.out
    assert "Kepatuhan: 0 dari 3 aplikasi (0%) memenuhi semua persyaratan yang diperiksa" in result.out
    assert str(tmp_path / "k" / "site" / "index.html") in result.out
    assert "repospbe catalogue serve --out" in result.out and "Indeks pencarian:" in result.out
    again = run_cli(capsys, "catalogue", "build", "--registry", str(root), "--out", str(tmp_path / "k"), "--lang", "en")
    assert again.code == 0 and "Catalogue of 3 apps" in again.out
    assert "3 of 3 app pages reused from the previous build" in again.out
    full = run_cli(capsys, "catalogue", "build", "--registry", str(root), "--out", str(tmp_path / "k"), "--full")
    assert full.code == 0 and "dipakai ulang" not in full.out


def test_build_refuses_the_checkout_docs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_registry(tmp_path / "reg")
    result = run_cli(capsys, "catalogue", "build", "--registry", str(root), "--out", str(root / "docs" / "x"))
    assert result.code == 2
    assert "tidak pernah ditulis ke checkout" in result.err
    assert not (root / "docs" / "x").exists()


def test_server_serves_the_site_on_localhost_and_stops(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<h1>Beranda</h1>", encoding="utf-8")
    (site / "a.yml").write_text("a: 1\n", encoding="utf-8")
    server = make_server(site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = address(server)
        assert base.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(base, timeout=10) as resp:
            assert resp.status == 200 and b"Beranda" in resp.read()
        with urllib.request.urlopen(base + "a.yml", timeout=10) as resp:
            assert resp.headers["Content-Type"].startswith("text/plain")
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(base + "../../etc/passwd", timeout=10)
        assert missing.value.code == 404
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
    assert not thread.is_alive()


def test_serving_an_unbuilt_catalogue_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        make_server(tmp_path)
    assert err.value.key == "catalogue.not-built"
