"""A test PKI made in the test with ``cryptography`` (never a file checked in).

Root and intermediate CA with CRLs, and officials' certificates, one per case:
``valid`` (NIP in the subject), ``revoked`` (listed in the intermediate's CRL),
``expired``, ``untrusted`` (from a root the registry does not trust), ``no-sign``
(key usage without digitalSignature/nonRepudiation), ``unknown`` (from a second
intermediate whose CRL is not stored: revocation status cannot be established),
``no-nip`` (a valid certificate whose subject carries no NIP).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from cryptography.x509.oid import AuthorityInformationAccessOID, NameOID

NIP = "197806142005011004"
NOW = datetime.now(UTC)
DAY = timedelta(days=1)

Key = ec.EllipticCurvePrivateKey


def new_key() -> Key:
    return ec.generate_private_key(ec.SECP256R1())


def name(cn: str, *, number: str = "", org: str = "Pemerintah Kota Pontianak") -> x509.Name:
    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"), x509.NameAttribute(NameOID.ORGANIZATION_NAME, org)]
    attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, cn))
    if number:
        attrs.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, number))
    return x509.Name(attrs)


def _ku(*, sign: bool, ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=sign,
        content_commitment=sign,
        key_encipherment=not sign and not ca,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


def issue(
    subject: x509.Name,
    key: Key,
    issuer: tuple[x509.Certificate, Key] | None,
    *,
    ca: bool = False,
    sign: bool = True,
    start: datetime = NOW - 30 * DAY,
    end: datetime = NOW + 365 * DAY,
) -> x509.Certificate:
    """A certificate for ``key``; self-signed when ``issuer`` is None."""
    issuer_name = issuer[0].subject if issuer else subject
    signer = issuer[1] if issuer else key
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(_ku(sign=sign, ca=ca), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if not ca:  # where a PSrE's OCSP responder would be (never contacted: revocation data is stored)
        ocsp_url = x509.UniformResourceIdentifier("http://ocsp.psre-uji.invalid")
        aia = x509.AuthorityInformationAccess([x509.AccessDescription(AuthorityInformationAccessOID.OCSP, ocsp_url)])
        builder = builder.add_extension(aia, critical=False)
    if issuer:
        ski = issuer[0].extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False
        )
    return builder.sign(signer, hashes.SHA256())


def crl(issuer: tuple[x509.Certificate, Key], revoked: list[x509.Certificate] = ()) -> x509.CertificateRevocationList:  # type: ignore[assignment]
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(issuer[0].subject)
        .last_update(NOW - DAY)
        .next_update(NOW + 30 * DAY)
        .add_extension(x509.CRLNumber(1), critical=False)
    )
    for cert in revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(cert.serial_number).revocation_date(NOW - 2 * DAY).build()
        )
    return builder.sign(issuer[1], hashes.SHA256())


def pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(Encoding.PEM)


def key_pem(key: Key) -> bytes:
    return key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())


@dataclass
class TestPki:
    root: tuple[x509.Certificate, Key]
    intermediate: tuple[x509.Certificate, Key]
    officials: dict[str, tuple[x509.Certificate, Key]] = field(default_factory=dict)
    chains: dict[str, list[x509.Certificate]] = field(default_factory=dict)
    crls: dict[str, x509.CertificateRevocationList] = field(default_factory=dict)
    cas: list[tuple[x509.Certificate, Key]] = field(default_factory=list)  # other issuing CAs (no stored CRL)

    def cert(self, case: str) -> x509.Certificate:
        return self.officials[case][0]

    def key(self, case: str) -> Key:
        return self.officials[case][1]

    def write_trust(self, registry: Path) -> Path:
        """Write the trust anchor and the stored CRLs under ``registry/registry/trust/``."""
        trust = registry / "registry" / "trust"
        (trust / "crl").mkdir(parents=True, exist_ok=True)
        (trust / "pemda-uji-root.pem").write_bytes(pem(self.root[0]))
        for label, value in self.crls.items():
            (trust / "crl" / f"{label}.crl").write_bytes(value.public_bytes(Encoding.DER))
        return trust

    def write_pair(self, case: str, where: Path) -> tuple[Path, Path]:
        """``<case>.pem`` (certificate followed by its intermediates) and ``<case>.key``."""
        where.mkdir(parents=True, exist_ok=True)
        cert_file, key_file = where / f"{case}.pem", where / f"{case}.key"
        cert_file.write_bytes(b"".join(pem(c) for c in [self.cert(case), *self.chains[case]]))
        key_file.write_bytes(key_pem(self.key(case)))
        key_file.chmod(0o600)
        return cert_file, key_file

    def add_official(self, case: str, nip: str) -> None:
        """One more valid official of the intermediate CA, with ``NIP:<nip>`` in the subject."""
        k = new_key()
        self.officials[case] = (issue(name(f"Pejabat Uji {case}", number=f"NIP:{nip}"), k, self.intermediate), k)
        self.chains[case] = [self.intermediate[0]]


TestPki.__test__ = False  # type: ignore[attr-defined]  # not a pytest class


def make_pki(nip: str = NIP) -> TestPki:
    rk = new_key()
    root = (issue(name("Root CA Uji (PSrE UJI)"), rk, None, ca=True, end=NOW + 3650 * DAY), rk)
    ik = new_key()
    inter = (issue(name("CA Antara Uji"), ik, root, ca=True), ik)
    ok2 = new_key()
    other_inter = (issue(name("CA Antara Uji Tanpa CRL"), ok2, root, ca=True), ok2)
    rogue_k = new_key()
    rogue = (issue(name("Root CA Palsu"), rogue_k, None, ca=True), rogue_k)
    pki = TestPki(root, inter, cas=[other_inter])
    specs: dict[str, tuple[tuple[x509.Certificate, Key], dict[str, object]]] = {
        "valid": (inter, {}),
        "revoked": (inter, {}),
        "expired": (inter, {"start": NOW - 400 * DAY, "end": NOW - DAY}),
        "no-sign": (inter, {"sign": False}),
        "untrusted": (rogue, {}),
        "unknown": (other_inter, {}),
        "no-nip": (inter, {}),
    }
    for case, (issuer, extra) in specs.items():
        k = new_key()
        number = "" if case == "no-nip" else f"NIP:{nip}"
        cert = issue(name(f"Pejabat Uji {case}", number=number), k, issuer, **extra)  # type: ignore[arg-type]
        pki.officials[case] = (cert, k)
        pki.chains[case] = [issuer[0]]
    pki.crls = {"root": crl(root), "antara": crl(inter, [pki.cert("revoked")])}
    return pki


def ocsp_response(pki: TestPki, case: str, *, revoked: bool = False) -> bytes:
    """A DER OCSP response about ``case``'s certificate, signed by its issuing CA (good or revoked)."""
    from cryptography.x509 import ocsp

    cert, issuer = pki.cert(case), pki.chains[case][0]
    issuer_key = next(k for c, k in (pki.root, pki.intermediate, *pki.cas) if c == issuer)
    builder = (
        ocsp.OCSPResponseBuilder()
        .add_response(
            cert=cert,
            issuer=issuer,
            algorithm=hashes.SHA256(),
            cert_status=ocsp.OCSPCertStatus.REVOKED if revoked else ocsp.OCSPCertStatus.GOOD,
            this_update=NOW - DAY,
            next_update=NOW + 7 * DAY,
            revocation_time=NOW - 2 * DAY if revoked else None,
            revocation_reason=None,
        )
        .responder_id(ocsp.OCSPResponderEncoding.HASH, issuer)
    )
    return builder.sign(issuer_key, hashes.SHA256()).public_bytes(Encoding.DER)
