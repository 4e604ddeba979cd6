"""``repospbe catalogue build|serve``: the auditors' catalogue (MkDocs Material)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from repospbe.catalogue import build_catalogue
from repospbe.catalogue.serve import address, make_server
from repospbe.cli import output
from repospbe.cli.options import current, h
from repospbe.i18n import t

catalogue_app = typer.Typer(help=h("catalogue"), no_args_is_help=True)
Out = Annotated[Path | None, typer.Option("--out", help=h("opt.catalogue-out"))]
DEFAULT_OUT = Path("build") / "katalog"


@catalogue_app.command("build", help=h("catalogue-build"))
def build(
    out: Out = None,
    strict: Annotated[bool, typer.Option("--strict/--no-strict", help=h("opt.strict"))] = True,
    since: Annotated[str | None, typer.Option("--since", help=h("opt.since-maturity"))] = None,
    full: Annotated[bool, typer.Option("--full", help=h("opt.catalogue-full"))] = False,
) -> int:
    """Build the catalogue of the registry into ``out`` (default ``<registry>/build/katalog``);
    app pages whose sources did not change are reused from the last build there (unless ``full``)."""
    g = current()
    root = g.root()
    target = out if out is not None else root / DEFAULT_OUT
    result = build_catalogue(root, target, strict=strict, since=since, incremental=not full)
    console = output.console()
    console.print(t("catalogue.built", g.lang, apps=result.apps, pages=result.pages, site=str(result.site)))
    if result.reused:
        console.print(t("catalogue.reused", g.lang, reused=result.reused, apps=result.apps))
    pct = 100 * result.compliant / result.counted if result.counted else 100  # examples (contoh) never count
    console.print(t("catalogue.compliance", g.lang, ok=result.compliant, apps=result.counted, pct=f"{pct:.0f}"))
    console.print(t("catalogue.search-index", g.lang, size=f"{result.search_index_bytes / 1024:.0f}"))
    console.print(t("catalogue.open", g.lang, index=str(result.site / "index.html"), out=str(result.out)))
    return 0


@catalogue_app.command("serve", help=h("catalogue-serve"))
def serve(
    out: Out = None,
    host: Annotated[str, typer.Option("--host", help=h("opt.host"))] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help=h("opt.port"))] = 8000,
    rebuild: Annotated[bool, typer.Option("--rebuild", help=h("opt.rebuild"))] = False,
) -> int:
    """Serve a built catalogue on localhost until interrupted (``rebuild``: build it first)."""
    if out is None or rebuild:
        out = out if out is not None else current().root() / DEFAULT_OUT
        if rebuild or not (out / "site" / "index.html").is_file():
            build(out=out, strict=True)
    server = make_server(out / "site", host, port)
    output.console().print(t("catalogue.serving", current().lang, url=address(server)))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def register(app: typer.Typer) -> None:
    app.add_typer(catalogue_app, name="catalogue")
