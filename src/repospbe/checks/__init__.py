"""Registry checks: small plugins, one table.

Each entry is ``name -> check(ctx) -> list[Finding]``; the module docstring of
each check is its documentation. Add a check by writing a module with one
``check`` function and adding one line here.
"""

from __future__ import annotations

from repospbe.checks import (
    addresses,
    codeowners,
    crossref,
    honest,
    hosting,
    opd_contacts,
    pdfsig,
    placeholders,
    schema,
    signers,
    source_handover,
    template_drift,
    trust,
    umum,
)
from repospbe.checks import copyright as copyright_check
from repospbe.checks import documents as documents_check
from repospbe.checks.base import CheckContext, CheckFn
from repospbe.checks.subdomains import CHECKS as SUBDOMAIN_CHECKS

REGISTRY_CHECKS: dict[str, CheckFn] = {
    "schema": schema.check,
    "ref": crossref.check,
    "documents": documents_check.check,
    "template": template_drift.check,
    **SUBDOMAIN_CHECKS,
    "signers": signers.check,
    "trust": trust.check,
    "codeowners": codeowners.check,
    "source": source_handover.check,
    "copyright": copyright_check.check,
    "umum": umum.check,
    "address": addresses.check,
    "address-opd": opd_contacts.check,
    "hosting": hosting.check,
    "data": honest.check,
    "pdfsig": pdfsig.check,
    "record": placeholders.check,
}

__all__ = ["REGISTRY_CHECKS", "CheckContext", "CheckFn"]
