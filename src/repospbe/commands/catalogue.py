"""``repospbe catalogue build|serve``: the auditors' catalogue."""
from __future__ import annotations

from pathlib import Path

from repospbe import output
from repospbe.catalogue import build_catalogue
from repospbe.catalogue.serve import address, make_server
from repospbe.i18n import resolve_lang, t
from repospbe.registry import find_root

DEFAULT_OUT = Path("build") / "katalog"


def _out(root: Path, out: Path | None) -> Path:
    return out if out is not None else root / DEFAULT_OUT


def build(out: Path | None, registry: Path | None, strict: bool, lang: str | None) -> int:
    """Build the catalogue of the registry into ``out`` (default ``<registry>/build/katalog``)."""
    lang = resolve_lang(lang)
    root = find_root(explicit=registry)
    result = build_catalogue(root, _out(root, out), strict=strict)
    console = output.console()
    console.print(t("catalogue.built", lang, apps=result.apps, pages=result.pages, site=str(result.site)))
    pct = 100 * result.compliant / result.apps if result.apps else 100
    console.print(t("catalogue.compliance", lang, ok=result.compliant, apps=result.apps, pct=f"{pct:.0f}"))
    console.print(t("catalogue.search-index", lang, size=f"{result.search_index_bytes / 1024:.0f}"))
    console.print(t("catalogue.open", lang, index=str(result.site / "index.html"), out=str(result.out)))
    return 0


def serve(out: Path | None, registry: Path | None, host: str, port: int, rebuild: bool, lang: str | None) -> int:
    """Serve a built catalogue on localhost until interrupted (``rebuild``: build it first)."""
    lang = resolve_lang(lang)
    if out is None or rebuild:
        root = find_root(explicit=registry)
        out = _out(root, out)
        if rebuild or not (out / "site" / "index.html").is_file():
            build(out, root, True, lang)
    server = make_server(out / "site", host, port)
    output.console().print(t("catalogue.serving", lang, url=address(server)))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
