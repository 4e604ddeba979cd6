"""``repospbe new registry``: a fresh registry for another Pemda.

Renders ``templates/registry`` (instance.yaml with the Pemda's own domain, Diskominfo
code and Pusat Data ranges; Diskominfo as the only OPD) and copies ``checks/`` and
``templates/`` from the current registry, so the new one checks and scaffolds the
same way. The result is validated with the schema checks before it is moved into place.
"""

from __future__ import annotations

import ipaddress
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from repospbe.engine import check_registry
from repospbe.errors import InputError
from repospbe.resources import override_or_default
from repospbe.scaffold import answers as A
from repospbe.scaffold.render import render, template_dir, template_version

TEMPLATE = "registry"
FIELDS = ("pemda", "domain", "diskominfo_kode", "diskominfo_nama", "pusat_data", "persetujuan")
DOMAIN_RE = re.compile(r"^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$")
COPIED = ("checks", "templates", "pipelines")


@dataclass(frozen=True)
class NewRegistry:
    path: Path
    domain: str
    problems: int


def context(raw: dict[str, str], version: str, folder: str) -> dict[str, str]:
    pemda = A.text(raw.get("pemda", ""), "pemda")
    domain = A.text(raw.get("domain", ""), "domain").lower()
    if not DOMAIN_RE.match(domain) or len(domain) > 253:
        raise InputError("scaffold.bad-domain", value=domain[:80])
    code = A.exact_slug(raw.get("diskominfo_kode") or "diskominfo", "diskominfo_kode")
    name = A.text(raw.get("diskominfo_nama") or "Dinas Komunikasi dan Informatika", "diskominfo_nama")
    ranges = [r.strip() for r in raw.get("pusat_data", "").split(",") if r.strip()]
    if not ranges:
        raise InputError("scaffold.missing", field="pusat_data")
    lines = []
    for cidr in ranges:
        try:
            net = ipaddress.ip_network(cidr, strict=True)
        except ValueError:
            raise InputError("scaffold.bad-cidr", value=cidr[:80]) from None
        lines.append(_range_yaml(net))
    approvals = raw.get("persetujuan") or "2"
    if not approvals.isdigit() or not 1 <= int(approvals) <= 10:
        raise InputError("scaffold.bad-choice", field="persetujuan", value=approvals[:20], allowed="1-10")
    return {
        "folder": folder,
        "pemda": pemda,
        "pemda_yaml": A.yaml_str(pemda),
        "domain": domain,
        "diskominfo_kode": code,
        "diskominfo_nama_yaml": A.yaml_str(name),
        "pusat_data_yaml": "\n".join(lines),
        "persetujuan_jumlah": approvals,
        "templat_versi": version,
    }


# Documentation ranges (RFC 5737, RFC 3849): accepted as an example standing in for the real range
# (recorded ``contoh: true``, so addresses in it are reported as examples, never as the Pusat Data).
DOCUMENTATION = tuple(
    ipaddress.ip_network(n) for n in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32")
)


def _range_yaml(net: ipaddress.IPv4Network | ipaddress.IPv6Network) -> str:
    example = any(net.version == d.version and net.subnet_of(d) for d in DOCUMENTATION)  # type: ignore[arg-type]
    if not example and not net.is_global:
        # Addresses of subdomains must be global (address-global): a private range would refuse every one.
        raise InputError("setup.cidr-not-global", value=str(net))
    note = "Contoh (rentang dokumentasi); ganti dengan rentang Pusat Data sebenarnya" if example else ""
    text = f"  - cidr: {net}\n    keterangan: {A.yaml_str(note or 'Rentang Pusat Data Elektronik Daerah')}"
    return text + ("\n    contoh: true" if example else "")


def create(root: Path | None, raw: dict[str, str], dest: Path) -> NewRegistry:
    """A new registry at ``dest``; policy (``checks/``, ``templates/``, ``pipelines/``) is copied from
    ``root`` where that registry has its own, else from what repospbe ships."""
    dest = dest.absolute()
    if dest.exists():
        raise InputError("scaffold.target-exists", dir=str(dest))
    tpl = template_dir(root, TEMPLATE)
    ctx = context(raw, template_version(root, TEMPLATE), dest.name)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".repospbe-registri-", dir=dest.parent))
    try:
        project = render(tpl, ctx, tmp)
        for part in COPIED:
            source = override_or_default(root, part)
            if source.is_dir():
                shutil.copytree(source, project / part, symlinks=False, ignore=shutil.ignore_patterns("__pycache__"))
        findings = [f for f in check_registry(project) if f.blocks()]
        if findings:
            raise InputError("scaffold.render-invalid", file=findings[0].location, error=findings[0].text())
        os.rename(project, dest)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return NewRegistry(dest, ctx["domain"], 0)
