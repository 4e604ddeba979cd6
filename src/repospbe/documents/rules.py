"""Document rules as data: load, validate and query ``checks/documents.yaml``.

The rules file is validated against ``checks/schemas/documents.schema.json`` and
for internal consistency; any problem is a critical finding (fail closed), never a
silent pass. A valid file becomes an immutable :class:`DocRules`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from repospbe.findings import Finding, Severity
from repospbe.registry.model import Registry
from repospbe.yamlio import load_file, locate

DEFAULT_RULES = "checks/documents.yaml"
SCHEMA = "checks/schemas/documents.schema.json"
_WORDS = re.compile(r"\w+")
_NUMBERING = re.compile(r"^\s*(?:(?:\d+(?:\.\d+)*|[IVXLCivxlc]{1,5}|[A-Za-z])[.)]|\d+(?:\.\d+)*)\s+")


@lru_cache(maxsize=8192)
def normalize_heading(text: str) -> str:
    """Lower-case words of a heading, leading numbering ("2.1", "A.", "IV)") and punctuation dropped."""
    return " ".join(_WORDS.findall(_NUMBERING.sub("", text, count=1).lower().replace("_", " ")))


@dataclass(frozen=True)
class Section:
    """A required section: its title, every accepted heading (normalized), minimum words."""

    title: str
    names: frozenset[str]
    aliases: tuple[str, ...]
    min_words: int


@dataclass(frozen=True)
class DocKind:
    """One document kind (``kebutuhan``, ``kak``, ...)."""

    kind: str
    filename: str
    name: str
    sections: tuple[Section, ...]
    by_name: dict[str, int] = field(default_factory=dict, compare=False, hash=False, repr=False)


@dataclass(frozen=True)
class Requirement:
    """Which documents apps of these kinds/statuses/maintenance types must have."""

    jenis: frozenset[str]
    status: frozenset[str]
    maintenance: frozenset[str] | None
    documents: tuple[str, ...]

    def matches(self, jenis: Any, status: Any, maintenance: Any) -> bool:
        if jenis not in self.jenis or status not in self.status:
            return False
        return self.maintenance is None or maintenance in self.maintenance


@dataclass(frozen=True)
class DocRules:
    """The validated document rules of one registry."""

    path: str
    guidance: str
    token: str
    lorem: tuple[str, ...]
    kinds: dict[str, DocKind]
    requirements: tuple[Requirement, ...]


def required_documents(rules: DocRules, app: Any) -> tuple[str, ...]:
    """Document kinds ``app`` (an app.yaml mapping) must have: the first matching rule wins."""
    if not isinstance(app, dict):
        return ()
    upkeep = app.get("pemeliharaan")
    maintenance = upkeep.get("jenis") if isinstance(upkeep, dict) else None
    for req in rules.requirements:
        if req.matches(app.get("jenis"), app.get("status"), maintenance):
            return req.documents
    return ()


# The life cycle of an app, in order (app.schema.json ``status``): a document required at a
# later status than the app's own is "not yet required" (the template creates it early).
LIFECYCLE = ("usulan", "pengembangan", "produksi", "dihentikan")


def not_yet_required(rules: DocRules, app: Any) -> frozenset[str]:
    """Document kinds the rules require of ``app`` only at a later status than its current one."""
    if not isinstance(app, dict) or app.get("status") not in LIFECYCLE:
        return frozenset()
    now = set(required_documents(rules, app))
    later: set[str] = set()
    for status in LIFECYCLE[LIFECYCLE.index(app["status"]) + 1 :]:
        later |= set(required_documents(rules, {**app, "status": status}))
    return frozenset(later - now)


def rules_location(reg: Registry) -> str:
    """Repo-relative path of the rules file named by ``instance.yaml`` (or the default)."""
    value = reg.instance.get("aturan_dokumen") if reg.instance else None
    return value if isinstance(value, str) and value else DEFAULT_RULES


def load_rules(root: Path, rel: str) -> DocRules | tuple[Finding, ...]:
    """The rules at ``root/rel``, or the findings that say why they cannot be used."""
    if rel.startswith("/") or "\\" in rel or ".." in rel.split("/") or not rel.endswith(".yaml"):
        return (Finding.make("doc.rules-path", Severity.CRITICAL, path=rel, file=rel),)
    path = root / rel
    if not path.is_file() or path.is_symlink():
        return (Finding.make("doc.rules-missing", Severity.CRITICAL, path=rel, file=rel),)
    stat = path.stat()
    schema = root / SCHEMA
    schema_mtime = schema.stat().st_mtime_ns if schema.is_file() else 0
    return _load_cached(str(root), rel, stat.st_mtime_ns, stat.st_size, schema_mtime)


@lru_cache(maxsize=8)
def _load_cached(root: str, rel: str, mtime: int, size: int, schema_mtime: int) -> DocRules | tuple[Finding, ...]:
    loaded = load_file(Path(root) / rel, rel)
    if loaded.data is None:
        found = loaded.findings or (
            Finding.make(
                "doc.rules-invalid",
                Severity.CRITICAL,
                path=rel,
                line=1,
                breadcrumb="akar",
                detail="empty",
                where="akar",
            ),
        )
        return tuple(_as_rules_problem(f, rel) for f in found)
    problems = _schema_problems(Path(root), rel, loaded.data, loaded.text)
    problems += _consistency_problems(rel, loaded.data, loaded.text)
    if problems:
        return tuple(problems)
    return _build(rel, loaded.data)


def _as_rules_problem(found: Finding, rel: str) -> Finding:
    detail = found.text("en")
    return Finding.make(
        "doc.rules-invalid",
        Severity.CRITICAL,
        path=rel,
        line=found.line,
        column=found.column,
        breadcrumb="akar",
        detail=detail,
        where="akar",
    )


def _schema_problems(root: Path, rel: str, data: Any, text: str) -> list[Finding]:
    from repospbe.registry.schema import is_valid_fast, validator_for

    try:
        if is_valid_fast(root, "documents", data):  # the compiled validator accepts: no jsonschema import
            return []
    except (OSError, ValueError):
        pass  # jsonschema below reports the unreadable schema
    import jsonschema

    try:
        validator = validator_for(root, "documents")
    except (OSError, ValueError, jsonschema.SchemaError) as exc:
        return [
            Finding.make(
                "doc.rules-invalid",
                Severity.CRITICAL,
                path=SCHEMA,
                breadcrumb="akar",
                detail=f"{type(exc).__name__}: {exc}"[:200],
                where="akar",
            )
        ]
    out: list[Finding] = []
    for err in validator.iter_errors(data):
        where = list(err.absolute_path)
        line, col = locate(text, where)
        crumb = " > ".join(map(str, where)) or "akar"
        out.append(
            Finding.make(
                "doc.rules-invalid",
                Severity.CRITICAL,
                path=rel,
                line=line,
                column=col,
                breadcrumb=crumb,
                detail=err.message[:200],
                where=crumb,
            )
        )
    return out


def _consistency_problems(rel: str, data: Any, text: str) -> list[Finding]:
    if not isinstance(data, dict):
        return []
    raw = data.get("dokumen")
    kinds: dict[str, Any] = raw if isinstance(raw, dict) else {}
    out: list[Finding] = []
    for i, req in enumerate(data.get("wajib") or []):
        for j, kind in enumerate(req.get("dokumen") or [] if isinstance(req, dict) else []):
            if isinstance(kind, str) and kind not in kinds:
                line, col = locate(text, ["wajib", i, "dokumen", j])
                out.append(
                    Finding.make(
                        "doc.rules-invalid",
                        Severity.CRITICAL,
                        path=rel,
                        line=line,
                        column=col,
                        breadcrumb=f"wajib > {i} > dokumen > {j}",
                        detail=f"unknown document kind {kind!r}",
                        where=f"wajib > {i} > dokumen > {j}",
                    )
                )
    seen: dict[str, str] = {}
    for kind, spec in kinds.items():
        name = spec.get("berkas") if isinstance(spec, dict) else None
        if isinstance(name, str) and name in seen:
            line, col = locate(text, ["dokumen", kind, "berkas"])
            out.append(
                Finding.make(
                    "doc.rules-invalid",
                    Severity.CRITICAL,
                    path=rel,
                    line=line,
                    column=col,
                    breadcrumb=f"dokumen > {kind} > berkas",
                    detail=f"{name} also used by {seen[name]}",
                    where=f"dokumen > {kind} > berkas",
                )
            )
        elif isinstance(name, str):
            seen[name] = kind
    return out


def _build(rel: str, data: dict[str, Any]) -> DocRules:
    marks = data["belum_selesai"]
    kinds = {kind: _kind(kind, spec) for kind, spec in data["dokumen"].items()}
    reqs = tuple(
        Requirement(
            jenis=frozenset(r["jenis"]),
            status=frozenset(r["status"]),
            maintenance=frozenset(r["pemeliharaan"]) if "pemeliharaan" in r else None,
            documents=tuple(r["dokumen"]),
        )
        for r in data["wajib"]
    )
    return DocRules(rel, marks["panduan"], marks["token"], tuple(marks["lorem"]), kinds, reqs)


def _kind(kind: str, spec: dict[str, Any]) -> DocKind:
    sections = tuple(
        Section(
            title=s["judul"],
            names=frozenset(normalize_heading(n) for n in [s["judul"], *s.get("nama_lain", [])]),
            aliases=tuple(s.get("nama_lain", [])),
            min_words=int(s["min_kata"]),
        )
        for s in spec["bagian"]
    )
    by_name: dict[str, int] = {}
    for index, section in enumerate(sections):
        for name in section.names:
            by_name.setdefault(name, index)
    return DocKind(kind, spec["berkas"], spec["nama"], sections, by_name)
