"""``repospbe handover ingest``: the whole handover in one run.

1. validate the request; 2. hash the archive; 3. extract safely into staging;
4. commit the content on ``serah-terima/<version>`` in the app's bare source
repository (created if new) and export a bundle; 5. write the manifest and the
BAST; 6. commit the registry change (pin, manifest, BAST, bundle) on the branch
``serah-terima/<app>-<version>``; 7. list what is still missing.
A failure at any step removes the staging data and any source branch it created
(or puts back the one it replaced). A version is "used" only once it was accepted,
i.e. its manifest is on the registry's checked-out main line: until then the same
version may be delivered again, replacing the earlier attempt's branches.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from repospbe.errors import InputError
from repospbe.findings import Finding
from repospbe.git import runner
from repospbe.handover import bast, completeness, manifest, pin, registry_branch, request, sourcerepo
from repospbe.handover.extract import Extraction, extract
from repospbe.handover.request import Request
from repospbe.registry.instance import InstanceConfig, load_instance


@dataclass(frozen=True)
class Result:
    request: Request
    kind: str
    archive_sha256: str
    files: int
    total_bytes: int
    dropped: int
    store_repo: Path
    repo_created: bool
    source_commit: str
    registry_branch: str
    registry_commit: str
    manifest_rel: str
    bast_rel: str
    missing: tuple[Finding, ...]
    replaced: str = ""  # the registry branch commit of an earlier, never accepted attempt at this version
    stripped: str = ""  # the project folder every archive entry was under, removed from the paths


@dataclass(frozen=True)
class Published:
    """The source side of a handover, ready for the registry commit."""

    commit: str
    bundle_file: Path
    repo: Path
    created: bool
    replaces: str


def ingest(root: Path, req: Request) -> Result:
    request.validate(req)
    text, record = request.load_app(root, req)
    inst = load_instance(root)
    registry_branch.head_commit(root)
    registry_branch.check_branch_name(root, req.registry_branch)
    if registry_branch.head_has(root, f"{req.app_rel}/serah-terima/manifest-{req.version}.json"):
        raise InputError("handover.version-accepted", app=req.app_key, version=req.version)
    replaces = registry_branch.branch_tip(root, req.registry_branch)
    store = request.source_store(root, inst.penyimpanan_sumber)
    repo = store / req.opd / f"{req.app}.git"
    old_source = sourcerepo.branch_commit(repo, req.source_branch)
    request.prepare_store(store)
    scratch = Path(tempfile.mkdtemp(prefix=".serah-terima-", dir=store))
    created = False
    commit = previous_head = ""
    try:
        kind, extraction = extract(req.archive, scratch / "isi", req.limits)
        if kind == "direktori":
            archive_sha, size = manifest.listing_sha256(extraction), 0
        else:
            archive_sha, size = manifest.sha256_file(req.archive)
        created = sourcerepo.ensure_repo(repo)
        if created and (root / req.bundle_rel).is_file():
            sourcerepo.seed_from_bundle(repo, root / req.bundle_rel)
        previous_head = sourcerepo.head_ref(repo)
        tree = sourcerepo.import_tree(repo, extraction, scratch)
        message = (
            f"Serah terima {req.app_key} {req.version}\n\n"
            f"Vendor: {req.vendor}\nKontrak: {req.contract}\nArsip sha256: {archive_sha}\n"
        )
        pinned = record.get("sumber", {}).get("commit", "") if isinstance(record.get("sumber"), dict) else ""
        commit = sourcerepo.commit_branch(
            repo, tree, req.source_branch, message, req.vendor, str(pinned), replaces=old_source
        )
        bundle_file = scratch / "sumber.bundle"
        sourcerepo.export_bundle(repo, bundle_file)
        delivery = manifest.Delivery(
            req.app_key,
            req.vendor,
            req.contract,
            req.version,
            datetime.now(UTC).date().isoformat(),
            req.archive.name,
            kind,
            size,
            archive_sha,
        )
        published = Published(commit, bundle_file, repo, created, replaces)
        return _publish(root, req, text, record, inst, delivery, extraction, published)
    except BaseException:
        if commit:
            sourcerepo.restore_head(repo, previous_head)
            ref = f"refs/heads/{req.source_branch}"
            undo = ("update-ref", ref, old_source, commit) if old_source else ("update-ref", "-d", ref, commit)
            runner.git_bytes(repo, *undo, internal=True, bulk=True)
        if created:
            shutil.rmtree(repo, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _publish(
    root: Path,
    req: Request,
    text: str,
    record: dict[str, object],
    inst: InstanceConfig,
    delivery: manifest.Delivery,
    extraction: Extraction,
    published: Published,
) -> Result:
    commit, bundle_file = published.commit, published.bundle_file
    source = {"repo": req.bundle_rel, "commit": commit, "cabang": req.source_branch}
    data = manifest.build(delivery, extraction, source)
    app_dir = root / req.app_rel
    pemda = inst.pemda
    doc_status = _doc_status(app_dir)
    context = {
        "pemda": pemda,
        "opd": req.opd,
        "app": req.app,
        "nama": str(record.get("nama", req.app)),
        "vendor": req.vendor,
        "kontrak": req.contract,
        "versi": req.version,
        "tanggal": delivery.date,
        "arsip": data["arsip"],
        "total": data["total"],
        "sumber": source,
        "dibuang": data["dibuang"]["jumlah"],
        "dokumen": bast.document_rows(doc_status),
        "manifest": f"serah-terima/manifest-{req.version}.json",
    }
    bast_text = bast.render(root, context)
    manifest_rel = f"{req.app_rel}/serah-terima/manifest-{req.version}.json"
    bast_rel = f"{req.app_rel}/serah-terima/bast-{req.version}.md"
    files: dict[str, bytes | Path] = {p: f for p, f in _app_files(root, app_dir).items() if "/serah-terima/" not in p}
    files[f"{req.app_rel}/app.yaml"] = pin.set_source(
        text, f"{req.app_rel}/app.yaml", req.bundle_rel, commit, req.source_branch
    ).encode("utf-8")
    files[manifest_rel] = manifest.dumps(data).encode("utf-8")
    files[bast_rel] = bast_text.encode("utf-8")
    files[f"{req.app_rel}/bast.md"] = bast_text.encode("utf-8")
    files[req.bundle_rel] = bundle_file
    message = (
        f"Serah terima {req.app_key} versi {req.version} dari {req.vendor}\n\n"
        f"Kontrak: {req.contract}\nSumber: {req.bundle_rel} @ {commit}\n"
    )
    reg_commit = registry_branch.commit_files(root, req.registry_branch, files, message, published.replaces)
    missing = completeness.documents(app_dir, req.app_rel, {"bast": bast_text})
    missing += completeness.source(extraction, dict(record), pemda, f"{req.app_rel}/app.yaml")
    return Result(
        req,
        delivery.archive_kind,
        delivery.archive_sha256,
        extraction.files,
        int(data["total"]["bita"]),
        len(extraction.dropped),
        published.repo,
        published.created,
        commit,
        req.registry_branch,
        reg_commit,
        manifest_rel,
        bast_rel,
        tuple(missing),
        published.replaces,
        extraction.stripped,
    )


def _doc_status(app_dir: Path) -> dict[str, str]:
    """State of each document before the handover: ada, belum selesai, belum ada."""
    out = {kind: "ada" for kind in completeness.DOCUMENTS}
    for f in completeness.documents(app_dir, "", {}):
        kind = str(dict(f.params)["document"])
        out[kind] = "belum ada" if f.check_id.endswith("missing") else "belum selesai"
    return out


def _app_files(root: Path, app_dir: Path) -> dict[str, bytes | Path]:
    out: dict[str, bytes | Path] = {}
    for path in sorted(app_dir.rglob("*")):
        if path.is_file() and not path.is_symlink():
            out[path.relative_to(root).as_posix()] = path
    return out
