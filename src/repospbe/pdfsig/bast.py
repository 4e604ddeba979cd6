"""A document of an app rendered to the PDF its officials sign (the Markdown stays the source).

``render_document(root, "opd/app", "bast")`` reads ``registry/apps/<opd>/<app>/bast.md``
and the officials app.yaml names for that kind, and returns deterministic PDF bytes:
the same Markdown and officials always give the same file, so the vendor, the PPK and
an auditor can each re-render it and compare before and after signing.
"""

from __future__ import annotations

from pathlib import Path

from repospbe.errors import InputError
from repospbe.i18n import t
from repospbe.pdfsig.render import SignerLine, render_pdf
from repospbe.pdfsig.roles import officials, required_roles
from repospbe.registry.model import MAX_DOCUMENT_BYTES
from repospbe.registry.paths import SLUG_RE
from repospbe.yamlio import load_file, read_text


def render_document(root: Path, key: str, kind: str = "bast", lang: str = "id") -> bytes:
    """The PDF of document ``kind`` of app ``key`` (``opd/app``), with its signature page."""
    parts = key.split("/")
    if len(parts) != 2 or not all(SLUG_RE.match(p) for p in parts) or not SLUG_RE.match(kind):
        raise InputError("pdfsig.render.bad-app", app=key)
    app_dir = root / "registry" / "apps" / parts[0] / parts[1]
    record = load_file(app_dir / "app.yaml", f"registry/apps/{key}/app.yaml").data if app_dir.is_dir() else None
    if not isinstance(record, dict):
        raise InputError("pdfsig.render.no-app", app=key)
    rel = f"registry/apps/{key}/{kind}.md"
    text = read_text(str(root / rel), rel, MAX_DOCUMENT_BYTES)[0] if (root / rel).is_file() else None
    if not text:
        raise InputError("pdfsig.render.no-markdown", file=rel)
    people = [p for p in officials(record) if p.signs(kind)]
    missing = [r for r in required_roles(kind) if r not in {p.role for p in people}]
    if missing:
        raise InputError("pdfsig.render.no-official", app=key, roles=", ".join(missing))
    lines = [SignerLine(t(f"pdfsig.role.{p.role}", lang), p.name, p.ident) for p in people]
    title = f"{kind.upper()} {record.get('nama', key)}"
    return render_pdf(text, title=title, signers=lines, signature_heading=t("pdfsig.render.heading", lang))
