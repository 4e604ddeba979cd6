"""trust.*: the trust store of certificate signatures (``registry/trust/``) and reviewers' certificate identities.

A trust anchor or stored CRL that cannot be parsed is never silently dropped (``trust.unreadable``);
a reviewer who signs with a certificate needs an anchor to chain to (``trust.no-anchor``) and a
``sertifikat.identitas`` that is the record's own NIP (``trust.identity``): otherwise the reviewer
is left out of the approval rules. A stored CRL or OCSP response past its nextUpdate is reported
(``trust.crl-stale``, ``trust.ocsp-stale``): revocations since then are unknown to the registry
until ``repospbe trust refresh`` fetches newer data. Checked on every run, whatever the selection.
"""

from __future__ import annotations

from repospbe.checks.base import CheckContext
from repospbe.findings import Finding, Severity
from repospbe.registry.paths import REVIEWERS_FILE, TRUST_DIR
from repospbe.yamlio import parse


def check(ctx: CheckContext) -> list[Finding]:
    path = ctx.root / REVIEWERS_FILE
    if not path.is_file() and not (ctx.root / TRUST_DIR).is_dir():
        return []  # no anchors, no CRLs, no reviewers: nothing to check (and cryptography not imported)
    from repospbe.governance.rules import cert_identity
    from repospbe.pki.stale import stale_files
    from repospbe.pki.trust import load_dir

    store = load_dir(ctx.root)
    out = [Finding.make("trust.unreadable", Severity.HIGH, path=rel) for rel in store.problems]
    for rel, kind, who, when in stale_files(ctx.root):
        if kind == "crl":
            out.append(Finding.make("trust.crl-stale", Severity.MEDIUM, path=rel, next_update=when, issuer=who))
        else:
            out.append(Finding.make("trust.ocsp-stale", Severity.MEDIUM, path=rel, next_update=when, subject=who))
    if not path.is_file():
        return out
    loaded = parse(path.read_text(encoding="utf-8", errors="replace"), REVIEWERS_FILE)
    items = loaded.data.get("reviewers") if isinstance(loaded.data, dict) else None
    holders = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and "sertifikat" in item:
            rid = str(item.get("id", "?"))
            holders.append(rid)
            if cert_identity(item) == "?":
                out.append(Finding.make("trust.identity", Severity.HIGH, path=REVIEWERS_FILE, reviewer=rid))
    if holders and store.empty:
        out.append(Finding.make("trust.no-anchor", Severity.HIGH, path=REVIEWERS_FILE, reviewers=", ".join(holders)))
    return out
