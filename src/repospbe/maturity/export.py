"""The evidence pack for the internal SPBE evaluation team.

Per app: its record, documents, handover manifest, maturity verdict with every
criterion, and the pipeline records, signed decisions (with whether each signature
verifies) and releases of the period. Per OPD: a summary. ``SHA256SUMS`` lists every
file so an outside evaluator verifies the pack with plain ``sha256sum -c SHA256SUMS``.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import asdict
from pathlib import Path
from typing import Any

from repospbe.errors import InputError
from repospbe.governance import query
from repospbe.governance.types import SignedDecision
from repospbe.i18n import t
from repospbe.maturity.aggregate import per_opd
from repospbe.maturity.assess import assess_registry
from repospbe.maturity.ladder import AppLevel
from repospbe.maturity.rules import load_ladder
from repospbe.registry import load_registry
from repospbe.writefile import write_atomic

SUMS = "SHA256SUMS"


def export_evidence(root: Path, period: str, out: Path) -> int:
    """Write the pack into the empty directory ``out``; return the number of files."""
    if out.exists() and any(out.iterdir()):
        raise InputError("evidence.out-not-empty", dir=str(out))
    reg = load_registry(root)
    levels = assess_registry(root)
    with query.snapshot(root):  # the governance refs read once for every app
        for lvl in levels:
            _export_app(root, lvl, period, out / "aplikasi" / lvl.key)
    ids = [lv.id for lv in load_ladder(root).process]
    for summary in per_opd(levels, ids):
        _json(out / "opd" / f"{summary.opd}.json", asdict(summary))
        src = root / "registry" / "opd" / f"{summary.opd}.yaml"
        if src.is_file():
            _copy(src, out / "opd" / f"{summary.opd}.yaml")
    _json(
        out / "ringkasan.json",
        {
            "periode": period,
            "pemda": reg.pemda,
            "aplikasi": len(levels),
            "tingkat": {lv.key: lv.level for lv in levels},
        },
    )
    write_atomic(out / "BACA-SAYA.txt", _readme(period))
    return _write_sums(out)


def _export_app(root: Path, lvl: AppLevel, period: str, dest: Path) -> None:
    app_dir = root / "registry" / "apps" / lvl.key
    for src in sorted(app_dir.rglob("*")):
        if src.is_file() and not src.is_symlink():
            _copy(src, dest / "registri" / src.relative_to(app_dir))
    _json(dest / "kematangan.json", asdict(lvl))

    def in_period(time: str) -> bool:
        return time.startswith(period)

    records = [r for r in query.pipeline_records(root, lvl.key) if in_period(r.finished)]
    for record in records:
        write_atomic(dest / "pipeline" / f"{record.digest()}.json", record.canonical() + b"\n")
    signed = [s for s in query.signed_decisions(root, lvl.key) if in_period(s.decision.time)]
    _json(dest / "keputusan.json", [_signed_files(dest, s) for s in signed])
    _json(dest / "rilis.json", [asdict(r) for r in query.releases(root, lvl.key) if in_period(r.time)])


def _signed_files(dest: Path, s: SignedDecision) -> dict[str, Any]:
    """Write the exact signed bytes, the signature and the allowed_signers beside the pack entry,
    so ``ssh-keygen -Y verify`` alone re-checks the decision; the entry names them and the command."""
    folder = f"keputusan/mr-{s.decision.mr}"
    base = s.file.rsplit("/", 1)[-1].removesuffix(".json")
    payload = f"{folder}/{base}.json"
    n = 1
    while (dest / payload).exists() and (dest / payload).read_bytes() != s.payload:  # a rewritten version
        n += 1
        payload = f"{folder}/{base}~{n}.json"
    write_atomic(dest / payload, s.payload)
    signers = f"{folder}/allowed_signers"
    write_atomic(dest / signers, s.allowed_signers)
    sig = payload.removesuffix(".json") + ".sig"
    entry: dict[str, Any] = {**asdict(s.decision), "berkas": payload, "allowed_signers": signers}
    entry["namespace"] = s.namespace
    if not s.signature:
        return {**entry, "tanda_tangan": None, "periksa": None}
    write_atomic(dest / sig, s.signature)
    cmd = f"ssh-keygen -Y verify -f {signers} -I {s.decision.reviewer} -n {s.namespace} -s {sig} < {payload}"
    return {**entry, "tanda_tangan": sig, "periksa": cmd}


def _json(path: Path, data: Any) -> None:
    write_atomic(path, json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n")


def _copy(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)


def _write_sums(out: Path) -> int:
    lines = []
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        rel = path.relative_to(out).as_posix()
        if rel == SUMS:
            continue
        lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {rel}\n")
    write_atomic(out / SUMS, "".join(lines))
    return len(lines)


def _readme(period: str) -> str:
    return (
        f"Paket bukti evaluasi SPBE, periode {period}.\n\n"
        "Verifikasi keutuhan tanpa alat khusus:\n    sha256sum -c SHA256SUMS\n\n"
        "aplikasi/<opd>/<app>/registri/   rekaman aplikasi, dokumen dan manifest serah terima\n"
        "aplikasi/<opd>/<app>/kematangan.json   tingkat kematangan dan hasil setiap kriteria\n"
        "aplikasi/<opd>/<app>/pipeline/   catatan pipeline (JSON kanonik; nama berkas = sha256-nya)\n"
        "aplikasi/<opd>/<app>/keputusan.json  keputusan reviewer bertanda tangan (verified = tanda tangan sah;\n"
        "    status = berlaku | digantikan | usang | tidak-sah; counted = berlaku saat ini)\n"
        + t("evidence.readme-signed", "id")
        + "\n"
        "aplikasi/<opd>/<app>/rilis.json  catatan rilis bertanda tangan\n"
        "opd/<kode>.json   ringkasan tingkat per OPD\n"
    )
