"""One signed PDF judged: which signatures count, who signed as what, and each defect.

A signature counts only when it is intact, nothing after it changes what it signed, the
last signature covers the whole file, the certificate validates (``repospbe.pki``), and
the NIP/NIK in its subject belongs to an official the app names for this document kind.
Every other signature is one problem with its own check id; a document kind that needs
certain roles (a BAST: ``penyedia`` and ``ppk``) lacks each role no counted signature has.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from repospbe.pdfsig.roles import Official, match, required_roles
from repospbe.pki.trust import TrustStore
from repospbe.pki.verdict import Defect

if TYPE_CHECKING:  # pyHanko takes a second to import: only judging a PDF pays for it
    from repospbe.pdfsig.verify import SignatureReport

DEFECT_IDS: dict[Defect, str] = {
    Defect.REVOKED: "pdfsig.revoked",
    Defect.REVOCATION_UNKNOWN: "pdfsig.revocation-unknown",
    Defect.EXPIRED: "pdfsig.expired",
    Defect.NOT_YET_VALID: "pdfsig.expired",
    Defect.KEY_USAGE: "pdfsig.key-usage",
    Defect.NO_SIGNING_TIME: "pdfsig.no-signing-time",
}


@dataclass(frozen=True)
class SignedBy:
    """A counted signature: the official (as the app names them) and the signing time."""

    name: str
    ident: str
    role: str
    signed_at: datetime | None
    subject: str


@dataclass(frozen=True)
class Problem:
    check_id: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Judgement:
    signers: tuple[SignedBy, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return bool(self.signers) and not self.problems


def judge_pdf(data: bytes, kind: str, officials: Sequence[Official], store: TrustStore) -> Judgement:
    """Judge the PDF ``data`` of document ``kind`` against the app's ``officials`` and ``store``."""
    from repospbe.pdfsig.verify import UnreadablePdf, verify_pdf

    try:
        reports = verify_pdf(data, store)
    except UnreadablePdf as exc:
        return Judgement((), (Problem("pdfsig.unreadable", {"detail": str(exc)}),))
    if not reports:
        return Judgement((), (Problem("pdfsig.unsigned"),))
    signers: list[SignedBy] = []
    problems: list[Problem] = []
    for i, report in enumerate(reports):
        outcome = _signature(report, last=i == len(reports) - 1, kind=kind, officials=officials)
        if isinstance(outcome, SignedBy):
            signers.append(outcome)
        else:
            problems.append(outcome)
    roles = {s.role for s in signers}
    problems += [Problem("pdfsig.missing-role", {"role": r}) for r in required_roles(kind) if r not in roles]
    return Judgement(tuple(signers), tuple(problems))


def _signature(report: SignatureReport, *, last: bool, kind: str, officials: Sequence[Official]) -> SignedBy | Problem:
    where = {"field": report.field}
    if not report.intact:
        return Problem("pdfsig.altered", where)
    if not report.later_changes_harmless or (last and not report.covers_file):
        return Problem("pdfsig.partial-coverage", where)
    verdict = report.verdict
    if verdict.defect is not None:
        check_id = DEFECT_IDS.get(verdict.defect, "pdfsig.untrusted")
        return Problem(check_id, {**where, "subject": verdict.subject[:200], "detail": verdict.detail[:200]})
    ident = verdict.identity
    id_kind, number = ("nip", ident.nip) if ident and ident.nip else ("nik", ident.nik if ident else "")
    official = match(officials, kind, id_kind, number) if number else None
    if official is None:
        shown = f"{id_kind.upper()} {number}" if number else "-"
        return Problem("pdfsig.wrong-signer", {**where, "subject": verdict.subject[:200], "ident": shown})
    return SignedBy(official.name, official.ident, official.role, verdict.signing_time, verdict.subject)
