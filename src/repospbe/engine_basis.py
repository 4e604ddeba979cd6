"""What the cacheable checks read besides an app's own files (``engine.CACHEABLE_CHECKS``).

``cache_basis(reg)`` is one digest of all of it: this package's code and data (the checks,
the document rules engine, the shipped defaults of the policy files) and the versions of the
interpreter and of the libraries that parse and validate; the registry's instance record,
reviewers, OPD and subdomain records; the contents of every other registry-wide file
(trust store, DNS lists, runners; not the pinned source bundles, which those checks never
read: their names are in the listing); the names of the registry-wide files (not the apps');
every file under the registry's ``checks/`` (rules, schemas, the licence list) and the
document rules file that ``instance.yaml`` names, wherever it is. Any of it changed, and
every app's cached findings are stale.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import sys
from functools import lru_cache
from pathlib import Path

from repospbe.documents.rules import rules_location
from repospbe.registry.model import Registry

_PACKAGE = Path(__file__).parent
_LIBRARIES = ("pyyaml", "jsonschema", "jsonschema-rs", "referencing")
_UNREAD_KINDS = frozenset({"source_bundle"})
MAX_POLICY_BYTES = 64 * 1024 * 1024


def cache_basis(reg: Registry) -> str:
    h = hashlib.sha256(_code_digest().encode())
    for record in (reg.instance, reg.reviewers, *reg.opds.values(), *reg.subdomains.values()):
        h.update(b"\0record\0" + (f"{record.path}\0{record.text}".encode("utf-8", "surrogatepass") if record else b"-"))
    for rel, kind in sorted(reg.files.items()):
        if rel.startswith("registry/apps/"):
            continue
        h.update(f"\0file\0{rel}\0{kind}\0".encode())
        if kind not in _UNREAD_KINDS:
            h.update(_file_digest(reg.root / rel).encode())
    policy = reg.root / "checks"
    for path in sorted(policy.rglob("*")) if policy.is_dir() else []:
        if path.is_file():
            h.update(f"\0policy\0{path.relative_to(reg.root).as_posix()}\0{_file_digest(path)}".encode())
    rules = rules_location(reg)
    h.update(f"\0rules\0{rules}\0".encode())
    if not rules.startswith("/") and ".." not in rules.split("/"):
        h.update(_file_digest(reg.root / rules).encode())
    return h.hexdigest()


def _file_digest(path: Path) -> str:
    """sha256 of a regular file's bytes (a link is followed: what a reader of it gets), or a
    word saying why there is none."""
    try:
        if not path.is_file():
            return "not-a-file"
        if path.stat().st_size > MAX_POLICY_BYTES:
            return f"too-large:{path.stat().st_size}:{path.stat().st_mtime_ns}:{os.urandom(8).hex()}"
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return f"unreadable:{os.urandom(8).hex()}"  # never equal to anything: nothing is reused


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """This package's files and the versions of the interpreter and of its parsing libraries."""
    h = hashlib.sha256(sys.version.encode())
    for name in _LIBRARIES:
        try:
            h.update(f"\0{name}={importlib.metadata.version(name)}".encode())
        except importlib.metadata.PackageNotFoundError:
            h.update(f"\0{name}=-".encode())
    for path in sorted(_PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(f"\0{path.relative_to(_PACKAGE).as_posix()}\0".encode() + path.read_bytes())
    return h.hexdigest()
