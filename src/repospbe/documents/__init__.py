"""Application documents: the rules (``checks/documents.yaml``) and a cheap Markdown line scan."""

from __future__ import annotations

from repospbe.documents.rules import DocKind, DocRules, Section, load_rules, required_documents, rules_location

__all__ = ["DocKind", "DocRules", "Section", "load_rules", "required_documents", "rules_location"]
