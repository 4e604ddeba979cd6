"""The certificates carried by the signatures of the registry's signed PDF documents.

``registry/apps/<opd>/<app>/<doc>.pdf`` (BAST, KAK, ... signed with PAdES) are judged by
``repospbe check`` through ``repospbe.pki.validate`` like certificate-signed decisions, so their
signers' revocation data is refreshed too. A file that is not a PDF pyHanko can read gives no
certificate here (``repospbe check`` reports it); nothing of the PDF is validated at this point.
"""

from __future__ import annotations

import io
from pathlib import Path

from cryptography import x509
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader

MAX_PDF_BYTES = 20 * 1024 * 1024
_PATTERN = "registry/apps/*/*/*.pdf"
_ERRORS = (PdfError, ValueError, KeyError, TypeError, IndexError, AttributeError)


def _of(data: bytes) -> list[x509.Certificate]:
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        out: list[x509.Certificate] = []
        for sig in reader.embedded_regular_signatures:
            for cert in [sig.signer_cert, *sig.other_embedded_certs]:
                out.append(x509.load_der_x509_certificate(cert.dump()))
        return out
    except _ERRORS:
        return []


def pdf_certificates(root: Path) -> list[x509.Certificate]:
    """Every certificate in the signatures of the signed PDFs under ``registry/apps/``."""
    out: list[x509.Certificate] = []
    for path in sorted(root.glob(_PATTERN)):
        if not path.is_file() or path.is_symlink() or path.stat().st_size > MAX_PDF_BYTES:
            continue
        data = path.read_bytes()
        if data.startswith(b"%PDF-"):
            out += _of(data)
    return out
