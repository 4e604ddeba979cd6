"""In-memory view of a registry: records with their text for line lookups."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from repospbe.findings import Finding


@dataclass(frozen=True)
class Record:
    """One YAML record: repo-relative path, kind, parsed data and source text."""

    path: str
    kind: str
    data: Any
    text: str

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default) if isinstance(self.data, dict) else default


MAX_DOCUMENT_BYTES = 5 * 1024 * 1024


class Document:
    """One Markdown document of an app (``kebutuhan``, ``kak``, ...).

    Built with its ``text`` or its ``raw`` UTF-8 bytes (valid UTF-8: the loader checked), or
    with the ``file`` to read them from on first use (a registry assembled from a parallel
    load; problems reading it were already reported by whoever loaded it first, so an
    unreadable file reads as empty). The loader keeps the bytes: the document checks scan
    them (``documents.rawscan``) and ``text`` is decoded only when asked for."""

    __slots__ = ("path", "kind", "_text", "_raw", "_file")

    def __init__(
        self, path: str, kind: str, text: str | None = None, *, raw: bytes | None = None, file: str | None = None
    ) -> None:
        if text is None and raw is None and file is None:
            raise ValueError("Document needs text, raw or file")
        self.path = path
        self.kind = kind
        self._text = text
        self._raw = raw
        self._file = file

    @property
    def raw(self) -> bytes:
        """The document's UTF-8 bytes."""
        if self._raw is None:
            if self._text is not None:
                return self._text.encode("utf-8", "surrogatepass")  # not kept: one copy per document
            from repospbe.yamlio import read_utf8

            self._raw = read_utf8(str(self._file), self.path, MAX_DOCUMENT_BYTES)[0] or b""
        return self._raw

    @property
    def text(self) -> str:
        """The document's text; once decoded, the bytes are dropped (one copy per document)."""
        if self._text is None:
            self._text = self.raw.decode("utf-8")
            self._raw = None
        return self._text

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return (self.path, self.kind, self.text) == (other.path, other.kind, other.text)

    def __hash__(self) -> int:
        return hash((self.path, self.kind))

    def __repr__(self) -> str:
        return f"Document(path={self.path!r}, kind={self.kind!r})"


@dataclass
class Registry:
    """Everything loaded from one registry checkout.

    ``app_names`` / ``opd_names`` / ``subdomain_names`` list every record that
    exists (from the directory listing alone), even when only a selection was
    parsed: that keeps registry-wide invariants cheap to check.
    """

    root: Path
    instance: Record | None = None
    reviewers: Record | None = None
    opds: dict[str, Record] = field(default_factory=dict)
    apps: dict[str, Record] = field(default_factory=dict)
    subdomains: dict[str, Record] = field(default_factory=dict)
    documents: dict[str, dict[str, Document]] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    opd_names: set[str] = field(default_factory=set)
    app_names: dict[str, str] = field(default_factory=dict)
    subdomain_names: set[str] = field(default_factory=set)
    load_findings: list[Finding] = field(default_factory=list)
    selection: frozenset[str] | None = None
    # Loaded from a partial snapshot (the merge-request baseline): how a file outside the selection
    # is read, from the git objects of the commit the snapshot was taken at (never from a work tree
    # that a job before ours could have written). None: from ``root``.
    unselected: Callable[[str], bytes | None] | None = None

    def selected(self, rel: str) -> bool:
        """True when ``rel`` is part of what was asked to be checked."""
        return self.selection is None or rel in self.selection

    # Lenient on purpose: checks and the summary run on an instance.yaml that may be invalid (the schema check
    # reports it); policy decisions read the fail-closed ``registry.instance.config_of`` instead.
    @property
    def domain(self) -> str:
        return str(self.instance.get("domain", "")) if self.instance else ""

    @property
    def pemda(self) -> str:
        return str(self.instance.get("pemda", "")) if self.instance else ""

    def app_dir(self, key: str) -> Path:
        return self.root / "registry" / "apps" / key
