"""Registry checks: small plugins, one table.

Each entry is ``name -> check(ctx) -> list[Finding]``; the module docstring of
each check is its documentation. Add a check by writing a module with one
``check`` function and adding one line here.
"""
from __future__ import annotations

from repospbe.checks import crossref, schema
from repospbe.checks import documents as documents_check
from repospbe.checks.base import CheckContext, CheckFn

REGISTRY_CHECKS: dict[str, CheckFn] = {
    "schema": schema.check,
    "ref": crossref.check,
    "documents": documents_check.check,
}

__all__ = ["REGISTRY_CHECKS", "CheckContext", "CheckFn"]
