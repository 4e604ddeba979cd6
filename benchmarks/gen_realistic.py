"""Realistic registries for benchmarks (``gen_registry.py --realistic``).

Every app is a copy of the complete example ``registry/apps/diskominfo/si-antrean``:
its ``app.yaml`` (the example's fields, with the app's own id, name and OPD; the
example-only ``contoh``, ``pengguna``, ``subdomain``, ``alamat`` and ``integrasi`` (they name
other records) are dropped so the
registry checks clean) and its five documents (1.8-4.3 KB each, the example's name
replaced by the app's). Every app pins a source: one deterministic git bundle of a
few hundred files (the example source plus generated modules and tests), built once
and hard-linked to ``registry/sources/<opd>/<app>.bundle`` (copied where links fail).
The OPDs are ~40 synthetic ones with their contacts, or only ``diskominfo``
with ``one_opd``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "registry" / "apps" / "diskominfo" / "si-antrean"
EXAMPLE_SOURCE = REPO / "examples" / "si-antrean"
DROP = ("contoh", "pengguna", "subdomain", "alamat", "integrasi")
SOURCE_MODULES = 300  # generated modules in the pinned source, beside the example's own files
GIT_ENV = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.invalid",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.invalid",
    "GIT_AUTHOR_DATE": "2026-03-02T09:00:00+07:00",
    "GIT_COMMITTER_DATE": "2026-03-02T09:00:00+07:00",
    "TZ": "UTC",
    "LC_ALL": "C",
}
MODULE = '''"""Modul layanan {n}: rekap antrean loket {n}."""

from __future__ import annotations


def rekap_{n}(nomor: list[int]) -> dict[str, int]:
    """Jumlah, terkecil dan terbesar nomor antrean loket {n}."""
    if not nomor:
        return {{"jumlah": 0, "min": 0, "max": 0}}
    return {{"jumlah": len(nomor), "min": min(nomor), "max": max(nomor)}}


def waktu_tunggu_{n}(sisa: int, menit_per_orang: float = 4.5) -> float:
    """Perkiraan waktu tunggu dalam menit."""
    return round(max(sisa, 0) * menit_per_orang, 1)
'''


def source_bundle(cache: Path) -> tuple[Path, str]:
    """(bundle path, commit) of the pinned source, built once into ``cache``."""
    bundle, sha_file = cache / "source.bundle", cache / "source.commit"
    if bundle.is_file() and sha_file.is_file():
        return bundle, sha_file.read_text(encoding="utf-8").strip()
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        shutil.copytree(EXAMPLE_SOURCE, src, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "hasil-uji", "data"))
        pkg = src / "src" / "antrean" / "layanan"
        pkg.mkdir(parents=True)
        (pkg / "__init__.py").write_text('"""Modul layanan loket."""\n', encoding="utf-8")
        for n in range(SOURCE_MODULES):
            (pkg / f"loket_{n:03d}.py").write_text(MODULE.format(n=n), encoding="utf-8")
        env = {**os.environ, **GIT_ENV, "HOME": tmp}
        for argv in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "sumber bench"]):
            subprocess.run(["git", "-c", "commit.gpgsign=false", *argv], cwd=src, env=env, check=True)
        subprocess.run(["git", "bundle", "create", "-q", str(bundle), "main"], cwd=src, env=env, check=True)
        sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=src, env=env, check=True, capture_output=True, text=True)
    sha_file.write_text(sha.stdout.strip() + "\n", encoding="utf-8")
    return bundle, sha.stdout.strip()


def _link(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _opds(out: Path, one_opd: bool) -> list[str]:
    """Write ~40 OPD records with their contacts (``gen_registry.opds``); return the codes apps go to."""
    from gen_registry import contact, opds

    (out / "registry" / "opd").mkdir(parents=True)
    codes = []
    for code, name, kind in opds():
        record = {"kode": code, "nama": name, "jenis": kind, "kontak": contact(code)}
        (out / "registry" / "opd" / f"{code}.yaml").write_text(
            yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        codes.append(code)
    return ["diskominfo"] if one_opd else codes


def generate_realistic(n_apps: int, out: Path, *, one_opd: bool = False) -> int:
    """Write the registry; return the number of files written."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(REPO / "checks", out / "checks")
    (out / "registry").mkdir(parents=True)
    shutil.copy2(REPO / "registry" / "instance.yaml", out / "registry" / "instance.yaml")
    codes = _opds(out, one_opd)
    bundle, commit = source_bundle(out.parent / ".bench-source")
    template = yaml.safe_load(EXAMPLE.joinpath("app.yaml").read_text(encoding="utf-8"))
    documents = {p.name: p.read_text(encoding="utf-8") for p in sorted(EXAMPLE.glob("*.md"))}
    files = 1 + len(list((out / "registry" / "opd").iterdir()))
    for i in range(n_apps):
        opd, app_id = codes[i % len(codes)], f"si-{i:05d}"
        files += _write_app(out, opd, app_id, template, documents, (bundle, commit))
    return files


def _write_app(
    out: Path, opd: str, app_id: str, template: dict[str, object], documents: dict[str, str], source: tuple[Path, str]
) -> int:
    name = f"SI-{app_id[3:]} (Sistem Informasi Layanan {app_id[3:]})"
    record = {k: v for k, v in template.items() if k not in DROP}
    record.update(id=app_id, nama=name, opd=opd)
    record["sumber"] = {"repo": f"registry/sources/{opd}/{app_id}.bundle", "commit": source[1], "cabang": "main"}
    app_dir = out / "registry" / "apps" / opd / app_id
    app_dir.mkdir(parents=True)
    head = "# yaml-language-server: $schema=../../../../checks/schemas/app.schema.json\n"
    body = yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=100)
    (app_dir / "app.yaml").write_text(head + body, encoding="utf-8")
    for file, text in documents.items():
        text = text.replace("registry/sources/diskominfo/si-antrean.bundle", record["sumber"]["repo"])  # type: ignore[index]
        text = text.replace("SI-Antrean", f"SI-{app_id[3:]}").replace("si-antrean", app_id)
        (app_dir / file).write_text(text, encoding="utf-8")
    sources = out / "registry" / "sources" / opd
    sources.mkdir(parents=True, exist_ok=True)
    _link(source[0], sources / f"{app_id}.bundle")
    return 2 + len(documents)
