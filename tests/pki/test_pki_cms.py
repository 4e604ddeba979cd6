"""CMS detached signatures over a payload, validated against a test PKI: one reason per defect."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

from repospbe.pki import cms, trust
from repospbe.pki.identity import identity_of
from repospbe.pki.verdict import Defect
from tests.helpers.pki import NIP, TestPki, issue, name, new_key, pem
from tests.helpers.tools import require_tool

PAYLOAD = b'{"jenis":"repospbe/keputusan","keputusan":"setuju"}'


def _sign(pki: TestPki, case: str, payload: bytes = PAYLOAD) -> bytes:
    return cms.sign_detached(payload, pki.cert(case), pki.key(case), pki.chains[case])


def test_valid_signature_names_the_official(pki: TestPki, store: trust.TrustStore) -> None:
    verdict = cms.verify_detached(PAYLOAD, _sign(pki, "valid"), store)
    assert verdict.ok and verdict.defect is None
    assert verdict.identity is not None and verdict.identity.nip == NIP
    assert verdict.identity.number == f"NIP:{NIP}"
    assert verdict.identity.organisation == "Pemerintah Kota Pontianak"
    assert verdict.signing_time is not None


@pytest.mark.parametrize(
    ("case", "defect"),
    [
        ("revoked", Defect.REVOKED),
        ("expired", Defect.EXPIRED),
        ("untrusted", Defect.UNTRUSTED),
        ("no-sign", Defect.KEY_USAGE),
        ("unknown", Defect.REVOCATION_UNKNOWN),
    ],
)
def test_each_defective_certificate_has_its_own_reason(
    pki: TestPki, store: trust.TrustStore, case: str, defect: Defect
) -> None:
    verdict = cms.verify_detached(PAYLOAD, _sign(pki, case), store)
    assert not verdict.ok
    assert verdict.defect == defect, verdict.detail


def test_not_yet_valid_certificate_is_refused(pki: TestPki, store: trust.TrustStore) -> None:
    from tests.helpers.pki import DAY, NOW

    key = new_key()
    cert = issue(name("Pejabat Masa Depan", number=f"NIP:{NIP}"), key, pki.intermediate, start=NOW + 10 * DAY)
    verdict = cms.verify_detached(PAYLOAD, cms.sign_detached(PAYLOAD, cert, key, [pki.intermediate[0]]), store)
    assert verdict.defect == Defect.NOT_YET_VALID


def test_altered_payload_is_a_bad_signature(pki: TestPki, store: trust.TrustStore) -> None:
    verdict = cms.verify_detached(PAYLOAD.replace(b"setuju", b"tolak!"), _sign(pki, "valid"), store)
    assert verdict.defect == Defect.BAD_SIGNATURE


def test_signature_with_another_certificate_swapped_in_is_refused(pki: TestPki, store: trust.TrustStore) -> None:
    """Same payload, signed by ``valid`` but claiming the certificate of ``no-nip``: the key does not match."""
    sig = cms.sign_detached(PAYLOAD, pki.cert("no-nip"), pki.key("valid"), pki.chains["valid"])
    assert cms.verify_detached(PAYLOAD, sig, store).defect == Defect.BAD_SIGNATURE


@pytest.mark.parametrize("sig", [b"", b"\x30\x03\x02\x01\x01", b"not der at all", b"\x30" * 5000])
def test_hostile_bytes_are_malformed_not_a_crash(store: trust.TrustStore, sig: bytes) -> None:
    assert cms.verify_detached(PAYLOAD, sig, store).defect == Defect.MALFORMED


def test_empty_trust_store_trusts_nothing(pki: TestPki) -> None:
    verdict = cms.verify_detached(PAYLOAD, _sign(pki, "valid"), trust.TrustStore((), ()))
    assert verdict.defect == Defect.UNTRUSTED


def test_missing_crl_makes_the_status_unknown(pki: TestPki, tmp_path: Path) -> None:
    (tmp_path / "registry" / "trust").mkdir(parents=True)
    (tmp_path / "registry" / "trust" / "root.pem").write_bytes(pem(pki.root[0]))
    verdict = cms.verify_detached(PAYLOAD, _sign(pki, "valid"), trust.load_dir(tmp_path))
    assert verdict.defect == Defect.REVOCATION_UNKNOWN


def test_unreadable_trust_file_is_a_problem_not_an_anchor(pki: TestPki, tmp_path: Path) -> None:
    pki.write_trust(tmp_path)
    (tmp_path / "registry" / "trust" / "rusak.pem").write_bytes(b"-----BEGIN CERTIFICATE-----\nAAAA\n")
    (tmp_path / "registry" / "trust" / "crl" / "rusak.crl").write_bytes(b"garbage")
    store = trust.load_dir(tmp_path)
    assert store.problems == ("registry/trust/crl/rusak.crl", "registry/trust/rusak.pem")
    assert len(store.roots) == 1


def test_identity_convention_nik_and_bare_digits(pki: TestPki) -> None:
    key = new_key()
    nik = issue(name("Vendor", number="NIK:6171012345678901"), key, pki.intermediate)
    assert identity_of(nik).number == "NIK:6171012345678901" and identity_of(nik).nip == ""
    bare = issue(name("Tanpa Awalan", number=NIP), key, pki.intermediate)
    assert identity_of(bare).number == ""  # one convention: NIP:<18 digits> / NIK:<16 digits>
    assert identity_of(pki.cert("no-nip")).number == ""


def test_openssl_cms_verify_accepts_an_exported_signature(pki: TestPki, store_dir: Path, tmp_path: Path) -> None:
    openssl = require_tool("openssl", "openssl")
    (tmp_path / "payload").write_bytes(PAYLOAD)
    (tmp_path / "sig.p7s").write_bytes(_sign(pki, "valid"))
    crls = b"".join(c.public_bytes(Encoding.PEM) for c in pki.crls.values())
    (tmp_path / "trust.pem").write_bytes(pem(pki.root[0]) + crls)
    base = [openssl, "cms", "-verify", "-binary", "-inform", "DER", "-in", "sig.p7s", "-CAfile", "trust.pem"]
    ok = subprocess.run(
        [*base, "-content", "payload", "-crl_check_all", "-out", "/dev/null"],
        cwd=tmp_path,
        capture_output=True,
        check=False,
        timeout=30,
    )
    assert ok.returncode == 0, ok.stderr
    (tmp_path / "payload").write_bytes(PAYLOAD + b" ")
    bad = subprocess.run(
        [*base, "-content", "payload", "-out", "/dev/null"], cwd=tmp_path, capture_output=True, check=False, timeout=30
    )
    assert bad.returncode != 0
    (tmp_path / "payload").write_bytes(PAYLOAD)
    (tmp_path / "sig.p7s").write_bytes(_sign(pki, "revoked"))
    revoked = subprocess.run(
        [*base, "-content", "payload", "-crl_check_all", "-out", "/dev/null"],
        cwd=tmp_path,
        capture_output=True,
        check=False,
        timeout=30,
    )
    assert revoked.returncode != 0 and b"revoked" in revoked.stderr


def test_stored_ocsp_response_establishes_the_status(pki: TestPki, store: trust.TrustStore) -> None:
    """``unknown``'s issuer has no stored CRL: a stored OCSP response of that issuer settles it either way."""
    from tests.helpers.pki import ocsp_response

    sig = _sign(pki, "unknown")
    assert cms.verify_detached(PAYLOAD, sig, store).defect == Defect.REVOCATION_UNKNOWN
    assert cms.verify_detached(PAYLOAD, sig, store, [ocsp_response(pki, "unknown")]).ok
    revoked = cms.verify_detached(PAYLOAD, sig, store, [ocsp_response(pki, "unknown", revoked=True)])
    assert revoked.defect == Defect.REVOKED
