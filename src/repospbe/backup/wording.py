"""``backup verify`` in words: which signature kinds were accepted and required, and how
each set's signatures were judged (the CLI prints these lines)."""

from __future__ import annotations

from repospbe.backup.policy import SetSignatures, SignaturePolicy, Status
from repospbe.i18n import t


def policy_lines(policy: SignaturePolicy, lang: str) -> list[str]:
    """Two sentences: the kinds accepted (with their trust source) and the requirement."""
    kinds = []
    if policy.signers is not None:
        kinds.append(t("backup-cert.accept.ssh", lang, file=str(policy.signers)))
    if policy.trust is not None:
        trust = policy.trust
        kinds.append(
            t(
                "backup-cert.accept.cert",
                lang,
                dir=str(trust.directory),
                anchors=str(len(trust.store.roots)),
                crls=str(len(trust.store.crls)),
                operators=str(len(trust.operators)),
            )
        )
    accepted = t("backup-cert.and", lang).join(kinds)
    return [
        t("backup-cert.accepted", lang, kinds=accepted),
        t(f"backup-cert.require.{policy.require.value}", lang),
    ]


def _ssh(result: SetSignatures, lang: str) -> str:
    if result.ssh is Status.VALID:
        return t("backup-cert.ssh.sah", lang, principal=result.principal)
    return t(f"backup-cert.ssh.{result.ssh.value}", lang)


def _cert(result: SetSignatures, lang: str) -> str:
    check = result.cert_check
    if check is None:
        return t(f"backup-cert.cert.{result.cert.value}", lang)
    when = check.signing_time.isoformat(timespec="seconds") if check.signing_time else "-"
    who = check.name or "-"
    number = check.number or "-"
    if check.ok:
        return t("backup-cert.cert.sah", lang, signer=who, number=number, time=when)
    reason = t(f"backup.cert-{check.reason}.msg", lang, signer=number)
    return t("backup-cert.cert.tidak-sah", lang, reason=reason)


def set_line(result: SetSignatures, lang: str) -> str:
    """``<set>: <SSH in words>; <certificate in words>``."""
    return t("backup-cert.set", lang, set=result.name, ssh=_ssh(result, lang), cert=_cert(result, lang))
