"""Which signature counted, in words: for the opening and each decision of ``mr show`` (text and JSON).

"SSH", "sertifikat elektronik (<CN>, NIP …, diterbitkan oleh <issuer CN>)", or both; and for a
signature that was present but did not count, why (``mr.dp.<problem>``: "sertifikat dicabut …").
"""

from __future__ import annotations

from typing import Any

from repospbe.governance.assess import Assessment
from repospbe.governance.certsig import SSH, SigCheck
from repospbe.i18n import catalog, t


def signature_text(c: SigCheck, lang: str) -> str:
    """The kind of one signature: ``SSH``, or the certificate with whom it names and who issued it."""
    if c.kind == SSH:
        return "SSH"
    number = c.number.replace(":", " ", 1) if c.number else t("pki_open.no-number", lang)
    return t("pki_open.kind.cert", lang, name=c.name or "-", number=number, issuer=c.issuer or "-")


def why(c: SigCheck, lang: str) -> str:
    """Why a present signature did not count ('' when it counted)."""
    if c.counted:
        return ""
    key = f"mr.dp.{c.problem}"
    return t(key, lang) if key in catalog() else c.problem


def lines(checks: tuple[SigCheck, ...], lang: str, indent: str = "  ") -> list[str]:
    """One line naming the kinds that counted (or none), then one per present signature that did not."""
    counted = [signature_text(c, lang) for c in checks if c.counted]
    out = [
        indent + t("pki_open.ui.counted", lang, kinds=" + ".join(counted))
        if counted
        else indent + t("pki_open.ui.none-counted", lang)
    ]
    out += [
        indent + t("pki_open.ui.not-counted", lang, kind=signature_text(c, lang), why=why(c, lang))
        for c in checks
        if not c.counted
    ]
    return out


def as_json(checks: tuple[SigCheck, ...], lang: str) -> list[dict[str, Any]]:
    return [
        {
            "jenis": c.kind,
            "dihitung": c.counted,
            "alasan": c.problem,
            "teks": signature_text(c, lang),
            "mengapa": why(c, lang),
            "nama": c.name,
            "identitas": c.number,
            "penerbit": c.issuer,
        }
        for c in checks
    ]


def summary(checks: tuple[SigCheck, ...], lang: str) -> str:
    """The kinds that counted on one line ('' when none)."""
    return " + ".join(signature_text(c, lang) for c in checks if c.counted)


def opener_lines(a: Assessment, lang: str) -> list[str]:
    """Who opened it (SSH key and/or certificate), then which signature of the opening counted and why not."""
    out = []
    if a.opener:
        who = f" = reviewer {a.opener.reviewer}" if a.opener.reviewer else ""
        if a.opener.key:
            out.append(t("gov.ui.show-opener", lang, fingerprint=a.opener.fingerprint, email=a.opener.email, who=who))
        if a.opener.identity:
            number = a.opener.identity.replace(":", " ", 1)
            out.append(t("pki_open.ui.opener-cert", lang, name=a.opener.name or "-", number=number, who=who))
    else:
        out.append(t("gov.ui.show-opener-bad", lang))
    return out + lines(a.opening_signatures, lang)
