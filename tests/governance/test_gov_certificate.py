"""Decisions signed with an electronic certificate beside SSH: a valid one counts, each defect is refused
with its own reason, the auditor re-verifies with ``openssl cms -verify`` alone."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

from repospbe.canonical import canonical_json
from repospbe.errors import PolicyError
from repospbe.governance import evidence as evs
from repospbe.governance import mr as ops
from repospbe.governance import releases as rel
from repospbe.governance.audit import GENESIS_REF, verify
from repospbe.governance.certsig import CertSigner, load_signer
from repospbe.governance.deploy import HOOK_ENV, apply, plan
from repospbe.governance.rules import load_signers_from_worktree
from repospbe.pki import cms
from tests.governance.conftest import Gov, make_gov
from tests.governance.test_gov_release_gates import APP as EXAMPLE
from tests.governance.test_gov_release_gates import merged, merged_template  # noqa: F401 - fixtures
from tests.helpers.cli import run_cli
from tests.helpers.git import commit_all, git
from tests.helpers.pki import NIP, TestPki, make_pki, pem
from tests.helpers.tools import require_tool

OFFICIAL = "pejabat"


@pytest.fixture(scope="module")
def pki() -> TestPki:
    return make_pki()


@pytest.fixture
def cgov(tmp_path: Path, keyring: dict[str, Path], pki: TestPki) -> Gov:
    """The governance registry with trust anchors and a reviewer who signs with a certificate only."""
    gov = make_gov(tmp_path / "reg", keyring)
    add_certificate_reviewer(gov, pki)
    old = gov.repo.must_resolve(GENESIS_REF)
    commit_all(gov.root, "reviewer bersertifikat dan jangkar kepercayaan")
    assert gov.repo.cas(GENESIS_REF, gov.main(), old)  # the audit starts after this setup
    return gov


def add_certificate_reviewer(gov: Gov, pki: TestPki) -> None:
    """Trust anchor + CRLs under registry/trust/, and a reviewer who signs with a certificate only."""
    pki.write_trust(gov.root)
    text = (gov.root / "registry/reviewers.yaml").read_text(encoding="utf-8")
    text += (
        f'  - id: {OFFICIAL}\n    nama: Pejabat Bersertifikat\n    nip: "{NIP}"\n    peran: diskominfo\n'
        f'    email: [pejabat@pontianakkota.go.id]\n    sertifikat: {{identitas: "NIP:{NIP}"}}\n'
    )
    gov.write("registry/reviewers.yaml", text)
    gov.write("registry/allowed_signers", load_signers_from_worktree(gov.root)[0])


def signer(pki: TestPki, case: str) -> CertSigner:
    return CertSigner(pki.cert(case), tuple(pki.chains[case]), pki.key(case))


def ready(gov: Gov) -> int:
    gov.opd_change("ubah-opd", name="Dinas Kominfo Bersertifikat")
    n = gov.open("ubah-opd")
    gov.runner_pipeline(n)
    return n


def forge_cert_decision(gov: Gov, n: int, case_signer: CertSigner, reviewer: str = OFFICIAL) -> str:
    """A decision with only a CMS signature, written straight into the evidence ref (no up-front check)."""
    a = gov.assess(n)
    ev = evs.load(gov.repo, n)
    assert ev is not None and ev.opening is not None
    raw = canonical_json(
        {
            "jenis": "repospbe/keputusan",
            "versi": 1,
            "mr": n,
            "pembukaan": ev.opening.digest,
            "sumber_sha": a.source,
            "target_sha": a.target,
            "patch_id": a.patch_id,
            "pipeline": next(r.digest for r in a.records if r.matches and r.runner),
            "keputusan": "setuju",
            "alasan": "",
            "reviewer": reviewer,
            "waktu": "2026-01-01T00:00:00Z",
        }
    )
    name = f"keputusan/{len(ev.decisions) + 1:04d}-{reviewer}"
    gov.repo.append(evs.mr_ref(n), {f"{name}.json": raw, f"{name}.p7s": case_signer.sign(raw)}, "forged\n")
    return f"{name}.json"


def test_certificate_approval_counts_merges_and_audits(cgov: Gov, pki: TestPki, tmp_path: Path) -> None:
    n = ready(cgov)
    name, _ = ops.decide(cgov.repo, n, None, "setuju", "", signer(pki, "valid"))
    cgov.approve(n, "siti")
    a = cgov.assess(n)
    assert a.mergeable, a.problems
    assert sorted(d.reviewer for d in a.approvals) == [OFFICIAL, "siti"]
    files = cgov.repo.list_files(cgov.repo.must_resolve(evs.mr_ref(n)), "keputusan/")
    assert f"{name}.p7s" in files and f"{name}.sig" not in files
    cgov.merge(n)
    report = verify(cgov.repo)
    assert not report.breaches, report.breaches
    assert [e.kind for e in report.events] == ["genesis", "persetujuan", "persetujuan", "gabung"]
    # the auditor's way: the stored bytes, the stored .p7s, the registry's anchor and CRLs, openssl alone
    openssl = require_tool("openssl", "openssl")
    tip = cgov.repo.must_resolve(evs.mr_ref(n))
    (tmp_path / "payload").write_bytes(cgov.repo.blob(tip, f"{name}.json") or b"")
    (tmp_path / "sig.p7s").write_bytes(cgov.repo.blob(tip, f"{name}.p7s") or b"")
    crls = b"".join(c.public_bytes(Encoding.PEM) for c in pki.crls.values())
    (tmp_path / "trust.pem").write_bytes(pem(pki.root[0]) + crls)
    proc = subprocess.run(
        [openssl, "cms", "-verify", "-binary", "-inform", "DER", "-in", "sig.p7s", "-content", "payload",
         "-CAfile", "trust.pem", "-crl_check_all", "-out", "/dev/null"],
        cwd=tmp_path, capture_output=True, check=False, timeout=30,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize(
    ("case", "problem"),
    [
        ("revoked", "sertifikat-dicabut"),
        ("expired", "sertifikat-kedaluwarsa"),
        ("untrusted", "sertifikat-tak-tepercaya"),
        ("no-sign", "sertifikat-penggunaan-kunci"),
        ("unknown", "sertifikat-status-tak-diketahui"),
        ("no-nip", "sertifikat-identitas"),
    ],
)
def test_each_defective_certificate_decision_has_its_own_problem(
    cgov: Gov, pki: TestPki, case: str, problem: str
) -> None:
    n = ready(cgov)
    name = forge_cert_decision(cgov, n, signer(pki, case))
    a = cgov.assess(n)
    d = next(d for d in a.decisions if d.name == name)
    assert d.problem == problem and not d.signature_ok
    assert a.approvals == []


def test_certificate_of_another_reviewer_or_of_an_ssh_only_reviewer_does_not_count(cgov: Gov, pki: TestPki) -> None:
    n = ready(cgov)
    name = forge_cert_decision(cgov, n, signer(pki, "valid"), reviewer="rahmat")  # rahmat has no certificate
    assert next(d for d in cgov.assess(n).decisions if d.name == name).problem == "sertifikat-identitas"


def test_altered_decision_under_a_certificate_signature_is_refused(cgov: Gov, pki: TestPki) -> None:
    n = ready(cgov)
    name, _ = ops.decide(cgov.repo, n, None, "setuju", "", signer(pki, "valid"))
    tip = cgov.repo.must_resolve(evs.mr_ref(n))
    raw = (cgov.repo.blob(tip, f"{name}.json") or b"").replace(b'"alasan":""', b'"alasan":"x"')
    sig = cgov.repo.blob(tip, f"{name}.p7s") or b""
    other = f"keputusan/0002-{OFFICIAL}"
    cgov.repo.append(evs.mr_ref(n), {f"{other}.json": raw, f"{other}.p7s": sig}, "replay\n")
    d = next(d for d in cgov.assess(n).decisions if d.name == f"{other}.json")
    assert d.problem == "sertifikat-tanda-tangan"


@pytest.mark.parametrize(("case", "reason"), [("revoked", "dicabut"), ("untrusted", "tak-tepercaya")])
def test_decide_refuses_a_defective_certificate_before_signing(cgov: Gov, pki: TestPki, case: str, reason: str) -> None:
    n = ready(cgov)
    with pytest.raises(PolicyError) as exc:
        ops.decide(cgov.repo, n, None, "setuju", "", signer(pki, case))
    assert exc.value.key == "pki.refused" and exc.value.params["reason"] == reason
    assert evs.load(cgov.repo, n).decisions == ()  # type: ignore[union-attr]


def test_ssh_and_certificate_must_name_the_same_reviewer(cgov: Gov, pki: TestPki) -> None:
    n = ready(cgov)
    with pytest.raises(PolicyError) as exc:
        ops.decide(cgov.repo, n, cgov.keys["rahmat"], "setuju", "", signer(pki, "valid"))
    assert exc.value.key == "pki.not-same-reviewer"


def test_cli_approve_with_certificate(
    cgov: Gov, pki: TestPki, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    n = ready(cgov)
    cert, key = pki.write_pair("valid", tmp_path / "pejabat")
    assert load_signer(cert, key).cert == pki.cert("valid")
    reg = ("--registry", str(cgov.root))
    res = run_cli(capsys, "mr", "approve", str(n), "--sertifikat", str(cert), *reg)
    assert res.code == 2
    res = run_cli(capsys, "mr", "approve", str(n), "--sertifikat", str(cert), "--kunci-sertifikat", str(key), *reg)
    assert res.code == 0, res.out + res.err
    assert [d.reviewer for d in cgov.assess(n).approvals] == [OFFICIAL]
    bad_cert, bad_key = pki.write_pair("expired", tmp_path / "lama")
    res = run_cli(
        capsys, "mr", "approve", str(n), "--sertifikat", str(bad_cert), "--kunci-sertifikat", str(bad_key), *reg
    )
    assert res.code == 1 and "kedaluwarsa" in res.out + res.err


def test_ssh_only_registry_has_no_trust_and_still_works(gov: Gov) -> None:
    gov.opd_change("ubah-opd")
    n = gov.open("ubah-opd")
    gov.approve(n, "rahmat")
    a = gov.assess(n)
    assert a.rules.trust.empty and [d.reviewer for d in a.approvals] == ["rahmat"]
    assert cms is not None


def test_ocsp_response_stored_beside_the_decision_establishes_the_status(cgov: Gov, pki: TestPki) -> None:
    """The ``unknown`` certificate's issuer has no stored CRL: refused, unless an OCSP response is stored with it."""
    from tests.helpers.pki import ocsp_response

    n = ready(cgov)
    with pytest.raises(PolicyError) as exc:
        ops.decide(cgov.repo, n, None, "setuju", "", signer(pki, "unknown"))
    assert exc.value.params["reason"] == "status-tak-diketahui"
    with_ocsp = CertSigner(pki.cert("unknown"), tuple(pki.chains["unknown"]), pki.key("unknown"),
                           ocsp_response(pki, "unknown"))  # fmt: skip
    name, _ = ops.decide(cgov.repo, n, None, "setuju", "", with_ocsp)
    tip = cgov.repo.must_resolve(evs.mr_ref(n))
    assert cgov.repo.blob(tip, f"{name}.ocsp") == with_ocsp.ocsp
    assert [d.reviewer for d in cgov.assess(n).approvals] == [OFFICIAL]
    # the same decision with an OCSP response saying "revoked" beside it does not count
    revoked = ocsp_response(pki, "unknown", revoked=True)
    raw = cgov.repo.blob(tip, f"{name}.json") or b""
    other = f"keputusan/0002-{OFFICIAL}"
    files = {f"{other}.json": raw, f"{other}.p7s": cgov.repo.blob(tip, f"{name}.p7s") or b"", f"{other}.ocsp": revoked}
    cgov.repo.append(evs.mr_ref(n), files, "ocsp revoked\n")
    assert next(d for d in cgov.assess(n).decisions if d.name == f"{other}.json").problem == "sertifikat-dicabut"


