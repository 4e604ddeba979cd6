"""Sign a PDF with pyHanko using a certificate of the test PKI (tests and benchmarks only)."""

from __future__ import annotations

import io

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko.sign.signers.pdf_signer import PdfSignatureMetadata
from pyhanko_certvalidator.registry import SimpleCertificateStore

from repospbe.pki.asn1names import forget_reverse_names
from tests.helpers.pki import Key, TestPki, issue, key_pem, make_pki, name, new_key

forget_reverse_names()  # pyHanko's signers were just imported (repospbe.pki.asn1names)


def _asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER))


def sign_pdf(data: bytes, cert: x509.Certificate, key: Key, chain: list[x509.Certificate], field: str) -> bytes:
    """``data`` with one more signature (an incremental update), in field ``field``."""
    from cryptography.hazmat.primitives import serialization

    der_key = serialization.load_pem_private_key(key_pem(key), None).private_bytes(
        Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    signer = signers.SimpleSigner(
        signing_cert=_asn1(cert),
        signing_key=asn1_keys.PrivateKeyInfo.load(der_key),
        cert_registry=SimpleCertificateStore.from_certs([_asn1(c) for c in chain]),
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    out = signers.sign_pdf(writer, PdfSignatureMetadata(field_name=field), signer=signer)
    return out.getvalue()


def append_update(data: bytes) -> bytes:
    """``data`` with an unsigned incremental update after it (a new entry in the document catalogue)."""
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    writer.root["/RepospbeUji"] = generic.pdf_string("ditambahkan setelah tanda tangan")
    writer.update_root()
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


KEY = "diskominfo/si-antrean"  # the bundled example app; app.yaml names its BAST signers
VENDOR_NIP = "198503122010011002"  # its penyedia; its ppk holds tests.helpers.pki.NIP


def bast_pki() -> TestPki:
    """The test PKI plus ``vendor`` (the example app's penyedia) and ``stranger`` (named nowhere)."""
    pki = make_pki()
    for case, number in (("vendor", f"NIP:{VENDOR_NIP}"), ("stranger", "NIP:199001012015011001")):
        k = new_key()
        pki.officials[case] = (issue(name(f"Pejabat Uji {case}", number=number), k, pki.intermediate), k)
        pki.chains[case] = [pki.intermediate[0]]
    return pki


def sign(pki: TestPki, data: bytes, case: str, field: str) -> bytes:
    return sign_pdf(data, pki.cert(case), pki.key(case), pki.chains[case], field)


def both(pki: TestPki, data: bytes, vendor: str = "vendor", ppk: str = "valid") -> bytes:
    """Signed by ``vendor`` (field Penyedia), then by ``ppk`` (field PPK), as a BAST is."""
    return sign(pki, sign(pki, data, vendor, "Penyedia"), ppk, "PPK")
