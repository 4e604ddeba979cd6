"""The signed PDFs of an app (``registry/apps/<opd>/<app>/<document>.pdf``), judged.

A document kind's PDF is named after its Markdown file (``bast.md`` -> ``bast.pdf``, as
``checks/documents.yaml`` names it). The check, the catalogue and the maturity ladder all
read signatures through :func:`judge_app`, so they agree on what counts. Verification
results are cached per file content and trust store within a process.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path

from repospbe.documents.rules import DocRules, load_rules, rules_location
from repospbe.pdfsig.judge import Judgement, Problem, judge_pdf
from repospbe.pdfsig.limits import MAX_PDF_BYTES
from repospbe.pdfsig.roles import Official, officials
from repospbe.pki import trust
from repospbe.pki.trust import TrustStore
from repospbe.registry.model import Registry
from repospbe.registry.paths import PDF_KIND, app_key
from repospbe.yamlio import load_file

_CACHE: dict[tuple[object, ...], Judgement] = {}


@dataclass(frozen=True)
class SignedDocument:
    """One PDF of an app: its path, document kind ('' when its name is no kind) and judgement."""

    path: str
    kind: str
    judgement: Judgement


_PDF_INDEX: tuple[dict[str, str], int, dict[str, list[str]]] | None = None  # (files it indexes, their number, index)


def pdf_paths(reg: Registry, key: str) -> list[str]:
    """The PDFs of app ``key``, from an index of ``reg.files`` built once per listing (asked for
    every app by the catalogue and the maturity ladder: a scan per app was quadratic)."""
    global _PDF_INDEX
    files = reg.files
    if _PDF_INDEX is None or _PDF_INDEX[0] is not files or _PDF_INDEX[1] != len(files):
        index: dict[str, list[str]] = {}
        for rel, kind in files.items():
            if kind == PDF_KIND:
                index.setdefault(app_key(rel) or "", []).append(rel)
        _PDF_INDEX = (files, len(files), index)
    return sorted(_PDF_INDEX[2].get(key, []))


def kind_of_pdf(rules: DocRules, rel: str) -> str:
    stem = rel.rsplit("/", 1)[-1][: -len(".pdf")]
    for kind, spec in rules.kinds.items():
        if spec.filename.rsplit(".", 1)[0] == stem:
            return kind
    return ""


def judge_app(reg: Registry, key: str, store: TrustStore | None = None) -> list[SignedDocument]:
    """Every PDF of app ``key`` judged (empty when it has none: Markdown-only apps are untouched)."""
    paths = pdf_paths(reg, key)
    if not paths:
        return []
    rules = load_rules(reg.root, rules_location(reg))
    store = store if store is not None else trust.load_dir(reg.root)
    people = officials(_record(reg, key))
    out: list[SignedDocument] = []
    for rel in paths:
        kind = kind_of_pdf(rules, rel) if isinstance(rules, DocRules) else ""
        if not kind:
            out.append(SignedDocument(rel, "", Judgement((), (Problem("pdfsig.unknown-kind"),))))
            continue
        data = _read(reg.root / rel)
        if isinstance(data, Problem):
            out.append(SignedDocument(rel, kind, Judgement((), (data,))))
            continue
        out.append(
            SignedDocument(rel, kind, _judged(hashlib.sha256(data).hexdigest(), data, kind, tuple(people), store))
        )
    return out


def _judged(digest: str, data: bytes, kind: str, people: tuple[Official, ...], store: TrustStore) -> Judgement:
    key = (digest, kind, people, store)
    if key not in _CACHE:
        if len(_CACHE) > 256:
            _CACHE.clear()
        _CACHE[key] = judge_pdf(data, kind, people, store)
    return _CACHE[key]


def _read(path: Path) -> bytes | Problem:
    """The file's bytes, never through a symbolic link and never more than ``MAX_PDF_BYTES``."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        return Problem("pdfsig.unreadable", {"detail": exc.strerror or type(exc).__name__})
    with os.fdopen(fd, "rb") as handle:
        if os.fstat(handle.fileno()).st_size > MAX_PDF_BYTES:
            return Problem("pdfsig.unreadable", {"detail": f"larger than {MAX_PDF_BYTES} bytes"})
        return handle.read(MAX_PDF_BYTES + 1)


def _record(reg: Registry, key: str) -> object:
    record = reg.apps.get(key)
    if record is not None:
        return record.data
    path: Path = reg.app_dir(key) / "app.yaml"
    return load_file(path, f"registry/apps/{key}/app.yaml").data if path.is_file() else None


def verified(reg: Registry, key: str) -> list[SignedDocument]:
    """The app's PDFs whose every signature counts and whose needed roles all signed."""
    return [d for d in judge_app(reg, key) if d.judgement.ok]


@dataclass(frozen=True)
class SignatureRow:
    """Who signed a document and when, for the catalogue (``valid`` False: the PDF has defects)."""

    document: str
    path: str
    name: str
    ident: str
    role: str
    signed_at: str
    valid: bool
    problems: tuple[str, ...]


def signature_rows(reg: Registry, key: str) -> list[SignatureRow]:
    """One row per counted signature of each PDF of app ``key``; a PDF with no counted
    signature is one row naming its problems (check ids), so nothing is shown as signed that is not."""
    rows: list[SignatureRow] = []
    for doc in judge_app(reg, key):
        problems = tuple(sorted({p.check_id for p in doc.judgement.problems}))
        valid = doc.judgement.ok
        for s in doc.judgement.signers:
            when = s.signed_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC") if s.signed_at else ""
            rows.append(SignatureRow(doc.kind, doc.path, s.name, s.ident, s.role, when, valid, problems))
        if not doc.judgement.signers:
            rows.append(SignatureRow(doc.kind, doc.path, "", "", "", "", False, problems))
    return rows
