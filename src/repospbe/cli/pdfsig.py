"""``repospbe handover bast-pdf``: the BAST rendered to the PDF the vendor and the PPK sign."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Annotated

import typer

from repospbe.cli import output
from repospbe.cli.options import current, h
from repospbe.cli.scaffold import handover_app
from repospbe.i18n import t
from repospbe.pdfsig.bast import render_document
from repospbe.writefile import write_atomic


def bast_pdf(
    app: Annotated[str, typer.Option("--app", help="OPD/APLIKASI")],
    keluaran: Annotated[Path | None, typer.Option("--keluaran", "-o", help=h("opt.pdf-out"))] = None,
) -> int:
    g = current()
    data = render_document(g.root(), app, "bast", g.lang)
    out = keluaran or Path(f"bast-{app.rsplit('/', 1)[-1]}.pdf")
    write_atomic(out, data)
    target = f"registry/apps/{app}/bast.pdf"
    sha = hashlib.sha256(data).hexdigest()
    msg = t("pdfsig.render.written", g.lang, file=str(out), size=len(data), sha=sha, target=target)
    output.console().print(msg, markup=False)
    return 0


def register(app: typer.Typer) -> None:
    """Add ``bast-pdf`` to the ``handover`` group (registered by ``repospbe.cli.scaffold``)."""
    handover_app.command("bast-pdf", help=h("handover-bast-pdf"))(bast_pdf)
