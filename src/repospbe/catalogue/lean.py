"""Load a registry for the catalogue without holding every document's text.

A realistic registry's documents are most of its size (five of 2-4 KB per app). The
catalogue needs each text twice: when the checks read it and when its app page renders
it. So the app directories are loaded the way a parallel load attaches them
(``registry.loader.attach_apps``): the common files are loaded as usual, then each app
record is parsed and each document read once for its load problems, and the registry
gets documents that read their file whenever their text is asked for and never keep it.
Findings and records are those of ``load_registry`` (a test compares them).

That one read also gives each app file's digest (``Lean.digests``: the sha256 of the bytes
read, which for a document is the digest of its text): what the incremental build keys an
app's check findings and its page's documents by, without reading the files again. A document
that the last build read without a problem and whose file status is provably unchanged is not
read at all: its digest is the one remembered (``filecache``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from repospbe.catalogue.filecache import FileDigests
from repospbe.catalogue.recordcache import RecordCache
from repospbe.findings import Finding
from repospbe.registry import load_registry
from repospbe.registry.loader import attach_apps
from repospbe.registry.model import MAX_DOCUMENT_BYTES, Document, Record, Registry
from repospbe.registry.paths import LAYOUT
from repospbe.yamlio import MAX_YAML_BYTES, read_text, read_utf8

_APPS_LEN = len("registry/apps/")
assert {p for kind, p in LAYOUT if kind in ("app", "document")} == {
    "registry/apps/*/*/app.yaml",
    "registry/apps/*/*/*.md",
}


class Reread(Document):
    """A document whose text is read from its file each time it is asked for, never kept;
    ``digest``: the sha256 of its bytes when the registry was loaded."""

    __slots__ = ("digest",)

    def __init__(self, path: str, kind: str, *, file: str, digest: str = "") -> None:
        super().__init__(path, kind, file=file)
        self.digest = digest

    @property
    def text(self) -> str:
        return read_text(str(self._file), self.path, MAX_DOCUMENT_BYTES)[0] or ""

    def forget(self) -> None:
        """Drop the bytes the checks read (``Document.raw`` keeps them): read again if asked."""
        self._raw = None


def forget_bytes(reg: Registry) -> None:
    """Once the checks have run: no document of ``reg`` holds its bytes any more."""
    for docs in reg.documents.values():
        for doc in docs.values():
            if isinstance(doc, Reread):
                doc.forget()


@dataclass
class Lean:
    """The loaded registry and the digest of every app file read while loading it (repo-relative
    path -> sha256 of its bytes; a file that could not be read has none)."""

    registry: Registry
    digests: dict[str, str] = field(default_factory=dict)


def load_lean(root: Path) -> Registry:
    """``load_registry(root)`` with documents that are read when used, not held."""
    return load_lean_digests(root).registry


def load_lean_digests(root: Path, records: RecordCache | None = None, files: FileDigests | None = None) -> Lean:
    """``load_lean`` and the digests of the app files it read; ``records``: parsed app records
    of the last build, by their text's digest; ``files``: the documents' digests by their status
    (a document provably unchanged is not read)."""
    records_cache, known = records or RecordCache(), files or FileDigests()
    reg = load_registry(root, apps=frozenset())  # every file listed; the apps' files not yet read
    apps: dict[str, Record] = {}
    documents: list[str] = []
    findings: list[Finding] = []
    digests: dict[str, str] = {}
    prefix, selection = f"{reg.root}/", reg.selection
    for rel, kind in reg.files.items():
        if kind != "document" and kind != "app":  # the only kinds in an app directory read here
            continue
        if selection is not None and rel not in selection:  # ``reg.selected``
            continue
        key = rel[_APPS_LEN : rel.rindex("/")]  # ``app_key``: both kinds are registry/apps/<opd>/<app>/<name>
        path = prefix + rel
        if kind == "app":
            text, problems = read_text(path, rel, MAX_YAML_BYTES)
            findings.extend(problems)
            if text is None:
                continue
            loaded, digests[rel] = records_cache.parse(text, rel)
            findings.extend(loaded.findings)
            if loaded.data is not None or not loaded.findings:
                apps[key] = Record(rel, kind, loaded.data, loaded.text)
            continue
        digest, status = known.known(rel, path)
        if digest is not None:  # read without a problem by the last build, unchanged since
            documents.append(rel)
            digests[rel] = digest
            continue
        raw, problems = read_utf8(path, rel, MAX_DOCUMENT_BYTES)
        findings.extend(problems)
        if raw is not None:
            documents.append(rel)
            digests[rel] = hashlib.sha256(raw).hexdigest()
            if not problems:
                known.remember(rel, status, digests[rel])

    def reread(rel: str, kind: str, file: str) -> Document:
        return Reread(rel, kind, file=file, digest=digests.get(rel, ""))

    attach_apps(reg, apps, documents, findings, reread)
    release_texts(reg, digests)  # the documents of the common part, if any: none is an app's
    return Lean(reg, digests)


def release_texts(reg: Registry, digests: dict[str, str] | None = None) -> None:
    """Make every document of ``reg`` read its file when used instead of keeping its text."""
    root = str(reg.root)
    for docs in reg.documents.values():
        for kind, doc in list(docs.items()):
            if type(doc) is Reread:
                continue
            known = (digests or {}).get(doc.path, "")
            docs[kind] = Reread(doc.path, doc.kind, file=f"{root}/{doc.path}", digest=known)
