"""pdfsig.*: every signature in an app's signed PDF document counts, and the right officials signed.

A document may be accompanied by (or replaced with) a signed PDF named after it
(``bast.md`` -> ``bast.pdf``). Each signature is validated offline with pyHanko and the
registry's trust store (``registry/trust/*.pem``, CRLs in ``registry/trust/crl/``); the
signer is matched by the NIP/NIK in the certificate subject to the officials app.yaml
names (``penandatangan``). A BAST needs the vendor's representative (``penyedia``) and
the PPK (``ppk``).

- ``pdfsig.unreadable``: not a PDF pyHanko can read.
- ``pdfsig.unsigned``: a document PDF with no signature.
- ``pdfsig.unknown-kind``: a PDF whose name is no document kind of the rules.
- ``pdfsig.altered``: the signed bytes changed after signing (digest or signature value).
- ``pdfsig.partial-coverage``: the signature does not cover the whole file (an unsigned
  incremental update after it), or a later change touches what it signed.
- ``pdfsig.untrusted``: the certificate does not chain to a trust anchor of the registry.
- ``pdfsig.expired``: a certificate of the path was not valid at the signing time.
- ``pdfsig.revoked``: a certificate of the path was revoked before the signing time.
- ``pdfsig.revocation-unknown``: no stored CRL establishes the revocation status.
- ``pdfsig.key-usage``: the certificate may not sign documents.
- ``pdfsig.no-signing-time``: the signature carries no signing time to validate at.
- ``pdfsig.wrong-signer``: the NIP/NIK in the subject is no official app.yaml names for this document.
- ``pdfsig.missing-role``: a role the document needs has no counted signature.

Apps without PDFs (Markdown documents only) are not touched.
"""

from __future__ import annotations

from repospbe.checks.base import CheckContext, app_local
from repospbe.findings import Finding, Severity
from repospbe.registry.paths import app_key

PDF_KIND = "document_pdf"  # the layout kind of ``<document>.pdf`` (``registry.paths.LAYOUT``)

_CRITICAL = frozenset({"pdfsig.altered", "pdfsig.partial-coverage", "pdfsig.revoked"})
_MEDIUM = frozenset({"pdfsig.unknown-kind"})


@app_local  # findings on an app depend on its own record, its PDFs and the trust store
def check(ctx: CheckContext) -> list[Finding]:
    reg = ctx.registry
    keys = sorted({key for rel, kind in reg.files.items() if kind == PDF_KIND and (key := app_key(rel))} & set(reg.apps))
    if not keys:
        return []
    # pyHanko and cryptography take longer to import than a whole check of most registries:
    # imported only when an app has a PDF.
    from repospbe.pdfsig.documents import judge_app
    from repospbe.pki import trust

    store = trust.load_dir(ctx.root)
    findings: list[Finding] = []
    for key in keys:
        for doc in judge_app(reg, key, store):
            for problem in doc.judgement.problems:
                findings.append(
                    Finding.make(
                        problem.check_id,
                        _severity(problem.check_id),
                        path=doc.path,
                        breadcrumb=doc.kind or doc.path.rsplit("/", 1)[-1],
                        document=doc.kind or "-",
                        **problem.params,
                    )
                )
    return findings


def _severity(check_id: str) -> Severity:
    if check_id in _CRITICAL:
        return Severity.CRITICAL
    return Severity.MEDIUM if check_id in _MEDIUM else Severity.HIGH
