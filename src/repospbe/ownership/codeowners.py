"""A GitLab CODEOWNERS file generated from the same ownership data.

Sections: Diskominfo owns everything (``*``) and the policy files; each OPD section
names that OPD's maintainers for its apps, sources, OPD record and subdomains, and
the vendors of each app within contract. GitLab requires an approval from every
section whose patterns match, which mirrors the embedded ownership rule.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from repospbe.registry.instance import config_of
from repospbe.registry.model import Registry

CODEOWNERS_PATH = ".gitlab/CODEOWNERS"
POLICY = (
    "/registry/instance.yaml",
    "/registry/reviewers.yaml",
    "/registry/allowed_signers",
    "/registry/runners/",
    "/checks/",
    "/templates/",
    "/pipelines/",
    "/.gitlab/",
)


def _emails(members: Any) -> list[str]:
    out: list[str] = []
    for m in members or []:
        if isinstance(m, dict):
            out += [e for e in m.get("email") or [] if isinstance(e, str)]
    return out


def generate(reg: Registry, today: date) -> str:
    reviewers = _emails(reg.reviewers.get("reviewers") if reg.reviewers else [])
    approvals = config_of(reg).required_approvals
    owners = " ".join(reviewers) or "@diskominfo"
    lines = [
        "# Dibuat oleh 'repospbe gitlab codeowners' dari registri; jangan disunting tangan.",
        f"[Diskominfo][{approvals}]",
        f"* {owners}",
        *[f"{p} {owners}" for p in POLICY],
        "",
    ]
    for code, record in sorted(reg.opds.items()):
        maint = _emails(record.get("pengelola"))
        if not maint:
            continue
        who = " ".join(maint)
        lines += [f"[OPD {code}]", f"/registry/opd/{code}.yaml {who}"]
        for key, app in sorted(reg.apps.items()):
            if key.split("/")[0] != code:
                continue
            vendors = _emails(
                v
                for v in app.get("vendor") or []
                if isinstance(v, dict) and str(v.get("berakhir", "")) >= today.isoformat()
            )
            lines.append(f"/registry/apps/{key}/ {' '.join([*maint, *vendors])}")
            lines.append(f"/registry/sources/{key}.bundle {' '.join([*maint, *vendors])}")
        for label, sub in sorted(reg.subdomains.items()):
            if sub.get("opd") == code:
                lines.append(f"/registry/subdomains/{label}.yaml {who}")
        lines.append("")
    return "\n".join(lines)


def committed(root: Path) -> str | None:
    path = root / CODEOWNERS_PATH
    return path.read_text(encoding="utf-8") if path.is_file() else None
