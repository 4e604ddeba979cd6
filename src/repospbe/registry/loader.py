"""Load a registry checkout: walk, parse what is selected, collect every problem."""
from __future__ import annotations

from pathlib import Path

from repospbe.findings import Finding
from repospbe.registry.model import Document, Record, Registry
from repospbe.registry.paths import INSTANCE_FILE, app_key
from repospbe.registry.walk import walk
from repospbe.yamlio import load_file, read_text

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
_RECORD_KINDS = ("opd", "app", "subdomain", "reviewers", "instance")


def load_registry(root: Path, selection: frozenset[str] | None = None) -> Registry:
    """Load ``root``. With ``selection`` only those repo-relative files are parsed;
    every record's name is still known from the listing."""
    reg = Registry(root=root, selection=selection)
    for item in walk(root):
        if isinstance(item, Finding):
            if selection is None or item.path in selection or _in_selected_dir(item.path, selection):
                reg.load_findings.append(item)
            continue
        rel, kind = item
        reg.files[rel] = kind
        _index_name(reg, rel, kind)
        if kind == "instance" or reg.selected(rel):
            _load_one(reg, rel, kind)
    return reg


def _in_selected_dir(rel: str, selection: frozenset[str]) -> bool:
    key = app_key(rel)
    return key is not None and any(app_key(s) == key for s in selection)


def _index_name(reg: Registry, rel: str, kind: str) -> None:
    name = rel.rsplit("/", 1)[-1]
    if kind == "opd":
        reg.opd_names.add(name[:-5])
    elif kind == "subdomain":
        reg.subdomain_names.add(name[:-5])
    elif kind == "app":
        key = app_key(rel) or ""
        reg.app_names[key] = rel


def _load_one(reg: Registry, rel: str, kind: str) -> None:
    if kind in _RECORD_KINDS:
        loaded = load_file(f"{reg.root}/{rel}", rel)
        reg.load_findings.extend(loaded.findings)
        if loaded.data is None and loaded.findings:
            return
        record = Record(rel, kind, loaded.data, loaded.text)
        _attach(reg, record)
    elif kind == "document":
        text, problems = read_text(f"{reg.root}/{rel}", rel, MAX_DOCUMENT_BYTES)
        reg.load_findings.extend(problems)
        if text is not None:
            key = app_key(rel) or ""
            doc_kind = rel.rsplit("/", 1)[-1][:-3]
            reg.documents.setdefault(key, {})[doc_kind] = Document(rel, doc_kind, text)


def _attach(reg: Registry, record: Record) -> None:
    name = record.path.rsplit("/", 1)[-1][:-5]
    if record.kind == "instance":
        reg.instance = record
    elif record.kind == "reviewers":
        reg.reviewers = record
    elif record.kind == "opd":
        reg.opds[name] = record
    elif record.kind == "subdomain":
        reg.subdomains[name] = record
    elif record.kind == "app":
        reg.apps[app_key(record.path) or ""] = record


def instance_path(root: Path) -> Path:
    return root / INSTANCE_FILE
