"""Package names and ecosystems as OSV spells them (no version semantics: nothing heavy to import)."""

from __future__ import annotations

import re

# SBOM purl type -> OSV ecosystem
ECOSYSTEM_OF = {"npm": "npm", "composer": "Packagist", "pypi": "PyPI", "maven": "Maven"}


def osv_name(ecosystem: str, name: str) -> str:
    """The package name as OSV spells it (PyPI normalised, Maven ``group:artifact``)."""
    if ecosystem == "PyPI":
        return re.sub(r"[-_.]+", "-", name).lower()
    if ecosystem == "Maven":
        return name.replace("/", ":", 1)
    if ecosystem == "Packagist":
        return name.lower()
    return name
