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

from tests.helpers.pki import Key, key_pem


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
