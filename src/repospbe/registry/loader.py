"""Load a registry checkout: walk, parse what is selected, collect every problem."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from repospbe.findings import Finding
from repospbe.registry.model import MAX_DOCUMENT_BYTES, Document, Record, Registry
from repospbe.registry.paths import INSTANCE_FILE, app_key
from repospbe.registry.walk import walk
from repospbe.yamlio import load_file, read_utf8

_RECORD_KINDS = ("opd", "app", "subdomain", "reviewers", "instance")
_APPS_LEN = len("registry/apps/")
_RECORD_LEN = len("/app.yaml")
_SOURCES = "registry/sources/"


def load_registry(
    root: Path,
    selection: frozenset[str] | None = None,
    *,
    apps: frozenset[str] | None = None,
    common: bool = True,
) -> Registry:
    """Load ``root``. With ``selection`` only those repo-relative files are parsed;
    every record's name is still known from the listing.

    For a parallel load (``repospbe.sharding``): ``apps`` limits the app
    directories parsed to those ``opd/app`` keys, and ``common=False`` skips every
    file outside ``registry/apps/`` except the instance record, and the layout
    findings (the loader of the common part reports those)."""
    reg = Registry(root=root, selection=selection)
    for item in walk(root, _peek(selection, apps, common)):
        if isinstance(item, Finding):
            if common and (selection is None or item.path in selection or _in_selected_dir(item.path, selection)):
                reg.load_findings.append(item)
            continue
        rel, kind = item
        reg.files[rel] = kind
        if kind == "document":  # most files: registry/apps/<opd>/<app>/<name>.md, handled inline
            cut = rel.rindex("/")
            key = rel[_APPS_LEN:cut]
            if (selection is None or rel in selection) and (apps is None or key in apps):
                _load_document(reg, rel, key, rel[cut + 1 : -3])
            continue
        if kind == "app" and selection is not None and rel not in selection:
            reg.app_names[rel[_APPS_LEN:-_RECORD_LEN]] = rel  # named only: most apps of a selection's load
            continue
        _index_name(reg, rel, kind)
        if kind == "instance" or (reg.selected(rel) and _in_part(rel, apps, common)):
            _load_one(reg, rel, kind)
    return reg


def _peek(selection: frozenset[str] | None, apps: frozenset[str] | None, common: bool) -> Callable[[str], bool] | None:
    """App directories the walk need not list (only their record is named): those outside the
    selection, and for a load of only some apps' files (``common=False``) the other apps."""
    unselected = _unselected_apps(selection)
    if apps is None or common:
        return unselected
    return lambda rel: rel[_APPS_LEN:] not in apps or (unselected is not None and unselected(rel))


def _unselected_apps(selection: frozenset[str] | None) -> Callable[[str], bool] | None:
    """For a selection: which app directories the walk need not list (only their record is named),
    and which OPD source directories it need not list at all (no check reads a bundle's entry)."""
    if selection is None:
        return None
    keys = {k for p in selection if (k := app_key(p))}
    sources = {p.rsplit("/", 1)[0] for p in selection if p.startswith(_SOURCES)}

    def unselected(rel: str) -> bool:
        if rel.startswith(_SOURCES):
            return rel not in sources
        return rel.split("/", 2)[2] not in keys

    return unselected


def _in_part(rel: str, apps: frozenset[str] | None, common: bool) -> bool:
    key = app_key(rel)
    if key is None:
        return common
    return apps is None or key in apps


def attach_apps(
    reg: Registry,
    records: dict[str, Record],
    documents: list[str],
    findings: list[Finding],
    make: Callable[[str, str, str], Document] | None = None,
) -> None:
    """Add what a parallel load parsed elsewhere: app ``records``, the ``documents``
    it read (repo-relative paths; their text is read again here only if used) and
    its load ``findings``. Apps and documents keep the order a single load gives
    (the walk's: OPD directory, then app directory, each by name). ``make(rel, kind, file)``:
    the document object (default ``Document(rel, kind, file=file)``)."""
    apps = {**reg.apps, **records}
    reg.apps.clear()
    reg.apps.update((key, apps[key]) for key in sorted(apps, key=_walk_order))
    docs = dict(reg.documents)
    prefix = f"{reg.root}/"
    for rel in documents:  # registry/apps/<opd>/<app>/<name>.md
        cut = rel.rindex("/")
        key, name = rel[_APPS_LEN:cut], rel[cut + 1 : -3]
        by_name = docs.get(key)
        if by_name is None:
            by_name = docs[key] = {}
        by_name[name] = Document(rel, name, file=prefix + rel) if make is None else make(rel, name, prefix + rel)
    reg.documents.clear()
    reg.documents.update((key, docs[key]) for key in sorted(docs, key=_walk_order))
    reg.load_findings.extend(findings)


def _walk_order(key: str) -> list[str]:
    return key.split("/")


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


def _load_document(reg: Registry, rel: str, key: str, name: str) -> None:
    """Read a document once, as bytes (``yamlio.read_utf8``: refused with findings, never decoded here)."""
    raw, problems = read_utf8(f"{reg.root}/{rel}", rel, MAX_DOCUMENT_BYTES)
    if problems:
        reg.load_findings.extend(problems)
    if raw is not None:
        docs = reg.documents.get(key)
        if docs is None:
            docs = reg.documents[key] = {}
        docs[name] = Document(rel, name, raw=raw)


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
