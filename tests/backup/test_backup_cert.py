"""Certificate (CMS) signatures on backup manifests: real test PKI, real git repositories.

The trust (anchors, CRLs, operators.yaml) is a directory outside the backup; each defect is
refused with its own check id, and SSH-only backups behave as before."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from repospbe.backup.certsign import CMS_SIGNATURE, OCSP_RESPONSE
from repospbe.backup.create import create_backup
from repospbe.backup.manifest import MANIFEST, SIGNATURE
from repospbe.backup.policy import Requirement, SignaturePolicy
from repospbe.backup.restore import restore_backup
from repospbe.backup.verify import verify_backups
from repospbe.errors import InputError, PolicyError
from repospbe.pki.verdict import Defect
from tests.backup.certbackup import resign, signer, trust_for
from tests.backup.conftest import Operator, objects_of, refs_of
from tests.helpers.cli import run_cli
from tests.helpers.git import commit_file
from tests.helpers.pki import NIP, TestPki, ocsp_response

pytestmark = pytest.mark.slow


def _cert_set(reg: Path, out: Path, pki: TestPki, trust_dir: Path, operator: Operator | None = None) -> Path:
    """A set signed with the valid operator certificate (and the SSH key when ``operator``)."""
    return create_backup(
        reg,
        out,
        operator.key if operator else None,
        allowed_signers=operator.signers if operator else None,
        cert=signer(pki, "valid"),
        trust=trust_for(trust_dir, out),
    )


def _ids(out: Path, policy: SignaturePolicy) -> list[str]:
    return [f.check_id for f in verify_backups(out, policy)]


def test_certificate_signed_set_verifies_and_restores(
    rich_registry: Path, pki: TestPki, trust_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cert, key = pki.write_pair("valid", tmp_path / "operator")
    out = tmp_path / "cadangan"
    res = run_cli(
        capsys,
        *("backup", "create", "--out", str(out), "--registry", str(rich_registry)),
        *("--sertifikat", str(cert), "--kunci-sertifikat", str(key), "--trust-backup", str(trust_dir)),
    )
    assert res.code == 0, res.out + res.err
    assert f"Operator Uji 0 (NIP:{NIP}) (sertifikat)" in res.out
    (set_dir,) = [p for p in out.iterdir()]
    assert (set_dir / CMS_SIGNATURE).is_file() and not (set_dir / SIGNATURE).exists()
    res = run_cli(capsys, "backup", "verify", str(out), "--trust-backup", str(trust_dir))
    assert res.code == 0, res.out + res.err
    assert "Tanda tangan yang diterima: sertifikat elektronik, terhadap 1 jangkar, 2 CRL dan 1 operator" in res.out
    assert "Wajib: setiap set membawa sedikitnya satu tanda tangan sah" in res.out
    assert f"tanpa tanda tangan SSH; sertifikat sah (Pejabat Uji valid, NIP:{NIP}, ditandatangani 20" in res.out
    target = tmp_path / "pulih"
    res = run_cli(capsys, "backup", "restore", str(out), "--to", str(target), "--trust-backup", str(trust_dir))
    assert res.code == 0, res.out + res.err
    assert res.out.startswith("Tanda tangan yang diterima: sertifikat elektronik") and "Dipulihkan ke" in res.out
    assert refs_of(target) == refs_of(rich_registry) and objects_of(target) == objects_of(rich_registry)


def test_both_kinds_and_what_each_verification_accepts_in_words(
    rich_registry: Path,
    operator: Operator,
    pki: TestPki,
    trust_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "cadangan"
    set_dir = _cert_set(rich_registry, out, pki, trust_dir, operator)
    assert (set_dir / SIGNATURE).is_file() and (set_dir / CMS_SIGNATURE).is_file()
    res = run_cli(capsys, "backup", "verify", str(out), "--allowed-signers", str(operator.signers))
    assert res.code == 0, res.out + res.err
    assert "SSH sah (operator@pemda); sertifikat ada, tidak diperiksa (tidak ada direktori kepercayaan" in res.out
    monkeypatch.setenv("REPOSPBE_BACKUP_TRUST", str(trust_dir))
    res = run_cli(
        capsys,
        *("backup", "verify", str(out), "--allowed-signers", str(operator.signers), "--lang", "en"),
        *("--require-signature", "keduanya"),
    )
    assert res.code == 0, res.out + res.err
    assert f"Signatures accepted: SSH, against the signers list {operator.signers}; and electronic certificate" in (
        res.out
    )
    assert "Required: both an SSH and a certificate signature, both valid, on each set." in res.out
    assert f"SSH valid (operator@pemda); certificate valid (Pejabat Uji valid, NIP:{NIP}, signed 20" in res.out


@pytest.mark.parametrize(
    ("case", "defect"),
    [
        ("revoked", Defect.REVOKED),
        ("expired", Defect.EXPIRED),
        ("untrusted", Defect.UNTRUSTED),
        ("unknown", Defect.REVOCATION_UNKNOWN),
        ("no-sign", Defect.KEY_USAGE),
    ],
)
def test_defective_certificate_is_refused_with_its_own_finding(
    rich_registry: Path, pki: TestPki, trust_dir: Path, tmp_path: Path, case: str, defect: Defect
) -> None:
    out = tmp_path / "c"
    with pytest.raises(PolicyError) as refused:  # refused up front: nothing is written
        create_backup(rich_registry, out, None, cert=signer(pki, case), trust=trust_for(trust_dir, out))
    assert refused.value.key == "backup.cert-refused-now" and refused.value.params["reason"] == defect.value
    assert not out.exists() or not any(out.iterdir())
    set_dir = _cert_set(rich_registry, out, pki, trust_dir)
    resign(set_dir, pki, case)  # signed by hand with the defective certificate
    policy = SignaturePolicy(trust=trust_for(trust_dir, out))
    assert _ids(out, policy) == [f"backup.cert-{defect.value}"]
    target = tmp_path / "p"
    with pytest.raises(PolicyError):
        restore_backup(out, target, policy)
    assert not target.exists()


def test_valid_certificate_of_someone_not_an_operator_is_refused(
    rich_registry: Path, pki: TestPki, trust_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "c"
    with pytest.raises(PolicyError) as refused:
        create_backup(rich_registry, out, None, cert=signer(pki, "bukan-operator"), trust=trust_for(trust_dir, out))
    assert refused.value.key == "backup.cert-not-operator-now"
    set_dir = _cert_set(rich_registry, out, pki, trust_dir)
    resign(set_dir, pki, "bukan-operator")
    res = run_cli(capsys, "backup", "verify", str(out), "--trust-backup", str(trust_dir))
    assert res.code == 1
    assert "backup.cert-operator" in res.out and "NIP:198501012010011001" in res.out
    assert "sertifikat TIDAK sah: Sertifikat penanda tangan (NIP:198501012010011001) sah, tetapi" in res.out


def test_manifest_altered_after_signing_is_refused(
    rich_registry: Path, operator: Operator, pki: TestPki, trust_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "c"
    set_dir = _cert_set(rich_registry, out, pki, trust_dir, operator)
    manifest = set_dir / MANIFEST
    manifest.write_bytes(manifest.read_bytes().replace(b'"kind":"full"', b'"kind":"full" '))
    policy = SignaturePolicy(operator.signers, trust_for(trust_dir, out))
    assert _ids(out, policy) == ["backup.signature", "backup.cert-tanda-tangan"]
    # accepting only the certificate kind still refuses: the CMS covers the exact bytes
    assert _ids(out, SignaturePolicy(trust=trust_for(trust_dir, out))) == ["backup.cert-tanda-tangan"]


def test_signature_swapped_from_another_set_is_refused(
    rich_registry: Path, pki: TestPki, trust_dir: Path, tmp_path: Path
) -> None:
    first = _cert_set(rich_registry, tmp_path / "a", pki, trust_dir)
    commit_file(
        rich_registry, "CATATAN.md", "set kedua\n", "set kedua"
    )  # the two manifests differ even within one second
    second = _cert_set(rich_registry, tmp_path / "b", pki, trust_dir)
    assert (first / MANIFEST).read_bytes() != (second / MANIFEST).read_bytes()
    shutil.copyfile(first / CMS_SIGNATURE, second / CMS_SIGNATURE)
    policy = SignaturePolicy(trust=trust_for(trust_dir, tmp_path / "b"))
    assert _ids(tmp_path / "b", policy) == ["backup.cert-tanda-tangan"]


def test_a_valid_ssh_signature_does_not_excuse_a_failing_certificate(
    rich_registry: Path, operator: Operator, pki: TestPki, trust_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "c"
    set_dir = _cert_set(rich_registry, out, pki, trust_dir, operator)
    resign(set_dir, pki, "revoked")
    assert _ids(out, SignaturePolicy(operator.signers, trust_for(trust_dir, out))) == ["backup.cert-dicabut"]
    assert _ids(out, SignaturePolicy(operator.signers)) == []  # certificate kind not accepted: not checked


def test_trust_directory_inside_the_backup_is_refused(
    rich_registry: Path, pki: TestPki, trust_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "c"
    set_dir = _cert_set(rich_registry, out, pki, trust_dir)
    inside = shutil.copytree(trust_dir, out / "kepercayaan")
    for where in (out, set_dir):  # the backup root, or one set of it
        with pytest.raises(InputError) as refused:
            trust_for(inside, where)
        assert refused.value.key == "backup.trust-inside"
    res = run_cli(capsys, "backup", "verify", str(out), "--trust-backup", str(inside))
    assert res.code == 2 and "tidak boleh dipercaya berdasarkan isinya sendiri" in res.err
    linked = tmp_path / "etc" / "tautan"
    linked.symlink_to(inside, target_is_directory=True)
    res = run_cli(capsys, "backup", "restore", str(out), "--to", str(tmp_path / "p"), "--trust-backup", str(linked))
    assert res.code == 2 and "isinya sendiri" in res.err and not (tmp_path / "p").exists()
    # one anchor file linked into the backup, in an otherwise outside directory
    (trust_dir / "dari-cadangan.pem").symlink_to(inside / "pemda-uji-root.pem")
    with pytest.raises(InputError) as refused:
        trust_for(trust_dir, out)
    assert refused.value.key == "backup.trust-inside" and "dari-cadangan.pem" in refused.value.params["entry"]
    # a library caller that loaded the trust elsewhere is refused by verification itself
    with pytest.raises(InputError):
        verify_backups(out, SignaturePolicy(trust=trust_for(inside, tmp_path / "lain")))


def test_trust_directory_inside_the_registry_is_refused_at_create(
    rich_registry: Path, pki: TestPki, trust_dir: Path, tmp_path: Path
) -> None:
    inside = shutil.copytree(trust_dir, rich_registry / "percaya")
    with pytest.raises(InputError) as refused:
        create_backup(rich_registry, tmp_path / "c", None, cert=signer(pki, "valid"), trust=trust_for(inside, tmp_path))
    assert refused.value.key == "backup.trust-inside"
    assert not (tmp_path / "c").exists()


def test_ssh_only_behaviour_is_unchanged(
    rich_registry: Path, operator: Operator, pki: TestPki, trust_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "c"
    set_dir = create_backup(rich_registry, out, operator.key)
    assert not (set_dir / CMS_SIGNATURE).exists()
    assert verify_backups(out, operator.signers) == []
    assert _ids(out, SignaturePolicy(operator.signers, trust_for(trust_dir, out))) == []
    # requiring a certificate on an SSH-only set, or accepting only certificates, refuses it
    trust = trust_for(trust_dir, out)
    assert _ids(out, SignaturePolicy(operator.signers, trust, Requirement.CERT)) == ["backup.cert-missing"]
    assert _ids(out, SignaturePolicy(trust=trust)) == ["backup.cert-missing"]
    (set_dir / SIGNATURE).unlink()
    assert _ids(out, operator.signers) == ["backup.signature"]


def test_a_certificate_only_set_is_not_accepted_on_ssh_alone(
    rich_registry: Path, operator: Operator, pki: TestPki, trust_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "c"
    _cert_set(rich_registry, out, pki, trust_dir)
    assert _ids(out, operator.signers) == ["backup.signature"]
    assert _ids(out, SignaturePolicy(operator.signers, trust_for(trust_dir, out))) == []
    with pytest.raises(InputError) as refused:
        SignaturePolicy(operator.signers, None, Requirement.BOTH)
    assert refused.value.key == "backup.require-unconfigured"


def test_stored_ocsp_response_establishes_the_status_a_crl_does_not(
    rich_registry: Path, pki: TestPki, trust_dir: Path, tmp_path: Path
) -> None:
    """``unknown`` is issued by a CA whose CRL is not in the trust directory: only the OCSP response
    stored beside the manifest (``--ocsp``) can establish its status; without it, never valid."""
    out = tmp_path / "c"
    good = replace(signer(pki, "unknown"), ocsp=ocsp_response(pki, "unknown"))
    set_dir = create_backup(rich_registry, out, None, cert=good, trust=trust_for(trust_dir, out))
    policy = SignaturePolicy(trust=trust_for(trust_dir, out))
    assert (set_dir / OCSP_RESPONSE).is_file() and _ids(out, policy) == []
    (set_dir / OCSP_RESPONSE).write_bytes(ocsp_response(pki, "unknown", revoked=True))
    assert _ids(out, policy) == ["backup.cert-dicabut"]
    (set_dir / OCSP_RESPONSE).unlink()
    assert _ids(out, policy) == ["backup.cert-status-tak-diketahui"]


@pytest.mark.parametrize("content", [b"", b"bukan CMS", b"0" * 1_000_001])
def test_malformed_certificate_signature_is_refused(
    rich_registry: Path, pki: TestPki, trust_dir: Path, tmp_path: Path, content: bytes
) -> None:
    out = tmp_path / "c"
    set_dir = _cert_set(rich_registry, out, pki, trust_dir)
    (set_dir / CMS_SIGNATURE).write_bytes(content)
    assert _ids(out, SignaturePolicy(trust=trust_for(trust_dir, out))) == ["backup.cert-rusak"]


def test_each_set_of_a_chain_is_judged_on_its_own_signatures(
    rich_registry: Path, operator: Operator, pki: TestPki, trust_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "c"
    full = _cert_set(rich_registry, out, pki, trust_dir)
    commit_file(rich_registry, "registry/README.md", "# Registri\n", "readme")
    inc = create_backup(rich_registry, out, operator.key, since=full / MANIFEST)  # SSH only
    trust = trust_for(trust_dir, out)
    assert verify_backups(out, SignaturePolicy(operator.signers, trust)) == []
    refused = verify_backups(out, SignaturePolicy(operator.signers, trust, Requirement.CERT))
    assert [(f.check_id, f.path) for f in refused] == [("backup.cert-missing", f"{inc.name}/{CMS_SIGNATURE}")]
    target = restore_backup(out, tmp_path / "p", SignaturePolicy(operator.signers, trust))
    assert refs_of(target) == refs_of(rich_registry)


def test_create_and_verify_name_what_is_missing(
    rich_registry: Path,
    pki: TestPki,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("REPOSPBE_BACKUP_TRUST", raising=False)
    monkeypatch.delenv("REPOSPBE_BACKUP_SIGNERS", raising=False)
    out = tmp_path / "c"
    res = run_cli(capsys, "backup", "create", "--out", str(out), "--registry", str(rich_registry))
    assert res.code == 2 and "--key" in res.err and "--sertifikat" in res.err
    cert, key = pki.write_pair("valid", tmp_path / "operator")
    res = run_cli(
        capsys,
        *("backup", "create", "--out", str(out), "--registry", str(rich_registry)),
        *("--sertifikat", str(cert), "--kunci-sertifikat", str(key)),
    )
    assert res.code == 2 and "--trust-backup" in res.err and "REPOSPBE_BACKUP_TRUST" in res.err
    assert not out.exists()
    res = run_cli(capsys, "backup", "verify", str(out), "--lang", "en")
    assert res.code == 2 and "--allowed-signers FILE" in res.err and "--trust-backup DIR" in res.err
