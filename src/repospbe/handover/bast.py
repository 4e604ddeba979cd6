"""The BAST (Berita Acara Serah Terima) Markdown, rendered from the app template's file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from repospbe.errors import InputError

BAST_TEMPLATE = "templates/aplikasi-khusus/serah-terima/bast.md.j2"
DOC_NAMES = {
    "kebutuhan": "Dokumen kebutuhan perangkat lunak",
    "kak": "Kerangka Acuan Kerja (KAK) perancangan aplikasi",
    "pengujian": "Laporan hasil pengujian",
    "manual": "Manual penggunaan aplikasi",
}


def render(root: Path, context: dict[str, Any]) -> str:
    """Render the BAST template of the registry at ``root`` with ``context``."""
    path = root / BAST_TEMPLATE
    if not path.is_file():
        raise InputError("handover.bast-template-missing", file=BAST_TEMPLATE)
    env = jinja2.Environment(  # noqa: S701 - Markdown output, not HTML
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    try:
        return env.from_string(path.read_text("utf-8")).render(**context)
    except jinja2.TemplateError as exc:
        raise InputError("handover.bast-template-error", file=BAST_TEMPLATE, error=str(exc)[:200]) from None


def document_rows(status: dict[str, str]) -> list[dict[str, str]]:
    """One row per document (bast itself excluded): name and state (ada / belum selesai / tidak ada)."""
    return [{"nama": DOC_NAMES[k], "berkas": f"{k}.md", "status": status[k]} for k in DOC_NAMES]