def trust_certificate_reviewer(gov: Gov, pki: TestPki) -> None:
    """A governance merge request, approved and merged, adds the certificate reviewer and the trust anchor."""
    git(gov.root, "checkout", "-q", "-b", "percaya")
    add_certificate_reviewer(gov, pki)
    commit_all(gov.root, "reviewer bersertifikat dan jangkar kepercayaan", author="agus@pontianakkota.go.id")
    git(gov.root, "checkout", "-q", "main")
    n = gov.open("percaya", key="agus", title="Reviewer bersertifikat")
    gov.approve(n, "rahmat")
    gov.approve(n, "siti")
    gov.merge(n)


@pytest.mark.slow
def test_release_signed_with_a_certificate_is_verified_by_the_audit(
    merged: Gov, pki: TestPki, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A governance merge request adds the certificate reviewer and the trust anchor; the release is then
    signed with the certificate only; the audit verifies it, and refuses one signed by a revoked certificate."""
    gov = merged
    trust_certificate_reviewer(gov, pki)
    monkeypatch.setenv(HOOK_ENV, "true")
    p = plan(gov.repo, EXAMPLE, "produksi")
    path, _ = apply(gov.repo, p, p.checksum, None, signer(pki, "valid"))
    [item] = rel.load_all(gov.repo)
    assert item.signed.cms and not item.signed.sig and item.signed.data["oleh"] == OFFICIAL
    assert not verify(gov.repo).breaches
    data = item.signed.raw
    bad = signer(pki, "revoked").sign(data)
    gov.repo.append(rel.RELEASE_REF, {f"{path}.p7s": bad}, "ganti tanda tangan\n")
    breaches = [(e.kind, e.check_id or e.detail) for e in verify(gov.repo).breaches]
    assert ("rilis", "audit.release.tanda-tangan") in breaches  # the revoked certificate's signature does not verify
    assert any(kind == "bukti-diubah" for kind, _ in breaches)  # and replacing a signature is itself a breach


@pytest.mark.slow
def test_certificate_decision_is_named_and_meets_the_maturity_criterion(merged: Gov, pki: TestPki) -> None:
    """query.decisions marks the in-force decision whose certificate validates; maturity's
    electronic-certificate evidence names it (an SSH-only decision is not a certificate)."""
    from repospbe.governance import query
    from repospbe.maturity.evidence import gather
    from repospbe.registry import load_registry

    gov = merged
    trust_certificate_reviewer(gov, pki)
    doc = f"registry/apps/{EXAMPLE}/kebutuhan.md"
    text = (gov.root / doc).read_text(encoding="utf-8") + "\nCatatan revisi.\n"
    gov.commit_on("revisi", {doc: text}, email="agus@pontianakkota.go.id")
    m = gov.open("revisi", key="agus", title="Revisi kebutuhan")
    gov.runner_pipeline(m)
    ops.decide(gov.repo, m, None, "setuju", "", signer(pki, "valid"))
    gov.approve(m, "siti")
    assert gov.assess(m).mergeable
    by_reviewer = {(d.mr, d.reviewer): d for d in query.decisions(gov.root, EXAMPLE)}
    assert by_reviewer[(str(m), OFFICIAL)].certificate and by_reviewer[(str(m), OFFICIAL)].counted
    assert not by_reviewer[(str(m), "siti")].certificate
    evidence = gather(load_registry(gov.root), EXAMPLE, [], [], date(2026, 12, 3))
    assert f"MR !{m}: {OFFICIAL}" in evidence.certificates
