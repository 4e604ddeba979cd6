"""In-memory view of a registry: records with their text for line lookups."""
from __future__ import annotations

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


@dataclass(frozen=True)
class Document:
    """One Markdown document of an app (``kebutuhan``, ``kak``, ...)."""

    path: str
    kind: str
    text: str


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

    def selected(self, rel: str) -> bool:
        """True when ``rel`` is part of what was asked to be checked."""
        return self.selection is None or rel in self.selection

    @property
    def domain(self) -> str:
        return str(self.instance.get("domain", "")) if self.instance else ""

    def app_dir(self, key: str) -> Path:
        return self.root / "registry" / "apps" / key
