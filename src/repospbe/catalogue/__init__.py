"""The auditors' catalogue: MkDocs Material pages generated from the registry."""

from __future__ import annotations

from repospbe.catalogue.build import BuildResult, build_catalogue

__all__ = ["BuildResult", "build_catalogue"]
