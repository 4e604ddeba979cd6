"""A subdomain request: answers -> validated record -> rendered file.

The answers become a record first and go through the same ``subdomain.*`` and
schema checks as a merge request would, against the registry as it is plus the
new file. Only a request without blocking findings is rendered (cookiecutter,
``templates/subdomain/``, no hooks, no prompts) and written atomically.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from repospbe.engine import run_checks
from repospbe.errors import InputError
from repospbe.findings import Finding
from repospbe.registry import load_registry
from repospbe.registry.model import Record
from repospbe.registry.paths import SUBDOMAIN_FILE_RE
from repospbe.writefile import write_atomic
from repospbe.yamlio import parse

TEMPLATE = "templates/subdomain"
SUBDIR = "registry/subdomains"
# The checks a request goes through, by name: the schema check and every ``subdomain-*``
# check of ``repospbe.checks.REGISTRY_CHECKS``. Named here, not imported, so this domain
# module stays below the checks layer; tests/subdomains/test_request_checks.py keeps the
# list equal to the table's.
CHECKS = (
    "schema",
    "subdomain-syntax",
    "subdomain-naming",
    "subdomain-reserved",
    "subdomain-unique",
    "subdomain-records",
    "subdomain-addresses",
    "subdomain-lifecycle",
    "subdomain-letter",
)


@dataclass(frozen=True)
class Answers:
    name: str
    opd: str
    app: str | None
    purpose: str
    records: tuple[dict[str, Any], ...]
    ttl: int
    letter_number: str
    letter_date: str
    review: str


@dataclass(frozen=True)
class Outcome:
    """What was written (``path`` is None when blocked) and every finding on it."""

    path: Path | None
    rel: str
    findings: tuple[Finding, ...]

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if f.blocks()]


def record_data(a: Answers) -> dict[str, Any]:
    return {
        "opd": a.opd,
        "untuk": {"app": a.app} if a.app else {"opd": a.opd},
        "tujuan": a.purpose,
        "ttl": a.ttl,
        "records": [dict(r) for r in a.records],
        "surat": {"nomor": a.letter_number, "tanggal": a.letter_date},
        "tinjauan": a.review,
    }


def default_review(today: dt.date | None = None) -> str:
    today = today or dt.date.today()
    return (
        today.replace(year=today.year + 1).isoformat()
        if not (today.month == 2 and today.day == 29)
        else dt.date(today.year + 1, 3, 1).isoformat()
    )


def validate(root: Path, a: Answers) -> Outcome:
    """Run the registry's rules on the registry plus this request."""
    if not SUBDOMAIN_FILE_RE.match(a.name) or a.name.startswith("."):
        raise InputError("subdomain.request-name", name=a.name[:80])
    rel = f"{SUBDIR}/{a.name}.yaml"
    if (root / rel).exists():
        raise InputError("subdomain.request-exists", file=rel)
    reg = load_registry(root)
    data = record_data(a)
    reg.subdomains[a.name] = Record(rel, "subdomain", data, yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    reg.subdomain_names.add(a.name)
    reg.files[rel] = "subdomain"
    mine = tuple(f for f in run_checks(reg, CHECKS) if f.path == rel)
    return Outcome(None, rel, mine)


def create(root: Path, a: Answers) -> Outcome:
    """Validate, render from the template, check the rendered file, write it."""
    checked = validate(root, a)
    if checked.blocking:
        return checked
    text = _render(root, a)
    rendered = parse(text, checked.rel)
    if rendered.findings or rendered.data != record_data(a):
        raise InputError("subdomain.request-render", template=TEMPLATE)
    path = root / checked.rel
    write_atomic(path, text)
    return Outcome(path, checked.rel, checked.findings)


def _render(root: Path, a: Answers) -> str:
    from cookiecutter.exceptions import CookiecutterException
    from cookiecutter.generate import generate_context, generate_files

    template = root / TEMPLATE
    if not (template / "cookiecutter.json").is_file() or (template / "hooks").exists():
        raise InputError("subdomain.request-template", template=TEMPLATE)
    context = _context(root, a)
    with tempfile.TemporaryDirectory(prefix="repospbe-subdomain-") as tmp:
        try:
            ctx = generate_context(context_file=str(template / "cookiecutter.json"), extra_context=context)
            out = generate_files(repo_dir=str(template), context=ctx, output_dir=tmp, accept_hooks=False)
        except CookiecutterException as exc:
            raise InputError("subdomain.request-render", template=f"{TEMPLATE}: {str(exc)[:200]}") from None
        return (Path(out) / f"{a.name}.yaml").read_text(encoding="utf-8")


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _context(root: Path, a: Answers) -> dict[str, str]:
    records = yaml.safe_dump([dict(r) for r in a.records], sort_keys=False, default_flow_style=False)
    domain = load_registry(root).domain
    return {
        "nama": a.name,
        "opd_kode": a.opd,
        "untuk_jenis": "app" if a.app else "opd",
        "untuk_kode": a.app or a.opd,
        "tujuan_yaml": _q(a.purpose),
        "ttl": str(a.ttl),
        "records_yaml": "\n".join("  " + line for line in records.rstrip("\n").splitlines()),
        "surat_nomor_yaml": _q(a.letter_number),
        "surat_tanggal": a.letter_date,
        "tinjauan": a.review,
        "domain": domain,
    }
