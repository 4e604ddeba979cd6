"""The app page's block of signed PDF documents: who signed each document, as what, and when.

Rows come from ``repospbe.pdfsig.documents.signature_rows`` (the same judgement as
``repospbe check``): a PDF with defects is shown as not valid, with its check ids.
"""

from __future__ import annotations

from repospbe.catalogue.markup import esc, table
from repospbe.pdfsig.documents import signature_rows
from repospbe.registry.model import Registry

ROLES = {"penyedia": "Wakil penyedia", "ppk": "PPK", "kepala_opd": "Kepala OPD", "diskominfo": "Diskominfo"}


def signed_block(reg: Registry, key: str) -> str:
    """An HTML block (empty when the app has no signed PDF: Markdown-only apps look as before)."""
    rows = signature_rows(reg, key)
    if not rows:
        return ""
    cells = [
        (
            esc(r.document or "-"),
            f"<code>{esc(r.path.rsplit('/', 1)[-1])}</code>",
            esc(r.name or "-"),
            esc(r.ident or "-"),
            esc(ROLES.get(r.role, r.role) or "-"),
            esc(r.signed_at or "-"),
            "sah" if r.valid else f"tidak sah: {esc(', '.join(r.problems))}",
        )
        for r in rows
    ]
    headers = ("Dokumen", "Berkas", "Penanda tangan", "NIP/NIK", "Peran", "Waktu tanda tangan", "Keabsahan")
    return '<h3 id="dokumen-bertanda-tangan">Dokumen bertanda tangan elektronik</h3>\n' + table(headers, cells) + "\n"
