"""A test PKI made in the test with ``cryptography`` (never a file checked in).

Root and intermediate CA with CRLs, and officials' certificates, one per case:
``valid`` (NIP in the subject), ``revoked`` (listed in the intermediate's CRL),
``expired``, ``untrusted`` (from a root the registry does not trust), ``no-sign``
(key usage without digitalSignature/nonRepudiation), ``unknown`` (from a second
intermediate whose CRL is not stored: revocation status cannot be established),
``no-nip`` (a valid certificate whose subject carries no NIP).

``make_pki(base_url=...)`` puts where a PSrE publishes revocation data into the certificates:
CRL distribution points ``<base>/root.crl`` and ``<base>/antara.crl`` (the CAs with a CRL) and the
OCSP responder ``<base>/ocsp``, for ``trust refresh`` tests against a loopback server.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID, NameOID

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
    crl_url: str = "",
    ocsp_url: str = "http://ocsp.psre-uji.invalid",
    ocsp_signing: bool = False,
) -> x509.Certificate:
    """A certificate for ``key``; self-signed when ``issuer`` is None. ``crl_url`` adds a CRL
    distribution point; ``ocsp_signing`` makes it a delegated OCSP responder (id-kp-OCSPSigning)."""
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
    if not ca:  # where a PSrE's OCSP responder would be (only trust refresh contacts it)
        where = x509.UniformResourceIdentifier(ocsp_url)
        aia = x509.AuthorityInformationAccess([x509.AccessDescription(AuthorityInformationAccessOID.OCSP, where)])
        builder = builder.add_extension(aia, critical=False)
    if crl_url:
        point = x509.DistributionPoint([x509.UniformResourceIdentifier(crl_url)], None, None, None)
        builder = builder.add_extension(x509.CRLDistributionPoints([point]), critical=False)
    if ocsp_signing:
        builder = builder.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.OCSP_SIGNING]), critical=False)
        builder = builder.add_extension(x509.OCSPNoCheck(), critical=False)  # as RFC 6960 4.2.2.2.1 advises
    if issuer:
        ski = issuer[0].extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False
        )
    return builder.sign(signer, hashes.SHA256())


def crl(
    issuer: tuple[x509.Certificate, Key],
    revoked: list[x509.Certificate] = (),  # type: ignore[assignment]
    *,
    number: int = 1,
    last: datetime = NOW - DAY,
    next_: datetime = NOW + 30 * DAY,
    name_: x509.Name | None = None,
) -> x509.CertificateRevocationList:
    """A CRL of ``issuer`` (``name_`` to claim another issuer's name while signing with this key)."""
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(name_ or issuer[0].subject)
        .last_update(last)
        .next_update(next_)
        .add_extension(x509.CRLNumber(number), critical=False)
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

    def ca_of(self, cert: x509.Certificate) -> tuple[x509.Certificate, Key]:
        """The CA of this PKI whose certificate is ``cert`` (with its key)."""
        return next(ca for ca in (self.root, self.intermediate, *self.cas) if ca[0] == cert)

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


def make_pki(nip: str = NIP, base_url: str = "") -> TestPki:
    rk = new_key()
    root = (issue(name("Root CA Uji (PSrE UJI)"), rk, None, ca=True, end=NOW + 3650 * DAY), rk)
    ik = new_key()
    root_crl = {"crl_url": f"{base_url}/root.crl"} if base_url else {}
    inter = (issue(name("CA Antara Uji"), ik, root, ca=True, **root_crl), ik)
    ok2 = new_key()
    other_inter = (issue(name("CA Antara Uji Tanpa CRL"), ok2, root, ca=True, **root_crl), ok2)
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
        if base_url:
            extra = {**extra, "ocsp_url": f"{base_url}/ocsp"}
            extra.update({"crl_url": f"{base_url}/antara.crl"} if issuer is inter else {})
        cert = issue(name(f"Pejabat Uji {case}", number=number), k, issuer, **extra)  # type: ignore[arg-type]
        pki.officials[case] = (cert, k)
        pki.chains[case] = [issuer[0]]
    pki.crls = {"root": crl(root), "antara": crl(inter, [pki.cert("revoked")])}
    return pki


def ocsp_response(pki: TestPki, case: str, *, revoked: bool = False) -> bytes:
    """A DER OCSP response about ``case``'s certificate, signed by its issuing CA (good or revoked)."""
    cert, issuer = pki.cert(case), pki.chains[case][0]
    return ocsp_answer(cert, issuer, pki.ca_of(issuer), status="revoked" if revoked else "good")


def ocsp_answer(
    cert: x509.Certificate,
    issuer: x509.Certificate,
    signer: tuple[x509.Certificate, Key],
    *,
    status: str = "good",
    nonce: bytes | None = None,
    this_update: datetime = NOW - DAY,
    next_update: datetime | None = NOW + 7 * DAY,
    include: tuple[x509.Certificate, ...] = (),
) -> bytes:
    """A DER OCSP response about ``cert`` (``status`` good|revoked|unknown) signed by ``signer``
    (the issuing CA, a delegated responder, or anyone a test wants), echoing ``nonce`` when given."""
    from cryptography.x509 import ocsp

    statuses = {
        "good": ocsp.OCSPCertStatus.GOOD,
        "revoked": ocsp.OCSPCertStatus.REVOKED,
        "unknown": ocsp.OCSPCertStatus.UNKNOWN,
    }
    builder = (
        ocsp.OCSPResponseBuilder()
        .add_response(
            cert=cert,
            issuer=issuer,
            algorithm=hashes.SHA1(),
            cert_status=statuses[status],
            this_update=this_update,
            next_update=next_update,
            revocation_time=NOW - 2 * DAY if status == "revoked" else None,
            revocation_reason=None,
        )
        .responder_id(ocsp.OCSPResponderEncoding.HASH, signer[0])
    )
    if nonce is not None:
        builder = builder.add_extension(x509.OCSPNonce(nonce), critical=False)
    if include:
        builder = builder.certificates(list(include))
    return builder.sign(signer[1], hashes.SHA256()).public_bytes(Encoding.DER)
