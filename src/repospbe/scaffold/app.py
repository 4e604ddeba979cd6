"""``repospbe new app``: a new Aplikasi Khusus from ``templates/aplikasi-khusus``.

Renders the registry record (app.yaml + five documents) into
``registry/apps/<opd>/<app>/`` and a starter source repository (git, one commit)
into a directory of the developer's choice. Everything is validated first; the
record appears by one directory rename, so a failure leaves nothing behind.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from repospbe.errors import InputError
from repospbe.git.runner import git_bytes, identity_env
from repospbe.registry import load_registry
from repospbe.registry.model import Record
from repospbe.registry.schema import validate_record
from repospbe.scaffold import answers as A
from repospbe.scaffold.render import render, template_dir, template_version
from repospbe.subdomains import owner_names
from repospbe.yamlio import load_file

TEMPLATE = "aplikasi-khusus"
FIELDS = ("nama", "id", "opd", "deskripsi", "fungsi", "subdomain", "pemeliharaan", "lisensi", "registri_gitlab")
LICENSES = ("MIT",)
MAINTENANCE = ("swakelola", "vendor")
PLACEHOLDER = "[ISI: ringkasan satu paragraf tentang aplikasi]"


@dataclass(frozen=True)
class NewApp:
    key: str
    record_dir: Path
    source_dir: Path
    derived_id: bool
    template_version: str
    subdomain: str


def context(root: Path, raw: dict[str, str]) -> tuple[dict[str, str], bool]:
    """Validate every answer; return the template context and whether the id was derived."""
    inst = _yaml(root, "registry/instance.yaml")
    nama = A.text(raw.get("nama", ""), "nama")
    derived = not raw.get("id")
    app_id = A.slug_from_name(nama, "id") if derived else A.exact_slug(raw["id"], "id")
    opd = A.exact_slug(A.text(raw.get("opd", ""), "opd"), "opd")
    opd_file = root / f"registry/opd/{opd}.yaml"
    if not opd_file.is_file():
        raise InputError("scaffold.opd-missing", opd=opd)
    existing = sorted(p.relative_to(root).as_posix() for p in (root / "registry/apps").glob(f"*/{app_id}"))
    if existing:
        raise InputError("scaffold.app-exists", id=app_id, where=", ".join(existing))
    fungsi = [A.exact_slug(f.strip(), "fungsi") for f in raw.get("fungsi", "layanan-publik").split(",") if f.strip()]
    subdomain = A.label(raw["subdomain"]) if raw.get("subdomain") else ""
    if subdomain:
        _check_subdomain_name(root, opd, app_id, subdomain)
    deskripsi = A.text(raw.get("deskripsi") or PLACEHOLDER, "deskripsi")
    values = {
        "pemda": str(inst.get("pemda", "")),
        "pemda_yaml": A.yaml_str(str(inst.get("pemda", ""))),
        "domain": str(inst.get("domain", "")),
        "opd": opd,
        "opd_nama": str(_yaml(root, f"registry/opd/{opd}.yaml").get("nama", opd)),
        "nama": nama,
        "nama_yaml": A.yaml_str(nama),
        "app_id": app_id,
        "deskripsi_yaml": A.yaml_str(deskripsi),
        "fungsi_yaml": "\n".join(f"  - {f}" for f in fungsi or ["layanan-publik"]),
        "subdomain": subdomain,
        "pemeliharaan": A.choice(raw.get("pemeliharaan", "swakelola"), "pemeliharaan", MAINTENANCE),
        "lisensi": A.choice(raw.get("lisensi", "MIT"), "lisensi", LICENSES),
        "tahun": str(date.today().year),
        "registri_gitlab": A.text(
            raw.get("registri_gitlab") or "diskominfo/repositori-aplikasi-spbe", "registri_gitlab"
        ),
        "templat_nama": TEMPLATE,
        "templat_versi": template_version(root, TEMPLATE),
    }
    return values, derived


def _check_subdomain_name(root: Path, opd: str, app_id: str, label: str) -> None:
    """The subdomain naming rule ``repospbe new subdomain`` applies, applied now (one function)."""
    reg = load_registry(root, frozenset({f"registry/opd/{opd}.yaml"}))
    if not owner_names.permitted(reg, opd, label, new_app=app_id):
        choices = owner_names.choices(reg, opd, new_app=app_id)
        raise InputError("scaffold.subdomain-not-allowed", label=label, app=app_id, opd=opd, choices=choices)


def create(root: Path, raw: dict[str, str], source_dir: Path | None) -> NewApp:
    ctx, derived = context(root, raw)
    tpl = template_dir(root, TEMPLATE)
    key = f"{ctx['opd']}/{ctx['app_id']}"
    record_dir = root / "registry/apps" / key
    # default: beside the registry checkout, never inside it (no nested repository)
    source = (source_dir or root.parent / ctx["app_id"]).absolute()
    if source.exists():
        raise InputError("scaffold.target-exists", dir=str(source))
    tmp = Path(tempfile.mkdtemp(prefix=".repospbe-new-", dir=root))
    try:
        project = render(tpl, ctx, tmp)
        _check_record(root, project / "registri" / "app.yaml", f"registry/apps/{key}/app.yaml")
        _init_source(project / "sumber", ctx["nama"])
        source.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(project / "sumber"), str(source))
        record_dir.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.rename(project / "registri", record_dir)
        except OSError:
            shutil.rmtree(source, ignore_errors=True)
            raise InputError("scaffold.target-exists", dir=str(record_dir)) from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return NewApp(key, record_dir, source, derived, ctx["templat_versi"], ctx["subdomain"])


def _check_record(root: Path, path: Path, rel: str) -> None:
    loaded = load_file(path, rel)
    problems = list(loaded.findings)
    if not problems:
        problems = validate_record(root, Record(rel, "app", loaded.data, loaded.text))
    if problems:
        raise InputError("scaffold.render-invalid", file=rel, error=problems[0].text())


def _init_source(path: Path, nama: str) -> None:
    env = identity_env()
    env.setdefault("GIT_AUTHOR_NAME", "repospbe")
    env.setdefault("GIT_AUTHOR_EMAIL", "repospbe@localhost")
    env.setdefault("GIT_COMMITTER_NAME", env["GIT_AUTHOR_NAME"])
    env.setdefault("GIT_COMMITTER_EMAIL", env["GIT_AUTHOR_EMAIL"])
    # A repository repospbe creates from its own template: no global config (excludes, filters).
    git_bytes(path, "init", "-q", "-b", "main", env=env, internal=True, bulk=True)
    git_bytes(path, "add", "-A", env=env, internal=True, bulk=True)
    git_bytes(path, "commit", "-q", "-m", f"Kode awal {nama} dari templat", env=env, internal=True, bulk=True)


def _yaml(root: Path, rel: str) -> dict[str, object]:
    loaded = load_file(root / rel, rel)
    if loaded.findings or not isinstance(loaded.data, dict):
        raise InputError("scaffold.unreadable", file=rel)
    return loaded.data
