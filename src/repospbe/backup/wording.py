"""``backup verify`` in words: which signature kinds were accepted and required, and how
each set's signatures were judged (the CLI prints these lines, or gives them in its JSON)."""

from __future__ import annotations

from typing import Any

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


def counted(result: SetSignatures) -> str:
    """Which signature counted for the set: ``keduanya``, ``ssh``, ``sertifikat`` or ``tidak-ada``."""
    ssh, cert = result.ssh is Status.VALID, result.cert is Status.VALID
    return "keduanya" if ssh and cert else "ssh" if ssh else "sertifikat" if cert else "tidak-ada"


def _ssh_json(result: SetSignatures, lang: str) -> dict[str, Any]:
    status = result.ssh
    reason = status.value if status in (Status.INVALID, Status.UNCHECKED) else None
    return {"status": status.value, "principal": result.principal or None, "reason": reason, "text": _ssh(result, lang)}


def _cert_json(result: SetSignatures, lang: str) -> dict[str, Any]:
    check, status = result.cert_check, result.cert
    reason = (check.reason or None) if check is not None else (status.value if status is Status.UNCHECKED else None)
    time = check.signing_time.isoformat(timespec="seconds") if check and check.signing_time else None
    return {
        "status": status.value,
        "signer": (check.name or None) if check else None,
        "number": (check.number or None) if check else None,
        "signing_time": time,
        "reason": reason,
        "text": _cert(result, lang),
    }


def set_json(result: SetSignatures, lang: str) -> dict[str, Any]:
    """One set's signatures as ``backup verify --format json`` gives them (stable keys; ``text`` in words)."""
    which = counted(result)
    return {
        "set": result.name,
        "accepted": result.accepted,
        "counted": which,
        "counted_text": t(f"backup-json.counted.{which}", lang),
        "ssh": _ssh_json(result, lang),
        "certificate": _cert_json(result, lang),
        "text": set_line(result, lang).strip(),
    }


def policy_json(policy: SignaturePolicy, lang: str) -> dict[str, Any]:
    """The kinds accepted, the requirement, and the two sentences the text output gives."""
    kinds = [k for k, source in (("ssh", policy.signers), ("sertifikat", policy.trust)) if source is not None]
    return {"accepted": kinds, "required": policy.require.value, "text": policy_lines(policy, lang)}
