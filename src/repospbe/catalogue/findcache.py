"""The findings of the costly app-local checks, kept per app between catalogue builds.

``engine.run_checks(reg, cache=...)`` runs ``engine.CACHEABLE_CHECKS`` only over the apps this
cache has nothing for. An app's entry is keyed by the digest of everything those checks read
of it and around it: ``engine.cache_basis`` (the registry-wide inputs and the code) plus the
path, layout kind and content digest of every file the registry lists in the app's directory
(``lean`` gives the digests of the files it read; any other file is read here). An app with a
file that cannot be digested is never cached.

The cache is a file in a private directory of the output (``DIR``, 0700; the file 0600). It is
verified, not trusted: the build's manifest records its digest (an edited or stale file, and
nothing of it is used); each entry is parsed strictly (every field of a finding with its type,
the finding located in the app's own directory) and an entry that does not parse is computed
again. Only findings that survive a round trip through the file are stored. The same file
carries the parsed app records of the last build (``recordcache``) and the digests of its
documents by their status (``filecache``).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from repospbe.catalogue.filecache import FileDigests
from repospbe.catalogue.recordcache import RecordCache
from repospbe.engine import cache_basis
from repospbe.findings import Finding, Severity
from repospbe.registry.model import Registry
from repospbe.writefile import write_atomic

DIR = ".temuan-katalog"
FILE = "temuan.json"
PENDING = "temuan.json.baru"
FORMAT = "repospbe-katalog-temuan/1"
MAX_BYTES = 256 * 1024 * 1024
MAX_APP_FILE_BYTES = 64 * 1024 * 1024
_APPS = "registry/apps/"
_STR_FIELDS = ("check_id", "message", "path", "hint", "breadcrumb", "tool", "help_url")
_FIELDS = frozenset({*_STR_FIELDS, "severity", "line", "column", "params", "cwe"})
_SCALARS = (str, int, float, bool, type(None))


class FindingsStore:
    """``engine.FindingsCache`` over the file of the last build (``open``), saved by ``save``."""

    def __init__(self, old: dict[str, Any] | None = None, records: Any = None, files: Any = None) -> None:
        self.old: dict[str, Any] = old or {}
        self.records = RecordCache(records)  # parsed app records, in the same file
        self.files = FileDigests(files)  # documents' digests by their status, in the same file
        self.keys: dict[str, str] = {}
        self.new: dict[str, str] = {}  # app -> its entry as JSON text (small: kept for the whole build)
        self.hits = 0

    @classmethod
    def open(cls, out: Path, recorded: str | None) -> FindingsStore:
        """The cache left in ``out``, when its digest is ``recorded`` (the last manifest's), else
        empty; loading the registry starts now (``FileDigests.start``)."""
        store = cls._open(out / DIR / FILE, recorded)
        store.files.start(out / DIR)
        return store

    @classmethod
    def _open(cls, path: Path, recorded: str | None) -> FindingsStore:
        if not recorded:
            return cls()
        try:
            if path.is_symlink() or path.stat().st_size > MAX_BYTES:
                return cls()
            raw = path.read_bytes()
            if hashlib.sha256(raw).hexdigest() != recorded:
                return cls()
            data = json.loads(raw)
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("apps"), dict):
            return cls()
        return cls(data["apps"], data.get("rekaman"), data.get("berkas"))

    def bind(self, reg: Registry, digests: dict[str, str]) -> None:
        """Key every app of ``reg`` by its inputs (``digests``: the app files read while loading)."""
        basis = cache_basis(reg)
        listed: dict[str, list[str]] = {}
        for rel in reg.files:
            if rel.startswith(_APPS):
                parts = rel.split("/", 4)
                if len(parts) == 5:
                    listed.setdefault(f"{parts[2]}/{parts[3]}", []).append(rel)
        for key, rels in listed.items():
            app = _app_key(reg, basis, key, sorted(rels), digests)
            if app is not None:
                self.keys[key] = app

    def cached(self, key: str) -> dict[str, list[Finding]] | None:
        entry, want = self.old.get(key), self.keys.get(key)
        if want is None or not isinstance(entry, dict) or entry.get("key") != want:
            return None
        found = decode(entry.get("temuan"), key)
        if found is not None:
            self.new[key] = _dump(entry)
            self.hits += 1
        return found

    def store(self, key: str, findings: dict[str, list[Finding]]) -> None:
        want = self.keys.get(key)
        if want is None:
            return
        encoded = {name: [encode(f) for f in items] for name, items in sorted(findings.items())}
        try:
            dumped = _dump({"key": want, "temuan": encoded})
            same = decode(json.loads(dumped)["temuan"], key) == findings
        except (TypeError, ValueError):  # a parameter JSON cannot hold: never cached
            return
        if same:
            self.new[key] = dumped

    def forget_last(self) -> None:
        """Drop the last build's entries (once the registry is loaded and checked: memory)."""
        self.old, self.records.old, self.files.old = {}, {}, {}

    def save(self, out: Path) -> str:
        """Write this build's cache beside the last one (``PENDING``) and forget it (memory: the
        build goes on without it); returns its digest. ``commit`` puts it in place."""
        folder = out / DIR
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            folder.unlink()
        folder.mkdir(mode=0o700, exist_ok=True)
        os.chmod(folder, 0o700)
        apps = ",".join(f"{json.dumps(key)}:{self.new[key]}" for key in sorted(self.new))
        records, files = self.records.entries_json(), self.files.entries_json()
        raw = f'{{"format":"{FORMAT}","apps":{{{apps}}},"rekaman":{records},"berkas":{files}}}'.encode()
        write_atomic(folder / PENDING, raw, mode=0o600)
        self.new, self.records.new, self.files.new = {}, {}, {}
        return hashlib.sha256(raw).hexdigest()

    @staticmethod
    def commit(out: Path) -> None:
        """The cache written by ``save`` replaces the last one (the build is complete)."""
        (out / DIR / PENDING).replace(out / DIR / FILE)


def _dump(entry: Any) -> str:
    """``json.dumps(entry, ensure_ascii=False, allow_nan=False, separators=(",", ":"))`` (one encoder, made once)."""
    return _ENCODER.encode(entry)


_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def _app_key(reg: Registry, basis: str, key: str, rels: list[str], digests: dict[str, str]) -> str | None:
    parts = [f"{basis}\0{key}"]  # one digest of them all: what one ``update`` per file gave
    for rel in rels:
        kind = reg.files[rel]
        known = digests.get(rel) if kind in ("app", "document") else _digest_file(reg.root / rel)
        if known is None:
            return None
        parts.append(f"\0{rel}\0{kind}\0{known}")
    return hashlib.sha256("".join(parts).encode()).hexdigest()


def _digest_file(path: Path) -> str | None:
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_APP_FILE_BYTES:
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def encode(finding: Finding) -> dict[str, Any]:
    data: dict[str, Any] = {name: getattr(finding, name) for name in _STR_FIELDS}
    data.update(severity=finding.severity.value, line=finding.line, column=finding.column)
    data.update(params=[[k, v] for k, v in finding.params], cwe=list(finding.cwe))
    return data


def decode(data: Any, key: str) -> dict[str, list[Finding]] | None:
    """check name -> findings, parsed strictly; None when anything is not as ``encode`` writes it."""
    if not isinstance(data, dict):
        return None
    out: dict[str, list[Finding]] = {}
    for name, items in data.items():
        if not isinstance(name, str) or not isinstance(items, list):
            return None
        found = [_finding(item, key) for item in items]
        if any(f is None for f in found):
            return None
        out[name] = [f for f in found if f is not None]
    return out


def _finding(data: Any, key: str) -> Finding | None:
    if not isinstance(data, dict) or set(data) != _FIELDS:
        return None
    if not all(type(data[name]) is str for name in _STR_FIELDS) or not data["path"].startswith(f"{_APPS}{key}/"):
        return None
    if data["severity"] not in {s.value for s in Severity}:
        return None
    if not all(type(data[n]) is int and data[n] >= 0 for n in ("line", "column")):
        return None
    params, cwe = data["params"], data["cwe"]
    if not isinstance(params, list) or not all(_param(p) for p in params):
        return None
    if not isinstance(cwe, list) or not all(type(c) is int for c in cwe):
        return None
    fields = {name: data[name] for name in _STR_FIELDS}
    return Finding(
        severity=Severity(data["severity"]),
        line=data["line"],
        column=data["column"],
        params=tuple((k, v) for k, v in params),
        cwe=tuple(cwe),
        **fields,
    )


def _param(item: Any) -> bool:
    return isinstance(item, list) and len(item) == 2 and type(item[0]) is str and type(item[1]) in _SCALARS
